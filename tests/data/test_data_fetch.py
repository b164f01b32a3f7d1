"""Fetching from the Federal Register API, against a local server with responses we wrote."""

# ruff: noqa: E501  (the XML below keeps one paragraph per line, like the real files)

from __future__ import annotations

import json
import urllib.parse

import pytest
from eolens.data import cli, fetch
from eolens.data.fetch import FetchError
from eolens.data.library import Library
from fr_server import federal_register_api

EO = 99123

# A small order in FR XML, written for this test (not corpus text).
ORDER_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<PRESDOCU>
<EXECORD>
<PRTPAGE P="50001"/>
<TITLE3>Title 3—</TITLE3>
<PRES>The President</PRES>
<EXECORDR>Executive Order {EO} of April 1, 2026</EXECORDR>
<HD SOURCE="HED">Counting Test Widgets</HD>
<FP>By the authority vested in me as President, it is hereby ordered:</FP>
<FP><E T="04">Section 1</E>. <E T="03">Purpose.</E> Test widgets need counting.</FP>
<FP><E T="04">Sec. 2</E>. <E T="03">Counting.</E> (a) The Secretary of Commerce shall count test widgets within 60 days of the date of this order.</FP>
<FP>(b) The Director of the Office of Management and Budget shall publish the count.</FP>
<PRTPAGE P="50002"/>
<FP><E T="04">Sec. 3</E>. <E T="03">General Provisions.</E> Nothing in this order shall be construed to impair any agency.</FP>
<PSIG>(Presidential Sig.)</PSIG>
<PLACE>THE WHITE HOUSE,</PLACE>
<DATE>April 1, 2026.</DATE>
<FRDOC>[FR Doc. 2026-99999 Filed 4-3-26; 8:45 am]</FRDOC>
</EXECORD>
</PRESDOCU>
""".encode()


@pytest.fixture
def server(monkeypatch):
    with federal_register_api(monkeypatch) as (base, handler):
        yield base, handler


def search_answer(base: str, *, xml: str | None = "/files/order.xml", pdf: str | None = None):
    result = {
        "document_number": "2026-99999",
        "title": "Counting Test Widgets",
        "executive_order_number": EO,
        "signing_date": "2026-04-01",
        "publication_date": "2026-04-03",
        "citation": "91 FR 50001",
        "full_text_xml_url": (base + xml) if xml and xml.startswith("/") else xml,
        "pdf_url": (base + pdf) if pdf and pdf.startswith("/") else pdf,
    }
    other = dict(result, executive_order_number=EO + 1, document_number="2026-00001")
    body = {"count": 2, "results": [other, result]}
    return (200, "application/json", json.dumps(body).encode())


def test_fetch_finds_downloads_and_ingests(server, tmp_path):
    base, handler = server
    handler.routes["/api/v1/documents.json"] = search_answer(base)
    handler.routes["/files/order.xml"] = (200, "application/xml", ORDER_XML)
    with Library.open(tmp_path / "lib.sqlite") as lib:
        order, result = lib.fetch_executive_order(EO)
        assert order.document_number == "2026-99999"  # not the other order in the answer
        assert result.status == "added", result.message
        doc = lib.document(result.doc_id)
        assert doc.eo_number == EO
        assert doc.source_format == "xml"
        assert [p.provision.pinpoint for p in lib.provisions(doc.id)][:3] == ["1", "2", "2(a)"]
        assert (tmp_path / "downloads" / "eo-99123-2026-99999.xml").read_bytes() == ORDER_XML
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(handler.seen[0]).query)
    assert query["conditions[executive_order_numbers][]"] == [str(EO)]
    assert query["conditions[presidential_document_type][]"] == ["executive_order"]
    assert "full_text_xml_url" in query["fields[]"]


def test_cli_fetch_then_again_is_a_duplicate(server, tmp_path, capsys):
    base, handler = server
    handler.routes["/api/v1/documents.json"] = search_answer(base)
    handler.routes["/files/order.xml"] = (200, "application/xml", ORDER_XML)
    db = str(tmp_path / "lib.sqlite")
    assert cli.main(["--db", db, "fetch", "--eo", str(EO)]) == 0
    out = capsys.readouterr().out
    assert f"EO {EO}: Counting Test Widgets (91 FR 50001)" in out
    assert "added" in out
    assert cli.main(["--db", db, "fetch", "--eo", str(EO)]) == 0
    assert "duplicate" in capsys.readouterr().out


def test_unknown_order_is_a_clear_error(server, tmp_path, capsys):
    _, handler = server
    handler.routes["/api/v1/documents.json"] = (200, "application/json", b'{"count": 0}')
    assert cli.main(["--db", str(tmp_path / "lib.sqlite"), "fetch", "--eo", "99124"]) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err == "eolens: the Federal Register has no executive order 99124"


def test_offline_is_a_clear_error(tmp_path, monkeypatch, capsys):
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    monkeypatch.setenv("EOLENS_FR_API", f"http://127.0.0.1:{port}/api/v1")
    assert cli.main(["--db", str(tmp_path / "lib.sqlite"), "fetch", "--eo", str(EO)]) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("eolens: cannot reach 127.0.0.1:")
    assert "offline" in err and "Traceback" not in err


def test_bad_xml_falls_back_to_pdf_and_reports_both(server, tmp_path):
    base, handler = server
    handler.routes["/api/v1/documents.json"] = search_answer(base, pdf="/files/order.pdf")
    handler.routes["/files/order.xml"] = (500, "text/plain", b"oops")
    handler.routes["/files/order.pdf"] = (200, "application/pdf", b"<html>not a pdf</html>")
    with pytest.raises(FetchError) as info:
        fetch.fetch_executive_order(EO, tmp_path)
    assert "answered 500" in str(info.value)
    assert "did not return a PDF" in str(info.value)
    assert not list(tmp_path.iterdir())


def test_size_cap_and_schemes(server, tmp_path, monkeypatch):
    base, handler = server
    handler.routes["/api/v1/documents.json"] = search_answer(base)
    handler.routes["/files/order.xml"] = (200, "application/xml", ORDER_XML)
    monkeypatch.setattr(fetch, "MAX_DOCUMENT_BYTES", 100)
    with pytest.raises(FetchError, match="over the 100-byte limit"):
        fetch.fetch_executive_order(EO, tmp_path)
    handler.routes["/api/v1/documents.json"] = search_answer(base, xml="file:///etc/passwd")
    with pytest.raises(FetchError, match="only http and https"):
        fetch.fetch_executive_order(EO, tmp_path)


def test_not_json_is_a_clear_error(server, tmp_path):
    _, handler = server
    handler.routes["/api/v1/documents.json"] = (200, "text/html", b"<html>maintenance</html>")
    with pytest.raises(FetchError, match="not JSON"):
        fetch.find_executive_order(EO)
