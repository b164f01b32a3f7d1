"""The outline of every real document in ../shared/corpus is well formed.

Facts only here: pinpoints and section numbers, never text from the documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from eolens.nlp.model import Document, Outline
from eolens.nlp.outline import parse_outline
from eolens.nlp.readers import read_document

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def outlines(corpus: Path) -> dict[str, tuple[Document, Outline]]:
    files = [
        p
        for p in sorted(corpus.iterdir())
        if p.is_file() and p.suffix in {".md", ".pdf", ".xml", ".txt", ".html", ".docx"}
    ]
    files += sorted((corpus / "federal-register-eo-pdfs-2025").glob("*.pdf"))
    out = {}
    for path in files:
        doc = read_document(path)
        out[str(path.relative_to(corpus))] = (doc, parse_outline(doc))
    assert len(out) > 228
    return out


def problems(doc: Document, outline: Outline) -> list[str]:
    found = []
    latest: dict[str, object] = {}
    for p in outline.provisions:
        if not 0 <= p.start <= p.body_start <= p.end <= len(doc.text):
            found.append(f"{p.pinpoint}: span out of order")
        if p.parent is None:
            if p.level != 0:
                found.append(f"{p.pinpoint}: level {p.level} without a parent")
        else:
            parent = latest.get(p.parent)
            if parent is None:
                found.append(f"{p.pinpoint}: parent {p.parent} not before it")
            elif not (parent.start <= p.start and p.end <= parent.end):
                found.append(f"{p.pinpoint}: outside its parent")
            elif p.level != parent.level + 1 or not p.pinpoint.startswith(parent.pinpoint):
                found.append(f"{p.pinpoint}: does not extend {p.parent}")
        if "THE WHITE HOUSE" in doc.text[p.start : p.end]:
            found.append(f"{p.pinpoint}: holds the signature block")
        if p.page is None or not 1 <= p.page <= doc.meta.page_count:
            found.append(f"{p.pinpoint}: page {p.page}")
        latest[p.pinpoint] = p
    return found


def test_every_outline_is_well_formed(outlines):
    bad = {name: problems(*pair)[:3] for name, pair in outlines.items() if problems(*pair)}
    assert bad == {}


def test_every_executive_order_has_numbered_sections(outlines):
    orders = {n: o for n, (d, o) in outlines.items() if d.meta.doc_type == "executive_order"}
    assert len(orders) >= 230
    unnumbered = {
        n: [p.pinpoint for p in o.provisions[:3]]
        for n, o in orders.items()
        if not o.provisions or o.provisions[0].pinpoint != "1"
    }
    assert unnumbered == {}


def test_unstructured_documents_get_paragraphs(outlines):
    _, outline = outlines["eo-14409-fact-sheet-2026-06-02.whitehouse.md"]
    assert outline.provisions[0].pinpoint == "¶1"
    assert [p.pinpoint for p in outline.provisions] == [
        f"¶{n}" for n in range(1, len(outline.provisions) + 1)
    ]


def test_omb_guidance_dotted_outline(outlines):
    _, outline = outlines["omb-guidance-2025-agency-ai-use-case-reporting-m-25-21.pdf"]
    got = [p.pinpoint for p in outline.provisions]
    assert [p for p in got if "(" not in p] == ["1", "2", "3", "4", "5"]
    # the guidance cites its own parts as Section 1(a)(i), 1(a)(ii), 1(b) and 2(a)
    assert {"1(a)", "1(a)(i)", "1(a)(ii)", "1(b)", "2(a)"} <= set(got)


def test_every_order_pdf_has_consecutive_sections_and_unique_pinpoints(outlines):
    bad = {}
    for name, (doc, outline) in outlines.items():
        if doc.meta.doc_type != "executive_order" or doc.meta.source_format != "pdf":
            continue
        got = [p.pinpoint for p in outline.provisions]
        sections = [p for p in got if "(" not in p and "." not in p]
        if sections != [str(n) for n in range(1, len(sections) + 1)] or len(set(got)) < len(got):
            bad[name] = sections
    assert bad == {}


def test_doubled_and_tripled_letters_are_letters(outlines):
    # EO 14148 revokes 78 orders in subsections (a) .. (z), (aa) .. (zz), (aaa) .. (zzz):
    # (ii), (iii), (vv), (xx) and (xxx) among them are letters, not roman numerals
    _, outline = outlines["eo-14148-2025-01-20.federal-register-2025-01901.pdf"]
    letters = "abcdefghijklmnopqrstuvwxyz"
    expected = [f"2({c * n})" for n in (1, 2, 3) for c in letters]
    assert [p.pinpoint for p in outline.provisions if p.parent == "2"] == expected
