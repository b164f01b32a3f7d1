"""Deadlines: finding the phrases (spaCy Matcher, patterns in patterns/deadlines.jsonl) and
resolving them to dates with their working (our own grammar; dateutil ``relativedelta`` for the
arithmetic, never a free-text date parser).

Kinds (``Deadline.kind``):

* ``relative``  "within 30 days of the date of this order" -> signing date + 30 days;
* ``absolute``  "by July 31, 2026", "no later than January 1, 2027", "by the end of fiscal year
  2026" (September 30, the end of the Federal fiscal year);
* ``event``     "within 60 days of the issuance of the guidance described in subsection 4.1(a)":
  no date; the anchor is kept and the pinpoint it names goes to ``anchor_pinpoint`` *as
  written* (a bare "(b)" from "subsection (b) of this section" is left for the caller to join
  with the current section). A duration with no anchor at all ("within 30 days,") is also
  ``event`` with anchor None: no date is invented;
* ``recurring`` "annually", "every 180 days thereafter", "on a quarterly basis"; when a first
  deadline is stated ("within 180 days of the date of this order and annually thereafter") its
  date is the first due date.

Durations that are not deadlines ("for a period of 2 years", "retained for 90 days", "up to 30
days before") never match: a deadline needs a deadline word (within, not later than, by, ...).

Component ``eolens_deadlines`` writes ``doc.spans["deadline"]`` with label_ = kind.
"""

from __future__ import annotations

import calendar
import dataclasses
import json
import re
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from dateutil.relativedelta import relativedelta
from eolens.nlp.model import Deadline
from eolens.nlp.pipeline import BatchedComponent, doc_text, keep_text, longest_spans
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

PATTERNS = Path(__file__).resolve().parent / "patterns" / "deadlines.jsonl"
SPAN_KEY = "deadline"

_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
}
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({"jan": 1, "feb": 2, "aug": 8, "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12})

_NUMBER = r"(?:\d+|(?:[a-z]+(?:[\s-]+(?:and\s+)?[a-z]+)*?))"
_UNIT = r"(?P<cal>calendar\s+|business\s+|working\s+)?(?P<unit>day|week|month|year)s?\b"
_DURATION = re.compile(
    r"(?P<num>" + _NUMBER + r")\s*(?:\(\s*(?P<paren>\d+)\s*\)\s*)?" + _UNIT, re.IGNORECASE
)
_TRIGGER = re.compile(
    r"\b(?:within|(?:not|no)\s+later\s+than|(?:not|no)\s+more\s+than)\s+", re.IGNORECASE
)
_ANCHOR = re.compile(
    r"^\s*(?:of|after|from|following)\s+(?P<anchor>.+)$", re.IGNORECASE | re.DOTALL
)
_THIS_INSTRUMENT = re.compile(
    r"^(?:the\s+)?(?:date\s+of\s+)?(?:this|the)\s+(?:order|memorandum|proclamation|directive)"
    r"(?:'s|’s)?(?:\s+date)?\b|^the\s+date\s+of\s+(?:this|the)\s+"
    r"(?:order|memorandum|proclamation|directive)\b|^(?:the\s+)?issuance\s+of\s+this\s+"
    r"(?:order|memorandum)\b",
    re.IGNORECASE,
)
_DATE_MDY = re.compile(r"\b(?P<month>[A-Z][a-z]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b")
_DATE_MY = re.compile(r"\b(?P<month>[A-Z][a-z]+)\.?\s+(?P<year>\d{4})\b")
_FISCAL = re.compile(
    r"\bend\s+of\s+(?:fiscal\s+year|FY)\s*(?:\(FY\)\s*)?(?P<year>\d{4}|\d{2})\b", re.IGNORECASE
)
_CALENDAR_END = re.compile(r"\bend\s+of\s+(?:calendar\s+year\s+)?(?P<year>\d{4})\b", re.IGNORECASE)
_RECUR_EVERY = re.compile(
    r"\b(?:every|each)\s+(?P<num>" + _NUMBER + r")\s*(?:\(\s*(?P<paren>\d+)\s*\)\s*)?" + _UNIT,
    re.IGNORECASE,
)
_RECUR_WORD = re.compile(
    r"\b(?P<w>annually|yearly|quarterly|monthly|weekly|semi-?annually|biannually|biennially)\b"
    r"|\bon\s+an?\s+(?P<b>annual|yearly|quarterly|monthly|weekly|semi-?annual|biannual|"
    r"biennial)\s+basis\b"
    r"|\b(?:every|each|once\s+(?:a|per|each|every))\s+(?P<e>week|month|quarter|year|"
    r"fiscal\s+year)\b",
    re.IGNORECASE,
)
_RECUR_YEARLY_DATE = re.compile(
    r"\b(?P<month>[A-Z][a-z]+)\s+(?P<day>\d{1,2})\s+of\s+(?:each|every)\s+"
    r"(?:calendar\s+|fiscal\s+)?year\b"
)
_RECUR_NAME = {
    "annually": "annually",
    "yearly": "annually",
    "annual": "annually",
    "year": "annually",
    "fiscal year": "annually (each fiscal year)",
    "quarterly": "quarterly",
    "quarter": "quarterly",
    "monthly": "monthly",
    "month": "monthly",
    "weekly": "weekly",
    "week": "weekly",
    "day": "daily",
    "semiannually": "semiannually",
    "semi-annually": "semiannually",
    "semiannual": "semiannually",
    "semi-annual": "semiannually",
    "biannually": "twice a year",
    "biannual": "twice a year",
    "biennially": "every 2 years",
    "biennial": "every 2 years",
}
_PINPOINT = re.compile(
    r"\b(?:sub)?sections?\s+(?P<pin>\d+(?:\.\d+)*(?:\([A-Za-z0-9]+\))*|\([A-Za-z0-9]+\)"
    r"(?:\([A-Za-z0-9]+\))*)",
    re.IGNORECASE,
)


def number_value(text: str) -> int | None:
    """ "30" -> 30, "ninety" -> 90, "one hundred eighty" -> 180, "forty-five" -> 45."""
    t = text.strip().lower()
    if t.isdigit():
        return int(t)
    total, current, any_word = 0, 0, False
    for word in re.split(r"[\s-]+", t):
        if word == "and":
            continue
        if word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif word in _WORDS:
            current += _WORDS[word]
        else:
            return None
        any_word = True
    return total + current if any_word else None


def _duration(m: re.Match) -> tuple[int, str, bool] | None:
    n = int(m.group("paren")) if m.group("paren") else number_value(m.group("num"))
    if n is None:
        return None
    business = bool(m.group("cal")) and m.group("cal").strip().lower() in ("business", "working")
    return n, m.group("unit").lower(), business


def _add(start: date, n: int, unit: str, business: bool) -> date:
    if business and unit == "day":
        d, left = start, n
        while left:
            d += timedelta(days=1)
            if d.weekday() < 5:
                left -= 1
        return d
    return start + relativedelta(**{unit + "s": n})


def _plural(n: int, unit: str, business: bool) -> str:
    word = ("business " if business and unit == "day" else "") + unit
    return f"{n} {word}" + ("" if n == 1 else "s")


def _counted(signed: date, n: int, unit: str, business: bool) -> tuple[date, str]:
    """The date ``n`` units after ``signed``, with its working ("2026-06-02 + 30 days = ...")."""
    when = _add(signed, n, unit, business)
    return when, f"{signed.isoformat()} + {_plural(n, unit, business)} = {when.isoformat()}"


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _absolute(text: str) -> tuple[date, str] | None:
    m = _FISCAL.search(text)
    if m:
        year = int(m.group("year"))
        year = year + 2000 if year < 100 else year
        d = date(year, 9, 30)
        return (
            d,
            f"end of fiscal year {year} = {d.isoformat()} (the Federal fiscal year ends Sep 30)",
        )
    for m in _DATE_MDY.finditer(text):
        month = _MONTHS.get(m.group("month").lower())
        if month:
            try:
                d = date(int(m.group("year")), month, int(m.group("day")))
            except ValueError:
                continue
            return d, f"stated date {m.group(0)} = {d.isoformat()}"
    for m in _DATE_MY.finditer(text):
        month = _MONTHS.get(m.group("month").lower())
        if month:
            d = _end_of_month(int(m.group("year")), month)
            return d, f"end of {m.group(0)} = {d.isoformat()}"
    m = _CALENDAR_END.search(text)
    if m:
        d = date(int(m.group("year")), 12, 31)
        return d, f"end of {m.group('year')} = {d.isoformat()}"
    return None


def anchor_pinpoint(anchor: str, pinpoint: str | None = None) -> str | None:
    """The provision an anchor names: "the guidance in subsection 4.1(a)" -> "4.1(a)". A
    relative "subsection (d)(i) of this section" is joined to the section of ``pinpoint`` (the
    provision the deadline is in) when given: ("(d)(i)", "10.1(b)") -> "10.1(d)(i)"."""
    m = _PINPOINT.search(anchor)
    if not m:
        return None
    pin = m.group("pin")
    if pin.startswith("(") and pinpoint:
        return pinpoint.split("(", 1)[0] + pin
    return pin


def _recurrence(text: str) -> tuple[str, re.Match] | None:
    m = _RECUR_YEARLY_DATE.search(text)
    if m and _MONTHS.get(m["month"].lower()):
        return f"annually, by {m['month']} {int(m['day'])}", m
    m = _RECUR_EVERY.search(text)
    if m:
        dur = _duration(m)
        if dur:
            n, unit, business = dur
            return f"every {_plural(n, unit, business)}", m
    m = _RECUR_WORD.search(text)
    if m:
        word = (m.group("w") or m.group("b") or m.group("e")).lower()
        word = re.sub(r"\s+", " ", word)
        return _RECUR_NAME.get(word, word), m
    return None


def counted_from_order(deadline: Deadline, signed: date | None) -> Deadline | None:
    """``deadline`` ("within 15 days", a time limit naming no event) counted from the order's
    date, with that assumption in its working; None when it names an event or no duration.
    For a caller that has read the sentence and found no event the limit could run from
    ("Each shall report to me within 15 days"): ``resolve`` alone never invents a date."""
    if deadline.kind != "event" or deadline.anchor is not None or signed is None:
        return None
    trig = _TRIGGER.search(deadline.text)
    dm = _DURATION.match(deadline.text, trig.end()) if trig else None
    dur = _duration(dm) if dm else None
    if dur is None:
        return None
    when, working = _counted(signed, *dur)
    working += " (no event named: counted from the date of the order)"
    return replace(
        deadline, kind="relative", date=when, anchor="the date of this order", working=working
    )


# A pure function of its arguments returning a frozen record, and orders state the same few
# deadline phrases again and again ("within 90 days of the date of this order").
@lru_cache(maxsize=4096)
def resolve(text: str, signed: date | None, *, pinpoint: str | None = None) -> Deadline:
    """The deadline stated by ``text`` (a deadline phrase), with its date and working.

    ``pinpoint``, the provision the phrase is in, lets a relative anchor ("subsection (b) of
    this section") be given as a full pinpoint in ``anchor_pinpoint``."""
    clean = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    rec = _recurrence(clean)
    # the one-off part: everything before the recurrence words ("... and annually thereafter")
    head = clean[: rec[1].start()] if rec else clean
    kind, when, anchor, working, pin = "none", None, None, None, None

    trig = _TRIGGER.search(head)
    dm = _DURATION.match(head, trig.end()) if trig else None
    if dm is None:
        # "90 days after the date of this order" with no deadline word: only that anchor counts
        # ("retained for 90 days after collection" is a duration, not a deadline).
        bare = _DURATION.search(head)
        after = head[bare.end() :] if bare else ""
        am = re.match(r"\s*(?:after|following)\s+(?P<anchor>.+)$", after, re.IGNORECASE)
        if am and _THIS_INSTRUMENT.match(am.group("anchor")):
            dm = bare
    absolute = None if dm else _absolute(head)
    if dm is not None and (dur := _duration(dm)) is not None:
        n, unit, business = dur
        am = _ANCHOR.match(head[dm.end() :])
        anchor = am.group("anchor").strip(" ,;:.") if am else None
        if anchor and anchor.lower().startswith("and "):
            anchor = None
        if anchor and (inst := _THIS_INSTRUMENT.match(anchor)):
            kind = "relative"
            anchor = inst.group(0)
            if signed is not None:
                when, working = _counted(signed, n, unit, business)
        else:
            kind = "event"
            pin = anchor_pinpoint(anchor, pinpoint) if anchor else None
    elif absolute is not None:
        kind = "absolute"
        when, working = absolute
        if signed is not None and when < signed:
            # "required ... to be disclosed by October 26, 2017": history, not a deadline
            kind, when, working = "none", None, f"{working}, before the signing date {signed}"
    if rec is not None:
        recurrence = rec[0]
        yearly = _RECUR_YEARLY_DATE.search(clean)
        if kind == "none" and yearly and signed is not None:
            # "by January 1 of each year": first due on the next such day after signing
            month, day = _MONTHS[yearly["month"].lower()], int(yearly["day"])
            try:
                when = date(signed.year, month, day)
                if when <= signed:
                    when = date(signed.year + 1, month, day)
                working = f"next {yearly['month']} {day} after {signed.isoformat()} = {when}"
            except ValueError:
                when = None
        if kind == "none" and re.search(
            r"\bafter\s+the\s+date\s+of\s+this\s+(?:order|memorandum)", clean, re.IGNORECASE
        ):
            # "every 30 days after the date of this order": the first one falls due after one
            # interval.
            em = _RECUR_EVERY.search(clean)
            dur = _duration(em) if em else None
            anchor = "the date of this order"
            if dur and signed is not None:
                when, working = _counted(signed, *dur)
        return Deadline(
            text=text,
            kind="recurring",
            date=when,
            anchor=anchor,
            anchor_pinpoint=pin,
            recurrence=recurrence,
            working=working,
        )
    return Deadline(
        text=text, kind=kind, date=when, anchor=anchor, anchor_pinpoint=pin, working=working
    )


def deadline_from_span(
    span: Span, signed: date | None, *, offset: int = 0, pinpoint: str | None = None
) -> Deadline:
    """``resolve`` on a ``doc.spans["deadline"]`` span, with the span's character offsets."""
    resolved = resolve(span.text, signed, pinpoint=pinpoint)
    return dataclasses.replace(resolved, span=(offset + span.start_char, offset + span.end_char))


# -- spaCy component ----------------------------------------------------------------------------

_ANCHOR_WORDS = {"of", "after", "from", "following"}
_ANCHOR_STOP = {",", ";", ":", ".", "shall", "must", "—", "–"}
_MAX_ANCHOR = 30
_PREPOSITIONS = {
    "(",
    "that",
    "which",
    "when",
    "whom",
    "whether",
    "date",
    "day",
    "once",
    "before",
    "until",
    "of",
    "in",
    "by",
    "under",
    "for",
    "with",
    "from",
    "to",
    "on",
    "at",
    "into",
    "described",
    "required",
    "pursuant",
    "establishing",
    "issuing",
    "submitting",
    "completing",
    "receiving",
    "developing",
    "publishing",
    "creating",
    "such",
}
_TO_OK = {
    "pursuant",
    "according",
    "due",
    "subject",
    "related",
    "prior",
    "relating",
    "submitted",
    "provided",
    "sent",
    "delivered",
    "transmitted",
    "referred",
}
# Adverbs such as "quarterly" are also adjectives ("quarterly reports"): keep them only when the
# next word cannot be the noun they modify.
_AFTER_ADVERB = {
    "thereafter",
    "and",
    "or",
    "to",
    "by",
    "on",
    "until",
    "for",
    "in",
    "with",
    "at",
    "beginning",
    "starting",
    "through",
    "as",
    "if",
    "unless",
    "after",
    "from",
}
_ADVERBS = {
    "annually",
    "quarterly",
    "monthly",
    "weekly",
    "semiannually",
    "biannually",
    "biennially",
    "semi-annually",
    "yearly",
}
# Words at least one of which every deadline pattern contains, and how far around them the
# patterns reach ("not later than one hundred eighty (180) calendar days" ends in the unit).
_CANDIDATE_WORDS = frozenset(
    (
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "quarter",
        "annually",
        "quarterly",
        "monthly",
        "weekly",
        "yearly",
        "semiannually",
        "semi-annually",
        "biannually",
        "biennially",
        "basis",
        "fy",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan.",
        "feb.",
        "aug.",
        "sept.",
        "sep.",
        "oct.",
        "nov.",
        "dec.",
        "jan",
        "feb",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
    )
)
_BACK, _AHEAD = 12, 6


_MONTH_NAMES = tuple(m for m in calendar.month_name if m)
# One scan for the twelve names (and "Sept."), not twelve substring searches.
_MONTH_NAME = re.compile("|".join([*_MONTH_NAMES, re.escape("Sept.")]))


def _may_state_deadline(text: str) -> bool:
    """Cheap substring tests: most paragraphs state no deadline."""
    lower = text.lower()
    if "day" in lower or "year" in lower or "month" in lower or "week" in lower:
        return True
    if "annual" in lower or "quarter" in lower or "basis" in lower or "fy" in lower:
        return True
    return "biennial" in lower or _MONTH_NAME.search(text) is not None


_THIS_ORDER = re.compile(r"^(?:the )?date of this|^this (?:order|memorandum)", re.IGNORECASE)


_DATE_TRIGGERS = (
    ("no", "later", "than"),
    ("not", "later", "than"),
    ("on", "or", "before"),
    ("by",),
    ("before",),
)
_NOT_BEFORE_EACH = {"for", "in", "of", "per", "during", "within", "from", "to", "that", "than"}
_AT_LEAST = (
    ("at", "least", "once"),
    ("at", "least"),
    ("not", "less", "than"),
    ("no", "less", "than"),
    ("no", "later", "than"),
    ("not", "later", "than"),
    ("on", "or", "before"),
    ("by",),
)


def _trigger_before(lows: list[int], start: int, triggers) -> int | None:
    """Start of the trigger words (as lower-case hashes) ending right before token ``start``."""
    for words in triggers:
        n = len(words)
        if start >= n and lows[start - n : start] == words:
            return start - n
    return None


def _edge_words(patterns: list[list[dict]], add, edge: int) -> frozenset[int] | None:
    """The lower-case forms (as hashes) a match of one of the token patterns can begin with
    (``edge`` 0) or end with (``edge`` -1), or None when some pattern's token there is
    optional or not given by ``LOWER``."""
    words: set[int] = set()
    for pattern in patterns:
        spec = pattern[edge] if pattern else {}
        lower = spec.get("LOWER")
        if "OP" in spec or lower is None:
            return None
        if isinstance(lower, str):
            words.add(add(lower))
        elif isinstance(lower, dict) and set(lower) == {"IN"}:
            words.update(add(w) for w in lower["IN"])
        else:
            return None
    return frozenset(words)


def _required_words(patterns: list[list[dict]], add) -> list[list[frozenset[int]]] | None:
    """For each token pattern, the lower-case forms (as hashes) of its required tokens given by
    ``LOWER`` (a word or ``{"IN": [...]}``): a window can match the pattern only if it holds
    one of each set. None when some pattern requires no such token (it can match anywhere)."""
    out = []
    for pattern in patterns:
        words = []
        for spec in pattern:
            lower = spec.get("LOWER")
            if "OP" in spec or lower is None:
                continue
            if isinstance(lower, str):
                words.append(frozenset([add(lower)]))
            elif isinstance(lower, dict) and set(lower) == {"IN"}:
                words.append(frozenset(add(w) for w in lower["IN"]))
        if not words:
            return None
        out.append(words)
    return out


class DeadlineRecogniser(BatchedComponent):
    def __init__(self, nlp: Language, path: Path = PATTERNS):
        by_label: dict[str, list] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                by_label.setdefault(row["label"], []).append(row["pattern"])
        add = nlp.vocab.strings.add
        # One Matcher per label, each run only on the windows holding the words its patterns
        # require: most windows can match one or two labels, and the Matcher's time grows
        # with the patterns it tries at every token. A label's longest-match filtering is
        # the Matcher's per label, so its matches are those of one Matcher for all labels.
        self.matchers: dict[str, Matcher] = {}
        # Required words as bits: a window's words OR their bits together, and a pattern can
        # match only if the window has all the bits it needs (one word of each required set).
        self._word_bits: dict[int, int] = {}
        self._needs: dict[str, tuple[int, ...] | None] = {}
        # A Matcher starts a match only at a token its patterns' first token accepts, and when
        # their last token is required, it ends one only at a token that one accepts (and
        # reports it there, whatever follows): the tokens of a window before the first such
        # token and after the last are left out (same matches, fewer tokens to walk).
        self._first: dict[str, frozenset[int] | None] = {}
        self._last: dict[str, frozenset[int] | None] = {}
        self._labels_for: dict[int, list[str]] = {}  # window bits -> labels to try
        bit_of: dict[frozenset[int], int] = {}
        for label, patterns in by_label.items():
            self.matchers[label] = Matcher(nlp.vocab)
            self.matchers[label].add(label, patterns, greedy="LONGEST")
            self._first[label] = _edge_words(patterns, add, 0)
            self._last[label] = _edge_words(patterns, add, -1)
            required = _required_words(patterns, add)
            if required is None:
                self._needs[label] = None
                continue
            needs = []
            for pattern in required:
                need = 0
                for words in pattern:
                    if words not in bit_of:
                        bit_of[words] = 1 << len(bit_of)
                        for w in words:
                            self._word_bits[w] = self._word_bits.get(w, 0) | bit_of[words]
                    need |= bit_of[words]
                needs.append(need)
            self._needs[label] = tuple(needs)
        # The component compares lower-case forms as hashes (Doc.to_array(LOWER)): reading
        # them through Token objects cost more than the Matcher itself.
        self._cand = {add(w) for w in _CANDIDATE_WORDS}
        self._may = add("May")
        self._may_low = add("may")
        self._h = {
            name: frozenset(add(w) for w in words)
            for name, words in (
                ("anchor_words", _ANCHOR_WORDS),
                ("anchor_stop", _ANCHOR_STOP),
                ("and_or", ("and", "or")),
                ("a_an", ("a", "an")),
                ("prepositions", _PREPOSITIONS),
                ("to_ok", _TO_OK),
                ("after_adverb", _AFTER_ADVERB),
                ("adverbs", _ADVERBS),
                ("every_each", ("every", "each")),
                ("not_before_each", _NOT_BEFORE_EACH),
                ("instrument", ("order", "memorandum", "proclamation", "directive")),
                ("joiners", (",", "and", "then", "or", "thereafter")),
            )
        }
        self._strings = nlp.vocab.strings
        self._space: dict[int, bool] = {}
        self._to = add("to")
        self._more = add("more")
        self._thereafter = add("thereafter")
        self._date_triggers = [[add(w) for w in words] for words in _DATE_TRIGGERS]
        self._at_least = [[add(w) for w in words] for words in _AT_LEAST]

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        matches, lows = self._matches(doc, text)
        if not matches:  # most paragraphs
            doc.spans[SPAN_KEY] = []
            return doc
        found: list[tuple[int, int, str]] = []
        recurring: list[tuple[int, int, str]] = []
        n = len(doc)
        h = self._h
        for label, start, span_end in matches:
            if label in ("RELATIVE_HEAD", "BARE_HEAD"):
                end = span_end
                nxt = lows[end] if end < n else None
                if label == "BARE_HEAD":
                    end -= 1  # the "after" is part of the anchor
                    nxt = lows[end]
                if nxt is not None and nxt in h["anchor_words"]:
                    a_end = self._anchor_end(lows, end + 1)
                    # the anchor's text (Span.text joins its tokens, token by token)
                    anchor = (
                        text[doc[end + 1].idx : doc[a_end - 1].idx + len(doc[a_end - 1])]
                        if a_end > end + 1
                        else ""
                    )
                    kind = "relative" if _THIS_ORDER.match(anchor) else "event"
                    if label == "BARE_HEAD" and kind == "event":
                        continue  # a duration ("retained for 90 days after collection")
                    if kind == "relative":
                        a_end = self._this_order_end(lows, end + 1, a_end)
                    found.append((start, a_end, kind))
                elif label == "RELATIVE_HEAD" and lows[start + 1] != self._more:
                    # "within 30 days" with no anchor: a deadline from an unstated event;
                    # "a term of not more than 5 years" is a duration
                    found.append((start, span_end, "event"))
            elif label == "DATE":
                begin = _trigger_before(lows, start, self._date_triggers)
                if begin is not None:
                    found.append((begin, span_end, "absolute"))
            elif label == "RECURRING":
                last = lows[span_end - 1]
                word = last if last != self._thereafter else lows[span_end - 2]
                if (
                    word in h["adverbs"]
                    and last != self._thereafter
                    and span_end < n
                    and doc[span_end].is_alpha
                    and lows[span_end] not in h["after_adverb"]
                ):
                    continue
                if (
                    lows[start] in h["every_each"]
                    and start > 0
                    and lows[start - 1] in h["not_before_each"]
                ):
                    continue  # "the budget for each fiscal year": a scope, not a schedule
                begin = _trigger_before(lows, start, self._at_least)
                begin = start if begin is None else begin
                recurring.append((begin, span_end, "recurring"))
        spans = longest_spans(found)
        spans = self._attach_recurrences(lows, spans, recurring)
        doc.spans[SPAN_KEY] = [
            Span(doc, s, e, label=kind) for s, e, kind in sorted(spans, key=lambda s: s[0])
        ]
        return doc

    def trimmed(self, label: str, lows: list[int], lo: int, hi: int) -> tuple[int, int]:
        """The part of the window ``[lo, hi)`` where a match of ``label`` can lie: from the
        first token its patterns can begin with to the last they can end with."""
        start, end = lo, hi
        first, last = self._first[label], self._last[label]
        if first is not None:
            while start < end and lows[start] not in first:
                start += 1
        if last is not None:
            while end > start and lows[end - 1] not in last:
                end -= 1
        return start, end

    def _matches(self, doc: Doc, text: str) -> tuple[list[tuple[str, int, int]], list[int]]:
        """Matcher hits as (label, start, end), window by window and label by label, and the
        tokens' lower-case hashes. The order is free: no two labels yield spans with the same
        tokens (their first words differ), so ``longest_spans`` never breaks a tie between
        them. The Matchers look only at token windows around the words every deadline pattern
        needs (a unit, a month, a recurrence word): finding those by their hashes is far faster
        than letting a Matcher walk every token."""
        cand, may = self._cand, self._may
        if not _may_state_deadline(text):
            return [], []
        lows = doc.to_array(LOWER).tolist()
        if "May" in text:  # the month, not the verb: only a "may" token can be it
            may_low = self._may_low
            hits = [
                i
                for i, low in enumerate(lows)
                if low in cand or (low == may_low and doc[i].orth == may)
            ]
        else:
            hits = [i for i, low in enumerate(lows) if low in cand]
        if not hits:
            return [], lows
        windows: list[list[int]] = []
        n = len(doc)
        for i in hits:
            lo, hi = max(0, i - _BACK), min(n, i + 1 + _AHEAD)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = hi
            else:
                windows.append([lo, hi])
        out: list[tuple[str, int, int]] = []
        word_bits = self._word_bits
        for lo, hi in windows:
            bits = 0
            for low in lows[lo:hi]:
                bits |= word_bits.get(low, 0)
            labels = self._labels_for.get(bits)
            if labels is None:
                labels = self._labels_for[bits] = [
                    label
                    for label, needs in self._needs.items()
                    if needs is None or any(bits & need == need for need in needs)
                ]
            for label in labels:  # those with a pattern that can match here
                start, end = self.trimmed(label, lows, lo, hi)
                if start == end:
                    continue
                # match offsets are relative to the window
                out.extend(
                    (label, start + s, start + e)
                    for _, s, e in self.matchers[label](doc[start:end])
                )
        return out, lows

    def _anchor_end(self, lows: list[int], start: int) -> int:
        """End of the anchor event: the noun phrase after "of"/"after", stopping where the
        sentence moves on (punctuation, "shall", a coordinated clause, a new object)."""
        h = self._h
        stop, and_or, a_an = h["anchor_stop"], h["and_or"], h["a_an"]
        end = start
        limit = min(len(lows), start + _MAX_ANCHOR)
        while end < limit:
            low = lows[end]
            prev = lows[end - 1] if end > start else None
            if low in stop or low in and_or or self._is_space(low):
                break
            if low in a_an and prev not in h["prepositions"]:
                break  # "... of the guidance a Chief AI Officer": a new object begins
            if low == self._to and prev not in h["to_ok"] and end > start:
                break  # "... of the guidance to coordinate ...": a purpose clause begins
            end += 1
        return end

    def _is_space(self, low: int) -> bool:
        """``Token.is_space`` from the token's lower-case form (``str.isspace`` of its text,
        which lower-casing leaves as it is)."""
        space = self._space.get(low)
        if space is None:
            space = self._space[low] = self._strings[low].isspace()
        return space

    def _this_order_end(self, lows: list[int], start: int, limit: int) -> int:
        instrument = self._h["instrument"]
        for i in range(start, limit):
            if lows[i] in instrument:
                return i + 1
        return limit

    def _attach_recurrences(
        self,
        lows: list[int],
        spans: list[tuple[int, int, str]],
        recurring: list[tuple[int, int, str]],
    ) -> list[tuple[int, int, str]]:
        """Join "within 180 days of the date of this order" + "and annually thereafter"."""
        if not recurring:
            return spans
        joiners = self._h["joiners"]
        out = list(spans)
        by_end = {s[1]: s for s in spans}
        for rec in longest_spans(recurring):
            rec_start, rec_end, _ = rec
            if any(s[0] <= rec_start < s[1] for s in out):
                continue
            joined = None
            for gap in range(0, 4):
                prev = by_end.get(rec_start - gap)
                if prev is not None and all(low in joiners for low in lows[prev[1] : rec_start]):
                    joined = prev
                    break
            if joined is not None:
                out.remove(joined)
                merged = (joined[0], rec_end, "recurring")
                out.append(merged)
                by_end.pop(joined[1], None)
                by_end[merged[1]] = merged
            else:
                out.append(rec)
                by_end[rec_end] = rec
        return longest_spans(out)


@Language.factory("eolens_deadlines")
def make_deadline_recogniser(nlp: Language, name: str) -> DeadlineRecogniser:
    keep_text(nlp)  # the component reads doc text; keeping it saves rebuilding it per doc
    return DeadlineRecogniser(nlp)
