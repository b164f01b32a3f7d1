"""Federal Register full-text XML (the GPO PRESDOCU/FEDREG schema) for presidential documents.

The document is one stream of elements split into printed pages by ``<PRTPAGE P="75192"/>``
markers; the page map numbers those pages 1.. and labels them with the printed page ("75191").
Paragraphs come from ``EXECORDR`` (the "Executive Order N of <date>" heading), ``HD`` (the
title), ``FP``/``P`` (text, at any ``SOURCE`` level), ``PSIG``/``PLACE``/``DATE`` (the
signature block). ``<E T="04">Sec. 2</E>. <E T="03">Title.</E> text`` reads as
"Sec. 2. Title. text"; ``<SU>26</SU>`` as "^26". The signature image (``GPH``), the "Title 3—
The President" column and the filing data (``FRDOC``, ``FILED``, ``BILCOD``) are not body text;
the filing data becomes metadata.

Parsing is defused: no DTD, no entity expansion, no network (defusedxml over the stdlib parser).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from eolens.nlp.model import Document, ReadError
from eolens.nlp.readers.meta import MetaHints, detected_document, fr_doc_number, parse_date
from eolens.nlp.readers.textnorm import TextBuilder, clean_inline

# Roots and containers of FR documents this reader accepts.
FR_ROOTS = ("PRESDOCU", "FEDREG", "PRESDOC", "EXECORD", "PROCLA", "PRMEMO", "PRNOTICE", "DETERM")
_PARAGRAPHS = {
    "EXECORDR",
    "PROCLAR",
    "PRMEMOR",
    "HD",
    "FP",
    "P",
    "PSIG",
    "PLACE",
    "DATE",
    "MEMO",
    "FROM",
    "SUBJECT",
    "TO",
    "NOTE",
    "EXTRACT",
}
# Not body text; PRTPAGE markers inside them still count.
_SKIP = {"TITLE3", "PRES", "GPH", "GID", "FRDOC", "FILED", "BILCOD", "FTNT", "PRTPAGE", "VOL", "NO"}
_FILING = {"FRDOC", "FILED", "BILCOD"}


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def parse_fr_xml(data: bytes, path: str) -> ET.Element:
    """Parse FR XML safely; ReadError on entity declarations, external references, bad XML."""
    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ReadError(
            path, f"XML declares entities or external references, refused for safety ({exc})"
        ) from None
    except ET.ParseError as exc:
        raise ReadError(path, f"not well-formed XML: {exc}") from None
    except (LookupError, ValueError) as exc:  # e.g. encoding="UTF-Z"
        raise ReadError(path, f"XML with an unknown text encoding ({exc})") from None


class _Walker:
    def __init__(self) -> None:
        self.builder = TextBuilder()
        self.filing: dict[str, str] = {}
        self.first_page: str | None = None
        self.title: str | None = None
        self.heading: str | None = None

    def page(self, el: ET.Element) -> None:
        label = el.get("P")
        if self.first_page is None:
            self.first_page = label
        self.builder.start_page(label)

    def pages_only(self, el: ET.Element) -> None:
        for sub in el.iter():
            if _local(sub.tag) == "PRTPAGE":
                self.page(sub)

    def inline(self, el: ET.Element) -> None:
        """Add the text of a paragraph element, handling page markers and superscripts."""
        stack: list[tuple[ET.Element, bool]] = [(el, False)]
        while stack:
            node, closing = stack.pop()
            tag = _local(node.tag)
            if closing:
                if node is not el and node.tail:
                    tail = node.tail
                    # Pretty-printed XML puts a line break between </E> and its ". ".
                    if tail.lstrip()[:1] in (".", ",", ";", ":", ")"):
                        tail = tail.lstrip()
                    self.builder.add_fragment(tail)
                continue
            if tag == "PRTPAGE" and node is not el:
                self.page(node)
                stack.append((node, True))
                continue
            if tag in ("GPH", "FTREF") and node is not el:
                self.pages_only(node)
                stack.append((node, True))
                continue
            if tag == "SU" and node is not el:
                self.builder.add_fragment("^", glue=True)
            if node.text:
                self.builder.add_fragment(node.text)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(list(node)))

    def block(self, root: ET.Element) -> None:
        stack: list[ET.Element] = [root]
        while stack:
            el = stack.pop()
            tag = _local(el.tag)
            if tag in _FILING:
                self.filing[tag] = clean_inline("".join(el.itertext()))
                self.pages_only(el)
            elif tag == "PRTPAGE":
                self.page(el)
            elif tag in _SKIP:
                self.pages_only(el)
            elif tag in _PARAGRAPHS:
                if tag == "HD" and self.title is None:
                    self.title = clean_inline("".join(el.itertext()))
                if tag in ("EXECORDR", "PROCLAR", "PRMEMOR") and self.heading is None:
                    self.heading = clean_inline("".join(el.itertext()))
                self.inline(el)
                self.builder.end_paragraph()
            else:
                if el.text and el.text.strip() and el is not root:
                    self.builder.add_paragraph(el.text)
                stack.extend(reversed(list(el)))
                if el.tail and el.tail.strip() and el is not root:
                    # Loose text after an unknown container: keep it rather than lose it.
                    self.builder.add_paragraph(el.tail)


def _fr_volume(filed: str | None) -> int | None:
    """FR volume from the filing date (volume = year - 1935); None near a year's end."""
    if not filed:
        return None
    m = re.search(r"(\d{1,2})\s*[-–]\s*(\d{1,2})\s*[-–]\s*(\d{2,4})", filed)
    if not m:
        return None
    month, day, year = int(m[1]), int(m[2]), int(m[3])
    year = year + 2000 if year < 100 else year
    if month == 12 and day >= 20:
        return None  # may be published in the next year's volume
    return year - 1935


def read_fr_xml(data: bytes, *, path: Path, sha256: str) -> Document:
    root = parse_fr_xml(data, str(path))
    if _local(root.tag) not in FR_ROOTS:
        raise ReadError(
            str(path), f"XML whose root <{_local(root.tag)}> is not a Federal Register document"
        )
    walker = _Walker()
    walker.block(root)
    text, pages = walker.builder.build()
    if not text:
        raise ReadError(str(path), "no text found in the Federal Register XML")
    fr_doc = fr_doc_number(walker.filing.get("FRDOC", ""))
    vol_el = next((e for e in root.iter() if _local(e.tag) == "VOL"), None)
    vol_text = "".join(vol_el.itertext()).strip() if vol_el is not None else ""
    volume = int(vol_text) if vol_text.isdigit() else _fr_volume(walker.filing.get("FILED"))
    citation = (
        f"{volume} FR {int(walker.first_page)}"
        if volume and walker.first_page and walker.first_page.isdigit()
        else None
    )
    date_el = next((e for e in root.iter() if _local(e.tag) == "DATE"), None)
    hints = MetaHints(
        title=walker.title,
        date=parse_date("".join(date_el.itertext())) if date_el is not None else None,
        fr_citation=citation,
        fr_doc_number=fr_doc,
    )
    return detected_document(text, pages, hints, path=path, sha256=sha256, source_format="xml")
