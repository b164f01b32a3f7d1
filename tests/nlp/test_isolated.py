"""The isolated analyser: hostile files end within their limits with a clear reason, and the
analyser keeps working for good files afterwards (the child is reused, or replaced)."""

from __future__ import annotations

import time

import pytest
from eolens.nlp.isolated import IsolatedAnalyser, check_pdf_streams
from eolens.nlp.model import ReadError
from eolens.nlp.readers.pdf import read_pdf
from eolens.nlp.readers.textnorm import sha256_file
from fixtures.hostile import HOSTILE, write_bomb, write_good, write_slow
from shared_corpus import corpus_file

EO_14409_PDF = "eo-14409-2026-06-02.federal-register-2026-11415.pdf"
BASE = 10.0  # seconds; generous so a loaded CI machine never hits it for the fast failures
PER_PAGE = 2.0
# Slack over a limit for the kill, the respawn and a loaded machine; a hung parse without the
# time limit would take far longer than limit + slack.
SLACK = 20.0


@pytest.fixture(scope="module")
def analyser():
    with IsolatedAnalyser(
        extract=False, base_timeout=BASE, timeout_per_page=PER_PAGE, memory_limit_bytes=768 << 20
    ) as a:
        yield a


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    return write_good(tmp_path_factory.mktemp("good"))


def _analyse_good(analyser, good) -> None:
    analysis = analyser.analyse(good)
    assert analysis.document.text.startswith("Sec. 1. Purpose.")
    assert analysis.outline.find("1") is not None


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_ends_in_its_limit_with_a_clear_reason(analyser, good, tmp_path, name):
    writer, words = HOSTILE[name]
    path = writer(tmp_path)
    started = time.monotonic()
    try:
        analysis = analyser.analyse(path)
    except ReadError as exc:
        assert exc.path == str(path) or exc.path.endswith(path.name)
        reason = exc.reason.lower()
        for word in words:
            assert word in reason, exc.reason
        assert "traceback" not in reason
    else:
        # Only the self-referencing file may be readable; it must not have hung to get there.
        assert name == "self-reference", f"{name} was accepted"
        assert analysis.document is not None
    assert time.monotonic() - started < BASE + PER_PAGE * 2 + SLACK
    _analyse_good(analyser, good)


def test_a_parse_that_runs_too_long_is_killed_and_the_next_file_works(good, tmp_path):
    slow = write_slow(tmp_path)
    with IsolatedAnalyser(extract=False, base_timeout=1.0, timeout_per_page=0.5) as analyser:
        _analyse_good(analyser, good)
        first_child = analyser.child_pid
        started = time.monotonic()
        with pytest.raises(ReadError, match=r"timed out after 2 s"):
            analyser.analyse(slow)
        assert time.monotonic() - started < 1.5 + SLACK
        assert analyser.child_pid is None  # killed
        _analyse_good(analyser, good)
        assert analyser.child_pid != first_child
        assert analyser.restarts == 1


def test_memory_cap_stops_a_bomb_that_gets_past_the_stream_check(good, tmp_path):
    bomb = write_bomb(tmp_path, inflated_mib=1024)
    with IsolatedAnalyser(
        extract=False, base_timeout=60, memory_limit_bytes=400 << 20, max_inflated_bytes=None
    ) as analyser:
        with pytest.raises(ReadError, match=r"used more than 400 MB"):
            analyser.analyse(bomb)
        _analyse_good(analyser, good)


def test_stream_check_refuses_a_bomb_and_passes_real_pdfs(tmp_path):
    bomb = write_bomb(tmp_path, inflated_mib=128)
    with pytest.raises(ReadError, match="decompression bomb"):
        check_pdf_streams(bomb, max_stream_bytes=64 << 20)
    check_pdf_streams(corpus_file(EO_14409_PDF))


def test_size_and_page_caps(good):
    eo = corpus_file(EO_14409_PDF)
    with IsolatedAnalyser(extract=False, max_file_bytes=100_000, max_pages=2) as analyser:
        with pytest.raises(ReadError, match=r"the file is 19\d KB; the limit is 98 KB"):
            analyser.analyse(eo)
        analyser.max_file_bytes = 10 << 20
        with pytest.raises(ReadError, match="has 3 pages; the limit is 2"):
            analyser.analyse(eo)
        _analyse_good(analyser, good)


def test_missing_file_is_a_read_error(analyser, tmp_path):
    with pytest.raises(ReadError, match="cannot be opened"):
        analyser.analyse(tmp_path / "nowhere.pdf")


def test_a_hash_given_by_the_caller_is_not_computed_again(analyser, good, tmp_path):
    # ingest has hashed the file to look for duplicates; the child takes that hash as given.
    text = tmp_path / "order.txt"
    text.write_text("Sec. 1. Purpose. A made-up order.\n", encoding="utf-8")
    for path in (good, text):
        assert analyser.analyse(path, sha256="ab" * 32).document.meta.sha256 == "ab" * 32
        assert analyser.analyse(path).document.meta.sha256 == sha256_file(path)


def test_real_order_comes_back_whole_with_progress_and_one_reused_child(analyser):
    eo = corpus_file(EO_14409_PDF)
    seen: list[tuple[int, int]] = []
    analysis = analyser.analyse(eo, progress=lambda page, pages: seen.append((page, pages)))
    child = analyser.child_pid
    assert seen == [(1, 3), (2, 3), (3, 3)]
    direct = read_pdf(eo)
    assert analysis.document == direct
    sec4 = analysis.outline.find("4")
    assert sec4 is not None and sec4.page == 2
    assert analysis.outline.find("2(c)(iii)") is not None
    assert analysis.extraction is None
    analyser.analyse(eo)
    assert analyser.child_pid == child  # the same child serves file after file


@pytest.mark.slow
def test_extraction_runs_in_the_child():
    with IsolatedAnalyser(extract=True) as analyser:
        analysis = analyser.analyse(corpus_file(EO_14409_PDF))
    assert analysis.extraction is not None
    assert any(d.pinpoint.startswith("2") for d in analysis.extraction.directives)
