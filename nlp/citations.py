"""Legal citations: statutes, regulations, public laws, orders, memoranda, sections of this order.

Component ``eolens_citations`` writes ``doc.spans["citation"]`` with label_ = the normalised
citation:

* "44 U.S.C. 3552(b)(6)(A)", "50 U.S.C. 4501 et seq."; "section 1030 of title 18, United
  States Code" -> "18 U.S.C. 1030"; "chapter 35 of title 44, United States Code" ->
  "44 U.S.C. chapter 35";
* "15 CFR 7.3" (also "C.F.R.", "part 7 of title 15, Code of Federal Regulations" ->
  "15 CFR part 7");
* "Public Law 117-167" (also "Pub. L. 117-167", "Pub. L. No. 117-167");
* "Executive Order 14110" (also "E.O. 14110", "Executive Order 14110 of October 30, 2023",
  each number of "Executive Orders 13694 and 14144"); "Proclamation 9704";
* OMB memoranda and circulars "M-24-10", "OMB Circular A-130"; presidential memoranda and
  directives "NSM-25", "NSPM-11", "PPD-21", "HSPD-12";
* "88 FR 75191"; named Acts ("Defense Production Act", "CHIPS Act of 2022");
* sections of this order: "section 4.1(a) of this order" -> "Sec. 4.1(a)".

Citation forms do not tokenise into stable token patterns ("3552(b)(6)(A)" is one token or
five depending on the characters around it), so they are found with regular expressions on the
doc text and aligned to tokens with ``doc.char_span(..., alignment_mode="expand")``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from eolens.nlp.pipeline import BatchedComponent, doc_text, keep_text
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

SPAN_KEY = "citation"

_SUB = r"(?:\([A-Za-z0-9]{1,6}\))*"
_SECNUM = r"\d+[A-Za-z]?(?:-\d+)?" + _SUB

_USC = re.compile(
    r"\b(?P<title>\d+)\s+U\.\s?S\.\s?C\.?\s*(?:§+\s*)?(?P<sec>" + _SECNUM + r")"
    r"(?P<seq>\s+et\s+seq\.?)?"
)
_USC_LONG = re.compile(
    r"\b(?P<kind>sections?|chapters?|subchapters?)\s+(?P<sec>"
    + _SECNUM
    + r"(?:(?:,\s*|,?\s+(?:and|or|through)\s+)"
    + _SECNUM
    + r")*)\s+of\s+title\s+(?P<title>\d+)"
    r",?\s+(?:of\s+the\s+)?United\s+States\s+Code(?P<seq>\s+et\s+seq\.?)?",
    re.IGNORECASE,
)
_TITLE_ONLY = re.compile(
    r"\btitle\s+(?P<title>\d+),?\s+(?:of\s+the\s+)?United\s+States\s+Code\b", re.IGNORECASE
)
_CFR = re.compile(
    r"\b(?P<title>\d+)\s+C\.?\s?F\.?\s?R\.?\s+(?P<part>(?:part|parts)\s+)?(?:§+\s*)?"
    r"(?P<sec>\d+(?:\.\d+)?" + _SUB + r")"
)
_CFR_LONG = re.compile(
    r"\b(?P<kind>part|section)\s+(?P<sec>\d+(?:\.\d+)?" + _SUB + r")\s+of\s+title\s+"
    r"(?P<title>\d+),?\s+(?:of\s+the\s+)?Code\s+of\s+Federal\s+Regulations",
    re.IGNORECASE,
)
_PUBLIC_LAW = re.compile(
    r"\b(?:Public\s+Law|Pub\.\s?L\.)\s+(?:No\.\s+)?(?P<congress>\d+)\s?[-–]\s?(?P<num>\d+)"
)
_EO = re.compile(r"\b(?:Executive\s+Order|E\.\s?O\.|EO)\s+(?:No\.\s+)?(?P<num>\d{4,5})\b")
_PROCLAMATION = re.compile(r"\bProclamation\s+(?:No\.\s+)?(?P<num>\d{4,5})\b")
_EO_PLURAL = re.compile(
    r"\bExecutive\s+Orders\s+(?P<nums>\d{4,5}(?:(?:,\s*|,?\s+(?:and|or)\s+)\d{4,5})+)"
)
_OMB_MEMO = re.compile(r"\bM[-–‑](?P<y>\d{2})[-–‑](?P<n>\d{2,3})\b")
_CIRCULAR = re.compile(r"\b(?:OMB\s+)?Circular\s+(?:No\.\s+)?A[-–‑](?P<n>\d+)\b")
_PRES_MEMO = re.compile(r"\b(?P<kind>NSPM|NSM|PPD|HSPD|NSD|PDD|EO)[-–]\s?(?P<n>\d+)\b")
_PRES_MEMO_LONG = re.compile(
    r"\b(?P<kind>National\s+Security\s+Presidential\s+Memorandum|National\s+Security\s+"
    r"Memorandum|Presidential\s+Policy\s+Directive|Homeland\s+Security\s+Presidential\s+"
    r"Directive|National\s+Security\s+Directive)(?:/|\s+|\s+No\.\s+|-)(?P<n>\d+)\b"
)
_LONG_KINDS = {
    "national security presidential memorandum": "NSPM",
    "national security memorandum": "NSM",
    "presidential policy directive": "PPD",
    "homeland security presidential directive": "HSPD",
    "national security directive": "NSD",
}
_FR = re.compile(r"\b(?P<vol>\d{2,3})\s+FR\s+(?P<page>\d{3,6})\b")
_ACT = re.compile(
    r"\b(?P<name>(?:[A-Z][A-Za-z0-9’'.-]*|of|and|for|the|on|to|in)(?:\s+(?:[A-Z][A-Za-z0-9’'.-]*"
    r"|of|and|for|the|on|to|in|a))*\s+Act)(?P<year>\s+of\s+\d{4})?\b"
)
# the characters of _ACT's words, as its classes list them
_ACT_WORD_CHARS = frozenset(string.ascii_letters + string.digits + "’'.-")
_THIS_SECTION = re.compile(
    r"\b(?:sub)?sections?\s+(?P<pin>\d+(?:\.\d+)*" + _SUB + r")(?P<tail>\s+of\s+this\s+"
    r"(?:order|memorandum|proclamation))?",
    re.IGNORECASE,
)
# A bare "section 155(b)(1)" is a statute's section: orders do not run to 40 sections.
_MAX_ORDER_SECTION = 40
_LIST_SPLIT = re.compile(r",\s*|,?\s+(?:and|or|through)\s+")


def _usc(title: str, sec: str, seq: str | None) -> str:
    return f"{title} U.S.C. {sec}" + (" et seq." if seq else "")


def _cue_starts(text: str, cues: tuple[str, ...]) -> list[int]:
    """Where any of ``cues`` occurs in ``text``, ascending."""
    starts = []
    for cue in cues:
        i = text.find(cue)
        while i != -1:
            starts.append(i)
            i = text.find(cue, i + 1)
    return sorted(set(starts))


def _finditer_at(pattern: re.Pattern, text: str, starts: list[int]) -> Iterator[re.Match]:
    r"""``pattern.finditer(text)`` when every match begins at one of ``starts`` (ascending):
    a pattern that opens with ``\b`` gives the regex engine no literal to skip ahead to, so
    ``finditer`` tries it at every character, and trying it only where a match can begin is
    many times faster. ``match(text, pos)`` sees the characters before ``pos``, so ``\b``
    holds where it would."""
    end = 0
    for pos in starts:
        if pos >= end and (m := pattern.match(text, pos)):
            end = m.end()
            yield m


def _usc_starts(text: str) -> list[int]:
    r"""Where a ``_USC`` match can begin: at the digits of a title, whitespace and "U."
    (``\d`` and ``\s`` are ``str.isdecimal`` and ``str.isspace``)."""
    starts = []
    q = text.find("U.")
    while q != -1:
        i = q
        while i > 0 and text[i - 1].isspace():
            i -= 1
        j = i
        while j > 0 and text[j - 1].isdecimal():
            j -= 1
        if j < i < q:
            starts.append(j)
        q = text.find("U.", q + 2)
    return starts


_PRES_MEMO_KINDS = ("NSPM", "NSM", "PPD", "HSPD", "NSD", "PDD", "EO")


def _section_starts(text: str, lower: str) -> list[int] | None:
    """Where a ``_THIS_SECTION`` match can begin ("section" or "subsection" in ``lower``), or
    None when ``lower`` may not line up with what the case-insensitive pattern matches: when
    lower-casing changed the length ("İ" becomes two characters) or the text holds "ı" or "ſ",
    the only other characters the pattern takes for a letter of "subsection"."""
    if len(lower) != len(text) or "ı" in text or "ſ" in text:
        return None
    starts = []
    i = lower.find("section")
    while i != -1:
        if i >= 3 and lower.startswith("sub", i - 3):
            starts.append(i - 3)
        starts.append(i)
        i = lower.find("section", i + 7)
    return starts


def _act_scan_start(text: str) -> int:
    """Where ``_ACT`` can first match: a name ends in whitespace and "Act" and holds only
    whitespace and the characters of its words, so no match begins before the run of those
    that leads to the first such "Act". ``finditer`` from there skips trying the pattern at
    every character before it."""
    a = text.find("Act")
    while a != -1 and not (a > 0 and text[a - 1].isspace()):
        a = text.find("Act", a + 1)
    if a == -1:
        return len(text)
    while a > 0 and (text[a - 1] in _ACT_WORD_CHARS or text[a - 1].isspace()):
        a -= 1
    return a


def _acts(text: str) -> Iterator[tuple[int, int, str]]:
    """Named Acts ("Defense Production Act", "CHIPS Act of 2022") in ``text``."""
    if " Act" in text:
        for m in _ACT.finditer(text, _act_scan_start(text)):
            name = m["name"]
            if re.search(r"\bto\s+Act$", name):
                continue  # "... designated to Act as Chair": the verb
            # An Act's name has no "the" inside: "Convening the Endangered Species Act",
            # "Implementation of the Infrastructure Investment and Jobs Act" name the Act after it.
            name = re.split(r"\s(?:the|The)\s", name)[-1]
            name = re.sub(r"^(?:(?:the|of|and|for|on|to|in|This|An?)\s+)+", "", name)
            words = [w for w in name.split() if w[:1].isupper()]
            if len(words) >= 3 or (len(words) >= 2 and m["year"]):
                start = m.start() + m.group(0).index(name)
                year = re.sub(r"\s+", " ", m["year"] or "")
                yield start, m.end(), re.sub(r"\s+", " ", name) + year


_DIGIT = re.compile(r"\d")


def _has_digit(text: str) -> bool:
    r"""Whether ``text`` holds a character ``\d`` matches (one-character searches are far
    cheaper than a regular expression; only text beyond ASCII can hold other digits)."""
    if (
        "0" in text
        or "1" in text
        or "2" in text
        or "3" in text
        or "4" in text
        or "5" in text
        or "6" in text
        or "7" in text
        or "8" in text
        or "9" in text
    ):
        return True
    return not text.isascii() and _DIGIT.search(text) is not None


def find_citations(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, normalised citation) for every citation in ``text`` (may overlap)."""
    if not _has_digit(text):
        # Every citation but a named Act has a number: most paragraphs have none.
        yield from _acts(text)
        return
    # Cheap substring tests first: most paragraphs cite nothing.
    has_code = "United States Code" in text
    lower = text.lower()
    has_section = "section" in lower
    if "U.S" in text or "U. S" in text:
        for m in _finditer_at(_USC, text, _usc_starts(text)):
            yield m.start(), m.end(), _usc(m["title"], m["sec"], m["seq"])
    if has_code:
        for m in _USC_LONG.finditer(text):
            kind = m["kind"].lower()
            secs = ", ".join(s for s in _LIST_SPLIT.split(m["sec"]) if s)
            if kind.startswith("chapter") or kind.startswith("subchapter"):
                label = f"{m['title']} U.S.C. {kind.rstrip('s')} {secs}"
            else:
                label = _usc(m["title"], secs, m["seq"])
            yield m.start(), m.end(), label
    if has_code:
        for m in _TITLE_ONLY.finditer(text):
            yield m.start(), m.end(), f"{m['title']} U.S.C."
    if "CFR" in text or "C.F.R" in text:
        for m in _CFR.finditer(text):
            part = "part " if m["part"] else ""
            yield m.start(), m.end(), f"{m['title']} CFR {part}{m['sec']}"
    if "Federal Regulations" in text:
        for m in _CFR_LONG.finditer(text):
            part = "part " if m["kind"].lower() == "part" else ""
            yield m.start(), m.end(), f"{m['title']} CFR {part}{m['sec']}"
    if "Law" in text or "Pub." in text:
        for m in _finditer_at(_PUBLIC_LAW, text, _cue_starts(text, ("Pub",))):
            yield m.start(), m.end(), f"Public Law {m['congress']}-{m['num']}"
    if "Executive Order" in text or "E.O" in text or "E. O" in text or "EO " in text:
        for m in _finditer_at(_EO, text, _cue_starts(text, ("Executive", "E.", "EO"))):
            yield m.start(), m.end(), f"Executive Order {m['num']}"
    if "Proclamation" in text:
        for m in _PROCLAMATION.finditer(text):
            yield m.start(), m.end(), f"Proclamation {m['num']}"
    if "Executive Orders" in text:
        for m in _EO_PLURAL.finditer(text):
            first = True
            for n in re.finditer(r"\d{4,5}", m["nums"]):
                start = m.start() if first else m.start("nums") + n.start()
                yield start, m.start("nums") + n.end(), f"Executive Order {n.group(0)}"
                first = False
    if "M-" in text or "M–" in text:
        for m in _finditer_at(_OMB_MEMO, text, _cue_starts(text, ("M-", "M–", "M‑"))):
            yield m.start(), m.end(), f"M-{m['y']}-{m['n']}"
    if "Circular" in text:
        for m in _CIRCULAR.finditer(text):
            yield m.start(), m.end(), f"OMB Circular A-{m['n']}"
    # Only the NS* and P*D kinds are yielded: without one of them there is nothing to find.
    if ("-" in text or "–" in text) and ("NS" in text or "PD" in text):
        for m in _finditer_at(_PRES_MEMO, text, _cue_starts(text, _PRES_MEMO_KINDS)):
            if m["kind"] != "EO":
                yield m.start(), m.end(), f"{m['kind']}-{m['n']}"
    if "Memorandum" in text or "Directive" in text:
        for m in _PRES_MEMO_LONG.finditer(text):
            kind = _LONG_KINDS[re.sub(r"\s+", " ", m["kind"].lower())]
            yield m.start(), m.end(), f"{kind}-{m['n']}"
    if " FR " in text:
        for m in _FR.finditer(text):
            yield m.start(), m.end(), f"{m['vol']} FR {m['page']}"
    yield from _acts(text)
    if has_section:
        starts = _section_starts(text, lower)
        found = (
            _THIS_SECTION.finditer(text)
            if starts is None
            else _finditer_at(_THIS_SECTION, text, starts)
        )
        for m in found:
            after = text[m.end() : m.end() + 4]
            bare = (
                m.group(0)[0].islower()
                and not re.match(r"\s+of\b", after + " ")
                and int(re.match(r"\d+", m["pin"]).group(0)) <= _MAX_ORDER_SECTION
            )
            if m["tail"] or bare:
                # "section 4.1(a)" alone refers to this order; "section 232 of the Act" and
                # "section 155(b)(1)" do not, and a capitalised "Section 1." alone is a heading
                yield m.start(), m.end(), f"Sec. {m['pin']}"


class CitationRecogniser(BatchedComponent):
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        # find_citations tests for cue substrings before each regular expression, so a
        # paragraph that cites nothing costs a few substring searches.
        for start, end, label in find_citations(doc_text(doc)):
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[SPAN_KEY] = sorted(filter_spans(spans), key=lambda s: s.start) if spans else []
        return doc


@Language.factory("eolens_citations")
def make_citation_recogniser(nlp: Language, name: str) -> CitationRecogniser:
    keep_text(nlp)  # regular expressions run on the doc text; keep it instead of rebuilding it
    return CitationRecogniser()
