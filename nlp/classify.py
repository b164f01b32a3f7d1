"""Provision and sentence classes that are not directives, and the kind of a trigger.

A sentence can contain "shall" without telling anyone to do anything. These rules recognise the
standing formulas of presidential documents (``directives.md``):

* ``construction``: "Nothing in this order shall be construed to ...", "... shall not be
  construed as ...". Never an obligation, whatever follows.
* ``general``: "This order shall be implemented consistent with applicable law ...", "... is not
  intended to, and does not, create any right ...", severability.
* ``definition``: "The term “X” means / shall mean / has the meaning ...", "For purposes of this
  order:", a Definitions heading; also composition, which says what a body is rather than what
  anyone must do ("The Council shall consist of ...", "shall be chaired by ...", "shall be
  members of ...", "shall be housed in ...").
* ``policy``: "It is the policy of the United States / my Administration ...", Purpose and
  Policy headings.
* ``amendment``: "... is amended by striking ...", "... is hereby revoked", redesignations.
* ``boilerplate``: "The costs for publication of this order shall be borne by ...", the
  memorandum's "authorized and directed to publish this memorandum in the Federal Register".

Sentence classes decide whether a trigger counts; provision classes are reported per pinpoint.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from eolens.nlp.model import DirectiveKind, ProvisionClass

_I = re.IGNORECASE

# Order matters: the first class whose pattern matches a sentence wins.
SENTENCE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "boilerplate",
        re.compile(
            r"\bcosts?\s+(?:for|of)\s+(?:the\s+)?publication\b"
            r"|\bfunding\s+for\s+(?:this\s+(?:order|memorandum)’s\s+)?publication\b"
            r"|\bpublication\s+of\s+this\s+(?:order|memorandum|proclamation)\b"
            r"|\bpublish\s+this\s+(?:memorandum|order|proclamation|determination)\s+in\s+the\s+"
            r"Federal\s+Register",
            _I,
        ),
    ),
    (
        "construction",
        re.compile(
            r"\bnothing\s+(?:in|contained\s+in)\s+(?:this|these|the|that|any)\b[^.;]{0,120}?"
            r"\b(?:shall|may|should|will|is\s+intended\s+to)\b[^.;]{0,30}?"
            r"\b(?:construed|interpreted|deemed|read|understood)\b"
            r"|\b(?:shall|may|should|will)\s+not\s+be\s+(?:construed|interpreted|deemed|read)\b"
            r"|\bshall\s+be\s+(?:construed|interpreted|read)\s+(?:to|as|in|consistent)\b",
            _I,
        ),
    ),
    (
        "general",
        re.compile(
            r"\b(?:this|the)\s+(?:order|memorandum|proclamation|directive)\s+shall\s+be\s+"
            r"implemented\b"
            r"|\bnot\s+intended\s+to,?\s+and\s+does\s+not,?\s+create\s+any\s+right"
            r"|\bif\s+any\s+provision\s+of\s+this\s+(?:order|memorandum)\b[^.]{0,200}\binvalid\b"
            r"|\bshall\s+(?:take\s+effect|be\s+effective|become\s+effective|remain\s+in\s+effect"
            r"|supersede|terminate|expire)\b",
            _I,
        ),
    ),
    (
        "definition",
        re.compile(
            r"\bthe\s+terms?\s+[“\"‘][^”\"’]{1,120}[”\"’]"
            r"(?:\s*(?:,|and|or)\s*[“\"‘][^”\"’]{1,120}[”\"’])*"
            r"[^.;]{0,40}?\b(?:means?|shall\s+mean|has\s+the\s+meaning|have\s+the\s+"
            r"(?:respective\s+)?meanings?|each\s+have|refers?\s+to|shall\s+refer|includes?|"
            r"shall\s+include)\b"
            r"|^\s*(?:as\s+used\s+in|for\s+(?:the\s+)?purposes\s+of)\s+this\s+"
            r"(?:order|section|memorandum|subsection)\s*[,:]"
            r"|[“\"][^”\"]{1,80}[”\"]\s+(?:means|shall\s+mean|has\s+the\s+meaning)\b"
            # Composition states who a body is, not what anyone must do.
            r"|\bshall\s+(?:consist\s+of|be\s+(?:composed|comprised|made\s+up)\s+of"
            r"|be\s+(?:the\s+)?(?:members?|a\s+subcomponent)\s+of"
            r"|be\s+(?:co-?)?(?:chaired|headed|housed)\s+(?:by|in|within|at)"
            r"|be\s+established\s+(?:in|within|at)\s+the\b"
            r"|serve\s+as\s+(?:members?|a\s+member)\s+of"
            r"|(?:serve\s+as|be)\s+(?:the\s+)?(?:vice\s+|co-?)?chair(?:man|woman|person)?\s+(?:of|for)"
            r"|include\s+the\s+following\s+(?:officials|members))\b",
            _I,
        ),
    ),
    (
        "amendment",
        re.compile(
            r"\b(?:is|are)\s+(?:hereby\s+)?(?:further\s+)?(?:amended|revoked|rescinded|"
            r"superseded|redesignated|repealed)\b"
            r"|\bhereby\s+(?:revokes|rescinds|supersedes|repeals|amends)\b"
            r"|\b(?:revokes|rescinds)\s+and\s+(?:replaces|supersedes)\b"
            r"|\bby\s+(?:striking|inserting|redesignating|adding\s+at\s+the\s+end)\b",
            _I,
        ),
    ),
    (
        "policy",
        re.compile(
            r"\bit\s+(?:is|shall\s+be)\s+(?:hereby\s+)?(?:the\s+)?policy\s+of\s+"
            r"|\bpolicy\s+of\s+(?:the\s+United\s+States|my\s+Administration|the\s+Federal\s+"
            r"Government|the\s+executive\s+branch)\s+(?:is|shall\s+be)\b",
            _I,
        ),
    ),
)

_HEADING_CLASSES: tuple[tuple[ProvisionClass, re.Pattern[str]], ...] = (
    ("definition", re.compile(r"\bdefinitions?\b", _I)),
    ("general", re.compile(r"\bgeneral\s+provisions?\b|\bseverability\b|\beffective\s+date", _I)),
    ("policy", re.compile(r"\bpurpose\b|\bpolicy\b|\bfindings?\b|\bbackground\b", _I)),
    ("amendment", re.compile(r"\bamendments?\b|\brevocations?\b|\brescissions?\b", _I)),
)

# Trigger words worth sending to spaCy; provisions without any are classified on text alone.
TRIGGER_WORDS = re.compile(
    r"(?i:\b(?:shall|must|may|should|directed|encouraged|authorized|requested|urged|ordered|"
    r"required|prohibited|permitted|invited|instructed)\b)"
    r"|\bI\s+(?:hereby\s+|further\s+|also\s+)?(?i:direct|order|instruct|task|charge|request|"
    r"encourage|urge|call|authorize|empower)\b"
)

# The same two parts apart: the case-insensitive words are searched on a lower-cased copy of
# the text (much faster than an ignore-case search), "I ... direct" on the text itself.
_TRIGGER_LOWER = re.compile(
    r"\b(?:shall|must|may|should|directed|encouraged|authorized|requested|urged|ordered|"
    r"required|prohibited|permitted|invited|instructed)\b"
)
_TRIGGER_I = re.compile(
    r"\bI\s+(?:hereby\s+|further\s+|also\s+)?(?i:direct|order|instruct|task|charge|request|"
    r"encourage|urge|call|authorize|empower)\b"
)


def trigger_finder(text: str) -> Callable[[int, int], bool]:
    """``has(start, end)``: whether ``TRIGGER_WORDS`` occurs in ``text[start:end]``."""
    lowered = text.lower()
    # An ignore-case search also matches dotless "ı" and long "ſ", which lower() keeps; and
    # offsets hold only when lower() keeps the length.
    if len(lowered) != len(text) or "ı" in text or "ſ" in text:
        return lambda s, e: TRIGGER_WORDS.search(text, s, e) is not None
    return lambda s, e: bool(_TRIGGER_LOWER.search(lowered, s, e) or _TRIGGER_I.search(text, s, e))


STRONG: frozenset[DirectiveKind] = frozenset({"obligation", "prohibition"})


# Each rule needs one of these words (checked on the lower-cased text with ``in``, far cheaper
# than the rule itself); most sentences have none of them and skip every rule.
_GATES: dict[str, tuple[str, ...]] = {
    "boilerplate": ("publication", "publish"),
    "construction": ("constru", "interpret", "deemed", "read", "understood"),
    "general": ("implemented", "intended", "invalid", "effect", "supersede", "terminate", "expire"),
    # "refers to" and "includes" end the "the term ..." form only, so "term" gates them:
    # gating on them too ran the rule on every sentence that includes something.
    "definition": (
        "term",
        "mean",
        "purposes",
        "as used",
        "consist",
        "composed",
        "comprised",
        "made up",
        "member",
        "official",
        "chair",
        "subcomponent",
        "headed",
        "housed",
        "established",
    ),
    "amendment": (
        "amended",
        "revoked",
        "rescinded",
        "superseded",
        "redesignat",
        "repealed",
        "revokes",
        "rescinds",
        "supersedes",
        "repeals",
        "amends",
        "striking",
        "inserting",
        "adding",
    ),
    "policy": ("policy",),
}


_GATED_RULES = tuple((name, pattern, _GATES[name]) for name, pattern in SENTENCE_RULES)


def _rules_for(lowered: str):
    contains = lowered.__contains__
    for name, pattern, gates in _GATED_RULES:
        if any(map(contains, gates)):
            yield name, pattern


def sentence_class(sentence: str) -> ProvisionClass | None:
    """The non-directive class of a sentence, or None when its triggers may be directives."""
    contains = sentence.lower().__contains__
    for name, pattern, gates in _GATED_RULES:
        if any(map(contains, gates)) and pattern.search(sentence):
            return name  # type: ignore[return-value]
    return None


def heading_class(heading: str | None) -> ProvisionClass | None:
    if not heading:
        return None
    for name, pattern in _HEADING_CLASSES:
        if pattern.search(heading):
            return name
    return None


def text_class(text: str) -> ProvisionClass | None:
    """Class of a provision's own text: its earliest non-directive formula (no spaCy).

    The formulas open their paragraph, so only the start of each paragraph is read."""
    best: tuple[int, int, str] | None = None
    for line_no, line in enumerate(text.split("\n")):
        head = line[:400]
        for name, pattern in _rules_for(head.lower()):
            m = pattern.search(head)
            if m and (best is None or (line_no, m.start()) < best[:2]):
                best = (line_no, m.start(), name)
        if best is not None:
            break
    return best[2] if best else None  # type: ignore[return-value]


def trigger_kind(label: str, text: str) -> DirectiveKind:
    """The directive kind of a trigger match (its pattern label), normalised."""
    lowered = text.lower()
    if lowered.endswith(" not") or lowered.endswith("prohibited from"):
        return "prohibition"
    if label in ("obligation", "prohibition", "encouragement", "permission"):
        return label  # type: ignore[return-value]
    return "obligation"
