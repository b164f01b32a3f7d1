"""Grammar rules of orders, on short texts written for these tests (one paragraph a line)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from eolens.nlp.extract import Extraction, extract
from eolens.nlp.model import Document, DocumentMeta, PageSpan
from eolens.nlp.outline import parse_outline

SIGNED = date(2031, 3, 3)


def run(*lines: str, doc_type: str = "executive_order", head: bool = True) -> Extraction:
    opening = [
        "Executive Order 99999 of March 3, 2031",
        "Improving Widget Supply",
        "By the authority vested in me as President, it is hereby ordered:",
    ]
    text = "\n".join([*(opening if head else []), *lines])
    meta = DocumentMeta(
        title="Improving Widget Supply",
        doc_type=doc_type,  # type: ignore[arg-type]
        source_path="synthetic.txt",
        sha256="0" * 64,
        source_format="text",
        signed=SIGNED,
    )
    doc = Document(meta, text, (PageSpan(1, 0, len(text)),))
    return extract(doc, parse_outline(doc))


def at(x: Extraction, pin: str) -> list:
    return [d for d in x.directives if d.pinpoint == pin]


def leads(d) -> list[str]:
    return sorted(a.key or "GENERIC" for a in d.agencies if a.role == "lead")


def due(d) -> date | None:
    return d.deadline.date if d.deadline else None


ORDER = (
    "Sec. 2. Widgets. (a) The Secretary of Energy shall publish a widget plan.",
    "(b) Nothing in this order shall be construed to impair the Secretary of Energy.",
)


@pytest.mark.parametrize("doc_type", ["commentary", "fact_sheet", "release"])
def test_descriptive_documents_state_no_directives(doc_type):
    x = run(*ORDER, doc_type=doc_type)
    assert x.directives == ()
    assert x.provision_classes["2(b)"] == "construction"


def test_other_documents_need_numbered_sections():
    assert run(*ORDER, doc_type="other").directives
    unnumbered = run(
        "The Secretary of Energy shall publish a widget plan, the order says.",
        doc_type="other",
        head=False,
    )
    assert unnumbered.directives == ()
    assert len(run(*ORDER, doc_type="memorandum").directives) == 1


def test_passive_with_agent_action_is_the_active_verb_phrase():
    x = run(
        "Sec. 2. Census. The Secretary of Energy shall count widgets. Such a determination "
        "shall be made by the Secretary of Commerce."
    )
    doc = next(d for d in at(x, "2") if leads(d) == ["DOC"])
    assert doc.action == "make such a determination"


def test_deadline_between_trigger_and_verb_is_found_and_skipped():
    [d] = run(
        "Sec. 2. Plan. The Secretary of Energy shall, within 30 days of the date of this order "
        "and in consultation with the Secretary of Commerce, as appropriate, publish a widget "
        "plan."
    ).directives
    assert due(d) == SIGNED + timedelta(days=30)
    assert d.action.startswith("publish a widget plan")


def test_lead_in_action_skips_the_first_items_deadline():
    x = run(
        "Sec. 2. Plan. (a) To improve widgets, the Secretary of Energy shall:",
        "(i) within 30 days of the date of this order, publish a widget plan; and",
        "(ii) within 60 days of the date of this order or 30 days after the Secretary of "
        "Commerce publishes the widget census, whichever comes later, issue widget rules.",
    )
    [lead_in] = at(x, "2(a)")
    assert lead_in.action.startswith("publish a widget plan")
    [second] = at(x, "2(a)(ii)")
    assert second.action.startswith("issue widget rules")
    assert due(second) is None
    assert second.deadline.text.endswith("whichever comes later")


def test_president_directs_object_actor_to_verb():
    [d] = run(
        "Sec. 2. Rules. I hereby direct the Secretary of Energy, within 60 days of the date of "
        "this order, to propose widget rules."
    ).directives
    assert leads(d) == ["DOE"]
    assert d.action == "propose widget rules"
    assert due(d) == SIGNED + timedelta(days=60)


def test_president_directs_lead_in_takes_first_items_verb():
    x = run(
        "Sec. 2. Rules. I hereby direct the Secretary of Energy, within 60 days of the date of "
        "this order, to:",
        "(i) Propose widget rules that require widget makers to report, as well as any other "
        "widget data identified by the Secretary; and",
        "(ii) Publish the widget census.",
    )
    [d] = at(x, "2")
    assert d.action.startswith("propose widget rules")
    assert due(d) == SIGNED + timedelta(days=60)


def test_epistemic_may_in_relative_clause_is_no_directive():
    [d] = run(
        "Sec. 2. Risks. To reduce risks that may be increased by widgets, the Secretary of "
        "Energy shall publish a widget plan."
    ).directives
    assert (d.kind, leads(d)) == ("obligation", ["DOE"])
    assert d.action.startswith("publish")


@pytest.mark.parametrize(
    "sentence",
    [
        "The Secretary of Energy shall establish a Widget Board that shall advise the President.",
        "The Secretary of Energy shall designate a Widget Officer who shall coordinate policy.",
        "The Secretary of Energy shall convene a Widget Forum, which shall include the public.",
    ],
)
def test_relative_clause_shall_is_not_a_second_directive(sentence):
    [d] = run(f"Sec. 2. Bodies. {sentence}").directives
    assert leads(d) == ["DOE"]
    assert len([e for e in d.evidence if e.role == "trigger"]) == 1


def test_composition_is_not_a_directive():
    x = run(
        "Sec. 2. Council. (a) The Widget Council shall consist of the following members:",
        "(i) the Secretary of Energy; and",
        "(ii) the Secretary of Commerce.",
    )
    assert x.directives == ()
    assert x.provision_classes["2(a)"] == "definition"


def test_directives_inside_inserted_text_belong_to_the_quoting_pinpoint():
    x = run(
        "Sec. 2. Amendments. Executive Order 88888 of May 1, 2030, is amended by striking "
        "section 3 and inserting, in lieu thereof, the following:",
        "“Sec. 3. Widget Safety. Agencies shall take the following actions:",
        "(a) Within 30 days of the date of this order, the Secretary of Energy shall publish a "
        "widget plan.",
        "(b) By July 1, 2031, the Secretary of Commerce shall issue widget rules. By August 1, "
        "2031, the Secretary of Commerce shall review those rules.”",
        "Sec. 3. Quoting. Section 4 of that order provides: “The Secretary of Labor shall "
        "publish a widget report every year to the Congress.”",
    )
    got = sorted((d.pinpoint, tuple(leads(d)), due(d)) for d in x.directives)
    assert got == [
        ("2", ("DOC",), date(2031, 7, 1)),
        ("2", ("DOC",), date(2031, 8, 1)),
        # "this order" inside the inserted text is the amended order of May 1, 2030.
        ("2", ("DOE",), date(2030, 5, 31)),
    ]
    assert x.provision_classes["3"] != "directive"


def test_generic_shall_in_policy_section_is_a_directive_but_policy_items_are_not():
    x = run(
        "Sec. 2. Policy. My Administration will lead in widgets, guided by two pillars:",
        "(a) Adoption. The widget enterprise shall accelerate widget adoption.",
        "(b) It is the policy of the United States that:",
        "(i) widget makers contracting with agencies must report defects to such agencies; and",
        "(ii) the Secretary of Energy must track widget defects.",
    )
    [d] = x.directives
    assert (d.pinpoint, leads(d)) == ("2(a)", ["GENERIC"])
    assert x.provision_classes["2(b)(i)"] == "policy"
    assert x.provision_classes["2(b)(ii)"] == "policy"


def test_item_actor_keeps_own_deadline_and_restatement_adds_recurrence():
    x = run(
        "Sec. 3. Controls. (a) Within 90 days of the date of this order, agencies shall adopt "
        "widget controls. To that end:",
        "(i) Heads of agencies shall report to the Secretary of Energy on their progress. Such "
        "agencies shall provide such reports every 30 days after the date of this order.",
        "(ii) The Secretary of Commerce shall assist agencies with widget controls.",
        "(iii) Agencies shall also train staff on widget controls.",
    )
    [item] = at(x, "3(a)(i)")
    assert due(item) == SIGNED + timedelta(days=30)
    assert item.deadline.recurrence == "every 30 days"
    assert "every" not in item.action
    [other] = at(x, "3(a)(ii)")
    assert due(other) is None
    [same_actor] = at(x, "3(a)(iii)")
    assert due(same_actor) == SIGNED + timedelta(days=90)


def test_pronoun_subject_takes_the_actor_of_its_sentence():
    [d] = run("Sec. 2. Cloud. As agencies adopt widgets, they shall do so consistently.").directives
    assert leads(d) == ["GENERIC"]


def test_passive_agent_after_long_adverbial():
    x = run(
        "Sec. 2. Waivers. (a) All waivers shall be reported to the Secretary of Energy in "
        "writing by heads of agencies within 30 days of their grant.",
        "(b) All waivers shall be consistent with the guidance issued by the Secretary of Energy.",
    )
    [d] = x.directives
    assert (d.pinpoint, leads(d)) == ("2(a)", ["GENERIC"])
    assert d.action.startswith("report all waivers to the Secretary of Energy in writing")


def test_rescinds_and_replaces_is_amendment_and_heading_does_not_class_body():
    x = run(
        "Sec. 2. Other Orders. This order hereby rescinds and replaces Executive Order 88888.",
        "Sec. 3. Revocation. The Secretary of Energy shall review widget rules.",
    )
    assert x.provision_classes["2"] == "amendment"
    assert x.provision_classes["3"] == "directive"
    assert [d.pinpoint for d in x.directives] == ["3"]


def test_actor_keeps_closing_bracket_and_qualifiers_are_not_unresolved():
    x = run(
        "Sec. 2. Uses. (a) Executive departments and agencies (agencies) may deploy widgets.",
        "(b) The Secretary of Energy for systems described in section 3553 of that Act shall "
        "report widget use.",
    )
    [a] = at(x, "2(a)")
    assert a.actor == "Executive departments and agencies (agencies)"
    assert not any("that Act" in u for u in x.unresolved_actors)


def test_shall_neither_passive_is_a_prohibition_of_the_agent():
    [d] = run(
        "Sec. 2. Limits. Such widgets shall neither be developed nor used by agencies to track the "
        "public."
    ).directives
    assert (d.kind, leads(d)) == ("prohibition", ["GENERIC"])
    assert d.action == "develop or use such widgets"


def test_adverbial_lists_and_dates_are_skipped_before_the_verb():
    x = run(
        "Sec. 2. Duties. (a) The Attorney General shall:",
        "(i) consistent with Executive Order 88888 of May 2, 1990, and 28 C.F.R. 0.50, "
        "coordinate widget enforcement; and",
        "(ii) within 30 days of the date of this order, in consultation with the Secretary of "
        "Energy, the Secretary of Labor, and the Director of OMB, issue a widget notice.",
        "(b) The Secretary of Labor is encouraged, as the Secretary deems appropriate, to "
        "publish widget data.",
    )
    [lead_in] = at(x, "2(a)")
    assert lead_in.action.startswith("coordinate widget enforcement")
    [item] = at(x, "2(a)(ii)")
    assert item.action.startswith("issue a widget notice")
    [encouraged] = at(x, "2(b)")
    assert encouraged.action.startswith("publish widget data")


def test_items_of_a_deliverable_are_not_dated_directives_of_its_author():
    x = run(
        "Sec. 2. Guidance. (a) The Director of OMB shall issue widget guidance. The Director of "
        "OMB’s guidance shall specify:",
        "(i) the requirement to designate within 60 days of the issuance of the guidance a "
        "widget officer at each agency; and",
        "(ii) minimum widget practices.",
    )
    assert [d.pinpoint for d in x.directives] == ["2(a)"]


def test_as_clause_verb_is_no_directive_and_short_forms_match_from_the_start():
    x = run(
        "Sec. 2. Council. (a) The Director of OSTP shall serve as Chair of the Widget Council.",
        "(b) The Council shall consist of the following members:",
        "(i) the Secretary of Energy; and",
        "(ii) the heads of such other agencies as the Chair may designate.",
        "(c) The Chairman of the Council of Economic Advisers shall study widget prices.",
        "(d) The Chair may create subgroups of the Widget Council.",
    )
    # Naming a body's chair states what the body is, like "shall be chaired by": composition.
    assert [d.pinpoint for d in x.directives] == ["2(c)", "2(d)"]
    assert x.provision_classes["2(a)"] == "definition"
    [chair] = at(x, "2(d)")
    assert leads(chair) != ["CEA"]


def test_may_before_a_verb_of_state_is_a_possibility_not_a_permission():
    x = run(
        "Sec. 2. Risks. (a) Widget gaps: agencies may have gaps in widget records.",
        "(b) Agencies may also establish widget offices.",
    )
    assert [(d.pinpoint, d.kind) for d in x.directives] == [("2(b)", "permission")]


def test_hyphenated_passive_participle_and_undated_recurrences_merge():
    x = run(
        "Sec. 2. Group. (a) The widget census shall be co-signed by the Secretary of Energy.",
        "(b) Heads of agencies shall review widget rules annually, and heads of agencies shall "
        "publish widget data on an annual basis.",
    )
    [group] = at(x, "2(a)")
    assert group.action == "co-sign the widget census"
    assert len(at(x, "2(b)")) == 1


def test_month_may_and_coordinated_verb_phrases_are_no_triggers():
    x = run(
        "Sec. 2. Rules. (a) The Secretary of Energy shall rescind the widget rule of May 7, 2029.",
        "(b) The widget report must include a list of defects for the Secretary of Commerce and "
        "shall be included in the widget plan.",
    )
    assert [(d.pinpoint, d.kind) for d in x.directives] == [("2(a)", "obligation")]


def test_authorized_and_directed_is_one_obligation_trigger():
    [d] = run(
        "Sec. 2. Powers. The Secretary of Energy is hereby authorized and directed to take all "
        "necessary actions to carry out this order."
    ).directives
    assert d.kind == "obligation"
    assert d.action.startswith("take all necessary actions")


@pytest.mark.parametrize(
    "sentence",
    [
        "The Widget Task Force shall be chaired by the Secretary of Energy.",
        "The Secretary of Energy and the Secretary of Commerce shall be members of the Board.",
        "The Widget Office shall be housed in the Department of Energy.",
        "The Widget Service is renamed and shall be established in the Executive Office.",
    ],
)
def test_organisation_statements_are_composition(sentence):
    x = run(f"Sec. 2. Organisation. {sentence}")
    assert x.directives == ()
    assert x.provision_classes["2"] == "definition"


def test_adverbials_without_commas_are_stripped_from_the_action():
    x = run(
        "Sec. 2. Duties. (a) The Secretary of Energy and the Secretary of Labor shall each, in "
        "consultation with the Director of OMB, issue widget rules.",
        "(b) The Secretary of Labor shall as soon as practicable publish widget data.",
        "(c) The Secretary of Commerce shall in coordination with the Secretary of Labor, "
        "deliver a widget proposal.",
    )
    assert [d.action.split()[0] for d in x.directives] == ["issue", "publish", "deliver"]


def test_list_subject_and_things_sent_to_an_actor():
    x = run(
        "Sec. 2. Duties. (a) Commanders, directors, and heads of agencies shall remain "
        "responsible for widget safety.",
        "(b) Comments to the Secretary of Energy from widget makers shall be provided within 15 "
        "days of the date of this order.",
    )
    [a] = x.directives
    assert (a.pinpoint, a.actor) == ("2(a)", "Commanders, directors, and heads of agencies")


def test_dated_item_with_a_subject_of_its_own_does_not_inherit_the_lead_in():
    x = run(
        "Sec. 2. Reports. (a) The Widget Task Force shall submit to the President:",
        "(i) a report within 120 days of the date of this order on widget supply; and",
        "(ii) comments from widget makers, which shall be provided within 30 days of the date "
        "of this order.",
        "(b) The Secretary of Energy shall publish:",
        "(i) Widget data. Comments from the public shall be received within 15 days of the "
        "date of this order.",
    )
    [item] = at(x, "2(a)(i)")
    assert item.action.startswith("submit to the President a report")
    assert due(item) == SIGNED + timedelta(days=120)
    assert at(x, "2(b)(i)") == []


def test_subjectless_clause_after_a_semicolon_does_not_block_the_items_date():
    x = run(
        "Sec. 2. Reviews. (a) The Director of OPM shall:",
        "(i) within 60 days of the date of this order, conduct a widget review; this review "
        "shall include widget makers; and",
        "(ii) publish the review.",
    )
    [item] = at(x, "2(a)(i)")
    assert due(item) == SIGNED + timedelta(days=60)
    assert item.action.startswith("conduct a widget review")


def test_lead_in_action_from_a_nested_first_item():
    [d] = run(
        "Sec. 2. Rules. The Secretary of Energy shall:",
        "(a) with respect to the widget rulemaking required by statute:",
        "(i) promptly submit a widget notice to the Director of OMB; and",
        "(ii) publish a final widget rule.",
    ).directives
    assert d.action.startswith("submit a widget notice")


@pytest.mark.parametrize(
    "frame",
    [
        "Within 60 days of the date of this order:",
        "Within 60 days of the date of this order, the following actions shall be taken:",
    ],
)
def test_frame_without_an_actor_dates_every_items_actor(frame):
    x = run(
        f"Sec. 4. Widgets. {frame}",
        "(a) The Secretary of Energy shall review widget rules.",
        "(b) The Secretary of Commerce shall publish widget data by June 1, 2032.",
    )
    [first] = at(x, "4(a)")
    assert due(first) == SIGNED + timedelta(days=60)
    [second] = at(x, "4(b)")
    assert due(second) == date(2032, 6, 1)
    assert at(x, "4") == []


def test_directive_lead_in_does_not_date_another_actors_item():
    x = run(
        "Sec. 4. Widgets. Within 60 days of the date of this order, the Secretary of Energy shall:",
        "(a) review widget rules; and",
        "(b) The Secretary of Commerce shall publish widget data.",
    )
    [lead] = at(x, "4")
    assert due(lead) == SIGNED + timedelta(days=60)
    [other] = at(x, "4(b)")
    assert due(other) is None


def test_defense_components_resolve_to_their_own_key():
    [d] = run(
        "Sec. 5. Clearances. The Director of the Defense Counterintelligence and Security "
        "Agency shall review widget clearances."
    ).directives
    assert leads(d) == ["DCSA"]


def test_concurring_official_is_consulted_not_a_lead():
    [d] = run(
        "Sec. 6. Exports. The Secretary of Energy, subject to the concurrence of the Secretary "
        "of State and after consultation with the Secretary of Commerce, shall approve widget "
        "exports."
    ).directives
    assert leads(d) == ["DOE"]
    roles = {a.key: a.role for a in d.agencies}
    assert roles["DOS"] == "consulted"
    assert roles["DOC"] == "consulted"


def test_prohibition_on_the_government_after_a_sentence_adverb_binds_all_agencies():
    x = run(
        "Sec. 3. Stocks. (a) The Secretary of Energy shall develop widget strategies. However, "
        "the United States Government shall not acquire additional widgets.",
        "(b) The Federal Government must improve its widget security.",
    )
    records = [(d.kind, leads(d)) for d in at(x, "3(a)")]
    assert records == [("obligation", ["DOE"]), ("prohibition", ["GENERIC"])]
    assert at(x, "3(b)") == []


def test_same_actor_with_a_second_deadline_is_a_second_record():
    x = run(
        "Sec. 3. Plants. (a) The Secretary of Energy shall establish a widget program. The "
        "Secretary of Energy shall open a widget plant no later than September 30, 2033.",
        "(b) Within 30 days of the date of this order, the Secretary of Commerce shall set "
        "widget metrics, and within 180 days of the date of this order, shall identify widget "
        "barriers.",
    )
    assert [due(d) for d in at(x, "3(a)")] == [None, date(2033, 9, 30)]
    assert at(x, "3(a)")[1].action.startswith("open a widget plant")
    first, second = at(x, "3(b)")
    assert due(first) == SIGNED + timedelta(days=30)
    assert due(second) == SIGNED + timedelta(days=180)
    assert leads(second) == ["DOC"]
    assert second.action.startswith("identify widget barriers")


def test_stated_need_before_the_directive_that_meets_it_is_no_directive():
    x = run(
        "Sec. 2. Drones. (a) The Department of Energy must be able to buy widget drones. The "
        "Secretary of Energy shall:",
        "(i) certify widget drones; and",
        "(ii) publish the list.",
        "(b) The Department of Commerce must have widget data.",
    )
    [d] = at(x, "2(a)")
    assert d.action.startswith("certify widget drones")
    assert d.items == ("2(a)(i)", "2(a)(ii)")
    # alone, the sentence is the provision's only directive and stays one
    assert [leads(r) for r in at(x, "2(b)")] == [["DOC"]]


def test_participial_qualifier_of_an_actor_is_not_an_unresolved_actor():
    x = run(
        "Sec. 4. Fires. The Secretary of the Interior, in consultation with the heads of "
        "agencies represented at the National Widget Center, shall publish a widget plan."
    )
    [d] = x.directives
    assert leads(d) == ["DOI"]
    assert not any("represented" in u for u in x.unresolved_actors)


def test_later_sentence_about_the_first_directives_object_dates_it():
    [d] = run(
        "Sec. 3. Reviews. The Secretary of Energy shall review all widget grants. The Secretary "
        "of Energy shall complete this review within 30 days of the date of this order."
    ).directives
    assert d.action.startswith("review all widget grants")
    assert due(d) == SIGNED + timedelta(days=30)


def test_a_later_undated_sentence_of_the_same_actor_is_a_further_directive():
    x = run(
        "Sec. 2. Widgets. (a) Within 30 days of the date of this order, the Secretary of Energy "
        "shall take steps to prioritize widget research. The Secretary of Energy shall also use "
        "existing programs to train widget inspectors.",
        "(b) Within 30 days of the date of this order, the Secretary of Energy shall develop a "
        "widget plan. At a minimum, the Secretary of Energy shall develop tools to count "
        "widgets.",
    )
    first, further = at(x, "2(a)")
    assert (leads(first), due(first)) == (["DOE"], SIGNED + timedelta(days=30))
    assert (leads(further), due(further)) == (["DOE"], None)
    [plan] = at(x, "2(b)")  # "At a minimum": the second sentence works out the first
    assert due(plan) == SIGNED + timedelta(days=30)


def test_a_permission_after_an_obligation_of_the_same_actor_is_its_own_record():
    x = run(
        "Sec. 2. Widgets. (a) The Secretary of Energy shall be responsible for the widget "
        "program. The Secretary of Energy may designate a senior official to run it.",
    )
    assert [(d.kind, leads(d)) for d in at(x, "2(a)")] == [
        ("obligation", ["DOE"]),
        ("permission", ["DOE"]),
    ]


def test_as_someone_may_deem_appropriate_grants_nothing():
    x = run(
        "Sec. 2. Widgets. (a) The Secretary of Defense shall count widgets for defense systems, "
        "and the Secretary of Homeland Security shall count widgets for other systems. Each "
        "shall do so in consultation with the heads of other agencies as the Secretary of "
        "Defense and the Secretary of Homeland Security may deem appropriate.",
    )
    assert [(d.kind, leads(d)) for d in x.directives] == [
        ("obligation", ["DOW"]),
        ("obligation", ["DHS"]),
    ]


@pytest.mark.parametrize(
    "connective", ["with support from", "with the assistance of", "working with", "assisted by"]
)
def test_who_supports_the_actor_is_not_a_lead(connective):
    x = run(
        f"Sec. 2. Widgets. (a) The Secretary of Energy, {connective} the Secretary of Commerce, "
        "shall count widgets.",
    )
    [d] = x.directives
    assert leads(d) == ["DOE"]
    assert [(a.key, a.role) for a in d.agencies if a.key == "DOC"] == [("DOC", "coordinating")]


def test_a_defined_short_form_heads_an_actor_with_partners():
    x = run(
        "Sec. 2. Widgets. (a) The Secretary of Energy (Secretary) shall count widgets.",
        "(b) The Secretary, in coordination with the Secretary of Commerce, shall publish the "
        "count.",
    )
    [d] = at(x, "2(b)")
    assert leads(d) == ["DOE"]
    assert [(a.key, a.role) for a in d.agencies if a.role != "lead"] == [("DOC", "coordinating")]


def test_fronted_participles_and_relative_clauses_are_not_the_subject():
    x = run(
        "Sec. 2. Widgets. (a) Based on the USTR’s findings in the widget investigation, the USTR "
        "shall propose widget tariffs.",
        "(b) With respect to the actions, if any, that the USTR determines to take, the USTR "
        "shall collect widget data.",
    )
    assert [(d.pinpoint, leads(d)) for d in x.directives] == [
        ("2(a)", ["USTR"]),
        ("2(b)", ["USTR"]),
    ]


def test_an_item_restating_the_actor_of_a_means_lead_in_is_part_of_it():
    x = run(
        "Sec. 2. Widgets. (a) Within 30 days of the date of this order, the Secretary of Energy "
        "shall increase widget output, including by:",
        "(i) prioritizing widget plants. The Secretary of Energy shall set widget goals; and",
        "(ii) supporting widget training.",
        "(b) Within 30 days of the date of this order, the Secretary of Energy shall submit a "
        "widget plan that incorporates the following:",
        "(i) use of existing authorities. The Secretary of Energy shall count widgets "
        "immediately; and",
        "(ii) a widget budget.",
    )
    assert [d.pinpoint for d in x.directives] == ["2(a)", "2(b)", "2(b)(i)"]
    assert at(x, "2(a)")[0].items == ("2(a)(i)", "2(a)(ii)")


def test_a_relative_clause_on_the_subject_leaves_the_trigger_main():
    x = run(
        "Sec. 2. Widgets. (a) The head of any agency that has bought widgets under section 3 "
        "shall report the purchase to the Secretary of Energy.",
        "(b) The head of any agency who determines that such agency holds no widgets shall "
        "submit a statement to that effect.",
    )
    assert [(d.pinpoint, leads(d)) for d in x.directives] == [
        ("2(a)", ["GENERIC"]),
        ("2(b)", ["GENERIC"]),
    ]


def test_a_coordinated_prohibition_is_its_own_record():
    x = run(
        "Sec. 2. Widgets. (a) All agencies shall follow the widget statutes. In doing so, "
        "agencies shall use the most robust widget counts and shall not use arbitrary ones.",
        "(b) Agencies shall keep widgets in cases where the Secretary of Energy determines that "
        "widgets can and should be kept.",
    )
    assert [(d.kind, leads(d)) for d in at(x, "2(a)")] == [
        ("obligation", ["GENERIC"]),
        ("prohibition", ["GENERIC"]),
    ]
    assert [d.kind for d in at(x, "2(b)")] == ["obligation"]  # "should" sits in a clause


def test_a_title_split_by_its_short_form_still_names_the_agency():
    x = run(
        "Sec. 2. Widgets. (a) The Executive Director (Executive Director) of the Federal "
        "Permitting Improvement Steering Council (FPISC) may list widget projects.",
        "(b) The Executive Director shall publish the list.",
    )
    assert [(d.pinpoint, d.kind, leads(d)) for d in x.directives] == [
        ("2(a)", "permission", ["FPISC"]),
        ("2(b)", "obligation", ["FPISC"]),
    ]


def test_a_body_the_order_establishes_is_named_by_its_short_form():
    x = run(
        "Sec. 2. Task Force. (a) There is hereby established within the Department of Energy "
        "the White House Task Force on Widget Safety (Task Force).",
        "(b) The Task Force shall publish widget guidance.",
    )
    [d] = x.directives
    assert [a.name for a in d.agencies] == ["White House Task Force on Widget Safety"]
    assert d.agencies[0].key is None  # no gazetteer entry: reported, not guessed


def test_a_deadline_that_opens_a_later_verb_phrase_dates_that_phrase_only():
    x = run(
        "Sec. 2. Widgets. (a) The Secretary of Energy shall stop all widget audits under "
        "section 3, and, within 90 days of the date of this order, submit a report on them to "
        "the President.",
        "(b) The Secretary of Energy shall review widget rules, and, within 30 days of the date "
        "of this order, shall publish the review.",
    )
    assert [due(d) for d in at(x, "2(a)")] == [None, SIGNED + timedelta(days=90)]
    [b] = at(x, "2(b)")  # the second verb phrase has a trigger of its own
    assert due(b) == SIGNED + timedelta(days=30)


def test_a_short_form_names_the_office_its_provision_mentioned():
    x = run(
        "Sec. 2. Widgets. (a) Within 15 days of the date of this order, the Secretary of Energy "
        "shall submit widget projects to the Executive Director of the Permitting Council. The "
        "Executive Director shall publish the projects selected.",
    )
    assert [leads(d) for d in at(x, "2(a)")] == [["DOE"], ["FPISC"]]


def test_a_coordinated_subject_of_a_relative_clause_grants_nothing():
    x = run(
        "Sec. 2. Widgets. (a) The Secretary of the Treasury shall, in coordination with the "
        "Secretary of State and the Secretary of Homeland Security, set up a system for all "
        "widget bonds that the Secretary of State or the Secretary of Homeland Security may "
        "require.",
    )
    assert [(d.kind, leads(d)) for d in x.directives] == [("obligation", ["TREAS"])]


def test_components_joined_by_and_both_act_through_the_principal():
    x = run(
        "Sec. 2. Widgets. (a) The Secretary of Homeland Security, through the Commissioner of "
        "U.S. Customs and Border Protection and the Director of U.S. Immigration and Customs "
        "Enforcement, shall hire widget inspectors.",
    )
    [d] = x.directives
    assert leads(d) == ["DHS"]
    assert sorted(a.key for a in d.agencies if a.role == "through") == ["CBP", "ICE"]


def test_a_defined_short_form_with_a_component_or_a_designee_names_the_office():
    x = run(
        "Sec. 2. Widgets. (a) The Secretary of Health and Human Services (Secretary) shall count "
        "widgets.",
        "(b) The Director of the Office of Management and Budget (Director) shall fund the count.",
        "(c) The Secretary, through the Commissioner of Food and Drugs, shall publish a widget "
        "report. The Director or his designee shall review it.",
    )
    [report, review] = at(x, "2(c)")
    assert leads(report) == ["HHS"]
    assert [(a.key, a.role) for a in report.agencies if a.role != "lead"] == [("FDA", "through")]
    assert leads(review) == ["OMB"]


def test_a_short_form_defined_outside_any_directive_names_its_office():
    x = run(
        "Sec. 2. Council. (a) There is established the Widget Council, which shall be chaired by "
        "the Director of the Office of Science and Technology Policy (Chair).",
        "(b) The Chair may invite other officials to meetings of the Widget Council.",
    )
    [d] = x.directives
    assert (d.kind, leads(d)) == ("permission", ["OSTP"])


def test_a_time_limit_naming_no_event_runs_from_the_order_unless_its_sentence_names_one():
    x = run(
        "Sec. 2. Widgets. (a) The Secretary of Energy shall, within 60 days, submit a widget "
        "assessment to the President.",
        "(b) Upon receipt of a widget petition, the Secretary of Commerce shall, within 30 days, "
        "answer it.",
    )
    [a] = at(x, "2(a)")
    assert due(a) == SIGNED + timedelta(days=60)
    assert "no event named" in a.deadline.working
    [b] = at(x, "2(b)")
    assert due(b) is None


def test_each_after_a_directive_of_several_actors_is_all_of_them():
    x = run(
        "Sec. 2. Widgets. (a) The Secretary of Defense and the Secretary of Agriculture shall "
        "take all measures to secure widget supplies. Each shall report to me within 15 days "
        "on the authorities available.",
    )
    assert [(leads(d), due(d)) for d in at(x, "2(a)")] == [
        (["DOW", "USDA"], None),
        (["DOW", "USDA"], SIGNED + timedelta(days=15)),
    ]
