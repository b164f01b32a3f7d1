"""Records <-> JSON-able dicts: the child-process wire format and the JSON contract.

Every ``*_to_dict`` output survives ``json.dumps``/``json.loads`` and its ``*_from_dict``
inverse gives back an equal record (tuples, dates and optional fields included). Dates are ISO
strings, spans are ``[start, end]`` lists. ``contract`` builds the object that
``extract --format json`` prints, with the field names of ``directives.md``: extra keys are
allowed there, missing ones are not.

Directive ids in the contract are ``"<pinpoint>-<n>"`` (``"2(c)-1"``, ``"2(c)-2"`` for a second
directive at the same pinpoint), so they stay the same when one order is read from another
format.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from eolens.nlp.extract import Extraction

__all__ = [
    "contract",
    "directive_from_dict",
    "directive_ids",
    "directive_to_dict",
    "document_from_dict",
    "document_to_dict",
    "extraction_from_dict",
    "extraction_to_dict",
    "outline_from_list",
    "outline_to_list",
    "provision_from_dict",
    "provision_to_dict",
]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _span(value: Iterable[int] | None) -> tuple[int, int] | None:
    if value is None:
        return None
    start, end = value
    return int(start), int(end)


# --- documents ---------------------------------------------------------------------------------


def document_to_dict(document: Document) -> dict[str, Any]:
    meta = document.meta
    return {
        "meta": {
            "title": meta.title,
            "doc_type": meta.doc_type,
            "source_path": meta.source_path,
            "sha256": meta.sha256,
            "source_format": meta.source_format,
            "page_count": meta.page_count,
            "eo_number": meta.eo_number,
            "signed": _iso(meta.signed),
            "fr_citation": meta.fr_citation,
            "fr_doc_number": meta.fr_doc_number,
        },
        "text": document.text,
        "pages": [
            {"number": p.number, "start": p.start, "end": p.end, "label": p.label}
            for p in document.pages
        ],
    }


def document_from_dict(data: Mapping[str, Any]) -> Document:
    m = data["meta"]
    meta = DocumentMeta(
        title=m["title"],
        doc_type=m["doc_type"],
        source_path=m["source_path"],
        sha256=m["sha256"],
        source_format=m["source_format"],
        page_count=m.get("page_count", 1),
        eo_number=m.get("eo_number"),
        signed=_date(m.get("signed")),
        fr_citation=m.get("fr_citation"),
        fr_doc_number=m.get("fr_doc_number"),
    )
    pages = tuple(
        PageSpan(p["number"], p["start"], p["end"], p.get("label")) for p in data["pages"]
    )
    return Document(meta, data["text"], pages)


# --- outlines ----------------------------------------------------------------------------------


def provision_to_dict(p: Provision, provision_class: str | None = None) -> dict[str, Any]:
    """Every field of the record, plus the contract's ``span`` and ``class``."""
    return {
        "pinpoint": p.pinpoint,
        "level": p.level,
        "marker": p.marker,
        "heading": p.heading,
        "start": p.start,
        "end": p.end,
        "body_start": p.body_start,
        "parent": p.parent,
        "page": p.page,
        "span": [p.start, p.end],
        "class": provision_class or "other",
    }


def provision_from_dict(data: Mapping[str, Any]) -> Provision:
    return Provision(
        pinpoint=data["pinpoint"],
        level=data["level"],
        marker=data["marker"],
        heading=data.get("heading"),
        start=data["start"],
        end=data["end"],
        body_start=data["body_start"],
        parent=data.get("parent"),
        page=data.get("page"),
    )


def outline_to_list(
    outline: Outline, classes: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    classes = classes or {}
    return [provision_to_dict(p, classes.get(p.pinpoint)) for p in outline.provisions]


def outline_from_list(items: Iterable[Mapping[str, Any]]) -> Outline:
    return Outline(tuple(provision_from_dict(item) for item in items))


# --- directives --------------------------------------------------------------------------------


def _agency_to_dict(a: AgencyRef) -> dict[str, Any]:
    return {
        "name": a.name,
        "acronym": a.acronym,
        "role": a.role,
        "key": a.key,
        "parent": a.parent,
    }


def _agency_from_dict(data: Mapping[str, Any]) -> AgencyRef:
    return AgencyRef(
        name=data["name"],
        acronym=data.get("acronym"),
        role=data["role"],
        key=data.get("key"),
        parent=data.get("parent"),
    )


def _deadline_to_dict(d: Deadline | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "text": d.text,
        "date": _iso(d.date),
        "kind": d.kind,
        "anchor": d.anchor,
        "recurrence": d.recurrence,
        "working": d.working,
        "anchor_pinpoint": d.anchor_pinpoint,
        "span": list(d.span) if d.span is not None else None,
    }


def _deadline_from_dict(data: Mapping[str, Any] | None) -> Deadline | None:
    if data is None:
        return None
    return Deadline(
        text=data["text"],
        kind=data["kind"],
        date=_date(data.get("date")),
        anchor=data.get("anchor"),
        anchor_pinpoint=data.get("anchor_pinpoint"),
        recurrence=data.get("recurrence"),
        working=data.get("working"),
        span=_span(data.get("span")),
    )


def _evidence_to_dict(e: Evidence) -> dict[str, Any]:
    return {"role": e.role, "start": e.start, "end": e.end, "label": e.label}


def _evidence_from_dict(data: Mapping[str, Any]) -> Evidence:
    return Evidence(role=data["role"], start=data["start"], end=data["end"], label=data["label"])


def directive_to_dict(d: Directive, id: str | None = None) -> dict[str, Any]:
    """The contract's directive object (``id`` given by the caller, see ``directive_ids``)."""
    return {
        "id": id if id is not None else f"{d.pinpoint}-1",
        "pinpoint": d.pinpoint,
        "kind": d.kind,
        "actor": d.actor,
        "agencies": [_agency_to_dict(a) for a in d.agencies],
        "action": d.action,
        "deadline": _deadline_to_dict(d.deadline),
        "sectors": list(d.sectors),
        "groups": list(d.groups),
        "citations": list(d.citations),
        "page": d.page,
        "span": [d.span[0], d.span[1]],
        "text": d.text,
        "items": list(d.items),
        "confidence": d.confidence,
        "source": d.source,
        "evidence": [_evidence_to_dict(e) for e in d.evidence],
    }


def directive_from_dict(data: Mapping[str, Any]) -> Directive:
    return Directive(
        pinpoint=data["pinpoint"],
        kind=data["kind"],
        actor=data["actor"],
        agencies=tuple(_agency_from_dict(a) for a in data.get("agencies", ())),
        action=data["action"],
        deadline=_deadline_from_dict(data.get("deadline")),
        span=_span(data["span"]),
        text=data["text"],
        page=data.get("page"),
        sectors=tuple(data.get("sectors", ())),
        groups=tuple(data.get("groups", ())),
        citations=tuple(data.get("citations", ())),
        items=tuple(data.get("items", ())),
        confidence=float(data.get("confidence", 1.0)),
        source=data.get("source", "rule"),
        evidence=tuple(_evidence_from_dict(e) for e in data.get("evidence", ())),
    )


def directive_ids(directives: Iterable[Directive]) -> list[str]:
    """``"<pinpoint>-<n>"``: n counts the directives at one pinpoint in order."""
    seen: dict[str, int] = {}
    ids = []
    for d in directives:
        seen[d.pinpoint] = seen.get(d.pinpoint, 0) + 1
        ids.append(f"{d.pinpoint}-{seen[d.pinpoint]}")
    return ids


def directives_to_list(directives: Iterable[Directive]) -> list[dict[str, Any]]:
    """The contract's directive objects, with their ``directive_ids``."""
    directives = tuple(directives)
    return [
        directive_to_dict(d, i) for d, i in zip(directives, directive_ids(directives), strict=True)
    ]


# --- extraction results ------------------------------------------------------------------------


def extraction_to_dict(extraction: Extraction) -> dict[str, Any]:
    """Any object with the ``Extraction`` fields will do (duck-typed)."""
    return {
        "directives": directives_to_list(extraction.directives),
        "provision_classes": dict(extraction.provision_classes),
        "unresolved_actors": list(extraction.unresolved_actors),
        "extractor_version": extraction.extractor_version,
    }


def extraction_from_dict(data: Mapping[str, Any]) -> Extraction:
    # imported here: the extraction engine pulls in spaCy, which the readers do not need
    from eolens.nlp.extract import Extraction

    return Extraction(
        directives=tuple(directive_from_dict(d) for d in data["directives"]),
        provision_classes=dict(data.get("provision_classes", {})),
        unresolved_actors=tuple(data.get("unresolved_actors", ())),
        extractor_version=data["extractor_version"],
    )


# --- the JSON contract -------------------------------------------------------------------------


def contract(
    document: Document,
    outline: Outline,
    extraction: Extraction | None,
    provision_classes: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """``{"document": ..., "directives": [...], "provisions": [...]}`` as in directives.md.

    ``provision_classes`` defaults to the extraction's; a provision without a class is "other".
    """
    meta = document.meta
    if provision_classes is None:
        provision_classes = extraction.provision_classes if extraction is not None else {}
    return {
        "document": {
            "title": meta.title,
            "eo_number": meta.eo_number,
            "signed": _iso(meta.signed),
            "source": meta.source_path,
            "pages": meta.page_count,
            "sha256": meta.sha256,
            "doc_type": meta.doc_type,
            "fr_citation": meta.fr_citation,
        },
        "directives": directives_to_list(extraction.directives if extraction is not None else ()),
        "provisions": [
            {
                "pinpoint": p.pinpoint,
                "heading": p.heading,
                "class": provision_classes.get(p.pinpoint, "other"),
                "span": [p.start, p.end],
                "page": p.page,
            }
            for p in outline.provisions
        ],
    }
