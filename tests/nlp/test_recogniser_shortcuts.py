"""The recognisers' shortcuts give what the plain ways give.

The components skip work that cannot change their output: regular expressions tried only where
a match can begin, Matchers run per label on the part of a window a match can lie in, overlaps
resolved on tuples. Each shortcut is compared here with the plain way on many random texts.
"""

from __future__ import annotations

import random

import pytest
from eolens.nlp import citations
from eolens.nlp.pipeline import build_pipeline, longest_spans
from spacy.matcher import Matcher
from spacy.tokens import Span
from spacy.util import filter_spans

# Pieces that make the citation patterns match, nearly match, and fail in many ways, with the
# characters the case-insensitive and Unicode classes treat specially.
_PIECES = [
    *"abcSsectionub ()0123456789.,-–\t\n\u00a0ſıİ’'١٢",
    "section",
    "Section",
    "SECTION",
    "subsection",
    "sections 3 and 4",
    " of this order",
    "Act",
    " Act of 2022",
    "National Defense Act",
    "designated to Act",
    "Executive Order",
    "E.O.",
    "E. O.",
    "EO",
    "Pub. L.",
    "Public Law",
    "M-",
    "M–",
    "NSM-",
    "PPD-",
    "HSPD-",
    "U.S.C.",
    "U. S. C.",
    "42 U.S.C. 1983",
    " et seq.",
    "U.",
    "of the",
]


def _random_texts(seed: int, count: int):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 24)))


def _found(matches):
    return [(m.span(), m.groups()) for m in matches]


def test_cue_scans_find_what_finditer_finds():
    scans = [
        (citations._EO, lambda t: citations._cue_starts(t, ("Executive", "E.", "EO"))),
        (citations._PUBLIC_LAW, lambda t: citations._cue_starts(t, ("Pub",))),
        (citations._OMB_MEMO, lambda t: citations._cue_starts(t, ("M-", "M–", "M‑"))),
        (citations._PRES_MEMO, lambda t: citations._cue_starts(t, citations._PRES_MEMO_KINDS)),
        (citations._USC, citations._usc_starts),
    ]
    for text in _random_texts(1, 4000):
        for pattern, starts in scans:
            assert _found(citations._finditer_at(pattern, text, starts(text))) == _found(
                pattern.finditer(text)
            ), (pattern.pattern, text)
        starts = citations._section_starts(text, text.lower())
        if starts is not None:
            shortcut = citations._finditer_at(citations._THIS_SECTION, text, starts)
            assert _found(shortcut) == _found(citations._THIS_SECTION.finditer(text)), text
        assert _found(citations._ACT.finditer(text, citations._act_scan_start(text))) == _found(
            citations._ACT.finditer(text)
        ), text
        assert citations._has_digit(text) == (citations._DIGIT.search(text) is not None)


@pytest.mark.parametrize("text", ["SECTİON 5", "ſection 4.1", "sectıon 2", "Section 3 (İ)"])
def test_section_scan_falls_back_where_lowercasing_differs(text):
    assert citations._section_starts(text, text.lower()) is None


def test_longest_spans_is_filter_spans():
    nlp = build_pipeline()
    doc = nlp.make_doc(" ".join(["word"] * 30))
    rng = random.Random(2)
    for _ in range(3000):
        triples = []
        for _ in range(rng.randint(0, 6)):
            start = rng.randrange(30)
            triples.append((start, rng.randint(start + 1, 30), rng.choice(["A", "B", "C"])))
        spans = [Span(doc, s, e, label=label) for s, e, label in triples]
        expected = [(s.start, s.end, s.label_) for s in filter_spans(spans)]
        assert longest_spans(triples) == expected, triples


_DEADLINE_TEXTS = [
    "Within 30 days of the date of this order, and annually thereafter, the Secretary shall "
    "report; not later than one hundred eighty (180) calendar days after the guidance is "
    "issued, each agency shall act by March 1, 2026 or by the end of fiscal year 2027.",
    "No later than 90 days following the review, and every 6 months thereafter, agencies "
    "shall meet on a quarterly basis, once a year, by January 15 of each year; within a year.",
    "The budget for each fiscal year, retained for 2 years after collection, may be reviewed "
    "in May 2026, not more than 5 years, within sixty days, within 1 week, each month.",
]


def test_deadline_matchers_per_label_match_one_matcher_on_the_window():
    nlp = build_pipeline()
    recogniser = nlp.get_pipe("eolens_deadlines")
    whole = Matcher(nlp.vocab)
    for label, matcher in recogniser.matchers.items():
        whole.add(label, matcher.get(label)[1], greedy="LONGEST")
    strings = nlp.vocab.strings
    rng = random.Random(3)
    for text in _DEADLINE_TEXTS:
        doc = nlp.make_doc(text)
        lows = [t.lower for t in doc]
        for _ in range(300):
            lo = rng.randrange(len(doc))
            hi = rng.randint(lo + 1, len(doc))
            expected = sorted((strings[key], lo + s, lo + e) for key, s, e in whole(doc[lo:hi]))
            got = []
            for label, matcher in recogniser.matchers.items():
                start, end = recogniser.trimmed(label, lows, lo, hi)
                if start < end:
                    got.extend((label, start + s, start + e) for _, s, e in matcher(doc[start:end]))
            assert sorted(got) == expected, (text, lo, hi)
