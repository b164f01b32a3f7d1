"""Fetch an executive order from the Federal Register API (stdlib urllib, timeouts, size cap).

``find_executive_order(14409)`` asks ``/documents.json`` for the order by number; ``download``
saves its full-text XML (preferred: exact text and page markers) or else its PDF into the
library's downloads folder, checking what arrived before it is renamed into place. The API base
URL can be overridden with ``EOLENS_FR_API`` (tests point it at a local server).
"""

from __future__ import annotations

import json
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

FR_API = "https://www.federalregister.gov/api/v1"
USER_AGENT = "EOLens/0.1 (+https://github.com/eolens)"
TIMEOUT_S = 30.0
MAX_JSON_BYTES = 2 * 1024 * 1024
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
FIELDS = (
    "document_number",
    "title",
    "executive_order_number",
    "signing_date",
    "publication_date",
    "citation",
    "full_text_xml_url",
    "pdf_url",
    "html_url",
)


class FetchError(Exception):
    """The order could not be fetched; the message says why in plain words."""


@dataclass(frozen=True, slots=True)
class FrOrder:
    eo_number: int
    document_number: str
    title: str
    signing_date: str | None
    publication_date: str | None
    citation: str | None
    full_text_xml_url: str | None
    pdf_url: str | None


def api_base() -> str:
    return os.environ.get("EOLENS_FR_API", FR_API).rstrip("/")


def search_url(eo_number: int) -> str:
    params = [
        ("conditions[executive_order_numbers][]", str(eo_number)),
        ("conditions[type][]", "PRESDOCU"),
        ("conditions[presidential_document_type][]", "executive_order"),
        ("per_page", "20"),
        *(("fields[]", f) for f in FIELDS),
    ]
    return f"{api_base()}/documents.json?{urllib.parse.urlencode(params)}"


def _get(url: str, limit: int, timeout: float) -> tuple[bytes, str]:
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme not in ("http", "https"):
        raise FetchError(f"refusing to fetch {url!r}: only http and https addresses are used")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(f"{url} is {int(declared):,} bytes, over the {limit:,}-byte limit")
            data = response.read(limit + 1)
            if len(data) > limit:
                raise FetchError(f"{url} is over the {limit:,}-byte limit")
            return data, response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise FetchError(
            f"the Federal Register answered {exc.code} {exc.reason} for {url}"
        ) from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, socket.timeout | TimeoutError):
            raise FetchError(f"no answer from {url} within {timeout:.0f} s") from exc
        raise FetchError(
            f"cannot reach {urllib.parse.urlsplit(url).netloc} ({reason}); are you offline?"
        ) from exc
    except TimeoutError as exc:
        raise FetchError(f"no answer from {url} within {timeout:.0f} s") from exc
    except OSError as exc:
        raise FetchError(f"cannot download {url}: {exc}") from exc


def find_executive_order(eo_number: int, *, timeout: float = TIMEOUT_S) -> FrOrder:
    if eo_number <= 0:
        raise FetchError(f"{eo_number} is not an executive order number")
    data, _ = _get(search_url(eo_number), MAX_JSON_BYTES, timeout)
    try:
        payload = json.loads(data)
        results = payload.get("results") or []
    except (ValueError, AttributeError) as exc:
        raise FetchError("the Federal Register answered with something that is not JSON") from exc
    for item in results:
        if not isinstance(item, dict):
            continue
        try:
            number = int(item.get("executive_order_number") or 0)
        except (TypeError, ValueError):
            continue
        if number != eo_number:
            continue  # the search is full-text-ish; keep only the order asked for
        return FrOrder(
            eo_number=number,
            document_number=str(item.get("document_number") or ""),
            title=str(item.get("title") or ""),
            signing_date=item.get("signing_date"),
            publication_date=item.get("publication_date"),
            citation=item.get("citation"),
            full_text_xml_url=item.get("full_text_xml_url"),
            pdf_url=item.get("pdf_url"),
        )
    raise FetchError(f"the Federal Register has no executive order {eo_number}")


def _looks_like(kind: str, data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if kind == "pdf":
        return head.startswith(b"%PDF-")
    return head.startswith(b"<")


def download(
    order: FrOrder, folder: Path, *, prefer: str = "xml", timeout: float = TIMEOUT_S
) -> Path:
    """Save the order's full text (XML, else PDF) into ``folder``; returns the file."""
    candidates = [("xml", order.full_text_xml_url), ("pdf", order.pdf_url)]
    if prefer == "pdf":
        candidates.reverse()
    candidates = [(k, u) for k, u in candidates if u]
    if not candidates:
        raise FetchError(f"the Federal Register lists no full text for EO {order.eo_number}")
    folder.mkdir(parents=True, exist_ok=True)
    errors = []
    for kind, url in candidates:
        try:
            data, _ = _get(url, MAX_DOCUMENT_BYTES, timeout)
        except FetchError as exc:
            errors.append(str(exc))
            continue
        if not _looks_like(kind, data):
            errors.append(f"{url} did not return {'a PDF' if kind == 'pdf' else 'XML'}")
            continue
        safe = re.sub(r"[^A-Za-z0-9.-]", "_", order.document_number) or "unknown"
        target = folder / f"eo-{order.eo_number}-{safe}.{kind}"
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        return target
    raise FetchError("; ".join(errors))


def fetch_executive_order(
    eo_number: int, folder: Path, *, prefer: str = "xml", timeout: float = TIMEOUT_S
) -> tuple[FrOrder, Path]:
    order = find_executive_order(eo_number, timeout=timeout)
    return order, download(order, folder, prefer=prefer, timeout=timeout)
