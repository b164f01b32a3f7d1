"""Dependencies point one way: gui -> data -> nlp, and only gui imports Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _imported_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout
    return set(out.split())


def test_core_packages_do_not_import_qt():
    modules = _imported_after(
        "import eolens.nlp, eolens.data\n"
        "import pkgutil, importlib\n"
        "for pkg in (eolens.nlp, eolens.data):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
    )
    assert not any(m.split(".")[0] in {"PySide6", "shiboken6"} for m in modules)
    assert "eolens.gui" not in modules


def test_nlp_does_not_import_data():
    modules = _imported_after(
        "import eolens.nlp, pkgutil, importlib\n"
        "for m in pkgutil.walk_packages(eolens.nlp.__path__, 'eolens.nlp.'):\n"
        "    importlib.import_module(m.name)\n"
    )
    assert "eolens.data" not in modules


def test_cli_entry_point_does_not_import_qt():
    modules = _imported_after("import eolens.gui.launch\nimport eolens.data.cli")
    assert not any(m.split(".")[0] == "PySide6" for m in modules)
