"""Plain text: UTF-8 (with or without BOM), else Windows-1252, else Latin-1; binary is refused.

Two layouts are recognised. Most copies of orders put one paragraph per line (CRLF or LF): each
line is a paragraph. Hard-wrapped text (every line short, blank lines between blocks) is joined
back into blank-line-separated paragraphs, with a line that starts with a marker such as "(b)"
or "Sec. 3." always starting a new one. Flattened exponents ("1026") are kept as written: the
superscript is lost in such copies and nothing here pretends otherwise. Form feeds are page
breaks.
"""

from __future__ import annotations

import itertools
import re
import statistics
from pathlib import Path

from eolens.nlp.model import Document, ReadError
from eolens.nlp.readers.markup import join_orphan_headings
from eolens.nlp.readers.meta import MetaHints, detected_document
from eolens.nlp.readers.textnorm import TextBuilder, clean_paragraph

_MARKER_START_RE = re.compile(r"^\s*(?:\([A-Za-z0-9]{1,6}\)|(?:Section|Sec\.)\s+\d|\d+\.\d+\.\s)")
_BINARY_CONTROLS = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26}
_BINARY_CONTROLS |= {28, 29, 30, 31, 127}


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the sample: not text in any 8-bit encoding."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    controls = sum(1 for b in sample if b in _BINARY_CONTROLS)
    # Text damaged by a few stray control bytes is still text (they are stripped later).
    return controls >= 4 and controls / len(sample) > 0.10


def decode_text(data: bytes, path: str) -> str:
    """Bytes to str: UTF-8 (BOM allowed), UTF-16 with BOM, then cp1252, then Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError(path, "starts with a UTF-16 mark but is not valid UTF-16") from None
    if looks_binary(data):
        raise ReadError(path, "not valid UTF-8 text and not a known binary format")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _continues(prev: str, line: str) -> bool:
    prev = prev.rstrip()
    if _MARKER_START_RE.match(line) or prev.endswith(tuple('.:;!?”’")')):
        return False
    return line.lstrip()[:1].islower() or len(prev) >= 120


def text_paragraphs(text: str) -> list[str]:
    """Split plain text into cleaned paragraphs (see the module docstring for the layouts)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    nonblank = [ln for ln in lines if ln.strip()]
    if not nonblank:
        return []
    lengths = [len(ln.rstrip()) for ln in nonblank]
    has_runs = any(a.strip() and b.strip() for a, b in itertools.pairwise(lines))
    wrapped = has_runs and max(lengths) <= 100 and statistics.median(lengths) >= 40
    raw: list[list[str]] = [[]]
    prev = ""
    for line in lines:
        if not line.strip():
            raw.append([])
            continue
        if not wrapped and prev and _continues(prev, line):
            # A line break in mid-sentence (the copy kept the page's <br>): same paragraph.
            last = next(block for block in reversed(raw) if block)
            last.append(line)
            prev = line
            continue
        prev = line
        if not wrapped or _MARKER_START_RE.match(line):
            raw.append([line])
            if not wrapped:
                raw.append([])
        else:
            raw[-1].append(line)
    paragraphs = [clean_paragraph(" ".join(block)) for block in raw if block]
    return join_orphan_headings([p for p in paragraphs if p])


def read_text_bytes(data: bytes, *, path: Path, sha256: str) -> Document:
    text = decode_text(data, str(path))
    builder = TextBuilder()
    # A form feed is the page break of printed plain text.
    for number, page in enumerate(text.split("\f"), 1):
        if number > 1:
            builder.start_page(str(number))
        for para in text_paragraphs(page):
            builder.add_paragraph(para)
    body, pages = builder.build()
    if not body:
        raise ReadError(str(path), "the text file has no text in it")
    return detected_document(
        body, pages, MetaHints(), path=path, sha256=sha256, source_format="text"
    )
