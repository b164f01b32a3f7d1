"""One order in different formats gives one outline (real files from ../shared/corpus).

Compared: pinpoint, heading, parent and level of every provision, in document order. Only
facts are written here (pinpoints, section numbers, page numbers), never text of the orders.
"""

from __future__ import annotations

import pytest
from eolens.nlp.model import Document, Outline
from eolens.nlp.outline import parse_outline
from eolens.nlp.readers import read_document

EO_14110 = {
    "markdown": "eo-14110-2023-10-30.whitehouse.md",
    "xml": "eo-14110-2023-10-30.federal-register-2023-24283.xml",
    "text": "eo-14110-2023-10-30.whitehouse-plaintext.txt",
    "restructured": "eo-14110-2023-10-30.fr-derived.austinsonger.md",
}
EO_14409 = {
    "markdown": "eo-14409-2026-06-02.whitehouse.md",
    "pdf": "eo-14409-2026-06-02.federal-register-2026-11415.pdf",
}
EO_14306 = {
    "markdown": "eo-14306-2025-06-06.whitehouse.md",
    "pdf": "eo-14306-2025-06-06.federal-register-2025-10804.pdf",
}


@pytest.fixture(scope="module")
def outline_of(corpus):
    """Read and outline a corpus file once per module."""
    cache: dict[str, tuple[Document, Outline]] = {}

    def get(name: str) -> tuple[Document, Outline]:
        if name not in cache:
            path = corpus / name
            if not path.is_file():
                pytest.skip(f"{name} is not in the shared corpus at {corpus}")
            doc = read_document(path)
            cache[name] = (doc, parse_outline(doc))
        return cache[name]

    return get


@pytest.fixture(scope="module")
def shape(outline_of):
    def get(name: str) -> list[tuple[str, str | None, str | None, int]]:
        return [(p.pinpoint, p.heading, p.parent, p.level) for p in outline_of(name)[1].provisions]

    return get


@pytest.fixture(scope="module")
def pinpoints(outline_of):
    def get(name: str) -> list[str]:
        return [p.pinpoint for p in outline_of(name)[1].provisions]

    return get


@pytest.mark.parametrize("other", ["xml", "text"])
def test_eo_14110_formats_agree(shape, other):
    assert shape(EO_14110[other]) == shape(EO_14110["markdown"])


def test_eo_14110_structure(pinpoints, outline_of):
    got = pinpoints(EO_14110["markdown"])
    sections = [p for p in got if "(" not in p and "." not in p]
    assert sections == [str(n) for n in range(1, 14)]
    numbered = [p for p in got if "(" not in p and "." in p]
    assert numbered == [
        *(f"4.{n}" for n in range(1, 9)),
        *(f"5.{n}" for n in range(1, 4)),
        *(f"7.{n}" for n in range(1, 4)),
        "10.1",
        "10.2",
    ]
    _, outline = outline_of(EO_14110["markdown"])
    assert outline.find("4.1").parent == "4"
    assert outline.find("4.1(a)(i)(A)").parent == "4.1(a)(i)"
    # definitions run (a)..(z), (aa)..(gg): letters i, v and x stay letters there
    defs = [p for p in got if p.startswith("3(") and p.count("(") == 1]
    assert defs[8] == "3(i)" and defs[21] == "3(v)" and defs[23] == "3(x)"
    assert defs[-1] == "3(gg)" and len(defs) == 33
    assert {"3(k)(i)", "3(k)(iii)", "4.2(d)(i)(B)(4)", "12(c)(xxix)"} <= set(got)
    assert len(set(got)) == len(got)


def test_eo_14110_restructured_markdown_is_close(shape):
    """The third-party Markdown restructures the text and truncates one heading."""
    ref = shape(EO_14110["markdown"])
    other = shape(EO_14110["restructured"])
    assert [s[0] for s in other] == [s[0] for s in ref]
    assert [s[2:] for s in other] == [s[2:] for s in ref]
    differing = [r[0] for r, o in zip(ref, other, strict=True) if r[1] != o[1]]
    assert differing == ["2"]  # the source gives section 2 a shortened heading


def test_eo_14409_markdown_and_pdf_agree(shape):
    assert shape(EO_14409["pdf"]) == shape(EO_14409["markdown"])


def test_eo_14409_structure_and_pages(pinpoints, outline_of):
    got = pinpoints(EO_14409["markdown"])
    assert [p for p in got if "(" not in p] == ["1", "2", "3", "4", "5"]
    assert [p for p in got if p.startswith("2(") and p.count("(") == 1] == [
        f"2({c})" for c in "abcdef"
    ]
    assert {"2(c)(i)", "2(c)(ii)", "2(c)(iii)", "3(b)(iii)", "5(d)"} <= set(got)
    doc, outline = outline_of(EO_14409["pdf"])
    pages = [p.page for p in outline.provisions]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == doc.meta.page_count == 3
    last = outline.find("5")
    assert "WHITE HOUSE" not in doc.text[last.start : last.end]


def test_eo_14306_structure(pinpoints):
    got = pinpoints(EO_14306["markdown"])
    # the sections it quotes into the orders it amends are not its own provisions
    assert [p for p in got if "(" not in p] == ["1", "2", "3", "4"]
    assert "2(b)(i)" not in got and "2(e)(a)" not in got


def test_eo_14306_markdown_and_pdf_agree(shape):
    assert shape(EO_14306["pdf"]) == shape(EO_14306["markdown"])
