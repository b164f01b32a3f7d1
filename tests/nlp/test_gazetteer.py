"""The agency gazetteer: data integrity, lookups, and the eolens_agencies span component."""

from __future__ import annotations

import json
import re

import pytest
import spacy
from eolens.nlp.gazetteer import DEFAULT_PATH, GENERIC, Gazetteer, normalise
from shared_corpus import corpus_file


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("eolens_agencies")
    return nlp


def mentions(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_) for s in doc.spans["agency"]]


def test_data_is_consistent():
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    keys = [e["key"] for e in data["entries"]]
    assert len(keys) == len(set(keys))
    kinds = {"department", "agency", "component", "office", "council", "official"}
    for e in data["entries"]:
        assert e["kind"] in kinds, e["key"]
        assert e["parent"] is None or e["parent"] in keys, e["key"]
    assert sum(e["kind"] == "department" for e in data["entries"]) == 15


def test_no_surface_names_two_entries():
    """An alias, title or styling must resolve to one entry, or lookups depend on file order."""
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    owner: dict[str, str] = {}
    clashes = []
    for e in data["entries"]:
        for style in (e, *e.get("former", ())):
            names = [style["name"], *style.get("aliases", ())]
            titles = [f"{h} of {n}" for h in style.get("heads", ()) for n in names]
            for s in names + titles + list(style.get("officials", ())):
                n = normalise(s)
                if owner.setdefault(n, e["key"]) != e["key"]:
                    clashes.append((s, owner[n], e["key"]))
    assert clashes == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the Secretary of War", "DOW"),
        ("Secretary of Defense", "DOW"),
        ("the Department of Defense", "DOW"),
        ("Department of War", "DOW"),
        ("the Attorney General", "DOJ"),
        ("the Director of OMB", "OMB"),
        ("Director of the Office of Management and Budget", "OMB"),
        ("the Secretary of Commerce", "DOC"),
        ("the Secretary of the Treasury’s", "TREAS"),
        ("THE SECRETARY OF HOMELAND SECURITY", "DHS"),
        ("the National Cyber Director", "ONCD"),
        ("Office of the National Cyber Director", "ONCD"),
        ("ONCD", "ONCD"),
        ("the APNSA", "APNSA"),
        ("Assistant to the President for National Security Affairs", "APNSA"),
        ("the National Security Advisor", "APNSA"),
        ("Director of the National Institute of Standards and Technology", "NIST"),
        ("the Director of NIST", "NIST"),
        ("U.S. Department of Commerce", "DOC"),
        ("United States Department of Commerce", "DOC"),
        ("the FAR Council", "FARC"),
        ("Committee on National Security Systems", "CNSS"),
        ("CNSS", "CNSS"),
        ("Technology Modernization Board", "TMB"),
        ("Administrator of General Services", "GSA"),
        ("Director of National Intelligence", "ODNI"),
        ("Commissioner of Food and Drugs", "FDA"),
        ("the United States Trade Representative", "USTR"),
        (
            "Under Secretary of Commerce for Intellectual Property and Director of the USPTO",
            "USPTO",
        ),
    ],
)
def test_resolve(gaz, text, key):
    hit = gaz.resolve(text)
    assert hit is not None and hit.key == key
    assert gaz.lookup(text) is gaz.get(key)


def test_styling_follows_the_text(gaz):
    war = gaz.ref("the Secretary of War", "lead")
    defense = gaz.ref("the Secretary of Defense", "lead")
    assert war.key == defense.key == "DOW"
    assert (war.name, war.acronym) == ("Department of War", "DOW")
    assert (defense.name, defense.acronym) == ("Department of Defense", "DOD")


def test_officials_resolve_to_what_they_head(gaz):
    assert gaz.resolve("Secretary of Commerce").official
    assert not gaz.resolve("Department of Commerce").official
    assert gaz.ref("Director of NSA", "through").parent == "DOW"
    assert gaz.ancestors("CAISI") == ["NIST", "DOC"]


@pytest.mark.parametrize(
    "text",
    [
        "agencies",
        "the heads of agencies",
        "heads of executive departments and agencies",
        "each agency",
        "FCEB agencies",
        "the heads of FCEB agencies",
        "the Federal Government",
    ],
)
def test_generic_actors_stay_generic(gaz, text):
    hit = gaz.resolve(text)
    assert hit is not None and hit.generic
    ref = gaz.ref(text, "lead")
    assert ref.key is None and ref.acronym is None
    assert ref.name == re.sub(r"^the ", "", text)


def test_unknown_is_none(gaz):
    assert gaz.resolve("the Secretary") is None
    assert gaz.resolve("Director of the Quantum Widget Board") is None
    assert gaz.ref("Secretary of Widgets", "lead") is None


def test_longest_mention_wins(nlp):
    found = mentions(
        nlp, "the Director of the Cybersecurity and Infrastructure Security Agency (CISA) shall"
    )
    assert found == [
        ("Director of the Cybersecurity and Infrastructure Security Agency", "CISA"),
        ("CISA", "CISA"),
    ]
    assert mentions(nlp, "the Cybersecurity and Infrastructure Security Agency") == [
        ("Cybersecurity and Infrastructure Security Agency", "CISA")
    ]
    assert mentions(nlp, "the heads of executive departments and agencies shall") == [
        ("heads of executive departments and agencies", GENERIC)
    ]


def test_acronyms_match_exactly(nlp):
    assert mentions(nlp, "the NSA and the nsa") == [("NSA", "NSA")]
    # "ED" is too common a string to match; the Department is still found by name and title
    assert mentions(nlp, "ED staff and the Secretary of Education") == [
        ("Secretary of Education", "ED")
    ]


def test_former_styling_is_found(nlp):
    assert mentions(
        nlp, "Department of War information systems, DoD, and the Secretary of Defense"
    ) == [("Department of War", "DOW"), ("DoD", "DOW"), ("Secretary of Defense", "DOW")]


def test_eo_14409_agencies(nlp, corpus):
    raw = corpus_file("eo-14409-2026-06-02.whitehouse.md").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>|\\", " ", raw).split())
    doc = nlp(text)
    keys = {s.label_ for s in doc.spans["agency"]}
    expected = {
        "CNSS",
        "DOW",
        "DHS",
        "CISA",
        "OMB",
        "APNSA",
        "ONCD",
        "TREAS",
        "NSA",
        "OPM",
        "WHCOS",
        "APST",
        "DOC",
        "NIST",
        "DOJ",
        GENERIC,
    }
    assert expected <= keys


def test_terms_defined_in_brackets(nlp):
    found = mentions(
        nlp,
        "(c) The Secretary of Commerce (Secretary), in consultation with the APNSA, shall act, "
        "and the Secretary shall report. The National Security Advisor (NSA) and the NSA meet.",
    )
    assert found == [
        ("Secretary of Commerce", "DOC"),
        ("Secretary", "DOC"),  # the term in its brackets restates the mention before it
        ("APNSA", "APNSA"),
        ("Secretary", "DOC"),
        ("National Security Advisor", "APNSA"),
        ("NSA", "APNSA"),
        ("NSA", "APNSA"),
    ]
    # enumeration markers are not terms
    assert mentions(nlp, "the Director of OMB (B) and B") == [("Director of OMB", "OMB")]


def test_terms_defined_by_establishing(nlp):
    found = mentions(
        nlp,
        "The Secretary of Homeland Security shall establish an Artificial Intelligence Safety and "
        "Security Board as an advisory committee pursuant to law. The Advisory Committee shall "
        "meet.",
    )
    assert found == [
        ("Secretary of Homeland Security", "DHS"),
        ("Artificial Intelligence Safety and Security Board", "AISSB"),
        ("advisory committee", "AISSB"),
        ("Advisory Committee", "AISSB"),
    ]


def test_document_terms():
    from eolens.nlp.actors import defined_actors

    nlp = spacy.blank("en")
    recogniser = nlp.add_pipe("eolens_agencies")
    terms = defined_actors("Sec. 2. (a) The Secretary of Energy (Secretary) shall lead.")
    assert terms == {"secretary": "DOE"}
    recogniser.use_document_terms(terms)
    doc = nlp("(b) The Secretary, in consultation with the secretary of the board, shall act.")
    assert [(s.text, s.label_) for s in doc.spans["agency"]] == [("Secretary", "DOE")]
    recogniser.use_document_terms(None)
    doc = nlp("(b) The Secretary shall act.")
    assert list(doc.spans["agency"]) == []
