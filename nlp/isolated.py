"""Analyse untrusted files in a child process with time and memory limits.

pdfminer can loop forever on a crafted PDF and does not bound decompressed stream sizes; PDFium
aborts the whole process when an allocation fails. So reading, outlining and extraction run in
one long-lived child started with the multiprocessing "spawn" context (no inherited state, the
same on every OS), reused from file to file because starting Python and importing the
libraries costs far more than reading a typical order. Results come back as JSON text
(``eolens.nlp.serialize``), never as pickled objects.

Limits, each ending in a :class:`ReadError` with a plain-English reason:

* before parsing: the file size, the page count (read cheaply from the page tree) and a scan
  that inflates every FlateDecode stream of a PDF with a cap on its output (a few KB that
  inflate to gigabytes are refused before any parser sees them);
* while parsing: a wall-clock limit of ``base_timeout + timeout_per_page * pages`` kept by the
  parent, which kills the child and starts a new one for the next file; an address-space cap
  (``RLIMIT_AS``) set inside the child, plus a watch on the child's memory from the parent where
  ``RLIMIT_AS`` is not available.

A killed or crashed child is replaced at the next :meth:`IsolatedAnalyser.analyse` call.

Callers: one analyser serves one caller at a time (use one per worker thread). "spawn" starts
the child by importing the parent's ``__main__``: scripts need an ``if __name__ ==
"__main__":`` guard, and a frozen app must call ``multiprocessing.freeze_support()`` first.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import re
import signal
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eolens.nlp.model import Document, Outline, ReadError

if TYPE_CHECKING:
    from eolens.nlp.extract import Extraction

__all__ = ["Analysis", "AnalysisCancelled", "IsolatedAnalyser", "check_pdf_streams"]

MB = 1024 * 1024
ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


class AnalysisCancelled(Exception):
    """The caller cancelled while a file was being analysed; the child was stopped."""

    def __init__(self, path: str):
        super().__init__(f"{path}: cancelled")
        self.path = path


@dataclass(frozen=True)
class Analysis:
    document: Document
    outline: Outline
    extraction: Extraction | None


# --- checks that run before any parser ------------------------------------------------------

_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
# Deflate expands at most ~1032:1, so a stream shorter than 64 MB / 1032 cannot become a bomb
# on its own; skipping those makes the check ~10x cheaper on ordinary PDFs (fonts, pages).
_MAX_DEFLATE_RATIO = 1032
_SMALL_STREAM = 64 * MB


def _streams(data: bytes):
    """(keyword offset, data offset) of each ``stream`` keyword (bytes.find: a regex over
    binary data is ~50x slower)."""
    pos = data.find(b"stream")
    while pos >= 0:
        after = pos + 6
        if data[pos - 3 : pos] != b"end":
            if data[after : after + 2] == b"\r\n":
                yield pos, after + 2
            elif data[after : after + 1] in (b"\n", b"\r"):
                yield pos, after + 1
        pos = data.find(b"stream", after)


def check_pdf_streams(
    path: str | Path, *, max_stream_bytes: int = 256 * MB, max_total_bytes: int = 1024 * MB
) -> None:
    """Refuse a PDF whose FlateDecode streams inflate past the caps (a decompression bomb).

    A stream is refused past ``max_stream_bytes``, or past 64 MB at a ratio over 100:1; the
    inflated streams together past ``max_total_bytes``. Streams too short to inflate past
    64 MB are not inflated at all. Streams are inflated in 1 MB steps and thrown
    away, so the check itself needs little memory. Streams that do not inflate cleanly are left
    to the parser to judge.
    """
    path = Path(path)
    data = path.read_bytes()
    total = 0
    for start, body in _streams(data):
        head = data[max(0, start - 1024) : start]
        obj = head.rfind(b" obj")
        if obj >= 0:
            head = head[obj:]
        if not _FLATE.search(head):
            continue
        end = data.find(b"endstream", body)
        raw = data[body : end if end > 0 else len(data)]
        if len(raw) * _MAX_DEFLATE_RATIO <= _SMALL_STREAM:
            continue  # cannot inflate past the small-stream size: no need to look
        inflater = zlib.decompressobj()
        size = 0
        bomb = False
        try:
            size += len(inflater.decompress(raw, MB))
            while not inflater.eof and inflater.unconsumed_tail:
                chunk = inflater.decompress(inflater.unconsumed_tail, MB)
                if not chunk:
                    break  # stuck on bytes after the data (the EOL before "endstream")
                size += len(chunk)
                used = len(raw) - len(inflater.unconsumed_tail)
                # Inflating costs ~10 ms per MB here: stop early on an absurd ratio.
                if size > max_stream_bytes or (size > _SMALL_STREAM and size > 100 * used):
                    bomb = True
                    break
        except zlib.error:
            continue
        total += size
        if bomb or total > max_total_bytes:
            raise ReadError(
                str(path),
                f"the PDF looks like a decompression bomb: {len(raw) // 1024 + 1} KB of "
                f"compressed data decompress to more than {size // MB} MB",
            )


# --- the child ------------------------------------------------------------------------------


def _child_main(conn, memory_limit: int | None, warm_extract: bool = False) -> None:
    """Import what analysis needs, say "ready", then serve requests until told to stop."""
    if memory_limit:
        try:
            import resource

            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            cap = memory_limit if hard == resource.RLIM_INFINITY else min(memory_limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        except (ImportError, ValueError, OSError):
            pass  # no RLIMIT_AS here: the parent's memory watch still applies
    # Ctrl-C in a terminal reaches the whole process group: let the parent decide.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _warm_up(warm_extract)
    except Exception as exc:  # an install problem, not the file's fault: say so once
        conn.send_bytes(json.dumps({"type": "broken", "reason": repr(exc)[:500]}).encode())
        return
    conn.send_bytes(json.dumps({"type": "ready"}).encode())
    while True:
        try:
            request = json.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        if request.get("op") == "stop":
            return

        def send(message: dict[str, Any]) -> None:
            conn.send_bytes(json.dumps(message).encode())

        try:
            send({"type": "result", "data": _analyse_here(request, send)})
        except ReadError as exc:
            send({"type": "error", "reason": exc.reason})
        except MemoryError:
            send({"type": "memory"})
            return  # the heap may be in a poor state: the parent starts a new child
        except RecursionError:
            send({"type": "error", "reason": "the parser crashed (the file nests too deeply)"})
        except Exception as exc:  # every other failure of a parser on a hostile file
            reason = f"the parser crashed ({type(exc).__name__}: {exc})"[:500]
            send({"type": "error", "reason": reason})


def _warm_up(extract: bool) -> None:
    """Import the readers (and build the spaCy pipeline) before the first file's clock starts.

    Under load these imports take many seconds; counted against a file's time limit they made
    the first files of a batch time out.
    """
    import eolens.nlp.outline
    import eolens.nlp.readers
    import eolens.nlp.readers.pdf
    import eolens.nlp.serialize  # noqa: F401

    if extract:
        from eolens.nlp.pipeline import build_pipeline

        build_pipeline()


def _analyse_here(request: dict[str, Any], send: Callable[[dict[str, Any]], None]) -> dict:
    path = Path(request["path"])
    is_pdf = False
    with path.open("rb") as fh:
        is_pdf = b"%PDF-" in fh.read(1024)
    pages = 1
    if is_pdf:
        from eolens.nlp.readers.pdf import pdf_page_count

        pages = pdf_page_count(path)
        send({"type": "pages", "pages": pages})
        if pages > request["max_pages"]:
            raise ReadError(
                str(path), f"the PDF has {pages} pages; the limit is {request['max_pages']}"
            )
        if request["max_inflated"]:
            check_pdf_streams(path, max_stream_bytes=request["max_inflated"])
    else:
        send({"type": "pages", "pages": pages})

    document = _read(path, is_pdf, request.get("sha256"), send)
    from eolens.nlp.outline import parse_outline
    from eolens.nlp.serialize import document_to_dict, extraction_to_dict, outline_to_list

    outline = parse_outline(document)
    extraction = None
    if request["extract"]:
        from eolens.nlp.extract import extract

        extraction = extraction_to_dict(extract(document, outline))
    return {
        "document": document_to_dict(document),
        "outline": outline_to_list(outline),
        "extraction": extraction,
    }


def _read(path: Path, is_pdf: bool, sha256: str | None, send) -> Document:
    if is_pdf:
        # Straight to the PDF reader (what read_document does for PDFs) to report pages.
        from eolens.nlp.readers.pdf import read_pdf

        def progress(page: int, pages: int) -> None:
            send({"type": "progress", "page": page, "pages": pages})

        return read_pdf(path, sha256=sha256, progress=progress)
    from eolens.nlp.readers import read_document

    return read_document(path, sha256=sha256)


# --- the parent -----------------------------------------------------------------------------


class IsolatedAnalyser:
    """Read, outline and (optionally) extract files in a child process with limits.

    >>> with IsolatedAnalyser(extract=False) as analyser:  # doctest: +SKIP
    ...     analysis = analyser.analyse("order.pdf", progress=lambda i, n: print(i, n))
    """

    def __init__(
        self,
        *,
        timeout_per_page: float = 2.0,
        base_timeout: float = 30.0,
        memory_limit_bytes: int | None = 1536 * MB,
        extract: bool = True,
        startup_timeout: float = 180.0,
        max_file_bytes: int = 256 * MB,
        max_pages: int = 5000,
        max_inflated_bytes: int | None = 256 * MB,
    ):
        self.timeout_per_page = timeout_per_page
        self.base_timeout = base_timeout
        self.memory_limit_bytes = memory_limit_bytes
        self.extract = extract
        self.startup_timeout = startup_timeout
        self.max_file_bytes = max_file_bytes
        self.max_pages = max_pages
        self.max_inflated_bytes = max_inflated_bytes
        self._ctx = multiprocessing.get_context("spawn")
        self._proc = None
        self._conn = None
        self._starts = 0

    # context manager
    def __enter__(self) -> IsolatedAnalyser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the child (politely, then by force)."""
        if self._proc is None:
            return
        with contextlib.suppress(OSError, ValueError):
            self._conn.send_bytes(json.dumps({"op": "stop"}).encode())
        self._proc.join(2)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()
        self._discard()

    def _discard(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._proc is not None:
            self._proc.close()
        self._proc = self._conn = None

    def _kill(self) -> int | None:
        proc = self._proc
        if proc is None:
            return None
        if proc.is_alive():
            proc.kill()
        proc.join()
        code = proc.exitcode
        self._discard()
        return code

    @property
    def restarts(self) -> int:
        """Children started after the first one (after time-outs, memory caps and crashes)."""
        return max(self._starts - 1, 0)

    def _ensure_child(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            return
        if self._proc is not None:
            self._kill()
        self._starts += 1
        parent_conn, child_conn = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(
            target=_child_main,
            args=(child_conn, self.memory_limit_bytes, self.extract),
            name="eolens-analyser",
            daemon=True,
        )
        proc.start()
        child_conn.close()
        self._proc, self._conn = proc, parent_conn

    def _await_ready(self, path: Path, is_cancelled: CancelFn | None) -> None:
        """Wait for a new child's "ready" (its imports do not count against the file)."""
        deadline = time.monotonic() + self.startup_timeout
        while not self._conn.poll(0.05):
            if is_cancelled is not None and is_cancelled():
                self._kill()
                raise AnalysisCancelled(str(path))
            if not self._proc.is_alive():
                code = self._kill()
                raise ReadError(str(path), f"the analyser could not start (exit code {code})")
            if time.monotonic() > deadline:
                self._kill()
                raise ReadError(
                    str(path), f"the analyser did not start within {self.startup_timeout:.0f} s"
                )
        try:
            message = json.loads(self._conn.recv_bytes())
        except (EOFError, OSError):
            code = self._kill()
            raise ReadError(str(path), f"the analyser could not start (exit code {code})") from None
        if message.get("type") != "ready":
            self._kill()
            raise ReadError(str(path), f"the analyser could not start: {message.get('reason')}")

    @property
    def child_pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def analyse(
        self,
        path: str | Path,
        progress: ProgressFn | None = None,
        is_cancelled: CancelFn | None = None,
        sha256: str | None = None,
    ) -> Analysis:
        """Analyse one file. Raises ReadError with a plain-English reason on any failure.

        ``sha256``: the file's hash if the caller has it (the child then does not hash again).

        ``is_cancelled`` is polled while the child works; when it turns true the child is
        killed (a parser cannot be interrupted any other way) and AnalysisCancelled is raised.
        """
        path = Path(path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise ReadError(str(path), f"cannot be opened: {exc.strerror or exc}") from None
        if size > self.max_file_bytes:
            raise ReadError(
                str(path), f"the file is {_size(size)}; the limit is {_size(self.max_file_bytes)}"
            )
        if self._proc is None or not self._proc.is_alive():
            self._ensure_child()
            self._await_ready(path, is_cancelled)
        request = {
            "op": "analyse",
            "path": str(path.resolve()),
            "extract": self.extract,
            "max_pages": self.max_pages,
            "max_inflated": self.max_inflated_bytes,
            "sha256": sha256,
        }
        self._conn.send_bytes(json.dumps(request).encode())
        return self._wait(path, progress, is_cancelled)

    def _wait(
        self, path: Path, progress: ProgressFn | None, is_cancelled: CancelFn | None
    ) -> Analysis:
        started = time.monotonic()
        limit = self.base_timeout
        peak = 0
        watch = _MemoryWatch(self._proc.pid)
        while True:
            remaining = started + limit - time.monotonic()
            if remaining <= 0:
                self._kill()
                raise ReadError(str(path), f"timed out after {limit:.0f} s")
            if is_cancelled is not None and is_cancelled():
                self._kill()
                raise AnalysisCancelled(str(path))
            ready = self._conn.poll(min(remaining, 0.05))
            peak = max(peak, watch.sample())
            if self.memory_limit_bytes and peak > self.memory_limit_bytes:
                self._kill()
                raise ReadError(str(path), f"used more than {self._limit_mb()} MB")
            if not ready:
                continue
            try:
                message = json.loads(self._conn.recv_bytes())
            except (EOFError, OSError):
                code = self._kill()
                raise ReadError(str(path), self._death_reason(code, peak)) from None
            kind = message["type"]
            if kind == "pages":
                limit = self.base_timeout + self.timeout_per_page * message["pages"]
            elif kind == "progress":
                if progress is not None:
                    progress(message["page"], message["pages"])
            elif kind == "result":
                return _analysis_from_dict(message["data"])
            elif kind == "memory":
                self._kill()
                raise ReadError(str(path), f"used more than {self._limit_mb()} MB")
            else:
                raise ReadError(str(path), message["reason"])

    def _limit_mb(self) -> int:
        return (self.memory_limit_bytes or 0) // MB

    def _death_reason(self, code: int | None, peak: int) -> str:
        near_limit = self.memory_limit_bytes and peak > 0.6 * self.memory_limit_bytes
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            if near_limit or (name == "SIGABRT" and self.memory_limit_bytes):
                # PDFium aborts the process when an allocation fails under the cap.
                return f"used more than {self._limit_mb()} MB (the parser was stopped: {name})"
            return f"the parser crashed ({name})"
        return f"the parser crashed (exit code {code})"


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


class _MemoryWatch:
    """The child's resident memory, sampled by the parent (psutil; 0 if unavailable)."""

    def __init__(self, pid: int):
        try:
            import psutil

            self._proc = psutil.Process(pid)
            self._errors = (psutil.Error,)
        except Exception:
            self._proc = None

    def sample(self) -> int:
        if self._proc is None:
            return 0
        try:
            return self._proc.memory_info().rss
        except self._errors:
            return 0


def _analysis_from_dict(data: dict[str, Any]) -> Analysis:
    from eolens.nlp.serialize import document_from_dict, extraction_from_dict, outline_from_list

    extraction = data.get("extraction")
    return Analysis(
        document=document_from_dict(data["document"]),
        outline=outline_from_list(data["outline"]),
        extraction=extraction_from_dict(extraction) if extraction is not None else None,
    )
