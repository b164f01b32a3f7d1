"""SYNTHETIC directives for benchmarks and tests: made-up rows, never real extraction output.

``generate_directives(library, n)`` adds documents titled "SYNTHETIC benchmark document N" (EO
numbers 90000+) holding ``n`` generated directives in total, with agencies, sectors, evidence and
deadlines spread so that every filter and sort has work to do. Each synthetic document is
stored through the normal write path (one transaction each), with ``extractor_version``
"synthetic".

    python benchmarks/synthetic.py --db /tmp/big.sqlite 100000   # also times filters and sorts
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta

from eolens.data.ingest import store_analysis
from eolens.data.library import Library
from eolens.data.queries import DirectiveFilter
from eolens.nlp.extract import Extraction
from eolens.nlp.isolated import Analysis
from eolens.nlp.model import (
    AgencyRef,
    Deadline,
    Directive,
    Document,
    DocumentMeta,
    Evidence,
    Outline,
    PageSpan,
    Provision,
)

SYNTHETIC_VERSION = "synthetic"
AGENCIES = [
    ("Department of Commerce", "DOC", "doc"),
    ("Department of Homeland Security", "DHS", "dhs"),
    ("Cybersecurity and Infrastructure Security Agency", "CISA", "cisa"),
    ("Department of the Treasury", "USDT", "treasury"),
    ("Office of Management and Budget", "OMB", "omb"),
    ("Department of Energy", "DOE", "doe"),
    ("National Institute of Standards and Technology", "NIST", "nist"),
    ("Department of War", "DOW", "dow"),
    ("Office of the National Cyber Director", "ONCD", "oncd"),
    ("Department of Health and Human Services", "HHS", "hhs"),
]
SECTORS = [
    "Energy",
    "Financial Services",
    "Healthcare and Public Health",
    "Information Technology",
    "Communications",
    "Water and Wastewater Systems",
    "Transportation Systems",
]
KINDS = ["obligation", "obligation", "obligation", "prohibition", "encouragement", "permission"]
VERBS = ["develop", "issue", "publish", "submit", "review", "establish", "assess", "report on"]
OBJECTS = [
    "guidance on model security",
    "a plan for grid resilience",
    "standards for secure software",
    "a report on vulnerability coordination",
    "recommendations for workforce training",
    "a framework for incident reporting",
]


def synthetic_document(number: int, count: int, rng: random.Random) -> Analysis:
    """One synthetic order with ``count`` directives, one provision each."""
    signed = date(2025, 1, 1) + timedelta(days=rng.randrange(500))
    lines = [f"SYNTHETIC benchmark document {number}"]
    provisions: list[Provision] = []
    directives: list[Directive] = []
    offset = len(lines[0]) + 1
    for i in range(count):
        section, sub = divmod(i, 20)
        pinpoint = f"{section + 1}({chr(97 + sub % 26)})"
        name, acronym, key = rng.choice(AGENCIES)
        kind = rng.choice(KINDS)
        verb, obj = rng.choice(VERBS), rng.choice(OBJECTS)
        days = rng.choice([30, 60, 90, 180, 365, 0])
        trigger = {"prohibition": "shall not", "encouragement": "is encouraged to"}.get(
            kind, "shall"
        )
        if kind == "permission":
            trigger = "may"
        tail = f" within {days} days of the date of this order" if days else ""
        sentence = f"({chr(97 + sub % 26)}) The head of {name} {trigger} {verb} {obj}{tail}."
        start = offset
        end = start + len(sentence)
        lines.append(sentence)
        offset = end + 1
        deadline = None
        if days:
            due = signed + timedelta(days=days)
            deadline = Deadline(
                text=f"within {days} days of the date of this order",
                kind="relative",
                date=due,
                anchor="the date of this order",
                working=f"{signed} + {days} days = {due}",
            )
        sectors = tuple(rng.sample(SECTORS, rng.choice([0, 1, 1, 2])))
        t0 = start + sentence.index(trigger)
        directives.append(
            Directive(
                pinpoint=pinpoint,
                kind=kind,  # type: ignore[arg-type]
                actor=f"the head of {name}",
                agencies=(AgencyRef(name, acronym, "lead", key),)
                + ((AgencyRef(*rng.choice(AGENCIES)[:2], "consulted"),) if i % 3 == 0 else ()),
                action=f"{verb} {obj}",
                deadline=deadline,
                span=(start, end),
                text=sentence,
                page=1 + i // 40,
                sectors=sectors,
                groups=("owners and operators",) if i % 7 == 0 else (),
                citations=(),
                evidence=(Evidence("trigger", t0, t0 + len(trigger), trigger),),
            )
        )
        provisions.append(
            Provision(
                pinpoint,
                1,
                f"({chr(97 + sub % 26)})",
                None,
                start,
                end,
                start + 4,
                str(section + 1),
                1 + i // 40,
            )
        )
    text = "\n".join(lines)
    pages_n = max(1, (count + 39) // 40)
    meta = DocumentMeta(
        title=f"SYNTHETIC benchmark document {number}",
        doc_type="executive_order",
        source_path=f"synthetic://{number}",
        sha256=f"{number:064x}",
        source_format="text",
        page_count=pages_n,
        eo_number=90000 + number,
        signed=signed,
    )
    step = max(1, len(text) // pages_n)
    pages = tuple(
        PageSpan(n + 1, n * step, len(text) if n == pages_n - 1 else (n + 1) * step)
        for n in range(pages_n)
    )
    extraction = Extraction(tuple(directives), {}, (), SYNTHETIC_VERSION)
    return Analysis(Document(meta, text, pages), Outline(tuple(provisions)), extraction)


def generate_directives(
    library: Library, n: int, *, per_document: int = 500, seed: int = 14409
) -> int:
    """Add ``n`` SYNTHETIC directives in documents of ``per_document``; returns documents added."""
    rng = random.Random(seed)
    first = library.db.execute("SELECT count(*) FROM documents").fetchone()[0]
    added = 0
    while n > 0:
        count = min(per_document, n)
        store_analysis(library.db, synthetic_document(first + added + 1, count, rng))
        n -= count
        added += 1
    return added


def _time(fn, repeat: int = 5) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("n", type=int, nargs="?", default=100_000)
    args = parser.parse_args(argv)
    with Library.open(args.db) as lib:
        if lib.count_directives() < args.n:
            t0 = time.perf_counter()
            generate_directives(lib, args.n - lib.count_directives())
            print(f"generated in {time.perf_counter() - t0:.1f} s")
        total = lib.count_directives()
        # Reference in the same run: the bare cost of reading every id out of SQLite.
        ref_ms, _ = _time(lambda: [r[0] for r in lib.db.conn.execute("SELECT id FROM directives")])
        print(f"{total} directives; reference (bare SELECT id, no order) {ref_ms:.1f} ms")
        cases = {
            "all, document order": (None, "position", False),
            "text 'grid'": (DirectiveFilter(text="grid"), "position", False),
            "text 'secure softw'": (DirectiveFilter(text="secure softw"), "position", False),
            "agency CISA": (DirectiveFilter(agency="CISA"), "position", False),
            "sector Energy": (DirectiveFilter(sector="Energy"), "position", False),
            "kind prohibition": (DirectiveFilter(kind="prohibition"), "position", False),
            "due before 2025-06-30": (
                DirectiveFilter(due_before=date(2025, 6, 30)),
                "position",
                False,
            ),
            "sort deadline": (None, "deadline_date", False),
            "sort deadline desc": (None, "deadline_date", True),
            "sort lead agency": (None, "lead_agency", False),
            "sort kind": (None, "kind", False),
            "text 'report' sorted by deadline": (
                DirectiveFilter(text="report"),
                "deadline_date",
                False,
            ),
        }
        for label, (flt, order, desc) in cases.items():
            ms, ids = _time(lambda f=flt, o=order, d=desc: lib.directive_ids(f, o, d))
            n = len(ids)  # type: ignore[arg-type]
            print(f"{label:36s} {ms:7.1f} ms  {n:6d} ids  {ms / ref_ms:4.1f}x reference")
        ms, _ = _time(lambda: lib.directive_rows(range(1, 201)))
        print(f"{'200 rows':36s} {ms:7.1f} ms")
        ms, _ = _time(lambda: lib.facets())
        print(f"{'facets':36s} {ms:7.1f} ms")
        ms, _ = _time(lambda: lib.directive_text_matches("grid"))
        print(f"{'text matches (set) grid':36s} {ms:7.1f} ms")
        print("goals (issue 4, GUI on 100k): filter <= 30 ms, sort <= 50 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
