"""Short forms an order gives its actors, read from the whole document: the terms it defines
("the Director of the Office of Management and Budget (Director)") and the bodies it
establishes ("There is hereby established the White House Task Force on X (Task Force)").

The directive engine falls back on these when a short form ("the Director shall", "the Task
Force shall") is not placed by a directive before it. The actor and gazetteer modules are
imported when first needed: the engine runs, with fewer facts, without them.
"""

from __future__ import annotations

import functools
import re

from eolens.nlp.model import AgencyRef


class DocumentTerms:
    """The short forms a document defines and the bodies it establishes, read from its whole
    text on first need: most short forms are placed by an earlier directive, and reading a
    long order for them costs a twentieth of its extraction."""

    def __init__(self, text: str):
        self.text = text

    @functools.cached_property
    def defined(self) -> dict[str, str]:
        return _defined_terms(self.text)

    @functools.cached_property
    def established(self) -> dict[str, str]:
        return _established_bodies(self.text)


def _defined_terms(text: str) -> dict[str, str]:
    try:
        from eolens.nlp.actors import defined_actors  # optional, as in eolens.nlp.directives
    except ImportError:
        return {}
    return defined_actors(text)


def gazetteer_key_ref(key: str) -> AgencyRef | None:
    try:
        from eolens.nlp.gazetteer import Gazetteer  # optional, as in eolens.nlp.directives
    except ImportError:
        return None
    return Gazetteer.load().ref_for_key(key, "lead")


def gazetteer_ref(text: str) -> AgencyRef | None:
    try:
        from eolens.nlp.gazetteer import Gazetteer  # optional, as in eolens.nlp.directives
    except ImportError:
        return None
    ref = Gazetteer.load().ref(text, "lead")
    return ref if ref is not None and ref.key is not None else None


# "There is hereby established ... the X (Term)": matched from its literal "established" (the
# engine skips to that) with the words before it checked behind.
_ESTABLISHED = re.compile(
    r"established\s+(?P<body>[^()\n.;]{4,220}?)\s*\(\s*[“\"]?"
    r"(?P<term>[A-Z][^()“”\"\n]{1,40}?)[”\"]?\s*\)"
)
_ESTABLISHED_BEFORE = re.compile(r"\b(?:[Tt]here\s+is|is)\s+(?:hereby\s+)?(?:further\s+)?\Z")


def _established_bodies(text: str) -> dict[str, str]:
    """Bodies the order itself establishes, by the short form it gives them: "There is hereby
    established within the National Economic Council the President's Working Group on
    Digital Asset Markets (Working Group)" -> {"working group": "President's Working Group on
    Digital Asset Markets"}. A new body is in no gazetteer; its short form later names it."""
    found: dict[str, str] = {}
    pos = 0
    while (m := _ESTABLISHED.search(text, pos)) is not None:
        if not _ESTABLISHED_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            pos = m.start() + 1  # "programs established under ...": look on from the next word
            continue
        pos = m.end()
        body, term = " ".join(m["body"].split()), " ".join(m["term"].split())
        # The name follows the last "the" whose rest still holds the short form ("within the
        # National Economic Council the President's Working Group ..." -> the second).
        names = [body[k + 4 :] for k in range(len(body)) if body.startswith("the ", k)]
        names = [n for n in names if n[:1].isupper() and term.lower() in n.lower()]
        if names:
            found.setdefault(term.lower(), min(names, key=len))
    return found
