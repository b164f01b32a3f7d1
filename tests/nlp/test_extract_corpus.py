"""The extractor on the real orders in ../shared/corpus (skips without it)."""

from __future__ import annotations

from datetime import date

import pytest
from eolens.nlp.extract import extract
from eolens.nlp.outline import parse_outline
from eolens.nlp.readers import read_document
from shared_corpus import CORPUS, corpus_file

pytestmark = pytest.mark.corpus


def run(name: str):
    document = read_document(corpus_file(name))
    return document, extract(document, parse_outline(document))


def facts(extraction) -> set[tuple]:
    return {
        (
            d.pinpoint,
            d.kind,
            tuple(sorted(a.key or "GENERIC" for a in d.agencies if a.role == "lead")),
            d.deadline.date if d.deadline else None,
        )
        for d in extraction.directives
    }


@pytest.fixture(scope="module")
def eo14409():
    return run("eo-14409-2026-06-02.whitehouse.md")


def test_eo14409_key_directives(eo14409):
    document, x = eo14409
    found = {(d.pinpoint, d.lead.key if d.lead else None): d for d in x.directives}
    d = found[("2(a)", "CNSS")]
    assert d.kind == "obligation"
    assert d.deadline.date == date(2026, 7, 2)
    assert "2026-06-02" in d.deadline.working
    assert d.action.startswith("prioritize the cyber defense")
    assert found[("2(f)", "OPM")].deadline.date == date(2026, 8, 1)
    lead_in = found[("3", "TREAS")]
    assert {a.key for a in lead_in.agencies if a.role == "lead"} == {"TREAS", "DOW", "DHS"}
    assert lead_in.items == ("3(a)", "3(b)")
    # the passive "Such a determination shall be made by the Director of NSA"
    assert found[("3(a)", "NSA")].kind == "obligation"
    assert found[("4", "DOJ")].deadline is None
    assert "18 U.S.C. 1030" in " ".join(found[("4", "DOJ")].citations)
    assert x.provision_classes["3(c)"] == "construction"
    assert x.provision_classes["5(d)"] == "boilerplate"
    for d in x.directives:
        assert document.text[d.span[0] : d.span[1]] == d.text


def test_eo14409_markdown_and_pdf_agree(eo14409):
    _, md = eo14409
    _, pdf = run("eo-14409-2026-06-02.federal-register-2026-11415.pdf")
    assert facts(md) == facts(pdf)
    assert all(d.page in (1, 2, 3) for d in pdf.directives)


def test_eo14110_markdown_xml_and_text_agree():
    results = [
        facts(run(name)[1])
        for name in (
            "eo-14110-2023-10-30.whitehouse.md",
            "eo-14110-2023-10-30.federal-register-2023-24283.xml",
            "eo-14110-2023-10-30.whitehouse-plaintext.txt",
        )
    ]
    assert len(results[0]) > 100
    assert results[0] == results[1] == results[2]


def test_federal_register_pdfs_sample_extracts_without_crashing():
    folder = CORPUS / "federal-register-eo-pdfs-2025"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    pdfs = sorted(folder.glob("*.pdf"))[::25]
    assert pdfs
    total = 0
    for pdf in pdfs:
        document = read_document(pdf)
        x = extract(document, parse_outline(document))
        total += len(x.directives)
        for d in x.directives:
            assert d.kind in ("obligation", "prohibition", "encouragement", "permission")
            assert 0 <= d.span[0] < d.span[1] <= len(document.text)
    assert total > 0
