"""Extraction speed: words/s over EO 14110 repeated ten times, against spaCy's blank tokenizer.

    .venv/bin/python benchmarks/extract.py [--repeat 10] [--rounds 3] [--e2e-rounds 2] [--profile]

Reads EO 14110 (whitehouse.gov Markdown) once, builds a document of its text repeated
``--repeat`` times (section numbers continued from copy to copy so the outline sees one long
order), and prints two comparisons, each measured in this run:

1. In process: outline + extraction (``parse_outline`` then ``extract``, as real extraction
   runs after reading) against ``spacy.blank("en")`` tokenising the same text (paragraph by
   paragraph through ``nlp.pipe``, since spaCy refuses texts over 1,000,000 characters). Best
   of ``--rounds``, rounds alternating; both pipelines are built before timing (build time
   printed apart). Both are timed warm: the ten copies are identical and rounds repeat, so
   spaCy's token cache serves the blank tokenizer and extraction's own tokenizer alike (the
   reference is as fast as spaCy tokenising gets); extraction keeps no document-level cache,
   only answers to pure look-ups on short strings (gazetteer, deadline phrases), which one
   copy of the order already repeats.
2. End to end: the ``eolens extract FILE --format json`` command (the ten-fold text written to
   a .txt file: start-up, the isolated reader child, reading, outline, extraction, JSON out)
   against a fresh Python process that imports spaCy and tokenises the same file with
   ``spacy.blank("en")``. Both start cold; wall time and the CPU time of the processes
   (``RUSAGE_CHILDREN``) are printed, best of ``--e2e-rounds``. This is the issue's "end-to-end
   ``eolens extract`` no slower than 4x the blank tokenizer" figure.

Peak memory: this process's maximum RSS (in process) and the largest child's (end to end).

Goals: >= 150k words/s; end to end no slower than 4x the blank tokenizer; peak RSS <= 300 MB.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()
SOURCE = "eo-14110-2023-10-30.whitehouse.md"


def renumbered(text: str, shift: int) -> str:
    """The order with its section numbers shifted, so ten copies make one ten-fold order
    (Sec. 1-13, Sec. 14-26, ...) rather than one order followed by nine repeats."""
    if not shift:
        return text
    text = re.sub(r"(?m)^(Section|Sec\.) (\d+)\.", lambda m: f"{m[1]} {int(m[2]) + shift}.", text)
    return re.sub(r"(?m)^(\d+)\.(\d+)\.", lambda m: f"{int(m[1]) + shift}.{m[2]}.", text)


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


_BLANK_SCRIPT = """
import sys, spacy
nlp = spacy.blank("en")
with open(sys.argv[1], encoding="utf-8") as fh:
    paragraphs = fh.read().split("\\n")
for _doc in nlp.pipe(paragraphs, batch_size=256):
    pass
"""


def _timed_process(cmd: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s of the process and its children, peak RSS MB of the largest child so far)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - w0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    kb = after.ru_maxrss
    return wall, cpu, kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def end_to_end(text: str, words: int, rounds: int) -> None:
    """``eolens extract`` on the text as a file against a cold blank tokenizer process."""
    eolens = Path(sys.executable).with_name("eolens")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "eo-14110-x10.txt"
        path.write_text(text, encoding="utf-8")
        runs = {
            "eolens extract (end to end)": [str(eolens), "extract", str(path), "--format", "json"],
            "python + spacy.blank, cold": [sys.executable, "-c", _BLANK_SCRIPT, str(path)],
        }
        best = {name: [float("inf")] * 2 for name in runs}
        for _ in range(rounds):
            for name, cmd in runs.items():
                wall, cpu, _ = _timed_process(cmd)
                best[name] = [min(best[name][0], wall), min(best[name][1], cpu)]
        out = subprocess.run(runs["eolens extract (end to end)"], check=True, capture_output=True)
    found = len(json.loads(out.stdout)["directives"])
    for name, (wall, cpu) in best.items():
        print(
            f"{name:31s} wall {wall:.3f} s = {words / wall:9,.0f} words/s;"
            f"  cpu {cpu:.3f} s = {words / cpu:9,.0f} words/s"
        )
    (ew, ec), (bw, bc) = best.values()
    print(f"directives found (plain-text reading): {found}")
    print(
        f"ratio end to end / cold blank tokenizer: wall {ew / bw:.2f}x, cpu {ec / bc:.2f}x"
        " (goal <= 4)"
    )
    peak = _timed_process(["true"])[2]  # the largest child waited for so far
    print(f"peak RSS of the largest child process: {peak:.0f} MB (goal <= 300)")


def sweep_pdfs(folder: Path) -> int:
    """Read, outline and extract every PDF in ``folder``; print totals and failures."""
    from collections import Counter

    from eolens.nlp.extract import extract
    from eolens.nlp.model import ReadError
    from eolens.nlp.outline import parse_outline
    from eolens.nlp.readers import read_document

    pdfs = sorted(folder.glob("*.pdf"))
    if not pdfs:
        print(f"no PDFs in {folder}")
        return 1
    totals: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    unresolved: Counter[str] = Counter()
    failures = []
    t0 = time.perf_counter()
    for pdf in pdfs:
        try:
            document = read_document(pdf)
        except ReadError as exc:
            failures.append(f"{pdf.name}: unreadable ({exc.reason})")
            continue
        try:
            x = extract(document, parse_outline(document))
        except Exception as exc:  # the sweep reports every crash instead of stopping
            failures.append(f"{pdf.name}: {type(exc).__name__}: {exc}")
            continue
        totals["documents"] += 1
        totals["documents with directives"] += bool(x.directives)
        totals["directives"] += len(x.directives)
        totals["dated deadlines"] += sum(bool(d.deadline and d.deadline.date) for d in x.directives)
        totals["undated deadlines"] += sum(
            bool(d.deadline and not d.deadline.date) for d in x.directives
        )
        totals["unresolved actor strings"] += len(x.unresolved_actors)
        kinds.update(d.kind for d in x.directives)
        unresolved.update(x.unresolved_actors)
    print(f"{len(pdfs)} PDFs in {folder.name}, {time.perf_counter() - t0:.0f} s")
    for key, value in totals.items():
        print(f"  {key}: {value}")
    print(f"  kinds: {dict(kinds)}")
    print(f"  most frequent unresolved actors: {unresolved.most_common(15)}")
    print(f"  failures: {len(failures)}")
    for row in failures:
        print(f"    {row}")
    return 1 if any(": unreadable" not in f for f in failures) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--e2e-rounds", type=int, default=2, help="0 skips the end-to-end runs")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one round")
    parser.add_argument(
        "--pdfs",
        action="store_true",
        help="instead: extract every PDF in federal-register-eo-pdfs-2025 and print counts",
    )
    args = parser.parse_args(argv)
    if args.pdfs:
        return sweep_pdfs(CORPUS / "federal-register-eo-pdfs-2025")

    path = CORPUS / SOURCE
    if not path.is_file():
        print(f"{path} is absent: nothing to measure")
        return 1

    import spacy
    from eolens.nlp.extract import extract
    from eolens.nlp.model import PageSpan
    from eolens.nlp.outline import parse_outline
    from eolens.nlp.pipeline import build_pipeline
    from eolens.nlp.readers import read_document

    one = read_document(path)
    text = "\n".join(renumbered(one.text, k * 13) for k in range(args.repeat))
    document = replace(one, text=text, pages=(PageSpan(1, 0, len(text)),))
    words = len(text.split())
    # The figures depend on the interpreter's build as much as on the machine (a distribution's
    # profile-guided python3 ran the rules ~15% faster than pyenv's default build here).
    print(f"python {sys.version.split()[0]} at {os.path.realpath(sys.executable)}")

    t0 = time.perf_counter()
    build_pipeline()
    build_s = time.perf_counter() - t0

    def run_extract():
        return extract(document, parse_outline(document))

    blank = spacy.blank("en")
    paragraphs = text.split("\n")

    def run_blank():
        for _doc in blank.pipe(paragraphs, batch_size=256):
            pass

    # Rounds alternate between the two so that load from other processes hits both alike;
    # CPU time of this process is reported beside wall time for the same reason.
    best = {"extract": [float("inf")] * 2, "blank": [float("inf")] * 2}
    result = None
    for _ in range(args.rounds):
        for name, fn in (("extract", run_extract), ("blank", run_blank)):
            w0, c0 = time.perf_counter(), time.process_time()
            out = fn()
            wall, cpu = time.perf_counter() - w0, time.process_time() - c0
            best[name] = [min(best[name][0], wall), min(best[name][1], cpu)]
            if name == "extract":
                result = out

    print(f"text: {SOURCE} x{args.repeat} = {words:,} words, {len(text):,} chars")
    print(f"pipeline build (once per process): {build_s:.2f} s")
    for label, name in (
        ("extraction (outline + extract)", "extract"),
        ("spacy.blank tokenizer, warm", "blank"),
    ):
        wall, cpu = best[name]
        print(
            f"{label:31s} wall {wall:.3f} s = {words / wall:9,.0f} words/s;"
            f"  cpu {cpu:.3f} s = {words / cpu:9,.0f} words/s"
        )
    print(f"directives found: {len(result.directives)}")
    ratio_wall = best["extract"][0] / best["blank"][0]
    ratio_cpu = best["extract"][1] / best["blank"][1]
    print(
        f"ratio extraction / blank tokenizer: wall {ratio_wall:.2f}x, cpu {ratio_cpu:.2f}x"
        " (issue 3 sets its 4x goal on the end-to-end ratio below)"
    )
    rate = words / best["extract"][1]
    print(f"extraction words/s (cpu): {rate:,.0f} (goal >= 150,000)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (goal <= 300)")
    if args.e2e_rounds > 0:
        end_to_end(text, words, args.e2e_rounds)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run_extract)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
