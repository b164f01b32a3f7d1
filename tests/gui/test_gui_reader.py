"""The reader on its own: highlights, toggles, outline navigation, clicks, find."""

from __future__ import annotations

import pytest
from eolens.gui.reader import ReaderView, _Utf16
from gui_synthetic import build
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor


@pytest.fixture
def reader(qtbot):
    document, outline, extraction = build()
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    view.show_document(document, outline, dict(enumerate(extraction.directives, start=1)))
    return view


def test_select_directive_selects_exactly_its_text(reader):
    assert reader.select_directive(2)
    assert reader.selected_text() == reader.directives[2].text
    assert reader.current_directive == 2


def test_highlights_follow_the_evidence_and_the_toggles(reader):
    text = reader.document.text
    drawn = {(k, text[s:e]) for k, s, e in reader.highlight_ranges()}
    assert ("trigger", "is encouraged to") in drawn
    assert ("actor", "The Secretary of Energy") in drawn
    assert ("deadline", "within 30 days of the date of this order") in drawn
    assert ("sector", "rural hospitals") in drawn
    reader.toggles["deadline"].setChecked(False)
    kinds = {k for k, _, _ in reader.highlight_ranges()}
    assert kinds == {"trigger", "actor", "sector"}
    assert len(reader.text.extraSelections()) == len(reader.highlight_ranges())


def test_outline_click_scrolls_to_the_provision(reader, qtbot):
    tree = reader.outline_tree
    sec3 = tree.topLevelItem(2)
    assert sec3.text(0).startswith("Sec. 3.")
    rect = tree.visualItemRect(sec3)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    start = reader.outline.find("3").start
    assert reader.text.textCursor().position() == start
    assert reader.text.cursorRect().top() >= 0


def test_clicking_a_highlighted_passage_names_its_directive(reader, qtbot):
    text = reader.document.text
    offset = text.index("fewer widgets")
    cursor = QTextCursor(reader.text.document())
    cursor.setPosition(offset)
    pos = reader.text.cursorRect(cursor).center()
    with qtbot.waitSignal(reader.directive_clicked, timeout=2000) as blocker:
        qtbot.mouseClick(reader.text.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [3]


def test_find_bar_finds_and_wraps(reader, qtbot):
    reader.open_find()
    qtbot.keyClicks(reader.find_bar.line, "community")
    assert reader.selected_text() == "community"
    reader.find_bar.line.setText("no such words anywhere")
    assert not reader.find_bar.find()
    assert reader.find_bar.status.text() == "Not found"


def test_offsets_beyond_the_basic_plane_map_to_qt_positions():
    m = _Utf16("a\U0001f600b\U0001f600c")
    assert [m.to_qt(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert [m.to_py(m.to_qt(i)) for i in range(6)] == list(range(6))


def test_selection_tint_follows_a_dark_palette(reader, qapp):
    from PySide6.QtGui import QColor, QPalette

    original = qapp.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    dark.setColor(QPalette.ColorRole.Base, QColor(30, 30, 30))
    dark.setColor(QPalette.ColorRole.Highlight, QColor(38, 79, 120))
    try:
        qapp.setPalette(dark)
        qapp.processEvents()
        tint = reader.text.palette().color(QPalette.ColorRole.Highlight)
        assert (tint.red(), tint.green(), tint.blue(), tint.alpha()) == (38, 79, 120, 70)
        text = reader.text.palette().color(QPalette.ColorRole.HighlightedText)
        assert text == QColor(230, 230, 230)
        # The other roles still follow the application palette.
        assert reader.text.palette().color(QPalette.ColorRole.Base) == QColor(30, 30, 30)
    finally:
        qapp.setPalette(original)
