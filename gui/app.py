"""Start the desktop app: one window per library file, guarded by a lock beside the file."""

# isort: off
from __future__ import annotations

import argparse
import sys
from pathlib import Path

# First, before Qt: see preload's docstring.
import eolens.gui.preload  # noqa: F401

from PySide6.QtCore import QLockFile, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from eolens.gui.dialogs import message_box
from eolens.gui.settings import Settings

# isort: on


def parse_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="eolens", add_help=False)
    parser.add_argument("--db", type=Path, default=None)
    known, _qt_args = parser.parse_known_args(args)
    return known


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists, as under pytest-qt)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional scale factors (150%) as the system sets them, not rounded to 1x or 2x.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName("EO Lens")
    app.setOrganizationName("eolens")
    app.setDesktopFileName("eolens")
    return app


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def acquire_instance_lock(db_path: Path) -> QLockFile | None:
    """A held lock for ``db_path``, or None if another EO Lens has the library open.

    QLockFile records the holder's pid and host, so a lock left by a crashed instance is
    recognised as stale and taken over.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(lock_path(db_path)))
    lock.setStaleLockTime(0)
    if lock.tryLock(200):
        return lock
    return None


def resolve_db_path(arg: Path | None, settings: Settings) -> Path:
    from eolens.data.db import default_path

    if arg is not None:
        return arg.expanduser().resolve()
    return (settings.library_path or default_path()).expanduser().resolve()


def open_main_window(db_path: Path, settings: Settings):
    """Open the library and its window (raises the Library's error for a bad file)."""
    from eolens.data.library import Library
    from eolens.gui.main_window import MainWindow

    library = Library.open(db_path)
    return MainWindow(library, settings)


def run(args: list[str]) -> int:
    options = parse_args(args)
    app = create_application()
    settings = Settings()
    db_path = resolve_db_path(options.db, settings)
    lock = acquire_instance_lock(db_path)
    if lock is None:
        message_box(
            None,
            QMessageBox.Icon.Information,
            "EO Lens is already open",
            f"EO Lens is already running with the library\n{db_path}\n\n"
            "Switch to that window, or start EO Lens with --db PATH to open another library.",
        ).exec()
        return 1
    try:
        try:
            window = open_main_window(db_path, settings)
        except Exception as exc:  # a damaged or newer library must not crash the start-up
            message_box(
                None,
                QMessageBox.Icon.Critical,
                "Cannot open the library",
                f"{exc}\n\nChoose another library with --db PATH, or in Preferences.",
            ).exec()
            return 2
        window.show()
        code = app.exec()
        window.library.close()
        return code
    finally:
        lock.unlock()
