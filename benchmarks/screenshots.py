"""Screenshots of the real app under Xvfb (`make screenshots`), saved to screenshots/.

Starts the window the way `eolens --db PATH` does, on a temp library, and does what a person
does: first run, File > Open of EO 14409 and EO 14110 from ../shared/corpus (the progress strip
is captured while it reads), the reader with highlights, the directives table filtered, one
directive's details, and the same reader in a dark palette. Look at the PNGs afterwards.

    .venv/bin/python benchmarks/screenshots.py [--out screenshots]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()
DOCUMENTS = ["eo-14409-2026-06-02.whitehouse.md", "eo-14110-2023-10-30.whitehouse.md"]
SCREEN = "1600x1000x24"


def _under_x() -> bool:
    return bool(os.environ.get("DISPLAY")) and os.environ.get("QT_QPA_PLATFORM") == "xcb"


def _relaunch_under_xvfb(argv: list[str]) -> int:
    if not shutil.which("xvfb-run"):
        print("xvfb-run not found: apt-get install -y xvfb xauth libxcb-cursor0", file=sys.stderr)
        return 2
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN}", sys.executable, __file__, *argv]
    return subprocess.run(cmd, env=env, check=False).returncode


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "screenshots")
    opts = parser.parse_args(argv)
    missing = [name for name in DOCUMENTS if not (CORPUS / name).is_file()]
    if missing:
        print(f"missing from {CORPUS}: {', '.join(missing)}", file=sys.stderr)
        return 2
    if not _under_x():
        return _relaunch_under_xvfb(argv)
    with tempfile.TemporaryDirectory(prefix="eolens-shots-") as tmp:
        return _take(Path(tmp), opts.out.resolve())


def _take(tmp: Path, out: Path) -> int:
    from eolens.gui.app import acquire_instance_lock, create_application, open_main_window
    from eolens.gui.settings import Settings
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication, QFileDialog, QStyleFactory

    out.mkdir(parents=True, exist_ok=True)
    app = create_application()
    db = tmp / "library.sqlite"
    lock = acquire_instance_lock(db)
    window = open_main_window(db, Settings(tmp / "settings"))
    window.resize(1500, 920)
    window.show()
    saved: list[Path] = []

    def settle(seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    def wait_until(condition, timeout: float = 180.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("the app did not get there in time")
            app.processEvents()
            time.sleep(0.01)

    def shot(name: str) -> None:
        settle()
        path = out / f"{name}.png"
        window.grab().save(str(path))
        saved.append(path)
        print(f"saved {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")

    shot("01-first-run")

    # File > Open, as a person: the dialog answers with the two orders.
    paths = [str(CORPUS / name) for name in DOCUMENTS]
    original = QFileDialog.getOpenFileNames
    QFileDialog.getOpenFileNames = staticmethod(lambda *a, **k: (paths, "Documents"))
    try:
        window.open_action.trigger()
    finally:
        QFileDialog.getOpenFileNames = original
    wait_until(lambda: "(file" in window.ingest_panel.label.text())
    shot("02-ingest-progress")
    wait_until(lambda: not window.busy)
    for result in window.last_results:
        print(f"ingest: {Path(result.path).name}: {result.status} {result.message}")

    # The reader on EO 14409, scrolled to Sec. 2 with its highlights.
    docs = window.library.documents()
    by_file = {Path(d.source_path).name: d for d in docs}
    eo14409 = by_file[DOCUMENTS[0]]
    window.select_document(eo14409.id)
    window.tabs.setCurrentWidget(window.reader)
    settle()  # lay the window out first: the reader scrolls by laid-out lines
    sec2 = window.reader.outline.find("2")
    if sec2 is not None:
        window.reader.scroll_to(sec2.start)
    shot("03-reader-eo14409")

    # All documents, the directives table filtered by typing.
    window.library_view.selectAll()
    window.tabs.setCurrentIndex(1)
    window.filter_bar.text.setText("Commerce")
    wait_until(lambda: window.directives_model.rowCount() > 0)
    settle(0.5)
    shot("04-directives-filtered")

    # One directive: opened in the reader (highlighted, selected) with its details.
    view = window.directives_view
    view.selectRow(0)
    window.open_directive(window.directives_model.directive_id(0))
    shot("05-directive-details")
    bar = window.details.verticalScrollBar()
    bar.setValue(bar.maximum())  # the rest of the details: deadline working and evidence
    shot("05b-directive-evidence")

    # EO 14110 in the reader, one of its long sections.
    window.filter_bar.text.clear()
    eo14110 = by_file[DOCUMENTS[1]]
    window.select_document(eo14110.id)
    window.tabs.setCurrentWidget(window.reader)
    settle()
    provision = window.reader.outline.find("4.2") or window.reader.outline.find("4")
    if provision is not None:
        window.reader.scroll_to(provision.start)
    shot("06-reader-eo14110")

    # The same in a dark palette: the highlight colours must stay readable.
    app.setStyle(QStyleFactory.create("Fusion"))
    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, QColor(37, 37, 38)),
        (QPalette.ColorRole.WindowText, QColor(230, 230, 230)),
        (QPalette.ColorRole.Base, QColor(30, 30, 30)),
        (QPalette.ColorRole.AlternateBase, QColor(45, 45, 48)),
        (QPalette.ColorRole.Text, QColor(230, 230, 230)),
        (QPalette.ColorRole.Button, QColor(45, 45, 48)),
        (QPalette.ColorRole.ButtonText, QColor(230, 230, 230)),
        (QPalette.ColorRole.Highlight, QColor(38, 79, 120)),
        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
    ):
        dark.setColor(role, colour)
    QApplication.setPalette(dark)
    shot("07-reader-eo14110-dark")

    window.close()
    window.library.close()
    if lock is not None:
        lock.unlock()
    print(f"{len(saved)} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
