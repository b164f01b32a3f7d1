"""The main window driven like a person would, over a small stored library."""

from __future__ import annotations

from eolens.gui.app import acquire_instance_lock
from eolens.gui.directive_table import COLUMNS
from eolens.gui.main_window import MainWindow
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

HOSTILE = "<h1>Big</h1> <a href='https://example.org'>link</a> <img src='x.png'>"


def test_typing_in_the_filter_box_filters_the_table(window, qtbot):
    window.tabs.setCurrentIndex(1)
    assert window.filter_bar.count.text() == "3 of 3 directives"
    qtbot.keyClicks(window.filter_bar.text, "widgets")
    qtbot.waitUntil(lambda: window.directives_model.rowCount() == 2)
    assert window.filter_bar.count.text() == "2 of 3 directives"
    window.filter_bar.text.clear()
    window.filter_bar.kind.setCurrentIndex(window.filter_bar.kind.findData("encouragement"))
    assert window.directives_model.rowCount() == 1
    window.filter_bar.kind.setCurrentIndex(0)
    window.filter_bar.no_deadline.setChecked(True)
    qtbot.waitUntil(lambda: window.directives_model.rowCount() == 2)


def test_agency_filter_offers_the_agencies_present(window):
    bar = window.filter_bar
    labels = [bar.agency.itemText(i) for i in range(bar.agency.count())]
    assert "Department of Energy (DOE)" in labels
    bar.agency.setCurrentIndex(labels.index("Department of Energy (DOE)"))
    assert window.directives_model.rowCount() == 1
    assert window.directives_model.index(0, 0).data() == "2(b)"


def test_double_click_opens_the_directive_in_the_reader(window, qtbot):
    window.tabs.setCurrentIndex(1)
    view = window.directives_view
    index = window.directives_model.index(1, 0)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.details.values["pinpoint"].text() == "2(b)"
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentWidget() is window.reader
    did = window.directives_model.directive_id(1)
    expected = window.library.directive(did).directive.text
    assert window.reader.selected_text() == expected
    assert window.reader.current_directive == did


def test_enter_opens_the_directive_too(window, qtbot):
    window.tabs.setCurrentIndex(1)
    view = window.directives_view
    view.setFocus()
    view.setCurrentIndex(window.directives_model.index(2, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.reader
    assert window.reader.selected_text().startswith("The Administrator of General Services")


def test_details_pane_shows_the_directive_in_full(window):
    window.open_directive(1)
    v = window.details.values
    assert v["kind"].text() == "obligation"
    assert v["agencies"].text() == "Department of Commerce (DOC): lead"
    assert v["working"].text() == "2026-01-02 + 30 days = 2026-02-01"
    assert "Trigger: “shall”" in v["evidence"].text()
    assert window.details.text.toPlainText().startswith("The Secretary of Commerce shall")


def test_clicking_a_passage_in_the_reader_shows_its_details(window, qtbot):
    from PySide6.QtGui import QTextCursor

    reader = window.reader
    cursor = QTextCursor(reader.text.document())
    cursor.setPosition(reader.document.text.index("rural hospitals"))
    pos = reader.text.cursorRect(cursor).center()
    qtbot.mouseClick(reader.text.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.details.values["pinpoint"].text() == "2(b)"
    assert "Healthcare and Public Health" in window.details.values["sectors"].text()


def test_html_in_a_title_is_shown_literally(qtbot, tmp_path, settings):
    from gui_synthetic import make_library

    library = make_library(tmp_path / "hostile.sqlite", title=HOSTILE)
    try:
        w = MainWindow(library, settings)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        assert w.documents_model.index(0, 2).data() == HOSTILE
        assert w.reader.title.text() == HOSTILE
        assert w.reader.title.textFormat() == Qt.TextFormat.PlainText
        # Every label in the window is plain text: none can render a document's markup.
        rich = [
            lb.text() for lb in w.findChildren(QLabel) if lb.textFormat() != Qt.TextFormat.PlainText
        ]
        assert all(HOSTILE not in t for t in rich)
        for label in w.details.values.values():
            assert label.textFormat() == Qt.TextFormat.PlainText
        tip = w.documents_model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(tip)
        assert doc.toPlainText().startswith(HOSTILE)
        w.close()
    finally:
        library.close()


def test_empty_library_explains_what_to_do(qtbot, tmp_path, settings):
    from eolens.data.library import Library

    library = Library.open(tmp_path / "empty.sqlite")
    try:
        w = MainWindow(library, settings)
        qtbot.addWidget(w)
        w.show()
        assert w.centre.currentWidget() is w.welcome
        assert "File > Open" in w.welcome_text.text()
        assert not w.remove_action.isEnabled()
        w.close()
    finally:
        library.close()


def test_remove_document_asks_first(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(window, "confirm", lambda title, text: asked.append(text) or False)
    window.remove_action.trigger()
    assert asked and "Testing the Reader" in asked[0]
    assert len(window.library.documents()) == 1
    monkeypatch.setattr(window, "confirm", lambda title, text: True)
    window.remove_action.trigger()
    qtbot.waitUntil(lambda: not window.busy, timeout=10000)
    assert window.library.documents() == []
    assert window.centre.currentWidget() is window.welcome


def test_window_geometry_and_splitters_are_remembered(qtbot, synthetic_library, settings):
    first = MainWindow(synthetic_library, settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 560)  # the offscreen screen is 800x600
    first.splitter.setSizes([100, 500, 150])
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(synthetic_library, settings)
    qtbot.addWidget(second)
    second.show()
    assert (second.size().width(), second.size().height()) == (780, 560)
    assert second.splitter.sizes() == sizes
    second.close()


def test_one_instance_per_library(tmp_path):
    db = tmp_path / "one.sqlite"
    first = acquire_instance_lock(db)
    assert first is not None
    assert acquire_instance_lock(db) is None
    assert acquire_instance_lock(tmp_path / "other.sqlite") is not None
    first.unlock()
    assert acquire_instance_lock(db) is not None


def test_columns_are_the_agreed_ones(window):
    count = window.directives_model.columnCount()
    titles = [
        window.directives_model.headerData(i, Qt.Orientation.Horizontal) for i in range(count)
    ]
    assert titles == [c.title for c in COLUMNS]
    assert titles == [
        "Pinpoint",
        "Kind",
        "Lead agency",
        "Action",
        "Deadline",
        "Sectors",
        "Document",
    ]
    # One document shown: the document column would only repeat its name.
    assert window.directives_view.isColumnHidden(count - 1)
    assert QPoint  # keep the import for the drag tests in the corpus module


def test_failures_are_listed_with_their_reasons(window, qtbot, tmp_path):
    before = window.library.documents()
    bad = tmp_path / "<b>not really<i>.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not a PDF at all")
    missing = tmp_path / "gone.md"
    window.add_files([str(bad), str(missing)])
    qtbot.waitUntil(lambda: not window.busy, timeout=120_000)
    assert [r.status for r in window.last_results] == ["failed", "failed"]
    panel = window.ingest_panel
    assert panel.label.text() == "Ingest finished: 2 failed"
    listed = panel.failures.toPlainText().splitlines()
    assert listed[0].startswith("<b>not really<i>.pdf: ")
    assert listed[1].startswith("gone.md: ")
    assert window.library.documents() == before


def test_fetch_failure_is_reported_in_plain_words(window, qtbot, monkeypatch):
    # Nothing listens on port 9 here: the fetch fails the way it does offline.
    monkeypatch.setenv("EOLENS_FR_API", "http://127.0.0.1:9/api/v1")
    window.fetch(14409)
    qtbot.waitUntil(lambda: not window.busy, timeout=60_000)
    assert window.ingest_panel.label.text().startswith("Fetching failed: ")
    assert len(window.library.documents()) == 1


def test_progress_names_the_file_and_page(qtbot):
    from eolens.gui.ingest_panel import IngestPanel, describe_progress

    assert describe_progress((0, 3, "/x/eo-1.pdf", 0, 0))[0] == "Reading eo-1.pdf (file 1 of 3)"
    assert describe_progress((1, 3, "/x/eo-2.pdf", 4, 30))[0] == (
        "Reading eo-2.pdf (file 2 of 3), page 4 of 30"
    )
    panel = IngestPanel()
    qtbot.addWidget(panel)
    panel.start(1)
    panel.report((0, 1, "/x/big.pdf", 7, 30))
    assert (panel.bar.maximum(), panel.bar.value()) == (30, 7)
    assert panel.label.text() == "Reading big.pdf (file 1 of 1), page 7 of 30"


def test_open_a_directive_that_the_filter_hides(window):
    window.filter_bar.kind.setCurrentIndex(window.filter_bar.kind.findData("encouragement"))
    assert window.directives_model.row_of(1) is None
    window.open_directive(1)
    assert window.reader.selected_text() == window.library.directive(1).directive.text
    assert window.details.values["pinpoint"].text() == "2(a)"
