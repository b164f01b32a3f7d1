"""The spaCy pipeline EO Lens analyses provisions with.

``build_pipeline()`` is ``spacy.blank("en")`` plus, in order:

* ``eolens_sentences``: a rule-based sentence splitter for legal text (no statistics). A sentence
  ends at ``. ? !`` (optionally followed by a closing quote or bracket) when the next word starts
  with a capital, a quote or a bracket, unless the word before the stop is a known abbreviation
  ("Sec.", "U.S.", "e.g.", "Inc.", "No."); a line break always ends a sentence.
* the entity recognisers' components (``eolens_agencies``, ``eolens_sectors``,
  ``eolens_citations``, ``eolens_deadlines``) when they are registered, so the directive engine
  runs (with fewer facts) before they exist;
* ``eolens_triggers``: directive markers from ``patterns/triggers.jsonl`` written to
  ``doc.spans["trigger"]`` with the directive kind as label (longest match wins, so "shall not"
  beats "shall").

spaCy refuses texts over ``nlp.max_length`` characters: callers analyse one provision at a time
(see ``eolens.nlp.directives``), never a whole long document.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
from pathlib import Path

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.util import filter_spans

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


@Language.component("eolens_sentences")
def eolens_sentences(doc: Doc) -> Doc:
    if not len(doc):
        return doc
    idx = doc.to_array("IDX")
    flags = numpy.full(len(doc), -1, dtype="int32")
    flags[0] = 1
    starts = sentence_starts(doc.text)
    tok = numpy.searchsorted(idx, numpy.asarray(starts, dtype=idx.dtype), side="left")
    tok = tok[tok < len(doc)]
    flags[tok] = 1
    doc.from_array([SENT_START], flags.reshape(-1, 1).astype("uint64"))
    return doc


def _load_patterns(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class TriggerMatcher:
    """Marks directive triggers ("shall", "is directed to", "may not") in doc.spans["trigger"]."""

    def __init__(self, nlp: Language, name: str = "eolens_triggers"):
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        for i, row in enumerate(_load_patterns(TRIGGERS_FILE)):
            self.matcher.add(f"{row['label']}#{i}", [row["pattern"]])

    def __call__(self, doc: Doc) -> Doc:
        spans = self.matcher(doc, as_spans=True)
        kept = []
        for span in filter_spans(spans):
            span.label_ = span.label_.split("#", 1)[0]
            kept.append(span)
        doc.spans["trigger"] = kept
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
    nlp = spacy.blank("en")
    nlp.add_pipe("eolens_sentences")
    for name in _register_recognisers():
        nlp.add_pipe(name)
    nlp.add_pipe("eolens_triggers")
    return nlp


def has_recogniser(name: str) -> bool:
    return name in build_pipeline().pipe_names
