"""The shared normalisation helpers every reader uses (text convention of eolens.nlp.model)."""

from __future__ import annotations

import hashlib
import itertools

from eolens.nlp.readers.textnorm import (
    TextBuilder,
    caret,
    clean_paragraph,
    normalise_quotes,
    sha256_file,
    strip_controls,
    superscripts_to_caret,
)


def test_spaces_fold_including_nbsp_and_unicode_spaces():
    assert clean_paragraph("\u00a0\u00a0 Sec. 2.\u00a0 Policy.\u2003 (a)\t text \r\n more ") == (
        "Sec. 2. Policy. (a) text more"
    )


def test_controls_and_invisible_characters_are_removed():
    assert strip_controls("a\x00b\x07c\x1bd\u200be\u2060f\ufeffg\u00adh\n") == "abcdefgh\n"
    assert clean_paragraph("Biden-\u2060Harris\x0c") == "Biden-Harris"


def test_federal_register_doubled_quotes_become_single_typographic_quotes():
    assert normalise_quotes("the term ‘‘agency’’ means") == "the term “agency” means"
    assert normalise_quotes("‘covered’ stays") == "‘covered’ stays"


def test_straight_quotes_are_made_typographic_from_context():
    assert normalise_quotes("AI's \"covered frontier model\" ('x')") == (
        "AI’s “covered frontier model” (‘x’)"
    )
    assert normalise_quotes('"Quoted."') == "“Quoted.”"
    assert normalise_quotes("models'") == "models’"


def test_superscripts_use_caret_form():
    assert caret("10", "26") == "10^26"
    assert caret("10", " ") == "10"
    assert superscripts_to_caret("10²⁶ and 10²³") == "10^26 and 10^23"
    assert clean_paragraph("greater than 10²⁶ operations") == "greater than 10^26 operations"


def test_builder_joins_paragraphs_and_maps_pages():
    b = TextBuilder(first_label="75191")
    b.add_paragraph("  Title  ")
    b.add_paragraph("   ")  # dropped
    b.add_paragraph("Sec. 1.\u00a0 Purpose.")
    b.start_page("75192")
    b.add_paragraph("(a) text")
    text, pages = b.build()
    assert text == "Title\nSec. 1. Purpose.\n(a) text"
    assert [(p.number, p.label) for p in pages] == [(1, "75191"), (2, "75192")]
    assert text[pages[1].start : pages[1].end] == "(a) text"
    assert pages[0].start == 0 and pages[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(pages))


def test_builder_page_break_inside_a_paragraph():
    b = TextBuilder()
    b.start_page("1")  # before any text: labels the first page, adds none
    b.add_paragraph("First.")
    b.add_fragment("Such protections are \n")
    b.start_page("2")
    b.add_fragment("\n especially important.")
    b.end_paragraph()
    text, pages = b.build()
    assert text == "First.\nSuch protections are especially important."
    assert len(pages) == 2
    assert text[pages[1].start :] == "especially important."
    assert pages[0].label == "1" and pages[1].label == "2"


def test_builder_trailing_empty_page_is_an_empty_span():
    b = TextBuilder()
    b.add_paragraph("Only page.")
    b.start_page("2")
    text, pages = b.build()
    assert [(p.start, p.end) for p in pages] == [(0, len(text)), (len(text), len(text))]


def test_sha256_file(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(b"abc" * 1000)
    assert sha256_file(path) == hashlib.sha256(b"abc" * 1000).hexdigest()
