"""Word documents (.docx) through python-docx.

The body is read in document order: paragraphs, and tables cell by cell (each cell's paragraphs
as lines; a merged cell once; nested tables inside their cell). Headers and footers are page
furniture and stay out of the body. Control characters, which python-docx passes through and
which crash other tools later, are removed by the shared normalisation.

The ZIP container is checked before python-docx opens it: it must hold ``word/document.xml``
and must not inflate past a size and ratio limit (a ZIP bomb would otherwise be unpacked in
memory).
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from eolens.nlp.model import Document, ReadError
from eolens.nlp.readers.markup import join_orphan_headings
from eolens.nlp.readers.meta import MetaHints, detected_document
from eolens.nlp.readers.textnorm import TextBuilder, clean_inline, clean_paragraph

MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 10_000


def zip_kind(names: set[str]) -> str | None:
    """None for the parts of a Word document, else what the ZIP holds ("an Excel workbook")."""
    if "word/document.xml" in names:
        return None
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook"
    if any(n.startswith("ppt/") for n in names):
        return "a PowerPoint presentation"
    if "content.xml" in names:
        return "an OpenDocument file"
    if "META-INF/container.xml" in names:
        return "an EPUB book"
    return "a ZIP archive"


def check_docx_container(path: Path) -> None:
    """ReadError unless ``path`` is a ZIP holding a Word document of sane inflated size."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise ReadError(str(path), "not a document EO Lens can read: a damaged ZIP file") from None
    kind = zip_kind({i.filename for i in infos})
    if kind is not None:
        raise ReadError(str(path), f"not a document EO Lens can read: looks like {kind}")
    if len(infos) > MAX_MEMBERS:
        raise ReadError(str(path), f"the Word file holds {len(infos)} parts: refused as damaged")
    try:
        with zipfile.ZipFile(path) as zf, zf.open("word/document.xml") as fh:
            head = fh.read(4096)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise ReadError(str(path), f"damaged Word document: {exc}") from None
    except RuntimeError:  # zipfile's answer to an encrypted member
        raise ReadError(str(path), "the Word file is encrypted") from None
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        # Word never writes a DTD; one here is an entity bomb or an external-entity probe.
        raise ReadError(str(path), "the Word file declares XML entities: refused for safety")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise ReadError(
            str(path),
            f"the Word file would inflate to {total // (1024 * 1024)} MB "
            f"({total / packed:.0f}x its size): refused as a possible ZIP bomb",
        )


def _cell_lines(cell) -> Iterator[str]:
    for block in cell.iter_inner_content():
        if hasattr(block, "rows"):
            yield from _table_lines(block)
        else:
            yield block.text


def _table_lines(table) -> Iterator[str]:
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            # python-docx repeats a merged cell once per grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            yield from _cell_lines(cell)


def docx_paragraphs(path: Path) -> tuple[list[str], str | None]:
    """Body paragraphs in order, and the core-properties title if any."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReadError(str(path), f"not a readable Word document ({exc})") from None
    except Exception as exc:  # lxml syntax errors and other damage inside the package
        raise ReadError(str(path), f"damaged Word document: {exc}") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            lines.extend(_table_lines(block))
        else:
            lines.append(block.text)
    paragraphs = [p for p in (clean_paragraph(x) for x in lines) if p]
    title = document.core_properties.title or None
    return join_orphan_headings(paragraphs), (clean_inline(title) if title else None)


def read_docx(path: Path, *, sha256: str) -> Document:
    check_docx_container(path)
    paragraphs, title = docx_paragraphs(path)
    builder = TextBuilder()
    for para in paragraphs:
        builder.add_paragraph(para)
    text, pages = builder.build()
    if not text:
        raise ReadError(str(path), "the Word document has no text in its body")
    return detected_document(
        text, pages, MetaHints(title=title), path=path, sha256=sha256, source_format="docx"
    )
