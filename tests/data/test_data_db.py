"""The library file: pragmas, migrations, backups, refusing newer and damaged files."""

from __future__ import annotations

import sqlite3

import pytest
from data_samples import sample_analysis
from eolens.data import db as dbmod
from eolens.data.db import LibraryError, open_database
from eolens.data.ingest import store_analysis


def test_fresh_library_has_the_schema_and_safe_pragmas(tmp_path):
    db = open_database(tmp_path / "lib.sqlite")
    try:
        assert dbmod.schema_version(db) == dbmod.SCHEMA_VERSION
        assert {"documents", "document_texts", "pages", "provisions", "directives"} <= set(
            db.table_names()
        )
        assert "provisions_fts" in db.table_names() and "directives_fts" in db.table_names()
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert [m.name for m in dbmod.migrations.applied(db)] == [
            m.name for m in dbmod.migrations._migrations
        ]
    finally:
        db.close()


def test_default_location_follows_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert dbmod.default_path() == tmp_path / "xdg" / "eolens" / "eolens.sqlite"
    db = open_database()
    db.close()
    assert (tmp_path / "xdg" / "eolens" / "eolens.sqlite").is_file()


def test_reopening_keeps_data_and_makes_no_backup(tmp_path):
    path = tmp_path / "lib.sqlite"
    db = open_database(path)
    store_analysis(db, sample_analysis())
    db.close()
    db = open_database(path)
    try:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    finally:
        db.close()
    assert not list(tmp_path.glob("*.bak"))


def test_migrating_an_older_library_backs_it_up_first(tmp_path):
    path = tmp_path / "lib.sqlite"
    # Build a version-1 library by hand: only the first migration applied.
    old = open_database(path, migrate=False)
    dbmod.migrations.apply(old, stop_before="m002_directives")
    old.execute("PRAGMA user_version = 1")
    old.execute(
        "INSERT INTO documents (sha256, title, doc_type, source_path, source_format, ingested_at)"
        " VALUES ('abc', 'Old order', 'executive_order', '/x', 'text', '2026-01-01')"
    )
    old.conn.commit()
    old.close()

    db = open_database(path)
    try:
        assert dbmod.schema_version(db) == dbmod.SCHEMA_VERSION
        assert "directives" in db.table_names()
        assert db.execute("SELECT title FROM documents").fetchone()[0] == "Old order"
    finally:
        db.close()
    backups = list(tmp_path.glob("lib.sqlite.v1-*.bak"))
    assert len(backups) == 1
    check = sqlite3.connect(backups[0])
    try:
        assert check.execute("PRAGMA user_version").fetchone()[0] == 1
        assert check.execute("SELECT title FROM documents").fetchone()[0] == "Old order"
        assert "directives" not in {
            r[0] for r in check.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    finally:
        check.close()


def test_migrations_applied_but_version_unstamped_is_repaired(tmp_path):
    # Older EO Lens stamped user_version after the migrations, outside their transactions: a
    # process killed in between left every migration applied and user_version 0.
    path = tmp_path / "lib.sqlite"
    db = open_database(path)
    db.execute("PRAGMA user_version = 0")
    db.close()
    db = open_database(path)
    try:
        assert dbmod.schema_version(db) == dbmod.SCHEMA_VERSION
        assert not list(tmp_path.glob("*.bak"))
    finally:
        db.close()


def test_failed_migration_leaves_the_library_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "lib.sqlite"
    old = open_database(path, migrate=False)
    dbmod.migrations.apply(old, stop_before="m002_directives")
    old.execute("PRAGMA user_version = 1")
    old.conn.commit()
    old.close()

    def broken(db):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(dbmod.migrations._migrations[1], "fn", broken)
    with pytest.raises(RuntimeError, match="disk gone"):
        open_database(path)
    check = sqlite3.connect(path)
    try:
        assert check.execute("PRAGMA user_version").fetchone()[0] == 1
        names = [r[0] for r in check.execute("SELECT name FROM _sqlite_migrations")]
        assert names == ["m001_documents_and_outline"]
    finally:
        check.close()


def test_library_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "lib.sqlite"
    db = open_database(path)
    db.execute(f"PRAGMA user_version = {dbmod.SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="newer EO Lens"):
        open_database(path)
    assert path.read_bytes() == before


def test_unknown_migration_name_is_refused(tmp_path):
    path = tmp_path / "lib.sqlite"
    db = open_database(path)
    db["_sqlite_migrations"].insert(
        {"migration_set": "eolens", "name": "m999_future", "applied_at": "2030-01-01"}
    )
    db.close()
    with pytest.raises(LibraryError, match="newer EO Lens"):
        open_database(path)


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all" * 50, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["text", "damaged-header"],
)
def test_damaged_file_gives_a_clear_error(tmp_path, content):
    path = tmp_path / "lib.sqlite"
    path.write_bytes(content)
    with pytest.raises(LibraryError, match="damaged or is not an EO Lens library"):
        open_database(path)


def test_foreign_sqlite_file_is_not_taken_over(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="not an EO Lens library"):
        open_database(path)
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")] == [
        "recipes"
    ]
    conn.close()


def test_directory_path_is_refused(tmp_path):
    with pytest.raises(LibraryError, match="is a directory"):
        open_database(tmp_path)


def test_backup_is_a_checked_copy(tmp_path):
    db = open_database(tmp_path / "lib.sqlite")
    try:
        store_analysis(db, sample_analysis())
        target = dbmod.backup(db, tmp_path / "copy.sqlite")
    finally:
        db.close()
    assert not (tmp_path / "copy.sqlite.tmp").exists()
    copy = open_database(target)
    try:
        assert copy.execute("SELECT count(*) FROM provisions").fetchone()[0] == 6
        assert dbmod.quick_check(copy) == "ok"
    finally:
        copy.close()
