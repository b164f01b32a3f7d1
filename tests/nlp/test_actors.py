"""parse_actor: agencies with roles from actor phrases."""

from __future__ import annotations

import pytest
import spacy
from eolens.nlp.actors import parse_actor


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("eolens_agencies")
    return nlp


def roles(nlp, text):
    doc = nlp(text)
    parse = parse_actor(doc, 0, len(doc))
    return [(a.role, a.key, a.parent) for a in parse.agencies], parse


def test_the_issue_example(nlp):
    found, parse = roles(
        nlp,
        "the Secretary of the Treasury, the Secretary of War, through the Director of NSA, and "
        "the Secretary of Homeland Security, through the Director of CISA, in consultation with "
        "the National Cyber Director and the APNSA",
    )
    assert found == [
        ("lead", "TREAS", None),
        ("lead", "DOW", None),
        ("through", "NSA", "DOW"),
        ("lead", "DHS", None),
        ("through", "CISA", "DHS"),
        ("consulted", "ONCD", "EOP"),
        ("consulted", "APNSA", "NSC"),
    ]
    assert parse.unresolved == ()


def test_acting_through(nlp):
    found, _ = roles(nlp, "the Secretary of Commerce, acting through the Director of NIST")
    assert found == [("lead", "DOC", None), ("through", "NIST", "DOC")]


def test_through_inside_a_consulted_list_stays_consulted(nlp):
    found, _ = roles(
        nlp,
        "the Director of NSA, in consultation with the Secretary of Commerce, through the "
        "Director of NIST, and the White House Chief of Staff, through the National Cyber "
        "Director",
    )
    assert found == [
        ("lead", "NSA", "DOW"),
        ("consulted", "DOC", None),
        ("consulted", "NIST", "DOC"),
        ("consulted", "WHCOS", "EOP"),
        ("consulted", "ONCD", "WHCOS"),
    ]


def test_coordination_and_consultation_lists(nlp):
    found, _ = roles(
        nlp,
        "the Director of OMB, in consultation with the Secretary of State and the Attorney "
        "General, and in coordination with the Director of CISA and other agencies, as "
        "appropriate,",
    )
    assert found == [
        ("lead", "OMB", "EOP"),
        ("consulted", "DOS", None),
        ("consulted", "DOJ", None),
        ("coordinating", "CISA", "DHS"),
        ("coordinating", None, None),
    ]


def test_parenthetical_acronym_restates_the_mention(nlp):
    found, parse = roles(
        nlp,
        "the Secretary of War, through the Director of the National Security Agency (NSA), and "
        "the Secretary of Energy",
    )
    assert found == [("lead", "DOW", None), ("through", "NSA", "DOW"), ("lead", "DOE", None)]
    assert len(parse.evidence) == 4  # the acronym is evidence too


def test_generic_actor_is_kept_as_written(nlp):
    found, parse = roles(nlp, "the heads of FCEB agencies")
    assert found == [("lead", None, None)]
    assert parse.agencies[0].name == "heads of FCEB agencies"


def test_defense_and_war_are_one_department(nlp):
    (war,), _ = roles(nlp, "the Secretary of War")
    (defense,), _ = roles(nlp, "the Secretary of Defense")
    assert war[1] == defense[1] == "DOW"


def test_unresolved_actors_are_reported_not_guessed(nlp):
    found, parse = roles(
        nlp, "the Secretary of Energy, in consultation with the Chair of the Quantum Widget Board"
    )
    assert found == [("lead", "DOE", None)]
    assert parse.unresolved == ("Chair of the Quantum Widget Board",)
    found, parse = roles(nlp, "the Secretary")
    assert found == [] and parse.unresolved == ("Secretary",)


def test_evidence_offsets_point_into_the_document(nlp):
    prefix = "Sec. 4. Something. "
    text = "The Attorney General, in coordination with the Director of the FBI"
    doc = nlp(text)
    parse = parse_actor(doc, 0, len(doc), offset=len(prefix))
    full = prefix + text
    assert [full[e.start : e.end] for e in parse.evidence] == [
        "Attorney General",
        "Director of the FBI",
    ]
    assert [e.role for e in parse.evidence] == ["actor", "actor"]


def test_token_range_is_respected(nlp):
    doc = nlp("Within 30 days, the Director of OMB and the Secretary of Labor shall act")
    start = next(t.i for t in doc if t.text == "the")
    end = next(t.i for t in doc if t.text == "shall")
    parse = parse_actor(doc, start, end)
    assert [a.key for a in parse.agencies] == ["OMB", "DOL"]
    assert all(a.role == "lead" for a in parse.agencies)


def test_short_forms_used_by_memoranda(nlp):
    found, _ = roles(nlp, "Commerce, through AISI, and DOE, in coordination with the IC")
    assert found == [
        ("lead", "DOC", None),
        ("through", "CAISI", "DOC"),
        ("lead", "DOE", None),
        ("coordinating", None, None),
    ]
    doc = nlp("rules on interstate commerce and an ic chip")
    assert list(doc.spans["agency"]) == []


def test_plural_titles(nlp):
    found, parse = roles(
        nlp,
        "the Secretaries of Agriculture, Housing and Urban Development, Transportation, Energy, "
        "and Homeland Security, in consultation with the Director of OMB",
    )
    assert found == [
        ("lead", "USDA", None),
        ("lead", "HUD", None),
        ("lead", "DOT", None),
        ("lead", "DOE", None),
        ("lead", "DHS", None),
        ("consulted", "OMB", "EOP"),
    ]
    assert parse.unresolved == ()
    found, _ = roles(nlp, "the Secretaries of State and Defense")
    assert found == [("lead", "DOS", None), ("lead", "DOW", None)]
    found, _ = roles(nlp, "the Directors of OMB and OSTP")
    assert found == [("lead", "OMB", "EOP"), ("lead", "OSTP", "EOP")]


def test_defined_terms():
    from eolens.nlp.actors import defined_actors

    text = (
        "(c) The Secretary of Commerce (Secretary), in consultation with the United States Trade "
        "Representative, shall act. The Director of the Office of Management and Budget (OMB "
        "Director) shall review. The Director of the Cybersecurity and Infrastructure Security "
        "Agency (CISA) shall help.\n(d) The term “Chair” means the Secretary of the Interior."
    )
    # "OMB Director" is a name the gazetteer knows already
    assert defined_actors(text) == {"secretary": "DOC", "chair": "DOI"}
    # one term defined for two entries is ambiguous: dropped
    assert (
        defined_actors("the Secretary of State (Secretary) and the Secretary of Labor (Secretary)")
        == {}
    )


def test_defined_terms_resolve_later_mentions(nlp):
    doc = nlp("the Secretary, acting through the Commissioner of CBP, and the OMB Director")
    parse = parse_actor(doc, 0, len(doc), defined={"secretary": "DHS", "omb director": "OMB"})
    assert [(a.role, a.key, a.parent) for a in parse.agencies] == [
        ("lead", "DHS", None),
        ("through", "CBP", "DHS"),
        ("lead", "OMB", "EOP"),
    ]
    assert parse.unresolved == ()
    assert [e.label for e in parse.evidence] == [
        "Department of Homeland Security",
        "U.S. Customs and Border Protection",
        "Office of Management and Budget",
    ]
    assert parse_actor(doc, 0, len(doc)).unresolved == ("Secretary",)


def test_plural_list_ends_where_other_mentions_begin(nlp):
    found, parse = roles(
        nlp,
        "The Secretaries of Defense, Interior, Agriculture, Commerce, Housing and Urban "
        "Development, Transportation, Energy, Homeland Security, the Administrator of the "
        "Environmental Protection Agency (EPA), the Chairman of CEQ, and the heads of any other "
        "relevant agencies",
    )
    assert [k for _, k, _ in found] == [
        "DOW",
        "DOI",
        "USDA",
        "DOC",
        "HUD",
        "DOT",
        "DOE",
        "DHS",
        "EPA",
        "CEQ",
        None,
    ]
    assert {r for r, _, _ in found} == {"lead"}
    assert parse.agencies[0].name == "Department of Defense"


def test_bracketed_letters_restate_the_mention_before_them(nlp):
    found, _ = roles(nlp, "The National Security Advisor (NSA)")
    assert found == [("lead", "APNSA", "NSC")]


def test_an_orders_own_definition_wins(nlp):
    from eolens.nlp.actors import defined_actors

    defined = defined_actors("The National Security Advisor (NSA) shall chair it.")
    assert defined == {"nsa": "APNSA"}
    doc = nlp("the NSA, in consultation with the Director of the National Security Agency")
    parse = parse_actor(doc, 0, len(doc), defined=defined)
    assert [(a.role, a.key) for a in parse.agencies] == [("lead", "APNSA"), ("consulted", "NSA")]


def test_definitions_in_the_same_provision(nlp):
    doc = nlp(
        "The Secretary of Homeland Security shall establish an Artificial Intelligence Safety "
        "and Security Board as an advisory committee pursuant to section 871 of the Act. The "
        "Advisory Committee shall include AI experts."
    )
    start = next(t.i for t in doc if t.text == "Advisory")
    parse = parse_actor(doc, start - 1, start + 2)
    assert [(a.role, a.key) for a in parse.agencies] == [("lead", "AISSB")]
    assert parse.unresolved == ()


def test_document_terms_context(nlp):
    from eolens.nlp.actors import document_terms

    text = (
        "Sec. 2. The Secretary of Energy (Secretary) shall lead.\nSec. 3. The Secretary shall act."
    )
    with document_terms(nlp, text) as terms:
        assert terms == {"secretary": "DOE"}
        doc = nlp("The Secretary shall act.")
        parse = parse_actor(doc, 0, 2)
        assert [(a.role, a.key) for a in parse.agencies] == [("lead", "DOE")]
    doc = nlp("The Secretary shall act.")
    assert parse_actor(doc, 0, 2).agencies == ()
