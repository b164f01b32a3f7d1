"""Non-directive formulas and trigger kinds, on sentences written for these tests."""

from __future__ import annotations

import pytest
from eolens.nlp.classify import heading_class, sentence_class, text_class, trigger_kind


@pytest.mark.parametrize(
    ("sentence", "klass"),
    [
        ("Nothing in this memorandum shall be construed to limit the Board.", "construction"),
        ("This section shall not be construed as creating a licence.", "construction"),
        ("This memorandum shall be implemented consistent with applicable law.", "general"),
        ("This order shall take effect on July 1, 2031.", "general"),
        (
            "The terms “widget” and “gadget” shall have the meanings given in 5 U.S.C. 1.",
            "definition",
        ),
        ("For purposes of this order:", "definition"),
        ("It shall be the policy of the United States to buy widgets.", "policy"),
        ("Executive Order 99990 is hereby revoked.", "amendment"),
        ("Section 2(b) is amended by striking “shall” and inserting “may”.", "amendment"),
        (
            "The Secretary of State is authorized and directed to publish this memorandum in the "
            "Federal Register.",
            "boilerplate",
        ),
        (
            "The Widget Council shall include the following officials, or their designees:",
            "definition",
        ),
        ("The Director of OSTP shall serve as Vice Chair of the Widget Council.", "definition"),
        ("The Secretary of Energy shall be the Chair of the Widget Board.", "definition"),
        ("The Secretary of Commerce shall include the following data in the report:", None),
        ("The Secretary of Commerce shall publish a widget census.", None),
        ("Agencies may read the guidance.", None),
    ],
)
def test_sentence_class(sentence, klass):
    assert sentence_class(sentence) == klass


def test_text_class_takes_the_first_formula_of_a_paragraph():
    text = "Background on widgets.\nIt is the policy of my Administration to favour widgets."
    assert text_class(text) == "policy"
    assert text_class("The Secretary shall count widgets.") is None


@pytest.mark.parametrize(
    ("heading", "klass"),
    [
        ("Definitions", "definition"),
        ("General Provisions", "general"),
        ("Purpose", "policy"),
        ("Revocation", "amendment"),
        ("Widget Census", None),
        (None, None),
    ],
)
def test_heading_class(heading, klass):
    assert heading_class(heading) == klass


@pytest.mark.parametrize(
    ("label", "text", "kind"),
    [
        ("obligation", "shall", "obligation"),
        ("prohibition", "may not", "prohibition"),
        ("prohibition", "are prohibited from", "prohibition"),
        ("encouragement", "is encouraged to", "encouragement"),
        ("permission", "is authorized to", "permission"),
    ],
)
def test_trigger_kind(label, text, kind):
    assert trigger_kind(label, text) == kind
