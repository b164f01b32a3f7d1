"""The strip under the window that shows an ingest in progress and what came of it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from eolens.gui.signal_emit import emit
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

STATUS_WORDS = {
    "added": "added",
    "duplicate": "already in the library",
    "failed": "failed",
    "cancelled": "cancelled",
}


def describe_progress(payload: Any) -> tuple[str, int, int]:
    """(label, done, total) for an ingest progress report ``(done, total, file, page, pages)``."""
    done, total, file, page, pages = payload
    name = Path(file).name if file else ""
    if done >= total:
        return (f"Finished {name}", done, total)
    label = f"Reading {name} (file {done + 1} of {total})"
    if pages:
        label += f", page {page} of {pages}"
    return label, done, total


def summarise_results(results: list[Any]) -> tuple[str, list[str]]:
    """A one-line summary and the failures with their reasons, as plain text."""
    counts = Counter(getattr(r, "status", "failed") for r in results)
    parts = [f"{counts[s]} {word}" for s, word in STATUS_WORDS.items() if counts[s]]
    summary = "Ingest finished: " + (", ".join(parts) if parts else "nothing to do")
    failures = [
        f"{Path(r.path).name}: {r.message or 'failed'}" for r in results if r.status == "failed"
    ]
    return summary, failures


class IngestPanel(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(260)
        self.cancel_button = QPushButton("Cancel", self)
        self.dismiss_button = QPushButton("Dismiss", self)
        self.failures = QPlainTextEdit(self)
        self.failures.setReadOnly(True)
        self.failures.setMaximumHeight(110)
        self.failures.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_button)
        row.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addLayout(row)
        layout.addWidget(self.failures)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.dismiss_button.clicked.connect(self._on_dismiss_clicked)
        self.hide()

    def start(self, count: int, verb: str = "Reading") -> None:
        self.label.setText(f"{verb} {count} file{'s' if count != 1 else ''}…")
        self.bar.setRange(0, 0)  # busy until the first report says how many files
        self.bar.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.dismiss_button.hide()
        self.failures.clear()
        self.failures.hide()
        self.show()

    def report(self, payload: Any) -> None:
        label, done, total = describe_progress(payload)
        self.label.setText(label)
        page, pages = payload[3], payload[4]
        if total > 1:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        elif pages:  # one file: show its pages
            self.bar.setRange(0, pages)
            self.bar.setValue(page)
        else:
            self.bar.setRange(0, 0)

    def cancelling(self) -> None:
        self.label.setText("Cancelling: stopping the file being read…")
        self.cancel_button.setEnabled(False)

    def finish(self, summary: str, failures: list[str]) -> None:
        self.label.setText(summary)
        self.bar.hide()
        self.cancel_button.hide()
        self.dismiss_button.show()
        if failures:
            self.failures.setPlainText("\n".join(failures))
            self.failures.show()
        self.show()

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.cancelling()
        emit(self.cancel_requested)

    @Slot()
    def _on_dismiss_clicked(self) -> None:
        self.hide()
