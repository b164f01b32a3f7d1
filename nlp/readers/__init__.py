"""Read any supported file into a :class:`~eolens.nlp.model.Document`.

``read_document(path)`` decides the format from the file's content (magic bytes, XML root,
HTML or Markdown features), using the extension only as a hint where content cannot decide
(Markdown vs. plain text), then hands the file to its reader. Every failure is a
:class:`~eolens.nlp.model.ReadError` naming the file and the reason in plain English.

The PDF reader lives in :mod:`eolens.nlp.readers.pdf` and is imported only when a PDF arrives,
so reading text formats never loads pdfplumber.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

from eolens.nlp.model import Document, ReadError, SourceFormat
from eolens.nlp.readers.textnorm import sha256_file

__all__ = ["MAX_TEXT_BYTES", "ReadError", "detect_format", "read_document"]

# A text document (Markdown, HTML, XML, plain text) larger than this is refused: the longest
# executive orders are a few hundred kilobytes.
MAX_TEXT_BYTES = 64 * 1024 * 1024

_SNIFF = 64 * 1024
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old binary (.doc/.xls) or password-protected Office file; save it as an "
        "unprotected .docx",
    ),
    (b"{\\rtf", "an RTF file; save it as .docx or PDF"),
    (b"SQLite format 3\x00", "a SQLite database"),
    (b"\x7fELF", "a program (ELF executable)"),
)
_FR_ROOT_RE = re.compile(rb"<\s*(PRESDOCU|FEDREG|PRESDOC|EXECORD|PROCLA|PRMEMO|PRNOTICE|DETERM)\b")
_XML_DECL_RE = re.compile(rb"^\s*<\?xml\b", re.I)
_HTML_RE = re.compile(rb"<!DOCTYPE\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_MARKDOWN_RE = re.compile(
    r"\A\ufeff?---\s*\n|^#{1,6}\s+\S|^\s{0,3}[-*]\s{1,4}\S|\*\*\S|<span\b|\\\(", re.M
)


def _reject(path: Path, reason: str) -> ReadError:
    return ReadError(str(path), reason)


def _sniff_zip(path: Path) -> SourceFormat:
    from eolens.nlp.readers.docx import zip_kind

    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile:
        raise _reject(path, "not a document EO Lens can read: a damaged ZIP file") from None
    kind = zip_kind(names)
    if kind is None:
        return "docx"
    raise _reject(path, f"not a document EO Lens can read: looks like {kind}")


def _open_check(path: Path) -> int:
    if not path.exists():
        raise _reject(path, "file not found")
    if path.is_dir():
        raise _reject(path, "is a folder, not a file")
    if not path.is_file():
        raise _reject(path, "not a regular file")
    try:
        size = path.stat().st_size
        with path.open("rb"):
            pass
    except PermissionError:
        raise _reject(path, "cannot be opened: permission denied") from None
    except OSError as exc:
        raise _reject(path, f"cannot be opened: {exc.strerror or exc}") from None
    if size == 0:
        raise _reject(path, "empty file")
    return size


def detect_format(path: str | Path) -> SourceFormat:
    """The format of ``path`` from its content (extension as a hint); ReadError if unknown."""
    path = Path(path)
    _open_check(path)
    with path.open("rb") as fh:
        head = fh.read(_SNIFF)
    if not head.strip(b" \t\r\n\x00"):
        raise _reject(path, "empty file (only blank space)")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path)
    for magic, kind in _BINARY_MAGIC:
        if head.startswith(magic):
            raise _reject(path, f"not a document EO Lens can read: looks like {kind}")

    from eolens.nlp.readers.plaintext import looks_binary

    if looks_binary(head):
        raise _reject(path, "not valid UTF-8 text and not a known binary format")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    ext = path.suffix.lower()
    if stripped.startswith(b"<"):
        if _FR_ROOT_RE.search(head[:4096]):
            return "xml"
        if _HTML_RE.search(head):
            return "html"
        if _XML_DECL_RE.match(stripped) or ext == ".xml":
            raise _reject(
                path,
                "not a document EO Lens can read: XML that is not a Federal Register document",
            )
    if ext in (".html", ".htm", ".xhtml") and (_HTML_RE.search(head) or stripped.startswith(b"<")):
        return "html"  # also a bare fragment ("<p>...") saved with an HTML name
    if ext in (".md", ".markdown", ".mdown"):
        return "markdown"
    try:
        sample = head.decode("utf-8", errors="ignore")
    except UnicodeDecodeError:  # pragma: no cover - errors="ignore" never raises
        sample = ""
    if ext not in (".txt", ".text") and _MARKDOWN_RE.search(sample):
        return "markdown"
    if re.match(r"\A\ufeff?---[ \t]*\r?\n.*?\n---[ \t]*\r?\n", sample, re.S):
        return "markdown"  # YAML front matter, whatever the extension
    return "text"


def _decoded(path: Path, data: bytes) -> str:
    from eolens.nlp.readers.plaintext import decode_text

    return decode_text(data, str(path))


def read_document(path: str | Path, *, sha256: str | None = None) -> Document:
    """Read ``path`` into a Document in the text convention; ReadError on any failure.

    ``sha256``: the file's hash when the caller has already computed it (not computed again).
    """
    path = Path(path)
    fmt = detect_format(path)
    size = path.stat().st_size
    if fmt != "pdf" and fmt != "docx" and size > MAX_TEXT_BYTES:
        raise _reject(
            path, f"too large for a text document ({size // (1024 * 1024)} MB; limit 64 MB)"
        )
    try:
        sha256 = sha256 or sha256_file(path)
    except OSError as exc:
        raise _reject(path, f"cannot be read: {exc.strerror or exc}") from None

    if fmt == "pdf":
        from eolens.nlp.readers.pdf import read_pdf

        document = read_pdf(path, sha256=sha256)
    elif fmt == "docx":
        from eolens.nlp.readers.docx import read_docx

        document = read_docx(path, sha256=sha256)
    else:
        data = path.read_bytes()
        if fmt == "xml":
            from eolens.nlp.readers.frxml import read_fr_xml

            document = read_fr_xml(data, path=path, sha256=sha256)
        elif fmt == "html":
            from eolens.nlp.readers.markup import read_html_text

            document = read_html_text(_decoded(path, data), path=path, sha256=sha256)
        elif fmt == "markdown":
            from eolens.nlp.readers.markup import read_markdown_text

            document = read_markdown_text(_decoded(path, data), path=path, sha256=sha256)
        else:
            from eolens.nlp.readers.plaintext import read_text_bytes

            document = read_text_bytes(data, path=path, sha256=sha256)

    meta = document.meta
    if meta.source_path != str(path) or meta.sha256 != sha256:
        meta = dataclasses.replace(meta, source_path=str(path), sha256=sha256)
        document = dataclasses.replace(document, meta=meta)
    return document
