"""Ingest speed and memory: the 228 Federal Register PDFs into a fresh library.

Prints pages/s of ``Library.ingest`` (read + outline [+ extract] in the isolated child, store in
one transaction per document) into a fresh temporary library, and in the same run the pages/s
of bare pdfplumber ``extract_text`` and bare pypdfium2 on the same files (measured by
benchmarks/pdf_read.py's own functions, each in a fresh process), with the ratios; and the
peak RSS of the ingest (parent and child) on the largest PDF and on the whole batch.

Goals (issue 2): ingest >= 5x bare pdfplumber (>= 100 pages/s here), peak RSS <= 500 MB.

Run: ``.venv/bin/python benchmarks/ingest.py [--limit N] [--no-extract]``
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _pdf_read():
    """benchmarks/pdf_read.py, loaded by path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("eolens_bench_pdf_read", HERE / "pdf_read.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure_ingest(files: list[Path], extract: bool) -> dict:
    """Ingest ``files`` into a fresh library in this process; pages/s and peak RSS."""
    import psutil
    from eolens.data.ingest import open_analyser
    from eolens.data.library import Library

    child_peak = 0
    with tempfile.TemporaryDirectory() as tmp, Library.open(Path(tmp) / "bench.sqlite") as lib:
        with open_analyser(extract=extract) as analyser:
            started = time.perf_counter()
            analyser.analyse(files[0])  # start the child and import the readers
            warmup = time.perf_counter() - started
            pid = getattr(analyser, "child_pid", None)

            def watch(*_args: object) -> None:
                nonlocal child_peak
                current = getattr(analyser, "child_pid", None)
                if current:
                    with contextlib.suppress(psutil.Error):
                        child_peak = max(child_peak, psutil.Process(current).memory_info().rss)

            started = time.perf_counter()
            results = lib.ingest(files, analyser=analyser, progress=watch)
            seconds = time.perf_counter() - started
            watch()
        pages = sum(d.page_count for d in lib.documents())
        failed = [f"{Path(r.path).name}: {r.message}" for r in results if r.status != "added"]
        size = sum(p.stat().st_size for p in Path(tmp).glob("bench.sqlite*"))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    child_peak = max(child_peak, children)
    return {
        "pages": pages,
        "seconds": seconds,
        "warmup": warmup,
        "parent_mb": own / 2**20,
        "child_mb": child_peak / 2**20,
        "failed": failed,
        "documents": len(results) - len(failed),
        "db_mb": size / 2**20,
        "isolated": pid is not None,
    }


def _in_child(files: list[Path], extract: bool) -> dict:
    cmd = [sys.executable, __file__, "--measure", *(["--no-extract"] if not extract else [])]
    out = subprocess.run(
        [*cmd, *map(str, files)], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-extract", action="store_true", help="read + outline + store only")
    parser.add_argument("--limit", type=int, default=0, help="only the first N PDFs")
    parser.add_argument("files", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure_ingest(args.files, not args.no_extract)))
        return 0

    pdf_read = _pdf_read()
    files = pdf_read.batch_files(args.limit)
    if not files:
        return 1
    largest = max(files, key=pdf_read._pages_pdfium)
    print(
        f"{len(files)} PDFs from {pdf_read.BATCH.name}; largest: {largest.name} "
        f"({pdf_read._pages_pdfium(largest)} pages)",
        flush=True,
    )
    plumber = pdf_read._in_child("pdfplumber", files)
    pdfium = pdf_read._in_child("pypdfium2", files)
    reference = plumber["pages"] / plumber["seconds"]
    print(f"{'method':<28} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'x plumber':>9}")
    for name, m in (("bare pdfplumber extract_text", plumber), ("bare pypdfium2", pdfium)):
        rate = m["pages"] / m["seconds"]
        print(
            f"{name:<28} {m['pages']:>6} {m['seconds']:>8.2f} {rate:>8.1f} "
            f"{rate / reference:>9.1f}",
            flush=True,
        )
    modes = [False] if args.no_extract else [False, True]
    for extract in modes:
        label = "ingest (read+outline+extract)" if extract else "ingest (read+outline+store)"
        batch = _in_child(files, extract)
        single = _in_child([largest], extract)
        rate = batch["pages"] / batch["seconds"]
        print(
            f"{label:<28} {batch['pages']:>6} {batch['seconds']:>8.2f} {rate:>8.1f} "
            f"{rate / reference:>9.1f}",
            flush=True,
        )
        print(
            f"    {batch['documents']} documents stored ({batch['db_mb']:.1f} MB library), "
            f"child start {batch['warmup']:.1f} s (not timed), "
            f"isolated child: {'yes' if batch['isolated'] else 'NO (in-process fallback)'}"
        )
        for where, m in (("batch", batch), ("largest PDF", single)):
            print(
                f"    peak RSS on {where}: parent {m['parent_mb']:.0f} MB + child "
                f"{m['child_mb']:.0f} MB = {m['parent_mb'] + m['child_mb']:.0f} MB"
            )
        for line in batch["failed"][:20]:
            print(f"    not added: {line}")
    print("goals: ingest >= 5x bare pdfplumber (>= 100 pages/s), peak RSS <= 500 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
