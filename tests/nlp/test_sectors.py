"""Sectors and groups: the reference data and the eolens_sectors component."""

from __future__ import annotations

import json
import re

import pytest
import spacy
from eolens.nlp.sectors import DEFAULT_PATH, load_sectors
from shared_corpus import corpus_file

CISA_SECTORS = {
    "Chemical",
    "Commercial Facilities",
    "Communications",
    "Critical Manufacturing",
    "Dams",
    "Defense Industrial Base",
    "Emergency Services",
    "Energy",
    "Financial Services",
    "Food and Agriculture",
    "Government Services and Facilities",
    "Healthcare and Public Health",
    "Information Technology",
    "Nuclear Reactors, Materials, and Waste",
    "Transportation Systems",
    "Water and Wastewater Systems",
}


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("eolens_sectors")
    return nlp


def spans(nlp, text):
    doc = nlp(text)
    return (
        [(s.text, s.label_) for s in doc.spans["sector"]],
        [s.label_ for s in doc.spans["group"]],
    )


def test_the_sixteen_sectors():
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert {s["name"] for s in data["sectors"]} == CISA_SECTORS
    for g in data["groups"]:
        assert set(g["sectors"]) <= CISA_SECTORS
    phrases = [p.lower() for g in data["groups"] for p in g["patterns"]]
    assert len(phrases) == len(set(phrases)), "a group phrase is listed twice"


@pytest.mark.parametrize(
    ("phrase", "sectors"),
    [
        ("rural hospitals", ("Healthcare and Public Health",)),
        ("community banks", ("Financial Services",)),
        ("credit unions", ("Financial Services",)),
        ("local utilities", ("Energy", "Water and Wastewater Systems")),
        ("the energy sector", ("Energy",)),
        ("critical infrastructure owners and operators", ()),
        ("AI developers", ()),
        ("frontier model developers", ()),
    ],
)
def test_mapping(phrase, sectors):
    assert load_sectors().sectors_for(phrase) == sectors


def test_groups_map_to_sectors(nlp):
    sectors, groups = spans(
        nlp,
        "agencies, State and local authorities, and operators of critical infrastructure such as "
        "rural hospitals, community banks, and local utilities",
    )
    assert groups == [
        "State and local authorities",
        "operators of critical infrastructure",
        "rural hospitals",
        "community banks",
        "local utilities",
    ]
    assert sectors == [
        ("rural hospitals", "Healthcare and Public Health"),
        ("community banks", "Financial Services"),
        ("local utilities", "Energy"),
        ("local utilities", "Water and Wastewater Systems"),
    ]


def test_bare_words_name_no_sector(nlp):
    sectors, groups = spans(
        nlp,
        "The Secretary of Energy shall address the public health emergency and chemical "
        "weapons, using information technology.",
    )
    assert sectors == [] and groups == []


def test_named_sectors_and_longest_group(nlp):
    sectors, groups = spans(
        nlp,
        "protect the Healthcare and Public Health sector, the electric grid, and hospitals; "
        "AI developers and frontier model developers",
    )
    assert ("Healthcare and Public Health sector", "Healthcare and Public Health") in sectors
    assert ("electric grid", "Energy") in sectors
    assert ("hospitals", "Healthcare and Public Health") in sectors
    assert groups == ["hospitals", "AI developers", "frontier model developers"]


def test_group_label_is_as_written(nlp):
    _, groups = spans(nlp, "RURAL HOSPITALS and Rural Hospitals")
    assert groups == ["RURAL HOSPITALS", "Rural Hospitals"]


def test_eo_14409_groups(nlp, corpus):
    raw = corpus_file("eo-14409-2026-06-02.whitehouse.md").read_text(encoding="utf-8")
    doc = nlp(" ".join(re.sub(r"<[^>]+>|\\", " ", raw).split()))
    groups = {s.label_ for s in doc.spans["group"]}
    sectors = {s.label_ for s in doc.spans["sector"]}
    assert {
        "State and local authorities",
        "rural hospitals",
        "community banks",
        "local utilities",
        "AI developers",
    } <= groups
    assert sectors == {
        "Healthcare and Public Health",
        "Financial Services",
        "Energy",
        "Water and Wastewater Systems",
    }
