"""The generic (memo) layout on a PDF written here: paragraphs from spacing and indentation,
page numbers as labels, footnote references and bodies, hyphens, a paragraph across a page
break. Needs no corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from eolens.nlp.readers.pdf import read_pdf
from fixtures.hostile import _pdf, _stream

# (x, y, size, PDF text-showing operators) per line; y is from the bottom of a 612 x 792 page.
PAGE_1 = [
    (190, 720, 14, b"(GUIDANCE ON AGENCY REPORTING) Tj"),
    (72, 680, 11, b"(The Director shall issue instructions to agencies for the collection and) Tj"),
    (72, 666, 11, b"(publication of information about the use of automated systems by each) Tj"),
    (72, 652, 11, b"(agency.) Tj"),
    (72, 624, 11, b"(1. SCOPE OF THE INVENTORY) Tj"),
    (
        72,
        596,
        11,
        b"(Federal agencies) Tj /F1 7 Tf 4 Ts (1) Tj /F1 11 Tf 0 Ts "
        b"( must report each use case that is in pre-deployment, pilot or) Tj",
    ),
    (72, 582, 11, b"(deployed status, regardless of whether the system was devel-) Tj"),
    (72, 568, 11, b"(oped by the agency or procured from a vendor under contract, and) Tj"),
    (72, 554, 11, b"(regardless of whether the use case is embedded within other systems) Tj"),
    (72, 140, 8, b"(1 The term agency has the meaning given in the statute cited above.) Tj"),
    (303, 40, 11, b"(1) Tj"),
]
PAGE_2 = [
    (72, 720, 11, b"(or applications operated on behalf of the agency by a third party.) Tj"),
    (90, 692, 11, b"(a. Consolidated reporting: agencies may report widely used commercial) Tj"),
    (108, 678, 11, b"(tools once, in a single entry, with the number of offices using them.) Tj"),
    (90, 664, 11, b"(b. Individual reporting: every other use case is reported on its own.) Tj"),
    (303, 40, 11, b"(2) Tj"),
]


def _page_objects(pages: list[list[tuple]]) -> list[bytes]:
    n = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, lines in enumerate(pages):
        content = b"\n".join(
            b"BT /F1 %d Tf %d %d Td " % (size, x, y) + ops + b" ET" for x, y, size, ops in lines
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(_stream(content))
    return objects


@pytest.fixture(scope="module")
def memo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("memo") / "memo.pdf"
    path.write_bytes(_pdf(_page_objects([PAGE_1, PAGE_2])))
    return path


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_memo_paragraphs_pages_and_footnotes(memo, backend):
    doc = read_pdf(memo, backend=backend)
    lines = doc.text.split("\n")
    assert lines[0] == "GUIDANCE ON AGENCY REPORTING"
    assert lines[1].startswith("The Director shall issue") and lines[1].endswith("by each agency.")
    assert lines[2] == "1. SCOPE OF THE INVENTORY"
    # The footnote mark is gone, the hyphen at "devel-" is a line break, and the paragraph
    # runs on over the page break to the next page.
    assert lines[3].startswith("Federal agencies must report each use case")
    assert "developed by the agency" in lines[3]
    assert lines[3].endswith("operated on behalf of the agency by a third party.")
    # Hanging-indent list items: one paragraph each.
    assert lines[4].startswith("a. Consolidated reporting:")
    assert lines[4].endswith("with the number of offices using them.")
    assert lines[5].startswith("b. Individual reporting:")
    assert len(lines) == 6
    # The footnote body and the page numbers are not in the text; the numbers label pages.
    assert "The term agency" not in doc.text
    assert [p.label for p in doc.pages] == ["1", "2"]
    assert doc.page_number(doc.text.index("third party")) == 2
    assert doc.page_number(doc.text.index("regardless of whether the use case")) == 1
    assert doc.meta.page_count == 2 and doc.meta.fr_citation is None


def test_progress_reports_every_page(memo):
    seen: list[tuple[int, int]] = []
    read_pdf(memo, progress=lambda page, pages: seen.append((page, pages)))
    assert seen == [(1, 2), (2, 2)]


def test_numbered_heading_low_on_a_page_is_not_taken_for_a_footnote(tmp_path):
    page = [
        (72, 700, 11, b"(This report describes the inventory and how agencies keep it.) Tj"),
        (72, 300, 11, b"(1 Introduction) Tj"),
        (72, 270, 11, b"(Agencies keep one inventory of their systems and update it yearly.) Tj"),
    ]
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf(_page_objects([page])))
    assert read_pdf(path).text.split("\n")[1:] == [
        "1 Introduction",
        "Agencies keep one inventory of their systems and update it yearly.",
    ]
