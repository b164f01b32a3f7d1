"""PDF reading speed and memory: our reader against bare pdfplumber and bare pypdfium2.

Prints pages/s over the Federal Register printings in ../shared/corpus/federal-register-eo-
pdfs-2025 for

* ``pdfplumber``   bare ``page.extract_text()`` with ``page.close()`` after each page (reference)
* ``pypdfium2``    bare ``get_text_range()`` per page (the floor of the fast path)
* ``read_pdf``     ``eolens.nlp.readers.pdf.read_pdf`` (segmentation, furniture, paragraphs,
                   de-hyphenation, page map, metadata, sha256)
* ``+outline``     ``read_pdf`` then ``parse_outline``
* ``isolated``     read + outline through ``IsolatedAnalyser`` (child process, JSON back)

with ratios to pdfplumber, and the peak RSS of each on the largest PDF (most pages) and on the
whole batch. Every figure comes from its own fresh process (``--measure``), so imports, caches
and peak RSS of one measurement do not leak into another.

``--compare`` instead reads every PDF through both text paths of ``read_pdf`` (PDFium and
pdfplumber) and counts the documents whose words are identical.

Run: ``.venv/bin/python benchmarks/pdf_read.py [--limit N]``
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
BATCH = CORPUS / "federal-register-eo-pdfs-2025"
METHODS = ["pdfplumber", "pypdfium2", "read_pdf", "+outline", "isolated"]


def batch_files(limit: int = 0) -> list[Path]:
    """The batch's PDFs in name order, the first ``limit`` if given; [] (said) if absent."""
    files = sorted(BATCH.glob("*.pdf"))
    if not files:
        print(f"no PDFs at {BATCH}: the shared corpus is needed for this benchmark")
    return files[:limit] if limit else files


def _pages_pdfium(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _run_pdfplumber(files: list[Path]) -> int:
    import pdfplumber

    pages = 0
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return pages


def _run_pypdfium2(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    pages = 0
    for path in files:
        pdf = pdfium.PdfDocument(str(path))
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return pages


def _run_read_pdf(files: list[Path], outline: bool = False) -> int:
    from eolens.nlp.readers.pdf import read_pdf

    parse_outline = None
    if outline:
        from eolens.nlp.outline import parse_outline
    pages = 0
    for path in files:
        doc = read_pdf(path)
        if parse_outline is not None:
            parse_outline(doc)
        pages += doc.meta.page_count
    return pages


def _run_isolated(files: list[Path]) -> int:
    from eolens.nlp.isolated import IsolatedAnalyser

    pages = 0
    with IsolatedAnalyser(extract=False) as analyser:
        analyser.analyse(files[0])  # start the child and import the readers before timing
        started = time.perf_counter()
        for path in files:
            pages += analyser.analyse(path).document.meta.page_count
        _run_isolated.elapsed = time.perf_counter() - started  # type: ignore[attr-defined]
    return pages


def measure(method: str, files: list[Path]) -> dict:
    """Run one method in this process; returns pages, seconds and peak RSS (MB)."""
    # Import what the method needs before the clock starts.
    if method == "pdfplumber":
        import pdfplumber  # noqa: F401
    elif method == "pypdfium2":
        import pypdfium2  # noqa: F401
    else:
        import eolens.nlp.outline
        import eolens.nlp.readers.pdf  # noqa: F401
    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    started = time.perf_counter()
    if method == "pdfplumber":
        pages = _run_pdfplumber(files)
    elif method == "pypdfium2":
        pages = _run_pypdfium2(files)
    elif method == "read_pdf":
        pages = _run_read_pdf(files)
    elif method == "+outline":
        pages = _run_read_pdf(files, outline=True)
    else:
        pages = _run_isolated(files)
    seconds = time.perf_counter() - started
    if method == "isolated":
        seconds = _run_isolated.elapsed  # type: ignore[attr-defined]
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds (ours plus the analyser child's, its start-up included) depend far less on
    # what else the machine is running than wall-clock seconds do.
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime - cpu_before
    return {
        "pages": pages,
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": max(own.ru_maxrss, children.ru_maxrss) / 1024,
    }


def _in_child(method: str, files: list[Path]) -> dict:
    cmd = [sys.executable, __file__, "--measure", method, *map(str, files)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def compare(files: list[Path]) -> None:
    from eolens.nlp.readers.pdf import read_pdf

    same = 0
    for path in files:
        fast = read_pdf(path, backend="pdfium")
        slow = read_pdf(path, backend="pdfplumber")
        if fast.text.split() == slow.text.split():
            same += 1
        else:
            print(f"  differs: {path.name}")
    print(f"word-identical through PDFium and pdfplumber: {same} of {len(files)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--measure", choices=METHODS, help=argparse.SUPPRESS)
    parser.add_argument("--compare", action="store_true", help="compare the two text paths")
    parser.add_argument("--limit", type=int, default=0, help="only the first N PDFs")
    parser.add_argument("files", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.files)))
        return 0

    files = batch_files(args.limit)
    if not files:
        return 1
    if args.compare:
        compare(files)
        return 0
    largest = max(files, key=_pages_pdfium)
    largest_pages = _pages_pdfium(largest)
    print(f"{len(files)} PDFs from {BATCH.name}; largest: {largest.name} ({largest_pages} pages)")
    print(
        f"{'method':<11} {'pages':>5} {'wall s':>7} {'pages/s':>8} {'x plumber':>9} "
        f"{'CPU s':>6} {'pages/CPU-s':>11} {'x plumber':>9} {'peak MB':>8} {'largest':>8}"
    )
    reference = cpu_reference = None
    for method in METHODS:
        batch = _in_child(method, files)
        single = _in_child(method, [largest])
        rate = batch["pages"] / batch["seconds"]
        cpu_rate = batch["pages"] / batch["cpu"]
        if reference is None:
            reference, cpu_reference = rate, cpu_rate
        print(
            f"{method:<11} {batch['pages']:>5} {batch['seconds']:>7.2f} {rate:>8.1f} "
            f"{rate / reference:>9.1f} {batch['cpu']:>6.2f} {cpu_rate:>11.1f} "
            f"{cpu_rate / cpu_reference:>9.1f} {batch['peak_mb']:>8.0f} {single['peak_mb']:>8.0f}",
            flush=True,
        )
    print("peak MB: peak RSS over the batch / on the largest PDF alone, each in a fresh process")
    print("goal: read + outline >= 5x pdfplumber (>= 100 pages/s here), peak RSS <= 500 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
