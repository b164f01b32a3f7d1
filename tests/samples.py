"""What the made-up sample orders of tests/data/data_samples.py and tests/gui/gui_synthetic.py
share: span finding, the "within 30 days" deadline, and storing a sample into a new library.
The samples are the real records (``Analysis``, ``Extraction``), filled in by hand."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from eolens.data.ingest import store_analysis
from eolens.data.library import Library
from eolens.nlp.isolated import Analysis
from eolens.nlp.model import Deadline

WITHIN_30_DAYS = "within 30 days of the date of this order"


def find(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    """The span of the first ``needle`` in ``text`` at or after ``start``."""
    i = text.index(needle, start)
    return i, i + len(needle)


def within_30_days(text: str, signed: date, start: int = 0) -> Deadline:
    """The deadline of the first "within 30 days of the date of this order" from ``start``."""
    due = signed + timedelta(days=30)
    return Deadline(
        WITHIN_30_DAYS,
        "relative",
        due,
        anchor="the date of this order",
        working=f"{signed.isoformat()} + 30 days = {due.isoformat()}",
        span=find(text, WITHIN_30_DAYS, start),
    )


def store_sample(path: Path, analysis: Analysis) -> Library:
    """A new library at ``path`` holding ``analysis``, stored the way ingest stores it."""
    library = Library.open(path)
    store_analysis(library.db, analysis)
    return library
