"""Citations: normalised forms and the eolens_citations component."""

from __future__ import annotations

import re

import pytest
import spacy
from eolens.nlp.citations import find_citations
from shared_corpus import corpus_file


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("eolens_citations")
    return nlp


def cites(nlp, text):
    doc = nlp(text)
    return [s.label_ for s in doc.spans["citation"]]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("as defined in 44 U.S.C. 3552(b)(6)(A), by", "44 U.S.C. 3552(b)(6)(A)"),
        ("under 50 U.S.C. 4501 et seq., the", "50 U.S.C. 4501 et seq."),
        ("in section 1030 of title 18, United States Code", "18 U.S.C. 1030"),
        ("chapter 35 of title 44, United States Code", "44 U.S.C. chapter 35"),
        ("see 18 U.S.C. § 1030", "18 U.S.C. 1030"),
        ("15 CFR 7.3", "15 CFR 7.3"),
        ("15 C.F.R. 7.3", "15 CFR 7.3"),
        ("part 7 of title 15, Code of Federal Regulations", "15 CFR part 7"),
        ("Public Law 117-167", "Public Law 117-167"),
        ("Pub. L. 117-167", "Public Law 117-167"),
        ("Pub. L. No. 117-167", "Public Law 117-167"),
        ("Executive Order 14110 of October 30, 2023 (Safe, Secure)", "Executive Order 14110"),
        ("E.O. 14028", "Executive Order 14028"),
        ("found in Proclamation 9704 of March 8, 2018", "Proclamation 9704"),
        ("OMB Memorandum M-24-10", "M-24-10"),
        ("OMB Circular A-130", "OMB Circular A-130"),
        ("OMB Circular No. A–130.", "OMB Circular A-130"),
        ("memorandum M–24–10 of", "M-24-10"),
        ("NSM-25", "NSM-25"),
        ("National Security Presidential Memorandum/NSPM-11", "NSPM-11"),
        ("Presidential Policy Directive 21", "PPD-21"),
        ("published at 88 FR 75191", "88 FR 75191"),
        ("the Defense Production Act, as amended", "Defense Production Act"),
        ("the CHIPS Act of 2022", "CHIPS Act of 2022"),
        ("section 4.1(a) of this order", "Sec. 4.1(a)"),
        ("described in subsection 4.2(c), the", "Sec. 4.2(c)"),
    ],
)
def test_normalised(nlp, text, label):
    assert cites(nlp, text) == [label]


def test_lists(nlp):
    assert cites(nlp, "18 U.S.C. 1028, 18 U.S.C. 1030, 18 U.S.C. 1343, and other laws") == [
        "18 U.S.C. 1028",
        "18 U.S.C. 1030",
        "18 U.S.C. 1343",
    ]
    assert cites(nlp, "amending Executive Orders 13694 and 14144") == [
        "Executive Order 13694",
        "Executive Order 14144",
    ]


def test_not_citations(nlp):
    assert cites(nlp, "section 232 of the Trade Expansion Act of 1962") == [
        "Trade Expansion Act of 1962"
    ]
    assert cites(nlp, "This Act and the Act shall apply in section (b)") == []
    assert cites(nlp, "within 30 days, 2,000 models, and 10^26 operations") == []


def test_find_citations_offsets():
    text = "see 44 U.S.C. 3552 now"
    ((start, end, label),) = list(find_citations(text))
    assert text[start:end] == "44 U.S.C. 3552" and label == "44 U.S.C. 3552"


def test_eo_14409_citations(nlp, corpus):
    raw = corpus_file("eo-14409-2026-06-02.whitehouse.md").read_text(encoding="utf-8")
    doc = nlp(" ".join(re.sub(r"<[^>]+>|\\", " ", raw).split()))
    assert [s.label_ for s in doc.spans["citation"]] == [
        "44 U.S.C. 3552(b)(6)(A)",
        "18 U.S.C. 1028",
        "18 U.S.C. 1030",
        "18 U.S.C. 1343",
    ]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Convening the Endangered Species Act Committee", ["Endangered Species Act"]),
        (
            "Implementation of the Infrastructure Investment and Jobs Act",
            ["Infrastructure Investment and Jobs Act"],
        ),
        ("Designation of Officials of the Council on Environmental Quality to Act", []),
        ("as required by section 155(b)(1), the", []),
    ],
)
def test_act_names_and_statute_sections(nlp, text, labels):
    assert cites(nlp, text) == labels
