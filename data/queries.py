"""Read-side queries: directive filters as data (datasette filters.py style), search, facets.

User text is always a bound parameter; FTS queries are quoted token by token so that any text
("Sec. 4(b)", quotes, NEAR, ``*``, unbalanced parentheses) is searched literally.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import sqlite_utils

# (index, ORDER BY terms) per sortable column. Each index in db.py starts with exactly these
# terms, so the sort is an index scan and the filters are checked on the way (the index tails
# carry kind and deadline_date). "pinpoint" sorts in document order: the natural pinpoint order
# within a document (text order would put "10" before "2").
ORDER_BY: dict[str, tuple[str, str]] = {
    "position": ("idx_directives_doc", "doc_id, span_start"),
    "document": ("idx_directives_doc", "doc_id, span_start"),
    "pinpoint": ("idx_directives_doc", "doc_id, span_start"),
    "kind": ("idx_directives_kind", "kind, doc_id, span_start"),
    "lead_agency": ("idx_directives_lead", "lead_agency IS NULL, lead_agency, doc_id, span_start"),
    "action": ("idx_directives_action", "action, doc_id, span_start"),
    "deadline_date": (
        "idx_directives_deadline",
        "deadline_date IS NULL, deadline_date, doc_id, span_start",
    ),
    "sectors": ("idx_directives_sectors", "sectors_text, doc_id, span_start"),
    "page": ("idx_directives_page", "page IS NULL, page, doc_id, span_start"),
}

_WORD_RE = re.compile(r"\w", re.UNICODE)
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def fts_query(text: str, *, prefix: bool = False) -> str:
    """An FTS5 MATCH expression for "all these words", whatever the user typed.

    sqlite-utils ``quote_fts`` semantics (each whitespace-separated chunk becomes a quoted
    phrase, so NEAR, OR, ``*``, ``^``, ``:``, parentheses are literal and "4(b)" is the phrase
    4 b), made total: inner quotes are doubled, control characters (NUL breaks FTS5) removed,
    and chunks without a word character dropped. With ``prefix`` each chunk also matches as a
    prefix (``"agen"*``), for filter boxes that update as the user types. Empty when the text
    has no words: callers treat that as "no text condition" / "no hits".
    """
    star = "*" if prefix else ""
    phrases = []
    for chunk in _CONTROL_RE.sub(" ", text).split():
        if _WORD_RE.search(chunk):
            phrases.append('"' + chunk.replace('"', '""') + '"' + star)
    return " ".join(phrases)


def _placeholders(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


@dataclass(frozen=True, slots=True)
class FilterSQL:
    where: str  # SQL boolean expression over the directives table ("1" when unfiltered)
    params: tuple[object, ...]
    description: str  # human-readable, e.g. 'kind is obligation and due on or before 2026-07-01'


@dataclass(frozen=True, slots=True)
class DirectiveFilter:
    """What the directive table shows. Every field is optional; fields combine with AND."""

    doc_ids: tuple[int, ...] = ()
    text: str = ""
    agency: str | None = None  # gazetteer key, acronym or name; any role
    kind: str | None = None
    sector: str | None = None
    due_before: date | None = None  # inclusive
    due_after: date | None = None  # inclusive
    has_no_deadline: bool = False
    source: str | None = None

    def to_sql(self) -> FilterSQL:
        clauses: list[str] = []
        params: list[object] = []
        words: list[str] = []
        if self.doc_ids:
            clauses.append(f"doc_id IN ({_placeholders(self.doc_ids)})")
            params.extend(int(d) for d in self.doc_ids)
            label = "document" if len(self.doc_ids) == 1 else "documents"
            words.append(f"{label} {', '.join('#' + str(d) for d in self.doc_ids)}")
        if self.text and (match := fts_query(self.text, prefix=True)):
            clauses.append("id IN (SELECT rowid FROM directives_fts WHERE directives_fts MATCH ?)")
            params.append(match)
            words.append(f"text contains {self.text.strip()!r}")
        if self.agency:
            clauses.append(
                "id IN (SELECT directive_id FROM directive_agencies WHERE key = ?"
                " UNION SELECT directive_id FROM directive_agencies"
                " WHERE acronym = ? COLLATE NOCASE"
                " UNION SELECT directive_id FROM directive_agencies WHERE name = ? COLLATE NOCASE)"
            )
            params.extend([self.agency, self.agency, self.agency])
            words.append(f"agency is {self.agency}")
        if self.kind:
            clauses.append("kind = ?")
            params.append(self.kind)
            words.append(f"kind is {self.kind}")
        if self.sector:
            clauses.append("id IN (SELECT directive_id FROM directive_sectors WHERE sector = ?)")
            params.append(self.sector)
            words.append(f"sector is {self.sector}")
        if self.has_no_deadline:
            clauses.append("deadline_date IS NULL")
            words.append("no deadline date")
        if self.due_after is not None:
            clauses.append("deadline_date >= ?")
            params.append(self.due_after.isoformat())
            words.append(f"due on or after {self.due_after.isoformat()}")
        if self.due_before is not None:
            clauses.append("deadline_date <= ?")
            params.append(self.due_before.isoformat())
            words.append(f"due on or before {self.due_before.isoformat()}")
        if self.source:
            clauses.append("source = ?")
            params.append(self.source)
            words.append(f"source is {self.source}")
        where = " AND ".join(clauses) if clauses else "1"
        description = " and ".join(words) if words else "all directives"
        return FilterSQL(where, tuple(params), description)

    def describe(self) -> str:
        return self.to_sql().description


@dataclass(frozen=True, slots=True)
class DirectiveRow:
    """What one line of the directive table shows (fetched lazily, by id)."""

    id: int
    doc_id: int
    doc_label: str
    pinpoint: str
    kind: str
    lead_agency: str | None
    lead_acronym: str | None
    action: str
    deadline_date: str | None
    deadline_kind: str | None
    deadline_text: str | None
    sectors: tuple[str, ...]
    page: int | None
    span: tuple[int, int]
    text: str
    source: str
    confidence: float


def directive_ids(
    db: sqlite_utils.Database,
    where: DirectiveFilter | None = None,
    order_by: str = "position",
    descending: bool = False,
) -> list[int]:
    """Ids of the matching directives in display order, filtered and sorted in SQL."""
    flt = where or DirectiveFilter()
    spec = flt.to_sql()
    try:
        index, terms = ORDER_BY[order_by]
    except KeyError:
        raise ValueError(
            f"cannot sort directives by {order_by!r}; use one of {sorted(ORDER_BY)}"
        ) from None
    if descending:
        terms = ", ".join(f"{t.strip()} DESC" for t in terms.split(","))
    # Without a document restriction the filters are broad: walking the sort index and probing
    # the filter beats fetching matches and sorting them (measured on 100k rows). Within chosen
    # documents the planner's own choice (the document index) is better.
    hint = "" if flt.doc_ids else f" INDEXED BY {index}"
    # One JSON array instead of 100k Python row tuples: half the time for large results.
    sql = (
        "SELECT json_group_array(id) FROM "
        f"(SELECT id FROM directives{hint} WHERE {spec.where} ORDER BY {terms})"
    )
    return json.loads(db.execute(sql, spec.params).fetchone()[0])


def directive_text_matches(db: sqlite_utils.Database, text: str) -> set[int] | None:
    """Ids of directives containing all the words of ``text`` (prefix match), unordered.

    For a table that keeps its sorted ids and narrows them as the user types: the FTS lookup
    alone, without re-sorting. None when the text has no words (no restriction), as in
    DirectiveFilter.
    """
    match = fts_query(text, prefix=True)
    if not match:
        return None
    sql = "SELECT rowid FROM directives_fts WHERE directives_fts MATCH ?"
    return {row[0] for row in db.execute(sql, [match])}


def count_directives(db: sqlite_utils.Database, where: DirectiveFilter | None = None) -> int:
    spec = (where or DirectiveFilter()).to_sql()
    return int(
        db.execute(f"SELECT count(*) FROM directives WHERE {spec.where}", spec.params).fetchone()[0]
    )


def doc_label(eo_number: int | None, title: str) -> str:
    """How a document is named in lists: "EO 14409", or its title when it has no number."""
    return f"EO {eo_number}" if eo_number else title


def directive_rows(db: sqlite_utils.Database, ids: Iterable[int]) -> dict[int, DirectiveRow]:
    """Table rows for ``ids`` (any number: passed as one JSON parameter, not N placeholders)."""
    id_list = [int(i) for i in ids]
    if not id_list:
        return {}
    sql = """
        SELECT d.id, d.doc_id, doc.eo_number, doc.title, d.pinpoint, d.kind, d.lead_agency,
               d.lead_acronym, d.action, d.deadline_date, d.deadline_kind, d.deadline_text,
               d.sectors_text, d.page, d.span_start, d.span_end, d.text, d.source, d.confidence
        FROM directives d JOIN documents doc ON doc.id = d.doc_id
        WHERE d.id IN (SELECT value FROM json_each(?))"""
    rows: dict[int, DirectiveRow] = {}
    for r in db.execute(sql, [json.dumps(id_list)]):
        rows[r[0]] = DirectiveRow(
            id=r[0],
            doc_id=r[1],
            doc_label=doc_label(r[2], r[3]),
            pinpoint=r[4],
            kind=r[5],
            lead_agency=r[6],
            lead_acronym=r[7],
            action=r[8],
            deadline_date=r[9],
            deadline_kind=r[10],
            deadline_text=r[11],
            sectors=tuple(s for s in r[12].split("; ") if s),
            page=r[13],
            span=(r[14], r[15]),
            text=r[16],
            source=r[17],
            confidence=r[18],
        )
    return rows


# --- facets ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgencyFacet:
    value: str  # what to put in DirectiveFilter.agency: the gazetteer key, else the name
    name: str
    acronym: str | None
    count: int


@dataclass(frozen=True, slots=True)
class Facets:
    agencies: tuple[AgencyFacet, ...]
    sectors: tuple[tuple[str, int], ...]
    kinds: tuple[tuple[str, int], ...]


def facets(db: sqlite_utils.Database, doc_ids: Sequence[int] = ()) -> Facets:
    """Values present (with counts) for the filter combo boxes, optionally for some documents."""
    scope = DirectiveFilter(doc_ids=tuple(doc_ids)).to_sql()
    # Unscoped, the child tables are counted whole (an IN over 100k ids costs 10x more).
    within = f"AND directive_id IN (SELECT id FROM directives WHERE {scope.where})"
    if not doc_ids:
        within = ""
    # Keyed agencies group on the key index; generic actors ("agencies") by name. One GROUP BY
    # over coalesce(key, name) cannot use an index and costs ~10x more on 100k directives.
    found: list[AgencyFacet] = []
    for key, count in db.execute(
        f"""SELECT key, count(DISTINCT directive_id) FROM directive_agencies
            WHERE key IS NOT NULL {within} GROUP BY key""",
        scope.params,
    ).fetchall():
        name, acronym = db.execute(
            "SELECT name, acronym FROM directive_agencies WHERE key = ? LIMIT 1", [key]
        ).fetchone()
        found.append(AgencyFacet(key, name, acronym, count))
    for name, acronym, count in db.execute(
        f"""SELECT min(name), min(acronym), count(DISTINCT directive_id) FROM directive_agencies
            WHERE key IS NULL {within} GROUP BY name COLLATE NOCASE""",
        scope.params,
    ):
        found.append(AgencyFacet(name, name, acronym, count))
    agencies = tuple(sorted(found, key=lambda a: (a.name.casefold(), a.value)))
    sectors = tuple(
        (r[0], r[1])
        for r in db.execute(
            f"""SELECT sector, count(DISTINCT directive_id) FROM directive_sectors
                WHERE 1 {within} GROUP BY sector ORDER BY sector""",
            scope.params,
        )
    )
    kinds = tuple(
        (r[0], r[1])
        for r in db.execute(
            f"SELECT kind, count(*) FROM directives WHERE {scope.where} "
            "GROUP BY kind ORDER BY kind",
            scope.params,
        )
    )
    return Facets(agencies, sectors, kinds)


# --- provision search --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: int
    doc_label: str
    provision_id: int
    pinpoint: str
    heading: str | None
    page: int | None
    start: int
    end: int
    snippet: str


def search_provisions(
    db: sqlite_utils.Database,
    text: str,
    *,
    doc_ids: Sequence[int] = (),
    limit: int = 100,
    mark: tuple[str, str] = ("[", "]"),
) -> list[SearchHit]:
    """Provisions whose heading or text contain all the words of ``text``, best first."""
    match = fts_query(text)
    if not match:
        return []
    params: list[object] = [mark[0], mark[1], match]
    doc_clause = ""
    if doc_ids:
        doc_clause = f" AND p.doc_id IN ({_placeholders(doc_ids)})"
        params.extend(int(d) for d in doc_ids)
    params.append(int(limit))
    sql = f"""
        SELECT p.doc_id, doc.eo_number, doc.title, p.id, p.pinpoint, p.heading, p.page, p.start,
               p.end, snippet(provisions_fts, -1, ?, ?, '…', 16)
        FROM provisions_fts
        JOIN provisions p ON p.id = provisions_fts.rowid
        JOIN documents doc ON doc.id = p.doc_id
        WHERE provisions_fts MATCH ?{doc_clause}
        ORDER BY provisions_fts.rank, p.doc_id, p.position
        LIMIT ?"""
    return [
        SearchHit(r[0], doc_label(r[1], r[2]), r[3], r[4], r[5], r[6], r[7], r[8], r[9])
        for r in db.execute(sql, params)
    ]
