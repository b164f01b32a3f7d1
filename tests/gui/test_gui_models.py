"""The table models: Qt's model tester, SQL sorting and filtering, lazy rows."""

from __future__ import annotations

from eolens.data.library import DirectiveFilter
from eolens.gui.directive_table import BLOCK, COLUMNS, DirectiveTableModel
from eolens.gui.library_list import DocumentTableModel
from PySide6.QtCore import Qt


def _column(name: str) -> int:
    return [c.key for c in COLUMNS].index(name)


def test_directive_model_passes_qt_model_tester(qtmodeltester, synthetic_library):
    model = DirectiveTableModel(synthetic_library)
    model.set_filter(DirectiveFilter())
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def test_directive_model_sorts_in_sql(synthetic_library):
    model = DirectiveTableModel(synthetic_library)
    model.set_filter(DirectiveFilter())
    pins = [model.index(r, _column("pinpoint")).data() for r in range(model.rowCount())]
    assert pins == ["2(a)", "2(b)", "2(c)"]
    model.sort(_column("lead_agency"), Qt.SortOrder.DescendingOrder)
    leads = [model.index(r, _column("lead_agency")).data() for r in range(model.rowCount())]
    assert leads[0].startswith("General Services Administration")
    model.sort(_column("deadline_date"), Qt.SortOrder.AscendingOrder)
    assert model.index(0, _column("deadline_date")).data() == "2026-02-01"
    assert model.index(0, _column("pinpoint")).data() == "2(a)"


def test_directive_model_filters_in_sql(synthetic_library):
    model = DirectiveTableModel(synthetic_library)
    model.set_filter(DirectiveFilter(text="widgets"))
    assert model.rowCount() == 2
    model.set_filter(DirectiveFilter(kind="encouragement"))
    assert [model.index(0, _column(c)).data() for c in ("pinpoint", "kind")] == [
        "2(c)",
        "encouragement",
    ]
    model.set_filter(DirectiveFilter(sector="Financial Services"))
    assert model.index(0, _column("sectors")).data() == (
        "Financial Services, Healthcare and Public Health"
    )
    model.set_filter(DirectiveFilter(has_no_deadline=True))
    assert model.rowCount() == 2


def test_directive_model_fetches_rows_lazily_in_blocks(synthetic_library):
    from eolens.data.ingest import insert_directives

    record = synthetic_library.directive(1)
    many = [record.directive] * (BLOCK * 3)
    with synthetic_library.db.atomic():
        insert_directives(synthetic_library.db, record.doc_id, many, "test")
    model = DirectiveTableModel(synthetic_library)
    model.set_filter(DirectiveFilter())
    assert model.rowCount() == BLOCK * 3 + 3
    assert len(model._cache) == 0
    model.index(BLOCK * 2, 0).data()
    assert 0 < len(model._cache) <= BLOCK
    assert model.directive_id(BLOCK * 2) in model._cache


def test_document_model_passes_qt_model_tester(qtmodeltester, synthetic_library):
    model = DocumentTableModel()
    model.set_rows(synthetic_library.documents())
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(5)] == [
        "EO",
        "99999",
        "Testing the Reader",
        "2026-01-02",
        "3",
    ]


def test_text_filter_in_the_model_matches_the_sql_filter(synthetic_library):
    from eolens.data.ingest import insert_directives

    records = [synthetic_library.directive(i) for i in (1, 2, 3)]
    with synthetic_library.db.atomic():
        insert_directives(synthetic_library.db, 1, [r.directive for r in records] * 40, "test")
    model = DirectiveTableModel(synthetic_library)
    for column in ("deadline_date", "lead_agency", "kind"):  # asc then desc: the flip path
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(_column(column), order)
            for text in ("widgets", "secretary", "rural hosp", "nothing-like-this", "(c)"):
                flt = DirectiveFilter(text=text)
                model.set_filter(flt)
                expected = synthetic_library.directive_ids(
                    flt, order_by=column, descending=order == Qt.SortOrder.DescendingOrder
                )
                assert model.ids() == expected, (column, order, text)
