"""User preferences and window state, kept apart, both in QSettings (INI files).

Preferences are what the user chose (library location, recent files); window state is what the
app remembers by itself (geometry, splitters). Domain data never lives here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "eolens"
APPLICATION = "eolens"
MAX_RECENT = 10


class Settings:
    """``directory`` given (tests, portable use): both INI files live there."""

    def __init__(self, directory: str | Path | None = None):
        if directory is None:
            fmt = QSettings.Format.IniFormat
            scope = QSettings.Scope.UserScope
            self.prefs = QSettings(fmt, scope, ORGANIZATION, APPLICATION)
            self.state = QSettings(fmt, scope, ORGANIZATION, f"{APPLICATION}-state")
        else:
            directory = Path(directory)
            directory.mkdir(parents=True, exist_ok=True)
            self.prefs = QSettings(str(directory / "eolens.ini"), QSettings.Format.IniFormat)
            self.state = QSettings(str(directory / "eolens-state.ini"), QSettings.Format.IniFormat)

    # -- preferences --------------------------------------------------------------------------
    @property
    def library_path(self) -> Path | None:
        value = self.prefs.value("library/path", "")
        return Path(str(value)) if value else None

    @library_path.setter
    def library_path(self, path: str | Path | None) -> None:
        self.prefs.setValue("library/path", str(path) if path else "")
        self.prefs.sync()

    def recent_files(self) -> list[str]:
        value = self.prefs.value("recent/files", [])
        if isinstance(value, str):  # QSettings gives a bare string for a one-item list
            value = [value] if value else []
        return [str(v) for v in (value or [])]

    def add_recent_files(self, paths: list[str]) -> None:
        recent = self.recent_files()
        for path in paths:
            if path in recent:
                recent.remove(path)
            recent.insert(0, path)
        self.prefs.setValue("recent/files", recent[:MAX_RECENT])
        self.prefs.sync()

    def clear_recent_files(self) -> None:
        self.prefs.setValue("recent/files", [])
        self.prefs.sync()

    # -- window state -------------------------------------------------------------------------
    def save_bytes(self, key: str, value: QByteArray) -> None:
        self.state.setValue(key, value)

    def load_bytes(self, key: str) -> QByteArray | None:
        value = self.state.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def sync(self) -> None:
        self.prefs.sync()
        self.state.sync()
