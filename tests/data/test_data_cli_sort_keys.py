"""The CLI lists its --sort choices without importing the query layer; they must agree."""

from __future__ import annotations

from eolens.data.cli import SORT_KEYS
from eolens.data.queries import ORDER_BY


def test_cli_sort_choices_are_the_sortable_columns():
    assert list(SORT_KEYS) == sorted(ORDER_BY)
