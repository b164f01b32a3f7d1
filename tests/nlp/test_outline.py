"""The outline parser on short synthetic texts written for these tests (text convention)."""

from __future__ import annotations

import pytest
from eolens.nlp.model import Document, DocumentMeta, PageSpan
from eolens.nlp.outline import (
    parse_outline,
    parse_pinpoint,
    pinpoint_label,
    pinpoint_sort_key,
)


def make_doc(*lines: str, title: str = "An Order About Widgets", page_breaks=()) -> Document:
    text = "\n".join(lines)
    starts = [0, *(text.index(b) for b in page_breaks)]
    ends = [*starts[1:], len(text)]
    pages = tuple(
        PageSpan(n, s, e) for n, (s, e) in enumerate(zip(starts, ends, strict=True), start=1)
    )
    meta = DocumentMeta(
        title=title,
        doc_type="executive_order",
        source_path="synthetic.txt",
        sha256="0" * 64,
        source_format="text",
        page_count=len(pages),
    )
    return Document(meta, text, pages)


def pinpoints(doc: Document) -> list[str]:
    return [p.pinpoint for p in parse_outline(doc).provisions]


ORDER = make_doc(
    "Executive Order 99999 of March 3, 2031",
    "Improving Widget Supply",
    "By the authority vested in me as President, it is hereby ordered:",
    "Section 1. Purpose. Widgets matter to every household in the land.",
    "Sec. 2. Widget Readiness for U.S. Ports. (a) Within 30 days of the date of this order,"
    " the Secretary of Widgets shall publish a plan.",
    "(b) The Administrator of Gadgets shall:",
    "(i) count the gadgets;",
    "(ii) sort the gadgets; and",
    "(iii) report the totals.",
    "(c) Within 90 days, the Secretary shall report.",
    "Sec. 3. General Provisions. (a) Nothing in this order shall be construed to impair any"
    " authority.",
    "(b) This order shall be implemented consistent with applicable law.",
    "PRESIDENT Q. EXAMPLE",
    "THE WHITE HOUSE,",
    "March 3, 2031.",
    page_breaks=("Sec. 3.",),
)


def test_sections_subsections_and_headings():
    outline = parse_outline(ORDER)
    assert [p.pinpoint for p in outline.provisions] == [
        "1",
        "2",
        "2(a)",
        "2(b)",
        "2(b)(i)",
        "2(b)(ii)",
        "2(b)(iii)",
        "2(c)",
        "3",
        "3(a)",
        "3(b)",
    ]
    headings = {p.pinpoint: p.heading for p in outline.provisions}
    assert headings["1"] == "Purpose"
    assert headings["2"] == "Widget Readiness for U.S. Ports"
    assert headings["3"] == "General Provisions"
    assert headings["2(a)"] is None
    levels = {p.pinpoint: p.level for p in outline.provisions}
    assert (levels["2"], levels["2(b)"], levels["2(b)(ii)"]) == (0, 1, 2)
    parents = {p.pinpoint: p.parent for p in outline.provisions}
    assert parents == {
        "1": None,
        "2": None,
        "2(a)": "2",
        "2(b)": "2",
        "2(b)(i)": "2(b)",
        "2(b)(ii)": "2(b)",
        "2(b)(iii)": "2(b)",
        "2(c)": "2",
        "3": None,
        "3(a)": "3",
        "3(b)": "3",
    }


def test_spans_body_and_markers():
    outline = parse_outline(ORDER)
    text = ORDER.text
    sec2 = outline.find("2")
    assert text[sec2.start :].startswith("Sec. 2.")
    assert text[sec2.start : sec2.end].endswith("the Secretary shall report.")
    assert sec2.marker == "Sec. 2."
    # the heading runs into an inline first marker: section 2 has no text of its own
    a = outline.find("2(a)")
    assert sec2.body_start == a.start
    assert text[a.start :].startswith("(a) Within 30 days")
    assert text[a.body_start :].startswith("Within 30 days")
    assert text[a.start : a.end].endswith("publish a plan.")
    b = outline.find("2(b)")
    assert text[b.start : b.end].endswith("report the totals.")
    assert outline.find("2(b)(ii)").marker == "(ii)"
    # the last section stops before the signature block
    last = outline.find("3")
    assert text[last.start : last.end].endswith("applicable law.")
    assert outline.find("3(b)").end == last.end
    assert "WHITE HOUSE" not in text[last.start : last.end]
    # no provision for the title or the preamble
    assert min(p.start for p in outline.provisions) == text.index("Section 1.")


def test_pages_and_lookup():
    outline = parse_outline(ORDER)
    assert outline.find("2(c)").page == 1
    assert outline.find("3").page == 2
    assert outline.find("3(b)").page == 2
    offset = ORDER.text.index("sort the gadgets")
    assert outline.at(offset).pinpoint == "2(b)(ii)"


def test_numbered_subsections_are_children_of_their_section():
    doc = make_doc(
        "By the authority vested in me, it is hereby ordered:",
        "Section 1. Purpose. Widgets are useful.",
        "Sec. 4. Ensuring Widget Safety.",
        "4.1. Developing Guidelines, Standards, and Best Practices for Widgets. (a) Within"
        " 270 days, the Secretary shall:",
        "(i) Establish guidelines, including:",
        "(A) a companion resource; and",
        "(B) a testing initiative.",
        "(ii) Establish testbeds.",
        "(b) Within 180 days, the Secretary shall report.",
        "4.2. Ensuring Reliable Widgets. (a) The Secretary shall act.",
        "Sec. 5. Promoting Widgets. (a) Agencies shall promote widgets.",
    )
    outline = parse_outline(doc)
    assert [p.pinpoint for p in outline.provisions] == [
        "1",
        "4",
        "4.1",
        "4.1(a)",
        "4.1(a)(i)",
        "4.1(a)(i)(A)",
        "4.1(a)(i)(B)",
        "4.1(a)(ii)",
        "4.1(b)",
        "4.2",
        "4.2(a)",
        "5",
        "5(a)",
    ]
    sub = outline.find("4.1")
    assert sub.parent == "4" and sub.level == 1 and sub.marker == "4.1."
    assert sub.heading == "Developing Guidelines, Standards, and Best Practices for Widgets"
    assert outline.find("4.1(a)").parent == "4.1"
    assert outline.find("4.1(a)(i)(A)").level == 4
    assert outline.find("4").heading == "Ensuring Widget Safety"
    sec4 = outline.find("4")
    assert doc.text[sec4.start : sec4.end].endswith("The Secretary shall act.")
    assert outline.find("4.1").end < outline.find("4.2").start


def test_sec_dot_numbered_subsection_style():
    doc = make_doc(
        "Sec. 3. Widgets Abroad.",
        "Sec. 3.1. Partnerships. (a) The Secretary of State shall lead.",
        "Sec. 3.2. Standards. (a) The Secretary of Commerce shall lead.",
    )
    assert pinpoints(doc) == ["3", "3.1", "3.1(a)", "3.2", "3.2(a)"]
    assert parse_outline(doc).find("3.2").parent == "3"


def test_section_without_heading():
    doc = make_doc(
        "Sec. 1. Policy. It is the policy of the United States to make widgets.",
        "Sec. 2. Within 60 days of the date of this order, the Secretary shall act.",
        "Sec. 3. (a) Nothing in this order shall be construed to impair any authority.",
        "(b) This order creates no right.",
    )
    outline = parse_outline(doc)
    assert [p.pinpoint for p in outline.provisions] == ["1", "2", "3", "3(a)", "3(b)"]
    assert outline.find("2").heading is None
    assert doc.text[outline.find("2").body_start :].startswith("Within 60 days")
    assert outline.find("3").heading is None


def test_letter_i_after_h_and_roman_after_lead_in():
    doc = make_doc(
        "Sec. 3. Definitions. For purposes of this order:",
        *(f"({c}) The term “w{c}” means a widget of kind {c}." for c in "abcdefgh"),
        "(i) The term “wi” means a widget of kind i.",
        "(j) The term “wj” means a widget with features that:",
        "(i) spin;",
        "(ii) hum; or",
        "(iii) glow.",
        "(k) The term “wk” means a widget of kind k.",
    )
    got = pinpoints(doc)
    assert "3(i)" in got and "3(j)(i)" in got and "3(j)(iii)" in got
    assert got.index("3(i)") == got.index("3(h)") + 1
    assert parse_outline(doc).find("3(i)").parent == "3"
    assert parse_outline(doc).find("3(j)(ii)").parent == "3(j)"
    assert got[-1] == "3(k)"


def test_h_with_roman_children():
    doc = make_doc(
        "Sec. 2. Tasks.",
        *(f"({c}) The Secretary shall do task {c}." for c in "abcdefg"),
        "(h) The Secretary shall:",
        "(i) count widgets;",
        "(ii) sort widgets; and",
        "(iii) ship widgets.",
        "(i) The Administrator shall do the ninth task.",
    )
    got = pinpoints(doc)
    assert got[-5:] == ["2(h)", "2(h)(i)", "2(h)(ii)", "2(h)(iii)", "2(i)"]


def test_single_roman_child_after_lead_in():
    doc = make_doc(
        "Sec. 2. Tasks.",
        *(f"({c}) The Secretary shall do task {c}." for c in "abcdefg"),
        "(h) The Secretary shall, to the extent permitted by law:",
        "(i) count every widget.",
    )
    assert pinpoints(doc)[-2:] == ["2(h)", "2(h)(i)"]


@pytest.mark.parametrize(
    ("before", "marker", "after", "expected"),
    [
        ("u", "v", "w", "2(v)"),  # letter v after u
        ("u", "v", None, "2(v)"),
        ("w", "x", "y", "2(x)"),  # letter x after w
    ],
)
def test_letter_v_and_x(before, marker, after, expected):
    letters = "abcdefghijklmnopqrstuvwxyz"
    run = letters[: letters.index(before) + 1]
    lines = ["Sec. 2. Tasks.", *(f"({c}) Task {c} shall be done." for c in run)]
    lines.append(f"({marker}) Task {marker} shall be done.")
    if after:
        lines.append(f"({after}) Task {after} shall be done.")
    got = pinpoints(make_doc(*lines))
    assert got[len(run) + 1] == expected
    assert all(p.count("(") == 1 for p in got[1:])


def test_roman_v_under_letter_u():
    doc = make_doc(
        "Sec. 2. Tasks.",
        *(f"({c}) Task {c} shall be done." for c in "abcdefghijklmnopqrst"),
        "(u) The Secretary shall:",
        "(i) one;",
        "(ii) two;",
        "(iii) three;",
        "(iv) four;",
        "(v) five; and",
        "(vi) six.",
        "(v) Task v shall be done.",
        "(w) Task w shall be done.",
    )
    romans = [f"2(u)({r})" for r in ("i", "ii", "iii", "iv", "v", "vi")]
    assert pinpoints(doc)[-9:] == ["2(u)", *romans, "2(v)", "2(w)"]


def test_deep_nesting_and_doubled_letters():
    doc = make_doc(
        "Sec. 4. Deep.",
        "(a) The Secretary shall set minimum standards, including:",
        "(i) documentation, including:",
        "(A) records of:",
        "(1) the name;",
        "(2) the address; and",
        "(B) methods to limit access.",
        "(ii) other matters.",
        *(f"({c}) Item {c}." for c in "bcdefghijklmnopqrstuvwxyz"),
        "(aa) Item aa.",
        "(bb) Item bb.",
    )
    got = pinpoints(doc)
    assert got[:8] == [
        "4",
        "4(a)",
        "4(a)(i)",
        "4(a)(i)(A)",
        "4(a)(i)(A)(1)",
        "4(a)(i)(A)(2)",
        "4(a)(i)(B)",
        "4(a)(ii)",
    ]
    assert got[-3:] == ["4(z)", "4(aa)", "4(bb)"]
    assert "4(i)" in got and "4(v)" in got and "4(x)" in got
    assert parse_outline(doc).find("4(a)(i)(A)(2)").level == 4


def test_inline_items_after_a_colon():
    doc = make_doc(
        "Sec. 2. Tasks. (a) The Secretary shall: (i) count widgets; (ii) sort widgets; and"
        " (iii) ship widgets.",
        "(b) Under section 4(b) of this order and paragraphs (1) and (2) of subsection (a) of"
        " this section, the Administrator shall act.",
        "(c) The Director shall consider: (1) cost.",
        "(d) The Director shall report.",
    )
    outline = parse_outline(doc)
    assert [p.pinpoint for p in outline.provisions] == [
        "2",
        "2(a)",
        "2(a)(i)",
        "2(a)(ii)",
        "2(a)(iii)",
        "2(b)",
        "2(c)",
        "2(d)",
    ]
    text = doc.text
    item = outline.find("2(a)(ii)")
    assert text[item.start : item.end] == "(ii) sort widgets; and"
    assert text[item.body_start :].startswith("sort widgets")
    assert text[outline.find("2(a)(iii)").start : outline.find("2(a)").end] == (
        "(iii) ship widgets."
    )


def test_chained_markers_on_one_line():
    doc = make_doc(
        "Sec. 3. Widget Tariffs. (a) (i) All widgets shall bear a label.",
        "(ii) All gadgets shall bear a label.",
        "(b) The Secretary shall act.",
    )
    assert pinpoints(doc) == ["3", "3(a)", "3(a)(i)", "3(a)(ii)", "3(b)"]


def test_quoted_amendment_text_is_not_structure():
    doc = make_doc(
        "Sec. 1. Amendments. Executive Order 88888 is hereby amended by:",
        "(a) striking section 2 and inserting, in lieu thereof, the following:",
        "“Sec. 2. Policy. It is the policy of the United States to make widgets.”;",
        "(b) striking subsection 3(c) and inserting, in lieu thereof, the following:",
        "“(c) Agencies shall take the following actions:",
        "(i) By May 1, 2031, the Secretary shall publish a plan.",
        "(ii) By June 1, 2031, the Secretary shall update the plan.”; and",
        "(c) striking section 7.",
        "Sec. 2. General Provisions. (a) This order creates no right.",
    )
    assert pinpoints(doc) == ["1", "1(a)", "1(b)", "1(c)", "2", "2(a)"]
    outline = parse_outline(doc)
    b = outline.find("1(b)")
    assert doc.text[b.start : b.end].endswith("update the plan.”; and")


def test_unbalanced_quote_does_not_swallow_the_order():
    doc = make_doc(
        "Sec. 1. Purpose. The “widget gap is real.",
        "Sec. 2. Tasks. (a) The Secretary shall act.",
        "(b) The Administrator shall act.",
    )
    assert pinpoints(doc) == ["1", "2", "2(a)", "2(b)"]


def test_references_and_out_of_order_numbers_are_not_sections():
    doc = make_doc(
        "Sec. 1. Purpose. Widgets matter.",
        "Section 3 of Executive Order 88888 is hereby revoked.",
        "Sec. 2. Revocation. (a) The order is revoked.",
        "Sec. 1. This line repeats a number and is not a new section.",
        "Sec. 3. General Provisions. (a) Nothing here.",
    )
    assert pinpoints(doc) == ["1", "2", "2(a)", "3", "3(a)"]


def test_marker_alone_with_heading_on_next_line():
    doc = make_doc(
        "Section 1.",
        "Purpose",
        "Widgets matter.",
        "Section 2.",
        "Policy",
        "It is the policy to make widgets.",
        "(a) The Secretary shall act.",
    )
    outline = parse_outline(doc)
    assert [p.pinpoint for p in outline.provisions] == ["1", "2", "2(a)"]
    assert [outline.find(n).heading for n in ("1", "2")] == ["Purpose", "Policy"]
    assert doc.text[outline.find("1").body_start :].startswith("Widgets matter.")


def test_dotted_outline():
    doc = make_doc(
        "GUIDANCE ON WIDGET REPORTING",
        "Federal agencies must report their widgets.",
        "1. INVENTORY OF WIDGETS",
        "Agencies are required to inventory widgets.",
        "a. Agency Inventory Reporting",
        "OMB has two categories of reporting.",
        "i. Consolidated Reporting: Agencies must certify their widgets by a form.",
        "Below is a list of widgets that may be reported together:",
        *(f"{c}. Widget use number {n} in the office." for n, c in enumerate("abcdefgh", 1)),
        "i. Widget use number 9 in the office.",
        "j. Widget use number 10 in the office.",
        "ii. Individual Reporting: Agencies must report each other widget.",
        "b. Public Inventory Reporting",
        "Agencies must post their inventories.",
        "2. REPORTING ON WAIVERS",
        "a. Reporting on Waivers",
        "Agencies must report waivers within 30 days.",
        "3. DEFINITIONS",
        "Widget: A small device that:",
        "(1) spins; and",
        "(2) hums.",
    )
    outline = parse_outline(doc)
    got = [p.pinpoint for p in outline.provisions]
    assert got[:4] == ["1", "1(a)", "1(a)(i)", "1(a)(i)(a)"]
    assert "1(a)(i)(i)" in got and "1(a)(i)(j)" in got
    assert got[got.index("1(a)(i)(j)") + 1 :] == [
        "1(a)(ii)",
        "1(b)",
        "2",
        "2(a)",
        "3",
        "3(1)",
        "3(2)",
    ]
    headings = {p.pinpoint: p.heading for p in outline.provisions}
    assert headings["1"] == "INVENTORY OF WIDGETS"
    assert headings["1(a)"] == "Agency Inventory Reporting"
    assert headings["1(a)(i)"] == "Consolidated Reporting"
    assert headings["1(a)(i)(c)"] is None
    assert outline.find("1(a)(i)").marker == "i."


def test_paragraph_provisions_without_structure():
    doc = make_doc(
        "Fact Sheet: Widgets for Everyone",
        "THE WHITE HOUSE",
        "March 3, 2031",
        "Today the President took action to make widgets available to every family.",
        "MAKING WIDGETS AFFORDABLE",
        "The order directs agencies to lower widget costs.",
        "It also asks agencies to count gadgets.",
        title="Fact Sheet: Widgets for Everyone",
    )
    outline = parse_outline(doc)
    assert [p.pinpoint for p in outline.provisions] == ["¶1", "¶2", "¶3", "¶4"]
    first = outline.provisions[0]
    assert doc.text[first.start : first.end].startswith("Today the President")
    assert first.level == 0 and first.parent is None and first.heading is None
    assert doc.text[outline.provisions[-1].start : outline.provisions[-1].end] == (
        "It also asks agencies to count gadgets."
    )


def test_memorandum_signature_without_white_house_line():
    doc = make_doc(
        "MEMORANDUM FOR THE HEADS OF EXECUTIVE DEPARTMENTS AND AGENCIES",
        "Section 1. Policy. Agencies shall use widgets.",
        "Sec. 2. General Provisions. (a) This memorandum creates no right.",
        "EXAMPLE Q. PRESIDENT JR.",
    )
    outline = parse_outline(doc)
    assert [p.pinpoint for p in outline.provisions] == ["1", "2", "2(a)"]
    assert doc.text[outline.find("2").start : outline.find("2").end].endswith("no right.")


def test_empty_and_degenerate_documents():
    assert parse_outline(make_doc("")).provisions == ()
    assert pinpoints(make_doc("Sec. 1.")) == ["1"]
    assert pinpoints(make_doc("(a) A marker before any section.")) == ["¶1"]


def test_pinpoint_utilities():
    assert pinpoint_label("2(c)(iii)") == "Sec. 2(c)(iii)"
    assert pinpoint_label("¶3") == "¶3"
    assert parse_pinpoint("Sec. 4.1(a)(i)(A)") == "4.1(a)(i)(A)"
    assert parse_pinpoint("section 2 (c)") == "2(c)"
    assert parse_pinpoint("subsection 4.2(c)(i) of this section") == "4.2(c)(i)"
    assert parse_pinpoint("4") == "4"
    assert parse_pinpoint("¶ 12") == "¶12"
    assert parse_pinpoint("the Secretary") is None
    order = [
        "1",
        "2",
        "2(a)",
        "2(h)",
        "2(i)",
        "2(i)(i)",
        "2(i)(ii)",
        "2(i)(iv)",
        "2(i)(v)",
        "2(i)(ix)",
        "2(i)(x)",
        "2(j)",
        "2(z)",
        "2(aa)",
        "4",
        "4.1",
        "4.1(a)(i)(A)",
        "4.2",
        "10",
        "10.1",
    ]
    assert sorted(reversed(order), key=pinpoint_sort_key) == order
    assert sorted(["¶10", "¶2", "¶1"], key=pinpoint_sort_key) == ["¶1", "¶2", "¶10"]


def test_outline_pinpoints_are_unique_and_sorted():
    outline = parse_outline(ORDER)
    got = [p.pinpoint for p in outline.provisions]
    assert len(set(got)) == len(got)
    assert sorted(got, key=pinpoint_sort_key) == got


def test_list_run_into_one_paragraph_continues_its_level():
    doc = make_doc(
        "Sec. 2. Tasks.",
        "(a) The plan shall include the following elements:",
        "(i) a widget map; (ii) a gadget census;",
        "(iii) a repair schedule.",
        "(b) The Secretary shall act.",
    )
    assert pinpoints(doc) == ["2", "2(a)", "2(a)(i)", "2(a)(ii)", "2(a)(iii)", "2(b)"]
    outline = parse_outline(doc)
    assert outline.find("2(a)(ii)").parent == "2(a)"
    assert doc.text[outline.find("2(a)(i)").start : outline.find("2(a)(i)").end] == (
        "(i) a widget map;"
    )


def test_single_inline_item_continued_on_the_next_line():
    doc = make_doc(
        "Sec. 5. General Provisions.",
        "(a) Nothing in this order shall be construed to impair: (i) the authority of an agency;"
        " or",
        "(ii) the functions of the budget office.",
        "(b) This order creates no right.",
    )
    assert pinpoints(doc) == ["5", "5(a)", "5(a)(i)", "5(a)(ii)", "5(b)"]


def test_lone_inline_item_is_not_structure():
    doc = make_doc(
        "Sec. 5. Reports.",
        "(a) The Secretary shall consider one factor: (i) cost.",
        "(b) The Secretary shall report.",
    )
    assert pinpoints(doc) == ["5", "5(a)", "5(b)"]


def test_chained_markers_without_a_space():
    doc = make_doc(
        "Sec. 2. Voting Widgets.",
        "(a)(i) Within 30 days, the Commission shall act.",
        "(ii) The Commission shall report.",
        "(b) The Secretary shall act.",
    )
    assert pinpoints(doc) == ["2", "2(a)", "2(a)(i)", "2(a)(ii)", "2(b)"]


def test_roman_item_without_its_first_sibling_goes_below():
    doc = make_doc(
        "Sec. 1. Purpose. Widgets matter.",
        "Sec. 2. General Provisions.",
        "(a) This order creates no right.",
        "(b) Nothing in this order shall be construed to impair the authority of an agency; or",
        "(ii) the functions of the budget office.",
        "(c) The costs shall be borne by the Department of Widgets.",
    )
    assert pinpoints(doc) == ["1", "2", "2(a)", "2(b)", "2(b)(ii)", "2(c)"]


def test_heading_with_quotes_and_abbreviations():
    doc = make_doc(
        "Section 1. The “Gold Widget” Program. The Secretary shall run it.",
        "Sec. 2. Protecting U.S. and D.C. Widgets. Widgets shall be protected.",
        "Sec. 3. Definitions. For purposes of this order: (a) the term “widget” means a device;"
        " and (b) the term “gadget” means a tool.",
    )
    outline = parse_outline(doc)
    assert [p.pinpoint for p in outline.provisions] == ["1", "2", "3", "3(a)", "3(b)"]
    assert outline.find("1").heading == "The “Gold Widget” Program"
    assert outline.find("2").heading == "Protecting U.S. and D.C. Widgets"
    assert outline.find("3").heading == "Definitions"


def test_nesting_is_bounded_on_hostile_marker_cycles():
    cycle = [f"({t}) item" for _ in range(40) for t in ("a", "i", "A", "1", "I")]
    outline = parse_outline(make_doc("Sec. 1. Cycle.", *cycle))
    assert max(p.level for p in outline.provisions) <= 7
    assert max(len(p.pinpoint) for p in outline.provisions) < 40
    long_line = "Sec. 2. Runs. " + ": (i) a; (ii) b " * 500
    outline = parse_outline(make_doc("Sec. 1. Cycle.", long_line))
    assert max(p.level for p in outline.provisions) == 1


def test_skipped_item_continues_the_level_it_skips_least_on():
    doc = make_doc(
        "Sec. 3. Tasks.",
        "(a) The Secretary shall act.",
        "(b) Agencies shall:",
        "(i) engage;",
        "(ii) support;",
        "(iii) develop; and",
        "(v) identify.",
        "(c) Agencies shall report.",
    )
    assert pinpoints(doc)[-3:] == ["3(b)(iii)", "3(b)(v)", "3(c)"]


def test_letter_i_with_roman_children():
    doc = make_doc(
        "Sec. 5. Board.",
        *(f"({c}) The Board shall do task {c}." for c in "abcdefgh"),
        "(i) Within 30 days, the Secretary shall recommend:",
        "(i) gaps;",
        "(ii) scope; and",
        "(iii) criteria.",
        "(j) The Board shall report.",
    )
    assert pinpoints(doc)[-6:] == ["5(h)", "5(i)", "5(i)(i)", "5(i)(ii)", "5(i)(iii)", "5(j)"]
