"""The details pane: one directive in full, every value as plain text."""

from __future__ import annotations

from eolens.nlp.model import Directive
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

ROLE_LABELS = {
    "lead": "lead",
    "through": "acting through",
    "consulted": "in consultation with",
    "coordinating": "in coordination with",
}
EVIDENCE_LABELS = {
    "trigger": "Trigger",
    "actor": "Actor",
    "deadline": "Deadline",
    "sector": "Sector",
    "group": "Group",
    "citation": "Citation",
}


def plain_label(parent: QWidget | None = None, text: str = "") -> QLabel:
    """A label that never interprets its text as HTML."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label


def describe_evidence(directive: Directive, document_text: str | None = None) -> list[str]:
    """Why this is a directive, one line per piece of evidence, in reading order."""
    lines = []
    for ev in sorted(directive.evidence, key=lambda e: (e.start, e.end)):
        name = EVIDENCE_LABELS.get(ev.role, ev.role)
        seen = document_text[ev.start : ev.end] if document_text else ev.label
        line = f"{name}: “{seen}”"
        if ev.label and ev.label != seen:
            line += f" → {ev.label}"
        lines.append(line)
    return lines


class DetailsPane(QScrollArea):
    """Shows the directive passed to ``show_directive``; explains itself when empty."""

    FIELDS = (
        ("pinpoint", "Pinpoint"),
        ("kind", "Kind"),
        ("actor", "Actor as written"),
        ("agencies", "Agencies"),
        ("action", "Action"),
        ("deadline", "Deadline"),
        ("working", "Working"),
        ("sectors", "Sectors"),
        ("groups", "Groups"),
        ("citations", "Citations"),
        ("page", "Page"),
        ("items", "Items"),
        ("evidence", "Why it is a directive"),
        ("source", "Source"),
    )

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.heading = plain_label(body)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.placeholder = plain_label(
            body,
            "Select a directive in the Directives tab, or click a highlighted passage in the "
            "reader, to see it here in full.",
        )
        self.text = QPlainTextEdit(body)
        self.text.setReadOnly(True)
        self.text.setMinimumHeight(80)
        self.text.setMaximumHeight(220)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.values: dict[str, QLabel] = {}
        for key, caption in self.FIELDS:
            value = plain_label(body)
            self.values[key] = value
            name = plain_label(body, caption)
            font = name.font()
            font.setBold(True)
            name.setFont(font)
            self.form.addRow(name, value)
        layout.addWidget(self.heading)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.text)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.setWidget(body)
        self.directive: Directive | None = None
        self.show_directive(None)

    def show_directive(self, directive: Directive | None, document_text: str | None = None) -> None:
        self.directive = directive
        empty = directive is None
        self.placeholder.setVisible(empty)
        self.text.setVisible(not empty)
        for i in range(self.form.rowCount()):
            self.form.setRowVisible(i, not empty)
        if directive is None:
            self.heading.setText("Details")
            self.text.clear()
            return
        d = directive
        self.heading.setText(f"Directive at {d.pinpoint}")
        self.text.setPlainText(d.text)
        agencies = "\n".join(
            f"{a.name}{f' ({a.acronym})' if a.acronym else ''}: {ROLE_LABELS.get(a.role, a.role)}"
            for a in d.agencies
        )
        deadline, working = "none", ""
        if d.deadline is not None:
            dl = d.deadline
            parts = [f"“{dl.text}”", dl.kind]
            if dl.date:
                parts.insert(0, dl.date.isoformat())
            if dl.recurrence:
                parts.append(f"recurring {dl.recurrence}")
            if dl.anchor:
                anchor = dl.anchor + (f" (see {dl.anchor_pinpoint})" if dl.anchor_pinpoint else "")
                parts.append(f"anchor: {anchor}")
            deadline = "; ".join(parts)
            working = dl.working or ""
        values = {
            "pinpoint": d.pinpoint,
            "kind": d.kind,
            "actor": d.actor,
            "agencies": agencies or "none resolved",
            "action": d.action,
            "deadline": deadline,
            "working": working or "-",
            "sectors": ", ".join(d.sectors) or "-",
            "groups": ", ".join(d.groups) or "-",
            "citations": "; ".join(d.citations) or "-",
            "page": str(d.page) if d.page is not None else "-",
            "items": ", ".join(d.items) or "-",
            "evidence": "\n".join(describe_evidence(d, document_text)) or "-",
            "source": f"{d.source} (confidence {d.confidence:.2f})",
        }
        for key, value in values.items():
            self.values[key].setText(value)
