"""Small dialogs: preferences, fetch by EO number, about, and plain-text message boxes."""

from __future__ import annotations

from pathlib import Path

from eolens.gui.details import plain_label
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
) -> QMessageBox:
    """A message box that shows ``text`` literally (QMessageBox guesses HTML otherwise)."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    return box


def _lay_out(dialog: QDialog, form: QFormLayout, note: str) -> None:
    """``form``, then ``note`` as plain text, then OK and Cancel, which accept or reject."""
    note_label = plain_label(dialog, note)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(note_label)
    layout.addWidget(buttons)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)


class PreferencesDialog(QDialog):
    """The library location; a change takes effect the next time EO Lens starts."""

    def __init__(self, current: Path | None, default: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._default = default
        self.path = QLineEdit(str(current or default), self)
        self.path.setMinimumWidth(420)
        browse = QPushButton("Browse…", self)
        reset = QPushButton("Use default", self)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        row.addWidget(reset)
        form = QFormLayout()
        form.addRow("Library file:", row)
        _lay_out(
            self,
            form,
            "The library is one SQLite file holding your documents and their directives. "
            "A new location is used the next time EO Lens starts; --db PATH overrides it.",
        )
        browse.clicked.connect(self._on_browse_clicked)
        reset.clicked.connect(self._on_reset_clicked)

    def chosen_path(self) -> Path | None:
        text = self.path.text().strip()
        return Path(text).expanduser() if text else None

    @Slot()
    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Library file",
            self.path.text(),
            "EO Lens library (*.sqlite);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.path.setText(path)

    @Slot()
    def _on_reset_clicked(self) -> None:
        self.path.setText(str(self._default))


class FetchDialog(QDialog):
    """Ask for an executive order number to fetch from the Federal Register."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Fetch from Federal Register")
        self.number = QSpinBox(self)
        self.number.setRange(1, 99999)
        self.number.setValue(14110)
        form = QFormLayout()
        form.addRow("Executive order number:", self.number)
        _lay_out(
            self,
            form,
            "EO Lens asks the Federal Register for the order's full text and adds it to the "
            "library. This needs an internet connection.",
        )


ABOUT_TEXT = (
    "EO Lens {version}\n\n"
    "Reads US executive orders and federal guidance as directives: who must do what, by when, "
    "for whom.\n\n"
    "Highlights show directive triggers, actors, deadlines and sector mentions; the Directives "
    "tab lists every directive with its agency, deadline and sectors. Results are machine-made "
    "from the text: check the passage before relying on them."
)


def about_box(parent: QWidget | None, version: str) -> QMessageBox:
    return message_box(
        parent, QMessageBox.Icon.Information, "About EO Lens", ABOUT_TEXT.format(version=version)
    )
