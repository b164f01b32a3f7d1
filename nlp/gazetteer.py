"""The agency gazetteer: federal entities and officials, their aliases, and the span component.

The facts live in ``data/reference/agencies.json``; this module turns them into lookups and
into PhraseMatcher patterns. Names are matched on the lowercased form, acronyms on the exact
form (so "NEC" the council is found and "nec" is not). An official resolves to the entry it
heads: "Secretary of Commerce" -> DOC, "Director of NIST" -> NIST.

Component ``eolens_agencies`` writes ``doc.spans["agency"]``: label_ = entry key, or
``"GENERIC"`` for generic actors ("agencies", "the heads of FCEB agencies"). Overlapping
mentions keep the longest ("Director of the Cybersecurity and Infrastructure Security Agency"
beats "Cybersecurity and Infrastructure Security Agency").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eolens.nlp.model import AgencyRef, AgencyRole
from eolens.nlp.pipeline import BatchedComponent, SharedPhraseMatcher, doc_text, longest_spans
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "reference" / "agencies.json"
_DEFAULT = str(DEFAULT_PATH)
_ROMAN = re.compile(r"^[ivxlc]+$")
# "establish an Artificial Intelligence Safety and Security Board as an advisory committee"
DEFINED_AS = re.compile(
    r"establish(?:es|ed)?[ \t]+(?:an?|the)[ \t]+(?P<full>[A-Z][\w’'.&\- ]{3,100}?)[ \t]+as[ \t]+"
    r"(?:an?|the)[ \t]+(?P<term>[A-Za-z]+(?:[ \t][A-Za-z]+)?)(?=[ \t]+(?:pursuant|under|to|within"
    r"|in|that|for|of)\b|[,.;])"
)


def defined_as(text: str) -> Iterator[re.Match[str]]:
    """``DEFINED_AS`` matches that begin a word ("establish", not "reestablish"). The pattern
    opens on its literal so that the regular expression engine can skip to it; a leading
    ``\\b`` made it try every position of a long order."""
    pos = 0
    while (m := DEFINED_AS.search(text, pos)) is not None:
        if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


GENERIC = "GENERIC"
SPAN_KEY = "agency"


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    name: str
    acronym: str | None
    kind: str  # department / agency / component / office / council / official
    parent: str | None
    heads: tuple[str, ...] = ()
    officials: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    acronym_match: bool = True


@dataclass(frozen=True, slots=True)
class Hit:
    """What a surface form resolves to: an entry in one of its stylings, or a generic actor."""

    key: str | None  # None for generic actors
    name: str
    acronym: str | None
    official: bool = False  # the surface names an official ("Secretary of War")

    @property
    def generic(self) -> bool:
        return self.key is None


_APOS = re.compile(r"[’']s\b")
_PAREN = re.compile(r"\s*\([^)]*\)")
_NONWORD = re.compile(r"[^\w&\-]+")


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lowercase, no "the", no possessive, no parenthesised acronym, "U.S." -> "united states"."""
    t = text.replace("\u00a0", " ")
    t = _PAREN.sub("", t)
    t = _APOS.sub("", t)
    t = re.sub(r"\bU\.\s?S\.(?=\s|$)", "United States", t)
    t = _NONWORD.sub(" ", t.lower()).strip()
    t = re.sub(r"^(?:and|or)\s+", "", t)
    t = re.sub(r"^the\s+", "", t)
    t = re.sub(r"\bthe\s+", "", t)  # "Secretary of the Treasury" == "Secretary of Treasury"
    return re.sub(r"\s+", " ", t)


def _surfaces(name: str, acronym: str | None, heads, officials, aliases):
    """(surface, official?) pairs for one styling of an entry."""
    names = [name, *aliases]
    out = [(n, False) for n in names]
    if acronym:
        out.append((acronym, False))
    for title in heads:
        for n in names:
            out.append((f"{title} of the {n}", True))
            out.append((f"{title} of {n}", True))
        if acronym:
            out.append((f"{title} of {acronym}", True))
            out.append((f"{title} of the {acronym}", True))
            out.append((f"{acronym} {title}", True))  # "the OMB Director"
    out.extend((o, True) for o in officials)
    return out


class Gazetteer:
    def __init__(
        self,
        entries: dict[str, Entry],
        hits: dict[str, Hit],
        exact: dict[str, Hit],
        patterns: tuple[tuple[str, str], ...],
        generic: tuple[str, ...],
    ):
        self.entries = entries
        self._hits = hits  # normalised surface -> Hit
        self._exact = exact  # case-sensitive acronym surfaces -> Hit
        self._patterns = patterns  # (label, surface) matched on lowercase
        self.generic = generic
        self._lookup_only: dict[str, Hit] = {}  # acronyms resolved on lookup but not matched
        # resolve() is a pure function of its text, and an order names the same actors again
        # and again (one copy of EO 14110: 548 look-ups of 128 strings): answers are kept.
        self._resolved: dict[str, Hit | None] = {}

    # -- loading ----------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        return _load(str(Path(path).resolve()) if path else _DEFAULT)

    @classmethod
    def from_data(cls, data: dict) -> Gazetteer:
        entries: dict[str, Entry] = {}
        hits: dict[str, Hit] = {}
        exact: dict[str, Hit] = {}
        patterns: dict[str, tuple[str, str]] = {}
        lookup_only: dict[str, Hit] = {}
        for raw in data["entries"]:
            entry = Entry(
                key=raw["key"],
                name=raw["name"],
                acronym=raw.get("acronym"),
                kind=raw["kind"],
                parent=raw.get("parent"),
                heads=tuple(raw.get("heads", ())),
                officials=tuple(raw.get("officials", ())),
                aliases=tuple(raw.get("aliases", ())),
                acronym_match=raw.get("acronym_match", True),
            )
            entries[entry.key] = entry
            for style in (raw, *raw.get("former", ())):
                name, acr = style["name"], style.get("acronym")
                for surface, official in _surfaces(
                    name,
                    acr,
                    style.get("heads", ()),
                    style.get("officials", ()),
                    style.get("aliases", ()),
                ):
                    hit = Hit(entry.key, name, acr, official or entry.kind == "official")
                    if " " not in surface and (surface == acr or surface.isupper()):
                        # Acronyms match exactly: "NEC" the council, never "nec".
                        if entry.acronym_match or surface != acr:
                            exact.setdefault(surface, hit)
                        else:
                            lookup_only.setdefault(surface, hit)
                        continue
                    hits.setdefault(normalise(surface), hit)
                    for variant in _variants(surface):
                        patterns.setdefault(variant.lower(), (entry.key, variant))
            for surface in raw.get("exact_aliases", ()):
                # Words that name the entry only when capitalised ("Commerce, through NIST"
                # but not "interstate commerce").
                exact.setdefault(surface, Hit(entry.key, entry.name, entry.acronym))
        generic = tuple(data.get("generic", ()))
        for g in generic:
            if " " not in g and g.isupper():
                exact.setdefault(g, Hit(None, g, None))  # "IC", never "ic"
                continue
            hits.setdefault(normalise(g), Hit(None, g, None))
            patterns.setdefault(g.lower(), (GENERIC, g))
        gaz = cls(entries, hits, exact, tuple(patterns.values()), generic)
        gaz._lookup_only = lookup_only
        return gaz

    # -- lookups ----------------------------------------------------------------------------
    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def resolve(self, text: str) -> Hit | None:
        """The entry (in the styling written) or generic actor named by ``text``, or None."""
        try:
            return self._resolved[text]
        except KeyError:
            pass
        if len(self._resolved) > 65536:
            self._resolved.clear()
        hit = self._resolved[text] = self._resolve(text)
        return hit

    def _resolve(self, text: str) -> Hit | None:
        t = text.strip().strip(",.;:")
        t2 = re.sub(r"^(?:the|The)\s+", "", t)
        for cand in (t, t2, _APOS.sub("", t2)):
            hit = self._exact.get(cand) or self._lookup_only.get(cand)
            if hit:
                return hit
        return self._hits.get(normalise(t))

    def lookup(self, text: str) -> Entry | None:
        hit = self.resolve(text)
        return self.entries.get(hit.key) if hit and hit.key else None

    def ref(self, text: str, role: AgencyRole, *, parent: str | None = None) -> AgencyRef | None:
        """An AgencyRef for a mention; generic actors keep the text as written (no key)."""
        hit = self.resolve(text)
        if hit is None:
            return None
        if hit.key is None:
            written = re.sub(r"^(?:the|The)\s+", "", text.strip().strip(",.;:"))
            return AgencyRef(name=written, acronym=None, role=role, key=None, parent=parent)
        entry = self.entries[hit.key]
        return AgencyRef(
            name=hit.name,
            acronym=hit.acronym,
            role=role,
            key=hit.key,
            parent=parent if parent is not None else entry.parent,
        )

    def ref_for_key(
        self, key: str, role: AgencyRole, *, parent: str | None = None
    ) -> AgencyRef | None:
        """An AgencyRef for an entry by key (canonical name and acronym)."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        return AgencyRef(
            name=entry.name,
            acronym=entry.acronym,
            role=role,
            key=key,
            parent=parent if parent is not None else entry.parent,
        )

    def ancestors(self, key: str) -> list[str]:
        """Parent keys from the nearest up (NSA -> [DOW])."""
        out: list[str] = []
        entry = self.entries.get(key)
        while entry and entry.parent and entry.parent not in out:
            out.append(entry.parent)
            entry = self.entries.get(entry.parent)
        return out

    def patterns(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(label, surface) pairs: those matched on lowercase, those matched exactly."""
        exact = [(h.key or GENERIC, s) for s, h in self._exact.items()]
        return list(self._patterns), exact


def _variants(surface: str):
    yield surface
    if "U.S. " in surface:
        yield surface.replace("U.S. ", "United States ")
    if "’" in surface:
        yield surface.replace("’", "'")


@lru_cache(maxsize=8)
def _load(path: str) -> Gazetteer:
    return Gazetteer.from_data(json.loads(Path(path).read_text(encoding="utf-8")))


PLURAL_HEADS = {
    "secretaries": "Secretary",
    "directors": "Director",
    "administrators": "Administrator",
    "chairs": "Chair",
    "chairmen": "Chairman",
    "heads": "Head",
}
_LIST_WORDS = {",", "and", "the", "of", "&", "for"}


def plural_items(doc: Doc, i: int, end: int, gaz: Gazetteer):
    """Items of a plural title at token ``i``: "the Secretaries of Defense, Interior, and
    Homeland Security" -> [(key, first, last token), ...] and the token after the last item
    that resolves; None when no item resolves."""
    title = PLURAL_HEADS.get(doc[i].lower_)
    if title is None or i + 2 >= end or doc[i + 1].lower_ != "of":
        return None
    j = i + 2
    while j < end and (doc[j].is_title or doc[j].is_upper or doc[j].lower_ in _LIST_WORDS):
        if doc[j].lower_ in ("through", "in", "acting", "after", "consulting", "coordinating"):
            break
        j += 1
    # items are separated by commas; an item may itself hold "and" ("Housing and Urban
    # Development") or be the last of the list ("and Homeland Security")
    items: list[tuple[str, int, int]] = []
    k = i + 2
    while k < j:
        stop = k
        while stop < j and doc[stop].text != ",":
            stop += 1
        first, last_tok = k, stop - 1
        while first <= last_tok and doc[first].lower_ in ("and", "the"):
            first += 1
        if first <= last_tok:
            words = doc[first : last_tok + 1].text
            found = gaz.resolve(f"{title} of {words}")
            if found is not None and found.key is not None:
                items.append((found.key, first, last_tok))
            else:
                halves = _split_and(doc, first, last_tok, title, gaz)
                if halves is None:
                    # "..., Homeland Security, the Administrator of the EPA, ...": the list of
                    # departments ends; the rest are mentions of their own
                    return (items, first) if items else None
                items.extend(halves)
        k = stop + 1
    return (items, j) if items else None


def _split_and(doc: Doc, first: int, last_tok: int, title: str, gaz: Gazetteer):
    """ "State and Defense" -> two items, when each side resolves."""
    for m in range(first + 1, last_tok):
        if doc[m].lower_ == "and":
            a, b = doc[first:m].text, doc[m + 1 : last_tok + 1].text
            ra, rb = gaz.resolve(f"{title} of {a}"), gaz.resolve(f"{title} of {b}")
            if ra is not None and rb is not None and ra.key and rb.key:
                return [(ra.key, first, m - 1), (rb.key, m + 1, last_tok)]
    return None


# -- spaCy component ----------------------------------------------------------------------------


_PLURAL = "eolens.plural_title"


class AgencyRecogniser(BatchedComponent):
    def __init__(self, nlp: Language, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.document_terms: dict[str, str] = {}
        lower, exact = gazetteer.patterns()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_label: dict[str, list] = {}
        for label, surface in lower:
            by_label.setdefault(label, []).append(surface)
        # The plural titles ("secretaries of") share the names' walk of each doc.
        self.lower = SharedPhraseMatcher(
            nlp,
            {label: list(nlp.tokenizer.pipe(surfaces)) for label, surfaces in by_label.items()},
            _PLURAL,
            [nlp.make_doc(f"{p} of") for p in PLURAL_HEADS],
        )
        by_label = {}
        for label, surface in exact:
            by_label.setdefault(label, []).append(surface)
        for label, surfaces in by_label.items():
            self.exact.add(label, list(nlp.tokenizer.pipe(surfaces)))

    def __call__(self, doc: Doc) -> Doc:
        # (start, end, label) until the overlaps are resolved: Span objects only for the
        # mentions kept.
        named, titles = self.lower(doc)
        found = [(start, end, key) for key, start, end in named]
        found.extend((start, end, key) for key, start, end in self.exact(doc))
        starts = [start for _, start, _ in titles]
        if starts:
            plural = [(s.start, s.end, s.label) for s in self._plural_spans(doc, starts)]
            found = plural + found
        spans = [Span(doc, start, end, label=key) for start, end, key in longest_spans(found)]
        if spans or self.document_terms:
            spans = self._defined_terms(doc, spans)
        doc.spans[SPAN_KEY] = spans
        return doc

    def use_document_terms(self, terms: Mapping[str, str] | None) -> None:
        """Terms the whole document defines (``eolens.nlp.actors.defined_actors(text)``:
        lowercased term -> key), read in every provision piped until the next call. A term
        matches only capitalised ("Secretary", not "secretary"). Pass None after the document.
        """
        self.document_terms = dict(terms or {})

    def _defined_terms(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Later mentions of a term the text defines in brackets right after a mention: "the
        Secretary of Commerce (Secretary) ... the Secretary shall" makes the second "Secretary"
        a DOC mention; "the National Security Advisor (NSA) ... the NSA" relabels the second
        "NSA". Only within this doc (one provision); a document-wide reading needs
        eolens.nlp.actors.defined_actors."""
        text = doc_text(doc)
        # "as a" alone is common ("as appropriate"); DEFINED_AS also needs "establish".
        defines_as = " as a" in text and "establish" in text
        if "(" not in text and not defines_as and not self.document_terms:
            return spans  # no term can be defined here
        n = len(doc)
        terms: dict[str, str] = {}
        for s in spans:
            if s.end + 2 < n and doc[s.end].text == "(" and s.label_ != GENERIC:
                close = s.end + 1
                while close < n and close <= s.end + 5 and doc[close].text != ")":
                    close += 1
                if close < n and doc[close].text == ")":
                    term = doc[s.end + 1 : close]
                    if (
                        (term[0].is_title or term[0].is_upper)
                        and len(term.text) > 1
                        and not _ROMAN.match(term.text.lower())
                    ):
                        terms.setdefault(term.text, s.label_)
        if defines_as:
            for m in defined_as(text):
                hit = self.gazetteer.resolve(m["full"])
                if hit is not None and hit.key is not None:
                    terms.setdefault(m["term"], hit.key)
        patterns = [
            (r"(?<!\w)" + re.escape(t) + r"(?!\w)", 0 if t[:1].isupper() else re.IGNORECASE, k)
            for t, k in terms.items()
        ]
        local = {t.lower() for t in terms}
        for term, key in self.document_terms.items():
            if term not in local:
                # capitalised as a name: "Secretary", never "secretary"
                pattern = re.escape(term[:1].upper()) + "(?i:" + re.escape(term[1:]) + ")"
                patterns.append((r"(?<!\w)" + pattern + r"(?!\w)", 0, key))
        if not patterns:
            return spans
        by_start = {s.start: s for s in spans}
        added: list[Span] = []
        for pattern, flags, key in patterns:
            for m in re.finditer(pattern, text, flags):
                span = doc.char_span(m.start(), m.end())
                if span is None:
                    continue
                old = by_start.get(span.start)
                if old is not None and old.end == span.end and old.label_ != key:
                    by_start[span.start] = Span(doc, span.start, span.end, label=key)
                elif old is None and not any(s.start <= span.start < s.end for s in spans):
                    added.append(Span(doc, span.start, span.end, label=key))
        return sorted(list(by_start.values()) + added, key=lambda s: s.start)

    def _plural_spans(self, doc: Doc, starts: list[int]) -> list[Span]:
        """One span per department of "the Secretaries of Defense, Interior, and Energy"; the
        first takes in "Secretaries of"."""
        out: list[Span] = []
        for i in starts:
            found = plural_items(doc, i, len(doc), self.gazetteer)
            if found is None:
                continue
            items, _ = found
            for n, (key, first, last_tok) in enumerate(items):
                out.append(Span(doc, i if n == 0 else first, last_tok + 1, label=key))
        return out


@Language.factory("eolens_agencies", default_config={"path": None})
def make_agency_recogniser(nlp: Language, name: str, path: str | None) -> AgencyRecogniser:
    return AgencyRecogniser(nlp, Gazetteer.load(path))
