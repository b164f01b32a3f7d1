"""The `eolens` console script: with arguments it is the CLI, with none the desktop app.

Qt is imported only when the window opens, so the CLI stays Qt-free and fast to start.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if _wants_window(args):
        problem = _no_display()
        if problem:
            print(f"eolens: {problem}", file=sys.stderr)
            return 2
        from eolens.gui.app import run

        return run(args)
    from eolens.data.cli import main as cli_main

    return cli_main(args)


def _no_display() -> str | None:
    """Why a window cannot open here (Linux without a display), else None.

    Qt would otherwise abort with a core dump and a message about xcb plugins.
    """
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). "
        "Run it in a desktop session, or headless with `xvfb-run .venv/bin/eolens`; "
        "the command line works anywhere: `eolens --help`."
    )


def _wants_window(args: list[str]) -> bool:
    """No command (only options such as --db PATH) opens the window."""
    i = 0
    while i < len(args):
        if args[i] == "--db":
            i += 2
            continue
        if args[i].startswith("--db="):
            i += 1
            continue
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
