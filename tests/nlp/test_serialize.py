"""Records survive to_dict -> json -> from_dict unchanged, and the contract has its fields."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pytest
from eolens.nlp.model import (
    AgencyRef,
    Deadline,
    Directive,
    Document,
    DocumentMeta,
    Evidence,
    Outline,
    PageSpan,
    Provision,
)
from eolens.nlp.outline import parse_outline
from eolens.nlp.serialize import (
    contract,
    directive_from_dict,
    directive_ids,
    directive_to_dict,
    document_from_dict,
    document_to_dict,
    extraction_from_dict,
    extraction_to_dict,
    outline_from_list,
    outline_to_list,
)

HOSTILE = [
    '=HYPERLINK("http://x")',
    "+1-2",
    "@SUM(A1)",
    "<h1>big</h1><img src=x onerror=alert(1)>",
    "nul\x00and\x07bell\x1b[31m",
    "line\nbreak\r\ttab",
    'quote " backslash \\ slash /',
    "lone surrogate \ud800 here",
    "emoji 🦅 rtl \u202e fed \ufeff",
    "x" * 40_000,
    "",
]


def roundtrip(value):
    return json.loads(json.dumps(value))


def make_document(
    text: str = "Sec. 1. Purpose. Widgets.\n(a) The Secretary shall act.",
) -> Document:
    half = len(text) // 2
    meta = DocumentMeta(
        title="Widgets “Order” <b>",
        doc_type="executive_order",
        source_path="/tmp/wïdgets/order.pdf",
        sha256="ab" * 32,
        source_format="pdf",
        page_count=2,
        eo_number=99999,
        signed=date(2031, 3, 3),
        fr_citation="99 FR 12345",
        fr_doc_number="2031-00001",
    )
    pages = (PageSpan(1, 0, half, "12345"), PageSpan(2, half, len(text), None))
    return Document(meta, text, pages)


def make_directive(text: str = "The Secretary shall act.", **changes) -> Directive:
    fields = dict(
        pinpoint="2(c)(iii)",
        kind="obligation",
        actor="the Secretary of Commerce, acting through the Director of NIST",
        agencies=(
            AgencyRef("Department of Commerce", "DOC", "lead", "doc", None),
            AgencyRef(
                "National Institute of Standards and Technology", "NIST", "through", "nist", "doc"
            ),
            AgencyRef("agencies", None, "consulted"),
        ),
        action="publish guidance",
        deadline=Deadline(
            text="within 30 days of the date of this order",
            kind="relative",
            date=date(2031, 4, 2),
            anchor="the date of this order",
            anchor_pinpoint=None,
            recurrence=None,
            working="2031-03-03 + 30 days = 2031-04-02",
            span=(10, 52),
        ),
        span=(100, 200),
        text=text,
        page=2,
        sectors=("Energy", "Water and Wastewater Systems"),
        groups=("local utilities",),
        citations=("44 U.S.C. 3552(b)(6)(A)",),
        items=("2(c)(iii)(A)", "2(c)(iii)(B)"),
        confidence=0.875,
        source="rule",
        evidence=(Evidence("trigger", 120, 125, "shall"), Evidence("actor", 100, 119, text)),
    )
    fields.update(changes)
    return Directive(**fields)


def test_document_roundtrip():
    doc = make_document()
    data = roundtrip(document_to_dict(doc))
    assert data["meta"]["signed"] == "2031-03-03"
    assert document_from_dict(data) == doc


@pytest.mark.parametrize("hostile", HOSTILE)
def test_document_roundtrip_hostile(hostile):
    doc = make_document("Sec. 1. " + hostile)
    doc = Document(
        DocumentMeta(hostile, "other", hostile, hostile, "text", signed=None),
        doc.text,
        (PageSpan(1, 0, len(doc.text), hostile or None),),
    )
    assert document_from_dict(roundtrip(document_to_dict(doc))) == doc


def test_outline_roundtrip_with_classes():
    doc = make_document()
    outline = parse_outline(doc)
    assert outline.provisions  # a real outline, not an empty tuple
    items = roundtrip(outline_to_list(outline, {"1(a)": "directive"}))
    assert [i["class"] for i in items] == ["other", "directive"]
    assert items[1]["span"] == [outline.provisions[1].start, outline.provisions[1].end]
    assert outline_from_list(items) == outline


@pytest.mark.parametrize("hostile", HOSTILE)
def test_provision_roundtrip_hostile(hostile):
    outline = Outline(
        (Provision(hostile or "¶1", 3, hostile, hostile or None, 5, 9, 6, hostile, None),)
    )
    assert outline_from_list(roundtrip(outline_to_list(outline))) == outline


def test_directive_roundtrip_and_contract_fields():
    d = make_directive()
    data = roundtrip(directive_to_dict(d, "2(c)(iii)-1"))
    required = {
        "id",
        "pinpoint",
        "kind",
        "actor",
        "agencies",
        "action",
        "deadline",
        "sectors",
        "groups",
        "citations",
        "page",
        "span",
        "text",
        "items",
        "confidence",
        "source",
    }
    assert required <= set(data)
    assert data["id"] == "2(c)(iii)-1"
    assert data["span"] == [100, 200]
    assert set(data["deadline"]) >= {"text", "date", "kind", "anchor", "recurrence", "working"}
    assert data["deadline"]["date"] == "2031-04-02"
    assert all(set(a) >= {"name", "acronym", "role"} for a in data["agencies"])
    assert data["evidence"][0] == {"role": "trigger", "start": 120, "end": 125, "label": "shall"}
    assert directive_from_dict(data) == d


@pytest.mark.parametrize("hostile", HOSTILE)
def test_directive_roundtrip_hostile(hostile):
    d = make_directive(
        hostile,
        actor=hostile,
        action=hostile,
        deadline=Deadline(hostile, "event", anchor=hostile, anchor_pinpoint=hostile),
        sectors=(hostile,),
        groups=(hostile, hostile),
        citations=(),
        items=(),
        agencies=(AgencyRef(hostile, hostile or None, "coordinating"),),
        evidence=(Evidence("group", 0, 1, hostile),),
    )
    assert directive_from_dict(roundtrip(directive_to_dict(d))) == d


def test_directive_without_deadline():
    d = make_directive(deadline=None, page=None, confidence=1.0, source="user")
    data = roundtrip(directive_to_dict(d))
    assert data["deadline"] is None and data["page"] is None
    assert directive_from_dict(data) == d


def test_directive_ids_count_per_pinpoint():
    ds = [make_directive(pinpoint=p) for p in ("2(a)", "2(a)", "2(b)", "2(a)")]
    assert directive_ids(ds) == ["2(a)-1", "2(a)-2", "2(b)-1", "2(a)-3"]


@dataclass(frozen=True)
class DuckExtraction:
    directives: tuple
    provision_classes: dict
    unresolved_actors: tuple
    extractor_version: str


def test_extraction_roundtrip():
    extract = pytest.importorskip("eolens.nlp.extract")
    ex = extract.Extraction(
        directives=(make_directive(), make_directive(HOSTILE[3], pinpoint="3")),
        provision_classes={"2(c)(iii)": "directive", "3": "construction"},
        unresolved_actors=("the Widget Czar", HOSTILE[4]),
        extractor_version="test-1",
    )
    data = roundtrip(extraction_to_dict(ex))
    assert [d["id"] for d in data["directives"]] == ["2(c)(iii)-1", "3-1"]
    assert extraction_from_dict(data) == ex


def test_extraction_to_dict_accepts_duck_typed_results():
    duck = DuckExtraction((make_directive(),), {"1": "policy"}, (), "duck-0")
    data = roundtrip(extraction_to_dict(duck))
    assert data["extractor_version"] == "duck-0"
    assert directive_from_dict(data["directives"][0]) == make_directive()


def test_contract_without_extraction():
    doc = make_document()
    outline = parse_outline(doc)
    out = roundtrip(contract(doc, outline, None))
    assert set(out) == {"document", "directives", "provisions"}
    assert out["directives"] == []
    assert {
        k: out["document"][k] for k in ("title", "eo_number", "signed", "source", "pages", "sha256")
    } == {
        "title": doc.meta.title,
        "eo_number": 99999,
        "signed": "2031-03-03",
        "source": doc.meta.source_path,
        "pages": 2,
        "sha256": doc.meta.sha256,
    }
    assert out["provisions"] == [
        {
            "pinpoint": p.pinpoint,
            "heading": p.heading,
            "class": "other",
            "span": [p.start, p.end],
            "page": p.page,
        }
        for p in outline.provisions
    ]


def test_contract_with_extraction_and_classes():
    doc = make_document()
    outline = parse_outline(doc)
    duck = DuckExtraction(
        (make_directive(pinpoint="1(a)"), make_directive(pinpoint="1(a)", actor="NSA")),
        {"1(a)": "directive", "1": "policy"},
        (),
        "duck-0",
    )
    out = roundtrip(contract(doc, outline, duck))
    assert [d["id"] for d in out["directives"]] == ["1(a)-1", "1(a)-2"]
    assert [p["class"] for p in out["provisions"]] == ["policy", "directive"]
    override = roundtrip(contract(doc, outline, duck, provision_classes={"1": "general"}))
    assert [p["class"] for p in override["provisions"]] == ["general", "other"]
    unsigned = Document(DocumentMeta("t", "other", "p", "s", "text"), doc.text, doc.pages)
    assert roundtrip(contract(unsigned, outline, None))["document"]["signed"] is None
