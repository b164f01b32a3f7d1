"""Directive rules on short orders written for these tests (one paragraph a line)."""

from __future__ import annotations

from datetime import date

import pytest
from eolens.nlp.extract import EXTRACTOR_VERSION, Extraction, extract
from eolens.nlp.model import Document, DocumentMeta, PageSpan
from eolens.nlp.outline import parse_outline

SIGNED = date(2031, 3, 3)


def make_doc(*lines: str) -> Document:
    text = "\n".join(
        [
            "Executive Order 99999 of March 3, 2031",
            "Improving Widget Supply",
            "By the authority vested in me as President, it is hereby ordered:",
            *lines,
        ]
    )
    meta = DocumentMeta(
        title="Improving Widget Supply",
        doc_type="executive_order",
        source_path="synthetic.txt",
        sha256="0" * 64,
        source_format="text",
        signed=SIGNED,
    )
    return Document(meta, text, (PageSpan(1, 0, len(text)),))


def run(*lines: str) -> Extraction:
    doc = make_doc(*lines)
    return extract(doc, parse_outline(doc))


def by_pin(x: Extraction) -> dict[str, list]:
    out: dict[str, list] = {}
    for d in x.directives:
        out.setdefault(d.pinpoint, []).append(d)
    return out


def leads(d) -> list[str]:
    return [a.key or a.name for a in d.agencies if a.role == "lead"]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The Secretary of Commerce shall publish a widget census.", "obligation"),
        ("The Secretary of Commerce must publish a widget census.", "obligation"),
        ("The Secretary of Commerce is directed to publish a widget census.", "obligation"),
        ("The Secretary of Commerce shall not publish a widget census.", "prohibition"),
        ("The Secretary of Commerce may not publish a widget census.", "prohibition"),
        ("The Secretary of Commerce is encouraged to publish a widget census.", "encouragement"),
        ("The Secretary of Commerce should publish a widget census.", "encouragement"),
        ("The Secretary of Commerce may publish a widget census.", "permission"),
        ("The Secretary of Commerce is authorized to publish a widget census.", "permission"),
    ],
)
def test_trigger_gives_kind(sentence, kind):
    x = run(f"Sec. 2. Census. {sentence}")
    [d] = x.directives
    assert (d.pinpoint, d.kind, leads(d)) == ("2", kind, ["DOC"])
    assert x.provision_classes["2"] == "directive"


@pytest.mark.parametrize(
    ("sentence", "klass"),
    [
        ("Nothing in this section shall be construed to require a widget licence.", "construction"),
        (
            "Nothing in this order shall be construed to impair the Secretary of State.",
            "construction",
        ),
        ("This order shall be implemented consistent with applicable law.", "general"),
        (
            "This order is not intended to, and does not, create any right or benefit.",
            "general",
        ),
        ("The term “widget” shall mean any small gadget.", "definition"),
        ("It is the policy of the United States to lead in widgets.", "policy"),
        ("Section 3 of Executive Order 99998 is amended by striking “gadget”.", "amendment"),
        ("Executive Order 99990 of May 1, 2029 is hereby revoked.", "amendment"),
        (
            "The costs for publication of this order shall be borne by the Department of Commerce.",
            "boilerplate",
        ),
    ],
)
def test_standing_formulas_are_not_directives(sentence, klass):
    x = run(f"Sec. 5. Widgets. (a) {sentence}")
    assert x.directives == ()
    assert x.provision_classes["5(a)"] == klass


def test_construction_is_never_an_obligation_even_naming_an_actor():
    x = run(
        "Sec. 3. Limits. (a) Nothing in this section shall be construed to direct the "
        "Secretary of Commerce to act, and the Secretary of Commerce shall not be required to act."
    )
    assert x.directives == ()
    assert x.provision_classes["3(a)"] == "construction"


def test_lead_in_lists_items_that_inherit_actor_and_deadline():
    x = run(
        "Sec. 2. Census. Within 30 days of the date of this order, the Secretary of Commerce "
        "shall:",
        "(a) count the widgets held by agencies;",
        "(b) publish the count; and",
        "(c) within 90 days of the date of this order, report to the President.",
    )
    found = by_pin(x)
    [lead] = found["2"]
    assert lead.items == ("2(a)", "2(b)", "2(c)")
    assert lead.deadline.date == date(2031, 4, 2)
    assert "count the widgets" in lead.action
    # (a) and (b) have no trigger, actor or deadline of their own: no records of their own.
    assert "2(a)" not in found and "2(b)" not in found
    assert x.provision_classes["2(a)"] == "directive"
    # (c) states its own deadline: its own record, inheriting the lead-in's actor and kind.
    [item] = found["2(c)"]
    assert (item.kind, leads(item), item.deadline.date) == ("obligation", ["DOC"], date(2031, 6, 1))


def test_passive_with_agent_takes_the_agent_and_is_a_second_record():
    x = run(
        "Sec. 3. Threshold. (a) The Secretary of Commerce shall develop a widget threshold. "
        "Such a determination shall be made by the Director of the National Security Agency."
    )
    records = by_pin(x)["3(a)"]
    assert [leads(d) for d in records] == [["DOC"], ["NSA"]]


def test_several_actors_at_one_pinpoint_are_separate_records():
    x = run(
        "Sec. 4. Pilots. The Secretary of Energy shall run a widget pilot, and the Secretary of "
        "Homeland Security shall run a gadget pilot. The Secretary of Energy shall also report."
    )
    records = by_pin(x)["4"]
    assert [leads(d) for d in records] == [["DOE"], ["DHS"]]


def test_subject_that_is_not_an_actor_is_not_a_directive():
    x = run(
        "Sec. 2. Report. (a) The Attorney General shall submit a report on widget fraud. "
        "The report shall include a summary of prosecutions. Such guidelines shall address "
        "gadgets."
    )
    [d] = x.directives
    assert leads(d) == ["DOJ"]


def test_may_in_subordinate_clause_is_not_a_permission():
    x = run(
        "Sec. 2. Review. The Secretary of Commerce, in consultation with the heads of other "
        "agencies as the Secretary of Commerce may deem appropriate, shall review widget rules."
    )
    [d] = x.directives
    assert (d.kind, leads(d)) == ("obligation", ["DOC"])


def test_deadline_relative_and_absolute_with_working():
    x = run(
        "Sec. 2. Dates. (a) Within 60 days of the date of this order, the Secretary of Labor "
        "shall issue guidance.",
        "(b) The Secretary of Energy shall, by July 31, 2031, issue a plan.",
    )
    found = by_pin(x)
    assert found["2(a)"][0].deadline.date == date(2031, 5, 2)
    assert "60" in found["2(a)"][0].deadline.working
    assert found["2(b)"][0].deadline.date == date(2031, 7, 31)


def test_signed_override_moves_relative_deadlines():
    doc = make_doc("Sec. 2. Census. Within 30 days of the date of this order, OMB shall act.")
    x = extract(doc, parse_outline(doc), signed=date(2031, 1, 1))
    assert x.directives[0].deadline.date == date(2031, 1, 31)
    assert x.extractor_version == EXTRACTOR_VERSION


def test_president_directs_an_addressee():
    x = run(
        "Sec. 2. Records. I hereby direct the Secretary of Commerce, within 90 days of the date "
        "of this order, to propose widget record-keeping rules."
    )
    [d] = x.directives
    assert (d.kind, leads(d), d.deadline.date) == ("obligation", ["DOC"], date(2031, 6, 1))


def test_evidence_spans_point_into_the_document_text():
    doc = make_doc(
        "Sec. 2. Census. Within 30 days of the date of this order, the Secretary of Commerce "
        "shall publish a census of widgets used by rural hospitals under 42 U.S.C. 1395."
    )
    x = extract(doc, parse_outline(doc))
    [d] = x.directives
    roles = {e.role for e in d.evidence}
    assert {"trigger", "actor", "deadline"} <= roles
    for e in d.evidence:
        assert doc.text[e.start : e.end]
    trigger = next(e for e in d.evidence if e.role == "trigger")
    assert doc.text[trigger.start : trigger.end] == "shall"
    assert doc.text[d.span[0] : d.span[1]] == d.text
    assert d.page == 1
    assert d.action.startswith("publish a census of widgets")


def test_unknown_titled_actor_is_kept_and_reported():
    x = run("Sec. 2. Board. The Chair of the Widget Standards Board shall convene a meeting.")
    [d] = x.directives
    assert d.agencies[0].key is None
    assert "Widget Standards Board" in d.actor
    assert x.unresolved_actors
    assert d.confidence < 0.9


def test_anaphoric_actor_takes_the_named_official_from_earlier_provisions():
    x = run(
        "Sec. 2. Census. (a) The Secretary of Labor shall count widget workers.",
        "(b) The Secretary shall publish the count.",
    )
    assert [leads(d) for d in by_pin(x)["2(b)"]] == [["DOL"]]


def test_aspirations_of_the_government_are_not_directives():
    x = run("Sec. 1. Purpose. The Federal Government must improve its widget security.")
    assert x.directives == ()


@pytest.mark.parametrize(
    "sentence",
    [
        # a conjunction opens a clause whose subject is no actor
        "The Secretary of Energy shall report on whether such widgets should be banned.",
        # "that" after a preposition is a determiner, not a relative pronoun
        "The Secretary of Energy, for systems described in section 5 of that Act, shall report.",
        # a relative pronoun right before the trigger is its subject
        "The Secretary of Energy shall report on uses of widgets that may harm workers.",
    ],
)
def test_one_directive_whatever_the_subordinate_clause(sentence):
    x = run(f"Sec. 2. Widgets. {sentence}")
    assert [(d.kind, leads(d)) for d in x.directives] == [("obligation", ["DOE"])]


def test_quoted_amending_text_gives_no_directives():
    x = run(
        "Sec. 2. Amendments. (a) Section 3 of Executive Order 99998 is amended by inserting "
        "“The Secretary of Energy shall publish a widget census within 30 days of the date of "
        "this order.” at the end."
    )
    assert x.directives == ()
    assert x.provision_classes["2(a)"] == "amendment"


def test_event_deadline_links_to_the_directive_producing_the_event():
    x = run(
        "Sec. 2. Guidance. (a) Within 30 days of the date of this order, the Director of OMB "
        "shall issue guidance on widget purchases.",
        "(b) Within 60 days of the issuance of the guidance, agencies shall report their widget "
        "purchases.",
        "(c) Within 90 days of the completion of the report described in subsection (b) of this "
        "section, the Secretary of Commerce shall publish a summary.",
    )
    found = by_pin(x)
    [b] = found["2(b)"]
    assert b.deadline.kind == "event" and b.deadline.date is None
    assert b.deadline.anchor_pinpoint == "2(a)"
    [c] = found["2(c)"]
    assert c.deadline.anchor_pinpoint == "2(b)"


def test_excepted_agencies_are_not_actors():
    x = run(
        "Sec. 2. Inventory. Each agency (except for the Department of Defense) shall inventory "
        "its widgets."
    )
    [d] = x.directives
    assert "DOW" not in {a.key for a in d.agencies}
    assert d.agencies[0].key is None  # the generic "each agency"
