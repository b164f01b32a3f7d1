"""Per-doc token facts as plain Python lists, built once per doc and shared by the rules.

``doc[i]`` builds a Token object and ``doc[a:b]`` a Span on every access; the clause, actor
and deadline rules read the same tokens many times per provision, so they read these lists
instead (``doc[a:b].text`` is ``facts.span_text(a, b)``, cut from the doc's string).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from eolens.nlp.pipeline import doc_text
from spacy.attrs import IDX, ORTH
from spacy.tokens import Doc

FACTS_KEY = "eolens.tokens"
MENTION_KEY = "agency"  # the gazetteer's span group (eolens.nlp.gazetteer.SPAN_KEY)

# Orth hash -> (text, lower, punct or space, space, like a number): lexical attributes, the
# same for every token of one spelling, so a dict look-up per token replaces asking
# Doc.to_array for four more columns (which cost more than the rest of the facts together).
_LEXICAL: dict[int, tuple[str, str, bool, bool, bool]] = {}


def _lexical(doc: Doc, orths: list[int]) -> list[tuple[str, str, bool, bool, bool]]:
    try:
        return list(map(_LEXICAL.__getitem__, orths))
    except KeyError:
        if len(_LEXICAL) > 200_000:
            _LEXICAL.clear()
        vocab = doc.vocab
        for h in set(orths).difference(_LEXICAL):
            lex = vocab[h]
            _LEXICAL[h] = (
                lex.orth_,
                lex.lower_,
                lex.is_punct or lex.is_space,
                lex.is_space,
                lex.like_num,
            )
        return list(map(_LEXICAL.__getitem__, orths))


class Mention(NamedTuple):
    """What the rules read of an agency mention (a Span computes each on every access; a
    tuple is the cheapest record to build, one per mention of every analysed provision)."""

    start: int
    end: int
    label_: str
    text: str
    start_char: int
    end_char: int


class TokenFacts:
    __slots__ = (
        "group",
        "idx",
        "lower",
        "mention_starts",
        "mentions",
        "num",
        "punct",
        "sent_starts",
        "sents",
        "space",
        "string",
        "text",
        "trigger_starts",
    )

    def __init__(self, doc: Doc):
        if len(doc):
            orths, idx = doc.to_array([ORTH, IDX]).T.tolist()
            text, lower, punct, space, num = zip(*_lexical(doc, orths), strict=True)
        else:
            idx, text, lower, punct, space, num = [], (), (), (), (), ()
        self.idx = idx
        self.text, self.lower = list(text), list(lower)
        self.punct, self.space, self.num = list(punct), list(space), list(num)
        self.string = doc_text(doc)
        self.group: Any = None
        self.mentions: list[Mention] = []
        self.mention_starts: list[int] = []
        self.read_mentions(doc)
        self.trigger_starts = (
            {t.start for t in doc.spans["trigger"]} if "trigger" in doc.spans else set()
        )
        self.sent_starts: list[int] | None = None
        self.sents: dict[int, Any] = {}

    def read_mentions(self, doc: Doc) -> None:
        group = doc.spans.get(MENTION_KEY)
        self.group = group
        self.mentions = [
            Mention(m.start, m.end, m.label_, self.span_text(m.start, m.end), *self.chars(m))
            for m in (group or ())
        ]
        self.mention_starts = [m.start for m in self.mentions]

    def chars(self, m) -> tuple[int, int]:
        if m.start >= m.end:
            return m.start_char, m.end_char
        return self.idx[m.start], self.idx[m.end - 1] + len(self.text[m.end - 1])

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``: the doc's string from the first token to the end of the
        last (the string is the tokens' texts with their whitespace, in order)."""
        if start >= end:
            return ""
        return self.string[self.idx[start] : self.idx[end - 1] + len(self.text[end - 1])]


def token_facts(doc: Doc) -> TokenFacts:
    facts = doc.user_data.get(FACTS_KEY)
    if facts is None:
        facts = doc.user_data[FACTS_KEY] = TokenFacts(doc)
    return facts


def mention_facts(doc: Doc) -> TokenFacts:
    """``token_facts`` with the mentions of the doc's current agency span group (re-read when
    the group was replaced after the facts were built)."""
    facts = token_facts(doc)
    if facts.group is not doc.spans.get(MENTION_KEY):
        facts.read_mentions(doc)
    return facts
