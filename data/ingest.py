"""Ingest: files in, documents (text, pages, outline, directives) stored, one transaction each.

Parsing untrusted files happens in ``eolens.nlp.isolated.IsolatedAnalyser`` (a child process
with time and memory limits); this module only hashes files, asks the analyser, and writes the
answer inside ``db.atomic()`` so that a failure or a kill leaves the document absent or complete.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

import sqlite_utils
from eolens.nlp.isolated import Analysis, AnalysisCancelled, IsolatedAnalyser
from eolens.nlp.model import Directive, Document, Outline, ReadError
from eolens.nlp.readers.textnorm import sha256_file

IngestStatus = Literal["added", "duplicate", "failed", "cancelled"]
ProgressCallback = Callable[[int, int, str, int, int], None]  # done, total, file, page, pages

#: Suffixes picked up when a directory is walked (an explicitly named file is always tried).
DOCUMENT_SUFFIXES = frozenset(
    {".pdf", ".md", ".markdown", ".html", ".htm", ".xml", ".txt", ".docx"}
)


@dataclass(frozen=True, slots=True)
class IngestResult:
    path: str
    status: IngestStatus
    doc_id: int | None = None
    message: str = ""


class AnalysisLike(Protocol):
    document: Document
    outline: Outline
    extraction: Any


class Analyser(Protocol):
    def analyse(self, path: str | Path) -> AnalysisLike: ...


class InProcessAnalyser:
    """Reads in this process. Only for trusted text (tests, re-extraction, no child available)."""

    def __init__(self, *, extract: bool = True):
        self.extract = extract

    def __enter__(self) -> InProcessAnalyser:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def analyse(self, path: str | Path, sha256: str | None = None) -> Analysis:
        from eolens.nlp.outline import parse_outline
        from eolens.nlp.readers import read_document

        document = read_document(path, sha256=sha256)
        outline = parse_outline(document)
        return Analysis(document, outline, self.run(document, outline))

    def run(self, document: Document, outline: Outline) -> Any:
        return run_extraction(document, outline) if self.extract else None


def run_extraction(document: Document, outline: Outline) -> Any:
    """The directive engine's ``Extraction`` for a document read in this process."""
    from eolens.nlp.extract import extract

    return extract(document, outline, signed=document.meta.signed)


@contextlib.contextmanager
def open_analyser(*, extract: bool = True) -> Iterator[Analyser]:
    """The isolated child-process analyser (one child reused for a whole batch)."""
    with IsolatedAnalyser(extract=extract) as analyser:
        yield analyser


# --- files -------------------------------------------------------------------------------


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, plus documents found by walking named directories (sorted, no repeats)."""
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in DOCUMENT_SUFFIXES
                and not p.name.startswith(".")
            )
        else:
            found = [path]
        for p in found:
            key = p.resolve() if p.exists() else p
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out


def find_by_sha(db: sqlite_utils.Database, sha256: str) -> int | None:
    row = db.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
    return row[0] if row else None


# --- the batch ---------------------------------------------------------------------------


def ingest(
    db: sqlite_utils.Database,
    paths: Sequence[str | Path],
    *,
    progress: ProgressCallback | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    analyser: Analyser | None = None,
    extract: bool = True,
) -> list[IngestResult]:
    """Ingest files (directories are walked); one result per file, in order.

    A failing file never stops the batch and never changes the library. Cancellation is
    honoured while a file is read (the analyser's child is stopped) and again before it is
    stored: the cancelled file and the rest are reported 'cancelled' and are not stored.
    """
    files = expand_paths(paths)
    if analyser is None:
        with open_analyser(extract=extract) as own:
            return _ingest_files(db, files, own, progress, is_cancelled)
    return _ingest_files(db, files, analyser, progress, is_cancelled)


def _ingest_files(
    db: sqlite_utils.Database,
    files: list[Path],
    analyser: Analyser,
    progress: ProgressCallback | None,
    is_cancelled: Callable[[], bool] | None,
) -> list[IngestResult]:
    results: list[IngestResult] = []
    total = len(files)
    for i, path in enumerate(files):
        if is_cancelled is not None and is_cancelled():
            results.extend(IngestResult(str(p), "cancelled", None, "cancelled") for p in files[i:])
            break
        if progress is not None:
            progress(i, total, str(path), 0, 0)
        pages_cb = None
        if progress is not None:

            def pages_cb(page: int, pages: int, i: int = i, path: Path = path) -> None:
                progress(i, total, str(path), page, pages)

        result = ingest_file(db, path, analyser, pages_cb, is_cancelled)
        results.append(result)
        if result.status == "cancelled":
            results.extend(
                IngestResult(str(p), "cancelled", None, "cancelled") for p in files[i + 1 :]
            )
            break
        if progress is not None:
            pages = _page_count(db, result.doc_id)
            progress(i + 1, total, str(path), pages, pages)
    return results


def _page_count(db: sqlite_utils.Database, doc_id: int | None) -> int:
    if doc_id is None:
        return 0
    row = db.execute("SELECT page_count FROM documents WHERE id = ?", [doc_id]).fetchone()
    return int(row[0]) if row else 0


def _accepts(analyser: Analyser, keyword: str) -> bool:
    try:
        return keyword in inspect.signature(analyser.analyse).parameters
    except (TypeError, ValueError):
        return False


def ingest_file(
    db: sqlite_utils.Database,
    path: Path,
    analyser: Analyser,
    page_progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> IngestResult:
    """Read, analyse and store one file; a cancelled or failed file leaves the library as it was."""
    name = str(path)
    try:
        if not path.exists():
            return IngestResult(name, "failed", None, f"{path}: no such file")
        if not path.is_file():
            return IngestResult(name, "failed", None, f"{path}: not a regular file")
        sha = sha256_file(path)
    except OSError as exc:
        return IngestResult(name, "failed", None, f"{path}: cannot read ({exc.strerror or exc})")
    existing = find_by_sha(db, sha)
    if existing is not None:
        return IngestResult(name, "duplicate", existing, f"already in the library as #{existing}")
    # The analyser gets the hash so that it does not read the whole file again to compute it.
    options: dict[str, Any] = {"sha256": sha} if _accepts(analyser, "sha256") else {}
    if page_progress is not None and _accepts(analyser, "progress"):
        options["progress"] = page_progress
    if is_cancelled is not None and _accepts(analyser, "is_cancelled"):
        options["is_cancelled"] = is_cancelled
    try:
        analysis = analyser.analyse(path, **options)
    except AnalysisCancelled:
        return IngestResult(name, "cancelled", None, "cancelled while reading")
    except ReadError as exc:
        return IngestResult(name, "failed", None, str(exc))
    except MemoryError:
        return IngestResult(name, "failed", None, f"{path}: ran out of memory while reading")
    except Exception as exc:  # a reader bug must not stop the batch or crash the app
        return IngestResult(name, "failed", None, f"{path}: could not be read ({exc!r})")
    if is_cancelled is not None and is_cancelled():
        return IngestResult(name, "cancelled", None, "cancelled before storing")
    try:
        doc_id = store_analysis(db, analysis, sha256=sha, source_path=str(path.resolve()))
    except DuplicateDocument as dup:
        return IngestResult(
            name, "duplicate", dup.doc_id, f"already in the library as #{dup.doc_id}"
        )
    except sqlite3.Error as exc:
        # The transaction was rolled back: the library is as it was before this file.
        return IngestResult(name, "failed", None, f"{path}: could not be stored ({exc})")
    return IngestResult(name, "added", doc_id, _summary(analysis))


def _summary(analysis: AnalysisLike) -> str:
    meta = analysis.document.meta
    parts = [f"{meta.page_count} page{'s' if meta.page_count != 1 else ''}"]
    parts.append(f"{len(analysis.outline.provisions)} provisions")
    if analysis.extraction is not None:
        parts.append(f"{len(analysis.extraction.directives)} directives")
    label = f"EO {meta.eo_number}" if meta.eo_number else meta.title[:60]
    return f"{label}: " + ", ".join(parts)


# --- storing -----------------------------------------------------------------------------


class DuplicateDocument(Exception):
    def __init__(self, doc_id: int):
        super().__init__(f"already stored as #{doc_id}")
        self.doc_id = doc_id


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def store_analysis(
    db: sqlite_utils.Database,
    analysis: AnalysisLike,
    *,
    sha256: str | None = None,
    source_path: str | None = None,
) -> int:
    """Write one analysed document in ONE transaction; returns its id."""
    document, outline, extraction = analysis.document, analysis.outline, analysis.extraction
    meta = document.meta
    sha = sha256 or meta.sha256
    with db.atomic():
        existing = find_by_sha(db, sha)
        if existing is not None:
            raise DuplicateDocument(existing)
        cursor = db.execute(
            """INSERT INTO documents (sha256, title, doc_type, source_path, source_format,
                page_count, eo_number, signed, fr_citation, fr_doc_number, char_count,
                ingested_at, extractor_version)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                sha,
                meta.title,
                meta.doc_type,
                source_path or meta.source_path,
                meta.source_format,
                meta.page_count,
                meta.eo_number,
                _iso(meta.signed),
                meta.fr_citation,
                meta.fr_doc_number,
                len(document.text),
                _now(),
                getattr(extraction, "extractor_version", None),
            ],
        )
        doc_id = int(cursor.lastrowid)
        db.execute(
            "INSERT INTO document_texts (doc_id, text) VALUES (?, ?)", [doc_id, document.text]
        )
        db.conn.executemany(
            "INSERT INTO pages (doc_id, number, start, end, label) VALUES (?, ?, ?, ?, ?)",
            [(doc_id, p.number, p.start, p.end, p.label) for p in document.pages],
        )
        classes = dict(getattr(extraction, "provision_classes", None) or {})
        _insert_provisions(db, doc_id, document.text, outline, classes)
        if extraction is not None:
            insert_directives(db, doc_id, extraction.directives, extraction.extractor_version)
            db.conn.executemany(
                "INSERT OR IGNORE INTO unresolved_actors (doc_id, actor) VALUES (?, ?)",
                [(doc_id, a) for a in extraction.unresolved_actors],
            )
    return doc_id


def provision_own_text(text: str, provisions: Sequence[Any], i: int) -> str:
    """A provision's own words: from after its heading to its first child (or its end)."""
    p = provisions[i]
    end = p.end
    if i + 1 < len(provisions):
        nxt = provisions[i + 1]
        if nxt.level > p.level and p.start <= nxt.start < p.end:
            end = nxt.start
    return text[p.body_start : max(end, p.body_start)].strip()


def _insert_provisions(
    db: sqlite_utils.Database, doc_id: int, text: str, outline: Outline, classes: dict[str, str]
) -> None:
    provisions = outline.provisions
    db.conn.executemany(
        """INSERT INTO provisions (doc_id, position, pinpoint, level, marker, heading, start, end,
            body_start, parent, page, class, class_source, text)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            (
                doc_id,
                i,
                p.pinpoint,
                p.level,
                p.marker,
                p.heading,
                p.start,
                p.end,
                p.body_start,
                p.parent,
                p.page,
                classes.get(p.pinpoint),
                "rule" if p.pinpoint in classes else None,
                provision_own_text(text, provisions, i),
            )
            for i, p in enumerate(provisions)
        ],
    )


def insert_directives(
    db: sqlite_utils.Database,
    doc_id: int,
    directives: Iterable[Directive],
    extractor_version: str | None,
) -> list[int]:
    """Insert directive records and their child rows (caller holds the transaction)."""
    ids: list[int] = []
    now = _now()
    for d in directives:
        lead = d.lead
        dl = d.deadline
        cursor = db.execute(
            """INSERT INTO directives (doc_id, pinpoint, kind, actor, action, lead_agency,
                lead_acronym, deadline_date, deadline_kind, deadline_text, deadline_working,
                deadline_anchor, deadline_recurrence, deadline_start, deadline_end,
                anchor_pinpoint, page, span_start, span_end, text, items, confidence, source,
                extractor_version, sectors_text, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                ?)""",
            [
                doc_id,
                d.pinpoint,
                d.kind,
                d.actor,
                d.action,
                lead.name if lead else None,
                lead.acronym if lead else None,
                _iso(dl.date) if dl else None,
                dl.kind if dl else None,
                dl.text if dl else None,
                dl.working if dl else None,
                dl.anchor if dl else None,
                dl.recurrence if dl else None,
                dl.span[0] if dl and dl.span else None,
                dl.span[1] if dl and dl.span else None,
                dl.anchor_pinpoint if dl else None,
                d.page,
                d.span[0],
                d.span[1],
                d.text,
                json.dumps(list(d.items)),
                float(d.confidence),
                d.source,
                extractor_version,
                "; ".join(d.sectors),
                now,
            ],
        )
        did = int(cursor.lastrowid)
        ids.append(did)
        if d.agencies:
            db.conn.executemany(
                """INSERT INTO directive_agencies (directive_id, position, name, acronym, key,
                    parent, role) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [
                    (did, i, a.name, a.acronym, a.key, a.parent, a.role)
                    for i, a in enumerate(d.agencies)
                ],
            )
        for table, column, values in (
            ("directive_sectors", "sector", d.sectors),
            ("directive_groups", "name", d.groups),
            ("directive_citations", "citation", d.citations),
        ):
            if values:
                db.conn.executemany(
                    f"INSERT INTO {table} (directive_id, position, {column}) VALUES (?, ?, ?)",
                    [(did, i, v) for i, v in enumerate(values)],
                )
        if d.evidence:
            db.conn.executemany(
                """INSERT INTO directive_evidence (directive_id, position, role, start, end, label)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                [(did, i, e.role, e.start, e.end, e.label) for i, e in enumerate(d.evidence)],
            )
    return ids


def replace_machine_directives(
    db: sqlite_utils.Database, doc_id: int, extraction: Any
) -> list[int]:
    """Swap a document's rule/model directives for a new extraction; user rows stay."""
    with db.atomic():
        db.execute(
            "DELETE FROM directives WHERE doc_id = ? AND source IN ('rule', 'model')", [doc_id]
        )
        db.execute("DELETE FROM unresolved_actors WHERE doc_id = ?", [doc_id])
        ids = insert_directives(db, doc_id, extraction.directives, extraction.extractor_version)
        db.conn.executemany(
            "INSERT OR IGNORE INTO unresolved_actors (doc_id, actor) VALUES (?, ?)",
            [(doc_id, a) for a in extraction.unresolved_actors],
        )
        classes = dict(extraction.provision_classes)
        db.conn.executemany(
            """UPDATE provisions SET class = ?, class_source = 'rule'
               WHERE doc_id = ? AND pinpoint = ? AND coalesce(class_source, '') != 'user'""",
            [(cls, doc_id, pin) for pin, cls in classes.items()],
        )
        db.execute(
            "UPDATE documents SET extractor_version = ? WHERE id = ?",
            [extraction.extractor_version, doc_id],
        )
    return ids
