"""Issue #3's quality goals (directive F1 >= 0.97, lead agency >= 0.97, deadline date >= 0.99)
on the labelled orders the rules have been fixed against, scored by benchmarks/quality.py: a
rule change that loses a directive, a lead or a date there fails here, with the list of what
changed. The round-2 unseen labels are left out on purpose: they estimate quality on orders
nobody has tuned to, and a test on them would invite tuning to them."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from shared_corpus import CORPUS, REPO


def _quality():
    spec = importlib.util.spec_from_file_location(
        "eolens_quality_benchmark", REPO / "benchmarks" / "quality.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("folder", ["labels", "labels/heldout", "labels/unseen"])
def test_labelled_orders_meet_the_goals(folder, capsys):
    if not (CORPUS / "MANIFEST.tsv").is_file():
        pytest.skip(f"the labelled orders are read from the shared corpus at {CORPUS}")
    quality = _quality()
    scores = quality.run(CORPUS, False, REPO / "benchmarks" / folder)
    capsys.readouterr()
    assert scores, f"no labelled document of {folder} was scored"
    total = quality.combined(folder, scores)
    problems = [line for s in scores for line in (*s.misses, *s.false_positives, *s.wrong)]
    assert total.f1 >= 0.97, problems
    assert total.ratio(total.lead_ok) >= 0.97, problems
    assert total.ratio(total.deadline_ok) >= 0.99, problems
