"""The spaCy pipeline EO Lens analyses provisions with.

``build_pipeline()`` is ``spacy.blank("en")`` plus, in order:

* ``eolens_sentences``: a rule-based sentence splitter for legal text (no statistics), writing
  sentence starts to ``doc.user_data`` (read them with ``sentences(doc)``). A sentence
  ends at ``. ? !`` (optionally followed by a closing quote or bracket) when the next word starts
  with a capital, a quote or a bracket, unless the word before the stop is a known abbreviation
  ("Sec.", "U.S.", "e.g.", "Inc.", "No."); a line break always ends a sentence.
* the entity recognisers' components (``eolens_agencies``, ``eolens_sectors``,
  ``eolens_citations``, ``eolens_deadlines``) when they are registered, so the directive engine
  runs (with fewer facts) before they exist;
* ``eolens_triggers``: directive marker phrases from ``patterns/triggers.jsonl`` written to
  ``doc.spans["trigger"]`` with the directive kind as label (longest match wins, so "shall not"
  beats "shall").

spaCy refuses texts over ``nlp.max_length`` characters: callers analyse one provision at a time
(see ``eolens.nlp.directives``), never a whole long document.
"""

from __future__ import annotations

import bisect
import functools
import gc
import importlib
import itertools
import json
import re
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import minibatch

PATTERNS = Path(__file__).resolve().parent / "patterns"
TRIGGERS_FILE = PATTERNS / "triggers.jsonl"

RECOGNISERS = ("eolens_agencies", "eolens_sectors", "eolens_citations", "eolens_deadlines")
# Modules that may register the recognisers' factories when imported.
_RECOGNISER_MODULES = (
    "eolens.nlp.gazetteer",
    "eolens.nlp.actors",
    "eolens.nlp.sectors",
    "eolens.nlp.citations",
    "eolens.nlp.deadlines",
    "eolens.nlp.recognisers",
)

# Words that end with a full stop without ending the sentence (compared lower-cased, without
# the final stop).
ABBREVIATIONS = frozenset(
    [
        "sec",
        "secs",
        "u.s",
        "u.s.c",
        "u.s.a",
        "e.g",
        "i.e",
        "inc",
        "no",
        "nos",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "co",
        "corp",
        "ltd",
        "v",
        "vs",
        "etc",
        "pub",
        "stat",
        "fed",
        "reg",
        "c.f.r",
        "cfr",
        "art",
        "para",
        "ch",
        "vol",
        "p",
        "pp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "gen",
        "gov",
        "col",
        "lt",
        "sgt",
        "adm",
        "approx",
        "fig",
        "al",
        "seq",
        "ex",
    ]
)

_STOP = re.compile(r"[.?!][\"”’)\]]*(?=[ \t\xa0]+[\"“‘(\[]?[A-Z0-9(])")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def sentence_starts(text: str) -> list[int]:
    """Character offsets where sentences begin (always includes 0 for non-empty text)."""
    starts = [0] if text else []
    for m in _STOP.finditer(text):
        if text[m.start()] == ".":
            w = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start() + 1)
            if w and w.end() == m.start() + 1:
                word = w.group(1).lower()
                if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
        nxt = m.end()
        while nxt < len(text) and text[nxt] in " \t\xa0":
            nxt += 1
        # "(a)" / "(iii)" after a stop starts a new enumerated clause, a new sentence.
        starts.append(nxt)
    pos = text.find("\n")
    while pos != -1:
        if pos + 1 < len(text):
            starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return sorted(set(starts))


SENT_KEY = "eolens_sent_starts"
TEXT_KEY = "eolens.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built at most once per doc: spaCy joins the tokens again on every access,
    which costs more than a regular expression over the string. A pipeline built with
    ``keep_text`` (``build_pipeline`` is) stores the string the doc was made from, so it is
    never rebuilt."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


class TextKeepingTokenizer:
    """Wraps a tokenizer so that each doc keeps the string it was made from (for doc_text)."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):
        if name == "tokenizer":  # not set yet (unpickling): no delegation loop
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def keep_text(nlp: Language) -> Language:
    """Make ``nlp`` keep each doc's text in ``doc.user_data`` (idempotent)."""
    if not isinstance(nlp.tokenizer, TextKeepingTokenizer):
        nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    return nlp


class SharedPhraseMatcher:
    """A case-insensitive PhraseMatcher for labelled phrases plus one extra set, walking each
    doc once for both. The extra set gets a matcher of its own only when one of its phrases is
    written as a labelled one (the two would share an entry, and the order of the matches on
    it could change) or its label is taken. Returns (labelled matches, extra matches), each as
    ``(key, start, end)`` in the matcher's order."""

    def __init__(self, nlp: Language, labelled: dict[str, list[Doc]], label: str, extra):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        seen: set[tuple[int, ...]] = set()
        for name, docs in labelled.items():
            self.matcher.add(name, docs)
            seen.update(tuple(t.lower for t in d) for d in docs)
        extra = list(extra)
        self.extra_key = nlp.vocab.strings.add(label)
        self.extra: PhraseMatcher | None = None
        if label in labelled or any(tuple(t.lower for t in d) in seen for d in extra):
            self.extra = PhraseMatcher(nlp.vocab, attr="LOWER")
            self.extra.add(label, extra)
        else:
            self.matcher.add(label, extra)

    def __call__(self, doc: Doc) -> tuple[list, list]:
        matches = self.matcher(doc)
        if self.extra is not None:
            return matches, self.extra(doc)
        key = self.extra_key
        extra = [m for m in matches if m[0] == key]
        if extra:
            matches = [m for m in matches if m[0] != key]
        return matches, extra


def longest_spans(spans: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """``spacy.util.filter_spans`` on (start, end, label) triples, sorted by start: the same
    choice (where spans overlap, the first of the longest wins), without building a Span for
    every candidate the filter drops."""
    if len(spans) < 2:
        return spans
    result = []
    seen: set[int] = set()
    for s in sorted(spans, key=lambda s: (s[1] - s[0], -s[0]), reverse=True):
        if s[0] not in seen and s[1] - 1 not in seen:
            result.append(s)
            seen.update(range(s[0], s[1]))
    return sorted(result, key=lambda s: s[0])


class BatchedComponent:
    """``pipe`` for our components: spaCy's ``nlp.pipe`` hands each component the stream of
    docs, and a component without ``pipe`` gets them one at a time, so every doc passes
    through all six components before the next is tokenised. Running one component over a
    batch before the next keeps its tables and code warm in the CPU caches: on EO 14110 the
    pipeline spends a fifth less time (benchmarks/extract.py)."""

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, docs, batch_size: int = 256):
        for batch in minibatch(docs, size=batch_size):
            for doc in batch:
                self(doc)
            yield from batch


def eolens_sentences(doc: Doc) -> Doc:
    """Sentence starts (token indices, ascending, from 0) in ``doc.user_data[SENT_KEY]``.

    spaCy's own boundary setters (``Token.is_sent_start``, ``Doc.from_array``) check the whole
    doc on every call and cost more than tokenising; read sentences with ``sentences(doc)`` or
    ``sentence_of(doc, i)``."""
    starts = sentence_starts(doc_text(doc))
    n = len(doc)
    tokens = [0]
    if len(starts) > 1 and n:
        # Most provisions are one sentence, the rest a few: a binary search over the tokens'
        # offsets per start costs less than the offsets array and numpy calls on it.
        tokens = []
        lo = 0
        for char in starts:  # ascending, so is the first token at or after each
            hi = n
            while lo < hi:
                mid = (lo + hi) // 2
                if doc[mid].idx < char:
                    lo = mid + 1
                else:
                    hi = mid
            if lo < n and (not tokens or tokens[-1] != lo):
                tokens.append(lo)
        if not tokens or tokens[0] != 0:
            tokens.insert(0, 0)
    # A list: sentence_of is called per trigger and bisect on a list costs a fraction of
    # numpy.searchsorted on a small array.
    doc.user_data[SENT_KEY] = tokens
    return doc


class SentenceSplitter(BatchedComponent):
    def __call__(self, doc: Doc) -> Doc:
        return eolens_sentences(doc)


@Language.factory("eolens_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i``."""
    starts = doc.user_data.get(SENT_KEY)
    if starts is None:
        eolens_sentences(doc)
        starts = doc.user_data[SENT_KEY]
    k = bisect.bisect_right(starts, i) - 1
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return doc[starts[k] : end]


def sentences(doc: Doc) -> list[Span]:
    starts = doc.user_data.get(SENT_KEY)
    if starts is None:
        eolens_sentences(doc)
        starts = doc.user_data[SENT_KEY]
    bounds = [*starts, len(doc)]
    return [doc[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def _load_patterns(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class TriggerMatcher(BatchedComponent):
    """Marks directive triggers ("shall", "is directed to", "may not") in doc.spans["trigger"].

    The patterns are phrases (``{"label": kind, "pattern": "is hereby directed to"}``) matched
    case-insensitively with a PhraseMatcher: hash look-ups, several times faster than token
    patterns with optional tokens over every word of every provision."""

    def __init__(self, nlp: Language, name: str = "eolens_triggers"):
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        by_label: dict[str, list[str]] = {}
        for row in _load_patterns(TRIGGERS_FILE):
            by_label.setdefault(row["label"], []).append(row["pattern"])
        for label, phrases in by_label.items():
            self.matcher.add(label, list(nlp.tokenizer.pipe(phrases)))
        self._i = nlp.vocab.strings.add("i")
        self._capital_i = nlp.vocab.strings.add("I")

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for key, start, end in self.matcher(doc):
            first = doc[start]
            # "I hereby direct": the President speaking, never the numeral "(i)".
            if first.lower != self._i or first.orth == self._capital_i:
                found.append((start, end, key))
        # Span objects only for the triggers kept
        doc.spans["trigger"] = [Span(doc, s, e, label=key) for s, e, key in longest_spans(found)]
        return doc


@Language.factory("eolens_triggers")
def make_trigger_matcher(nlp: Language, name: str) -> TriggerMatcher:
    return TriggerMatcher(nlp, name)


def _register_recognisers() -> list[str]:
    for module in _RECOGNISER_MODULES:
        try:
            importlib.import_module(module)
        except ImportError:
            continue
    return [name for name in RECOGNISERS if Language.has_factory(name)]


@functools.cache
def build_pipeline() -> Language:
    """The shared pipeline (built once per process; treat it as read-only)."""
    nlp = keep_text(spacy.blank("en"))
    nlp.add_pipe("eolens_sentences")
    for name in _register_recognisers():
        nlp.add_pipe(name)
    nlp.add_pipe("eolens_triggers")
    # The pipeline (vocab, patterns, matchers) and the modules loaded for it are some hundred
    # thousand objects that live as long as the process. Freezing them keeps every later full
    # collection from walking them again: extraction makes many short-lived spaCy objects, and
    # those collections cost it about a tenth of its time (benchmarks/extract.py).
    gc.collect()
    gc.freeze()
    return nlp


def has_recogniser(name: str) -> bool:
    return name in build_pipeline().pipe_names
