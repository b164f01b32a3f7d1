"""Document metadata detected from what a document itself says.

Title, document type, EO number, signing (or issue) date, Federal Register citation and FR
document number come from the body text in the text convention plus whatever structured
metadata the source carries (YAML front matter, FR XML elements, a scraper's summary block),
passed in as :class:`MetaHints`. Nothing is looked up in a list of known orders: a whitehouse.gov
copy that never prints its EO number gets ``eo_number=None``.

An order that *mentions* another order ("Executive Order 14110 of October 30, 2023 ... is
hereby revoked") is not that order: the EO number is taken only from the order's own heading
("Executive Order 14409 of June 2, 2026" as the first lines of the text), from metadata, or
from a title that *starts* with "Executive Order N".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eolens.nlp.model import DocType, Document, DocumentMeta, PageSpan, SourceFormat
from eolens.nlp.readers.textnorm import clean_inline

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_DATE = r"(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
_DATE_RE = re.compile(_DATE)
_FR_HEADING_RE = re.compile(rf"^Executive Order (?P<num>\d{{4,5}}) of {_DATE}\b", re.M)
_TITLE_EO_RE = re.compile(r"^\s*(?:Executive Order|E\.?O\.?)\s*(?:No\.\s*)?(\d{4,5})\b", re.I)
_TITLE_TAIL_EO_RE = re.compile(r"\((?:EO|E\.O\.|Executive Order)\s+(\d{4,5})\)\s*$", re.I)
_DATELINE_RE = re.compile(rf"THE WHITE HOUSE,?\s*{_DATE}", re.I)
_ORDERING_RE = re.compile(
    r"By the authority vested in me as President.{0,900}?it is hereby ordered", re.I | re.S
)
_MEMO_RE = re.compile(r"^\s*MEMORANDUM FOR\b", re.M)
_OMB_MEMO_RE = re.compile(r"\bM-\d{2}-\d{2}\b|Office of Management and Budget|\bOMB\b")
_NSM_RE = re.compile(r"\b(?:NSPM|NSM|PPD|NSPD)[-‑ ]?\d+\b|\bMemorandum\b", re.I)
_FACT_SHEET_RE = re.compile(r"^\s*fact\s*sheet\b", re.I)
_FR_DOC_RE = re.compile(r"\[?FR Doc\.?\s*(?:No\.\s*)?(\d{2,4})\s*[-–‑]\s*(\d{3,6})")
_FR_CITATION_RE = re.compile(r"\b(\d{1,3})\s+FR\s+(\d{1,6})\b")
_FR_HEADER_RE = re.compile(
    r"Federal Register\s*/\s*Vol\.\s*(\d{1,3}),.*?Presidential Documents\s+(\d{3,6})"
)
_BODY_START_RE = re.compile(r"^\s*(?:By the authority|Sec(?:tion|\.)\s|\(|MEMORANDUM FOR)", re.I)
_LEADING_DATE_LINE_RE = re.compile(rf"^\s*{_DATE}\s*$")


@dataclass(frozen=True)
class MetaHints:
    """Structured metadata a reader found outside the body text. Every field is optional."""

    title: str | None = None
    date: date | None = None  # the source's own date (YAML `date:`, "**Date:**", <DATE>)
    tags: tuple[str, ...] = ()  # whitehouse.gov sections: presidential-actions, fact-sheets ...
    eo_number: int | None = None  # stated by the source's metadata ("Executive Order Number")
    fr_citation: str | None = None
    fr_doc_number: str | None = None


@dataclass(frozen=True)
class DetectedMeta:
    title: str
    doc_type: DocType
    eo_number: int | None
    signed: date | None
    fr_citation: str | None
    fr_doc_number: str | None


def parse_date(text: str) -> date | None:
    """The first "Month D, YYYY" date in ``text`` (any case), or None."""
    # Only a short value is searched: the month pattern is quadratic on one very long word.
    for m in _DATE_RE.finditer(text[:400]):
        d = _to_date(m)
        if d:
            return d
    return None


def _to_date(m: re.Match[str]) -> date | None:
    month = _MONTHS.get(m["month"].lower())
    if not month:
        return None
    try:
        return date(int(m["year"]), month, int(m["day"]))
    except ValueError:
        return None


def fr_heading(text: str) -> tuple[int, date | None] | None:
    """The order's own FR heading at the top: ("Executive Order 14409 of June 2, 2026").

    Only the first few lines before the order's text begins count: an order that lists the
    orders it revokes ("Executive Order 13985 of January 20, 2021" as a line) is not them.
    """
    for line in text.split("\n", 5)[:5]:
        if _BODY_START_RE.match(line):
            break
        m = _FR_HEADING_RE.match(line)
        if m:
            return int(m["num"]), _to_date(m)
    return None


def eo_number_from_title(title: str | None) -> int | None:
    """An EO number from a title that starts with it or ends with "(EO 14110)"; else None."""
    if not title:
        return None
    m = _TITLE_EO_RE.match(title) or _TITLE_TAIL_EO_RE.search(title)
    return int(m[1]) if m else None


def dateline(text: str) -> date | None:
    """The last "THE WHITE HOUSE, <date>" dateline in the text, or None."""
    found = None
    for m in _DATELINE_RE.finditer(text):
        found = _to_date(m) or found
    return found


def fr_doc_number(text: str) -> str | None:
    """ "2026-11415" from "[FR Doc. 2026–11415 Filed ...]" (any dash)."""
    m = _FR_DOC_RE.search(text)
    if not m:
        return None
    year = m[1] if len(m[1]) == 4 else f"20{m[1]}"
    return f"{year}-{m[2]}"


def fr_citation_from_header(text: str) -> str | None:
    """ "91 FR 34565" from an FR running head "Federal Register / Vol. 91, No. 108 / ... 34565"."""
    m = _FR_HEADER_RE.search(text)
    return f"{int(m[1])} FR {int(m[2])}" if m else None


def normalise_fr_citation(text: str | None) -> str | None:
    if not text:
        return None
    m = _FR_CITATION_RE.search(text)
    return f"{int(m[1])} FR {int(m[2])}" if m else None


def _title_from_text(text: str) -> str:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    i = 0
    # Skip a leading date line ("OCTOBER 30, 2023") and the FR heading ("Executive Order N of").
    while i < len(lines) and (
        _LEADING_DATE_LINE_RE.match(lines[i]) or _FR_HEADING_RE.match(lines[i])
    ):
        i += 1
    if i < len(lines) and len(lines[i]) <= 300:
        return lines[i]
    return lines[0][:120] if lines else ""


def _doc_type(text: str, title: str, hints: MetaHints, has_heading: bool) -> DocType:
    head = text[:3000]
    tags = {t.lower() for t in hints.tags}
    if has_heading:
        return "executive_order"
    if _FACT_SHEET_RE.match(title) or "fact-sheets" in tags:
        return "fact_sheet"
    if _MEMO_RE.search(head[:600]):
        return "guidance" if _OMB_MEMO_RE.search(head[:1500]) else "memorandum"
    if _ORDERING_RE.search(head):
        return "executive_order"
    if "presidential-actions" in tags and _NSM_RE.search(title):
        return "memorandum"
    if re.search(r"\bguidance\b", title, re.I) or re.match(r"^\s*M-\d{2}-\d{2}\b", title):
        return "guidance"
    if tags & {"briefings-statements", "statements-releases", "releases", "articles", "remarks"}:
        return "release"
    if "presidential-actions" in tags:
        return "other"
    first = text.split("\n", 2)
    lead = " ".join(first[:2])
    if re.search(r"executive order|presidential memorandum|\bNSP?M\b", lead, re.I):
        # Writing *about* an order, without being one.
        return "commentary"
    return "other"


def detect(text: str, hints: MetaHints | None = None) -> DetectedMeta:
    """Detect metadata from ``text`` (already in the text convention) and ``hints``."""
    hints = hints or MetaHints()
    heading = fr_heading(text)
    title = clean_inline(hints.title) if hints.title else _title_from_text(text)

    eo_number = hints.eo_number
    if eo_number is None and heading:
        eo_number = heading[0]
    if eo_number is None:
        eo_number = eo_number_from_title(title)

    doc_type = _doc_type(text, title, hints, has_heading=heading is not None)
    if eo_number is not None and doc_type in ("other", "release", "commentary"):
        # A title such as "Executive Order 14110: ..." names the document itself.
        doc_type = "executive_order"
    if doc_type not in ("executive_order",):
        # Only orders carry an EO number of their own.
        eo_number = None if hints.eo_number is None else eo_number

    signed = None
    if doc_type in ("executive_order", "memorandum"):
        signed = (heading[1] if heading else None) or dateline(text[-600:])
    if signed is None:
        signed = hints.date
    if signed is None:
        lines = text.split("\n", 3)
        for line in lines[:2]:
            if _LEADING_DATE_LINE_RE.match(line):
                signed = parse_date(line)
                break

    fr_doc = hints.fr_doc_number or fr_doc_number(text[-1500:])
    fr_cit = normalise_fr_citation(hints.fr_citation)
    return DetectedMeta(
        title=title,
        doc_type=doc_type,
        eo_number=eo_number,
        signed=signed,
        fr_citation=fr_cit,
        fr_doc_number=fr_doc,
    )


def detected_document(
    text: str,
    pages: tuple[PageSpan, ...],
    hints: MetaHints,
    *,
    path: str | Path,
    sha256: str,
    source_format: SourceFormat,
) -> Document:
    """A reader's text and pages as a Document, its metadata detected from the text and hints."""
    found = detect(text, hints)
    meta = DocumentMeta(
        title=found.title,
        doc_type=found.doc_type,
        source_path=str(path),
        sha256=sha256,
        source_format=source_format,
        page_count=len(pages),
        eo_number=found.eo_number,
        signed=found.signed,
        fr_citation=found.fr_citation,
        fr_doc_number=found.fr_doc_number,
    )
    return Document(meta=meta, text=text, pages=pages)
