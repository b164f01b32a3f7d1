"""Directive filters and sorts on a few hundred SYNTHETIC rows, checked against plain Python."""

from __future__ import annotations

from datetime import date

import pytest
from data_samples import synthetic_module
from eolens.data.library import Library
from eolens.data.queries import ORDER_BY, DirectiveFilter


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    lib = Library.open(tmp_path_factory.mktemp("q") / "lib.sqlite")
    synthetic_module().generate_directives(lib, 300, per_document=100)
    yield lib
    lib.close()


@pytest.fixture(scope="module")
def everything(library):
    ids = library.directive_ids()
    records = {i: library.directive(i) for i in ids}
    return records


def expected(everything, keep, key=None):
    items = [(i, r) for i, r in everything.items() if keep(r)]
    items.sort(key=lambda ir: (ir[1].doc_id, ir[1].directive.span[0]))
    if key is not None:
        items.sort(key=lambda ir: key(ir[1]))  # stable: ties stay in document order
    return [i for i, _ in items]


def test_unfiltered_is_everything_in_document_order(library, everything):
    assert len(everything) == 300
    assert library.directive_ids() == expected(everything, lambda r: True)
    assert library.count_directives() == 300


def _agencies(r):
    return {a.acronym for a in r.directive.agencies} | {a.key for a in r.directive.agencies}


@pytest.mark.parametrize(
    ("flt", "keep"),
    [
        (DirectiveFilter(kind="prohibition"), lambda r: r.directive.kind == "prohibition"),
        (DirectiveFilter(agency="CISA"), lambda r: "CISA" in _agencies(r)),
        (DirectiveFilter(agency="cisa"), lambda r: "CISA" in _agencies(r)),
        (
            DirectiveFilter(agency="department of energy"),
            lambda r: "Department of Energy" in {a.name for a in r.directive.agencies},
        ),
        (DirectiveFilter(sector="Energy"), lambda r: "Energy" in r.directive.sectors),
        (
            DirectiveFilter(due_before=date(2025, 6, 30)),
            lambda r: (
                r.directive.deadline is not None and r.directive.deadline.date <= date(2025, 6, 30)
            ),
        ),
        (
            DirectiveFilter(due_after=date(2025, 6, 30), due_before=date(2025, 12, 31)),
            lambda r: (
                r.directive.deadline is not None
                and date(2025, 6, 30) <= r.directive.deadline.date <= date(2025, 12, 31)
            ),
        ),
        (DirectiveFilter(has_no_deadline=True), lambda r: r.directive.deadline is None),
        (DirectiveFilter(text="grid"), lambda r: "grid" in r.directive.text.lower()),
        (
            DirectiveFilter(text="secure SOFTW"),
            lambda r: "secure software" in r.directive.text.lower(),
        ),
        (DirectiveFilter(doc_ids=(2,)), lambda r: r.doc_id == 2),
        (
            DirectiveFilter(doc_ids=(1, 3), kind="obligation", text="report"),
            lambda r: (
                r.doc_id in (1, 3)
                and r.directive.kind == "obligation"
                and "report" in r.directive.text.lower()
            ),
        ),
    ],
    ids=lambda v: v.describe() if isinstance(v, DirectiveFilter) else "",
)
def test_filters_match_python(library, everything, flt, keep):
    want = expected(everything, keep)
    assert want, "the synthetic set should exercise this filter"
    assert library.directive_ids(flt) == want
    assert library.count_directives(flt) == len(want)


def _nulls_last(value):
    return (value is None, value or "")


SORT_KEYS = {
    "kind": lambda r: r.directive.kind,
    "lead_agency": lambda r: _nulls_last(r.directive.lead.name if r.directive.lead else None),
    "deadline_date": lambda r: _nulls_last(
        r.directive.deadline.date.isoformat() if r.directive.deadline else None
    ),
    "action": lambda r: r.directive.action,
    "page": lambda r: _nulls_last(r.directive.page),
    "sectors": lambda r: "; ".join(r.directive.sectors),
}


@pytest.mark.parametrize("order_by", sorted(SORT_KEYS))
def test_sorts_match_python(library, everything, order_by):
    flt = DirectiveFilter(kind="obligation")
    ids = library.directive_ids(flt, order_by)
    want = expected(everything, lambda r: r.directive.kind == "obligation", SORT_KEYS[order_by])
    key = SORT_KEYS[order_by]
    # Same set, same sort key sequence (ties may come in any stable order).
    assert sorted(ids) == sorted(want)
    assert [key(everything[i]) for i in ids] == [key(everything[i]) for i in want]
    down = library.directive_ids(flt, order_by, descending=True)
    assert [key(everything[i]) for i in down] == [key(everything[i]) for i in ids[::-1]]


def test_every_sort_column_is_accepted_and_unknown_is_refused(library):
    for name in ORDER_BY:
        assert len(library.directive_ids(None, name)) == 300
    with pytest.raises(ValueError, match="cannot sort directives by"):
        library.directive_ids(None, "text; DROP TABLE directives")


def test_description_is_readable():
    flt = DirectiveFilter(doc_ids=(3,), kind="obligation", due_before=date(2026, 7, 1), text="grid")
    assert flt.describe() == (
        "document #3 and text contains 'grid' and kind is obligation"
        " and due on or before 2026-07-01"
    )
    assert DirectiveFilter().describe() == "all directives"


def test_rows_and_facets(library, everything):
    ids = library.directive_ids(DirectiveFilter(sector="Energy"))[:50]
    rows = library.directive_rows(ids)
    assert set(rows) == set(ids)
    for i in ids:
        d = everything[i].directive
        assert rows[i].pinpoint == d.pinpoint
        assert rows[i].sectors == d.sectors
        assert rows[i].deadline_date == (d.deadline.date.isoformat() if d.deadline else None)
        assert rows[i].doc_label.startswith("EO 9")
    assert library.directive_rows([]) == {}
    facets = library.facets()
    assert sum(n for _, n in facets.kinds) == 300
    assert dict(facets.sectors)["Energy"] == sum(
        "Energy" in r.directive.sectors for r in everything.values()
    )
    cisa = [a for a in facets.agencies if a.acronym == "CISA"]
    assert sum(a.count for a in cisa) >= library.count_directives(DirectiveFilter(agency="CISA"))
    one = library.facets([1])
    assert sum(n for _, n in one.kinds) == 100


@pytest.mark.parametrize("text", ["grid", "secure SOFTW", "report plan"])
def test_text_matches_agree_with_the_filter(library, text):
    assert library.directive_text_matches(text) == set(
        library.directive_ids(DirectiveFilter(text=text))
    )
    assert library.directive_text_matches("((") is None
