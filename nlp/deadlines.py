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
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from dateutil.relativedelta import relativedelta
from eolens.nlp.model import Deadline
from eolens.nlp.pipeline import BatchedComponent
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

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
                when = _add(signed, n, unit, business)
                working = (
                    f"{signed.isoformat()} + {_plural(n, unit, business)} = {when.isoformat()}"
                )
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
                n, unit, business = dur
                when = _add(signed, n, unit, business)
                working = (
                    f"{signed.isoformat()} + {_plural(n, unit, business)} = {when.isoformat()}"
                )
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


TEXT_KEY = "eolens.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built at most once per doc: spaCy joins the tokens again on every access,
    which costs more than a regular expression over the string. A pipeline built with
    ``keep_text`` stores the string the doc was made from, so it is never rebuilt."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


class TextKeepingTokenizer:
    """Wraps a tokenizer so that each doc keeps the string it was made from (for doc_text)."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):
        if name == "tokenizer":  # not set yet (unpickling): no delegation loop
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def keep_text(nlp: Language) -> Language:
    """Make ``nlp`` keep each doc's text in ``doc.user_data`` (idempotent)."""
    if not isinstance(nlp.tokenizer, TextKeepingTokenizer):
        nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    return nlp


_MONTH_NAMES = tuple(m for m in calendar.month_name if m)


def _may_state_deadline(text: str) -> bool:
    """Cheap substring tests: most paragraphs state no deadline."""
    lower = text.lower()
    if "day" in lower or "year" in lower or "month" in lower or "week" in lower:
        return True
    if "annual" in lower or "quarter" in lower or "basis" in lower or "fy" in lower:
        return True
    return "biennial" in lower or any(m in text for m in _MONTH_NAMES) or "Sept." in text


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


def _trigger_before(doc: Doc, start: int, triggers) -> int | None:
    """Start of the trigger words ending right before token ``start``, if any."""
    for words in triggers:
        n = len(words)
        if start >= n and tuple(t.lower_ for t in doc[start - n : start]) == words:
            return start - n
    return None


class DeadlineRecogniser(BatchedComponent):
    def __init__(self, nlp: Language, path: Path = PATTERNS):
        self.matcher = Matcher(nlp.vocab)
        self._cand: set[int] | None = None
        self._may = 0
        by_label: dict[str, list] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                by_label.setdefault(row["label"], []).append(row["pattern"])
        for label, patterns in by_label.items():
            self.matcher.add(label, patterns, greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        recurring: list[Span] = []
        for span in self._matches(doc):
            label = span.label_
            if label in ("RELATIVE_HEAD", "BARE_HEAD"):
                end = span.end
                nxt = doc[end] if end < len(doc) else None
                if label == "BARE_HEAD":
                    end -= 1  # the "after" is part of the anchor
                    nxt = doc[end]
                if nxt is not None and nxt.lower_ in _ANCHOR_WORDS:
                    a_end = self._anchor_end(doc, end + 1)
                    anchor = doc[end + 1 : a_end].text
                    kind = "relative" if _THIS_ORDER.match(anchor) else "event"
                    if label == "BARE_HEAD" and kind == "event":
                        continue  # a duration ("retained for 90 days after collection")
                    if kind == "relative":
                        a_end = self._this_order_end(doc, end + 1, a_end)
                    found.append(Span(doc, span.start, a_end, label=kind))
                elif label == "RELATIVE_HEAD" and span[1].lower_ != "more":
                    # "within 30 days" with no anchor: a deadline from an unstated event;
                    # "a term of not more than 5 years" is a duration
                    found.append(Span(doc, span.start, span.end, label="event"))
            elif label == "DATE":
                begin = _trigger_before(doc, span.start, _DATE_TRIGGERS)
                if begin is not None:
                    found.append(Span(doc, begin, span.end, label="absolute"))
            elif label == "RECURRING":
                last = span[-1].lower_
                word = last if last != "thereafter" else span[-2].lower_
                if word in _ADVERBS and last != "thereafter" and span.end < len(doc):
                    after = doc[span.end]
                    if after.is_alpha and after.lower_ not in _AFTER_ADVERB:
                        continue
                first = span[0].lower_
                if (
                    first in ("every", "each")
                    and span.start > 0
                    and doc[span.start - 1].lower_ in _NOT_BEFORE_EACH
                ):
                    continue  # "the budget for each fiscal year": a scope, not a schedule
                begin = _trigger_before(doc, span.start, _AT_LEAST)
                begin = span.start if begin is None else begin
                recurring.append(Span(doc, begin, span.end, label="recurring"))
        spans = filter_spans(found)
        spans = self._attach_recurrences(doc, spans, recurring)
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: s.start)
        return doc

    def _matches(self, doc: Doc) -> list[Span]:
        """Matcher hits, looking only at token windows around the words every deadline pattern
        needs (a unit, a month, a recurrence word): finding those by their hashes is far faster
        than letting the Matcher walk every token."""
        strings = doc.vocab.strings
        if self._cand is None:
            self._cand = {strings.add(w) for w in _CANDIDATE_WORDS}
            self._may = strings.add("May")
        cand, may = self._cand, self._may
        text = doc_text(doc)
        if not _may_state_deadline(text):
            return []
        if "May" in text:
            arr = doc.to_array([LOWER, ORTH]).tolist()
            hits = [i for i, (low, orth) in enumerate(arr) if low in cand or orth == may]
        else:  # no token can be "May": the lower-case forms alone decide
            lows = doc.to_array(LOWER).tolist()
            hits = [i for i, low in enumerate(lows) if low in cand]
        if not hits:
            return []
        windows: list[list[int]] = []
        n = len(doc)
        for i in hits:
            lo, hi = max(0, i - _BACK), min(n, i + 1 + _AHEAD)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = hi
            else:
                windows.append([lo, hi])
        out: list[Span] = []
        for lo, hi in windows:
            out.extend(self.matcher(doc[lo:hi], as_spans=True))
        return out

    @staticmethod
    def _anchor_end(doc: Doc, start: int) -> int:
        """End of the anchor event: the noun phrase after "of"/"after", stopping where the
        sentence moves on (punctuation, "shall", a coordinated clause, a new object)."""
        end = start
        limit = min(len(doc), start + _MAX_ANCHOR)
        while end < limit:
            tok = doc[end]
            low = tok.lower_
            prev = doc[end - 1].lower_ if end > start else ""
            if low in _ANCHOR_STOP or tok.is_space or low in ("and", "or"):
                break
            if low in ("a", "an") and prev not in _PREPOSITIONS:
                break  # "... of the guidance a Chief AI Officer": a new object begins
            if low == "to" and prev not in _TO_OK and end > start:
                break  # "... of the guidance to coordinate ...": a purpose clause begins
            end += 1
        return end

    @staticmethod
    def _this_order_end(doc: Doc, start: int, limit: int) -> int:
        for i in range(start, limit):
            if doc[i].lower_ in ("order", "memorandum", "proclamation", "directive"):
                if i + 1 < limit and doc[i + 1].lower_ in ("’s", "'s"):
                    return i + 1
                return i + 1
        return limit

    @staticmethod
    def _attach_recurrences(doc: Doc, spans: list[Span], recurring: list[Span]) -> list[Span]:
        """Join "within 180 days of the date of this order" + "and annually thereafter"."""
        if not recurring:
            return spans
        out = list(spans)
        by_end = {s.end: s for s in spans}
        for rec in filter_spans(recurring):
            if any(s.start <= rec.start < s.end for s in out):
                continue
            joined = None
            for gap in range(0, 4):
                prev = by_end.get(rec.start - gap)
                if prev is not None and all(
                    t.lower_ in (",", "and", "then", "or", "thereafter")
                    for t in doc[prev.end : rec.start]
                ):
                    joined = prev
                    break
            if joined is not None:
                out.remove(joined)
                merged = Span(doc, joined.start, rec.end, label="recurring")
                out.append(merged)
                by_end.pop(joined.end, None)
                by_end[merged.end] = merged
            else:
                out.append(rec)
                by_end[rec.end] = rec
        return filter_spans(out)


@Language.factory("eolens_deadlines")
def make_deadline_recogniser(nlp: Language, name: str) -> DeadlineRecogniser:
    keep_text(nlp)  # the component reads doc text; keeping it saves rebuilding it per doc
    return DeadlineRecogniser(nlp)
