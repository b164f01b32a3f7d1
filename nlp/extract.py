"""``extract(document, outline) -> Extraction``: the directive engine's single entry point.

What the records mean (the rules themselves are documented in ``eolens.nlp.directives``):

* One record per (pinpoint, actor): several directives with different lead agencies at one
  pinpoint are separate records; the same actor's further sentences merge into its record.
* Lead-ins ("..., the Secretary of Commerce shall: (i) ...; (ii) ...") are one record whose
  ``items`` lists the enumerated children. Children with no trigger of their own have no record
  (they inherit actor, kind and deadline); a child with its own actor (its own trigger) or its
  own deadline is also a record of its own, with the lead-in's actor and kind when it states
  none.
* ``provision_classes`` classes every outline node: ``directive`` (states a directive or is an
  item of one), or a non-directive class (construction, general, definition, policy,
  amendment, boilerplate), or ``other``.
* ``unresolved_actors`` are actor strings the gazetteer could not place, to grow it.
* Directives are operative text: only executive orders, memoranda and guidance (and documents
  of type ``other`` that have numbered sections) state them. A fact sheet, release or
  commentary describes or quotes an order; its "shall" binds no one, so it gives no directive
  records (its provisions are still classed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eolens.nlp.heap import fewer_collections
from eolens.nlp.model import Directive, Document, Outline

OPERATIVE_TYPES = frozenset({"executive_order", "memorandum", "guidance"})

# Bump when a rule change can change results: stored machine results carry it.
EXTRACTOR_VERSION = "rules-2026.11.29-4"


@dataclass(frozen=True)
class Extraction:
    directives: tuple[Directive, ...]
    provision_classes: dict[str, str]  # pinpoint -> ProvisionClass
    unresolved_actors: tuple[str, ...]
    extractor_version: str


def extract(document: Document, outline: Outline, *, signed: date | None = None) -> Extraction:
    """Every directive of ``document`` along its ``outline``.

    ``signed`` overrides the signing date the relative deadlines count from; by default it is
    ``document.meta.signed``.
    """
    if signed is None:
        signed = document.meta.signed
    # Imported here, not at the top: the GUI process imports this module for ``Extraction``
    # (results arrive from the isolated child as JSON) and must not load spaCy to do so;
    # loading it on a worker thread stalled the window for ~200 ms.
    from eolens.nlp.directives import extract_directives

    with fewer_collections():
        result = extract_directives(document, outline, signed)
    if not is_operative(document, outline):
        return Extraction(
            directives=(),
            provision_classes=dict(result.classes),
            unresolved_actors=(),
            extractor_version=EXTRACTOR_VERSION,
        )
    unresolved = tuple(dict.fromkeys(u for u in result.unresolved if u))
    return Extraction(
        directives=tuple(result.directives),
        provision_classes=dict(result.classes),
        unresolved_actors=unresolved,
        extractor_version=EXTRACTOR_VERSION,
    )


def is_operative(document: Document, outline: Outline) -> bool:
    """Whether the document can state directives (see the module docstring)."""
    doc_type = document.meta.doc_type
    if doc_type in OPERATIVE_TYPES:
        return True
    if doc_type == "other":
        return any(p.pinpoint[:1].isdigit() for p in outline.provisions)
    return False
