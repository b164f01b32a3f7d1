"""Storing analysed documents: one transaction each, duplicates, search, directives round trip."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from data_samples import sample_analysis, with_extractor
from eolens.data.ingest import DuplicateDocument, ingest, store_analysis
from eolens.data.library import Library, LibraryError
from eolens.data.queries import DirectiveFilter
from eolens.nlp.model import Outline, Provision, ReadError


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "lib.sqlite")
    yield lib
    lib.close()


def dump(lib: Library) -> str:
    return "\n".join(lib.db.conn.iterdump())


class FixedAnalyser:
    """Answers with prepared analyses (or errors) by file name: the storage side under test."""

    def __init__(self, answers):
        self.answers = answers

    def analyse(self, path):
        answer = self.answers[Path(path).name]
        if isinstance(answer, Exception):
            raise answer
        return answer


def test_stored_document_reads_back(library):
    analysis = sample_analysis()
    doc_id = store_analysis(library.db, analysis)
    rec = library.document(doc_id)
    assert (rec.eo_number, rec.page_count, rec.provision_count, rec.directive_count) == (
        99001,
        2,
        6,
        3,
    )
    assert rec.signed.isoformat() == "2026-03-03"
    assert rec.extractor_version == "test-1"
    assert library.document_text(doc_id) == analysis.document.text
    assert library.pages(doc_id) == analysis.document.pages
    assert library.outline(doc_id) == analysis.outline
    assert library.load_document(doc_id) == analysis.document
    provisions = {p.provision.pinpoint: p for p in library.provisions(doc_id)}
    assert provisions["2"].text == ""  # its own words stop where (a) begins
    assert provisions["2(a)"].text.startswith("The Secretary of Commerce shall publish")
    assert provisions["3"].provision_class == "construction"
    assert library.unresolved_actors(doc_id) == ["the Widget Board"]


def test_directive_round_trips_with_children(library):
    analysis = sample_analysis()
    doc_id = store_analysis(library.db, analysis)
    records = library.directives_of(doc_id)
    assert [r.directive for r in records] == list(analysis.extraction.directives)
    assert {r.extractor_version for r in records} == {"test-1"}
    row = library.directive_rows([records[1].id])[records[1].id]
    assert row.lead_acronym == "DOE"
    assert row.sectors == ("Energy", "Healthcare and Public Health")
    assert row.doc_label == "EO 99001"


def test_same_document_twice_is_a_duplicate(library):
    store_analysis(library.db, sample_analysis())
    before = dump(library)
    with pytest.raises(DuplicateDocument):
        store_analysis(library.db, sample_analysis())
    assert dump(library) == before


def test_failure_mid_write_leaves_nothing(library):
    store_analysis(library.db, sample_analysis(99002))
    before = dump(library)
    good = sample_analysis(99003)
    # The last provision violates NOT NULL: documents, texts, pages and earlier provisions are
    # already written inside the transaction when it fails.
    broken = Provision(None, 0, "Sec. 9.", None, 0, 1, 0, None)  # type: ignore[arg-type]
    bad = replace(good, outline=Outline((*good.outline.provisions, broken)))
    with pytest.raises(sqlite3.IntegrityError):
        store_analysis(library.db, bad)
    assert dump(library) == before
    assert library.quick_check() == "ok"


def test_ingest_reports_each_file_and_failures_change_nothing(library, tmp_path):
    files = {}
    for name in ("good.txt", "again.txt", "bad.pdf", "broken.txt"):
        files[name] = tmp_path / name
    files["good.txt"].write_text("one")
    files["again.txt"].write_text("one")  # same bytes: same sha256
    files["bad.pdf"].write_text("not a pdf")
    files["broken.txt"].write_text("two")
    good = sample_analysis(99004)
    broken = Provision(None, 0, "x", None, 0, 1, 0, None)  # type: ignore[arg-type]
    analyser = FixedAnalyser(
        {
            "good.txt": good,
            "bad.pdf": ReadError(str(files["bad.pdf"]), "not a PDF file"),
            "broken.txt": replace(sample_analysis(99005), outline=Outline((broken,))),
        }
    )
    seen = []
    results = ingest(
        library.db,
        [files[n] for n in files] + [tmp_path / "missing.pdf"],
        analyser=analyser,
        progress=lambda *a: seen.append(a),
    )
    statuses = [(Path(r.path).name, r.status) for r in results]
    assert statuses == [
        ("good.txt", "added"),
        ("again.txt", "duplicate"),
        ("bad.pdf", "failed"),
        ("broken.txt", "failed"),
        ("missing.pdf", "failed"),
    ]
    assert "not a PDF file" in results[2].message
    assert "could not be stored" in results[3].message
    assert "no such file" in results[4].message
    assert results[1].doc_id == results[0].doc_id
    assert [d.eo_number for d in library.documents()] == [99004]
    assert seen[-1][:2] == (5, 5)


def test_cancel_between_files(library, tmp_path):
    paths = []
    answers = {}
    for i in range(3):
        p = tmp_path / f"f{i}.txt"
        p.write_text(str(i))
        paths.append(p)
        answers[p.name] = sample_analysis(99010 + i)

    def cancelled():  # the user presses Cancel once the first file is in
        return len(library.documents()) >= 1

    results = ingest(library.db, paths, analyser=FixedAnalyser(answers), is_cancelled=cancelled)
    assert [r.status for r in results] == ["added", "cancelled", "cancelled"]
    assert len(library.documents()) == 1


def test_cancel_after_reading_stores_nothing(library, tmp_path):
    """Cancel pressed while a file is analysed: it is not stored, even if reading finished."""
    path = tmp_path / "f.txt"
    path.write_text("x")
    pressed = []

    class SlowAnalyser(FixedAnalyser):
        def analyse(self, p):
            result = super().analyse(p)
            pressed.append(True)  # the user cancels while this file is being read
            return result

    results = ingest(
        library.db,
        [path],
        analyser=SlowAnalyser({"f.txt": sample_analysis(99020)}),
        is_cancelled=lambda: bool(pressed),
    )
    assert [r.status for r in results] == ["cancelled"]
    assert library.documents() == []


def test_cancel_while_the_child_reads_stops_it(library, corpus):
    """A real isolated analysis is interrupted: the child is killed and nothing is stored."""
    from eolens.data.ingest import open_analyser

    pdf = corpus / "eo-14409-2026-06-02.federal-register-2026-11415.pdf"
    started = []

    def progress(done, total, current, page, pages):
        if page:  # the child has begun reading pages
            started.append(page)

    with open_analyser(extract=True) as analyser:
        results = ingest(
            library.db,
            [pdf],
            analyser=analyser,
            progress=progress,
            is_cancelled=lambda: bool(started),
        )
        assert analyser.child_pid is None  # stopped, not left running
    assert [r.status for r in results] == ["cancelled"]
    assert library.documents() == []


def test_directories_are_walked_for_documents(library, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("a")
    (tmp_path / "sub" / "notes.json").write_text("{}")
    results = ingest(
        library.db, [tmp_path / "sub"], analyser=FixedAnalyser({"a.txt": sample_analysis()})
    )
    assert [(Path(r.path).name, r.status) for r in results] == [("a.txt", "added")]


def test_remove_document_cascades(library):
    keep = store_analysis(library.db, sample_analysis(99020))
    gone = store_analysis(library.db, sample_analysis(99021))
    assert library.remove_document(gone)
    assert not library.remove_document(gone)
    for table in ("document_texts", "pages", "provisions", "directives", "unresolved_actors"):
        assert (
            library.db.execute(f"SELECT count(*) FROM {table} WHERE doc_id = ?", [gone]).fetchone()[
                0
            ]
            == 0
        )
    for table in ("directive_agencies", "directive_sectors", "directive_evidence"):
        orphans = library.db.execute(
            f"SELECT count(*) FROM {table} WHERE directive_id NOT IN (SELECT id FROM directives)"
        ).fetchone()[0]
        assert orphans == 0
    assert library.search("widget register")[0].doc_id == keep
    assert library.quick_check() == "ok"


def test_replacing_machine_rows_keeps_user_rows(library):
    from eolens.data.ingest import insert_directives, replace_machine_directives

    analysis = sample_analysis()
    doc_id = store_analysis(library.db, analysis)
    user = replace(analysis.extraction.directives[2], source="user", action="a user correction")
    with library.db.atomic():
        (user_id,) = insert_directives(library.db, doc_id, [user], None)
    replace_machine_directives(library.db, doc_id, with_extractor(analysis, "test-2", 1))
    records = library.directives_of(doc_id)
    assert [(r.directive.source, r.extractor_version) for r in records] == [
        ("rule", "test-2"),
        ("user", None),
    ]
    assert library.directive(user_id).directive.action == "a user correction"
    assert library.document(doc_id).extractor_version == "test-2"


HOSTILE_QUERIES = [
    "Sec. 4(b)",
    '"',
    '"unbalanced',
    "NEAR(widget register)",
    "*",
    "widget*",
    "a OR b",
    "((",
    "'; DROP TABLE documents; --",
    "heading:widget",
    "^widget",
    "\x00",
    "",
    "   ",
    "x" * 5000,
    "AND OR NOT",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_search_strings_are_safe(library, query):
    store_analysis(library.db, sample_analysis())
    hits = library.search(query)
    assert isinstance(hits, list)
    assert library.directive_ids(DirectiveFilter(text=query)) is not None
    assert library.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_search_finds_provisions_by_words(library):
    store_analysis(library.db, sample_analysis(99030))
    hits = library.search("Sec. 4(b)")
    assert [h.pinpoint for h in hits] == ["2(c)"]
    assert "[Sec]. [4(b])" in hits[0].snippet  # a phrase match is marked as one stretch
    assert [h.pinpoint for h in library.search("general provisions")] == ["3"]
    assert [h.pinpoint for h in library.search("RURAL hospitals")] == ["2(b)"]
    assert library.search("hospitals registers") == []
    assert library.search("widget")[0].doc_label == "EO 99030"


def test_unknown_ids_give_clear_errors(library):
    with pytest.raises(LibraryError, match="no document #42"):
        library.document(42)
    with pytest.raises(LibraryError, match="no directive #42"):
        library.directive(42)
    with pytest.raises(LibraryError, match="no document matches"):
        library.resolve_document("14409")


def test_documents_are_found_by_id_eo_number_or_sha(library):
    a = store_analysis(library.db, sample_analysis(99040))
    b = store_analysis(library.db, sample_analysis(99041))
    sha = library.document(b).sha256
    assert library.resolve_document(str(a)).id == a
    assert library.resolve_document("99041").id == b
    assert library.resolve_document("EO 99040").id == a
    assert library.resolve_document(sha[:10]).id == b


def test_reextract_with_the_real_extractor_keeps_user_rows(library):
    from eolens.data.ingest import insert_directives, run_extraction

    analysis = sample_analysis(99050)
    doc_id = store_analysis(library.db, analysis)
    user = replace(analysis.extraction.directives[0], source="user", action="a user correction")
    with library.db.atomic():
        insert_directives(library.db, doc_id, [user], None)
    fresh = run_extraction(library.load_document(doc_id), library.outline(doc_id))
    new_ids = library.reextract(doc_id)
    records = library.directives_of(doc_id)
    machine = [r for r in records if r.directive.source != "user"]
    assert sorted(r.id for r in machine) == sorted(new_ids)
    assert fresh.directives
    assert sorted(repr(r.directive) for r in machine) == sorted(map(repr, fresh.directives))
    assert {r.extractor_version for r in machine} <= {fresh.extractor_version}
    assert [r.directive.action for r in records if r.directive.source == "user"] == [
        "a user correction"
    ]
    assert library.document(doc_id).extractor_version == fresh.extractor_version
