"""Load the library layer first and lean, before Qt (imported at the top of eolens.gui.app).

* Before Qt: shiboken inspects the source of every module imported after PySide6 (for its
  ``__feature__`` switch), which adds ~0.1 s to start-up for sqlite-utils and friends.
* Without numpy: sqlite-utils imports numpy when it is installed (spaCy brings it) only to map
  numpy values on insert, which EO Lens never stores. Hiding it while sqlite-utils loads saves
  0.1-0.3 s of start-up; numpy stays importable for whoever needs it later.
"""

from __future__ import annotations

import sys

_hide_numpy = "numpy" not in sys.modules
if _hide_numpy:
    sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` raises ImportError
try:
    import eolens.data.library  # noqa: F401
finally:
    if _hide_numpy:
        del sys.modules["numpy"]
