"""What the made-up sample orders of tests/data/data_samples.py and tests/gui/gui_synthetic.py
share: the analysis records ingest stores, span finding, the "within 30 days" deadline, and
storing a sample into a new library."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from eolens.data.ingest import store_analysis
from eolens.data.library import Library
from eolens.nlp.model import Deadline, Directive, Document, Outline

WITHIN_30_DAYS = "within 30 days of the date of this order"


@dataclass(frozen=True)
class SampleExtraction:
    directives: tuple[Directive, ...]
    provision_classes: dict[str, str] = field(default_factory=dict)
    unresolved_actors: tuple[str, ...] = ()
    extractor_version: str = "test-1"


@dataclass(frozen=True)
class SampleAnalysis:
    document: Document
    outline: Outline
    extraction: SampleExtraction | None


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


def store_sample(path: Path, analysis: SampleAnalysis) -> Library:
    """A new library at ``path`` holding ``analysis``, stored the way ingest stores it."""
    library = Library.open(path)
    store_analysis(library.db, analysis)
    return library
