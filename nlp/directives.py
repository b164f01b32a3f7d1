"""Directives from an outlined document: who must (or may) do what, by when.

How a provision is read (the rules, in the order they apply):

1. Each outline node's *own* text (``body_start`` to its first child) is analysed on its own,
   with its pinpoint. Nodes with no trigger word and no analysed ancestor skip spaCy entirely.
2. A trigger (``doc.spans["trigger"]``) counts only if its sentence is not a standing
   non-directive formula (``eolens.nlp.classify``) and it is not inside quoted text of another
   order (amending language quotes other orders' "shall"; see 10 for inserted text).
3. **Actor = subject of the trigger.** Within the trigger's clause (from the sentence start, a
   ``;`` or ``:``, or the previous main-clause trigger), leading adverbial comma segments
   ("Within 30 days of the date of this order,", "to ensure ...,", "As set forth in ...,") are
   dropped; the rest up to the trigger is the actor phrase, resolved with
   ``eolens.nlp.actors.parse_actor``. After an earlier trigger in the same sentence, the actor
   phrase starts after a coordinator (", and the Secretary of X shall ...").
4. **Subject not an actor -> not a separate directive.** If the phrase resolves to no agency and
   no generic actor ("the report shall include", "such guidelines shall address"), the sentence
   describes the content of a deliverable, not a new duty. Exception: a passive with an agent
   ("... shall be made by the Director of NSA") takes the agent as actor.
5. A trigger whose actor phrase contains a subordinator ("as the Secretary may deem
   appropriate", "Provide that the Secretary may ...") belongs to a subordinate clause: skipped.
6. **Lead-ins.** A provision whose own text ends with ":" lists its direct children as the items
   of its last directive. Children without a trigger of their own belong to it (class
   ``directive``, no record of their own, they inherit actor, kind and deadline). A child with
   its own actor (its own trigger) or its own deadline is its own record; a child with its own
   deadline but no trigger inherits the lead-in's actor and kind.
7. **Deadline** = deadline spans in the directive's clause before the trigger, else after it in
   the same sentence, else inherited from the nearest directive ancestor (a lead-in).
8. **One record per (pinpoint, actor).** A second directive at the same pinpoint with the same
   lead agencies, or with an anaphoric actor ("The Secretary shall also ...", "Each shall ...",
   "Such agencies shall ..."), merges into the first (its recurrence, "every 60 days",
   fills a record that has none); different actors give separate records, and so does the
   same actor with a different dated deadline of its own, also when the first has none ("X
   shall establish ... . X shall commence ... no later than <date>."; but "X shall complete
   this review within 30 days" opens on the first one's object and dates it) or when its
   second verb phrase has its own deadline ("..., and within 180 days ..., shall identify").
9. **Not a trigger:** the verb of a relative clause ("a Task Force that shall ...", ", which
   shall include"), "may" before a verb of state ("agencies may have gaps", "risks that may
   arise"), the month "May 7", a verb phrase coordinated with an earlier trigger ("... must
   include X and shall be included in Y": same subject), and a subordinate "as the Chair may
   designate".
10. **Inserted text.** Quoted text of another order is skipped, unless this order inserts it
   ("... and inserting, in lieu thereof, the following: “...”"): its directives are records of
   the quoting pinpoint, merged per quoted paragraph, their "this order" dated from the amended
   order ("Executive Order N of <date>" cited before the quote); a lead-in inside the quote
   ("agencies shall take the following actions:") is no record.
11. **Lead-ins and their items.** Items of a policy lead-in ("It is the policy ... that:") are
   policy. An item's own actor does not inherit the lead-in's deadline (only the lead-in's own
   actor and passives with an agent, "Such a determination shall be made by X", do). A dated
   item without an actor of its own inherits the lead-in's actor only when the lead-in's own
   directive opens the list ("the Secretary shall:"), not when the list is the content of a
   deliverable ("The guidance shall specify:") or the dated sentence has a non-actor subject.
12. **Actor phrase.** A pronoun subject ("they shall") stands for the subject of the fronted
   clause ("As agencies ..., they shall"); "members of the FAR Council" act as the Council; a
   possessed head ("Agencies’ policies") or a thing sent to an actor ("Comments to the
   Secretary") is no actor; a passive agent may follow a long adverbial ("shall be reported to
   X in writing by heads of agencies").
13. **Action** = the verb phrase: interposed adverbials ("shall, within 90 days ..., in
   consultation with X, Y, and Z, develop"), "each", "as soon as practicable", a deadline's
   "or 180 days after ..., whichever comes later" alternative are skipped; "I hereby direct X
   ... to VERB" gives VERB's phrase; a passive with agent is made active ("make such a
   determination"); a noun item takes the lead-in's verb ("submit ... a report").
14. **Frames.** A lead-in with no actor of its own ("Within 90 days of the date of this
   order:", "..., the following actions shall be taken:") is no record; its deadline passes
   to every item's actor (rule 11 is for lead-ins that are themselves a directive).
15. "subject to the concurrence of X": X is ``consulted``, never a lead.
16. What the Government "must" do is an aspiration (rule 4), but "the United States
   Government shall not ..." (also after a sentence adverb, "However, ...") is a prohibition
   binding every agency: a generic actor.
17. A stated need ("X must be able to ...", "must be capable of", "X must have ...") is no
   directive when a real directive follows in the same provision (the need it meets).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from eolens.nlp import classify
from eolens.nlp.model import (
    AgencyRef,
    Deadline,
    Directive,
    DirectiveKind,
    Document,
    Evidence,
    Outline,
    Provision,
)
from eolens.nlp.pipeline import SENT_KEY, build_pipeline, doc_text, sentence_of
from eolens.nlp.shortforms import DocumentTerms, gazetteer_key_ref, gazetteer_ref
from eolens.nlp.tokenfacts import Mention, TokenFacts, mention_facts, token_facts
from spacy.tokens import Doc, Span

ACTION_WORDS = 12
CHUNK_CHARS = 100_000

# First words of comma segments that are adverbials, not the subject.
_ADVERBIAL_STARTS = frozenset(
    [
        "within",
        "by",
        "no",
        "not",
        "to",
        "in",
        "as",
        "consistent",
        "upon",
        "after",
        "once",
        "following",
        "where",
        "when",
        "if",
        "unless",
        "beginning",
        "starting",
        "for",
        "pursuant",
        "under",
        "with",
        "at",
        "on",
        "until",
        "before",
        "because",
        "given",
        "moreover",
        "additionally",
        "further",
        "furthermore",
        "accordingly",
        "thereafter",
        "subsequently",
        "also",
        "and",
        "or",
        "but",
        "while",
        "although",
        "through",
        "thereafter",
        "then",
        "further",
        "notwithstanding",
        # participles and prepositions that open a fronted adverbial ("Based on the USTR's
        # determinations ..., the USTR shall")
        "based",
        "regarding",
        "concerning",
        "considering",
        "leveraging",
        "relying",
        "subject",
        "except",
        "including",
        "where",
        "appropriate",
        "during",
        "from",
        "prior",
        "absent",
        "building",
        "drawing",
        "recognizing",
        "taking",
        "using",
        "wherever",
        "whenever",
        "in",
        "order",
        "so",
        "consistently",
        "immediately",
        "promptly",
        "annually",
        "periodically",
        "though",
        "even",
        "despite",
        "since",
        "regardless",
        "rather",
        "whether",
        # sentence adverbs
        "however",
        "nevertheless",
        "nonetheless",
        "instead",
        "likewise",
        "similarly",
        "finally",
        "therefore",
        "thus",
        "hence",
    ]
)
# Subordinating conjunctions: a trigger after one of these sits in a subordinate clause.
_CONJUNCTIONS = frozenset(
    [
        "if",
        "when",
        "where",
        "whether",
        "unless",
        "until",
        "because",
        "although",
        "whenever",
        "wherever",
        "once",
    ]
)
# Relative pronouns and "than" open subordinate clauses too; "once" does not start one here.
_SUBORDINATORS = frozenset(
    [
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "than",
    ]
) | (_CONJUNCTIONS - {"once"})
_PREPOSITIONS = frozenset(
    {"of", "in", "to", "under", "by", "with", "for", "from", "on", "at", "through", "within"}
)
_DETERMINERS = frozenset(
    ["the", "each", "all", "every", "any", "such", "both", "either", "relevant", "appropriate"]
)
_COORDINATORS = frozenset({"and", "or", "while", "but", "whereas", "then"})
# A trigger right after one of these is the verb of a relative clause ("a Task Force that
# shall ...", "harms that may be exacerbated"): it describes a noun, it directs no one.
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
_PRONOUNS = frozenset({"they", "it", "he", "she"})
_DISTRIBUTIVE = frozenset({"each", "both"})
_ACTOR_LEAD_WORDS = frozenset(
    [
        *("a", "an", "of", "other", "such", "these", "those", "their", "its", "covered"),
        *("senior", "federal", "relevant", "appropriate", "all", "every", "member", "members"),
        *("representatives", "agency", "agencies", ",", "and", "or", "from"),
    ]
)
# "agencies may have gaps", "risks that may arise": "may" before a verb of state or event is
# a possibility, not a permission (which takes a verb of doing: "may establish").
_EPISTEMIC_VERBS = frozenset(
    [
        "have",
        "lack",
        "be",
        "become",
        "arise",
        "occur",
        "result",
        "affect",
        "pose",
        "exist",
        "contain",
        "include",
        "face",
        "need",
        "differ",
        "vary",
        "seem",
        "appear",
        "prove",
        "remain",
        "experience",
        "suffer",
    ]
)
# Words that may stand between "shall" and "be <participle> by": "shall neither be ...".
_PASSIVE_ADVERBS = frozenset({"not", "neither", "also", "each", "jointly", "promptly", "only"})
# Words that open an adverbial the action skips ("shall, within 90 days ..., develop").
_ACTION_SKIP = _ADVERBIAL_STARTS | {"whichever", "jointly", "where", "including", "known"}
# Adverbials without commas between the trigger and the verb ("shall each submit", "shall as
# soon as practicable issue", "shall within 30 days of the date of this order prepare").
_LEADING_ADVERBIAL = re.compile(
    r"^(?:each|also|jointly|promptly|immediately|thereafter|"
    r"to\s+the\s+(?:maximum\s+|fullest\s+|greatest\s+)?extent\s+(?:practicable|possible|"
    r"feasible|appropriate|permitted\s+by\s+(?:applicable\s+)?law|consistent\s+with\s+"
    r"applicable\s+law)|as\s+soon\s+as\s+(?:practicable|possible|feasible)|"
    r"in\s+a\s+timely\s+manner|as\s+appropriate|"
    r"(?:within|not\s+later\s+than|no\s+later\s+than)\s+\d+\s+(?:days|months)\s+"
    r"(?:of|after|from)\s+the\s+date\s+of\s+this\s+(?:order|memorandum))\s*,?\s+",
    re.IGNORECASE,
)
# Words that cannot open a verb phrase after "shall": an adverbial without its opening comma
# ("shall in coordination with X, deliver ...").
_PREPOSED_ADVERBIAL = frozenset(
    ["in", "within", "consistent", "upon", "after", "through", "pursuant", "under", "following"]
)
_IRREGULAR_PARTICIPLES = {
    "made": "make",
    "taken": "take",
    "given": "give",
    "done": "do",
    "sent": "send",
    "held": "hold",
    "set": "set",
    "put": "put",
    "led": "lead",
    "brought": "bring",
    "sought": "seek",
    "kept": "keep",
    "met": "meet",
    "paid": "pay",
    "borne": "bear",
    "built": "build",
    "chosen": "choose",
    "drawn": "draw",
    "written": "write",
    "undertaken": "undertake",
    "shown": "show",
    "known": "know",
    "seen": "see",
    "read": "read",
    "begun": "begin",
    "found": "find",
    "spent": "spend",
    "used": "use",
    "neither": "",
}
_PASSIVE_STOP = frozenset(
    [
        "to",
        "within",
        "by",
        "no",
        "not",
        "on",
        "at",
        "under",
        "pursuant",
        "consistent",
        "that",
        "which",
        "who",
        "as",
        "for",
        "from",
        "after",
        "before",
        "until",
        "upon",
        "so",
    ]
)
_ANAPHORA = re.compile(
    r"^(?:such|these|those|said)\s+(?:agencies|agency|heads?(?:\s+of\s+agencies)?|"
    r"agency\s+heads|officials|entities|departments)$|"
    r"^(?:the\s+)?(?:secretary|director|administrator|attorney\s+general|chair(?:man|person)?|"
    r"committee|council|board|commission|administration|agency|department|office|each|they|"
    r"it|he|she|both|task\s+force|executive\s+director|chair\s+of\s+the\s+council)$",
    re.IGNORECASE,
)
_HEAD_STOP = frozenset(
    [
        "of",
        "for",
        "on",
        "in",
        "to",
        "that",
        "which",
        "who",
        "with",
        "required",
        "described",
        "issued",
        "developed",
        "established",
        "under",
        "by",
        "from",
        "at",
    ]
)
_BACK_REFERENCES = frozenset(["this", "these", "such", "that", "those", "it", "them", "same"])
_CONCURRENCE_STOP = frozenset(["after", "in", "with", "through", "acting", "upon", "following"])
_MEANS_LEAD_IN = re.compile(r"\b(?:by|through|via)\s*:\s*$")
_FRAME_DEADLINE = re.compile(r"\b(?:within|by|no later than|not later than)\b", re.IGNORECASE)
_WHICHEVER_LATER = re.compile(r"\bwhichever\s+(?:is|comes|occurs)\s+later\b", re.IGNORECASE)
# Generic subjects that name no one who can be held to a duty: the President's aspirations
# ("The Federal Government must improve its efforts ..."), not directives.
_NOT_ADDRESSEE = re.compile(
    r"^(?:the\s+)?(?:federal\s+government|united\s+states(?:\s+government)?|government|"
    r"nation|country|private\s+sector|american\s+people|public|we|my\s+administration)$",
    re.IGNORECASE,
)
_DELIVERABLE = re.compile(
    r"\b(guidance|guidelines|report|plan|framework|strategy|standards?|assessment|study|"
    r"recommendations|memorandum|rules?|regulations|roadmap|review|inventory|list|criteria|"
    r"definition|playbook|procedures|policy|program|process)\b",
    re.IGNORECASE,
)
_QUOTE_MARKS = re.compile("[“”]")
# "agency members of the FAR Council shall jointly ...": the members act as the body.
_MEMBERS_OF = re.compile(r"^(?:the\s+)?(?:\w+\s+)?members\s+of\s+(?:the\s+)?\S", re.IGNORECASE)
# "systems described in section 3553(e)(2) of that Act": a qualifier, not an unknown actor.
_QUALIFIER = re.compile(
    r"^(?:for|of|in|under|with|to|from|on|at)\s|"
    r"^(?:of\s+)?(?:that|this|such|the)\s+(?:act|section|subsection|order|memorandum|title|"
    r"chapter|part|statute|law)$|^(?:section|subsection)\b|"
    # a participial postmodifier of the actor ("represented at the National Interagency Fire
    # Center", "located in", "designated by")
    r"^[a-z]+(?:ed|ing)\s+(?:at|in|on|by|under|to|with|from|for|within)\s",
    re.IGNORECASE,
)
# Text that an amendment inserts into another order: "... and inserting, in lieu thereof, the
# following:", "... is amended to read as follows:", "by adding at the end the following:".
_INSERTING = re.compile(
    r"(?:\binsert(?:ing|ed)?\b|\badd(?:ing|ed)?\b|\bread\s+as\s+follows|\bthe\s+following)"
    r"[^“”\n]{0,60}:?\s*$",
    re.IGNORECASE,
)
_AMENDED_ORDER_DATE = re.compile(
    r"\bExecutive\s+Order\s+\d{4,5}\s+of\s+((?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+\d{1,2},\s+\d{4})"
)
_FUNCTION_WORDS = re.compile(r"^(?:the|a|an|each|such|any|all|and|or)$", re.IGNORECASE)
_PINPOINT_REF = re.compile(
    r"\b(?:sub)?sections?\s+(\d+(?:\.\d+)?(?:\([a-zA-Z0-9]{1,5}\))*)", re.IGNORECASE
)
_GENERIC_HEADS = re.compile(
    r"\b(?:agency|agencies|heads?|departments?|secretaries|directors|officials?|officers?|"
    r"administrators?|councils?|committees?|boards?|offices?|commissions?|members?|"
    r"government|regulators|SRMAs|components|chairs?|task\s+force|working\s+group)\b",
    re.IGNORECASE,
)
_ACTOR_HEADS = re.compile(
    r"\b(?:secretary|director|administrator|attorney\s+general|chair(?:man|woman|person)?|"
    r"heads?|committee|council|board|commission(?:er)?|agency|agencies|department|office|officer|"
    r"advisor|adviser|assistant\s+to\s+the\s+president|coordinator|representative|"
    r"administration|bureau|service|heads?\s+of|task\s+force|working\s+group|czar|"
    r"comptroller|surgeon\s+general|inspector\s+general|counsel|governor|mayor|enterprise|"
    r"commanders?)\b",
    re.IGNORECASE,
)

_STRENGTH = {"obligation": 0.95, "prohibition": 0.95, "encouragement": 0.85, "permission": 0.75}


@dataclass(frozen=True)
class ActorResult:
    phrase: str
    start: int  # document offsets of the actor phrase
    end: int
    agencies: tuple[AgencyRef, ...]
    evidence: tuple[Evidence, ...]
    unresolved: tuple[str, ...]
    passive: bool = False
    passive_verb: str = ""  # the participle's base form ("made" -> "make")
    passive_rest: str = ""  # words between the participle and "by"


@dataclass
class _Draft:
    """A directive under construction (mutable until the provision pass ends)."""

    provision: Provision
    kind: DirectiveKind
    actor: ActorResult
    trigger: Span
    base: int
    sentence: _Sent
    clause_start: int  # token index where the clause begins
    deadline: Deadline | None = None
    deadline_evidence: tuple[Evidence, ...] = ()
    items: tuple[str, ...] = ()
    item_idx: tuple[int, ...] = ()
    index: int = -1  # position of the provision in the outline
    span: tuple[int, int] = (0, 0)
    extra_evidence: list[Evidence] = field(default_factory=list)
    inherited: bool = False
    quote_para: int | None = None  # start of the inserted quoted paragraph it stands in
    opens_list: bool = False  # one of its sentences ends in ":" (it is the items' lead-in)
    coordinated: bool = False  # "... and shall not ...": a verb phrase of the subject before
    action: str | None = None  # set when the verb phrase is not the words after the trigger
    finding: bool = False  # "X must be able to ...": a need stated, not an instruction


@dataclass
class DirectiveResult:
    directives: list[Directive]
    classes: dict[str, str]
    unresolved: list[str]


# --- actor resolution ---------------------------------------------------------------------


@functools.cache
def _parse_actor_fn():
    try:
        from eolens.nlp.actors import parse_actor
    except ImportError:
        return None
    return parse_actor


def _titled_actor(doc: Doc, start: int, end: int):
    """An actor the gazetteer does not know, kept as written when the head of the phrase is an
    office ("the Chair of the Foo Board"): a generic lead, reported as unresolved."""
    tk = token_facts(doc)
    head_end = start
    while (
        head_end < end
        and tk.text[head_end][-1:] not in {",", ":", ";"}
        and tk.lower[head_end] not in _HEAD_STOP
    ):
        head_end += 1
    for i in range(start, head_end):
        if tk.text[i] in {"’s", "'s", "’", "'"}:
            start = i + 1  # "The Board’s membership": the head is "membership"
    head = _text(doc, start, head_end)
    if not _ACTOR_HEADS.search(head):
        return (), (), ()
    text = " ".join(_text(doc, start, end).strip(" ,").split())
    if "(" in text:
        # "The Executive Director (Executive Director) of the Federal Permitting Improvement
        # Steering Council (FPISC)": the short forms in brackets split the title the gazetteer
        # knows.
        known = gazetteer_ref(re.sub(r"\s*\([^()]*\)", "", text))
        if known is not None:
            return (known,), (), ()
    ref = AgencyRef(name=text, acronym=None, role="lead")
    return (ref,), (), (text,)


def _drop_exceptions(doc: Doc, start: int, end: int, base: int, agencies, evidence):
    """ "each agency (except for the Department of Defense ...)": the excepted are no actors."""
    tk = token_facts(doc)
    excluded: list[tuple[int, int]] = []
    for i in range(start, end - 1):
        if tk.text[i] == "(" and tk.lower[i + 1] in {"except", "excluding", "other", "but"}:
            j = i + 1
            while j < end and tk.text[j] != ")":
                j += 1
            excluded.append((base + doc[i].idx, base + doc[min(j, end - 1)].idx + 1))
    if not excluded:
        return agencies, evidence
    out_names = {e.label for e in evidence if any(a <= e.start < b for a, b in excluded)}
    kept_names = {e.label for e in evidence if not any(a <= e.start < b for a, b in excluded)}
    dropped = out_names - kept_names
    agencies = tuple(a for a in agencies if a.name not in dropped)
    evidence = tuple(e for e in evidence if e.label not in dropped)
    return agencies, evidence


def _concurring(doc: Doc, start: int, end: int, base: int, agencies, evidence):
    """ "X, subject to the concurrence of Y and after consultation with Z, shall": Y agrees to
    what X does; like a consulted party, it is never a lead."""
    tk = token_facts(doc)
    spans: list[tuple[int, int]] = []
    for i in range(start, end - 1):
        if tk.lower[i] == "concurrence" and tk.lower[i + 1] in {"of", "by"}:
            j = i + 2
            while j < end and tk.text[j] not in {",", ";", "(", ")"}:
                if tk.lower[j] == "and" and j + 1 < end and tk.lower[j + 1] in _CONCURRENCE_STOP:
                    break
                j += 1
            spans.append((base + doc[i].idx, base + doc[j - 1].idx + len(doc[j - 1])))
    if not spans:
        return agencies
    names = {e.label for e in evidence if any(a <= e.start < b for a, b in spans)}
    return tuple(
        replace(a, role="consulted") if a.role == "lead" and a.name in names else a
        for a in agencies
    )


def _possessed_head(doc: Doc, start: int, end: int) -> bool:
    """ "Agencies’ policies must ...": the subject is a thing the actor has, not the actor."""
    tk = token_facts(doc)
    k = bisect.bisect_left(tk.mention_starts, start)
    if k >= len(tk.mentions):
        return False
    after = tk.mentions[k].end
    if after >= end or tk.text[after] not in {"’s", "'s", "’", "'"}:
        return False
    return not _ACTOR_HEADS.search(_text(doc, after + 1, end))


def _dedupe(agencies: Iterable[AgencyRef]) -> tuple[AgencyRef, ...]:
    """One entry per agency, first role wins ("the Director of CISA (CISA)" names one)."""
    seen: set[str] = set()
    out = []
    for a in agencies:
        ident = a.key or a.name.lower()
        if ident not in seen:
            seen.add(ident)
            out.append(a)
    return tuple(out)


def _cut_relative_clause(doc: Doc, start: int, end: int) -> int:
    """ "the heads of agencies whom the Director of NSF identifies": the relative clause at the
    end of an actor phrase names who chooses the actor, not a further actor."""
    tk = token_facts(doc)
    if "agency" not in doc.spans:
        return end
    first = next((m.start for m in tk.mentions if start <= m.start < end), None)
    if first is None:
        return end
    for i in range(first + 1, end):
        if tk.lower[i] in _SUBORDINATORS:
            if not any(t.text in {",", ";"} for t in doc[i:end]):
                return i
            break
    return end


def resolve_actor(doc: Doc, start: int, end: int, base: int) -> ActorResult | None:
    """The agencies named by tokens [start, end), or None when they name no actor."""
    tk = token_facts(doc)
    while start < end and tk.punct[start]:
        start += 1
    while end > start and tk.punct[end - 1]:
        end -= 1
    if start >= end:
        return None
    # "agencies (agencies) may": keep the bracket that closes an acronym of the phrase.
    opened = sum(1 for i in range(start, end) if tk.text[i] == "(")
    closed = sum(1 for i in range(start, end) if tk.text[i] == ")")
    if opened > closed and end < len(tk.text) and tk.text[end] == ")":
        end += 1
    end = _cut_relative_clause(doc, start, end)
    if _MEMBERS_OF.match(_text(doc, start, end)):
        k = bisect.bisect_left(tk.mention_starts, start)
        if k < len(tk.mentions) and tk.mentions[k].start <= start + 5:
            body = tk.mentions[k]
            if body.label_ != "GENERIC" and body.end <= end:
                found = resolve_actor(doc, body.start, end, base)
                if found is not None:
                    return replace(
                        found, phrase=_text(doc, start, end), start=base + doc[start].idx
                    )
    parse = _parse_actor_fn()
    if parse is None:
        agencies, evidence, unresolved = _titled_actor(doc, start, end)
    else:
        result = parse(doc, start, end, offset=base)
        agencies, evidence, unresolved = result.agencies, result.evidence, result.unresolved
        if not _mention_opens_phrase(doc, start):
            head_end, joined = _head_before_connective(doc, start, end) or (None, None)
            titled = _titled_actor(doc, start, head_end) if head_end is not None else ((),)
            if titled[0]:
                # "The Secretary, in coordination with the APST and ...": an office the
                # gazetteer cannot place (a short form, for the anaphora rule), then those it
                # works with, who keep their roles; "the Secretary, through the Commissioner
                # of Food and Drugs": the first of them acts for it.
                cut = base + tk.idx[head_end]
                if joined == "through" and agencies and agencies[0].role == "lead":
                    agencies = (replace(agencies[0], role="through"), *agencies[1:])
                agencies = (*titled[0], *(a for a in agencies if a.role != "lead"))
                evidence = tuple(e for e in evidence if e.start >= cut)
                unresolved = titled[2]
            else:
                # "the report required by the Secretary": a mention inside is not the subject.
                agencies, evidence, unresolved = _titled_actor(doc, start, end)
        elif _possessed_head(doc, start, end):
            return None
        agencies, evidence = _drop_exceptions(doc, start, end, base, agencies, evidence)
        agencies = _concurring(doc, start, end, base, agencies, evidence)
        agencies = _dedupe(agencies)
        unresolved = tuple(
            u for u in unresolved if not _FUNCTION_WORDS.match(u) and not _QUALIFIER.search(u)
        )
    leads = [a for a in agencies if a.role == "lead"]
    if not leads or all(a.key is None and _NOT_ADDRESSEE.match(a.name) for a in leads):
        return None
    span = doc[start:end]
    return ActorResult(
        phrase=_text(doc, start, end),
        start=base + span.start_char,
        end=base + span.end_char,
        agencies=tuple(agencies),
        evidence=tuple(evidence),
        unresolved=tuple(unresolved),
    )


def _head_before_connective(doc: Doc, start: int, end: int) -> tuple[int, str] | None:
    """End of the head of "The Secretary, in coordination with X, ...": the comma before the
    first connective, with the connective's role, when the head before it names no agency."""
    from eolens.nlp.actors import connective_at  # as _parse_actor_fn: actors is optional

    tk = token_facts(doc)
    for i in range(start + 1, end - 1):
        if tk.text[i] == ",":
            found = connective_at(tk.lower, i + 1)
            return (i, found[1]) if found is not None and found[1] != "lead" else None
    return None


def _text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` cut from the doc's string: Span.text builds a Token object per
    token, which the deadline and actor rules paid for on every clause."""
    tk = token_facts(doc)
    if start < 0 or end > len(tk.text):
        return doc[start:end].text
    return tk.span_text(start, end)


def _segments(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-separated token ranges of [start, end)."""
    tk = token_facts(doc)
    out, seg = [], start
    for i in range(start, end):
        if tk.text[i] in {",", "—", "–"}:
            if i > seg:
                out.append((seg, i))
            seg = i + 1
    if end > seg:
        out.append((seg, end))
    return out


def _subject_start(doc: Doc, start: int, end: int) -> int | None:
    """Token where the subject begins in a clause [start, end).

    Leading adverbial comma segments are skipped; the subject is the first remaining segment
    that opens with an agency mention ("the Secretary of Commerce, acting through ..."), else
    the first that opens with a determiner or a capital (an actor the gazetteer lacks)."""
    candidates = []
    tk = token_facts(doc)
    previous = None  # the segment before, when it could open the subject
    for s, _ in _segments(doc, start, end):
        low = tk.lower[s]
        if low in _ADVERBIAL_STARTS or tk.punct[s] or tk.num[s]:
            previous = None
            continue
        if s > start and low in _RELATIVE_PRONOUNS and not _is_determiner_that(tk, s):
            # "With respect to the actions, if any, that the USTR determines to take ..., the
            # USTR shall": a relative clause after a comma is no subject.
            previous = None
            continue
        if _starts_with_mention(doc, s):
            # "Commanders, directors, and heads of agencies shall": a bare lower-case plural
            # continues the list the segment before opened.
            if previous is not None and low not in _DETERMINERS and tk.text[s][:1].islower():
                return previous
            return s
        opens_subject = low in _DETERMINERS or low in _PRONOUNS or tk.text[s][:1].isupper()
        if opens_subject or _MEMBERS_OF.match(_text(doc, s, end)):
            candidates.append(s)
            previous = s if previous is None else previous
        else:
            previous = None
    return candidates[0] if candidates else None


def _relative_on_subject(tk: TokenFacts, start: int, end: int, mentions) -> bool:
    """ "The head of any agency who determines that such agency does not have ... shall
    submit", "The head of any agency that has taken action ... shall": a relative clause on
    the subject's head holds whatever comes between it and the trigger, subordinators too."""
    for i in range(start, min(end - 1, start + 9)):
        low = tk.lower[i]
        if low in _SUBORDINATORS and low not in {"who", "that"}:
            return False
        if low in {"who", "that"} and i > start:
            after_head = bool(_GENERIC_HEADS.fullmatch(tk.lower[i - 1])) or any(
                m.end == i for m in mentions
            )
            return after_head and i + 1 not in tk.trigger_starts
    return False


def _has_subordinator(doc: Doc, start: int, end: int) -> bool:
    """Whether the subject in [start, end) sits inside a subordinate clause.

    Only subordinators before the first agency mention count ("Provide that the Secretary ...
    may"); after it they open relative clauses inside the actor list ("the heads of agencies
    that the Director deems appropriate, shall"). Each subordinator is closed by the next
    trigger after it: "as the Secretary may deem appropriate" leaves the main "shall" main."""
    tk = token_facts(doc)
    if "agency" in doc.spans:
        mentions = [m for m in tk.mentions if start <= m.start and m.end <= end]
        if _relative_on_subject(tk, start, end, mentions):
            return False
        if mentions and _subordinate_subject(doc, mentions[-1], end):
            return True
        # "... uses of AI that may affect", "as may be necessary": a relative pronoun right
        # before the trigger is its subject. "whether such measures should": a conjunction
        # opens a clause whose subject is no actor.
        last_sub = max(
            (
                i
                for i in range(start, end)
                if (tk.lower[i] in _SUBORDINATORS or tk.lower[i] == "as")
                and not _is_determiner_that(tk, i)
            ),
            default=None,
        )
        if last_sub is not None and not any(m.start > last_sub for m in mentions):
            words = [i for i in range(last_sub + 1, end) if not tk.punct[i]]
            low = tk.lower[last_sub]
            if low in _CONJUNCTIONS or len(words) <= (0 if low == "as" else 1):
                return True
            # "offices as the Chair may designate": the trigger is the verb of the "as" clause.
            if (
                low == "as"
                and 1 < len(words) <= 4
                and tk.lower[words[0]] in _DETERMINERS | _PRONOUNS
                and not any(tk.text[i] in {",", ";", ":"} for i in range(last_sub, end))
            ):
                return True
        if mentions:
            end = mentions[0].start
    trigger_starts = tk.trigger_starts
    open_clauses = 0
    for i in range(start, end):
        low = tk.lower[i]
        if i in trigger_starts and open_clauses:
            open_clauses -= 1
        elif low in _SUBORDINATORS and not _is_determiner_that(tk, i):
            open_clauses += 1
        elif low == "as" and i + 1 < end:
            nxt_low, nxt = tk.lower[i + 1], tk.text[i + 1]
            if nxt_low in {"the", "he", "she", "they", "it", "each", "such"} or (
                nxt[:1].isupper() and nxt_low != "well"
            ):
                open_clauses += 1
    return open_clauses > 0


def _is_determiner_that(tk: TokenFacts, i: int) -> bool:
    """ "of that Act", "under that section": "that" after a preposition is a determiner."""
    return tk.lower[i] == "that" and i > 0 and tk.lower[i - 1] in _PREPOSITIONS


def _subordinate_subject(doc: Doc, mention: Mention, trigger_start: int) -> bool:
    """ "... as the Secretary may deem appropriate": the mention right before the trigger is
    introduced by a subordinator."""
    tk = token_facts(doc)
    between = [t for t in doc[mention.end : trigger_start] if not (t.is_punct or t.is_space)]
    allowed = not between or (
        len(between) == 1
        and (between[0].lower_ in {"each", "also", "jointly"} or between[0].text.isupper())
    )  # "the Secretary each shall", "the Director of CISA (CISA) shall"
    if not allowed:
        return False
    i = mention.start - 1
    ends = {m.end: m for m in tk.mentions}
    while True:
        while i >= 0 and tk.lower[i] in _DETERMINERS:
            i -= 1
        # "that the Secretary of State or the Secretary of Homeland Security may": the
        # subject is the whole coordination.
        if i >= 0 and tk.lower[i] in {"or", "and"} and i in ends:
            i = ends[i].start - 1
            continue
        break
    return i >= 0 and (tk.lower[i] in _SUBORDINATORS or tk.lower[i] == "as")


def _starts_with_mention(doc: Doc, s: int) -> bool:
    """Whether an agency mention begins within the first tokens at ``s`` ("the heads of")."""
    tk = token_facts(doc)
    if "agency" not in doc.spans:
        return True
    starts = tk.mention_starts
    k = bisect.bisect_left(starts, s)
    return k < len(starts) and starts[k] <= s + 3


def _mention_opens_phrase(doc: Doc, s: int) -> bool:
    """Whether the phrase at ``s`` is an actor phrase: the words before its first mention
    belong to it ("the heads of", "all relevant"), not to a thing sent to the actor
    ("Comments to the Secretary")."""
    tk = token_facts(doc)
    if "agency" not in doc.spans or not _starts_with_mention(doc, s):
        return _starts_with_mention(doc, s)
    first = tk.mention_starts[bisect.bisect_left(tk.mention_starts, s)]
    return all(
        tk.lower[i] in _DETERMINERS
        or tk.lower[i] in _ACTOR_LEAD_WORDS
        or bool(_ACTOR_HEADS.match(tk.text[i]))
        for i in range(s, first)
    )


def _passive_agent(doc: Doc, trigger: Span, limit: int, base: int) -> ActorResult | None:
    """Agent of "shall be <participle> by X" (tokens after the trigger).

    The "by" may follow the participle at once ("shall be made by the Director") or after an
    adverbial ("shall be reported to the Director in writing by heads of agencies"); a far "by"
    counts only when an agency mention follows it and it does not close a participle of its
    own ("consistent with guidance issued by the Secretary" names who issued the guidance)."""
    tk = token_facts(doc)
    i = trigger.end
    while i < limit and tk.lower[i] in _PASSIVE_ADVERBS:
        i += 1
    if i >= limit or tk.lower[i] != "be":
        return None
    participle = i + 1
    j = i + 1
    found = None
    while j < limit and tk.text[j] not in {";", ".", ":"} and j not in tk.trigger_starts:
        if tk.lower[j] == "by":
            if j <= i + 4:
                found = j
                break
            prev = tk.lower[j - 1]
            near_participle = prev.endswith(("ed", "en")) and j - 1 != participle
            if not near_participle and "agency" in doc.spans and _mention_at(doc, j + 1):
                found = j
            break
        if tk.lower[j] in _RELATIVE_PRONOUNS or j - i > 40:
            break
        j += 1
    if found is None:
        return None
    k = found + 1
    stop = k
    while stop < limit and tk.text[stop] not in {";", ".", ":"} and stop not in tk.trigger_starts:
        if tk.lower[stop] in _PASSIVE_STOP and stop > k:
            prev = tk.lower[stop - 1]
            if not (tk.lower[stop] == "with" or prev in {"consultation", "coordination"}):
                break
        stop += 1
    agent = resolve_actor(doc, k, stop, base)
    if agent is None:
        return None
    # "co-chaired" is three tokens.
    last = participle
    while last + 1 < found and not doc[last].whitespace_:
        last += 1
    verb = _base_form(_text(doc, participle, last + 1).lower()) if participle < found else ""
    participle = last
    # "shall neither be developed nor used by": both participles are the verb.
    if participle + 2 < found and tk.lower[participle + 1] in {"nor", "or", "and"}:
        second = tk.lower[participle + 2]
        if second.endswith(("ed", "en")) or second in _IRREGULAR_PARTICIPLES:
            joiner = "and" if tk.lower[participle + 1] == "and" else "or"
            verb = f"{verb} {joiner} {_base_form(second)}"
            participle += 2
    rest = _text(doc, participle + 1, found).strip(" ,") if participle + 1 < found else ""
    return replace(agent, passive=True, passive_verb=verb, passive_rest=rest)


def _mention_at(doc: Doc, s: int) -> bool:
    """Whether an agency mention begins at ``s`` or right after a determiner."""
    tk = token_facts(doc)
    k = bisect.bisect_left(tk.mention_starts, s)
    if k >= len(tk.mention_starts):
        return False
    first = tk.mention_starts[k]
    return first == s or (first == s + 1 and tk.lower[s] in _DETERMINERS)


def _base_form(participle: str) -> str:
    """ "made" -> "make", "reported" -> "report", "submitted" -> "submit" (no lemmatiser in a
    blank pipeline; participles of order verbs are regular or in the short irregular list)."""
    if participle in _IRREGULAR_PARTICIPLES:
        return _IRREGULAR_PARTICIPLES[participle]
    if participle.endswith("ied"):
        return participle[:-3] + "y"
    if not participle.endswith("ed") or len(participle) < 5:
        return participle
    stem = participle[:-2]
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]  # "submitted", "transferred"
    if stem.endswith("at") and stem[-3:-2] not in "aeiou":
        return stem + "e"  # "coordinated", "evaluated" (not "treated")
    if stem.endswith(("ir", "ur")) and stem[-3:-2] in {"a", "e", "o"}:
        return stem  # "chaired", "repaired", "poured"
    if stem.endswith(
        ("iz", "ur", "ir", "ov", "id", "uc", "ag", "iv", "ut", "ar", "is", "os", "u", "v", "c")
    ):
        return stem + "e"  # "prioritized", "secured", "required", "provided", "issued"
    if stem.endswith("g") and not stem.endswith("ng"):
        return stem + "e"  # "engaged"
    return stem


# --- deadlines ----------------------------------------------------------------------------


def _resolve_deadline(text: str, signed: date | None) -> Deadline | None:
    try:
        from eolens.nlp.deadlines import resolve
    except ImportError:
        return None
    return resolve(text, signed)


# Words of a sentence whose time limit may run from an event it names ("upon receipt of a
# petition, the Secretary shall, within 30 days, respond"), not from the order.
_EVENT_CUES = frozenset(["upon", "after", "receipt", "receiving", "whenever", "once", "if", "when"])


def _from_order(doc: Doc, sent: _Sent, deadline: Deadline, signed) -> Deadline:
    """A time limit that names no event ("Each shall report to me within 15 days"), counted
    from the order when its sentence names no event either; as resolved otherwise."""
    if deadline.kind != "event" or deadline.anchor is not None:
        return deadline
    tk = token_facts(doc)
    if any(tk.lower[i] in _EVENT_CUES for i in range(sent.start, sent.end)):
        return deadline
    from eolens.nlp.deadlines import counted_from_order

    return counted_from_order(deadline, signed) or deadline


def _deadline_for(
    doc: Doc, clause: tuple[int, int], trigger: Span, sent: _Sent, signed, base: int
) -> tuple[Deadline | None, tuple[Evidence, ...]]:
    spans = list(doc.spans["deadline"]) if "deadline" in doc.spans else []
    if not spans:
        return None, ()
    before = [s for s in spans if clause[0] <= s.start and s.end <= trigger.start]
    after = [s for s in spans if trigger.end <= s.start and s.end <= sent.end]
    # Deadlines after the trigger stop at the next clause (";") of the sentence.
    after = [s for s in after if not any(t.text == ";" for t in doc[trigger.end : s.start])]
    chosen = before or after[:2]
    if not chosen:
        return None, ()
    first, last = chosen[0], chosen[-1]
    # Adjacent spans ("within 90 days ..., and annually thereafter") resolve together.
    if last is not first and last.start - first.end > 6:
        last = first
    first = _with_recurrence(doc, first)
    text = _text(doc, first.start, last.end)
    deadline = _resolve_deadline(text, signed)
    if deadline is None:
        return None, ()
    deadline = _later_of(deadline, _text(doc, last.end, min(sent.end, last.end + 60)))
    deadline = _from_order(doc, sent, deadline, signed)
    stop = _alternative_end(doc, last.end, sent.end) if deadline.kind == "event" else None
    if stop is not None:
        last = doc[first.start : stop]
        text = last.text
        deadline = replace(deadline, text=text)
    start, end = base + first.start_char, base + last.end_char
    deadline = replace(deadline, span=(start, end))
    return deadline, (Evidence("deadline", start, end, text),)


def _alternative_end(doc: Doc, start: int, limit: int) -> int | None:
    """End token of "... or 180 days after <event>, whichever comes later" after a deadline:
    the alternative is part of the deadline, not of the action."""
    tk = token_facts(doc)
    for i in range(start, min(limit, start + 60)):
        if tk.text[i] in {";", ":"}:
            return None
        if tk.lower[i] == "whichever":
            j = i + 1
            while j < limit and j < i + 4 and tk.lower[j] not in {"later", "earlier", "first"}:
                j += 1
            return j + 1 if j < limit and j < i + 4 else None
    return None


def _with_recurrence(doc: Doc, span: Span) -> Span:
    """ "every 60 days after the date of this order": the recogniser's span may leave out the
    "every" that makes the deadline recurring."""
    if span.start > 0 and doc[span.start - 1].lower_ in {"every", "each"}:
        return doc[span.start - 1 : span.end]
    return span


def _link_anchor(deadline: Deadline | None, records: dict[str, object], outline: Outline):
    if deadline is None or deadline.kind != "event" or deadline.anchor_pinpoint:
        return deadline
    m = _PINPOINT_REF.search(deadline.anchor or deadline.text)
    if not m:
        return deadline
    pin = m.group(1)
    # Walk up the outline until a provision that holds a directive.
    while pin:
        if pin in records:
            return replace(deadline, anchor_pinpoint=pin)
        prov = outline.find(pin)
        pin = prov.parent if prov else None
    return deadline


# --- per-provision analysis ---------------------------------------------------------------


def _own_ranges(document: Document, outline: Outline) -> list[tuple[Provision, int, int]]:
    provisions = outline.provisions
    first_child: dict[str, int] = {}
    for p in provisions:
        if p.parent is not None and p.parent not in first_child:
            first_child[p.parent] = p.start
    out = []
    for p in provisions:
        end = min(first_child.get(p.pinpoint, p.end), p.end)
        start = min(max(p.body_start, p.start), end)
        out.append((p, start, end))
    return out


@dataclass(frozen=True)
class _Quote:
    start: int
    end: int
    inserted: bool  # text an amendment inserts into another order
    signed: date | None  # the amended order's date: "this order" in the quote means that order


def _quoted_mask(text: str) -> list[_Quote]:
    """Quoted passages longer than a defined term (amending text, quoted orders)."""
    ranges, open_at = [], None
    for m in _QUOTE_MARKS.finditer(text):
        i = m.start()
        if m.group() == "“":
            open_at = i if open_at is None else open_at
        elif open_at is not None:
            if i - open_at > 60:
                ranges.append((open_at, i))
            open_at = None
    if open_at is not None and len(text) - open_at > 60:
        ranges.append((open_at, len(text)))
    out = []
    for a, b in ranges:
        inserted = bool(_INSERTING.search(text, max(0, a - 160), a))
        signed = None
        if inserted:
            cited = list(_AMENDED_ORDER_DATE.finditer(text, max(0, a - 20_000), a))
            if cited:
                try:
                    signed = datetime.strptime(cited[-1].group(1), "%B %d, %Y").date()
                except ValueError:
                    signed = None
        out.append(_Quote(a, b, inserted, signed))
    return out


def _quote_at(pos: int, quotes: list[_Quote]) -> _Quote | None:
    return next((q for q in quotes if q.start <= pos < q.end), None)


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Pieces of at most CHUNK_CHARS characters, cut at line ends where possible."""
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", pos, end)
            end = cut + 1 if cut > pos else end
        yield pos, text[pos:end]
        pos = end


def _skip_adverbials(doc: Doc, i: int, limit: int) -> int:
    """First token of the verb phrase at ``i``: interposed adverbial segments are skipped
    ("within 90 days of the date of this order,", "in consultation with X, the Y, and the Z,",
    "as appropriate,", "— ... —", "or 180 days after ..., whichever comes later,").

    The verb phrase opens with a lower-case word; a segment that opens with a determiner, a
    capital or a number continues the adverbial before it (a list of consulted officials, a
    date "November 2, 1980"). A segment that runs to the end of the clause is the verb phrase
    after all; one that ends in ":" ("shall, in consultation with X:") leaves the action to
    the items. Returns ``i`` unchanged when no verb follows."""
    tk = token_facts(doc)
    start = i
    while True:
        while i < limit and (tk.text[i] in {",", "—", "–"} or not tk.text[i].strip()):
            i += 1
        if i >= limit:
            return start
        word = tk.lower[i]
        if tk.text[i] in {":", ";"}:
            return i
        if word == "to" and not (i + 1 < limit and tk.lower[i + 1] in _DETERMINERS | {"a", "an"}):
            return i  # an infinitive: "is encouraged, as it deems appropriate, to solicit"
        # Only after an adverbial: "(i) Propose regulations" opens with its verb.
        continues = i != start and (
            word in _DETERMINERS
            or word in {"a", "an"}
            or tk.text[i][:1].isupper()
            or tk.text[i][:1].isdigit()
            or tk.text[i] == "("
        )
        if word not in _ACTION_SKIP and not continues:
            return i
        j, depth = i, 0
        while j < limit:
            t = tk.text[j]
            if t == "(":
                depth += 1
            elif t == ")":
                depth = max(0, depth - 1)
            elif depth == 0 and t in {",", "—", "–", ";", ":"}:
                break
            j += 1
        if j < limit and tk.text[j] == ":":
            return j
        if j >= limit or tk.text[j] == ";":
            return i
        i = j


def _action(doc: Doc, trigger: Span, limit: int) -> str:
    tk = token_facts(doc)
    i = trigger.end
    # "shall each, in consultation with X, issue": the adverb before the comma goes too.
    if i + 1 < limit and tk.lower[i] in {"each", "also", "jointly"} and tk.text[i + 1] == ",":
        i += 1
    if (
        trigger.start == trigger.end
        or (i < limit and tk.text[i] in {",", "—", "–"})
        or (i < limit and tk.lower[i] in _PREPOSED_ADVERBIAL)
    ):
        i = _skip_adverbials(doc, i, limit)
    words = []
    # Tokens' text with their trailing space cut from the doc's string (``doc[i]`` builds a
    # Token per word): the doc's text is its tokens' texts with their whitespace, in order.
    source, idx, n = doc_text(doc), tk.idx, len(tk.text)
    # Room for the adverbials stripped below; the action is cut to ACTION_WORDS after.
    while i < limit and len(words) < ACTION_WORDS + 16:
        word = tk.text[i]
        if word in {";", ":"} or (word == "." and i == limit - 1):
            break
        if tk.space[i]:
            i += 1
            continue
        words.append(source[idx[i] : idx[i + 1]] if i + 1 < n else source[idx[i] :])
        i += 1
    action = "".join(words).strip(" ,")
    while True:
        stripped = _LEADING_ADVERBIAL.sub("", action, count=1)
        if stripped == action or not stripped:
            break
        action = stripped
    action = " ".join(action.split(" ")[:ACTION_WORDS]).strip(" ,")
    if (
        action[:3].lower() == "to "
        and trigger.text.lower().split()[-1:] != ["to"]
        and action.split(" ", 2)[1:2] != ["the"]
    ):
        action = action[3:]  # "is encouraged, as it deems appropriate, to solicit ..."
    first = action.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        action = action[:1].lower() + action[1:]  # "(i) Propose regulations ..."
    return action


def _directed_action(doc: Doc, trigger: Span, limit: int) -> str:
    """ "I hereby direct X, within 90 days ..., to propose ...": the infinitive's verb phrase."""
    tk = token_facts(doc)
    for k in range(trigger.end, limit):
        if tk.text[k] in {";", ":"}:
            break
        if tk.lower[k] == "to":
            return _action(doc, doc[k : k + 1], limit)
    return _action(doc, trigger, limit)


def _passive_action(doc: Doc, actor: ActorResult, subject_start: int, trigger: Span) -> str:
    """ "Such a determination shall be made by the Director" -> "make such a determination"."""
    tk = token_facts(doc)
    subject = _text(doc, subject_start, trigger.start).strip(" ,")
    if subject and tk.lower[subject_start] in _DETERMINERS | {"a", "an", "all", "any"}:
        subject = subject[:1].lower() + subject[1:]
    words = " ".join(f"{actor.passive_verb} {subject} {actor.passive_rest}".split())
    return " ".join(words.split()[:ACTION_WORDS])


@dataclass
class _Analysed:
    provision: Provision
    doc: Doc
    base: int
    end: int  # document offset where the own text ends


# What a provision without a trigger word is analysed for: the deadlines, sectors, groups and
# citations of the lead-in it is an item of. It states no directive of its own, so its agency
# mentions and triggers would be found for nothing (a quarter of the pipeline's work on it).
_NOT_FOR_ITEMS = ("eolens_agencies", "eolens_triggers")


def _analyse(
    document: Document, ranges, selected: list[int], triggered: set[int]
) -> dict[int, list[_Analysed]]:
    """Docs of the selected provisions' own text; those not in ``triggered`` (no trigger word)
    go through the pipeline without the agency and trigger components."""
    nlp = build_pipeline()
    out: dict[int, list[_Analysed]] = {}
    for full in (True, False):
        jobs: list[tuple[int, int, str]] = []
        for idx in selected:
            if (idx in triggered) is full:
                _prov, start, end = ranges[idx]
                for off, piece in _chunks(document.text[start:end]):
                    jobs.append((idx, start + off, piece))
        disable = () if full else [n for n in _NOT_FOR_ITEMS if n in nlp.pipe_names]
        docs = nlp.pipe((piece for _, _, piece in jobs), batch_size=64, disable=disable)
        for (idx, base, piece), doc in zip(jobs, docs, strict=True):
            out.setdefault(idx, []).append(_Analysed(ranges[idx][0], doc, base, base + len(piece)))
    return out


@dataclass(frozen=True, slots=True)
class _Sent:
    """The bounds of a sentence, all the rules read of it (a Span built per trigger and per
    deadline cost more than the look-up)."""

    start: int
    end: int
    start_char: int
    end_char: int


def _sentence(doc: Doc, i: int) -> _Sent:
    tk = token_facts(doc)
    starts = tk.sent_starts
    if starts is None:
        starts = tk.sent_starts = doc.user_data.get(SENT_KEY)
        if starts is None:
            sentence_of(doc, 0)  # splits the doc when the pipeline did not
            starts = tk.sent_starts = doc.user_data[SENT_KEY]
    k = bisect.bisect_right(starts, i) - 1
    sent = tk.sents.get(k)
    if sent is None:
        a = starts[k]
        b = starts[k + 1] if k + 1 < len(starts) else len(tk.text)
        sent = tk.sents[k] = _Sent(a, b, tk.idx[a], tk.idx[b - 1] + len(tk.text[b - 1]))
    return sent


def _clause_starts(doc: Doc, trigger: Span, prev_end: int | None) -> list[tuple[int, bool]]:
    """Candidate tokens where the trigger's clause begins, nearest first, each with whether it
    follows an earlier trigger of the sentence.

    A ";" usually ends a clause, but actor lists use it too ("in consultation with the
    Secretary of State; the Secretary of Defense; ..."), so farther starts are candidates."""
    tk = token_facts(doc)
    sent = _sentence(doc, trigger.start)
    floor = sent.start
    if prev_end is not None and prev_end > floor:
        floor = prev_end
    out = []
    for i in range(trigger.start - 1, floor - 1, -1):
        if tk.text[i][-1:] in {";", ":"}:
            out.append((i + 1, False))
    out.append((floor, floor != sent.start))
    # Farthest first: a partial actor list after a ";" must not win over the whole list.
    return out[::-1]


def _find_actor(
    doc: Doc, trigger: Span, clause_start: int, after_trigger: bool, base: int
) -> ActorResult | None:
    tk = token_facts(doc)
    end = trigger.start
    if after_trigger:
        # ", and the Secretary of X shall": the subject follows a coordinator or comma.
        for i in range(clause_start, end):
            if tk.lower[i] in _COORDINATORS or tk.text[i] in {",", ";"}:
                s = i + 1
                while s < end and (tk.lower[s] in _COORDINATORS or tk.text[s] in {",", ";"}):
                    s += 1
                if s >= end:
                    break
                first = tk.text[s]
                if (
                    first.islower()
                    and first not in _DETERMINERS
                    and not _GENERIC_HEADS.match(first)
                ):
                    continue
                if _has_subordinator(doc, s, end) or not _starts_with_mention(doc, s):
                    continue
                found = resolve_actor(doc, s, end, base)
                if found is not None:
                    return found
        return None
    s = _subject_start(doc, clause_start, end)
    if s is None or _has_subordinator(doc, s, end):
        return None
    if end - s == 1 and tk.lower[s] in _PRONOUNS:
        return _antecedent(doc, s, base)
    if end - s == 1 and tk.lower[s] in _DISTRIBUTIVE:
        # "Each shall report": a short form for the anaphora rule to fill
        a, b = base + tk.idx[s], base + tk.idx[s] + len(tk.text[s])
        ref = AgencyRef(name=tk.text[s], acronym=None, role="lead")
        return ActorResult(tk.text[s], a, b, (ref,), (), ())
    return resolve_actor(doc, s, end, base)


def _government_bound(doc: Doc, trigger: Span, clause_start: int, base: int):
    """ "However, the United States Government shall not acquire ...": what the Government
    must do is an aspiration, but what it shall not do binds every agency (a generic actor)."""
    s = _subject_start(doc, clause_start, trigger.start)
    if s is None:
        return None
    span = doc[s : trigger.start]
    phrase = " ".join(span.text.strip(" ,").split())
    if not _NOT_ADDRESSEE.match(phrase) or phrase.lower() in {"we", "public", "the public"}:
        return None
    ref = AgencyRef(name=phrase, acronym=None, role="lead")
    return ActorResult(
        phrase=span.text,
        start=base + span.start_char,
        end=base + span.end_char,
        agencies=(ref,),
        evidence=(),
        unresolved=(),
    )


def _antecedent(doc: Doc, pronoun: int, base: int) -> ActorResult | None:
    """ "As agencies continue ..., they shall": a pronoun subject stands for the nearest actor
    named before it in its sentence."""
    tk = token_facts(doc)
    sent = _sentence(doc, pronoun)
    before = [m for m in tk.mentions if sent.start <= m.start and m.end <= pronoun]
    # The subject of the fronted clause ("Until agencies designate their officers, they
    # shall"), not a later object, is the antecedent.
    for m in before:
        found = resolve_actor(doc, m.start, m.end, base)
        if found is not None:
            return found
    return None


def _object_actor(doc: Doc, trigger: Span, limit: int, base: int) -> ActorResult | None:
    """The addressee of the President's own "I hereby direct X to ...": the object."""
    tk = token_facts(doc)
    end = trigger.end
    while end < limit and tk.lower[end] not in {"to", ":", ";"}:
        end += 1
    # drop trailing adverbial segments ("..., within 90 days of the date of this order,")
    for s, _e in _segments(doc, trigger.end, end):
        if tk.lower[s] in _ADVERBIAL_STARTS and s > trigger.end:
            end = s
            break
    return resolve_actor(doc, trigger.end, end, base)


def _ends_with_colon(doc: Doc, sent: _Sent) -> bool:
    tk = token_facts(doc)
    i = sent.end - 1
    while i > sent.start and not tk.text[i].strip():
        i -= 1
    return tk.text[i].endswith(":")


def _month_name(tk: TokenFacts, trigger: Span) -> bool:
    """ "May 7, 2024": the month, not the modal."""
    i = trigger.start
    return (
        trigger.end - i == 1
        and tk.text[i] == "May"
        and i + 1 < len(tk.text)
        and (tk.num[i + 1] or tk.text[i + 1][:1].isdigit())
    )


def _shares_subject(tk: TokenFacts, trigger: Span, prev_end_by_sent, sent: _Sent) -> bool:
    """ "This report must include ... and shall be included in the plan": a trigger right after
    "and" coordinates a second verb phrase with the first trigger's subject; it states no new
    actor (the first trigger's record, if any, already holds it)."""
    i = trigger.start - 1
    while i >= sent.start and tk.text[i] == ",":
        i -= 1
    if i < sent.start or tk.lower[i] not in {"and", "or", "but"}:
        return False
    return any(sent.start <= t < trigger.start for t in tk.trigger_starts)


def _coordinated_deadline(doc: Doc, trigger: Span, sent: _Sent) -> int | None:
    """Token after the coordinator when the trigger follows ", and <deadline>," ("..., and
    within 180 days of the date of this order, shall identify ..."), else None."""
    tk = token_facts(doc)
    spans = [s for s in doc.spans.get("deadline", ()) if sent.start <= s.start < trigger.start]
    i = trigger.start - 1
    while i >= sent.start and tk.text[i] == ",":
        i -= 1
    span = next((s for s in spans if s.start <= i < s.end), None)
    if span is None:
        return None
    i = span.start - 1
    while i >= sent.start and tk.text[i] == ",":
        i -= 1
    if i < sent.start or tk.lower[i] not in {"and", "then"}:
        return None
    return i + 1


def _states_need(tk: TokenFacts, trigger: Span) -> bool:
    """ "must be able to", "must be capable of", "must have": a capability or need."""
    modal = tk.lower[trigger.end - 1]
    after = tk.lower[trigger.end : trigger.end + 3]
    if modal not in {"must", "shall"}:
        return False
    if after[:3] == ["be", "able", "to"] or after[:3] == ["be", "capable", "of"]:
        return True
    return modal == "must" and after[:1] == ["have"]


def _epistemic(tk: TokenFacts, trigger: Span) -> bool:
    if tk.lower[trigger.end - 1] != "may":
        return False
    i = trigger.end
    while i < len(tk.lower) and tk.lower[i] in {"also", "still", "well", "even"}:
        i += 1
    return i < len(tk.lower) and tk.lower[i] in _EPISTEMIC_VERBS


def _relative_trigger(tk: TokenFacts, start: int) -> bool:
    """ "a Chief AI Officer who shall hold ...", "harms that may be exacerbated ...", ", which
    shall include": the trigger is the verb of a relative clause."""
    i = start - 1
    while i >= 0 and tk.lower[i] in {"also", "each", "then"}:
        i -= 1
    return i >= 0 and tk.lower[i] in _RELATIVE_PRONOUNS and not _is_determiner_that(tk, i)


_DISCRETION_VERBS = frozenset(["deem", "deems", "determine", "consider", "find", "think"])
_DISCRETION_OBJECTS = frozenset(["appropriate", "necessary", "advisable", "fit", "useful"])


def _discretion(tk: TokenFacts, trigger: Span) -> bool:
    """ "as the Secretary may deem appropriate", "as the Director may determine necessary": a
    qualifier on someone else's duty, granting nothing."""
    i = trigger.end
    if i + 1 >= len(tk.lower) or tk.lower[i] not in _DISCRETION_VERBS:
        return False
    return tk.lower[i] in {"deem", "deems"} or tk.lower[i + 1] in _DISCRETION_OBJECTS


def _is_subordinate(doc: Doc, trigger: Span, clause_start: int) -> bool:
    s = _subject_start(doc, clause_start, trigger.start)
    if s is None:
        return False
    return _has_subordinator(doc, s, trigger.start)


def _drafts_for(
    unit: _Analysed,
    signed: date | None,
    quoted: list[_Quote],
    classes_seen: list[str],
    subjectless: list[tuple[int, int]] | None = None,
) -> list[_Draft]:
    doc, base = unit.doc, unit.base
    if not doc.spans.get("trigger"):
        return []
    tk = token_facts(doc)
    drafts: list[_Draft] = []
    prev_end_by_sent: dict[int, int] = {}
    sent_class_cache: dict[int, str | None] = {}
    for trigger in doc.spans.get("trigger", ()):
        sent = _sentence(doc, trigger.start)
        if sent.start not in sent_class_cache:
            sent_class_cache[sent.start] = classify.sentence_class(
                doc_text(doc)[sent.start_char : sent.end_char]
            )
        klass = sent_class_cache[sent.start]
        if klass is not None:
            classes_seen.append(klass)
            continue
        quote = _quote_at(base + trigger.start_char, quoted)
        quote_para = None
        signed_here = signed
        if quote is not None:
            # Quoted text of another order binds no one, unless this order inserts it: then
            # its directives are this order's, at the quoting pinpoint. A lead-in inside the
            # quote ("agencies shall take the following actions:") only introduces them.
            if not quote.inserted or _ends_with_colon(doc, sent):
                continue
            line = doc_text(doc).rfind("\n", 0, trigger.start_char) + 1
            quote_para = max(quote.start, base + line)
            signed_here = quote.signed or signed
        if _relative_trigger(tk, trigger.start) or _epistemic(tk, trigger):
            continue
        if _discretion(tk, trigger):
            continue
        if _month_name(tk, trigger):
            continue
        dated_step = _coordinated_deadline(doc, trigger, sent)
        if dated_step is not None and drafts and drafts[-1].sentence.start == sent.start:
            # "X shall establish ..., and within 180 days ..., shall identify ...": the same
            # subject's second verb phrase with a deadline of its own is a further directive.
            deadline, dl_ev = _deadline_for(
                doc, (dated_step, sent.end), trigger, sent, signed_here, base
            )
            if deadline is not None:
                prev_end_by_sent[sent.start] = trigger.end
                drafts.append(
                    replace(
                        drafts[-1],
                        trigger=trigger,
                        clause_start=dated_step,
                        deadline=deadline,
                        deadline_evidence=dl_ev,
                        extra_evidence=[],
                        action=None,
                        opens_list=False,
                    )
                )
                continue
        if _shares_subject(tk, trigger, prev_end_by_sent, sent):
            kind = classify.trigger_kind(trigger.label_, trigger.text)
            last = drafts[-1] if drafts else None
            if (
                last is not None
                and last.sentence.start == sent.start
                and last.kind != kind
                and not any(
                    tk.lower[j] in _SUBORDINATORS for j in range(last.trigger.end, trigger.start)
                )
            ):
                # "agencies shall use the most robust methods ... and shall not use arbitrary
                # ones": the same subject's prohibition is a directive of its own kind.
                prev_end_by_sent[sent.start] = trigger.end
                drafts.append(
                    replace(
                        last,
                        kind=kind,
                        trigger=trigger,
                        extra_evidence=[],
                        action=None,
                        opens_list=False,
                        deadline=None,
                        deadline_evidence=(),
                        coordinated=True,
                    )
                )
            continue
        actor, clause_start, subordinate = None, sent.start, False
        for clause_start, after in _clause_starts(doc, trigger, prev_end_by_sent.get(sent.start)):
            if (not after and _is_subordinate(doc, trigger, clause_start)) or (
                after and _has_subordinator(doc, clause_start, trigger.start)
            ):
                subordinate = True
                break
            actor = _find_actor(doc, trigger, clause_start, after, base)
            if actor is not None:
                break
        if subordinate:
            continue
        kind = classify.trigger_kind(trigger.label_, trigger.text)
        if actor is None and kind == "prohibition":
            actor = _government_bound(doc, trigger, clause_start, base)
        prev_end_by_sent[sent.start] = trigger.end
        action = None
        if trigger[0].lower_ == "i":
            # "I hereby direct the Secretary of Commerce, within 90 days ..., to:"
            actor = _object_actor(doc, trigger, sent.end, base)
            action = _directed_action(doc, trigger, sent.end)
        clause_end = sent.end
        for i in range(trigger.end, sent.end):
            if tk.text[i] == ";":
                clause_end = i
                break
        passive = _passive_agent(doc, trigger, clause_end, base)
        if passive is not None and (actor is None or (actor.unresolved and not actor.evidence)):
            actor = passive
            if passive.passive_verb:
                subject = _subject_start(doc, clause_start, trigger.start)
                action = _passive_action(doc, passive, subject or clause_start, trigger)
        if actor is None:
            if subjectless is not None:
                # The trigger's clause: from the ";" before it to the ";" after it.
                a = next(
                    (
                        i + 1
                        for i in range(trigger.start - 1, sent.start - 1, -1)
                        if tk.text[i] == ";"
                    ),
                    sent.start,
                )
                subjectless.append((base + doc[a].idx, base + doc[clause_end - 1].idx + 1))
            continue
        deadline, dl_ev = _deadline_for(
            doc, (clause_start, clause_end), trigger, sent, signed_here, base
        )
        draft = _Draft(
            provision=unit.provision,
            kind=kind,
            actor=actor,
            trigger=trigger,
            base=base,
            sentence=sent,
            clause_start=clause_start,
            deadline=deadline,
            deadline_evidence=dl_ev,
            span=(base + sent.start_char, base + sent.end_char),
            quote_para=quote_para,
            action=action,
            opens_list=_ends_with_colon(doc, sent),
            finding=kind == "obligation" and _states_need(tk, trigger),
        )
        if deadline is not None and _dates_later_step(tk, trigger, dl_ev, base):
            # "X shall cease A, and, within 90 days, submit a report on B": the deadline
            # dates the second verb phrase only; the first is a directive with none.
            drafts.append(replace(draft, deadline=None, deadline_evidence=()))
            draft = replace(draft, coordinated=True, extra_evidence=[])
        drafts.append(draft)
    return drafts


def _dates_later_step(tk: TokenFacts, trigger: Span, evidence, base: int) -> bool:
    """Whether the deadline after the trigger opens a later coordinated verb phrase
    ("shall cease A, and, within 90 days ..., submit B"), not the trigger's own."""
    k = bisect.bisect_left(tk.idx, evidence[0].start - base)
    if k <= trigger.end + 2:
        return False
    after = bisect.bisect_left(tk.idx, evidence[0].end - base)
    while after < len(tk.text) and tk.text[after] == ",":
        after += 1
    if after in tk.trigger_starts:
        return False  # "..., and, within 60 days, shall submit": that trigger is its own
    i = k - 1
    while i > trigger.end and tk.text[i] == ",":
        i -= 1
    return tk.lower[i] in {"and", "then"} and tk.text[i - 1] == "," and i - trigger.end >= 3


def _same_record(k: _Draft, d: _Draft) -> bool:
    """Whether ``d`` restates the directive of ``k`` (same actor) rather than adding one.

    In text an amendment inserts, each quoted paragraph was a provision of its own, so records
    merge within a paragraph only; a later sentence of the same actor with a different
    deadline of its own ("By December 1, develop ...; within 120 days of publishing it,
    publish ...") is a further directive."""
    if _lead_keys(k.actor.agencies) != _lead_keys(d.actor.agencies):
        return False
    if d.coordinated and (k.deadline is None) != (d.deadline is None):
        return False
    if k.kind != d.kind and (d.span[0] >= k.span[1] or d.coordinated):
        # "X shall implement the Mission ... X may designate a senior appointee to oversee it",
        # "agencies shall use robust methods and shall not use arbitrary ones": a directive of
        # another kind is one of its own.
        return False
    if k.quote_para != d.quote_para:
        return False
    if k.deadline is not None and d.deadline is not None:
        dates = (k.deadline.date, d.deadline.date)
        return dates[0] == dates[1] or dates == (None, None)
    if k.deadline is None and d.deadline is not None and d.span[0] >= k.span[1]:
        # "X shall establish a program. X shall commence operation no later than <date>.": a
        # later sentence with a dated deadline of its own is a further directive; a recurrence
        # ("Such agencies shall provide such reports every 60 days") restates the first, and
        # so does a sentence about the first one's object ("... shall complete this review
        # within 30 days"): it dates the first directive.
        return d.deadline.date is None or bool(d.deadline.recurrence) or _refers_back(d)
    if k.deadline is not None and k.deadline.date is not None and d.deadline is None:
        # "Within 120 days ..., X shall take steps to ... X shall also use existing programs
        # to ...": a later sentence with no deadline of its own is a further directive, and
        # the first one's date would be wrong for it; unless it works the first one out: it
        # refers back to its object, opens on an elaboration ("At a minimum", "As part of
        # this framework, X shall") or introduces its steps ("X shall: (A) ...").
        later = d.span[0] >= k.span[1]
        if later and not (d.opens_list or _elaborates(d) or _refers_back(d)):
            return False
    return True


# Openings that make a sentence part of the directive before it rather than a further one.
_ELABORATION = re.compile(
    r"(?:at\s+a\s+minimum|as\s+part\s+of|in\s+(?:so\s+)?doing\s+so|in\s+so\s+doing"
    r"|to\s+(?:this|that)\s+end|through\s+(?:such|this|these|that)"
    r"|in\s+(?:carrying\s+out|performing|conducting|preparing|developing|implementing)"
    r"\s+(?:this|that|these|such|the|their|its)"
    r"|for\s+(?:this|that|these|such)\s+purposes?|in\s+this\s+(?:regard|effort))\b",
    re.IGNORECASE,
)


def _elaborates(d: _Draft) -> bool:
    doc, sent = d.trigger.doc, d.sentence
    return _ELABORATION.match(_text(doc, sent.start, min(sent.end, sent.start + 6))) is not None


def _refers_back(d: _Draft) -> bool:
    """Whether the draft's verb phrase opens on an anaphoric object ("complete this review",
    "designate or appoint such a liaison")."""
    words = _action(d.trigger.doc, d.trigger, d.sentence.end).lower().split()[:5]
    return any(w in _BACK_REFERENCES for w in words)


_GENERIC_DETERMINERS = re.compile(r"^(?:(?:the|all|each|every|any|such|relevant)\s+)+")


def _lead_keys(agencies: Iterable[AgencyRef]) -> frozenset[str]:
    """The leads as keys; a generic actor by its words ("all agencies" and "agencies" are one)."""
    return frozenset(
        a.key or _GENERIC_DETERMINERS.sub("", " ".join(a.name.lower().split()))
        for a in agencies
        if a.role == "lead"
    )


def _is_anaphoric(actor: ActorResult) -> bool:
    """A short form the gazetteer could not place ("The Secretary", "Each") is the whole
    actor: a restatement of the directive before it when nothing names it."""
    phrase = " ".join(actor.phrase.split())
    return bool(_ANAPHORA.match(phrase)) and all(a.key is None for a in actor.agencies)


_DESIGNEE = re.compile(r",?\s+or\s+(?:his|her|their|its)\s+designees?$", re.IGNORECASE)


def _short_form(actor: ActorResult) -> str | None:
    """The short form an actor is named by, for the anaphora rule: the whole phrase ("The
    Secretary"), or the unplaced office that heads it ("The Secretary" of "The Secretary, in
    coordination with the APST"); None when its lead is placed or no short form."""
    leads = [a for a in actor.agencies if a.role == "lead"]
    text = actor.phrase
    if len(leads) == 1 and leads[0].key is None and len(leads) < len(actor.agencies):
        text = leads[0].name
    text = " ".join(text.split())
    if "designee" in text:
        text = _DESIGNEE.sub("", text)  # "the Secretary or his designee": the office
    if _ANAPHORA.match(text) and all(a.key is None for a in leads):
        return text
    return None


def _span_labels(unit: _Analysed, group: str, start: int, end: int):
    # Each directive of a provision reads the same units: their labelled spans are listed once
    # (iterating a span group builds a Span object per span on every pass).
    key = ("eolens.labels", group, unit.base)
    labels = unit.doc.user_data.get(key)
    if labels is None:
        labels = []
        if group in unit.doc.spans:
            for s in unit.doc.spans[group]:
                text = _text(unit.doc, s.start, s.end)
                labels.append(
                    (s.label_ or text, unit.base + s.start_char, unit.base + s.end_char, text)
                )
        unit.doc.user_data[key] = labels
    return [row for row in labels if start <= row[1] and row[2] <= end]


def extract_directives(document: Document, outline: Outline, signed: date | None):
    """Directive records, provision classes and unresolved actor strings for a document."""
    ranges = _own_ranges(document, outline)
    # Provisions are addressed by index: a damaged outline can repeat a pinpoint.
    parent_idx: list[int | None] = []
    last_of: dict[str, int] = {}
    children: dict[int, list[int]] = {}
    for i, (p, _, _) in enumerate(ranges):
        j = last_of.get(p.parent) if p.parent is not None else None
        parent_idx.append(j)
        if j is not None:
            children.setdefault(j, []).append(i)
        last_of[p.pinpoint] = i

    # spaCy runs on provisions with a trigger word, and on the items of analysed lead-ins
    # ("... shall:") whose deadlines, sectors and citations belong to the lead-in's directive.
    selected: list[int] = []
    triggered: set[int] = set()
    lead_ins: set[int] = set()
    has_trigger = classify.trigger_finder(document.text)
    for i, (_, s, e) in enumerate(ranges):
        colon = document.text[s:e].rstrip().endswith(":")
        if has_trigger(s, e):
            triggered.add(i)
        if (
            i in triggered
            or parent_idx[i] in lead_ins
            # "Within 90 days of the date of this order:" -- a frame that dates its items.
            or (colon and i in children and _FRAME_DEADLINE.search(document.text, s, e))
        ):
            selected.append(i)
            if colon:
                lead_ins.add(i)
    analysed = _analyse(document, ranges, selected, triggered)
    quoted = _quoted_mask(document.text)

    class_of: list[str] = []
    policy_lead_ins: set[int] = set()
    frames: dict[int, tuple] = {}
    records: dict[int, list[_Draft]] = {}
    unresolved: list[str] = []
    order: list[_Draft] = []
    defining = _FirstDefining(order)
    terms = DocumentTerms(document.text)

    for i, (prov, s, e) in enumerate(ranges):
        own = document.text[s:e]
        seen: list[str] = []
        subjectless: list[tuple[int, int]] = []
        drafts: list[_Draft] = []
        for unit in analysed.get(i, ()):
            drafts.extend(_drafts_for(unit, signed, quoted, seen, subjectless))
        if any(d.finding for d in drafts) and not all(d.finding for d in drafts):
            # "The Department must be able to procure drones. The Secretary shall: ...": the
            # first sentence states the need the directive that follows meets.
            drafts = [d for d in drafts if not d.finding]
        parent_rec = _nearest_directive(i, records, parent_idx)
        # An item that opens with its own deadline ("(ii) Within 150 days ..., launch ...")
        # dates the directives it states in later sentences too.
        leading = _own_deadline(analysed.get(i, ()), signed, leading_only=True)
        if leading is not None and any(d.deadline_evidence == leading[1] for d in drafts):
            leading = None  # it dates a directive of its own sentence, not the item
        if parent_idx[i] is not None and parent_idx[i] in policy_lead_ins:
            # "It is the policy ... that: (i) providers must report ...": the items state the
            # policy; their "must" is the policy's content, not a directive.
            policy_lead_ins.add(i)
            class_of.append("policy")
            continue
        kept: list[_Draft] = []
        for d in drafts:
            d.index = i
            d = _fill_anaphora(d, kept, parent_rec, order, defining, terms)
            if not kept and d.actor.phrase.lower() in _DISTRIBUTIVE and _is_anaphoric(d.actor):
                continue  # "Both ... must": no directive before it to say who
            same = next((k for k in kept if _same_record(k, d)), None)
            if same is not None or (kept and _is_anaphoric(d.actor)):
                target = same or kept[-1]
                if target.deadline is None and d.deadline is not None:
                    target.deadline, target.deadline_evidence = d.deadline, d.deadline_evidence
                target.extra_evidence.append(_trigger_evidence(d))
                target.opens_list = target.opens_list or d.opens_list
                target.span = (target.span[0], max(target.span[1], d.span[1]))
                continue
            if (
                d.deadline is None
                and leading is not None
                and parent_rec is not None
                and _lead_keys(d.actor.agencies) == _lead_keys(parent_rec.actor.agencies)
            ):
                d.deadline, d.deadline_evidence = leading
            kept.append(d)
        if (
            parent_rec is not None
            and parent_rec.opens_list
            and parent_rec.index == parent_idx[i]
            and _MEANS_LEAD_IN.search(document.text, *ranges[parent_rec.index][1:])
        ):
            # "X shall seek to ..., including by: (i) prioritising ... X shall establish goals
            # ...": the items are the means of the lead-in's directive, and one that names its
            # actor again, with no deadline of its own, states a step of it, not a further
            # directive. (Items of "a plan that incorporates the following:" or "crimes
            # involving:" are no means: a directive in them stands on its own.)
            restating = [
                d
                for d in kept
                if d.deadline is None
                and d.quote_para is None
                and d.kind == parent_rec.kind
                and not d.actor.passive
                and _lead_keys(d.actor.agencies) == _lead_keys(parent_rec.actor.agencies)
            ]
            for d in restating:
                parent_rec.extra_evidence.append(_trigger_evidence(d))
            kept = [d for d in kept if not any(d is r for r in restating)]
        # The lead-in's deadline passes to its own actor's directives in the item, not to
        # another actor the item names ("(ii) CISA shall take all appropriate steps"). Done
        # after the merges so a restatement's own deadline ("Such agencies shall provide such
        # reports every 60 days") is not masked by the lead-in's.
        for d in kept:
            if (
                d.deadline is None
                and parent_rec is not None
                and parent_rec.deadline is not None
                and d.quote_para is None
                and (
                    _lead_keys(d.actor.agencies) == _lead_keys(parent_rec.actor.agencies)
                    # "Such a determination shall be made by X": a step of the item's own
                    # task, due with it.
                    or d.actor.passive
                )
            ):
                d.deadline = parent_rec.deadline
                d.deadline_evidence = parent_rec.deadline_evidence
            elif d.deadline is None and d.quote_para is None and parent_idx[i] in frames:
                # A frame with no actor of its own ("Within 90 days of the date of this
                # order:") states the deadline once for every item's actor.
                d.deadline, d.deadline_evidence = frames[parent_idx[i]]
        if not kept and parent_rec is not None and parent_rec.index == parent_idx[i]:
            own_deadline = _own_deadline(analysed.get(i, ()), signed)
            # Items of "The Director's guidance shall specify:" are contents of a deliverable,
            # not steps of the lead-in's actor: only a lead-in whose own directive opens the
            # list ("the Secretary shall:") passes its actor to dated items.
            # "(ii) Comments from the officials shall be provided within 15 days": the dated
            # sentence has a subject of its own, which is no actor; the lead-in's actor is not
            # its subject either.
            if (
                own_deadline is not None
                and parent_rec.item_idx
                and parent_rec.opens_list
                and not any(a <= own_deadline[1][0].start < b for a, b in subjectless)
            ):
                d = replace(
                    parent_rec,
                    provision=prov,
                    index=i,
                    deadline=own_deadline[0],
                    deadline_evidence=own_deadline[1],
                    items=(),
                    item_idx=(),
                    span=(s, prov.end),
                    extra_evidence=[],
                    inherited=True,
                )
                kept.append(d)
        if kept:
            if own.rstrip().endswith(":") and i in children:
                kept[-1].item_idx = tuple(children[i])
                kept[-1].span = (kept[-1].span[0], prov.end)
            records[i] = kept
            order.extend(kept)
            class_of.append("directive")
            for d in kept:
                unresolved.extend(d.actor.unresolved)
            continue
        if not seen and not drafts and own.rstrip().endswith(":") and i in children:
            frame = _own_deadline(analysed.get(i, ()), signed)
            if frame is not None:
                frames[i] = frame
        parent_class = class_of[parent_idx[i]] if parent_idx[i] is not None else None
        klass = _provision_class(prov, own, seen, parent_class, parent_rec)
        class_of.append(klass)
        if klass == "policy" and own.rstrip().endswith(":") and classify.text_class(own):
            policy_lead_ins.add(i)

    # Items are the enumerated actions: a child that is a standing formula ("Nothing in this
    # section shall be construed ...") is a sibling clause, not an item.
    for d in order:
        d.item_idx = tuple(j for j in d.item_idx if class_of[j] == "directive")
        d.items = tuple(ranges[j][0].pinpoint for j in d.item_idx)
    descendants: dict[int, list[int]] = {}
    for i in range(len(ranges)):
        j = parent_idx[i]
        while j is not None:
            descendants.setdefault(j, []).append(i)
            j = parent_idx[j]
    by_pin = {ranges[i][0].pinpoint: recs for i, recs in records.items()}
    directives = [_finish(d, document, analysed, descendants, by_pin, outline) for d in order]
    directives = _link_deliverables(directives)
    classes = {p.pinpoint: c for (p, _, _), c in zip(ranges, class_of, strict=True)}
    _release(analysed)
    return DirectiveResult(directives=directives, classes=classes, unresolved=unresolved)


def _release(analysed: dict[int, list[_Analysed]]) -> None:
    """Free the analysed docs now rather than at some later collection: the token facts and
    labelled spans cached in each doc's ``user_data`` refer back to the doc, a reference cycle
    only the cyclic collector could break (and extraction runs it rarely, see heap.py)."""
    for units in analysed.values():
        for unit in units:
            unit.doc.user_data.clear()


def _link_deliverables(directives: list[Directive]) -> list[Directive]:
    """ "within 60 days of the issuance of the guidance": the event is the deliverable of an
    earlier directive. The nearest earlier record whose action names the same deliverable,
    preferring the record's own lead-ins (pinpoint prefixes), produces it."""
    out: list[Directive] = []
    for d in directives:
        deadline = d.deadline
        if deadline is not None and deadline.kind == "event" and not deadline.anchor_pinpoint:
            m = _DELIVERABLE.search(deadline.anchor or deadline.text)
            if m:
                noun = m.group(1).lower()
                earlier = [e for e in reversed(out) if noun in e.action.lower()]
                own_line = [e for e in earlier if d.pinpoint.startswith(e.pinpoint + "(")]
                producer = (own_line or earlier or [None])[0]
                if producer is not None:
                    d = replace(d, deadline=replace(deadline, anchor_pinpoint=producer.pinpoint))
        out.append(d)
    return out


def _own_deadline(units: Iterable[_Analysed], signed, *, leading_only: bool = False):
    for unit in units:
        spans = unit.doc.spans.get("deadline", ())
        for span in spans:
            if leading_only and span.start > 3:
                return None
            deadline = _resolve_deadline(_text(unit.doc, span.start, span.end), signed)
            if deadline is not None:
                sent_end = _sentence(unit.doc, span.start).end
                deadline = _later_of(
                    deadline, _text(unit.doc, span.end, min(sent_end, span.end + 60))
                )
                deadline = _from_order(unit.doc, _sentence(unit.doc, span.start), deadline, signed)
                if deadline.kind == "event":
                    stop = _alternative_end(unit.doc, span.end, sent_end)
                    if stop is not None:
                        span = unit.doc[span.start : stop]
                        deadline = replace(deadline, text=_text(unit.doc, span.start, stop))
                a, b = unit.base + span.start_char, unit.base + span.end_char
                text = _text(unit.doc, span.start, span.end)
                return replace(deadline, span=(a, b)), (Evidence("deadline", a, b, text),)
    return None


def _later_of(deadline: Deadline, rest: str) -> Deadline:
    """ "within 270 days ... or 180 days after <event>, whichever comes later": the due date
    depends on an event, so no fixed date can be computed."""
    if deadline.date is None or not _WHICHEVER_LATER.search(rest):
        return deadline
    return replace(
        deadline,
        kind="event",
        date=None,
        working=f"later of {deadline.date.isoformat()} and an event: no fixed date",
    )


def _nearest_directive(i: int, records, parent_idx) -> _Draft | None:
    j = parent_idx[i]
    while j is not None:
        if j in records:
            return records[j][-1]
        j = parent_idx[j]
    return None


def _fill_anaphora(
    d: _Draft,
    kept: list[_Draft],
    parent: _Draft | None,
    history: list[_Draft],
    defining: _FirstDefining,
    terms: DocumentTerms | None = None,
) -> _Draft:
    """ "The Secretary shall ..." after a named Secretary: take that Secretary's agencies.

    Looks at this provision's records, its lead-in, then earlier records back to the start of
    the document (most recent first); the first actor phrase holding the same head word wins,
    and its lead agencies are taken."""
    short = _short_form(d.actor)
    if short is None:
        return d
    words = short.split()
    head = words[-1].lower() if words else ""
    core = re.sub(r"^the\s+", "", " ".join(words).lower())
    pronoun = not head or head in {"each", "they", "it", "he", "she", "both"}
    nearby = [*reversed(kept), *([parent] if parent else [])]
    candidates = nearby if pronoun else itertools.chain(nearby, reversed(history))
    # A short form the order defined ("the Secretary of Veterans Affairs (Secretary)") wins.
    defined = f"({words[-1].lower()}" if words else ""
    first_defining = defining.find(defined) if defined else None
    # The candidate must open with the short form ("the Secretary" -> "the Secretary of
    # Commerce"); "the Chair" is not "the Chairman of the Council of Economic Advisers".
    opens = re.compile(rf"(?:the\s+)?{re.escape(core)}\b")
    if head in _DISTRIBUTIVE and kept:
        # "The Secretary of Defense and the Secretary of Agriculture shall ... Each shall
        # report to me within 15 days": every actor of the directive before.
        leads = tuple(a for a in kept[-1].actor.agencies if a.role == "lead")
        if len(leads) > 1 and all(a.key for a in leads):
            d.actor = replace(d.actor, agencies=leads, unresolved=())
            return d
    for cand in itertools.chain([first_defining] if first_defining is not None else [], candidates):
        phrase = cand.actor.phrase.lower()
        if head in {"each", "they", "it", "he", "she", "both"}:
            named = head in phrase
        else:
            named = opens.match(phrase) is not None
        if cand.actor.agencies and named and cand.actor is not d.actor:
            leads = tuple(a for a in cand.actor.agencies if a.role == "lead")
            # Several leads ("the Attorney General and the Secretary of the Interior"): which
            # one is meant cannot be told, so look further back.
            if len(leads) == 1 and leads[0].key:
                others = tuple(a for a in d.actor.agencies if a.role != "lead")
                d.actor = replace(d.actor, agencies=leads + others, unresolved=())
                return d
    key = terms.defined.get(core) if terms is not None else None
    if key is not None:
        # "chaired by the Special Advisor for AI and Crypto (Chair) ... the Chair may": a short
        # form the document defines, when no directive of the office came before.
        ref = gazetteer_key_ref(key)
        if ref is not None:
            others = tuple(a for a in d.actor.agencies if a.role != "lead")
            d.actor = replace(d.actor, agencies=(ref, *others), unresolved=())
            return d
    named = _earlier_mention(d, core)
    if named is not None:
        # "... shall submit to the Executive Director of the Permitting Council ... the
        # Executive Director shall publish": the office the provision named before.
        others = tuple(a for a in d.actor.agencies if a.role != "lead")
        d.actor = replace(d.actor, agencies=(named, *others), unresolved=())
        return d
    body = terms.established.get(core) if terms is not None else None
    if body is not None:
        # "the Task Force" of an order that established "the White House Task Force on AI
        # Education (Task Force)": that body, which no gazetteer holds yet.
        others = tuple(a for a in d.actor.agencies if a.role != "lead")
        lead = AgencyRef(name=body, acronym=None, role="lead")
        d.actor = replace(d.actor, agencies=(lead, *others), unresolved=(body,))
    return d


def _earlier_mention(d: _Draft, core: str) -> AgencyRef | None:
    """The agency of the last mention before the draft's trigger, in its own provision, that
    opens with the short form ("executive director" -> "Executive Director of the Permitting
    Council"); None when there is none, or when several agencies' mentions would fit."""
    doc = d.trigger.doc
    if not core or "agency" not in doc.spans:
        return None
    pattern = re.compile(rf"(?:the\s+)?{re.escape(core)}\s+(?:of|for)\b", re.IGNORECASE)
    fits = [m for m in mention_facts(doc).mentions if m.end <= d.trigger.start]
    fits = [m for m in fits if pattern.match(m.text) and m.label_ != "GENERIC"]
    if not fits or len({m.label_ for m in fits}) > 1:
        return None
    return gazetteer_ref(fits[-1].text)


class _FirstDefining:
    """The earliest record whose actor phrase holds a short form's "(word". Records are only
    appended to the history and their phrases never change, so each answer is kept with how
    far the history was read, and only newer records are read again (reading the history from
    the start for every anaphor was quadratic in the number of records)."""

    def __init__(self, history: list[_Draft]):
        self.history = history
        self.answers: dict[str, tuple[int, _Draft | None]] = {}

    def find(self, defined: str) -> _Draft | None:
        read, found = self.answers.get(defined, (0, None))
        if found is None:
            history = self.history
            for k in range(read, len(history)):
                if defined in history[k].actor.phrase.lower():
                    found = history[k]
                    break
            self.answers[defined] = (len(history), found)
        return found


def _item_action(units, d: _Draft) -> str:
    """Action of an item that inherits its lead-in: its own words, leading adverbials (its
    deadline among them) skipped; a deadline inside the item ("direct X to convene, within 90
    days ..., a meeting") leaves the verb phrase where it is."""
    if not units:
        return ""
    doc = units[0].doc
    return _action(doc, doc[0:0], len(doc))


def _trigger_evidence(d: _Draft) -> Evidence:
    a = d.base + d.trigger.start_char
    return Evidence("trigger", a, d.base + d.trigger.end_char, d.trigger.text)


def _provision_class(prov, own, seen, parent_class, parent_rec) -> str:
    if seen:
        return seen[0]
    by_text = classify.text_class(own)
    if by_text:
        return by_text
    if parent_rec is not None and parent_rec.item_idx:
        return "directive"
    if parent_class not in (None, "other", "directive"):
        return parent_class
    by_heading = classify.heading_class(prov.heading)
    return by_heading or "other"


def _finish(d: _Draft, document, analysed, descendants, by_pin, outline) -> Directive:
    evidence: list[Evidence] = [_trigger_evidence(d), *d.extra_evidence]
    if d.actor.evidence:
        evidence.extend(d.actor.evidence)
    else:
        evidence.append(Evidence("actor", d.actor.start, d.actor.end, d.actor.phrase))
    evidence.extend(d.deadline_evidence)
    start, end = d.span
    sectors: list[str] = []
    groups: list[str] = []
    citations: list[str] = []
    # Spans of the directive's own provision and of its items (analysed separately).
    units = list(analysed.get(d.index, ()))
    for j in d.item_idx:
        units.extend(analysed.get(j, ()))
        for k in descendants.get(j, ()):
            units.extend(analysed.get(k, ()))
    for unit in units:
        for group, role, bucket in (
            ("sector", "sector", sectors),
            ("group", "group", groups),
            ("citation", "citation", citations),
        ):
            for label, a, b, text in _span_labels(unit, group, start, end):
                if label not in bucket:
                    bucket.append(label)
                evidence.append(Evidence(role, a, b, label if role != "group" else text))
    deadline = _link_anchor(d.deadline, by_pin, outline)
    if deadline is not None and (deadline.anchor_pinpoint or "").startswith("("):
        # "subsection (d)(i) of this section": relative to the directive's own section.
        section = d.provision.pinpoint.split("(", 1)[0]
        deadline = replace(deadline, anchor_pinpoint=section + deadline.anchor_pinpoint)
    confidence = _STRENGTH[d.kind]
    if all(a.key is None for a in d.actor.agencies):
        confidence -= 0.15
    if d.actor.passive:
        confidence -= 0.05
    if d.actor.unresolved:
        confidence -= 0.1
    if d.inherited:
        confidence -= 0.05
    if d.action is not None:
        action = d.action
    elif d.inherited:
        action = _item_action(analysed.get(d.index, ()), d)
        if action.split(" ", 1)[0] in {"a", "an", "the"}:
            # "shall submit to the President: (i) a report within 120 days ...": the item is
            # the object of the lead-in's verb.
            lead = _action(d.trigger.doc, d.trigger, d.sentence.end)
            action = " ".join(f"{lead} {action}".split()[:ACTION_WORDS])
    else:
        action = _action(d.trigger.doc, d.trigger, d.sentence.end)
    if not action and d.items:
        # "X shall:" -- the action is stated by the first item, or by its first item when
        # it is a lead-in of its own ("(a) with respect to the rulemaking: (i) submit ...").
        for j in [d.item_idx[0], *descendants.get(d.item_idx[0], ())]:
            first = analysed.get(j, ())
            if first and len(first[0].doc):
                action = _action(first[0].doc, first[0].doc[0:0], len(first[0].doc))
            if action:
                break
    return Directive(
        pinpoint=d.provision.pinpoint,
        kind=d.kind,
        actor=" ".join(d.actor.phrase.split()),
        agencies=d.actor.agencies,
        action=action,
        deadline=deadline,
        span=(start, end),
        text=document.text[start:end],
        page=document.page_number(start),
        sectors=tuple(sectors),
        groups=tuple(groups),
        citations=tuple(citations),
        items=d.items,
        confidence=round(max(0.1, confidence), 2),
        source="rule",
        evidence=tuple(sorted(set(evidence), key=lambda e: (e.start, e.end, e.role))),
    )
