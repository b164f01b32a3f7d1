"""The reader: a document's text with its outline, directive highlights and a find bar."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass

from eolens.gui.plaintext import plain_tooltip
from eolens.gui.signal_emit import emit
from eolens.nlp.model import Directive, Document, Outline
from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QIcon,
    QKeySequence,
    QPalette,
    QPixmap,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    roles: tuple[str, ...]  # Evidence.role values drawn in this colour
    colour: QColor  # translucent, so it reads on a light and on a dark base


# Translucent fills over the palette's own text colour stay legible in both light and dark
# palettes; each hue is far enough from the others to tell apart, and from the selection blue.
CATEGORIES: tuple[Category, ...] = (
    Category("trigger", "Directive trigger", ("trigger",), QColor(255, 140, 0, 110)),
    Category("actor", "Actor", ("actor",), QColor(40, 140, 255, 90)),
    Category("deadline", "Deadline", ("deadline",), QColor(230, 40, 90, 95)),
    Category("sector", "Sector / group", ("sector", "group"), QColor(30, 190, 90, 95)),
)
CURRENT_COLOUR = QColor(160, 120, 255, 55)


class _Utf16:
    """Python string indices <-> QTextDocument positions (UTF-16 code units)."""

    def __init__(self, text: str):
        self._astral = (
            [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        )

    def to_qt(self, index: int) -> int:
        if not self._astral:
            return index
        return index + bisect.bisect_left(self._astral, index)

    def to_py(self, position: int) -> int:
        if not self._astral:
            return position
        lo, hi = 0, position
        while lo < hi:  # the largest index whose Qt position is <= position
            mid = (lo + hi + 1) // 2
            if self.to_qt(mid) <= position:
                lo = mid
            else:
                hi = mid - 1
        return lo


def _swatch(colour: QColor) -> QIcon:
    pix = QPixmap(14, 14)
    opaque = QColor(colour)
    opaque.setAlpha(min(255, colour.alpha() * 2))
    pix.fill(opaque)
    return QIcon(pix)


class FindBar(QWidget):
    """Find-in-document: Enter for next, Shift+Enter for previous, Escape to close."""

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None):
        super().__init__(parent)
        self._editor = editor
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("Find in document")
        self.line.setClearButtonEnabled(True)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("Previous")
        self.next_button = QToolButton(self)
        self.next_button.setText("Next")
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.close_button = QToolButton(self)
        self.close_button.setText("Close")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.line, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.status)
        layout.addWidget(self.close_button)
        self.line.returnPressed.connect(self._on_line_return)
        self.line.textEdited.connect(self._on_line_edited)
        self.next_button.clicked.connect(self._on_next_clicked)
        self.previous_button.clicked.connect(self._on_previous_clicked)
        self.close_button.clicked.connect(self._on_close_clicked)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.line, self.hide)

    def open(self) -> None:
        self.show()
        self.line.setFocus()
        self.line.selectAll()

    def find(self, backward: bool = False) -> bool:
        text = self.line.text()
        if not text:
            self.status.clear()
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self._editor.find(text, flags)
        if not found:  # wrap around once
            cursor = self._editor.textCursor()
            cursor.movePosition(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            self._editor.setTextCursor(cursor)
            found = self._editor.find(text, flags)
        self.status.setText("" if found else "Not found")
        return found

    @Slot()
    def _on_line_return(self) -> None:
        from PySide6.QtWidgets import QApplication

        backward = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier)
        self.find(backward=backward)

    @Slot(str)
    def _on_line_edited(self, _text: str) -> None:
        # Search as you type from the start of the current match, not past it.
        cursor = self._editor.textCursor()
        cursor.setPosition(cursor.selectionStart())
        self._editor.setTextCursor(cursor)
        self.find()

    @Slot()
    def _on_next_clicked(self) -> None:
        self.find()

    @Slot()
    def _on_previous_clicked(self) -> None:
        self.find(backward=True)

    @Slot()
    def _on_close_clicked(self) -> None:
        self.hide()


class ReaderView(QWidget):
    """Shows one document; emits ``directive_clicked`` when a directive's passage is clicked."""

    directive_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.document: Document | None = None
        self.outline: Outline | None = None
        self.directives: dict[int, Directive] = {}
        self.current_directive: int | None = None
        self._map = _Utf16("")
        self._starts: list[int] = []  # directive span starts, sorted, with ids alongside
        self._by_start: list[tuple[int, int, int]] = []
        self._programmatic = False

        self.outline_tree = QTreeWidget(self)
        self.outline_tree.setHeaderLabels(["Outline"])
        self.outline_tree.setUniformRowHeights(True)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setUndoRedoEnabled(False)  # read-only: an undo stack would only cost memory
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.document().setDocumentMargin(12)
        self._tint_selection()
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)

        self.toggles: dict[str, QCheckBox] = {}
        legend = QHBoxLayout()
        legend.setContentsMargins(0, 0, 0, 0)
        legend.addWidget(QLabel("Highlight:", self))
        for cat in CATEGORIES:
            box = QCheckBox(cat.label, self)
            box.setIcon(_swatch(cat.colour))
            box.setChecked(True)
            box.toggled.connect(self._on_toggle_toggled)
            self.toggles[cat.key] = box
            legend.addWidget(box)
        legend.addStretch(1)

        self.find_bar = FindBar(self.text, self)
        self.find_bar.hide()

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addLayout(legend)
        right_layout.addWidget(self.text, 1)
        right_layout.addWidget(self.find_bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("reader_splitter")
        self.splitter.addWidget(self.outline_tree)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.outline_tree.itemActivated.connect(self._on_outline_item_activated)
        self.outline_tree.itemClicked.connect(self._on_outline_item_activated)
        self.text.cursorPositionChanged.connect(self._on_text_cursor_moved)

    def _tint_selection(self) -> None:
        """A translucent selection that keeps the text colour, so the highlights inside a
        selected directive stay visible; recomputed when the palette (light/dark) changes."""
        palette = self.palette()
        tint = QColor(palette.color(QPalette.ColorRole.Highlight))
        tint.setAlpha(70)
        text = palette.color(QPalette.ColorRole.Text)
        edit_palette = self.text.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            edit_palette.setColor(group, QPalette.ColorRole.Highlight, tint)
            edit_palette.setColor(group, QPalette.ColorRole.HighlightedText, text)
        self.text.setPalette(edit_palette)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._tint_selection()
        super().changeEvent(event)

    # -- content ------------------------------------------------------------------------------
    def clear(self) -> None:
        self.document = None
        self.outline = None
        self.directives = {}
        self.current_directive = None
        self._by_start = []
        self._starts = []
        self._map = _Utf16("")
        self.title.clear()
        self.outline_tree.clear()
        with QSignalBlocker(self.text):
            self.text.clear()
        self.text.setExtraSelections([])

    def show_document(
        self, document: Document, outline: Outline, directives: Mapping[int, Directive]
    ) -> None:
        self.clear()
        self.document = document
        self.outline = outline
        self.directives = dict(directives)
        self._map = _Utf16(document.text)
        self._by_start = sorted((d.span[0], d.span[1], i) for i, d in self.directives.items())
        self._starts = [s for s, _, _ in self._by_start]
        self.title.setText(document.meta.title)
        self._programmatic = True
        try:
            self.text.setPlainText(document.text)
        finally:
            self._programmatic = False
        self._fill_outline(outline)
        self._apply_highlights()

    def _fill_outline(self, outline: Outline) -> None:
        items: dict[str, QTreeWidgetItem] = {}
        text = self.document.text if self.document is not None else ""
        for p in outline.provisions:
            label = p.marker if p.marker else p.pinpoint
            if p.heading:
                label = f"{label}  {p.heading}"
            else:  # an unnamed item: its first words say what it is about
                words = text[p.body_start : min(p.end, p.body_start + 60)].split("\n")[0]
                if words:
                    label = f"{label}  {words.strip()}…"
            parent = items.get(p.parent) if p.parent else None
            item = QTreeWidgetItem(parent if parent is not None else self.outline_tree, [label])
            item.setToolTip(0, plain_tooltip(label))
            item.setData(0, Qt.ItemDataRole.UserRole, p.start)
            items[p.pinpoint] = item
        self.outline_tree.expandToDepth(0)

    # -- highlights ---------------------------------------------------------------------------
    def visible_categories(self) -> set[str]:
        return {key for key, box in self.toggles.items() if box.isChecked()}

    def highlight_ranges(self) -> list[tuple[str, int, int]]:
        """(category, start, end) in Python string indices, for what is currently drawn."""
        visible = self.visible_categories()
        by_role = {role: cat.key for cat in CATEGORIES for role in cat.roles}
        out = []
        for d in self.directives.values():
            for ev in d.evidence:
                key = by_role.get(ev.role)
                if key in visible and ev.end > ev.start:
                    out.append((key, ev.start, ev.end))
        return sorted(set(out), key=lambda r: (r[1], r[2], r[0]))

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def _apply_highlights(self) -> None:
        if self.document is None:
            self.text.setExtraSelections([])
            return
        selections = []
        if self.current_directive in self.directives:
            fmt = QTextCharFormat()
            fmt.setBackground(CURRENT_COLOUR)
            d = self.directives[self.current_directive]
            selections.append(self._selection(d.span[0], d.span[1], fmt))
        formats = {}
        for cat in CATEGORIES:
            fmt = QTextCharFormat()
            fmt.setBackground(cat.colour)
            formats[cat.key] = fmt
        for key, start, end in self.highlight_ranges():
            selections.append(self._selection(start, end, formats[key]))
        self.text.setExtraSelections(selections)

    @Slot(bool)
    def _on_toggle_toggled(self, _checked: bool) -> None:
        self._apply_highlights()

    # -- navigation ---------------------------------------------------------------------------
    def scroll_to(self, offset: int) -> None:
        """Put the start of the paragraph holding ``offset`` at the top of the view."""
        self._programmatic = True
        try:
            cursor = self.text.textCursor()
            cursor.setPosition(self._map.to_qt(offset))
            self.text.setTextCursor(cursor)
            # QPlainTextEdit scrolls by laid-out lines: a block's first line number is the
            # scroll value that shows it first.
            block = cursor.block()
            self.text.verticalScrollBar().setValue(block.firstLineNumber())
        finally:
            self._programmatic = False

    def select_directive(self, directive_id: int) -> bool:
        """Highlight and select the directive's passage and scroll to it."""
        d = self.directives.get(directive_id)
        if d is None:
            return False
        self.current_directive = directive_id
        self._apply_highlights()
        self._programmatic = True
        try:
            self.scroll_to(d.span[0])
            cursor = self.text.textCursor()
            cursor.setPosition(self._map.to_qt(d.span[0]))
            cursor.setPosition(self._map.to_qt(d.span[1]), QTextCursor.MoveMode.KeepAnchor)
            # Keep the scroll position: setTextCursor would scroll to the selection's end.
            value = self.text.verticalScrollBar().value()
            self.text.setTextCursor(cursor)
            self.text.verticalScrollBar().setValue(value)
        finally:
            self._programmatic = False
        return True

    def selected_text(self) -> str:
        """The selection as a Python string (Qt marks paragraph breaks with U+2029)."""
        return self.text.textCursor().selectedText().replace("\u2029", "\n")

    def directive_at(self, offset: int) -> int | None:
        """The innermost directive whose span contains ``offset``."""
        best: tuple[int, int] | None = None
        hi = bisect.bisect_right(self._starts, offset)
        for start, end, did in self._by_start[:hi]:
            if start <= offset < end and (best is None or end - start < best[0]):
                best = (end - start, did)
        return best[1] if best else None

    def open_find(self) -> None:
        self.find_bar.open()

    @Slot(QTreeWidgetItem, int)
    def _on_outline_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        offset = item.data(0, Qt.ItemDataRole.UserRole)
        if offset is not None:
            self.scroll_to(int(offset))

    @Slot()
    def _on_text_cursor_moved(self) -> None:
        if self._programmatic or self.document is None:
            return
        cursor = self.text.textCursor()
        if cursor.hasSelection():
            return
        did = self.directive_at(self._map.to_py(cursor.position()))
        if did is not None and did != self.current_directive:
            self.current_directive = did
            self._apply_highlights()
            emit(self.directive_clicked, did)
