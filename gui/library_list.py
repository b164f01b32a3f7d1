"""The Library list: the ingested documents (a short list, so all rows are held)."""

from __future__ import annotations

from typing import Any

from eolens.gui.directive_table import ROLE_ID, row_value
from eolens.gui.plaintext import plain_tooltip
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

DOC_TYPE_LABELS = {
    "executive_order": "EO",
    "memorandum": "Memo",
    "guidance": "Guidance",
    "fact_sheet": "Fact sheet",
    "release": "Release",
    "commentary": "Commentary",
    "other": "Other",
}

HEADERS = ("Type", "EO", "Title", "Signed", "Directives")


class DocumentTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def doc_id(self, row: int) -> int | None:
        if 0 <= row < len(self._rows):
            return int(row_value(self._rows[row], "id"))
        return None

    def row_of(self, doc_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if int(row_value(r, "id")) == doc_id:
                return i
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def _text(self, row: Any, column: int) -> str:
        if column == 0:
            doc_type = row_value(row, "doc_type") or "other"
            return DOC_TYPE_LABELS.get(doc_type, str(doc_type))
        if column == 1:
            eo = row_value(row, "eo_number")
            return str(eo) if eo else ""
        if column == 2:
            return str(row_value(row, "title") or "")
        if column == 3:
            signed = row_value(row, "signed")
            return signed.isoformat() if hasattr(signed, "isoformat") else str(signed or "")
        count = row_value(row, "directive_count")
        return str(count) if count is not None else ""

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROLE_ID:
            return int(row_value(row, "id"))
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            path = row_value(row, "source_path") or ""
            return plain_tooltip(f"{self._text(row, 2)}\n{path}".strip())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (1, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class LibraryView(QTableView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        vh = self.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        # Fixed widths, not ResizeToContents: measuring every row costs seconds on a big library.
        hh = self.horizontalHeader()
        hh.setStretchLastSection(False)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def apply_default_widths(self) -> None:
        """Column widths for a fresh window (call after setModel; restored state overrides)."""
        char = self.fontMetrics().averageCharWidth()
        for column, chars in ((0, 9), (1, 7), (3, 12), (4, 12)):
            self.setColumnWidth(column, chars * char)
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
