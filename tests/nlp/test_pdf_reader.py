"""The PDF reader on real Federal Register printings, the OMB memo, and hostile files."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from eolens.nlp.model import ReadError
from eolens.nlp.readers.pdf import pdf_page_count, read_pdf
from eolens.nlp.readers.textnorm import clean_paragraph
from fixtures.hostile import HOSTILE, write_bomb, write_good
from shared_corpus import corpus_file

EO_14409_PDF = "eo-14409-2026-06-02.federal-register-2026-11415.pdf"
FR_PAIRS = {
    14409: (EO_14409_PDF, "eo-14409-2026-06-02.whitehouse.md"),
    14306: (
        "eo-14306-2025-06-06.federal-register-2025-10804.pdf",
        "eo-14306-2025-06-06.whitehouse.md",
    ),
    14148: (
        "eo-14148-2025-01-20.federal-register-2025-01901.pdf",
        "eo-14148-2025-01-20.whitehouse.md",
    ),
    14179: (
        "eo-14179-2025-01-23.federal-register-2025-02172.pdf",
        "eo-14179-2025-01-23.whitehouse.md",
    ),
}
OMB = "omb-guidance-2025-agency-ai-use-case-reporting-m-25-21.pdf"
FURNITURE = (
    "VerDate",
    "Presidential Documents",
    "PRESDOC",
    "CODSERP",
    "Jkt ",
    "Frm 0",
    "[FR Doc",
    "Billing code",
    "Title 3",
    "The President\n",
    "</GPH>",
    "EPS",
    "\ufffe",
)


@pytest.fixture(scope="module")
def eo14409():
    return read_pdf(corpus_file(EO_14409_PDF))


def _markdown_words(path: Path) -> list[str]:
    """Body words of a whitehouse.gov Markdown page: front matter, tags and escapes removed."""
    body = path.read_text(encoding="utf-8").split("---", 2)[2]
    body = re.sub(r"<[^>]+>", "", body).replace("\\", "")
    return clean_paragraph(body).split()


def _from_ordering(words: list[str]) -> list[str]:
    """Words from "By the authority vested" on (the title block is YAML in the Markdown)."""
    for i in range(len(words) - 2):
        if words[i : i + 3] == ["By", "the", "authority"]:
            return words[i:]
    raise AssertionError("no ordering clause")


def test_eo_14409_text_is_word_identical_to_whitehouse_markdown(eo14409):
    md = _from_ordering(_markdown_words(corpus_file(FR_PAIRS[14409][1])))
    # The printed signature is an image in the FR PDF; the Markdown spells it out.
    md = [w for w in md if w not in ("DONALD", "J.", "TRUMP")]
    assert _from_ordering(eo14409.text.split()) == md


@pytest.mark.parametrize("eo", [14306, 14148, 14179])
def test_other_fr_printings_match_their_markdown_closely(eo):
    import difflib

    pdf_name, md_name = FR_PAIRS[eo]
    pdf = _from_ordering(read_pdf(corpus_file(pdf_name)).text.split())
    md = _from_ordering(_markdown_words(corpus_file(md_name)))
    # Known source differences: bullets for (a)..(zzz) in 14148's Markdown, emphasis,
    # "ordered as follows:", en dashes in ranges. Broken or glued words would cost far more.
    assert difflib.SequenceMatcher(None, pdf, md, autojunk=False).ratio() > 0.95


def test_title_block_paragraphs_and_signature(eo14409):
    lines = eo14409.text.split("\n")
    assert lines[0] == "Executive Order 14409 of June 2, 2026"
    assert lines[1] == "Promoting Advanced Artificial Intelligence Innovation and Security"
    assert lines[2].startswith("By the authority vested")
    assert lines[-2:] == ["THE WHITE HOUSE,", "June 2, 2026."]
    starts = [ln.split(" ", 2)[:2] for ln in lines]
    for sec in ("2.", "3.", "4.", "5."):
        assert ["Sec.", sec] in starts
    assert ["Section", "1."] in starts
    # Subsections start their own paragraphs, continuation lines do not.
    assert sum(ln.startswith(("(a) ", "(b) ", "(c) ", "(d) ")) for ln in lines) >= 8
    assert all(ln == ln.strip() and "  " not in ln for ln in lines)


def test_no_furniture_left():
    for pdf_name, _ in FR_PAIRS.values():
        text = read_pdf(corpus_file(pdf_name)).text
        for junk in FURNITURE:
            assert junk not in text, (pdf_name, junk)
        assert "‘‘" not in text and "’’" not in text


def test_hyphenation_undone_only_where_it_is_a_line_break(eo14409):
    text = eo14409.text
    for word in (
        "technological",
        "executive departments",
        "capabilities",
        "exploitation",
        "community banks",
        "cybersecurity clearinghouse",
        "Information Cybersecurity",
    ):
        assert word in text
    for word in ("AI-enabled", "insider-risk", "intellectual-property"):
        assert word in text
    assert "tech-nological" not in text and "AIenabled" not in text


def test_page_map_and_labels(eo14409):
    doc = eo14409
    assert [p.label for p in doc.pages] == ["34565", "34566", "34567"]
    assert doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.text)
    for a, b in zip(doc.pages, doc.pages[1:], strict=False):
        assert a.end == b.start
    assert doc.page_number(doc.text.index("Sec. 2.")) == 1
    # Sec. 4 is printed on the second page (34566); the signature on the third.
    assert doc.page_at(doc.text.index("Sec. 4.")).label == "34566"
    assert doc.page_at(doc.text.index("THE WHITE HOUSE")).label == "34567"
    # The paragraph that runs over the page break is split at the right word.
    boundary = doc.pages[1].start
    assert doc.text[boundary:].startswith("(d) Within 30 days")


def test_fr_metadata(eo14409):
    meta = eo14409.meta
    assert meta.eo_number == 14409
    assert meta.signed == date(2026, 6, 2)
    assert meta.fr_citation == "91 FR 34565"
    assert meta.fr_doc_number == "2026-11415"
    assert meta.doc_type == "executive_order"
    assert meta.source_format == "pdf" and meta.page_count == 3
    assert meta.title == "Promoting Advanced Artificial Intelligence Innovation and Security"
    assert len(meta.sha256) == 64


def test_pdfplumber_path_gives_the_same_document(eo14409):
    slow = read_pdf(corpus_file(EO_14409_PDF), backend="pdfplumber")
    assert slow.text == eo14409.text
    assert slow.pages == eo14409.pages
    assert slow.meta == eo14409.meta


def test_omb_memo_outline_and_footnotes():
    doc = read_pdf(corpus_file(OMB))
    lines = doc.text.split("\n")
    assert lines[0] == "GUIDANCE ON 2025 AGENCY ARTIFICIAL INTELLIGENCE REPORTING"
    for head in (
        "1. INVENTORY",
        "2. REPORTING ON WAIVERS",
        "3. DEFINITIONS",
        "4. CONSOLIDATED",
        "5. 2025 AI USE CASE",
    ):
        assert any(ln.startswith(head) for ln in lines), head
    for item in (
        "a. Agency Inventory Reporting",
        "i. Consolidated AI Use Case Reporting:",
        "ii. Individually-Reported",
        "iii. Excluded AI Use Cases:",
        "b. Public-Facing Agency",
        "c. Agencies Not Using AI",
        "t. Unlocking",
    ):
        assert any(ln.startswith(item) for ln in lines), item
    assert "M-25-21" in doc.text and "M-25- 21" not in doc.text
    # A ragged-right paragraph stays one paragraph.
    assert "on the use case’s maturity and risk level." in doc.text
    # Footnote references are not glued onto words, and footnote bodies are not in the body.
    assert "require Federal agencies to report" in doc.text
    assert "Fiscal Year 2019 and" in doc.text
    assert "Pub. L. No. 117-263" not in doc.text
    assert [p.label for p in doc.pages] == [str(i) for i in range(1, 8)]
    assert doc.meta.doc_type == "guidance"
    assert doc.meta.eo_number is None


@pytest.mark.slow
def test_all_2025_fr_printings_read(corpus):
    files = sorted((corpus / "federal-register-eo-pdfs-2025").glob("*.pdf"))
    assert len(files) >= 200
    problems = []
    for path in files:
        doc = read_pdf(path)
        meta = doc.meta
        sections = "Sec. 2." in doc.text or "Section 1." in doc.text
        if meta.doc_type == "executive_order" and not (meta.eo_number and sections):
            problems.append((path.name, "no EO number or sections"))
        if not meta.fr_citation or not meta.fr_doc_number or not meta.signed:
            problems.append((path.name, "FR metadata missing"))
        if any(junk in doc.text for junk in ("VerDate", "PRESDOC", "\ufffe")):
            problems.append((path.name, "furniture left"))
        if path.stem != meta.fr_doc_number:
            problems.append((path.name, f"FR doc number {meta.fr_doc_number}"))
    assert problems == []


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["truncated", "encrypted", "image-only", "empty", "not-a-pdf"])
def test_unreadable_files_raise_a_plain_reason(tmp_path, name):
    writer, words = HOSTILE[name]
    path = writer(tmp_path)
    with pytest.raises(ReadError) as info:
        read_pdf(path)
    assert info.value.path == str(path)
    for word in words:
        assert word in info.value.reason.lower()


def test_self_referencing_page_tree_fails_cleanly(tmp_path):
    path = HOSTILE["self-reference"][0](tmp_path)
    with pytest.raises(ReadError):
        read_pdf(path)


def test_small_generated_pdf_reads_and_counts_pages(tmp_path):
    path = write_good(tmp_path)
    doc = read_pdf(path)
    assert doc.text == "Sec. 1. Purpose. The Secretary shall report within 30 days."
    assert pdf_page_count(path) == 1
    assert doc.pages[0].label is None


def test_bomb_fixture_is_small_on_disk(tmp_path):
    path = write_bomb(tmp_path, inflated_mib=64)
    assert path.stat().st_size < 200_000
