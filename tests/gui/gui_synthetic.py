"""A small made-up order (our own words, not from the corpus) stored through the real ingest
storage, for GUI tests that must not wait for the readers or the extractor."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from eolens.data.library import Library
from eolens.nlp.extract import Extraction
from eolens.nlp.isolated import Analysis
from eolens.nlp.model import (
    AgencyRef,
    Directive,
    Document,
    DocumentMeta,
    Evidence,
    Outline,
    PageSpan,
    Provision,
)
from samples import find, store_sample, within_30_days

LINES = [
    "Executive Order 99999 of January 2, 2026",
    "Testing the Reader",
    "Section 1. Purpose. This order exists so that a test can read it.",
    "Sec. 2. Duties.",
    "(a) The Secretary of Commerce shall publish a report on widgets within 30 days of the date "
    "of this order.",
    "(b) The Secretary of Energy shall meet rural hospitals and community banks.",
    "(c) The Administrator of General Services is encouraged to buy fewer widgets.",
    "Sec. 3. General Provisions. Nothing in this order shall be construed to impair any agency.",
]
TEXT = "\n".join(LINES)
SIGNED = date(2026, 1, 2)


def _line(i: int) -> tuple[int, int]:
    start = sum(len(x) + 1 for x in LINES[:i])
    return start, start + len(LINES[i])


def _ev(role: str, needle: str, line: tuple[int, int], label: str | None = None) -> Evidence:
    s, e = find(TEXT, needle, line[0])
    return Evidence(role, s, e, label or needle)  # type: ignore[arg-type]


def build(
    title: str = "Testing the Reader", sha: str = "0" * 64
) -> tuple[Document, Outline, Extraction]:
    a, b, c = _line(4), _line(5), _line(6)
    da = (a[0] + len("(a) "), a[1])
    db_ = (b[0] + len("(b) "), b[1])
    dc = (c[0] + len("(c) "), c[1])
    directives = (
        Directive(
            pinpoint="2(a)",
            kind="obligation",
            actor="The Secretary of Commerce",
            agencies=(AgencyRef("Department of Commerce", "DOC", "lead", "doc"),),
            action="publish a report on widgets",
            deadline=within_30_days(TEXT, SIGNED, a[0]),
            span=da,
            text=TEXT[da[0] : da[1]],
            page=1,
            evidence=(
                _ev("actor", "The Secretary of Commerce", a, "Department of Commerce"),
                _ev("trigger", "shall", a),
                _ev("deadline", "within 30 days of the date of this order", a),
            ),
        ),
        Directive(
            pinpoint="2(b)",
            kind="obligation",
            actor="The Secretary of Energy",
            agencies=(AgencyRef("Department of Energy", "DOE", "lead", "doe"),),
            action="meet rural hospitals and community banks",
            deadline=None,
            span=db_,
            text=TEXT[db_[0] : db_[1]],
            page=1,
            sectors=("Financial Services", "Healthcare and Public Health"),
            groups=("rural hospitals", "community banks"),
            evidence=(
                _ev("actor", "The Secretary of Energy", b, "Department of Energy"),
                _ev("trigger", "shall", b),
                _ev("group", "rural hospitals", b, "Healthcare and Public Health"),
                _ev("group", "community banks", b, "Financial Services"),
            ),
        ),
        Directive(
            pinpoint="2(c)",
            kind="encouragement",
            actor="The Administrator of General Services",
            agencies=(AgencyRef("General Services Administration", "GSA", "lead", "gsa"),),
            action="buy fewer widgets",
            deadline=None,
            span=dc,
            text=TEXT[dc[0] : dc[1]],
            page=1,
            evidence=(
                _ev("actor", "The Administrator of General Services", c),
                _ev("trigger", "is encouraged to", c),
            ),
        ),
    )
    s1, s2, s3 = _line(2), _line(3), _line(7)
    provisions = (
        Provision("1", 0, "Section 1.", "Purpose", s1[0], s1[1], s1[0] + 20, None, 1),
        Provision("2", 0, "Sec. 2.", "Duties", s2[0], c[1], s2[1], None, 1),
        Provision("2(a)", 1, "(a)", None, a[0], a[1], a[0] + 4, "2", 1),
        Provision("2(b)", 1, "(b)", None, b[0], b[1], b[0] + 4, "2", 1),
        Provision("2(c)", 1, "(c)", None, c[0], c[1], c[0] + 4, "2", 1),
        Provision("3", 0, "Sec. 3.", "General Provisions", s3[0], s3[1], s3[0] + 28, None, 1),
    )
    meta = DocumentMeta(
        title=title,
        doc_type="executive_order",
        source_path="/nowhere/eo-99999.md",
        sha256=sha,
        source_format="markdown",
        eo_number=99999,
        signed=SIGNED,
    )
    document = Document(meta, TEXT, (PageSpan(1, 0, len(TEXT)),))
    classes = {
        "1": "policy",
        "2(a)": "directive",
        "2(b)": "directive",
        "2(c)": "directive",
        "3": "construction",
    }
    return document, Outline(provisions), Extraction(directives, classes, (), "test")


def make_library(path: Path, title: str = "Testing the Reader") -> Library:
    return store_sample(path, Analysis(*build(title)))
