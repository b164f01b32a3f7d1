"""Hostile files through the real isolated ingest: a clear per-file failure, library unchanged."""

from __future__ import annotations

import pytest
from data_samples import sample_analysis
from eolens.data.ingest import open_analyser
from eolens.data.library import Library
from fixtures.hostile import HOSTILE, write_all, write_good
from samples import store_sample


def dump(lib: Library) -> list[str]:
    return list(lib.db.conn.iterdump())


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    files = write_all(folder)
    good = write_good(folder)
    lib = store_sample(folder / "lib.sqlite", sample_analysis())
    before = dump(lib)
    with open_analyser() as analyser:
        results = lib.ingest(list(files.values()), analyser=analyser)
        after = dump(lib)
        # The same analyser (its child restarted after kills) still reads a good file.
        results += lib.ingest([good], analyser=analyser)
    documents = lib.documents()
    check = lib.quick_check()
    lib.close()
    return files, results, before, after, documents, check


@pytest.mark.slow
def test_each_hostile_file_fails_with_its_reason(hostile_run):
    files, results, *_ = hostile_run
    by_name = {r.path: r for r in results}
    for name, path in files.items():
        result = by_name[str(path)]
        if name == "self-reference" and result.status == "added":
            continue  # a reader may recover text from it; what matters is that it ended
        assert result.status == "failed", (name, result)
        assert str(path) in result.message
        reason = result.message.lower()
        expected = HOSTILE[name][1]
        if expected:
            assert any(word in reason for word in expected), (name, result.message)
        assert "traceback" not in reason


@pytest.mark.slow
def test_hostile_files_leave_the_library_unchanged(hostile_run):
    _, results, before, after, documents, check = hostile_run
    assert check == "ok"
    added = [r.path for r in results[:-1] if r.status == "added"]
    if not added:
        assert after == before
        assert len(documents) == 2
    else:  # only the self-referencing PDF may be recovered by a reader
        assert [p.rsplit("/", 1)[-1] for p in added] == ["self-reference.pdf"]
    assert results[-1].status == "added", results[-1]
