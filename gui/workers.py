"""The one way EO Lens runs work off the GUI thread.

A job is a Qt-free callable ``fn(report, is_cancelled) -> result``. ``report(payload)`` sends
progress (throttled, so a chatty callee cannot flood the event loop), ``is_cancelled()`` tells
the callee to stop at its next safe point. A ``QRunnable`` runs it on a ``QThreadPool``; the
signals object lives in the GUI thread and belongs to the caller's ``Job``, not to the runnable,
so nothing Qt-owned is destroyed on a pool thread.

Writes to the library go through ``WRITER_POOL`` (one thread), so there is one writer at a time.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from eolens.gui.signal_emit import emit
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Report = Callable[[Any], None]
IsCancelled = Callable[[], bool]
JobFn = Callable[[Report, IsCancelled], Any]

# Progress reports closer together than this are coalesced: the GUI repaints at most ~20 times a
# second however fast the callee reports.
PROGRESS_INTERVAL_S = 0.05


class JobSignals(QObject):
    """Emitted from the pool thread, delivered (queued) to slots in the GUI thread."""

    progressed = Signal(object)
    finished = Signal(object)  # the callable's return value
    failed = Signal(str)  # a plain-English message
    cancelled = Signal(object)  # the callable's return value (it may have done part of the work)


class _Runnable(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        # The Job keeps this runnable alive until it has finished; the pool must not delete it.
        self.setAutoDelete(False)
        self._job = job

    def run(self) -> None:
        self._job._run()


class Job:
    """One piece of background work and its cancel flag."""

    def __init__(self, fn: JobFn, *, name: str = "", interval: float = PROGRESS_INTERVAL_S):
        self.fn = fn
        self.name = name
        self.signals = JobSignals()
        self._interval = interval
        self._cancel = threading.Event()
        self._last_emit = 0.0
        self._pending: Any = None
        self._has_pending = False
        self._lock = threading.Lock()
        self._runnable = _Runnable(self)
        self.done = threading.Event()

    # -- called from the GUI thread ------------------------------------------------------------
    def start(self, pool: QThreadPool) -> None:
        pool.start(self._runnable)

    def cancel(self) -> None:
        """Ask the callable to stop; safe from any thread."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    # -- called on the pool thread -------------------------------------------------------------
    def _report(self, payload: Any) -> None:
        now = time.monotonic()
        with self._lock:
            if now - self._last_emit >= self._interval:
                self._last_emit = now
                self._has_pending = False
                self._pending = None
                due = True
            else:
                self._pending = payload
                self._has_pending = True
                due = False
        if due:
            emit(self.signals.progressed, payload)

    def _flush(self) -> None:
        with self._lock:
            payload, has = self._pending, self._has_pending
            self._pending, self._has_pending = None, False
        if has:
            emit(self.signals.progressed, payload)

    def _run(self) -> None:
        try:
            result = self.fn(self._report, self._cancel.is_set)
        except Exception as exc:  # the GUI must hear about every failure, whatever it is
            self._flush()
            message = str(exc) or type(exc).__name__
            traceback.print_exc()
            self.done.set()
            emit(self.signals.failed, message)
            return
        self._flush()
        self.done.set()
        if self._cancel.is_set():
            emit(self.signals.cancelled, result)
        else:
            emit(self.signals.finished, result)


def writer_pool() -> QThreadPool:
    """The single-thread pool every write to the library goes through."""
    global _WRITER_POOL
    if _WRITER_POOL is None:
        _WRITER_POOL = QThreadPool()
        _WRITER_POOL.setMaxThreadCount(1)
        _WRITER_POOL.setObjectName("eolens-writer")
    return _WRITER_POOL


_WRITER_POOL: QThreadPool | None = None
