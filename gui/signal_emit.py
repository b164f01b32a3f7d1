"""``emit(signal, *args)``: emit a Qt signal from Python without corrupting ``True``'s refcount.

PySide6 6.12.0's ``SignalInstance.emit()`` returns ``True`` without taking a reference to it, so
every emit from Python drops one reference that was never given: after a few thousand emits
CPython aborts ("bool_dealloc: deallocating True or False"). Emits made by Qt itself (timers,
clicks) are not affected. Every emit in eolens.gui goes through here; the compensation is only
applied when a probe at import shows the leak, so a fixed PySide6 needs no change.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    probed = Signal()


def _emit_leaks_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    result = probe.probed.emit()
    del result
    leaked = sys.getrefcount(True) < before
    if leaked:
        _incref(True)  # give back the reference the probe itself took
    return leaked


LEAKS = _emit_leaks_a_reference()


def emit(signal: Any, *args: Any) -> None:
    result = signal.emit(*args)
    if LEAKS and isinstance(result, bool):
        _incref(result)
