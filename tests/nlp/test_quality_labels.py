"""Issue #3's quality goals (directive F1 >= 0.97, lead agency >= 0.97, deadline date >= 0.99)
on the labelled orders the rules have been fixed against, scored by benchmarks/quality.py: a
rule change that loses a directive, a lead or a date there fails here, with the list of what
changed. The newest unseen round is left out on purpose: it estimates quality on orders nobody
has tuned to, and a test on it would invite tuning to it."""

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


GOALS = (0.97, 0.97, 0.99)  # directive F1, lead agency, deadline date


@pytest.mark.parametrize(
    ("folder", "floors"),
    [
        ("labels", GOALS),
        ("labels/heldout", GOALS),
        ("labels/unseen", GOALS),
        ("labels/unseen3", GOALS),
        # Below the goals where annotators' conventions and the rules part (a task force no
        # gazetteer holds, a bare "within 60 days" left undated): today's figures, so that a
        # rule change cannot lose more there unnoticed.
        ("labels/unseen2", (0.97, 0.92, 0.95)),
        ("labels/unseen4", (0.97, 0.94, 0.98)),
    ],
)
def test_labelled_orders_meet_their_floors(folder, floors, capsys):
    if not (CORPUS / "MANIFEST.tsv").is_file():
        pytest.skip(f"the labelled orders are read from the shared corpus at {CORPUS}")
    quality = _quality()
    scores = quality.run(CORPUS, False, REPO / "benchmarks" / folder)
    capsys.readouterr()
    assert scores, f"no labelled document of {folder} was scored"
    total = quality.combined(folder, scores)
    problems = [line for s in scores for line in (*s.misses, *s.false_positives, *s.wrong)]
    f1, lead, deadline = floors
    assert total.f1 >= f1, problems
    assert total.ratio(total.lead_ok) >= lead, problems
    assert total.ratio(total.deadline_ok) >= deadline, problems
