"""The library file: opening it safely, its schema and the migrations that build it.

One SQLite file per library, opened through sqlite-utils with WAL, ``synchronous=FULL``,
foreign keys and a 5 s busy timeout. The schema is a list of sqlite-utils ``Migrations``; the
number applied is mirrored in ``PRAGMA user_version`` so that an older EO Lens can refuse a file
written by a newer one before touching it. An existing file is backed up (``VACUUM INTO`` a temp
file, checked, renamed) before any migration runs on it.

Every record the machine writes carries ``source`` ('rule' | 'model' | 'user') so that user
corrections can live beside machine rows and survive re-extraction.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
import sqlite_utils
from sqlite_utils.migrations import Migrations

APP_NAME = "eolens"
LIBRARY_FILE = "eolens.sqlite"

migrations = Migrations("eolens")


class LibraryError(Exception):
    """A library file cannot be used; the message says why in plain words."""


def default_path() -> Path:
    """``eolens.sqlite`` in the user's data directory (XDG_DATA_HOME on Linux)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / LIBRARY_FILE


def _ddl(db: sqlite_utils.Database, *statements: str) -> None:
    # One execute per statement: executescript would commit the migration's transaction.
    for sql in statements:
        db.execute(sql)


@migrations()
def m001_documents_and_outline(db: sqlite_utils.Database) -> None:
    _ddl(
        db,
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            doc_type TEXT NOT NULL,
            source_path TEXT NOT NULL,
            source_format TEXT NOT NULL,
            page_count INTEGER NOT NULL DEFAULT 1,
            eo_number INTEGER,
            signed TEXT,
            fr_citation TEXT,
            fr_doc_number TEXT,
            char_count INTEGER NOT NULL DEFAULT 0,
            ingested_at TEXT NOT NULL,
            reader_version TEXT,
            extractor_version TEXT
        )""",
        "CREATE INDEX idx_documents_eo_number ON documents(eo_number)",
        """CREATE TABLE document_texts (
            doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            text TEXT NOT NULL
        )""",
        """CREATE TABLE pages (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            label TEXT,
            PRIMARY KEY (doc_id, number)
        ) WITHOUT ROWID""",
        """CREATE TABLE provisions (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            pinpoint TEXT NOT NULL,
            level INTEGER NOT NULL,
            marker TEXT NOT NULL,
            heading TEXT,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            body_start INTEGER NOT NULL,
            parent TEXT,
            page INTEGER,
            class TEXT,
            class_source TEXT,
            text TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE UNIQUE INDEX idx_provisions_doc_position ON provisions(doc_id, position)",
        "CREATE INDEX idx_provisions_doc_pinpoint ON provisions(doc_id, pinpoint)",
    )
    db["provisions"].enable_fts(
        ["heading", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )


@migrations()
def m002_directives(db: sqlite_utils.Database) -> None:
    # The directive table is shaped for the GUI's 100k-row table: display columns are
    # denormalised here (lead agency, sectors_text) and every sortable column has an index
    # ending in (doc_id, span_start) so "ORDER BY col, doc_id, span_start" is an index scan.
    # Nullable sort columns are indexed as (col IS NULL, col, ...) to put blanks last cheaply.
    _ddl(
        db,
        """CREATE TABLE directives (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            pinpoint TEXT NOT NULL,
            kind TEXT NOT NULL,
            actor TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL DEFAULT '',
            lead_agency TEXT,
            lead_acronym TEXT,
            deadline_date TEXT,
            deadline_kind TEXT,
            deadline_text TEXT,
            deadline_working TEXT,
            deadline_anchor TEXT,
            deadline_recurrence TEXT,
            deadline_start INTEGER,
            deadline_end INTEGER,
            anchor_pinpoint TEXT,
            page INTEGER,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            text TEXT NOT NULL,
            items TEXT NOT NULL DEFAULT '[]',
            confidence REAL NOT NULL DEFAULT 1.0,
            source TEXT NOT NULL DEFAULT 'rule' CHECK (source IN ('rule', 'model', 'user')),
            extractor_version TEXT,
            sectors_text TEXT NOT NULL DEFAULT '',
            created_at TEXT
        )""",
        # Tails (kind, deadline_date) make the scans covering for the common filters.
        "CREATE INDEX idx_directives_doc ON directives(doc_id, span_start, kind, deadline_date)",
        "CREATE INDEX idx_directives_kind ON directives(kind, doc_id, span_start, deadline_date)",
        "CREATE INDEX idx_directives_deadline ON directives("
        "deadline_date IS NULL, deadline_date, doc_id, span_start, kind)",
        "CREATE INDEX idx_directives_lead ON directives("
        "lead_agency IS NULL, lead_agency, doc_id, span_start, kind, deadline_date)",
        "CREATE INDEX idx_directives_action ON directives("
        "action, doc_id, span_start, kind, deadline_date)",
        "CREATE INDEX idx_directives_sectors ON directives("
        "sectors_text, doc_id, span_start, kind, deadline_date)",
        "CREATE INDEX idx_directives_page ON directives("
        "page IS NULL, page, doc_id, span_start, kind, deadline_date)",
        "CREATE INDEX idx_directives_source ON directives(doc_id, source)",
        """CREATE TABLE directive_agencies (
            directive_id INTEGER NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            acronym TEXT,
            key TEXT,
            parent TEXT,
            role TEXT NOT NULL,
            PRIMARY KEY (directive_id, position)
        ) WITHOUT ROWID""",
        "CREATE INDEX idx_directive_agencies_key ON directive_agencies(key, directive_id)",
        "CREATE INDEX idx_directive_agencies_name ON directive_agencies("
        "name COLLATE NOCASE, directive_id)",
        "CREATE INDEX idx_directive_agencies_acronym ON directive_agencies("
        "acronym COLLATE NOCASE, directive_id)",
    )
    for table, column in (
        ("directive_sectors", "sector"),
        ("directive_groups", "name"),
        ("directive_citations", "citation"),
    ):
        _ddl(
            db,
            f"""CREATE TABLE {table} (
                directive_id INTEGER NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                {column} TEXT NOT NULL,
                PRIMARY KEY (directive_id, position)
            ) WITHOUT ROWID""",
            f"CREATE INDEX idx_{table}_{column} ON {table}({column}, directive_id)",
        )
    _ddl(
        db,
        """CREATE TABLE directive_evidence (
            directive_id INTEGER NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            role TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            label TEXT NOT NULL,
            PRIMARY KEY (directive_id, position)
        ) WITHOUT ROWID""",
        """CREATE TABLE unresolved_actors (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            actor TEXT NOT NULL,
            PRIMARY KEY (doc_id, actor)
        ) WITHOUT ROWID""",
    )
    db["directives"].enable_fts(
        ["text", "actor", "action", "lead_agency", "pinpoint"],
        create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )


SCHEMA_VERSION = len(migrations._migrations)
_KNOWN = {m.name for m in migrations._migrations}


def open_database(path: str | Path | None = None, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) the library at ``path`` (default: :func:`default_path`).

    Raises :class:`LibraryError` for a damaged file, a file that is not SQLite, or a file
    written by a newer EO Lens.
    """
    path = Path(path) if path is not None else default_path()
    if path.is_dir():
        raise LibraryError(f"{path} is a directory, not a library file")
    existed = path.exists() and path.stat().st_size > 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(f"cannot create the folder for {path}: {exc.strerror or exc}") from exc
    try:
        db = sqlite_utils.Database(path)
    except sqlite3.Error as exc:
        raise LibraryError(f"cannot open {path}: {exc}") from exc
    try:
        _while_contended(lambda: _configure(db))
        if migrate:
            _while_contended(lambda: _migrate(db, path, existed))
    except LibraryError:
        db.close()
        raise
    except sqlite3.DatabaseError as exc:
        db.close()
        raise LibraryError(
            f"{path} is damaged or is not an EO Lens library ({exc}); "
            "restore a backup or choose another file with --db"
        ) from exc
    except BaseException:
        db.close()
        raise
    return db


def _while_contended(step: Callable[[], None], patience: float = 30.0) -> None:
    """Run ``step``, retrying while another process is creating or migrating the same file.

    The busy timeout does not cover these cases: switching to WAL needs an exclusive lock, a
    read transaction that must upgrade to a write fails at once ("database is locked"), and two
    processes that both saw a migration pending race to create the same table ("already
    exists"). After a retry the migration is found applied and nothing is done twice.
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            message = str(exc)
            contended = "locked" in message or "already exists" in message
            if not contended or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _configure(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA busy_timeout = 5000")
    # Reading the schema is what first touches the file: a non-SQLite file fails here.
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    mode = db.execute("PRAGMA journal_mode = wal").fetchone()[0]
    if str(mode).lower() != "wal":
        raise LibraryError(f"cannot switch {db.conn} to write-ahead logging (got {mode})")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")


def schema_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _migrate(db: sqlite_utils.Database, path: Path, existed: bool) -> None:
    _refuse_foreign(db, path, existed)
    if not migrations.pending(db) and schema_version(db) == SCHEMA_VERSION:
        return
    applied = migrations.applied(db)
    if existed and applied and migrations.pending(db):
        # VACUUM INTO cannot run inside a transaction, so the backup is taken before the write
        # lock; two processes that both see a migration pending each keep a (correct) backup.
        backup(db, _backup_path(path, len(applied)))
    # Check, apply and stamp under one write lock: a process that opens the file meanwhile
    # sees either the old schema (and waits for the lock) or the finished one with its
    # user_version, never migrations applied but the version not yet written.
    db.execute("BEGIN IMMEDIATE")
    try:
        _refuse_foreign(db, path, existed)
        migrations.apply(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.conn.rollback()
        raise
    db.execute("COMMIT")


def _refuse_foreign(db: sqlite_utils.Database, path: Path, existed: bool) -> None:
    version = schema_version(db)
    applied = [m.name for m in migrations.applied(db)]
    unknown = [name for name in applied if name not in _KNOWN]
    if version > SCHEMA_VERSION or unknown:
        raise LibraryError(
            f"{path} was written by a newer EO Lens (schema {max(version, len(applied))}, "
            f"this version understands up to {SCHEMA_VERSION}); update EO Lens to open it"
        )
    if version == 0 and not applied and existed:
        tables = set(db.table_names()) - {migrations.migrations_table}
        if tables:
            raise LibraryError(f"{path} is an SQLite file but not an EO Lens library")


def _backup_path(path: Path, version: int) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    return path.with_name(f"{path.name}.v{version}-{stamp}.bak")


def backup(db: sqlite_utils.Database, target: Path) -> Path:
    """Copy the library to ``target`` consistently: VACUUM INTO a temp file, check it, rename.

    Never copies the file itself: with a ``-wal`` beside it a raw copy can be stale or torn.
    """
    target = Path(target)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        db.execute("VACUUM INTO ?", [str(tmp)])
        check = sqlite3.connect(tmp)
        try:
            result = check.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            check.close()
        if result != "ok":
            raise LibraryError(f"the backup {tmp} failed its check ({result}); nothing migrated")
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise LibraryError(f"cannot back up the library to {target}: {exc}") from exc
    return target


def quick_check(db: sqlite_utils.Database) -> str:
    return "; ".join(str(row[0]) for row in db.execute("PRAGMA quick_check").fetchall())
