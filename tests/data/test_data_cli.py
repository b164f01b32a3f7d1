"""The command line, driven through ``main([...])`` and once as the installed ``eolens`` script."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from eolens.data import cli
from shared_corpus import CORPUS, REPO

TOP_LEVEL = sorted(
    p for p in CORPUS.glob("*") if p.is_file() and p.name not in ("MANIFEST.tsv", "SHA256SUMS")
)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    """Every top-level corpus document ingested once through the CLI."""
    if not TOP_LEVEL:
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    db = tmp_path_factory.mktemp("cli") / "lib.sqlite"
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = cli.main(["--db", str(db), "ingest", *map(str, TOP_LEVEL)])
    finally:
        sys.stdout, sys.stderr = old
    return db, code, out.getvalue(), err.getvalue()


@pytest.mark.corpus
def test_every_corpus_document_ingests(corpus_db):
    db, code, out, err = corpus_db
    lines = out.strip().splitlines()
    assert code == 0, out + err
    assert len(lines) == len(TOP_LEVEL)
    assert all(line.startswith("added") for line in lines), out
    assert f"{len(TOP_LEVEL)} added, 0 already present, 0 failed" in err
    assert "\r" not in err  # no progress bar when stderr is not a terminal

    from eolens.data.library import Library

    with Library.open(db) as lib:
        for doc in lib.documents():
            if doc.doc_type == "executive_order" and doc.eo_number:
                sections = [p for p in lib.provisions(doc.id) if p.provision.level == 0]
                assert sections and sections[0].provision.pinpoint == "1", doc.source_path
        assert lib.quick_check() == "ok"


@pytest.mark.corpus
def test_list_show_outline_search(corpus_db, capsys):
    db = str(corpus_db[0])
    code, out, _ = run(capsys, "--db", db, "list")
    assert code == 0
    assert out.splitlines()[0].split() == [
        "ID",
        "TYPE",
        "EO",
        "SIGNED",
        "PAGES",
        "DIRECTIVES",
        "TITLE",
    ]
    assert len(out.strip().splitlines()) == len(TOP_LEVEL) + 1

    code, out, err = run(capsys, "--db", db, "show", "14409")
    # The EO is in the library as PDF (and perhaps Markdown): either one answer or a clear choice.
    if code == 0:
        assert "EO number:     14409" in out
    else:
        assert "matches several documents" in err

    pdf = next(p for p in TOP_LEVEL if p.name.startswith("eo-14409") and p.suffix == ".pdf")
    code, out, _ = run(capsys, "--db", db, "ingest", str(pdf))
    assert code == 0 and out.startswith("duplicate")
    doc_id = re.search(r"#(\d+)", out).group(1)

    code, out, _ = run(capsys, "--db", db, "show", doc_id, "--outline")
    assert code == 0
    assert "FR citation:   91 FR 34565" in out
    outline = out.split("\n\n", 1)[1].splitlines()
    assert outline[0].startswith("1 ")
    assert any(line.startswith("  (a)") for line in outline)

    code, out, _ = run(capsys, "--db", db, "search", "Sec. 4(b)")
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "search", "artificial", "intelligence", "--doc", doc_id)
    assert code == 0 and out.startswith("EO 14409 §")


def _evidence_sorted(directives: list[dict]) -> list[dict]:
    # The extractor's evidence order varies between processes (hash seed); the set must not.
    return [dict(d, evidence=sorted(map(json.dumps, d.get("evidence", [])))) for d in directives]


@pytest.mark.corpus
def test_extract_and_directives(corpus_db, capsys, tmp_path):
    db = str(corpus_db[0])
    pdf = next(p for p in TOP_LEVEL if p.name.startswith("eo-14409") and p.suffix == ".pdf")
    code, out, _ = run(capsys, "--db", db, "extract", str(pdf), "--format", "json")
    assert code == 0
    from_file = json.loads(out)
    assert set(from_file) >= {"document", "directives", "provisions"}
    assert from_file["document"]["eo_number"] == 14409
    assert from_file["provisions"][0]["pinpoint"] == "1"

    code, out, _ = run(capsys, "--db", db, "ingest", str(pdf))
    doc_id = re.search(r"#(\d+)", out).group(1)
    code, out, _ = run(capsys, "--db", db, "extract", doc_id, "--format", "json")
    stored = json.loads(out)
    # The stored document gives the same contract as reading the file afresh.
    assert stored["provisions"] == from_file["provisions"]
    assert _evidence_sorted(stored["directives"]) == _evidence_sorted(from_file["directives"])

    code, out, _ = run(capsys, "--db", db, "extract", doc_id, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(stored["directives"])
    code, out, _ = run(capsys, "--db", db, "extract", doc_id, "--format", "table")
    assert out.splitlines()[0].split()[:3] == ["DOC", "PINPOINT", "KIND"]

    code, out, err = run(capsys, "--db", db, "directives", "--doc", doc_id, "--format", "json")
    assert code == 0
    listed = json.loads(out)
    assert [d["pinpoint"] for d in listed] == [d["pinpoint"] for d in stored["directives"]]
    assert err.startswith(f"{len(listed)} of ")
    if listed:
        kind = listed[0]["kind"]
        code, out, err = run(
            capsys, "--db", db, "directives", "--doc", doc_id, "--kind", kind, "--format", "csv"
        )
        assert {r["kind"] for r in csv.DictReader(io.StringIO(out))} == {kind}
        assert f"kind is {kind}" in err
    code, out, err = run(
        capsys,
        "--db",
        db,
        "directives",
        "--due-after",
        "2026-01-01",
        "--due-before",
        "2026-12-31",
        "--format",
        "csv",
    )
    assert code == 0
    dates = [r["deadline_date"] for r in csv.DictReader(io.StringIO(out))]
    assert dates and all("2026-01-01" <= d <= "2026-12-31" for d in dates)


def test_user_errors_are_one_line(tmp_path, capsys):
    db = str(tmp_path / "lib.sqlite")
    code, _, err = run(capsys, "--db", db, "show", "12345")
    assert code == 1 and err.count("\n") == 1 and err.startswith("eolens: no document matches")
    code, _out, err = run(capsys, "--db", db, "extract", str(tmp_path / "nope.pdf"))
    assert code == 1 and "no document matches" in err

    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"garbage" * 100)
    code, _, err = run(capsys, "--db", str(bad), "list")
    assert code == 1 and "damaged or is not an EO Lens library" in err and "Traceback" not in err

    with pytest.raises(SystemExit) as info:
        cli.main(["--db", db, "directives", "--due-before", "next tuesday"])
    assert info.value.code == 2
    assert "is not a date like 2026-07-01" in capsys.readouterr().err


def test_failed_file_gives_nonzero_exit_and_reason(tmp_path, capsys):
    db = str(tmp_path / "lib.sqlite")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "--db", db, "ingest", str(empty), str(tmp_path / "missing.txt"))
    assert code == 1
    lines = out.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("failed") for line in lines)
    assert lines[1].endswith("missing.txt  no such file")
    assert "0 added, 0 already present, 2 failed" in err
    code, out, _ = run(capsys, "--db", db, "list")
    assert code == 0 and "is empty" in out
    (tmp_path / "nothing").mkdir()
    code, out, err = run(capsys, "--db", db, "ingest", str(tmp_path / "nothing"))
    assert code == 1 and err.startswith("eolens: no documents found in")


def test_csv_cells_are_spreadsheet_safe():
    assert cli._csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert cli._csv_cell("+1") == "'+1"
    assert cli._csv_cell("-x") == "'-x"
    assert cli._csv_cell("@SUM") == "'@SUM"
    assert cli._csv_cell("a\x00b\nc") == "a b c"
    assert cli._csv_cell(None) == ""
    assert cli._csv_cell("plain") == "plain"


def test_installed_script_runs_the_cli(tmp_path):
    script = REPO / ".venv" / "bin" / "eolens"
    if not script.exists():
        pytest.skip(f"{script} is not installed (run the set-up)")
    db = tmp_path / "lib.sqlite"
    source = next((p for p in TOP_LEVEL if p.suffix == ".md"), None)
    if source is None:
        pytest.skip("needs the shared corpus")
    done = subprocess.run(
        [str(script), "--db", str(db), "ingest", "--no-extract", str(source)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("added")
    done = subprocess.run(
        [str(script), "--db", str(db), "list"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and len(done.stdout.strip().splitlines()) == 2
    done = subprocess.run(
        [str(script), "--db", str(db), "show", "999"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert (
        done.stderr.strip()
        == "eolens: no document matches '999' (give an id, an EO number or a sha256 prefix)"
    )
    assert Path(db).is_file()


@pytest.mark.slow
@pytest.mark.corpus
def test_all_federal_register_pdfs_ingest(tmp_path, capsys):
    folder = CORPUS / "federal-register-eo-pdfs-2025"
    pdfs = sorted(folder.glob("*.pdf"))
    if not pdfs:
        pytest.skip(f"no PDFs at {folder}")
    code, out, err = run(capsys, "--db", str(tmp_path / "lib.sqlite"), "ingest", *map(str, pdfs))
    failed = [line for line in out.splitlines() if not line.startswith("added")]
    assert failed == [], "\n".join(failed)
    assert code == 0
    assert f"{len(pdfs)} added, 0 already present, 0 failed" in err
    from eolens.data.library import Library

    with Library.open(tmp_path / "lib.sqlite") as lib:
        for doc in lib.documents():
            if doc.doc_type == "executive_order":
                numbered = [p for p in lib.provisions(doc.id) if p.provision.level == 0]
                assert numbered and numbered[0].provision.pinpoint[0].isdigit(), doc.source_path
