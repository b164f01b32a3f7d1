"""File > Fetch from Federal Register, against a local stand-in server (no network)."""

from __future__ import annotations

import json

import pytest
from eolens.gui.dialogs import FetchDialog
from fr_server import federal_register_api

EO = 99321

# A made-up order in Federal Register XML, written for this test.
ORDER_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<PRESDOCU>
<EXECORD>
<PRTPAGE P="61001"/>
<EXECORDR>Executive Order {EO} of March 3, 2026</EXECORDR>
<HD SOURCE="HED">Labelling Test Gadgets</HD>
<FP>By the authority vested in me as President, it is hereby ordered:</FP>
<FP><E T="04">Section 1</E>. <E T="03">Purpose.</E> Test gadgets need labels.</FP>
<FP><E T="04">Sec. 2</E>. <E T="03">Labels.</E> (a) The Secretary of Energy shall label test gadgets within 45 days of the date of this order.</FP>
<FP><E T="04">Sec. 3</E>. <E T="03">General Provisions.</E> Nothing in this order shall be construed to impair any agency.</FP>
<DATE>March 3, 2026.</DATE>
</EXECORD>
</PRESDOCU>
""".encode()  # noqa: E501


@pytest.fixture
def federal_register(monkeypatch):
    with federal_register_api(monkeypatch) as (base, handler):
        answer = {
            "results": [
                {
                    "executive_order_number": EO,
                    "document_number": "2026-55555",
                    "title": "Labelling Test Gadgets",
                    "signing_date": "2026-03-03",
                    "full_text_xml_url": base + "/order.xml",
                }
            ]
        }
        handler.routes["/api/v1/documents.json"] = (
            200,
            "application/json",
            json.dumps(answer).encode(),
        )
        handler.routes["/order.xml"] = (200, "application/xml", ORDER_XML)
        yield base


def test_fetch_an_order_by_number(window, qtbot, monkeypatch, federal_register):
    def answer(dialog):
        dialog.number.setValue(EO)
        return FetchDialog.DialogCode.Accepted

    monkeypatch.setattr(FetchDialog, "exec", answer)
    window.fetch_action.trigger()
    qtbot.waitUntil(lambda: not window.busy, timeout=120_000)
    assert [r.status for r in window.last_results] == ["added"]
    fetched = [d for d in window.library.documents() if d.eo_number == EO]
    assert len(fetched) == 1
    # The fetched order is the one shown, with its directive highlighted in the reader.
    assert window.reader.document.meta.eo_number == EO
    assert any(d.pinpoint == "2(a)" for d in window.reader.directives.values())
