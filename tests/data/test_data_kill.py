"""A process killed in the middle of ingest leaves each document absent or complete."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from eolens.data.library import Library
from shared_corpus import CORPUS

HERE = Path(__file__).resolve().parent
PER_DOC = 1500

WRITER = textwrap.dedent(
    f"""
    import random, sys
    sys.path[:0] = [{str(HERE)!r}, {str(HERE.parent)!r}]
    from data_samples import synthetic_module
    from eolens.data.ingest import store_analysis
    from eolens.data.library import Library

    syn = synthetic_module()
    rng = random.Random(7)
    lib = Library.open(sys.argv[1])
    i = 0
    while True:
        i += 1
        store_analysis(lib.db, syn.synthetic_document(i, {PER_DOC}, rng))
        print(i, flush=True)
    """
)


def _kill_after(cmd: list[str], lines: int, delay: float) -> None:
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(lines):
            if not proc.stdout.readline():
                raise AssertionError("the writer stopped early: " + proc.stderr.read())
        time.sleep(delay)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.13])
def test_killed_writer_leaves_documents_absent_or_complete(tmp_path, delay):
    path = tmp_path / "lib.sqlite"
    _kill_after([sys.executable, "-c", WRITER, str(path)], 2, delay)
    with Library.open(path) as lib:
        assert lib.quick_check() == "ok"
        docs = lib.documents()
        assert len(docs) >= 2
        for doc in docs:
            assert doc.directive_count == PER_DOC
            assert doc.provision_count == PER_DOC
            assert len(lib.pages(doc.id)) == doc.page_count
            assert len(lib.document_text(doc.id)) > 0
        agencies = lib.db.execute("SELECT count(DISTINCT directive_id) FROM directive_agencies")
        assert agencies.fetchone()[0] == PER_DOC * len(docs)
        # The full-text index agrees with its table (no half-written rows).
        fts = lib.db.execute("SELECT count(*) FROM directives_fts").fetchone()[0]
        assert fts == PER_DOC * len(docs)


@pytest.mark.slow
@pytest.mark.corpus
def test_killed_cli_ingest_leaves_a_sound_library(tmp_path):
    folder = CORPUS / "federal-register-eo-pdfs-2025"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    files = sorted(folder.glob("*.pdf"))[:40]
    path = tmp_path / "lib.sqlite"
    cmd = [sys.executable, "-m", "eolens.data.cli", "--db", str(path), "ingest", *map(str, files)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # Wait until a few documents are in, then kill during the next ones.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            time.sleep(0.2)
            if path.exists():
                with Library.open(path) as lib:
                    if len(lib.documents()) >= 3:
                        break
        time.sleep(0.15)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    with Library.open(path) as lib:
        assert lib.quick_check() == "ok"
        docs = lib.documents()
        assert len(docs) >= 3
        for doc in docs:
            assert len(lib.pages(doc.id)) == doc.page_count
            assert len(lib.document_text(doc.id)) == doc_char_count(lib, doc.id)
            assert doc.provision_count > 0
    # The killed run's files ingest cleanly afterwards: nothing half-stored blocks them.
    with Library.open(path) as lib:
        results = lib.ingest(files[:6])
    assert all(r.status in ("added", "duplicate") for r in results), results


def doc_char_count(lib: Library, doc_id: int) -> int:
    return lib.db.execute("SELECT char_count FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
