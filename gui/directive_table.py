"""The Directives tab: a lazily filled table model over directive ids, and its filter bar.

Sorting and filtering happen in SQL through the Library (``directive_ids``); the model holds
only the ids in display order and a bounded cache of rows fetched in blocks
(``directive_rows``), so 100,000 directives cost a list of ints, not 100,000 row objects.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass
from typing import Any

from eolens.gui.plaintext import plain_tooltip
from eolens.gui.signal_emit import emit
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

ROLE_ID = Qt.ItemDataRole.UserRole + 1
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


@dataclass(frozen=True)
class Column:
    key: str  # the Library's order_by name and the row field shown
    title: str
    width: int  # initial width in average character widths


COLUMNS: tuple[Column, ...] = (
    Column("pinpoint", "Pinpoint", 11),
    Column("kind", "Kind", 13),
    Column("lead_agency", "Lead agency", 26),
    Column("action", "Action", 32),
    Column("deadline_date", "Deadline", 12),
    Column("sectors", "Sectors", 22),
    Column("document", "Document", 18),  # hidden while one document is shown
)

COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}

BLOCK = 200  # rows fetched per query when the view scrolls into unseen rows
CACHE_ROWS = 4000  # rows kept; more would only cost memory on a 100k-row table


def row_value(row: Any, key: str) -> Any:
    """A field of a Library row, whether it is a mapping or a record."""
    if isinstance(row, dict):
        return row.get(key)
    return getattr(row, key, None)


def display_value(row: Any, key: str) -> str:
    value = row_value(row, key)
    if key == "lead_agency":
        acronym = row_value(row, "lead_acronym")
        if value and acronym:
            return f"{value} ({acronym})"
    if key == "document":
        value = row_value(row, "doc_label")
    if key == "sectors":
        if value is None:
            value = row_value(row, "sectors_text")
        if isinstance(value, list | tuple):
            return ", ".join(value)
    if value is None:
        return ""
    return str(value)


class DirectiveTableModel(QAbstractTableModel):
    """Directive ids in display order; rows fetched from the Library as the view needs them."""

    queried = Signal()  # the id list changed (filter or sort applied)

    def __init__(self, library: Any, parent=None):
        super().__init__(parent)
        self.library = library
        self._ids: list[int] = []
        self._cache: dict[int, Any] = {}
        self._filter: Any = None
        self._order_by = "position"
        self._descending = False
        # The free-text part of a filter is applied in Python to the ids the rest of the filter
        # gave, in the order they are shown: typing then costs one FTS lookup, not a re-sort.
        self._base_filter: Any = None
        self._base_ids: list[int] | None = None
        self._matches: set[int] | None = None
        self._positions: dict[int, int] | None = None  # id -> index in _base_ids, on demand
        self._display: dict[int, tuple[str, ...]] = {}  # id -> the six cells, as shown

    # -- querying -----------------------------------------------------------------------------
    def set_filter(self, directive_filter: Any) -> None:
        self._filter = directive_filter
        self._apply(requery=False)

    @property
    def filter(self) -> Any:
        return self._filter

    def refresh(self) -> None:
        """Query again: the library changed (an ingest, a removal)."""
        self.invalidate()
        self._apply(requery=True)

    def invalidate(self) -> None:
        """Forget every result and row held: the library changed; the next query re-reads."""
        self._cache.clear()
        self._display.clear()
        self._base_ids = None
        self._positions = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Column -1 (Qt's "no sort indicator") means document order.
        order_by = COLUMNS[column].key if 0 <= column < len(COLUMNS) else "position"
        descending = order == Qt.SortOrder.DescendingOrder
        if (order_by, descending) == (self._order_by, self._descending):
            return
        flipped = order_by == self._order_by and self._base_ids is not None
        self._order_by, self._descending = order_by, descending
        if flipped:
            # Every order ends in the unique id, so the descending order is exactly the
            # ascending one reversed: no query needed.
            self._base_ids.reverse()
            self._positions = None
        self._apply(requery=not flipped)

    def _split(self, directive_filter: Any) -> tuple[Any, str]:
        text = getattr(directive_filter, "text", "") or ""
        if text and hasattr(self.library, "directive_text_matches"):
            return dataclasses.replace(directive_filter, text=""), text
        return directive_filter, ""

    def _apply(self, *, requery: bool) -> None:
        if self.library is None or self._filter is None:
            ids: list[int] = []
        else:
            base_filter, text = self._split(self._filter)
            if requery or self._base_ids is None or base_filter != self._base_filter:
                self._base_filter = base_filter
                self._base_ids = list(
                    self.library.directive_ids(
                        base_filter, order_by=self._order_by, descending=self._descending
                    )
                )
                self._positions = None
            self._matches = self.library.directive_text_matches(text) if text else None
            ids = self._restrict(self._base_ids, self._matches)
        self.beginResetModel()
        self._ids = ids
        self.endResetModel()
        emit(self.queried)

    def _restrict(self, base: list[int], matches: set[int] | None) -> list[int]:
        """``base`` (in its order) limited to ``matches``."""
        if matches is None:
            return list(base)
        if len(matches) * 8 > len(base):
            return [i for i in base if i in matches]
        # Few matches: order them by their place in ``base`` instead of walking all of it.
        if self._positions is None:
            self._positions = {d: n for n, d in enumerate(base)}
        pos = self._positions
        return sorted((i for i in matches if i in pos), key=pos.__getitem__)

    # -- lookups ------------------------------------------------------------------------------
    def ids(self) -> list[int]:
        return list(self._ids)

    def directive_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, directive_id: int) -> int | None:
        try:
            return self._ids.index(directive_id)
        except ValueError:
            return None

    def _row(self, index: int) -> Any:
        """The Library row shown at ``index``, fetching a block of rows around it if needed."""
        did = self._ids[index]
        row = self._cache.get(did)
        if row is not None:
            return row
        lo = max(0, index - BLOCK // 4)
        block = [i for i in self._ids[lo : lo + BLOCK] if i not in self._cache]
        fetched = self.library.directive_rows(block) if block else {}
        if len(self._cache) + len(fetched) > CACHE_ROWS:
            # Forget the oldest half (dicts keep insertion order): cheap, and bounded.
            for old in list(itertools.islice(self._cache, len(self._cache) // 2)):
                del self._cache[old]
                self._display.pop(old, None)
        for i in block:
            if i in fetched:
                self._cache[i] = fetched[i]
        return self._cache.get(did)

    def _cells(self, index: int) -> tuple[str, ...] | None:
        did = self._ids[index]
        cells = self._display.get(did)
        if cells is None:
            row = self._row(index)
            if row is None:
                return None
            cells = tuple(display_value(row, c.key) for c in COLUMNS)
            self._display[did] = cells
        return cells

    # -- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        # Called for every visible cell and role on each paint: the common cases come first.
        if role == _DISPLAY:
            row = index.row()
            if index.isValid() and 0 <= row < len(self._ids):
                cells = self._cells(row)
                return cells[index.column()] if cells is not None else None
            return None
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ROLE_ID:
            return self._ids[index.row()]
        if role == _TOOLTIP:
            cells = self._cells(index.row())
            text = cells[index.column()] if cells is not None else ""
            return plain_tooltip(text) if len(text) > 40 else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section].title if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


ANY = "Any"


class DirectiveFilterBar(QWidget):
    """Free text, agency, kind, sector, deadline range and "has no deadline"."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("Filter directives (words in text, actor, action)")
        self.text.setClearButtonEnabled(True)
        self.agency = QComboBox(self)
        self.kind = QComboBox(self)
        self.sector = QComboBox(self)
        for box in (self.agency, self.kind, self.sector):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(8)
        self.due_range = QCheckBox("Due from", self)
        self.due_from = QDateEdit(self)
        self.due_to = QDateEdit(self)
        for edit in (self.due_from, self.due_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        today = QDate.currentDate()
        self.due_from.setDate(today.addYears(-5))
        self.due_to.setDate(today.addYears(5))
        self.no_deadline = QCheckBox("Has no deadline", self)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.text, 1)
        top.addWidget(self.count)
        choices = QHBoxLayout()
        choices.setContentsMargins(0, 0, 0, 0)
        for caption, widget in (
            ("Agency", self.agency),
            ("Kind", self.kind),
            ("Sector", self.sector),
        ):
            choices.addWidget(QLabel(caption, self))
            choices.addWidget(widget, 1)
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.due_range)
        dates.addWidget(self.due_from)
        dates.addWidget(QLabel("to", self))
        dates.addWidget(self.due_to)
        dates.addWidget(self.no_deadline)
        dates.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(choices)
        layout.addLayout(dates)

        # Typing re-queries after a short pause, not on every keystroke.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self.text.textChanged.connect(self._on_text_changed)
        for box in (self.agency, self.kind, self.sector):
            box.currentIndexChanged.connect(self._on_control_changed)
        self.due_range.toggled.connect(self._on_due_range_toggled)
        self.due_from.dateChanged.connect(self._on_control_changed)
        self.due_to.dateChanged.connect(self._on_control_changed)
        self.no_deadline.toggled.connect(self._on_no_deadline_toggled)
        self.set_choices([], [], [])

    def set_choices(self, agencies: list[str], kinds: list[str], sectors: list[str]) -> None:
        """Fill the drop-downs, keeping the current choice where it still exists."""
        for box, values in ((self.agency, agencies), (self.kind, kinds), (self.sector, sectors)):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(ANY, None)
            for value in values:
                box.addItem(value, value)
            i = box.findData(current) if current is not None else 0
            box.setCurrentIndex(max(i, 0))
            box.blockSignals(False)

    def values(self) -> dict[str, Any]:
        due = self.due_range.isChecked()
        return {
            "text": self.text.text().strip() or None,
            "agency": self.agency.currentData(),
            "kind": self.kind.currentData(),
            "sector": self.sector.currentData(),
            "due_after": self.due_from.date().toPython() if due else None,
            "due_before": self.due_to.date().toPython() if due else None,
            "no_deadline": self.no_deadline.isChecked(),
        }

    def stop_pending(self) -> None:
        """Drop a re-query still waiting for the user to stop typing (the window is closing)."""
        self._debounce.stop()

    def set_count(self, shown: int, total: int) -> None:
        self.count.setText(f"{shown:,} of {total:,} directives")

    @Slot(str)
    def _on_text_changed(self, _text: str) -> None:
        self._debounce.start()

    @Slot()
    def _on_debounce_timeout(self) -> None:
        emit(self.changed)

    @Slot()
    def _on_control_changed(self) -> None:
        emit(self.changed)

    @Slot(bool)
    def _on_due_range_toggled(self, checked: bool) -> None:
        self.due_from.setEnabled(checked)
        self.due_to.setEnabled(checked)
        if checked and self.no_deadline.isChecked():
            self.no_deadline.setChecked(False)
        emit(self.changed)

    @Slot(bool)
    def _on_no_deadline_toggled(self, checked: bool) -> None:
        if checked and self.due_range.isChecked():
            self.due_range.setChecked(False)
        emit(self.changed)


class DirectiveTableView(QTableView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Fixed row heights: the view never measures 100,000 rows.
        vh = self.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        vh.hide()
        hh = self.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        hh.setSortIndicatorShown(True)

    def apply_default_widths(self) -> None:
        metrics = self.fontMetrics()
        char = metrics.averageCharWidth()
        for i, column in enumerate(COLUMNS):
            self.setColumnWidth(i, column.width * char)
        # Dates and pinpoints must never be cut: size them on their widest form.
        pad = 3 * char
        self.setColumnWidth(
            COLUMN_INDEX["deadline_date"], metrics.horizontalAdvance("2026-12-31") + pad
        )
        self.setColumnWidth(
            COLUMN_INDEX["pinpoint"], metrics.horizontalAdvance("4.1(a)(iii)(A)") + pad
        )
