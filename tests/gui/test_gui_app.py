"""Start-up, menus and dialogs: second instance, damaged library, preferences, recent files."""

from __future__ import annotations

import pytest
from eolens.gui import app as app_module
from eolens.gui.app import acquire_instance_lock, run
from eolens.gui.dialogs import PreferencesDialog, about_box, message_box
from PySide6.QtGui import QKeySequence


class _Recorder:
    def __init__(self):
        self.messages = []

    def __call__(self, parent, icon, title, text, *args, **kwargs):
        self.messages.append((title, text))
        recorder = self

        class _Box:
            def exec(self):
                return 0

        recorder.last = _Box()
        return recorder.last


@pytest.fixture
def recorded(monkeypatch):
    recorder = _Recorder()
    monkeypatch.setattr(app_module, "message_box", recorder)
    return recorder


def test_second_instance_on_the_same_library_says_so(qapp, tmp_path, recorded):
    db = tmp_path / "lib.sqlite"
    held = acquire_instance_lock(db)
    try:
        assert run(["--db", str(db)]) == 1
    finally:
        held.unlock()
    title, text = recorded.messages[0]
    assert "already" in title.lower()
    assert str(db) in text


def test_damaged_library_is_a_message_not_a_crash(qapp, tmp_path, recorded):
    db = tmp_path / "broken.sqlite"
    db.write_bytes(b"this is not an SQLite database at all" * 100)
    assert run(["--db", str(db)]) == 2
    title, text = recorded.messages[0]
    assert title == "Cannot open the library"
    assert str(db) in text
    # The lock was released: the next start may try again.
    again = acquire_instance_lock(db)
    assert again is not None
    again.unlock()


def test_shortcuts_a_desktop_user_expects(window):
    assert window.open_action.shortcut() == QKeySequence("Ctrl+O")
    assert window.find_action.shortcut() == QKeySequence("Ctrl+F")
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    window.find_action.trigger()
    assert window.reader.find_bar.isVisible()
    assert window.tabs.currentWidget() is window.reader


def test_preferences_store_the_library_location(window, tmp_path, monkeypatch):
    chosen = tmp_path / "elsewhere" / "mine.sqlite"

    def accept(dialog):
        dialog.path.setText(str(chosen))
        return PreferencesDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", accept)
    window.preferences_action.trigger()
    assert window.settings.library_path == chosen
    # --db wins over the preference; without it the preference is used.
    assert app_module.resolve_db_path(None, window.settings) == chosen.resolve()
    other = tmp_path / "other.sqlite"
    assert app_module.resolve_db_path(other, window.settings) == other.resolve()


def test_recent_files_menu_reopens_a_file(window, monkeypatch):
    opened = []
    monkeypatch.setattr(window, "add_files", opened.append)
    window.settings.add_recent_files(["/docs/a.md", "/docs/b.pdf"])
    window.recent_menu.aboutToShow.emit()
    actions = [a for a in window.recent_menu.actions() if a.data()]
    assert [a.text() for a in actions] == ["/docs/b.pdf", "/docs/a.md"]
    actions[1].trigger()
    assert opened == [["/docs/a.md"]]


def test_message_boxes_show_text_literally(qapp):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = message_box(None, QMessageBox.Icon.Warning, "t", "<b>not bold</b>")
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert about_box(None, "1.0").textFormat() == Qt.TextFormat.PlainText


def test_start_up_loads_neither_numpy_nor_spacy():
    """Start-up time: the window needs neither (ingest results arrive as JSON)."""
    import subprocess
    import sys

    code = (
        "import sys, eolens.gui.app, eolens.gui.main_window, eolens.nlp.extract\n"
        "print(' '.join(sorted(m for m in sys.modules if '.' not in m)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "PySide6" in out
    assert "numpy" not in out
    assert "spacy" not in out
