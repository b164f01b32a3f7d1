"""How the analysis uses Python's cyclic garbage collector.

Outline parsing and extraction make several hundred thousand short-lived objects while
keeping a growing set alive (the outline's lines and nodes; every analysed provision's spaCy
doc) until they return. At the default thresholds the collector walked that live set again
and again: a tenth of extraction time (benchmarks/extract.py). Their garbage is freed when
they return, so collecting rarely costs little memory (peak RSS unchanged).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

# Young-generation allocations between collections, and how many young (then middle)
# collections pass before an older one; the defaults are (700, 10, 10).
_THRESHOLDS = (20_000, 50, 1_000)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds for the duration of the block.

    The thresholds are process-wide. Analysis runs in the isolated child's main thread; any
    other thread meanwhile only sees its collections deferred a little longer. Nested blocks
    keep the outermost setting.
    """
    old = gc.get_threshold()
    gc.set_threshold(*(max(a, b) for a, b in zip(old, _THRESHOLDS, strict=True)))
    try:
        yield
    finally:
        gc.set_threshold(*old)
