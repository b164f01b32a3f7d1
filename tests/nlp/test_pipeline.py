"""The spaCy pipeline: rule-based sentences for legal text and directive triggers."""

from __future__ import annotations

import pytest
from eolens.nlp.pipeline import build_pipeline, sentence_starts, sentences


def split(text: str) -> list[str]:
    return [s.text.strip() for s in sentences(build_pipeline()(text))]


def test_pipeline_is_blank_english_with_our_components():
    nlp = build_pipeline()
    assert nlp.lang == "en"
    assert nlp.pipe_names[0] == "eolens_sentences"
    assert nlp.pipe_names[-1] == "eolens_triggers"
    assert build_pipeline() is nlp


@pytest.mark.parametrize(
    "text",
    [
        "See 44 U.S.C. 3552(b)(6)(A) for the term.",
        "Agencies, e.g. the Department of Energy, shall act.",
        "Firms, i.e. Widget Co. and Gadget Inc. Holdings, shall report.",
        "As described in Sec. 4 of this order, the U.S. Government shall act.",
        "Under Pub. L. 107-296, No. 4 applies.",
    ],
)
def test_abbreviations_do_not_end_sentences(text):
    assert split(text) == [text]


def test_stops_and_line_breaks_end_sentences():
    text = "The Secretary shall act. (b) The Director may act.\nThe Board should meet."
    assert split(text) == [
        "The Secretary shall act.",
        "(b) The Director may act.",
        "The Board should meet.",
    ]
    assert sentence_starts("") == []


def test_triggers_longest_match_with_kind():
    doc = build_pipeline()(
        "X shall not act; Y shall act; Z may not act; W is hereby directed to act; "
        "V is encouraged to act; U is authorized to act; T should act; S must act."
    )
    got = [(s.text, s.label_) for s in doc.spans["trigger"]]
    assert got == [
        ("shall not", "prohibition"),
        ("shall", "obligation"),
        ("may not", "prohibition"),
        ("is hereby directed to", "obligation"),
        ("is encouraged to", "encouragement"),
        ("is authorized to", "permission"),
        ("should", "encouragement"),
        ("must", "obligation"),
    ]


def _facts(doc):
    spans = {key: [(s.start, s.end, s.label_) for s in group] for key, group in doc.spans.items()}
    return spans, [s.start for s in sentences(doc)]


def test_pipe_in_batches_gives_what_one_doc_at_a_time_gives():
    # nlp.pipe hands each component batches (BatchedComponent.pipe); the facts must not
    # depend on how the docs were grouped.
    nlp = build_pipeline()
    texts = [
        "The Secretary of Commerce shall, within 90 days of the date of this order, report.",
        "(i) rural hospitals and community banks; and",
        "Nothing here. See 42 U.S.C. 5195c(e). The Director of OMB may issue guidance.",
        "",
        "The Secretary of Energy shall act by July 31, 2026, and annually thereafter.",
    ] * 3
    one_by_one = [_facts(nlp(t)) for t in texts]
    for batch_size in (1, 2, 64):
        assert [_facts(d) for d in nlp.pipe(texts, batch_size=batch_size)] == one_by_one
    assert all(hasattr(proc, "pipe") for _, proc in nlp.pipeline)
    assert any(spans.get("deadline") for spans, _ in one_by_one)
    assert any(spans.get("sector") for spans, _ in one_by_one)
