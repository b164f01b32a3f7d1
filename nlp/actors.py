"""Actor phrases -> agencies with roles.

``parse_actor(doc, start, end)`` reads the actor phrase in tokens ``[start, end)`` (the subject
before "shall", or the agent of a passive "shall be made by ...") using the agency mentions
that ``eolens_agencies`` put in ``doc.spans["agency"]`` and the connective words between them:

* mentions before any connective are ``lead`` ("the Secretary of the Treasury, the Secretary of
  War, and the Secretary of Homeland Security" -> three leads);
* "through" / "acting through" makes the next mention a component acting for the mention before
  it (``parent`` = that principal's key). Under a lead the role is ``through``; under a consulted
  or coordinating principal the component keeps the principal's role (it is consulted too), with
  ``parent`` still set;
* "in consultation with" (and "after consultation with", "consulting with") switches the
  following mentions to ``consulted``; "in coordination with" (and "in collaboration with",
  "in cooperation with", "coordinating with", "working with", "with support from") to
  ``coordinating``: who supports the actor does not act in its place. The switch holds until the
  next connective, as in the grammar of orders ("..., in consultation with A, B, and C, and in
  coordination with D").

Capitalised stretches that no gazetteer entry covers are returned as ``unresolved`` so that the
gazetteer can grow; they are never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from eolens.nlp.gazetteer import GENERIC, PLURAL_HEADS, Gazetteer, defined_as
from eolens.nlp.model import AgencyRef, AgencyRole, Evidence
from eolens.nlp.pipeline import doc_text
from eolens.nlp.tokenfacts import Mention, TokenFacts, mention_facts
from spacy.language import Language
from spacy.tokens import Doc

# Connectives, longest first; each maps to the mode it starts ("through" applies to one mention).
_CONNECTIVES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("in", "close", "consultation", "with"), "consulted"),
    (("in", "consultation", "with"), "consulted"),
    (("after", "consultation", "with"), "consulted"),
    (("after", "consulting", "with"), "consulted"),
    (("upon", "consultation", "with"), "consulted"),
    (("consulting", "with"), "consulted"),
    (("in", "coordination", "with"), "coordinating"),
    (("in", "close", "coordination", "with"), "coordinating"),
    (("coordinating", "with"), "coordinating"),
    (("in", "collaboration", "with"), "coordinating"),
    (("in", "cooperation", "with"), "coordinating"),
    (("in", "partnership", "with"), "coordinating"),
    (("in", "conjunction", "with"), "coordinating"),
    (("working", "with"), "coordinating"),
    (("with", "support", "from"), "coordinating"),
    (("with", "the", "support", "of"), "coordinating"),
    (("with", "assistance", "from"), "coordinating"),
    (("assisted", "by"), "coordinating"),
    (("supported", "by"), "coordinating"),
    (("with", "the", "assistance", "of"), "coordinating"),
    (("acting", "through"), "through"),
    (("through",), "through"),
    (("jointly", "with"), "lead"),
    (("together", "with"), "lead"),
)
_DETERMINERS = frozenset(["the", "a", "an"])
_SEPARATORS = {
    ",",
    ";",
    "and",
    "or",
    "as",
    "appropriate",
    "applicable",
    "necessary",
    "(",
    ")",
    "and/or",
    "—",
    "–",
    "-",
    ":",
}
_LEADING = re.compile(
    r"^(?:(?:the|a|an|and|or|each|any|all|other|such|their|its|his|her|relevant|appropriate)\s+)+",
    re.IGNORECASE,
)
_NOT_ACTOR = {
    "the",
    "a",
    "an",
    "each",
    "any",
    "all",
    "other",
    "within",
    "not",
    "no",
    "by",
    "in",
    "as",
    "such",
    "this",
    "that",
    "these",
    "those",
    "sec",
    "section",
    "subsection",
    "order",
    "president",
    "united",
    "states",
}


@dataclass(frozen=True, slots=True)
class ActorParse:
    agencies: tuple[AgencyRef, ...]
    evidence: tuple[Evidence, ...]
    unresolved: tuple[str, ...]


def parse_actor(
    doc: Doc,
    start: int,
    end: int,
    *,
    offset: int = 0,
    gazetteer: Gazetteer | None = None,
    defined: Mapping[str, str] | None = None,
) -> ActorParse:
    """Agencies with roles for the actor phrase ``doc[start:end]``.

    ``offset`` is added to evidence character offsets (the position of ``doc.text`` in the
    document text when the doc holds one provision). ``defined`` maps terms the document
    defines to gazetteer keys (``defined_actors(document.text)``: "the Secretary of Commerce
    (Secretary)" makes a later "the Secretary" the Department of Commerce).
    """
    gaz = gazetteer or Gazetteer.load()
    facts = mention_facts(doc)
    by_start = {s.start: s for s in facts.mentions if s.start >= start and s.end <= end}
    lower = facts.lower[start:end]
    idx, texts = facts.idx, facts.text

    agencies: list[AgencyRef] = []
    evidence: list[Evidence] = []
    unresolved: list[str] = []
    seen: set[tuple[str | None, str, str]] = set()
    mode: AgencyRole = "lead"
    pending_through = False
    principal: AgencyRef | None = None
    gap: list[int] = []  # token indices not covered by a mention or connective
    last = None  # the previous mention

    def flush_gap() -> None:
        for chunk, first, last_tok in _chunks(doc, gap):
            key = defined.get(chunk.lower()) if defined else None
            if key is None:
                # a term defined earlier in the same provision ("establish an ... Board as an
                # advisory committee ... The Advisory Committee shall")
                key = _local_definitions(doc, gaz).get(chunk.lower())
            if key is not None and gaz.get(key) is not None:
                add(chunk, idx[first], idx[last_tok] + len(texts[last_tok]), key=key)
            else:
                unresolved.append(chunk)
        gap.clear()

    def add(text: str, start_char: int, end_char: int, key: str | None = None) -> None:
        nonlocal pending_through, principal
        is_through = pending_through and principal is not None
        if is_through:
            role: AgencyRole = "through" if principal.role == "lead" else principal.role
            parent = principal.key
        else:
            role, parent = mode, None
        if key is not None:
            ref = gaz.ref_for_key(key, role, parent=parent)
        elif is_through:
            ref = gaz.ref(text, role, parent=parent)
        else:
            ref = gaz.ref(text, role)
        pending_through = False
        if ref is None:
            unresolved.append(text)
            return
        ident = (ref.key, ref.name if ref.key is None else "", ref.role)
        if ident not in seen:
            seen.add(ident)
            agencies.append(ref)
        if not is_through:
            principal = ref
        evidence.append(Evidence("actor", offset + start_char, offset + end_char, ref.name))

    i = start
    while i < end:
        span = by_start.get(i)
        if span is not None and _restates(facts, span, last):
            # "the Director of the National Security Agency (NSA)": the acronym restates it.
            evidence.append(
                Evidence(
                    "actor",
                    offset + span.start_char,
                    offset + span.end_char,
                    agencies[-1].name if agencies else span.text,
                )
            )
            i = span.end
            continue
        if span is not None:
            if (
                last is not None
                and agencies
                and agencies[-1].role == "through"
                and [t for t in lower[last.end - start : i - start] if t not in _DETERMINERS]
                == ["and"]
            ):
                # "the Secretary, through the Commissioner of CBP and the Director of ICE":
                # both act for the Secretary ("..., through A, and the Secretary of X" names
                # a new principal after the comma).
                pending_through = True
            flush_gap()
            last = span
            key = defined.get(span.text.lower()) if defined else None
            if key is None and span.label_ != GENERIC:
                hit = gaz.resolve(span.text)
                if hit is None or hit.key != span.label_:
                    # an item of "the Secretaries of Defense, Interior, ...": styled as the
                    # singular title would be ("Secretary of Defense" -> Department of Defense)
                    styled = _as_singular_title(gaz, span.text, span.label_)
                    if styled is not None:
                        add(styled, span.start_char, span.end_char)
                        i = span.end
                        continue
                    key = span.label_
            add(span.text, span.start_char, span.end_char, key=key)
            i = span.end
            continue
        matched = connective_at(lower, i - start)
        if matched is not None:
            flush_gap()
            length, what = matched
            if what == "through":
                pending_through = True
            else:
                mode = what  # type: ignore[assignment]
                pending_through = False
            i += length
            continue
        gap.append(i)
        i += 1
    flush_gap()

    if not agencies and not unresolved:
        text = _clean(facts.span_text(start, end))
        if text:
            unresolved.append(text)
    return ActorParse(tuple(agencies), tuple(evidence), tuple(dict.fromkeys(unresolved)))


def _local_definitions(doc: Doc, gaz: Gazetteer) -> dict[str, str]:
    found = doc.user_data.get(_LOCAL_KEY)
    if found is None:
        found = doc.user_data[_LOCAL_KEY] = defined_actors(doc_text(doc), gaz)
    return found


_LOCAL_KEY = "eolens.defined_actors"


def _as_singular_title(gaz: Gazetteer, text: str, key: str) -> str | None:
    words = text.split()
    if words and words[0].lower() in PLURAL_HEADS and len(words) > 2:
        words = [PLURAL_HEADS[words[0].lower()], *words[1:]]
        candidates = [" ".join(words)]
    else:
        candidates = [f"{title} of {text}" for title in dict.fromkeys(PLURAL_HEADS.values())]
    for cand in candidates:
        hit = gaz.resolve(cand)
        if hit is not None and hit.key == key:
            return cand
    return None


def _restates(facts: TokenFacts, span: Mention, last: Mention | None) -> bool:
    """A mention in brackets right after another restates it: "the Director of the National
    Security Agency (NSA)", and also "the National Security Advisor (NSA)", where the order
    gives the letters another meaning."""
    return (
        last is not None
        and span.start == last.end + 1
        and facts.text[last.end] == "("
        and span.end < len(facts.text)
        and facts.text[span.end] == ")"
    )


# By first word: most tokens start no connective and are dismissed with one look-up.
_CONNECTIVES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _what in _CONNECTIVES:
    _CONNECTIVES_BY_FIRST.setdefault(_words[0], []).append((_words, _what))


def connective_at(lower: list[str], i: int) -> tuple[int, str] | None:
    """(length, role) of the connective starting at ``lower[i]`` ("in consultation with"
    -> consulted), or None."""
    for words, what in _CONNECTIVES_BY_FIRST.get(lower[i], ()):
        n = len(words)
        if tuple(lower[i : i + n]) == words:
            return n, what
    return None


def _chunks(doc: Doc, indices: list[int]):
    """Capitalised stretches between separators: candidate actor names the gazetteer missed."""
    facts = mention_facts(doc)
    lowers, texts = facts.lower, facts.text
    run: list[int] = []
    for idx in [*indices, None]:
        low = lowers[idx] if idx is not None else None
        contiguous = low is not None and (not run or idx == run[-1] + 1)
        if low is not None and contiguous and low not in _SEPARATORS:
            run.append(idx)
            continue
        if run:
            first, last_tok = run[0], run[-1]
            while first < last_tok and _LEADING.match(texts[first] + " "):
                first += 1
            text = _clean(facts.span_text(first, last_tok + 1))
            words = text.split()
            if any(w[:1].isupper() and w.lower().strip(".,") not in _NOT_ACTOR for w in words):
                yield text, first, last_tok
        run = [idx] if low is not None and low not in _SEPARATORS else []


def _clean(text: str) -> str:
    text = text.strip(" ,;:.()")
    return _LEADING.sub("", text).strip()


_DEFINED_PAREN = re.compile(
    r"\((?:the[ \t]+)?[“\"]?(?P<term>[A-Z][A-Za-z]*(?:[ \t][A-Z][A-Za-z]*){0,3})[”\"]?\)"
)
_MAX_NAME_WORDS = 16
_ROMAN = re.compile(r"^[ivxlc]+$")
_DEFINED_MEANS = re.compile(
    r"[“\"](?P<term>[A-Z][A-Za-z]*(?:[ \t][A-Z][A-Za-z]*){0,3})[”\"][ \t]+means[ \t]+(?:the[ \t]+)?"
    r"(?P<full>[A-Z][^.;:\n]{2,120})"
)


def defined_actors(text: str, gazetteer: Gazetteer | None = None) -> dict[str, str]:
    """Terms a document defines for agencies and officials, lowercased -> gazetteer key:
    "the Secretary of Commerce (Secretary)", "The term “Secretary” means the Secretary of
    Energy". A term the gazetteer already reads the same way ("(CISA)") is left out; one it
    reads otherwise is kept, since the order's own definition wins ("the National Security
    Advisor (NSA)"); a term defined for two different entries is dropped."""
    gaz = gazetteer or Gazetteer.load()
    found: dict[str, str | None] = {}

    def record(term: str, key: str) -> None:
        t = " ".join(term.split()).lower()
        if len(t) < 2 or _ROMAN.match(t):
            return  # "(B)", "(iv)": enumeration markers, not terms
        known = gaz.resolve(term)
        if known is not None and known.key in (key, None):
            return  # the gazetteer already reads it so
        found[t] = key if found.get(t, key) == key else None

    for m in _DEFINED_PAREN.finditer(text):
        # the shortest run of words right before the bracket that names an entry
        words = text[max(0, m.start() - 200) : m.start()].split()[-_MAX_NAME_WORDS:]
        for k in range(1, len(words) + 1):
            hit = gaz.resolve(" ".join(words[-k:]))
            if hit is not None and hit.key is not None:
                record(m["term"], hit.key)
                break
    for m in defined_as(text):
        hit = gaz.resolve(m["full"])
        if hit is not None and hit.key is not None:
            record(m["term"], hit.key)
    for m in _DEFINED_MEANS.finditer(text):
        words = m["full"].split()
        for k in range(len(words), 0, -1):
            hit = gaz.resolve(" ".join(words[:k]))
            if hit is not None and hit.key is not None:
                record(m["term"], hit.key)
                break
    return {t: k for t, k in found.items() if k is not None}


@contextmanager
def document_terms(nlp: Language, text: str) -> Iterator[dict[str, str]]:
    """While open, ``eolens_agencies`` in ``nlp`` reads the terms ``text`` (a whole document)
    defines, in every provision piped: "the Secretary of Commerce (Secretary)" in Sec. 2 makes
    "The Secretary shall" in Sec. 5 a mention of DOC.

        with document_terms(nlp, document.text):
            docs = list(nlp.pipe(provision_texts))
    """
    recogniser = nlp.get_pipe("eolens_agencies") if "eolens_agencies" in nlp.pipe_names else None
    terms = defined_actors(text)
    if recogniser is not None:
        recogniser.use_document_terms(terms)
    try:
        yield terms
    finally:
        if recogniser is not None:
            recogniser.use_document_terms(None)
