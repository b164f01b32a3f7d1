"""The collector policy of outline parsing and extraction: raised while they run, restored after."""

from __future__ import annotations

import gc

import pytest
from eolens.nlp.heap import fewer_collections


@pytest.fixture
def default_thresholds():
    old = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*old)


def test_thresholds_are_raised_inside_and_restored_after(default_thresholds):
    with fewer_collections():
        inside = gc.get_threshold()
    assert inside[0] > 700 and inside[1] > 10 and inside[2] > 10
    assert gc.get_threshold() == (700, 10, 10)


def test_thresholds_are_restored_when_the_block_raises(default_thresholds):
    with pytest.raises(ValueError), fewer_collections():
        raise ValueError("bad document")
    assert gc.get_threshold() == (700, 10, 10)


def test_nested_blocks_and_higher_settings_are_kept(default_thresholds):
    gc.set_threshold(50_000, 10, 10)
    with fewer_collections(), fewer_collections():
        assert gc.get_threshold()[0] == 50_000
    assert gc.get_threshold() == (50_000, 10, 10)
