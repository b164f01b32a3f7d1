"""Desktop-app figures on a library of 100,000 generated directives (`make bench`).

Prints: time to apply a text filter, to sort by deadline (each to the next repaint of the
table), to open the window (process start to first paint, in a fresh process), the longest
GUI-thread stall while ingesting the largest PDF in ../shared/corpus (a 10 ms QTimer heartbeat
measures the gaps), and the app's peak memory with that library open.
Goals: filter <= 30 ms, sort <= 50 ms, start <= 1.0 s, no stall over 100 ms, memory <= 400 MB.

    .venv/bin/python benchmarks/gui.py [--directives N] [--platform offscreen|xcb]

The generated library is synthetic (benchmarks/synthetic.py: made-up orders with random
agencies, dates and sectors, 100 directives each), written through the Library's own storage
code into a temp folder.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eolens.data.library import Library
from synthetic import generate_directives

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()
GOALS = {"filter_ms": 30, "sort_ms": 50, "start_s": 1.0, "stall_ms": 100, "memory_mb": 400}


def generate_library(path: Path, total: int) -> float:
    """Write ``total`` synthetic directives into a new library at ``path``; returns seconds."""
    started = time.perf_counter()
    with Library.open(path) as library:
        generate_directives(library, total, per_document=100)
    return time.perf_counter() - started


# --- child process: open the window, time filter and sort, report memory --------------------

CHILD_OPEN = r"""
import json, os, sys, time
t0 = float(sys.argv[1])
db_path = sys.argv[2]
from PySide6.QtCore import QEvent, QObject, QTimer
from eolens.gui.app import acquire_instance_lock, create_application, open_main_window
from eolens.gui.settings import Settings
from pathlib import Path

app = create_application()
painted = {}

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "t" not in painted:
            painted["t"] = time.time()
            painted["cpu"] = sum(os.times()[:2])
            QTimer.singleShot(0, app.quit)
        return False

watcher = FirstPaint()
app.installEventFilter(watcher)
lock = acquire_instance_lock(Path(db_path))
window = open_main_window(Path(db_path), Settings(sys.argv[3]))
window.show()
app.exec()
app.removeEventFilter(watcher)
print(json.dumps({"start_s": painted["t"] - t0, "cpu_s": painted["cpu"]}), flush=True)
"""

CHILD_TABLE = r"""
import json, resource, statistics, sys, time
db_path = sys.argv[1]
from pathlib import Path
from PySide6.QtCore import Qt
from eolens.gui.app import create_application, open_main_window
from eolens.gui.directive_table import COLUMNS
from eolens.gui.settings import Settings

app = create_application()
window = open_main_window(Path(db_path), Settings(sys.argv[2]))
window.resize(1400, 900)
window.show()
app.processEvents()
window.library_view.selectAll()  # every document: the table holds all directives
app.processEvents()
window.tabs.setCurrentIndex(1)
app.processEvents()
model, view, bar = window.directives_model, window.directives_view, window.filter_bar
total = model.rowCount()

cpu = {"filter": [], "sort": []}

def timed(action, kind=None):
    c = time.thread_time()
    t = time.perf_counter()
    action()
    view.viewport().repaint()  # includes fetching the visible rows
    wall = (time.perf_counter() - t) * 1000
    if kind:
        cpu[kind].append((time.thread_time() - c) * 1000)
    return wall

def apply_text(word):
    bar.text.blockSignals(True)
    bar.text.setText(word)
    bar.text.blockSignals(False)
    bar._on_debounce_timeout()

filters = []
words = ["grid", "model", "secure", "workforce", "incident", "vulnerability", "guidance", "plan"]
for word in words:
    filters.append(timed(lambda: apply_text(word), "filter"))
    filters.append(timed(lambda: apply_text(""), "filter"))
deadline = [c.key for c in COLUMNS].index("deadline_date")
sorts = []
for order in [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder] * 3:
    sorts.append(timed(lambda: view.sortByColumn(deadline, order), "sort"))
# scroll through the table the way a reader would, so the row cache is exercised too
sb = view.verticalScrollBar()
for v in range(0, sb.maximum(), max(1, sb.maximum() // 200)):
    sb.setValue(v)
    view.viewport().repaint()
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({
    "rows": total, "filter_ms": statistics.median(filters), "filter_max_ms": max(filters),
    "sort_ms": statistics.median(sorts), "sort_max_ms": max(sorts), "memory_mb": peak_mb,
    "filter_cpu_ms": statistics.median(cpu["filter"]),
    "sort_cpu_ms": statistics.median(cpu["sort"]),
}), flush=True)
window.close()
"""

CHILD_STALL = r"""
import json, sys, time
db_path, pdf = sys.argv[1], sys.argv[2]
from pathlib import Path
from PySide6.QtCore import QTimer
from eolens.gui.app import create_application, open_main_window
from eolens.gui.settings import Settings

app = create_application()
window = open_main_window(Path(db_path), Settings(sys.argv[3]))
window.show()
app.processEvents()
gaps = []
last = [time.perf_counter()]

def beat():
    now = time.perf_counter()
    gaps.append(now - last[0])
    last[0] = now

timer = QTimer()
timer.setInterval(10)
timer.timeout.connect(beat)
done = {}

def finished(results):
    done["results"] = [(r.status, r.message) for r in results]
    QTimer.singleShot(50, app.quit)

window.ingest_finished.connect(finished)
started = time.perf_counter()
timer.start()
window.add_files([pdf])
app.exec()
elapsed = time.perf_counter() - started
timer.stop()
window.close()
print(json.dumps({"stall_ms": max(gaps) * 1000 - 10, "beats": len(gaps), "seconds": elapsed,
                  "results": done.get("results")}), flush=True)
"""


def _child(code: str, *args: str, platform: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=platform)
    cmd = [sys.executable, "-c", code, *args]
    if platform == "xcb" and not env.get("DISPLAY"):
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", *cmd]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, check=False)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"child failed ({out.returncode}):\n{out.stdout}\n{out.stderr[-3000:]}")
    return json.loads(lines[-1])


def _line(name: str, value: float, goal_key: str, detail: str) -> None:
    goal = GOALS[goal_key]
    unit = goal_key.rsplit("_", 1)[1]
    verdict = "ok" if value <= goal else "OVER GOAL"
    print(f"{name}: {detail}  [goal <= {goal} {unit}: {verdict}]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--directives", type=int, default=100_000)
    parser.add_argument("--platform", default="offscreen", choices=["offscreen", "xcb"])
    parser.add_argument("--starts", type=int, default=5, help="window starts to time")
    parser.add_argument(
        "--library", type=Path, help="reuse the generated library at this path (made if absent)"
    )
    opts = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="eolens-gui-bench-") as tmp:
        tmp_path = Path(tmp)
        db = opts.library or tmp_path / "bench.sqlite"
        if db.exists():
            print(f"using the library at {db}")
        else:
            seconds = generate_library(db, opts.directives)
            print(
                f"generated {opts.directives:,} directives in {seconds:.1f} s"
                f" ({db.stat().st_size / 1e6:.0f} MB)"
            )
        settings_dir = str(tmp_path / "settings")

        starts, start_cpu = [], []
        for _ in range(opts.starts):
            opened = _child(
                CHILD_OPEN, repr(time.time()), str(db), settings_dir, platform=opts.platform
            )
            starts.append(opened["start_s"])
            start_cpu.append(opened["cpu_s"])
        # the child reads its own start time from argv: spawn cost is included
        table = _child(CHILD_TABLE, str(db), settings_dir, platform=opts.platform)

        pdfs = (
            sorted(CORPUS.rglob("*.pdf"), key=lambda p: p.stat().st_size) if CORPUS.is_dir() else []
        )
        stall = None
        if pdfs:
            largest = pdfs[-1]
            stall_db = tmp_path / "stall.sqlite"
            generate_library(stall_db, 2_000)
            stall = _child(
                CHILD_STALL, str(stall_db), str(largest), settings_dir, platform=opts.platform
            )
            stall["file"] = f"{largest.name} ({largest.stat().st_size / 1e6:.1f} MB)"

    start = statistics.median(starts)
    print(f"platform: {opts.platform}; table rows: {table['rows']:,}")
    _line(
        "text filter",
        table["filter_ms"],
        "filter_ms",
        f"median {table['filter_ms']:.1f} ms, worst {table['filter_max_ms']:.1f} ms"
        f" (GUI-thread CPU {table['filter_cpu_ms']:.1f} ms)",
    )
    _line(
        "deadline sort",
        table["sort_ms"],
        "sort_ms",
        f"median {table['sort_ms']:.1f} ms, worst {table['sort_max_ms']:.1f} ms"
        f" (GUI-thread CPU {table['sort_cpu_ms']:.1f} ms)",
    )
    _line(
        "window start",
        start,
        "start_s",
        f"median {start:.2f} s over {len(starts)} starts, worst {max(starts):.2f} s"
        f" (process CPU {statistics.median(start_cpu):.2f} s)",
    )
    if stall is not None:
        _line(
            "ingest stall",
            stall["stall_ms"],
            "stall_ms",
            f"longest GUI-thread gap {stall['stall_ms']:.0f} ms over {stall['beats']} beats"
            f" while ingesting {stall['file']} in {stall['seconds']:.1f} s -> {stall['results']}",
        )
    else:
        print(f"ingest stall: skipped, no PDF under {CORPUS}")
    _line(
        "peak memory",
        table["memory_mb"],
        "memory_mb",
        f"{table['memory_mb']:.0f} MB (library open, filtered, sorted, scrolled end to end)",
    )
    # Wall-clock figures include waiting for a CPU: on a shared machine compare the CPU ones.
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
