"""The `eolens` console script: with arguments it is the CLI, with none the desktop app.

Qt is imported only when the window opens, so the CLI stays Qt-free and fast to start.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if _wants_window(args):
        from eolens.gui.app import run

        return run(args)
    from eolens.data.cli import main as cli_main

    return cli_main(args)


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
