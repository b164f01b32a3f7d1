"""Use cases over one library file: what the CLI and the GUI both call. No Qt here.

    with Library.open() as lib:               # default location, or Library.open(path)
        results = lib.ingest(paths, progress=..., is_cancelled=...)
        ids = lib.directive_ids(DirectiveFilter(kind="obligation"), "deadline_date")
        rows = lib.directive_rows(ids[:200])

One ``Library`` holds one SQLite connection; use it from one thread (the GUI opens its own
``Library`` in the worker that writes). Records returned are frozen dataclasses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlite_utils
from eolens.data import db as dbmod
from eolens.data import fetch, queries
from eolens.data import ingest as ingestmod
from eolens.data.db import LibraryError
from eolens.data.fetch import FetchError, FrOrder
from eolens.data.ingest import Analyser, IngestResult, ProgressCallback
from eolens.data.queries import DirectiveFilter, DirectiveRow, Facets, SearchHit
from eolens.nlp.extract import Extraction
from eolens.nlp.model import (
    AgencyRef,
    Deadline,
    Directive,
    Document,
    DocumentMeta,
    Evidence,
    Outline,
    PageSpan,
    Provision,
)

__all__ = [
    "DirectiveFilter",
    "DirectiveRecord",
    "DirectiveRow",
    "DocumentRecord",
    "Facets",
    "FetchError",
    "IngestResult",
    "Library",
    "LibraryError",
    "ProvisionRecord",
    "SearchHit",
]


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    id: int
    title: str
    doc_type: str
    eo_number: int | None
    signed: date | None
    page_count: int
    source_path: str
    source_format: str
    sha256: str
    fr_citation: str | None
    fr_doc_number: str | None
    ingested_at: str
    extractor_version: str | None
    directive_count: int
    provision_count: int

    @property
    def label(self) -> str:
        return queries.doc_label(self.eo_number, self.title)


@dataclass(frozen=True, slots=True)
class ProvisionRecord:
    id: int
    doc_id: int
    provision: Provision
    provision_class: str | None
    text: str  # the provision's own words (after its heading, before its first child)


@dataclass(frozen=True, slots=True)
class DirectiveRecord:
    id: int
    doc_id: int
    extractor_version: str | None
    directive: Directive


_DOC_COLUMNS = """d.id, d.title, d.doc_type, d.eo_number, d.signed, d.page_count, d.source_path,
    d.source_format, d.sha256, d.fr_citation, d.fr_doc_number, d.ingested_at, d.extractor_version,
    (SELECT count(*) FROM directives x WHERE x.doc_id = d.id),
    (SELECT count(*) FROM provisions p WHERE p.doc_id = d.id)"""


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _document_record(r: tuple) -> DocumentRecord:
    return DocumentRecord(
        id=r[0],
        title=r[1],
        doc_type=r[2],
        eo_number=r[3],
        signed=_date(r[4]),
        page_count=r[5],
        source_path=r[6],
        source_format=r[7],
        sha256=r[8],
        fr_citation=r[9],
        fr_doc_number=r[10],
        ingested_at=r[11],
        extractor_version=r[12],
        directive_count=r[13],
        provision_count=r[14],
    )


class Library:
    def __init__(self, db: sqlite_utils.Database, path: Path):
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: str | Path | None = None) -> Library:
        resolved = Path(path) if path is not None else dbmod.default_path()
        return cls(dbmod.open_database(resolved), resolved)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------------

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        progress: ProgressCallback | None = None,
        is_cancelled: Callable[[], bool] | None = None,
        analyser: Analyser | None = None,
        extract: bool = True,
    ) -> list[IngestResult]:
        return ingestmod.ingest(
            self.db,
            paths,
            progress=progress,
            is_cancelled=is_cancelled,
            analyser=analyser,
            extract=extract,
        )

    @property
    def downloads_dir(self) -> Path:
        return self.path.parent / "downloads"

    def fetch_executive_order(
        self, eo_number: int, *, prefer: str = "xml", analyser: Analyser | None = None
    ) -> tuple[FrOrder, IngestResult]:
        """Download an order from the Federal Register and ingest it (FetchError if offline)."""
        order, path = fetch.fetch_executive_order(eo_number, self.downloads_dir, prefer=prefer)
        (result,) = self.ingest([path], analyser=analyser)
        return order, result

    def remove_document(self, doc_id: int) -> bool:
        """Delete a document and everything hanging off it. False if there was no such id."""
        with self.db.atomic():
            cursor = self.db.execute("DELETE FROM documents WHERE id = ?", [int(doc_id)])
        return cursor.rowcount > 0

    def reextract(self, doc_id: int) -> list[int]:
        """Run the current extractor on a stored document; machine rows replaced, user rows kept.

        The text was produced by a reader in the isolated child and is plain Python text now,
        so extraction runs in this process.
        """
        document = self.load_document(doc_id)
        outline = self.outline(doc_id)
        extraction = ingestmod.run_extraction(document, outline)
        return ingestmod.replace_machine_directives(self.db, doc_id, extraction)

    # --- documents -------------------------------------------------------------------------

    def documents(self) -> list[DocumentRecord]:
        rows = self.db.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents d "
            "ORDER BY d.signed IS NULL, d.signed DESC, d.eo_number DESC, d.id"
        )
        return [_document_record(r) for r in rows]

    def document(self, doc_id: int) -> DocumentRecord:
        row = self.db.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents d WHERE d.id = ?", [int(doc_id)]
        ).fetchone()
        if row is None:
            raise LibraryError(f"there is no document #{doc_id} in the library")
        return _document_record(row)

    def find_documents(self, ref: str) -> list[DocumentRecord]:
        """Documents a user means by ``ref``: an id, an EO number ("14409", "EO 14409"), or a
        sha256 prefix (6+ hex digits)."""
        ref = ref.strip()
        eo = re.fullmatch(r"(?i)(?:e\.?\s*o\.?\s*|executive\s+order\s+)-?\s*(\d+)", ref)
        if eo:
            return self._where("d.eo_number = ?", [int(eo.group(1))])
        found: list[DocumentRecord] = []
        if ref.isdigit():
            found = self._where("d.eo_number = ?", [int(ref)]) or self._where(
                "d.id = ?", [int(ref)]
            )
        if not found and re.fullmatch(r"[0-9a-fA-F]{6,64}", ref):
            found = self._where("d.sha256 LIKE ?", [ref.lower() + "%"])
        return found

    def resolve_document(self, ref: str) -> DocumentRecord:
        found = self.find_documents(ref)
        if not found:
            raise LibraryError(
                f"no document matches {ref!r} (give an id, an EO number or a sha256 prefix)"
            )
        if len(found) > 1:
            ids = ", ".join(f"#{d.id} ({d.source_format})" for d in found)
            raise LibraryError(f"{ref!r} matches several documents: {ids}; give the id")
        return found[0]

    def _where(self, clause: str, params: list) -> list[DocumentRecord]:
        rows = self.db.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents d WHERE {clause} ORDER BY d.id", params
        )
        return [_document_record(r) for r in rows]

    def document_text(self, doc_id: int) -> str:
        row = self.db.execute(
            "SELECT text FROM document_texts WHERE doc_id = ?", [int(doc_id)]
        ).fetchone()
        if row is None:
            raise LibraryError(f"there is no document #{doc_id} in the library")
        return row[0]

    def pages(self, doc_id: int) -> tuple[PageSpan, ...]:
        rows = self.db.execute(
            "SELECT number, start, end, label FROM pages WHERE doc_id = ? ORDER BY number",
            [int(doc_id)],
        )
        return tuple(PageSpan(*r) for r in rows)

    def provisions(self, doc_id: int) -> list[ProvisionRecord]:
        rows = self.db.execute(
            """SELECT id, pinpoint, level, marker, heading, start, end, body_start, parent, page,
                      class, text
               FROM provisions WHERE doc_id = ? ORDER BY position""",
            [int(doc_id)],
        )
        return [
            ProvisionRecord(
                id=r[0],
                doc_id=int(doc_id),
                provision=Provision(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]),
                provision_class=r[10],
                text=r[11],
            )
            for r in rows
        ]

    def outline(self, doc_id: int) -> Outline:
        return Outline(tuple(p.provision for p in self.provisions(doc_id)))

    def provision_classes(self, doc_id: int) -> dict[str, str]:
        return {
            p.provision.pinpoint: p.provision_class
            for p in self.provisions(doc_id)
            if p.provision_class
        }

    def load_document(self, doc_id: int) -> Document:
        """The stored document as the nlp model record (for re-extraction and export)."""
        rec = self.document(doc_id)
        meta = DocumentMeta(
            title=rec.title,
            doc_type=rec.doc_type,  # type: ignore[arg-type]
            source_path=rec.source_path,
            sha256=rec.sha256,
            source_format=rec.source_format,  # type: ignore[arg-type]
            page_count=rec.page_count,
            eo_number=rec.eo_number,
            signed=rec.signed,
            fr_citation=rec.fr_citation,
            fr_doc_number=rec.fr_doc_number,
        )
        return Document(meta, self.document_text(doc_id), self.pages(doc_id))

    def unresolved_actors(self, doc_id: int) -> list[str]:
        rows = self.db.execute(
            "SELECT actor FROM unresolved_actors WHERE doc_id = ? ORDER BY actor", [int(doc_id)]
        )
        return [r[0] for r in rows]

    # --- search ----------------------------------------------------------------------------

    def search(
        self, text: str, *, doc_ids: Sequence[int] = (), limit: int = 100
    ) -> list[SearchHit]:
        return queries.search_provisions(self.db, text, doc_ids=doc_ids, limit=limit)

    # --- directives ------------------------------------------------------------------------

    def directive_ids(
        self,
        where: DirectiveFilter | None = None,
        order_by: str = "position",
        descending: bool = False,
    ) -> list[int]:
        return queries.directive_ids(self.db, where, order_by, descending)

    def directive_rows(self, ids: Iterable[int]) -> dict[int, DirectiveRow]:
        return queries.directive_rows(self.db, ids)

    def count_directives(self, where: DirectiveFilter | None = None) -> int:
        return queries.count_directives(self.db, where)

    def directive_text_matches(self, text: str) -> set[int] | None:
        """Ids whose indexed text has every word of ``text`` (as ``DirectiveFilter.text``
        matches it), unordered; None when ``text`` has no words (no restriction).

        For the GUI's filter box: it intersects this with the order it already holds instead
        of asking SQL to sort 100k rows again on every keystroke.
        """
        return queries.directive_text_matches(self.db, text)

    def facets(self, doc_ids: Sequence[int] = ()) -> Facets:
        return queries.facets(self.db, doc_ids)

    def directive(self, directive_id: int) -> DirectiveRecord:
        r = self.db.execute(
            """SELECT id, doc_id, pinpoint, kind, actor, action, deadline_date, deadline_kind,
                      deadline_text, deadline_working, deadline_anchor, deadline_recurrence,
                      deadline_start, deadline_end, anchor_pinpoint, page, span_start, span_end,
                      text, items, confidence, source, extractor_version
               FROM directives WHERE id = ?""",
            [int(directive_id)],
        ).fetchone()
        if r is None:
            raise LibraryError(f"there is no directive #{directive_id} in the library")
        did = r[0]
        deadline = None
        if r[7] is not None:
            deadline = Deadline(
                text=r[8] or "",
                kind=r[7],
                date=_date(r[6]),
                anchor=r[10],
                anchor_pinpoint=r[14],
                recurrence=r[11],
                working=r[9],
                span=(r[12], r[13]) if r[12] is not None else None,
            )
        agencies = tuple(
            AgencyRef(*a)
            for a in self._children("directive_agencies", "name, acronym, role, key, parent", did)
        )
        evidence = tuple(
            Evidence(*e)
            for e in self._children("directive_evidence", "role, start, end, label", did)
        )
        directive = Directive(
            pinpoint=r[2],
            kind=r[3],
            actor=r[4],
            agencies=agencies,
            action=r[5],
            deadline=deadline,
            span=(r[16], r[17]),
            text=r[18],
            page=r[15],
            sectors=self._values("directive_sectors", "sector", did),
            groups=self._values("directive_groups", "name", did),
            citations=self._values("directive_citations", "citation", did),
            items=tuple(json.loads(r[19] or "[]")),
            confidence=r[20],
            source=r[21],
            evidence=evidence,
        )
        return DirectiveRecord(id=did, doc_id=r[1], extractor_version=r[22], directive=directive)

    def directives_of(self, doc_id: int) -> list[DirectiveRecord]:
        return [
            self.directive(i) for i in self.directive_ids(DirectiveFilter(doc_ids=(int(doc_id),)))
        ]

    def contract(self, doc_id: int) -> dict:
        """The directives.md JSON contract for a stored document (what ``extract`` prints)."""
        from eolens.nlp.serialize import contract

        stored = Extraction(
            directives=tuple(r.directive for r in self.directives_of(doc_id)),
            provision_classes=self.provision_classes(doc_id),
            unresolved_actors=tuple(self.unresolved_actors(doc_id)),
            extractor_version=self.document(doc_id).extractor_version or "",
        )
        return contract(self.load_document(doc_id), self.outline(doc_id), stored)

    def _children(self, table: str, columns: str, directive_id: int) -> list[tuple]:
        """A directive's rows in a child table, in their stored order."""
        sql = f"SELECT {columns} FROM {table} WHERE directive_id = ? ORDER BY position"
        return self.db.execute(sql, [directive_id]).fetchall()

    def _values(self, table: str, column: str, directive_id: int) -> tuple[str, ...]:
        return tuple(r[0] for r in self._children(table, column, directive_id))

    # --- health ----------------------------------------------------------------------------

    def quick_check(self) -> str:
        return dbmod.quick_check(self.db)
