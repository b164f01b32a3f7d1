"""The main window: library list, reader and directives tabs, details pane, background ingest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from eolens.gui.details import DetailsPane, plain_label
from eolens.gui.dialogs import FetchDialog, PreferencesDialog, about_box, message_box
from eolens.gui.directive_table import (
    COLUMN_INDEX,
    DirectiveFilterBar,
    DirectiveTableModel,
    DirectiveTableView,
    row_value,
)
from eolens.gui.ingest_panel import IngestPanel, summarise_results
from eolens.gui.library_list import DocumentTableModel, LibraryView
from eolens.gui.reader import ReaderView
from eolens.gui.settings import Settings
from eolens.gui.signal_emit import emit
from eolens.gui.workers import Job, writer_pool
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

OPEN_FILTER = "Documents (*.pdf *.md *.markdown *.html *.htm *.xml *.txt *.docx);;All files (*)"
WELCOME_TEXT = (
    "Your library is empty.\n\n"
    "Add executive orders, memoranda or agency guidance to read them as directives: who must "
    "do what, by when, for whom.\n\n"
    "• File > Open… (Ctrl+O) to add PDF, Markdown, HTML, Federal Register XML, text or Word "
    "files;\n"
    "• drag files from your file manager onto this window;\n"
    "• File > Fetch from Federal Register… to download an order by its number.\n\n"
    "Each document is read in the background; you can keep working while it is added."
)


def _ingest_job(db_path: Path, paths: list[str]) -> Callable[..., Any]:
    """The ingest use case as a Qt-free job; it opens its own connection on the worker thread."""

    def run(report: Callable[[Any], None], is_cancelled: Callable[[], bool]) -> Any:
        from eolens.data.library import Library

        library = Library.open(db_path)
        try:
            return library.ingest(
                paths, progress=lambda *args: report(args), is_cancelled=is_cancelled
            )
        finally:
            library.close()

    return run


def _remove_job(db_path: Path, doc_id: int) -> Callable[..., Any]:
    def run(_report: Callable[[Any], None], _is_cancelled: Callable[[], bool]) -> Any:
        from eolens.data.library import Library

        library = Library.open(db_path)
        try:
            library.remove_document(doc_id)
        finally:
            library.close()
        return doc_id

    return run


def _fetch_job(db_path: Path, eo_number: int) -> Callable[..., Any]:
    """Download an order from the Federal Register and ingest it, as a job."""

    def run(report: Callable[[Any], None], _is_cancelled: Callable[[], bool]) -> Any:
        from eolens.data.library import Library

        report((0, 1, f"Executive Order {eo_number} from the Federal Register", 0, 0))
        library = Library.open(db_path)
        try:
            _order, result = library.fetch_executive_order(eo_number)
        finally:
            library.close()
        return [result]

    return run


class MainWindow(QMainWindow):
    documents_changed = Signal()
    ingest_finished = Signal(object)  # the list of IngestResult

    def __init__(self, library: Any, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.settings = settings
        self.setWindowTitle("EO Lens")
        self.setAcceptDrops(True)
        self._job: Job | None = None
        self._queue: list[tuple[str, Callable[..., Any], int]] = []
        self._doc_ids: tuple[int, ...] = ()
        self._reader_doc: int | None = None
        self._scope_total: int | None = None  # directives in the selected documents
        self.last_results: list[Any] = []

        # -- left: the library --
        self.documents_model = DocumentTableModel(self)
        self.library_view = LibraryView(self)
        self.library_view.setModel(self.documents_model)
        self.library_view.apply_default_widths()
        self.library_view.setAcceptDrops(False)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Library", left))
        left_layout.addWidget(self.library_view)

        # -- centre: welcome page or the two tabs --
        self.reader = ReaderView(self)
        self.reader.text.setAcceptDrops(False)
        self.filter_bar = DirectiveFilterBar(self)
        self.directives_model = DirectiveTableModel(library, self)
        self.directives_view = DirectiveTableView(self)
        self.directives_view.setModel(self.directives_model)
        self.directives_view.apply_default_widths()
        self.directives_view.setAcceptDrops(False)
        directives_page = QWidget(self)
        dl = QVBoxLayout(directives_page)
        dl.setContentsMargins(4, 4, 4, 4)
        dl.addWidget(self.filter_bar)
        dl.addWidget(self.directives_view, 1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.reader, "Reader")
        self.tabs.addTab(directives_page, "Directives")
        self.welcome = self._build_welcome()
        self.centre = QStackedWidget(self)
        self.centre.addWidget(self.welcome)
        self.centre.addWidget(self.tabs)

        # -- right: details --
        self.details = DetailsPane(self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.centre)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 760, 340])
        self.ingest_panel = IngestPanel(self)
        body = QWidget(self)
        bl = QVBoxLayout(body)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.splitter, 1)
        bl.addWidget(self.ingest_panel)
        self.setCentralWidget(body)

        self._build_menus()
        self.statusBar().showMessage(f"Library: {self._db_path()}")

        self.library_view.selectionModel().selectionChanged.connect(
            self._on_library_selection_changed
        )
        self.directives_view.selectionModel().currentRowChanged.connect(
            self._on_directives_current_changed
        )
        self.directives_view.activated.connect(self._on_directives_activated)
        self.directives_model.queried.connect(self._on_directives_queried)
        self.filter_bar.changed.connect(self._on_filter_changed)
        self.reader.directive_clicked.connect(self._on_reader_directive_clicked)
        self.ingest_panel.cancel_requested.connect(self._on_ingest_cancel_requested)

        self.resize(1400, 860)
        self._restore_state()
        self.refresh_documents()

    # -- construction helpers -----------------------------------------------------------------
    def _build_welcome(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        title = plain_label(page, "Welcome to EO Lens")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        self.welcome_text = plain_label(page, WELCOME_TEXT)
        layout.addWidget(self.welcome_text)
        row = QHBoxLayout()
        self.welcome_open = QPushButton("Open documents…", page)
        self.welcome_fetch = QPushButton("Fetch from Federal Register…", page)
        row.addWidget(self.welcome_open)
        row.addWidget(self.welcome_fetch)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.welcome_open.clicked.connect(self._on_open_triggered)
        self.welcome_fetch.clicked.connect(self._on_fetch_triggered)
        return page

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.open_action = QAction("&Open…", self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self._on_open_triggered)
        file_menu.addAction(self.open_action)
        self.fetch_action = QAction("&Fetch from Federal Register…", self)
        self.fetch_action.triggered.connect(self._on_fetch_triggered)
        file_menu.addAction(self.fetch_action)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        self.recent_menu.triggered.connect(self._on_recent_menu_triggered)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        self.remove_action = QAction("&Remove Document…", self)
        self.remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.library_view.addAction(self.remove_action)
        self.remove_action.triggered.connect(self._on_remove_triggered)
        file_menu.addAction(self.remove_action)
        file_menu.addSeparator()
        self.preferences_action = QAction("&Preferences…", self)
        self.preferences_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.triggered.connect(self._on_preferences_triggered)
        file_menu.addAction(self.preferences_action)
        file_menu.addSeparator()
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        self.find_action = QAction("&Find in Document…", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._on_find_triggered)
        edit_menu.addAction(self.find_action)
        self.filter_action = QAction("Filter &Directives", self)
        self.filter_action.setShortcut(QKeySequence("Ctrl+L"))
        self.filter_action.triggered.connect(self._on_filter_action_triggered)
        edit_menu.addAction(self.filter_action)

        help_menu = bar.addMenu("&Help")
        self.about_action = QAction("&About EO Lens", self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._on_about_triggered)
        help_menu.addAction(self.about_action)

    def _db_path(self) -> Path:
        return Path(self.library.path)

    # -- state --------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        if geometry := self.settings.load_bytes("window/geometry"):
            self.restoreGeometry(geometry)
        if state := self.settings.load_bytes("window/state"):
            self.restoreState(state)
        if splitter := self.settings.load_bytes("window/main_splitter"):
            self.splitter.restoreState(splitter)
        if splitter := self.settings.load_bytes("window/reader_splitter"):
            self.reader.splitter.restoreState(splitter)
        if header := self.settings.load_bytes("window/directives_header"):
            self.directives_view.horizontalHeader().restoreState(header)

    def save_state(self) -> None:
        self.settings.save_bytes("window/geometry", self.saveGeometry())
        self.settings.save_bytes("window/state", self.saveState())
        self.settings.save_bytes("window/main_splitter", self.splitter.saveState())
        self.settings.save_bytes("window/reader_splitter", self.reader.splitter.saveState())
        self.settings.save_bytes(
            "window/directives_header", self.directives_view.horizontalHeader().saveState()
        )
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.filter_bar.stop_pending()
        if self._job is not None:
            self._queue.clear()
            self._job.cancel()
            # The current file finishes (its transaction is all or nothing), then we leave.
            self.statusBar().showMessage("Finishing the current file before closing…")
            writer_pool().waitForDone()
        event.accept()

    # -- library ------------------------------------------------------------------------------
    def refresh_documents(self, select: int | None = None) -> None:
        """Reload the library list, keeping the selection (or selecting ``select``)."""
        self._scope_total = None
        self.directives_model.invalidate()
        wanted = {select} if select is not None else set(self.selected_doc_ids())
        rows = list(self.library.documents())
        self.documents_model.set_rows(rows)
        self.centre.setCurrentWidget(self.tabs if rows else self.welcome)
        self.remove_action.setEnabled(bool(rows))
        model = self.documents_model
        last = model.columnCount() - 1
        selection = QItemSelection()
        current = None
        for i in range(model.rowCount()):
            if model.doc_id(i) in wanted:
                selection.select(model.index(i, 0), model.index(i, last))
                current = current or model.index(i, 0)
        if selection.isEmpty() and rows:
            selection.select(model.index(0, 0), model.index(0, last))
            current = model.index(0, 0)
        # One selection change, not one per row: each change re-queries the directives.
        sm = self.library_view.selectionModel()
        sm.blockSignals(True)
        sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if current is not None:
            sm.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
        sm.blockSignals(False)
        self.library_view.viewport().update()
        self._apply_documents_selection()
        emit(self.documents_changed)

    def selected_doc_ids(self) -> tuple[int, ...]:
        rows = sorted({i.row() for i in self.library_view.selectionModel().selectedRows()})
        return tuple(d for r in rows if (d := self.documents_model.doc_id(r)) is not None)

    def select_document(self, doc_id: int) -> bool:
        row = self.documents_model.row_of(doc_id)
        if row is None:
            return False
        self.library_view.selectRow(row)
        return True

    @Slot(QItemSelection, QItemSelection)
    def _on_library_selection_changed(self, _selected, _deselected) -> None:
        self._apply_documents_selection()

    def _apply_documents_selection(self) -> None:
        selected = self.selected_doc_ids()
        # Every document selected means "no restriction": the SQL is then an index walk.
        everything = len(selected) == self.documents_model.rowCount()
        self._doc_ids = () if everything else selected
        self._scope_total = None
        self.directives_view.setColumnHidden(
            COLUMN_INDEX["document"], len(selected) == 1 or self.documents_model.rowCount() < 2
        )
        self._update_filter_choices()
        self._apply_filter()
        current = selected[0] if selected else None
        if current != self._reader_doc:
            self.load_reader(current)

    def load_reader(self, doc_id: int | None) -> None:
        self._reader_doc = doc_id
        self.details.show_directive(None)
        if doc_id is None:
            self.reader.clear()
            return
        document = self.library.load_document(doc_id)
        outline = self.library.outline(doc_id)
        directives = {r.id: r.directive for r in self.library.directives_of(doc_id)}
        self.reader.show_document(document, outline, directives)

    # -- directives table ---------------------------------------------------------------------
    def _update_filter_choices(self) -> None:
        facets = self.library.facets(self._doc_ids)
        agencies = [f.value for f in facets.agencies]
        self.filter_bar.set_choices(
            agencies, [k for k, _ in facets.kinds], [s for s, _ in facets.sectors]
        )
        # Show names, filter by key: the key is what DirectiveFilter.agency accepts.
        for i, f in enumerate(facets.agencies, start=1):
            label = f"{f.name} ({f.acronym})" if f.acronym else f.name
            self.filter_bar.agency.setItemText(i, label)

    def current_filter(self) -> Any:
        from eolens.data.library import DirectiveFilter

        v = self.filter_bar.values()
        return DirectiveFilter(
            doc_ids=self._doc_ids,
            text=v["text"] or "",
            agency=v["agency"],
            kind=v["kind"],
            sector=v["sector"],
            due_before=v["due_before"],
            due_after=v["due_after"],
            has_no_deadline=v["no_deadline"],
        )

    def _apply_filter(self) -> None:
        self.directives_model.set_filter(self.current_filter())

    @Slot()
    def _on_filter_changed(self) -> None:
        self._apply_filter()

    @Slot()
    def _on_directives_queried(self) -> None:
        from eolens.data.library import DirectiveFilter

        shown = self.directives_model.rowCount()
        if self._scope_total is None:
            self._scope_total = self.library.count_directives(
                DirectiveFilter(doc_ids=self._doc_ids)
            )
        total = self._scope_total
        self.filter_bar.set_count(shown, total)

    @Slot(QModelIndex, QModelIndex)
    def _on_directives_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        did = self.directives_model.directive_id(current.row()) if current.isValid() else None
        if did is not None:
            self.show_details(did)

    @Slot(QModelIndex)
    def _on_directives_activated(self, index: QModelIndex) -> None:
        did = self.directives_model.directive_id(index.row())
        if did is not None:
            self.open_directive(did)

    def open_directive(self, directive_id: int) -> None:
        """Show the directive's passage in the reader, highlighted and selected."""
        doc_id = self._doc_of(directive_id)
        if doc_id != self._reader_doc:
            self.load_reader(doc_id)
        self.tabs.setCurrentWidget(self.reader)
        self.reader.select_directive(directive_id)
        self.reader.text.setFocus()
        self.show_details(directive_id)

    def _doc_of(self, directive_id: int) -> int | None:
        rows = self.library.directive_rows([directive_id])
        row = rows.get(directive_id)
        return row_value(row, "doc_id") if row is not None else None

    def show_details(self, directive_id: int) -> None:
        directive = self.reader.directives.get(directive_id)
        if directive is None:
            directive = self.library.directive(directive_id).directive
        text = self.reader.document.text if self.reader.document is not None else None
        if directive_id not in self.reader.directives:
            text = None
        self.details.show_directive(directive, text)

    @Slot(int)
    def _on_reader_directive_clicked(self, directive_id: int) -> None:
        self.show_details(directive_id)
        row = self.directives_model.row_of(directive_id)
        if row is not None:
            view = self.directives_view
            view.selectionModel().blockSignals(True)
            view.selectRow(row)
            view.selectionModel().blockSignals(False)

    # -- adding documents ---------------------------------------------------------------------
    def add_files(self, paths: list[str]) -> None:
        """Ingest ``paths`` in the background (queued behind any running ingest)."""
        paths = [str(p) for p in paths if str(p)]
        if not paths:
            return
        self.settings.add_recent_files([str(Path(p).resolve()) for p in paths])
        self._enqueue("ingest", _ingest_job(self._db_path(), paths), len(paths))

    def _enqueue(self, kind: str, fn: Callable[..., Any], count: int) -> None:
        self._queue.append((kind, fn, count))
        if self._job is None:
            self._start_next()

    def _start_next(self) -> None:
        if not self._queue:
            return
        kind, fn, count = self._queue.pop(0)
        job = Job(fn, name=kind)
        job.signals.progressed.connect(self._on_job_progressed)
        job.signals.finished.connect(self._on_job_finished)
        job.signals.cancelled.connect(self._on_job_finished)
        job.signals.failed.connect(self._on_job_failed)
        self._job = job
        if kind == "remove":
            self.statusBar().showMessage("Removing document…")
        else:
            self.ingest_panel.start(count, "Fetching" if kind == "fetch" else "Reading")
        job.start(writer_pool())

    @property
    def busy(self) -> bool:
        return self._job is not None

    def cancel_ingest(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.ingest_panel.cancelling()

    @Slot()
    def _on_ingest_cancel_requested(self) -> None:
        self.cancel_ingest()

    @Slot(object)
    def _on_job_progressed(self, payload: Any) -> None:
        if self._job is not None and self._job.name in ("ingest", "fetch"):
            self.ingest_panel.report(payload)

    @Slot(object)
    def _on_job_finished(self, result: Any) -> None:
        job, self._job = self._job, None
        if job is not None and job.name == "remove":
            self.statusBar().showMessage("Document removed", 5000)
            self.details.show_directive(None)
            self._reader_doc = None
            self.refresh_documents()
        else:
            results = list(result or [])
            self.last_results = results
            summary, failures = summarise_results(results)
            if job is not None and job.is_cancelled():
                summary = "Cancelled. " + summary
            self.ingest_panel.finish(summary, failures)
            added = [r.doc_id for r in results if r.status in ("added", "duplicate") and r.doc_id]
            self.refresh_documents(select=added[-1] if added else None)
            emit(self.ingest_finished, results)
        self._start_next()

    @Slot(str)
    def _on_job_failed(self, message: str) -> None:
        job, self._job = self._job, None
        self.last_results = []
        kind = job.name if job is not None else "ingest"
        what = {"remove": "Removing the document", "fetch": "Fetching"}.get(kind, "Ingest")
        self.ingest_panel.finish(f"{what} failed: {message}", [])
        self.refresh_documents()
        emit(self.ingest_finished, [])
        self._start_next()

    # -- drag and drop ------------------------------------------------------------------------
    @staticmethod
    def _local_files(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._local_files(event)
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(files)

    # -- menu actions -------------------------------------------------------------------------
    @Slot()
    def _on_open_triggered(self) -> None:
        start = (
            str(Path(self.settings.recent_files()[0]).parent)
            if self.settings.recent_files()
            else ""
        )
        paths, _ = QFileDialog.getOpenFileNames(self, "Open documents", start, OPEN_FILTER)
        if paths:
            self.add_files(paths)

    @Slot()
    def _on_fetch_triggered(self) -> None:
        dialog = FetchDialog(self)
        if dialog.exec() != FetchDialog.DialogCode.Accepted:
            return
        self.fetch(dialog.number.value())

    def fetch(self, eo_number: int) -> None:
        """Fetch an executive order by number in the background (queued like an ingest)."""
        self._enqueue("fetch", _fetch_job(self._db_path(), eo_number), 1)

    @Slot()
    def _on_recent_menu_about_to_show(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.setData(path)
        if not recent:
            empty = self.recent_menu.addAction("No recent files")
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction("Clear Menu")
            clear.setData("")

    @Slot(QAction)
    def _on_recent_menu_triggered(self, action: QAction) -> None:
        path = action.data()
        if path:
            self.add_files([str(path)])
        elif path == "":
            self.settings.clear_recent_files()

    def confirm(self, title: str, text: str) -> bool:
        box = message_box(
            self,
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return box.exec() == QMessageBox.StandardButton.Yes

    @Slot()
    def _on_remove_triggered(self) -> None:
        ids = self.selected_doc_ids()
        if not ids:
            return
        doc_id = ids[0]
        row = self.documents_model.row_of(doc_id)
        title = self.documents_model.index(row, 2).data() if row is not None else f"#{doc_id}"
        if not self.confirm(
            "Remove document",
            f"Remove “{title}” and its directives from the library?\n\n"
            "The file on disk is not touched; you can add it again later.",
        ):
            return
        self._enqueue("remove", _remove_job(self._db_path(), doc_id), 1)

    @Slot()
    def _on_preferences_triggered(self) -> None:
        from eolens.data.db import default_path

        dialog = PreferencesDialog(self.settings.library_path, default_path(), self)
        if dialog.exec() == PreferencesDialog.DialogCode.Accepted:
            chosen = dialog.chosen_path()
            self.settings.library_path = None if chosen == default_path() else chosen

    @Slot()
    def _on_find_triggered(self) -> None:
        if self.centre.currentWidget() is self.tabs:
            self.tabs.setCurrentWidget(self.reader)
            self.reader.open_find()

    @Slot()
    def _on_filter_action_triggered(self) -> None:
        if self.centre.currentWidget() is self.tabs:
            self.tabs.setCurrentIndex(1)
            self.filter_bar.text.setFocus()
            self.filter_bar.text.selectAll()

    @Slot()
    def _on_about_triggered(self) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            v = version("eolens")
        except PackageNotFoundError:
            v = "(development)"
        about_box(self, v).exec()
