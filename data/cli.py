"""The ``eolens`` command line: a thin front over the same use cases the window calls. No Qt.

Every user error (bad file, unknown document, offline, damaged library) prints one line on
stderr and exits non-zero; tracebacks are for bugs only.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shutil
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from eolens.nlp.model import ReadError

if TYPE_CHECKING:
    from eolens.data.ingest import IngestResult
    from eolens.data.library import Library

# The library's modules are imported by the commands that use them: `extract FILE` never opens
# the library, and sqlite-utils (which imports numpy) was a third of that command's start-up.

PROG = "eolens"
KINDS = ("obligation", "prohibition", "encouragement", "permission")
# The keys of eolens.data.queries.ORDER_BY, written out so that building the parser does not
# import the library (cmd_directives checks that they agree).
SORT_KEYS = (
    "action",
    "deadline_date",
    "document",
    "kind",
    "lead_agency",
    "page",
    "pinpoint",
    "position",
    "sectors",
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class UserError(Exception):
    """A mistake on the command line or in its input: one line on stderr, exit 1."""


def _plain(value: object) -> str:
    """Text from documents is printed without control characters (no terminal escapes)."""
    return _CONTROL.sub("", "" if value is None else str(value))


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-07-01") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read US executive orders as directives. Without a command, opens the window.",
    )
    parser.add_argument("--db", metavar="PATH", help="library file (default: in your data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("ingest", help="add documents (files or folders) to the library")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--no-extract", action="store_true", help="store text and outline only")

    sub.add_parser("list", help="list the documents in the library")

    p = sub.add_parser("show", help="show a document's details")
    p.add_argument("doc", metavar="DOC", help="id, EO number or sha256 prefix")
    p.add_argument("--outline", action="store_true", help="also print the section outline")

    p = sub.add_parser("search", help="full-text search over provisions")
    p.add_argument("text", nargs="+", metavar="TEXT")
    p.add_argument("--doc", action="append", metavar="DOC", help="only in this document")
    p.add_argument("--limit", type=int, default=50)

    p = sub.add_parser("fetch", help="download an executive order from the Federal Register")
    p.add_argument("--eo", type=int, required=True, metavar="NUMBER")
    p.add_argument("--pdf", action="store_true", help="prefer the PDF over the full-text XML")

    p = sub.add_parser("extract", help="print a document's directives (file or stored document)")
    p.add_argument("target", metavar="PATH|DOC")
    p.add_argument("--format", choices=("json", "csv", "table"), default="json")

    p = sub.add_parser("directives", help="list stored directives with filters")
    p.add_argument("--doc", action="append", metavar="DOC", help="repeat for several")
    p.add_argument("--agency", help="gazetteer key, acronym or name (any role)")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--sector", help='CISA sector, e.g. "Energy"')
    p.add_argument("--due-before", type=_iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--due-after", type=_iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--no-deadline", action="store_true", help="only directives without a date")
    p.add_argument("--text", help="words in the directive (prefix match)")
    p.add_argument("--sort", choices=SORT_KEYS, default="position")
    p.add_argument("--desc", action="store_true", help="reverse the order")
    p.add_argument("--limit", type=int, default=0, help="print at most N (0: all)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        return COMMANDS[args.command](args)
    except _user_errors() as exc:
        print(f"{PROG}: {_plain(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `eolens list | head`: the reader left; not an error worth a traceback.
        sys.stderr.close()
        return 0


def _user_errors() -> tuple[type[Exception], ...]:
    # Evaluated only when an exception is on its way out (see the note on imports).
    from eolens.data.db import LibraryError
    from eolens.data.fetch import FetchError

    return (LibraryError, FetchError, ReadError, UserError)


def _open(args: argparse.Namespace) -> Library:
    from eolens.data.library import Library

    return Library.open(args.db)


# --- ingest ------------------------------------------------------------------------------


class _ProgressBar:
    """A one-line bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.enabled = stream.isatty()

    def __call__(self, done: int, total: int, current: str, page: int, pages: int) -> None:
        if not self.enabled or total == 0:
            return
        width = max(10, min(30, shutil.get_terminal_size((80, 20)).columns - 50))
        filled = int(width * done / total)
        name = _plain(Path(current).name)[:30]
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name:30s}")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _result_line(r: IngestResult) -> str:
    ref = f"#{r.doc_id}" if r.doc_id is not None else "-"
    message = r.message
    for prefix in (f"{r.path}: ", f"{Path(r.path).resolve()}: "):
        message = message.removeprefix(prefix)  # the path is already on the line
    return _plain(f"{r.status:9s} {ref:>5s}  {r.path}  {message}".rstrip())


def cmd_ingest(args: argparse.Namespace) -> int:
    from eolens.data.ingest import expand_paths, open_analyser

    files = expand_paths(args.paths)
    if not files:
        raise UserError("no documents found in " + ", ".join(args.paths))
    bar = _ProgressBar(sys.stderr)
    results: list[IngestResult] = []
    with _open(args) as lib, open_analyser(extract=not args.no_extract) as analyser:
        # One file per call so each result line appears as soon as its file is done; the
        # analyser (one child process) is shared by all of them.
        for i, path in enumerate(files):

            def progress(_d: int, _t: int, current: str, page: int, pages: int, i: int = i) -> None:
                bar(i, len(files), current, page, pages)

            (result,) = lib.ingest([path], analyser=analyser, progress=progress)
            results.append(result)
            bar.clear()
            print(_result_line(result), flush=True)
    failed = sum(r.status == "failed" for r in results)
    added = sum(r.status == "added" for r in results)
    dupes = sum(r.status == "duplicate" for r in results)
    print(f"{added} added, {dupes} already present, {failed} failed", file=sys.stderr)
    return 1 if failed else 0


# --- documents ---------------------------------------------------------------------------


def _table(rows: list[list[Any]], headers: list[str], out: TextIO, wrap_last: bool = True) -> None:
    cells = [[_plain(c) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, c in enumerate(row[:-1] if wrap_last else row):
            widths[i] = max(widths[i], min(len(c), 40))
    total = shutil.get_terminal_size((120, 20)).columns
    last = max(20, total - sum(widths[:-1]) - 2 * (len(widths) - 1)) if wrap_last else None

    def fmt(row: list[str]) -> str:
        parts = []
        for i, c in enumerate(row):
            if i == len(row) - 1 and last is not None:
                parts.append(c if len(c) <= last else c[: last - 1] + "…")
            else:
                w = widths[i]
                parts.append((c if len(c) <= w else c[: w - 1] + "…").ljust(w))
        return "  ".join(parts).rstrip()

    print(fmt(headers), file=out)
    for row in cells:
        print(fmt(row), file=out)


def cmd_list(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        docs = lib.documents()
    if not docs:
        print(f"The library at {lib.path} is empty. Add documents with: eolens ingest FILE...")
        return 0
    _table(
        [
            [
                d.id,
                d.doc_type,
                d.eo_number or "",
                d.signed or "",
                d.page_count,
                d.directive_count,
                d.title,
            ]
            for d in docs
        ],
        ["ID", "TYPE", "EO", "SIGNED", "PAGES", "DIRECTIVES", "TITLE"],
        sys.stdout,
    )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        doc = lib.resolve_document(args.doc)
        fields = [
            ("id", doc.id),
            ("title", doc.title),
            ("type", doc.doc_type),
            ("EO number", doc.eo_number),
            ("signed", doc.signed),
            ("FR citation", doc.fr_citation),
            ("FR doc number", doc.fr_doc_number),
            ("pages", doc.page_count),
            ("provisions", doc.provision_count),
            ("directives", doc.directive_count),
            ("format", doc.source_format),
            ("source", doc.source_path),
            ("sha256", doc.sha256),
            ("ingested", doc.ingested_at),
            ("extractor", doc.extractor_version),
        ]
        for name, value in fields:
            if value is not None:
                print(f"{name + ':':15s}{_plain(value)}")
        if args.outline:
            print()
            for p in lib.provisions(doc.id):
                prov = p.provision
                label = prov.pinpoint if prov.level == 0 else prov.marker
                heading = f" {prov.heading}" if prov.heading else ""
                extra = [
                    x for x in (p.provision_class, f"p. {prov.page}" if prov.page else None) if x
                ]
                tail = f"  [{', '.join(extra)}]" if extra else ""
                print(_plain(f"{'  ' * prov.level}{label}{heading}{tail}"))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    with _open(args) as lib:
        doc_ids = [lib.resolve_document(ref).id for ref in args.doc or []]
        hits = lib.search(text, doc_ids=doc_ids, limit=args.limit)
    if not hits:
        print(f"no provision contains {text!r}", file=sys.stderr)
        return 0
    for h in hits:
        page = f" p. {h.page}" if h.page else ""
        print(_plain(f"{h.doc_label} §{h.pinpoint}{page}: {h.snippet}"))
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        print(f"asking the Federal Register for EO {args.eo}…", file=sys.stderr)
        order, result = lib.fetch_executive_order(args.eo, prefer="pdf" if args.pdf else "xml")
    print(
        _plain(f"EO {order.eo_number}: {order.title} ({order.citation or order.document_number})")
    )
    print(_result_line(result))
    return 1 if result.status == "failed" else 0


# --- directives --------------------------------------------------------------------------

CSV_COLUMNS = [
    "id",
    "pinpoint",
    "kind",
    "actor",
    "lead_agency",
    "agencies",
    "action",
    "deadline_date",
    "deadline_kind",
    "deadline_text",
    "deadline_working",
    "sectors",
    "groups",
    "citations",
    "page",
    "span_start",
    "span_end",
    "text",
    "source",
    "confidence",
]


def _csv_cell(value: object) -> str:
    """Spreadsheet-safe: no control characters, no cell that a spreadsheet runs as a formula."""
    text = "" if value is None else str(value)
    text = _CONTROL.sub(" ", text.replace("\r\n", " ").replace("\n", " "))
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def _directive_dicts(contract: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for d in contract["directives"]:
        deadline = d.get("deadline") or {}
        agencies = d.get("agencies") or []
        lead = next((a for a in agencies if a.get("role") == "lead"), None)
        out.append(
            {
                "id": d.get("id"),
                "pinpoint": d.get("pinpoint"),
                "kind": d.get("kind"),
                "actor": d.get("actor"),
                "lead_agency": (lead.get("acronym") or lead.get("name")) if lead else "",
                "agencies": "; ".join(
                    f"{a.get('acronym') or a.get('name')} ({a.get('role')})" for a in agencies
                ),
                "action": d.get("action"),
                "deadline_date": deadline.get("date"),
                "deadline_kind": deadline.get("kind"),
                "deadline_text": deadline.get("text"),
                "deadline_working": deadline.get("working"),
                "sectors": "; ".join(d.get("sectors") or []),
                "groups": "; ".join(d.get("groups") or []),
                "citations": "; ".join(d.get("citations") or []),
                "page": d.get("page"),
                "span_start": (d.get("span") or [None, None])[0],
                "span_end": (d.get("span") or [None, None])[1],
                "text": d.get("text"),
                "source": d.get("source"),
                "confidence": d.get("confidence"),
            }
        )
    return out


def _write_csv(rows: list[dict[str, Any]], out: TextIO) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(row.get(c)) for c in CSV_COLUMNS])
    out.write(buffer.getvalue())


def _directive_table(rows: list[dict[str, Any]], out: TextIO) -> None:
    _table(
        [
            [
                r.get("doc", ""),
                r["pinpoint"],
                r["kind"],
                r["lead_agency"] or "",
                r["deadline_date"] or "",
                r["page"] or "",
                r["sectors"],
                r["action"],
            ]
            for r in rows
        ],
        ["DOC", "PINPOINT", "KIND", "LEAD", "DUE", "PAGE", "SECTORS", "ACTION"],
        out,
    )


def cmd_extract(args: argparse.Namespace) -> int:
    target = Path(args.target)
    if target.is_file():
        from eolens.nlp.isolated import IsolatedAnalyser
        from eolens.nlp.serialize import contract

        # IsolatedAnalyser itself (what data.ingest.open_analyser gives), without the library.
        with IsolatedAnalyser(extract=True) as analyser:
            analysis = analyser.analyse(target)
        result = contract(analysis.document, analysis.outline, analysis.extraction)
    else:
        with _open(args) as lib:
            doc = lib.resolve_document(args.target)
            result = lib.contract(doc.id)
    if args.format == "json":
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    rows = _directive_dicts(result)
    if args.format == "csv":
        _write_csv(rows, sys.stdout)
    else:
        label = result["document"].get("eo_number") or result["document"].get("title")
        for r in rows:
            r["doc"] = f"EO {label}" if isinstance(label, int) else label
        _directive_table(rows, sys.stdout)
    return 0


def cmd_directives(args: argparse.Namespace) -> int:
    from eolens.data.queries import ORDER_BY, DirectiveFilter

    if sorted(ORDER_BY) != list(SORT_KEYS):
        raise RuntimeError("cli.SORT_KEYS is out of step with queries.ORDER_BY")
    with _open(args) as lib:
        doc_ids = tuple(lib.resolve_document(ref).id for ref in args.doc or [])
        flt = DirectiveFilter(
            doc_ids=doc_ids,
            text=args.text or "",
            agency=args.agency,
            kind=args.kind,
            sector=args.sector,
            due_before=args.due_before,
            due_after=args.due_after,
            has_no_deadline=args.no_deadline,
        )
        ids = lib.directive_ids(flt, args.sort, args.desc)
        total = lib.count_directives()
        shown = ids[: args.limit] if args.limit > 0 else ids
        records = [lib.directive(i) for i in shown] if args.format != "table" else []
        rows = lib.directive_rows(shown)
    print(f"{len(ids)} of {total} directives: {flt.describe()}", file=sys.stderr)
    if args.format == "table":
        _table(
            [
                [
                    rows[i].doc_label,
                    rows[i].pinpoint,
                    rows[i].kind,
                    rows[i].lead_acronym or rows[i].lead_agency or "",
                    rows[i].deadline_date or "",
                    rows[i].page or "",
                    "; ".join(rows[i].sectors),
                    rows[i].action,
                ]
                for i in shown
            ],
            ["DOC", "PINPOINT", "KIND", "LEAD", "DUE", "PAGE", "SECTORS", "ACTION"],
            sys.stdout,
        )
        return 0
    from eolens.nlp.serialize import directive_to_dict

    dicts = []
    for rec in records:
        d = directive_to_dict(rec.directive, str(rec.id))
        d["document"] = rows[rec.id].doc_label
        d["doc_id"] = rec.doc_id
        dicts.append(d)
    if args.format == "json":
        json.dump(dicts, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _write_csv(_directive_dicts({"directives": dicts}), sys.stdout)
    return 0


COMMANDS = {
    "ingest": cmd_ingest,
    "list": cmd_list,
    "show": cmd_show,
    "search": cmd_search,
    "fetch": cmd_fetch,
    "extract": cmd_extract,
    "directives": cmd_directives,
}


if __name__ == "__main__":
    sys.exit(main())
