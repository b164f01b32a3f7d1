"""A person's session on real documents from ../shared/corpus: open through the dialog, wait
for the background ingest, filter, open a directive in the reader, drop a file, cancel."""

from __future__ import annotations

import pytest
from eolens.data.library import DirectiveFilter, Library
from eolens.gui.main_window import MainWindow
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from shared_corpus import corpus_file

pytestmark = pytest.mark.corpus

EO_14409_MD = "eo-14409-2026-06-02.whitehouse.md"
INGEST_TIMEOUT_MS = 120_000


@pytest.fixture
def empty_window(qtbot, tmp_path, settings):
    library = Library.open(tmp_path / "library.sqlite")
    window = MainWindow(library, settings)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    library.close()


def double_click(qtbot, widget, pos):
    """A person's double-click: QTest's mouseDClick alone never reaches the item view's
    double-click handling in Qt 6.12 (the view sees one press), so click first."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def _wait_idle(qtbot, window):
    qtbot.waitUntil(lambda: not window.busy, timeout=INGEST_TIMEOUT_MS)


def test_open_filter_and_read_a_real_order(empty_window, qtbot, monkeypatch):
    window = empty_window
    path = corpus_file(EO_14409_MD)
    assert window.centre.currentWidget() is window.welcome
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], "Documents"))
    window.open_action.trigger()
    assert window.ingest_panel.isVisible()
    _wait_idle(qtbot, window)
    assert [r.status for r in window.last_results] == ["added"]
    assert window.centre.currentWidget() is window.tabs
    assert "Artificial Intelligence" in window.documents_model.index(0, 2).data()
    assert window.settings.recent_files() == [str(path.resolve())]

    # The reader shows the order with its outline and highlights.
    reader = window.reader
    assert "Sec. 2." in reader.document.text
    assert reader.outline_tree.topLevelItemCount() >= 5
    assert {k for k, _, _ in reader.highlight_ranges()} >= {"trigger", "actor", "deadline"}

    # Filter the table by typing, as a person would.
    window.tabs.setCurrentIndex(1)
    model = window.directives_model
    total = model.rowCount()
    assert total >= 5
    assert window.filter_bar.count.text() == f"{total} of {total} directives"
    qtbot.keyClicks(window.filter_bar.text, "Treasury")
    qtbot.waitUntil(lambda: 0 < model.rowCount() < total)
    for row in range(model.rowCount()):
        record = window.library.directive(model.directive_id(row)).directive
        blob = " ".join([record.text, record.actor, record.action, record.lead.name or ""])
        assert "treasury" in blob.lower()
    shown = model.rowCount()
    assert window.filter_bar.count.text() == f"{shown} of {total} directives"

    # Double-click a row: the reader opens on that directive, selected and highlighted.
    view = window.directives_view
    rect = view.visualRect(model.index(0, 0))
    double_click(qtbot, view.viewport(), rect.center())
    directive_id = model.directive_id(0)
    directive = window.library.directive(directive_id).directive
    assert window.tabs.currentWidget() is reader
    assert reader.selected_text() == directive.text
    start, end = directive.span
    assert reader.document.text[start:end] == directive.text
    assert window.details.values["pinpoint"].text() == directive.pinpoint
    assert window.details.text.toPlainText() == directive.text


def _send_drag(window, event_type, mime: QMimeData, pos: QPointF):
    """A left-button copy drag (enter or drop) of ``mime`` at ``pos``, sent to ``window``."""
    event = event_type(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    return event


def test_drag_and_drop_adds_the_file(empty_window, qtbot):
    window = empty_window
    path = corpus_file(EO_14409_MD)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    assert _send_drag(window, QDragEnterEvent, mime, QPointF(200, 200)).isAccepted()
    assert _send_drag(window, QDropEvent, mime, QPointF(200, 200)).isAccepted()
    _wait_idle(qtbot, window)
    assert [d.source_path for d in window.library.documents()] == [str(path.resolve())]

    # Something that is not a file is refused.
    text_only = QMimeData()
    text_only.setText("just words")
    assert not _send_drag(window, QDragEnterEvent, text_only, QPointF(10, 10)).isAccepted()


CANCEL_BATCH = [
    "eo-14148-2025-01-20.whitehouse.md",
    "eo-14306-2025-06-06.whitehouse.md",
    "eo-14110-2023-10-30.whitehouse.md",
    "eo-14179-2025-01-23.whitehouse.md",
    "eo-14028-2021-05-12.whitehouse.md",
    "nsm-25-ai-national-security-2024-10-24.whitehouse.md",
]


def _snapshot(library: Library) -> dict:
    return {
        d.id: (
            d.sha256,
            d.title,
            d.directive_count,
            tuple(library.directive_ids(DirectiveFilter(doc_ids=(d.id,)))),
        )
        for d in library.documents()
    }


@pytest.mark.slow
def test_cancel_midway_leaves_the_library_as_it_was(qtbot, tmp_path, settings):
    from gui_synthetic import make_library

    paths = [str(corpus_file(name)) for name in CANCEL_BATCH]
    library = make_library(tmp_path / "library.sqlite")
    before = _snapshot(library)
    window = MainWindow(library, settings)
    qtbot.addWidget(window)
    window.show()
    try:
        window.add_files(paths)
        # Wait until the first file is being read, then press Cancel like a person.
        qtbot.waitUntil(lambda: "(file 1 of 6)" in window.ingest_panel.label.text(), timeout=30_000)
        qtbot.mouseClick(window.ingest_panel.cancel_button, Qt.MouseButton.LeftButton)
        assert "Cancelling" in window.ingest_panel.label.text()
        _wait_idle(qtbot, window)
        statuses = [r.status for r in window.last_results]
        # Cancel stops the file being read (its child process is killed) and the rest.
        assert statuses == ["cancelled"] * len(paths)
        assert window.ingest_panel.label.text().startswith("Cancelled.")
        assert _snapshot(library) == before
        assert library.quick_check() == "ok"
    finally:
        window.close()
        library.close()
