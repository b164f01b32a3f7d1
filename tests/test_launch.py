"""The `eolens` console script: a command runs the CLI, no command opens the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EOLENS = Path(sys.executable).with_name("eolens")


def _env(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def test_no_command_without_a_display_says_why_instead_of_crashing(tmp_path):
    env = _env(DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None)
    done = subprocess.run(
        [str(EOLENS), "--db", str(tmp_path / "lib.sqlite")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "no display" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "lib.sqlite").exists()


def test_a_command_runs_the_cli_without_qt(tmp_path):
    env = _env(DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None)
    done = subprocess.run(
        [str(EOLENS), "--db", str(tmp_path / "lib.sqlite"), "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
