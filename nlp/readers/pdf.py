"""Read a PDF into a :class:`~eolens.nlp.model.Document` following the model's TEXT CONVENTION.

Two text back-ends feed one layout stage:

* **pypdfium2 (the fast path, used for every PDF unless its text cannot be mapped).** Its
  text page gives the page text in content-stream order with ``\r\n`` between visual lines and
  ``\ufffe`` where a line ended in a hyphen. We ask PDFium for boxes only at line starts and
  ends (a few calls per line, not per character), which is enough to segment the page: the left
  "Title 3— The President" column by x, running heads and footers by y and pattern, margin text
  by rotation, paragraphs by indentation, line spacing and short last lines. All 233 PDFs of
  the corpus take this path, at ~20x the speed of pdfplumber's ``extract_text`` (measured by
  ``benchmarks/pdf_read.py``).
* **pdfplumber (the fallback).** Used when PDFium's character list and its text differ in
  length (then box look-ups by index would be wrong), one page at a time with
  ``page.close()``. It builds the same line records from ``page.chars`` (upright characters
  only; pdfminer gives rotated margin text reversed). Measured with
  ``benchmarks/pdf_read.py --compare``: the two paths give word-identical text for 225 of the
  228 FR printings of 2025 and all four FR orders at the top of the corpus (identical text,
  page map and metadata for EO 14409); the three others differ by one missing space
  (pdfplumber's gap rule), one accent order, and the tables of the pay-schedule order. On the
  OMB memo the pdfplumber path keeps footnotes and loses superscript detection, which is why
  PDFium is preferred. A file PDFium cannot open is reported, not retried with pdfminer
  (which loops on some crafted files).

Layouts: the Federal Register "Presidential Documents" printing (detected by its running heads
and "VerDate" footers), and a generic layout (agency memos such as the OMB guidance: page
numbers, footnotes, numbered outlines). Footnote bodies are dropped from the text (their
reference marks too), because moving them to the end would put their text on the wrong page.

Line-end hyphens are resolved without a word list: a hyphen is kept when the same compound
appears hyphenated elsewhere in the document, dropped when the joined word appears elsewhere,
otherwise kept after an acronym or a digit, before a capital or a digit, inside a URL, in a
few always-hyphenated compounds ("self-", "so-called") and before a productive second element
of a compound modifier after a whole word ("wildfire-related", "risk-based", "long-term"), and
dropped in every other case.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from eolens.nlp.model import DocType, Document, DocumentMeta, ReadError
from eolens.nlp.readers.meta import detect
from eolens.nlp.readers.textnorm import TextBuilder, clean_inline, sha256_file

__all__ = ["pdf_page_count", "read_pdf"]

ProgressFn = Callable[[int, int], None]

_HYPHEN = "\ufffe"  # PDFium's mark for a hyphen at a line end; we use it for both back-ends
_SUP_OPEN, _SUP_CLOSE = "\ue001", "\ue002"  # around superscript digits until they are resolved
_SUP = re.compile("\ue001(\\d+)\ue002")
_MARKER = re.compile(r"^(?:\(\w{1,5}\)|\w{1,5}[.)])\s+")
_DIGITS = re.compile(r"\d+")
_PARA_MARKER = re.compile(
    r"^(?:“?(?:Sec\.|Section)\s+\d+[\w.]*\.\s|\((?:[a-z]{1,3}|[ivxl]+|[A-Z]|\d{1,2})\)\s)"
)
_TRIGGER = set(",.;:’”)") | {"'", '"'}

# Federal Register furniture.
_VERDATE = re.compile(r"^VerDate\b")
_RUNNING_HEAD = re.compile(
    r"^(?:(?P<a>\d{1,6})\s+)?Federal Register\s*/\s*Vol\.\s*(?P<vol>\d+),\s*No\.\s*\d+\s*/"
    r".*?(?:\s(?P<b>\d{1,6}))?\s*$"
)
_BARE_NUMBER = re.compile(r"^\d{1,6}$")
_LEFT_FURNITURE = re.compile(
    r"^(?:\[FR Doc\.|Billing code|Filed \d|Federal Register$|Title 3\s*—|The President$"
    r"|Vol\.\s*\d+,\s*No\.\s*\d+$|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \w+ \d{1,2}, \d{4}$)"
)
_FR_DOC = re.compile(r"\[FR Doc\.\s*([0-9]{4})\s*[–—-]\s*([0-9]+)")
_FR_END = re.compile(r"^(?:\[FR Doc\.|Filed \d+\s*[–—-]|Billing code\b)")
_VOL = re.compile(r"^Vol\.\s*(\d+),\s*No\.")
_GPH = re.compile(r"\S*</GPH>")
# GPO sets hyphens inside identifiers as en dashes ("COVID–19", "M–24–10", "2026–11415").
_EN_DASH_HYPHEN = re.compile(r"(?<=[A-Za-z0-9])–(?=[A-Za-z0-9])")
_PAGE_NUMBER = re.compile(r"^(?:Page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?P<kind>Executive Order|Proclamation|Memorandum|Notice|Order)\b\s*(?P<num>\d+)?"
    r"(?:\s+of)?\s+(?P<date>(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\s+\d{1,2},\s+\d{4})\s*$"
)
_MONTH_DATE = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(\d{1,2}),\s+(\d{4})"
)
_ALWAYS_HYPHENATED = {"self", "well", "half"}
# Productive second elements of compound modifiers ("wildfire-related", "risk-based",
# "American-led", "long-term"): after a whole word the hyphen is the compound's own. Not after
# a bound prefix ("un-related", "re-funded", "cor-related" are syllable breaks of one word),
# nor "-led" after an "l" ("control-led", "cancel-led" break "controlled", "cancelled").
# "-wide" is left out: "nationwide", "statewide", "worldwide" are printed closed.
_COMPOUND_SECONDS = frozenset(
    [
        "related",
        "based",
        "led",
        "specific",
        "level",
        "term",
        "scale",
        "owned",
        "funded",
        "driven",
        "enabled",
    ]
)
_BOUND_PREFIXES = frozenset(
    ["un", "re", "in", "de", "dis", "cor", "pre", "mis", "sub", "mid", "up", "inter"]
)


@dataclass(slots=True)
class _Line:
    """One visual line (a segment of one, where columns share a baseline) in points, y down."""

    x0: float
    top: float
    x1: float
    bottom: float
    height: float
    text: str
    rotated: bool = False
    mark_x: float | None = None  # x where the text after a leading list marker begins


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line] = field(default_factory=list)
    images: int = 0  # image objects, counted only when the page has no text


class _UsePdfplumber(Exception):
    """PDFium opened the file but its text cannot be trusted; read it with pdfplumber."""


# --- errors and cheap checks --------------------------------------------------------------


def _check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReadError(str(path), "the file does not exist") from None
    except OSError as exc:
        raise ReadError(str(path), f"the file cannot be opened ({exc.strerror})") from None
    if size == 0:
        raise ReadError(str(path), "the file is empty")
    with path.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(max(size - 4096, 0))
        tail = fh.read()
    if b"%PDF-" not in head:
        raise ReadError(str(path), "not a PDF file (it has no %PDF header)")
    if b"%%EOF" not in tail:
        raise ReadError(str(path), "the PDF is truncated or damaged (it has no end-of-file marker)")


def _pdfium_error(path: Path, exc: Exception) -> ReadError:
    import pypdfium2.raw as raw

    code = getattr(exc, "err_code", None)
    if code == raw.FPDF_ERR_PASSWORD:
        return ReadError(str(path), "the PDF is password-protected")
    if code == raw.FPDF_ERR_SECURITY:
        return ReadError(str(path), "the PDF uses an unsupported security handler")
    if code in (raw.FPDF_ERR_FORMAT, raw.FPDF_ERR_FILE):
        return ReadError(str(path), "the PDF is damaged and cannot be read")
    return ReadError(str(path), f"the PDF cannot be read ({exc})")


def pdf_page_count(path: str | Path) -> int:
    """The page count, cheaply (PDFium reads only the page tree). Raises ReadError."""
    import pypdfium2 as pdfium

    path = Path(path)
    _check_file(path)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise _pdfium_error(path, exc) from None
    try:
        return len(pdf)
    finally:
        pdf.close()


# --- PDFium back-end ------------------------------------------------------------------------


def _is_rotated(angle: float) -> bool:
    # Radians; -1 means "unknown". Upright text is 0 (or 2*pi).
    return angle > 0.05 and abs(angle - 6.283185) > 0.05


def _pdfium_lines(textpage, height: float) -> list[_Line]:
    import pypdfium2.raw as raw

    n = textpage.count_chars()
    if n <= 0:
        return []
    text = textpage.get_text_range()
    if len(text) != n:
        raise _UsePdfplumber("PDFium's text and character list differ")
    box = textpage.get_charbox
    lines: list[_Line] = []
    # PDFium ends a visual line with \r\n, or with its hyphen mark when the line ended in a
    # hyphen (then the next line follows at once): both end a line here.
    for m in re.finditer("[^\r\n\ufffe]+\ufffe?", text):
        seg = m.group()
        stripped = seg.strip()
        if not stripped or stripped == _HYPHEN:
            continue
        a = m.start() + (len(seg) - len(seg.lstrip()))
        b = m.start() + len(seg.rstrip()) - 1
        ax0, ay0, ax1, ay1 = box(a, loose=True)
        bx0, by0, bx1, by1 = box(b, loose=True)
        if _is_rotated(raw.FPDFText_GetCharAngle(textpage, a)):
            x0, x1 = min(ax0, bx0), max(ax1, bx1)
            top, bottom = height - max(ay1, by1), height - min(ay0, by0)
            lines.append(_Line(x0, top, x1, bottom, min(ax1 - ax0, ay1 - ay0), stripped, True))
            continue
        if stripped.endswith("-") and len(stripped) > 1 and stripped[-2].isalnum():
            stripped = stripped[:-1] + _HYPHEN
        line = _Line(ax0, height - ay1, bx1, height - ay0, ay1 - ay0, stripped)
        mk = _MARKER.match(stripped)
        if mk:
            line.mark_x = box(a + mk.end(), loose=True)[0]
        line.text = _pdfium_superscripts(textpage, stripped, a)
        lines.append(line)
    return _merge_same_line(lines)


def _pdfium_superscripts(textpage, text: str, base: int) -> str:
    """Wrap superscript digit runs in ``_SUP_OPEN``/``_SUP_CLOSE`` (footnote marks, exponents).

    Only digit runs that follow a word, punctuation or another digit are checked, with two box
    look-ups each, so plain numbers cost little.
    """
    spans: list[tuple[int, int]] = []
    for m in _DIGITS.finditer(text):
        i, j = m.start(), m.end()
        if i > 0 and (text[i - 1].isalpha() or text[i - 1] in _TRIGGER):
            if _raised(textpage, base + i - 1, base + i):
                spans.append((i, j))
        elif j - i >= 2 and _raised(textpage, base + i, base + j - 1):
            k = j - 1
            while k - 1 > i and _raised(textpage, base + i, base + k - 1):
                k -= 1
            spans.append((k, j))
    if not spans:
        return text
    out = []
    last = 0
    for i, j in spans:
        out += [text[last:i], _SUP_OPEN, text[i:j], _SUP_CLOSE]
        last = j
    out.append(text[last:])
    return "".join(out)


def _raised(textpage, ref: int, char: int) -> bool:
    """Whether ``char`` is set smaller and higher than ``ref`` (a superscript)."""
    _, ry0, _, ry1 = textpage.get_charbox(ref, loose=True)
    _, cy0, _, cy1 = textpage.get_charbox(char, loose=True)
    return (cy1 - cy0) < 0.8 * (ry1 - ry0) and cy0 > ry0 + 0.5


def _merge_same_line(lines: list[_Line]) -> list[_Line]:
    """Join segments PDFium split on one visual line (e.g. around a superscript)."""
    out: list[_Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not line.rotated
            and not prev.rotated
            and _HYPHEN not in prev.text
            and abs(line.top - prev.top) < 0.5 * max(prev.height, 1.0)
            and line.x0 >= prev.x1 - 2
            and line.x0 - prev.x1 < 6 * max(prev.height, 1.0)
        ):
            if line.text.isdigit() and line.height < 0.8 * prev.height:
                prev.text += _SUP_OPEN + line.text + _SUP_CLOSE  # a detached superscript
                prev.x1 = line.x1
                continue
            gap = line.x0 - prev.x1
            prev.text = prev.text + (" " if gap > 0.12 * prev.height else "") + line.text
            prev.x1 = line.x1
            prev.bottom = (
                max(prev.bottom, line.bottom) if line.height >= prev.height else prev.bottom
            )
            continue
        if (
            prev is not None
            and line.text.isdigit()
            and line.height < 0.7 * prev.height
            and abs(line.top - prev.top) < prev.height
        ):
            continue  # superscript reference that starts a new segment before the rest of a line
        out.append(line)
    return out


def _pdfium_pages(path: Path, progress: ProgressFn | None) -> Iterator[_Page]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise _pdfium_error(path, exc) from None
    try:
        total = len(pdf)
        for i in range(total):
            try:
                page = pdf[i]
            except pdfium.PdfiumError:
                raise ReadError(
                    str(path), f"the PDF is damaged: page {i + 1} cannot be loaded"
                ) from None
            try:
                width, height = page.get_width(), page.get_height()
                textpage = page.get_textpage()
                try:
                    lines = _pdfium_lines(textpage, height)
                finally:
                    textpage.close()
                images = 0
                if not lines:
                    for k in range(raw.FPDFPage_CountObjects(page)):
                        obj = raw.FPDFPage_GetObject(page, k)
                        if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_IMAGE:
                            images += 1
            finally:
                page.close()
            yield _Page(i + 1, width, height, lines, images)
            if progress:
                progress(i + 1, total)
    finally:
        pdf.close()


# --- pdfplumber back-end --------------------------------------------------------------------


def _plumber_pages(path: Path, progress: ProgressFn | None) -> Iterator[_Page]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(str(path))
    except PdfminerException as exc:
        raise ReadError(str(path), f"the PDF is damaged and cannot be read ({exc})") from None
    except PDFPasswordIncorrect:
        raise ReadError(str(path), "the PDF is password-protected") from None
    except PDFSyntaxError as exc:
        raise ReadError(str(path), f"the PDF is damaged and cannot be read ({exc})") from None
    with pdf:
        total = len(pdf.pages)
        for i, page in enumerate(pdf.pages):
            try:
                lines = _plumber_lines(page)
                images = 0 if lines else len(page.images)
                yield _Page(i + 1, float(page.width), float(page.height), lines, images)
            finally:
                page.close()
            if progress:
                progress(i + 1, total)


def _fold_small_rows(rows: list[list[dict]]) -> list[list[dict]]:
    """Put rows of small raised characters (superscripts) into the row they sit on."""

    def band(row: list[dict]) -> tuple[float, float, float]:
        return (
            min(c["top"] for c in row),
            max(c["bottom"] for c in row),
            max(c["size"] for c in row),
        )

    out: list[list[dict]] = []
    for i, row in enumerate(rows):
        top, bottom, size = band(row)
        home = None
        for j in (i + 1, i - 1):
            if 0 <= j < len(rows):
                t, b, s = band(rows[j])
                if size < 0.8 * s and bottom > t and top < b:
                    home = j
                    break
        if home is None:
            out.append(row)
        elif home > i:
            rows[home] = row + rows[home]
        else:
            out[-1] = out[-1] + row
    return out


def _plumber_lines(page) -> list[_Line]:
    chars = [c for c in page.chars if c.get("upright", True) and c["text"].strip()]
    # Group characters into rows by baseline, in reading order within the row.
    chars.sort(key=lambda c: (round(c["bottom"]), c["x0"]))
    rows: list[list[dict]] = []
    for c in chars:
        if rows and abs(rows[-1][-1]["bottom"] - c["bottom"]) < 0.3 * c["size"]:
            rows[-1].append(c)
        else:
            rows.append([c])
    rows = _fold_small_rows(rows)
    lines: list[_Line] = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        size = Counter(round(c["size"], 1) for c in row).most_common(1)[0][0]
        # Split a row at wide gaps: separate columns share a baseline (the FR left column).
        segs: list[list[dict]] = [[row[0]]]
        for c in row[1:]:
            if c["x0"] - segs[-1][-1]["x1"] > 3.0 * size:
                segs.append([c])
            else:
                segs[-1].append(c)
        for seg in segs:
            parts: list[str] = []
            prev = None
            sup = False
            for c in seg:
                small = c["size"] < 0.8 * size and c["text"].isdigit() and prev is not None
                if small and not sup and c["bottom"] < prev["bottom"] - 0.5:
                    parts.append(_SUP_OPEN)
                    sup = True
                elif sup and not small:
                    parts.append(_SUP_CLOSE)
                    sup = False
                if not sup and prev is not None and c["x0"] - prev["x1"] > 0.15 * size:
                    parts.append(" ")
                parts.append(c["text"])
                prev = c
            if sup:
                parts.append(_SUP_CLOSE)
            text = "".join(parts).strip()
            if not text:
                continue
            if text.endswith("-") and len(text) > 1 and text[-2].isalnum():
                text = text[:-1] + _HYPHEN
            line = _Line(
                seg[0]["x0"],
                min(c["top"] for c in seg),
                seg[-1]["x1"],
                max(c["bottom"] for c in seg),
                size,
                text,
            )
            m = _MARKER.match(text)
            if m:
                # Characters after the marker: count non-space characters up to it.
                k = len(m.group().replace(" ", ""))
                if k < len(seg):
                    line.mark_x = seg[k]["x0"]
            lines.append(line)
    return lines


# --- layout -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Layout:
    fr: bool
    body_left: float
    right: float
    gap: float  # typical space between lines of one paragraph
    labels: dict[int, str] = field(default_factory=dict)
    fr_volume: str | None = None
    fr_doc: str | None = None
    center: float = 0.0
    notes: set[int] = field(default_factory=set)  # footnote numbers whose bodies were dropped


def _is_fr(pages: list[_Page]) -> bool:
    for page in pages[:2]:
        for line in page.lines:
            if _VERDATE.match(line.text) or _RUNNING_HEAD.match(line.text):
                return True
            if line.text == "Presidential Documents":
                return True
    return False


def _fr_filter(pages: list[_Page], lay: _Layout) -> None:
    """Drop Federal Register furniture in place, keeping page labels and FR numbers."""
    xs = Counter(round(ln.x0) for p in pages for ln in p.lines if not ln.rotated)
    lay.body_left = float(xs.most_common(1)[0][0]) if xs else 0.0
    for page in pages:
        kept: list[_Line] = []
        zone = 0.11 * page.height
        for ln in page.lines:
            text = _EN_DASH_HYPHEN.sub("-", _GPH.sub("", ln.text)).strip()
            if not text:
                continue
            ln.text = text
            if ln.rotated:
                if ln.x1 < 45 or ln.x0 > page.width - 45:
                    continue  # margin note ("... with PRESDOC"), printed sideways
                kept.append(ln)
                continue
            if _VERDATE.match(text):
                continue
            if ln.top < zone:
                m = _RUNNING_HEAD.match(text)
                if m:
                    if m["a"] or m["b"]:
                        lay.labels[page.number] = m["a"] or m["b"]
                    lay.fr_volume = lay.fr_volume or m["vol"]
                    continue
                if _BARE_NUMBER.match(text):
                    lay.labels[page.number] = text
                    continue
                if text == "Presidential Documents":
                    continue
            m = _FR_DOC.search(text)
            if m:
                lay.fr_doc = f"{m[1]}-{m[2]}"
            if ln.x1 < lay.body_left - 5 and (_LEFT_FURNITURE.match(text) or _FR_END.match(text)):
                vm = _VOL.match(text)
                if vm:
                    lay.fr_volume = lay.fr_volume or vm[1]
                continue
            if _FR_END.match(text):
                continue
            kept.append(ln)
        page.lines = kept


def _generic_filter(pages: list[_Page], lay: _Layout) -> None:
    """Drop page numbers and footnote bodies in place."""
    heights = Counter(round(ln.height, 1) for p in pages for ln in p.lines if not ln.rotated)
    body_h = heights.most_common(1)[0][0] if heights else 10.0
    next_note = 1
    for page in pages:
        kept: list[_Line] = []
        in_notes = False
        prev: _Line | None = None
        for ln in page.lines:
            text = _SUP.sub(r"\1", ln.text)
            edge = ln.top < 0.07 * page.height or ln.bottom > 0.9 * page.height
            if edge and _PAGE_NUMBER.match(text):
                lay.labels[page.number] = re.search(r"\d+", text)[0]  # "Page 3 of 9" -> 3
                continue
            # Footnotes: set smaller than the body, in the lower part of the page, after a gap,
            # numbered on from the previous footnote.
            small = ln.height < body_h - 0.5
            starts_note = small and re.match(rf"^{next_note}(?=\s|[A-Z])", text)
            if (
                starts_note
                and ln.top > 0.45 * page.height
                and (in_notes or (prev is not None and ln.top - prev.bottom > 1.2 * body_h))
            ):
                in_notes = True
                lay.notes.add(next_note)
                next_note += 1
                continue
            if in_notes and small:
                continue
            in_notes = False
            kept.append(ln)
            prev = ln
        page.lines = kept


def _measure(pages: list[_Page], lay: _Layout) -> None:
    x1s = sorted(ln.x1 for p in pages for ln in p.lines if not ln.rotated)
    widths = sorted(p.width for p in pages)
    lay.center = widths[len(widths) // 2] / 2
    if not lay.fr:
        xs = Counter(round(ln.x0) for p in pages for ln in p.lines if not ln.rotated)
        lay.body_left = float(min(x for x, n in xs.items() if n >= xs.most_common(1)[0][1] / 4))
    lay.right = x1s[int(0.9 * (len(x1s) - 1))] if x1s else 0.0
    gaps: Counter[float] = Counter()
    for p in pages:
        for a, b in zip(p.lines, p.lines[1:], strict=False):
            g = b.top - a.bottom
            if 0 <= g < a.height:
                gaps[round(g * 2) / 2] += 1
    lay.gap = float(gaps.most_common(1)[0][0]) if gaps else 1.0


def _stopped_short(prev: _Line, cur: _Line, lay: _Layout) -> bool:
    """Whether ``prev`` ended well short of the right edge after a sentence, or with room to
    spare for the first word of ``cur``: comparing with that word keeps ragged-right text
    together."""
    room = lay.right - prev.x1
    if room < max(10.0, 1.2 * prev.height):
        return False
    if prev.text.rstrip("”’)")[-1:] in (".", ";", ":"):
        return True
    if prev.x1 - lay.body_left < 0.8 * (lay.right - lay.body_left):
        return True  # far too short for ragged-right text: a table row or a heading
    word = cur.text.split(" ", 1)[0]
    return room > (len(word) + 1) * 0.5 * cur.height  # half an em: an average character


def _centred(line: _Line, lay: _Layout) -> bool:
    return line.x0 > lay.body_left + 20 and abs((line.x0 + line.x1) / 2 - lay.center) < 6


def _starts_paragraph(prev: _Line, cur: _Line, lay: _Layout, same_page: bool) -> bool:
    if cur.rotated or prev.rotated:
        return True
    if prev.text.endswith(_HYPHEN):
        return False
    ends_sentence = prev.text.rstrip("”’)")[-1:] in (".", ";", ":")
    if cur.text[:1].islower() and not ends_sentence and not _MARKER.match(cur.text):
        return False  # a paragraph does not begin in lower case mid-sentence
    gap = cur.top - prev.bottom
    close = 0 <= gap <= lay.gap + 0.35 * max(prev.height, cur.height)
    if same_page and close and _centred(prev, lay) and _centred(cur, lay):
        return False  # a centred heading set on two lines
    if _stopped_short(prev, cur, lay):
        return True  # the end of its paragraph
    if cur.x0 > prev.x0 + 3:
        # Indented: a new paragraph, unless it is a hanging indent under a list marker.
        return not (prev.mark_x is not None and abs(cur.x0 - prev.mark_x) < 3)
    if cur.x0 < prev.x0 - 3 and prev.mark_x is None and cur.mark_x is not None:
        return True
    if not same_page:
        # No spacing to go by across a page break: a sentence end then a section or
        # subsection marker is a paragraph break.
        return ends_sentence and bool(_PARA_MARKER.match(cur.text))
    if gap > lay.gap + 0.35 * max(prev.height, cur.height) or gap < -0.5 * prev.height:
        return True
    # The Federal Register squeezes paragraph spacing to as little as 1 pt more than line
    # spacing; a slightly wider gap after a sentence end, before a capital or a marker, counts.
    return (
        gap > lay.gap + 0.75
        and ends_sentence
        and (cur.text[:1].isupper() or cur.text[:1] in ("(", "“"))
    )


def _join(prev: str, cur: str) -> str:
    if prev.endswith(_HYPHEN):
        return ""
    if prev.endswith(("—", "–")) or cur.startswith("—"):
        return ""
    if prev.endswith("/") and "://" in prev.rsplit(" ", 1)[-1]:
        return ""
    return " "


_WORD_LEFT = re.compile(r"[\w’']+$")
_WORD_RIGHT = re.compile(r"^[\w’']+")
_TOKEN_LEFT = re.compile(r"\S+$")


class _Hyphens:
    """Resolve line-end hyphens against the words of the whole document."""

    def __init__(self, text: str):
        self.hyphenated = {w.lower() for w in re.findall(r"[\w’']+(?:-[\w’']+)+", text)}
        self.words = {w.lower() for w in re.findall(r"[\w’']+", text.replace(_HYPHEN, " "))}

    def resolve(self, text: str) -> str:
        if _HYPHEN not in text:
            return text
        parts = text.split(_HYPHEN)
        out = [parts[0]]
        for right in parts[1:]:
            out.append(self.choose(out[-1], right))
            out.append(right)
        return "".join(out)

    def choose(self, left: str, right: str) -> str:
        lm = _WORD_LEFT.search(left)
        rm = _WORD_RIGHT.match(right)
        if not lm or not rm:
            return "-"
        lw, rw = lm.group(), rm.group()
        tail = lw.rsplit("-", 1)[-1]
        if f"{lw}-{rw}".lower() in self.hyphenated:
            return "-"
        if (lw + rw).lower() in self.words:
            return ""
        token = _TOKEN_LEFT.search(left)
        if token and ("/" in token.group() or "://" in token.group()):
            return "-"
        if rw[0].isupper() or rw[0].isdigit() or tail[-1].isdigit():
            return "-"
        if len(tail) >= 2 and tail.isupper():
            return "-"
        if tail.lower() in _ALWAYS_HYPHENATED or (tail.lower() == "so" and rw == "called"):
            return "-"
        if _compound_second(tail, rw):
            return "-"
        return ""


def _compound_second(left: str, right: str) -> bool:
    low = right.lower()
    if low not in _COMPOUND_SECONDS or left.lower() in _BOUND_PREFIXES or len(left) < 3:
        return False
    return not (low == "led" and left[-1:].lower() == "l")


def _assemble(pages: list[_Page], lay: _Layout) -> tuple[str, tuple]:
    hyphens = _Hyphens(" ".join(ln.text for p in pages for ln in p.lines))
    builder = TextBuilder()
    prev: _Line | None = None
    prev_text = ""
    prev_page = 0
    open_para = False
    for page in pages:
        builder.start_page(lay.labels.get(page.number))
        for ln in page.lines:
            text = hyphens.resolve(ln.text.rstrip(_HYPHEN))
            if _SUP_OPEN in text:
                text = _SUP.sub(lambda m: "" if int(m[1]) in lay.notes else f"^{m[1]}", text)
            if prev is not None and open_para:
                if _starts_paragraph(prev, ln, lay, page.number == prev_page):
                    if prev.text.endswith(_HYPHEN):
                        builder.add_fragment("-")
                    builder.end_paragraph()
                    open_para = False
                elif prev.text.endswith(_HYPHEN):
                    builder.add_fragment(hyphens.choose(prev_text, text))
                else:
                    builder.add_fragment(_join(prev.text, ln.text))
            builder.add_fragment(text)
            open_para = True
            prev, prev_text, prev_page = ln, text, page.number
    if open_para:
        builder.end_paragraph()
    text, spans = builder.build()
    return text, spans


# --- metadata -----------------------------------------------------------------------------


def _parse_date(text: str) -> date | None:
    m = _MONTH_DATE.search(text)
    if not m:
        return None
    try:
        return datetime.strptime(f"{m[1]} {m[2]} {m[3]}", "%B %d %Y").date()
    except ValueError:
        return None


def _fr_meta(paragraphs: list[str]) -> tuple[str | None, DocType, int | None, date | None]:
    for i, para in enumerate(paragraphs[:6]):
        m = _DATELINE.match(para)
        if not m:
            continue
        kind = m["kind"]
        doc_type: DocType = {"Executive Order": "executive_order", "Memorandum": "memorandum"}.get(
            kind, "other"
        )
        number = int(m["num"]) if m["num"] and kind == "Executive Order" else None
        title = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        return title, doc_type, number, _parse_date(m["date"])
    return None, "other", None, None


def _generic_meta(paragraphs: list[str]) -> tuple[str | None, DocType]:
    title = paragraphs[0] if paragraphs else None
    head = " ".join(paragraphs[:3]).lower()
    doc_type: DocType = "other"
    if "executive order" in head and "by the authority vested" in " ".join(paragraphs[:6]).lower():
        doc_type = "executive_order"
    elif head.startswith("memorandum for") or "memorandum" in head[:200]:
        doc_type = "memorandum"
    elif "guidance" in head[:200] or "omb" in head or "office of management and budget" in head:
        doc_type = "guidance"
    return title, doc_type


def _signature_date(paragraphs: list[str]) -> date | None:
    for i, para in enumerate(paragraphs):
        if para.startswith("THE WHITE HOUSE") and i + 1 < len(paragraphs):
            return _parse_date(para) or _parse_date(paragraphs[i + 1])
    return None


# --- entry point --------------------------------------------------------------------------


def read_pdf(
    path: str | Path,
    *,
    sha256: str | None = None,
    progress: ProgressFn | None = None,
    backend: Literal["auto", "pdfium", "pdfplumber"] = "auto",
) -> Document:
    """Read a PDF; raise ReadError(path, reason) when it cannot be read as a document.

    ``progress(page, pages)`` is called after each page is read. ``backend`` forces one text
    path (for measurements); "auto" is PDFium with pdfplumber as the fallback.
    """
    path = Path(path)
    _check_file(path)
    if backend == "pdfplumber":
        pages = list(_plumber_pages(path, progress))
    else:
        try:
            pages = list(_pdfium_pages(path, progress))
        except _UsePdfplumber:
            if backend == "pdfium":
                raise ReadError(str(path), "PDFium cannot map this PDF's text") from None
            pages = list(_plumber_pages(path, progress))
    if not pages:
        raise ReadError(str(path), "the PDF has no pages")
    if not any(p.lines for p in pages):
        if any(p.images for p in pages):
            raise ReadError(str(path), "no text layer: scanned image; OCR is not supported")
        raise ReadError(str(path), "the PDF has no text")

    fr = _is_fr(pages)
    lay = _Layout(fr=fr, body_left=0.0, right=0.0, gap=1.0)
    if fr:
        _fr_filter(pages, lay)
    else:
        _generic_filter(pages, lay)
    _measure(pages, lay)
    text, spans = _assemble(pages, lay)
    if fr:
        text = _EN_DASH_HYPHEN.sub("-", text)  # same length: offsets stay valid
    if not text.strip():
        raise ReadError(str(path), "the PDF has no text")

    paragraphs = text.split("\n")
    eo_number = signed = fr_citation = None
    if fr:
        title, doc_type, eo_number, signed = _fr_meta(paragraphs)
        first_label = next((s.label for s in spans if s.label), None)
        if lay.fr_volume and first_label:
            fr_citation = f"{lay.fr_volume} FR {first_label}"
    else:
        title, doc_type = _generic_meta(paragraphs)
        found = detect(text)
        title, doc_type = found.title or title, found.doc_type
        eo_number, signed = found.eo_number, found.signed
    signed = signed or _signature_date(paragraphs)
    meta = DocumentMeta(
        title=clean_inline(title or path.stem),
        doc_type=doc_type,
        source_path=str(path),
        sha256=sha256 or sha256_file(path),
        source_format="pdf",
        page_count=len(pages),
        eo_number=eo_number,
        signed=signed,
        fr_citation=fr_citation,
        fr_doc_number=lay.fr_doc,
    )
    return Document(meta=meta, text=text, pages=spans)
