"""Critical infrastructure sectors and the groups a provision targets.

Data: ``data/reference/sectors.json`` (the 16 CISA sectors with the phrases that name them, and
named groups with the sectors they clearly belong to; see its ``about``).

Component ``eolens_sectors`` writes

* ``doc.spans["group"]``: populations and entities as written ("rural hospitals", "AI
  developers", "State and local authorities"), label_ = the text as written; the longest group
  phrase wins ("rural hospitals" over "hospitals");
* ``doc.spans["sector"]``: label_ = CISA sector name, for phrases that name a sector ("the
  energy sector") and for every group mapped to sectors (one span per sector, on the group's
  tokens: "local utilities" -> Energy and Water and Wastewater Systems).

Bare words such as "energy" or "health" never count: "Secretary of Energy" and "public health
emergency" target no sector.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eolens.nlp.pipeline import BatchedComponent, SharedPhraseMatcher, doc_text, longest_spans
from spacy.language import Language
from spacy.tokens import Doc, Span

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "reference" / "sectors.json"
SECTOR_KEY = "sector"
GROUP_KEY = "group"


@dataclass(frozen=True, slots=True)
class SectorData:
    sectors: tuple[str, ...]  # the 16 names, in the data's order
    aliases: dict[str, str]  # lowercased phrase -> sector
    groups: dict[str, tuple[str, ...]]  # lowercased group phrase -> sectors (may be empty)

    def sectors_for(self, text: str) -> tuple[str, ...]:
        """Sectors named or targeted by a phrase (a sector alias or a group)."""
        t = " ".join(text.lower().split())
        if t.startswith("the "):
            t = t[4:]
        if t in self.aliases:
            return (self.aliases[t],)
        return self.groups.get(t, ())


@lru_cache(maxsize=4)
def load_sectors(path: str | None = None) -> SectorData:
    data = json.loads(Path(path or DEFAULT_PATH).read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}
    for s in data["sectors"]:
        for a in s["aliases"]:
            aliases.setdefault(a.lower(), s["name"])
    groups: dict[str, tuple[str, ...]] = {}
    for g in data["groups"]:
        for p in g["patterns"]:
            groups.setdefault(p.lower(), tuple(g["sectors"]))
    return SectorData(tuple(s["name"] for s in data["sectors"]), aliases, groups)


_GROUP = "GROUP"


class SectorRecogniser(BatchedComponent):
    def __init__(self, nlp: Language, data: SectorData):
        self.data = data
        by_sector: dict[str, list[str]] = {}
        for phrase, sector in data.aliases.items():
            by_sector.setdefault(sector, []).append(phrase)
        # Groups share the sector aliases' walk of each doc.
        self.matcher = SharedPhraseMatcher(
            nlp,
            {sector: list(nlp.tokenizer.pipe(phrases)) for sector, phrases in by_sector.items()},
            _GROUP,
            nlp.tokenizer.pipe(list(data.groups)),
        )

    def __call__(self, doc: Doc) -> Doc:
        # Match tuples until the overlaps are resolved: Span objects only for what is kept.
        named_matches, group_matches = self.matcher(doc)
        if not group_matches and not named_matches:  # most paragraphs
            doc.spans[GROUP_KEY] = []
            doc.spans[SECTOR_KEY] = []
            return doc
        strings = doc.vocab.strings
        sectors = [
            (start, end, strings[key])
            for start, end, key in longest_spans([(s, e, k) for k, s, e in named_matches])
        ]
        group_spans = []
        if group_matches:
            text = doc_text(doc)
            for start, end, _ in longest_spans([(s, e, k) for k, s, e in group_matches]):
                last = doc[end - 1]
                # Span.text, without a Span and without joining the tokens again
                written = text[doc[start].idx : last.idx + len(last)]
                group_spans.append(Span(doc, start, end, label=written))
                sectors.extend(
                    (start, end, s)
                    for s in self.data.groups.get(" ".join(written.lower().split()), ())
                )
        doc.spans[GROUP_KEY] = group_spans
        doc.spans[SECTOR_KEY] = [
            Span(doc, start, end, label=label)
            for start, end, label in sorted(sectors, key=lambda s: (s[0], s[2]))
        ]
        return doc


@Language.factory("eolens_sectors", default_config={"path": None})
def make_sector_recogniser(nlp: Language, name: str, path: str | None) -> SectorRecogniser:
    return SectorRecogniser(nlp, load_sectors(path))
