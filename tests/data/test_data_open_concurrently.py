"""Several processes opening one new library at once (a CLI ingest and the window, say)."""

from __future__ import annotations

import subprocess
import sys

from eolens.data.db import SCHEMA_VERSION, open_database, schema_version

OPEN = (
    "import sys\n"
    "from eolens.data.db import open_database, schema_version\n"
    "db = open_database(sys.argv[1])\n"
    "print(schema_version(db))\n"
    "db.close()\n"
)


def test_processes_creating_the_same_library_all_succeed(tmp_path):
    path = tmp_path / "lib.sqlite"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        outcomes.append((proc.returncode, out, err))
    assert all(code == 0 for code, _, _ in outcomes), [err for _, _, err in outcomes]
    assert {out.strip() for _, out, _ in outcomes} == {str(SCHEMA_VERSION)}
    db = open_database(path)
    try:
        assert schema_version(db) == SCHEMA_VERSION
        applied = db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert applied == len(set(db.execute("SELECT name FROM _sqlite_migrations").fetchall()))
        assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        db.close()
