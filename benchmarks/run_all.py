"""Run every benchmark script in this folder, one after another (`make bench`).

Each script prints its own figures and ratios against a reference measured in the same run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["pdf_read.py", "ingest.py", "extract.py", "quality.py", "gui.py"]


def main() -> int:
    failed = []
    for name in SCRIPTS:
        script = HERE / name
        if not script.is_file():
            print(f"== {name}: missing", flush=True)
            failed.append(name)
            continue
        print(f"== {name}", flush=True)
        if subprocess.run([sys.executable, str(script)], check=False).returncode != 0:
            failed.append(name)
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
