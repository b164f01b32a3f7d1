"""Line-end hyphens: the word-list-free rule that decides between a line break and a real
hyphen (pure tests on short strings; the corpus tests check it on whole orders)."""

from __future__ import annotations

import pytest
from eolens.nlp.readers.pdf import _HYPHEN, _Hyphens


@pytest.mark.parametrize(
    ("left", "right", "context", "expected"),
    [
        ("unleashed tremendous tech", "nological growth", "", "technological"),
        ("advanced AI", "enabled capabilities", "", "AI-enabled"),  # acronym before
        ("the so", "called rule", "", "so-called"),
        ("a self", "assessment", "", "self-assessment"),
        ("any non", "Federal entity", "", "non-Federal"),  # capital after
        ("the COVID", "19 pandemic", "", "COVID-19"),  # digit after
        ("Fiscal Year 2025", "2026 budget", "", "2025-2026"),
        ("under M-25", "21 of", "", "M-25-21"),
        ("at https://example.gov/some", "path", "", "https://example.gov/some-path"),
        # The document itself decides first: a compound printed hyphenated elsewhere stays so,
        # a word printed whole elsewhere is joined.
        ("an insider", "risk review", "insider-risk elsewhere", "insider-risk"),
        ("re", "cover costs", "the agency will recover them", "recover"),
        ("the cyber", "security plan", "", "cybersecurity"),
        # a productive second element after a whole word is the compound's own hyphen ...
        ("reduce wildfire", "related risks", "", "wildfire-related"),
        ("a risk", "based approach", "", "risk-based"),
        ("an American", "led effort", "", "American-led"),
        ("the long", "term plan", "", "long-term"),
        # ... but not after a bound prefix, nor "-led" after an "l" (syllable breaks)
        ("an un", "related matter", "", "unrelated"),
        ("were re", "funded later", "", "refunded"),
        ("is control", "led by", "", "controlled"),
        ("a nation", "wide survey", "", "nationwide"),
    ],
)
def test_hyphen_choice(left, right, context, expected):
    hyphens = _Hyphens(f"{context} {left}{_HYPHEN}{right}")
    assert expected in hyphens.resolve(f"{left}{_HYPHEN}{right}")


def test_resolve_handles_several_breaks_in_one_line():
    hyphens = _Hyphens("")
    assert hyphens.resolve(f"execu{_HYPHEN}tive and AI{_HYPHEN}enabled") == (
        "executive and AI-enabled"
    )
