"""Made-up documents (our own words, not corpus text) for storage tests that must not depend on
the readers or the extractor, plus access to the SYNTHETIC directive generator."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

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
from samples import find, within_30_days

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def synthetic_module():
    """benchmarks/synthetic.py (not a package: loaded by path)."""
    name = "eolens_bench_synthetic"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, BENCHMARKS / "synthetic.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


LINES = [
    "Executive Order 99001 of March 3, 2026",
    "Keeping Widget Registers",
    "Section 1. Purpose. Widget registers help agencies plan.",
    "Sec. 2. Duties of Agencies.",
    "(a) The Secretary of Commerce shall publish a widget register within 30 days of the date of "
    "this order.",
    "(b) The Secretary of Energy, in consultation with the Director of OMB, shall review grid "
    "widgets used by rural hospitals.",
    "(c) Agencies are encouraged to share Sec. 4(b) notes.",
    "Sec. 3. General Provisions. Nothing in this order shall be construed to impair any agency.",
]


def sample_analysis(number: int = 99001, *, extraction: bool = True) -> Analysis:
    lines = [line.replace("99001", str(number)) for line in LINES]
    text = "\n".join(lines)
    sha = hashlib.sha256(text.encode()).hexdigest()
    half = text.index("Sec. 2.")
    pages = (PageSpan(1, 0, half, "101"), PageSpan(2, half, len(text), "102"))
    s1 = find(text, "Section 1.")[0]
    s2 = find(text, "Sec. 2.")[0]
    a = find(text, "(a) The Secretary")[0]
    b = find(text, "(b) The Secretary")[0]
    c = find(text, "(c) Agencies")[0]
    s3 = find(text, "Sec. 3.")[0]
    end = len(text)
    provisions = (
        Provision(
            "1", 0, "Section 1.", "Purpose", s1, s2 - 1, s1 + len("Section 1. Purpose. "), None, 1
        ),
        Provision(
            "2",
            0,
            "Sec. 2.",
            "Duties of Agencies",
            s2,
            s3 - 1,
            s2 + len("Sec. 2. Duties of Agencies."),
            None,
            2,
        ),
        Provision("2(a)", 1, "(a)", None, a, b - 1, a + 4, "2", 2),
        Provision("2(b)", 1, "(b)", None, b, c - 1, b + 4, "2", 2),
        Provision("2(c)", 1, "(c)", None, c, s3 - 1, c + 4, "2", 2),
        Provision(
            "3",
            0,
            "Sec. 3.",
            "General Provisions",
            s3,
            end,
            s3 + len("Sec. 3. General Provisions. "),
            None,
            2,
        ),
    )
    meta = DocumentMeta(
        title=lines[1],
        doc_type="executive_order",
        source_path=f"/nowhere/eo-{number}.txt",
        sha256=sha,
        source_format="text",
        page_count=2,
        eo_number=number,
        signed=date(2026, 3, 3),
    )
    document = Document(meta, text, pages)
    if not extraction:
        return Analysis(document, Outline(provisions), None)
    sa = find(text, lines[4])
    sb = find(text, lines[5])
    sc = find(text, lines[6])
    directives = (
        Directive(
            pinpoint="2(a)",
            kind="obligation",
            actor="The Secretary of Commerce",
            agencies=(AgencyRef("Department of Commerce", "DOC", "lead", "doc"),),
            action="publish a widget register",
            deadline=within_30_days(text, meta.signed),
            span=sa,
            text=lines[4],
            page=2,
            evidence=(
                Evidence("trigger", *find(text, "shall", sa[0]), "shall"),
                Evidence("actor", *find(text, "Secretary of Commerce"), "Department of Commerce"),
            ),
        ),
        Directive(
            pinpoint="2(b)",
            kind="obligation",
            actor="The Secretary of Energy, in consultation with the Director of OMB",
            agencies=(
                AgencyRef("Department of Energy", "DOE", "lead", "doe"),
                AgencyRef("Office of Management and Budget", "OMB", "consulted", "omb"),
            ),
            action="review grid widgets",
            deadline=None,
            span=sb,
            text=lines[5],
            page=2,
            sectors=("Energy", "Healthcare and Public Health"),
            groups=("rural hospitals",),
            citations=("Executive Order 14028",),
            items=("2(b)(i)",),
            confidence=0.9,
        ),
        Directive(
            pinpoint="2(c)",
            kind="encouragement",
            actor="Agencies",
            agencies=(AgencyRef("agencies", None, "lead"),),
            action="share notes",
            deadline=None,
            span=sc,
            text=lines[6],
            page=2,
        ),
    )
    classes = {"1": "policy", "2(a)": "directive", "2(b)": "directive", "3": "construction"}
    return Analysis(
        document,
        Outline(provisions),
        Extraction(directives, classes, ("the Widget Board",), "test-1"),
    )


def with_extractor(analysis: Analysis, version: str, keep: int) -> Extraction:
    ext = analysis.extraction
    return replace(ext, directives=ext.directives[:keep], extractor_version=version)
