"""Records that cross layer boundaries: frozen dataclasses, no spaCy objects.

Text convention shared by every reader (so that one order in any format gives one outline and
one set of directives):

* ``Document.text`` is the body of the document: one paragraph per line (``"\\n"`` between
  paragraphs, never blank lines), whitespace inside a paragraph folded to single spaces, no
  leading/trailing spaces on a line.
* Layout furniture is removed: YAML front matter, running heads, page numbers, footers,
  margin notes, "VerDate" lines, image tags. Line-end hyphenation is undone where the hyphen
  is a line break ("tech-\\nnological" -> "technological") but kept where it is real
  ("AI-\\nenabled" -> "AI-enabled").
* Markup is gone (HTML tags, Markdown emphasis, backslash escapes); superscripts are written
  with a caret ("10^26"), so that a flattened "1026" is never mistaken for the same number.
* Quotes are typographic and single-character: ``“ ” ‘ ’`` (the Federal Register's doubled
  ``‘‘``/``’’`` become ``“``/``”``).
* The text includes the order's own headings ("Executive Order 14409 of June 2, 2026", the
  title, "By the authority vested ...") and, where the source has it, the signature block.

Offsets everywhere (pages, provisions, directive spans, evidence) are Python string indices
into ``Document.text``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, NewType

DocId = NewType("DocId", int)
ProvisionId = NewType("ProvisionId", int)
DirectiveId = NewType("DirectiveId", int)

SourceFormat = Literal["pdf", "markdown", "html", "xml", "text", "docx"]
DocType = Literal[
    "executive_order",
    "memorandum",  # presidential memoranda, NSMs, NSPMs
    "guidance",  # agency memos and guidance (OMB)
    "fact_sheet",
    "release",  # press releases, articles, statements
    "commentary",
    "other",
]


class ReadError(Exception):
    """A file could not be read as a document. The message names the file and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class PageSpan:
    """Characters ``[start, end)`` of ``Document.text`` that lie on page ``number`` (1-based).

    ``label`` is the page number printed on the page where there is one (Federal Register
    pages: "34565"), else None.
    """

    number: int
    start: int
    end: int
    label: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    title: str
    doc_type: DocType
    source_path: str
    sha256: str
    source_format: SourceFormat
    page_count: int = 1
    eo_number: int | None = None
    signed: date | None = None
    fr_citation: str | None = None  # "91 FR 34565"
    fr_doc_number: str | None = None  # "2026-11415"


@dataclass(frozen=True, slots=True)
class Document:
    meta: DocumentMeta
    text: str
    pages: tuple[PageSpan, ...]  # contiguous, in order, covering the whole text

    def page_at(self, offset: int) -> PageSpan | None:
        if not self.pages:
            return None
        i = bisect.bisect_right([p.start for p in self.pages], offset) - 1
        return self.pages[max(i, 0)]

    def page_number(self, offset: int) -> int | None:
        page = self.page_at(offset)
        return page.number if page else None


@dataclass(frozen=True, slots=True)
class Provision:
    """One outline node: a section or a nested subsection.

    ``pinpoint`` has no "Sec.": ``"1"``, ``"2(c)"``, ``"2(c)(iii)"``, ``"4.1(a)(i)(A)"``.
    Documents without numbered sections give paragraph provisions ``"¶1"``, ``"¶2"``...
    ``[start, end)`` covers the provision and its children; ``body_start`` is where its own text
    begins (after the marker and heading); its own text runs to the first child's start.
    """

    pinpoint: str
    level: int  # depth in the tree: 0 = section, "4.1" = 1 under "4", (a) one below its parent
    marker: str  # as written: "Sec. 2.", "4.1.", "(c)", "(iii)"
    heading: str | None
    start: int
    end: int
    body_start: int
    parent: str | None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Outline:
    provisions: tuple[Provision, ...]  # document order

    def find(self, pinpoint: str) -> Provision | None:
        for p in self.provisions:
            if p.pinpoint == pinpoint:
                return p
        return None

    def at(self, offset: int) -> Provision | None:
        """The deepest provision containing ``offset``."""
        best = None
        for p in self.provisions:
            if p.start <= offset < p.end and (best is None or p.level >= best.level):
                best = p
        return best


# --- extraction results (filled by the extraction engine) ---------------------------------

DirectiveKind = Literal["obligation", "prohibition", "encouragement", "permission"]
ProvisionClass = Literal[
    "directive",
    "construction",
    "general",
    "definition",
    "policy",
    "amendment",
    "boilerplate",
    "other",
]
AgencyRole = Literal["lead", "through", "consulted", "coordinating"]
DeadlineKind = Literal["relative", "absolute", "event", "recurring", "none"]
EvidenceRole = Literal["trigger", "actor", "deadline", "sector", "group", "citation"]
RecordSource = Literal["rule", "model", "user"]


@dataclass(frozen=True, slots=True)
class AgencyRef:
    name: str  # canonical gazetteer name, or the generic actor as written
    acronym: str | None
    role: AgencyRole
    key: str | None = None  # gazetteer id; None for generic actors ("agencies")
    parent: str | None = None  # gazetteer id of the parent department


@dataclass(frozen=True, slots=True)
class Deadline:
    text: str
    kind: DeadlineKind
    date: date | None = None
    anchor: str | None = None  # "the date of this order", "issuance of the guidance in 4.1(a)"
    anchor_pinpoint: str | None = None  # directive producing the anchor event, when found
    recurrence: str | None = None  # "annually", "every 180 days"
    working: str | None = None  # "2026-06-02 + 30 days = 2026-07-02"
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    role: EvidenceRole
    start: int
    end: int
    label: str  # "shall", "Department of Commerce", "Energy", ...


@dataclass(frozen=True, slots=True)
class Directive:
    pinpoint: str
    kind: DirectiveKind
    actor: str
    agencies: tuple[AgencyRef, ...]
    action: str
    deadline: Deadline | None
    span: tuple[int, int]
    text: str
    page: int | None = None
    sectors: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    citations: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    confidence: float = 1.0
    source: RecordSource = "rule"
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)

    @property
    def lead(self) -> AgencyRef | None:
        return next((a for a in self.agencies if a.role == "lead"), None)
