"""The article list model: lazy windows over 100,000 ids, aggregate counts, filters, row refresh."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, insert

from annotator.commands import AddQuote, AddSpan, SetDocStatus
from annotator.store import DS, D, Store
from ui.article_list import (
    CACHE_ROWS,
    WINDOW,
    ArticleFilter,
    ArticleListModel,
    ArticleListPanel,
    text_direction,
)

from .test_app_support import build_project, bulk_project, type_text


@pytest.fixture
def project(tmp_path: Path) -> tuple[Store, list[int], int]:
    ids = build_project(tmp_path / "p.db")
    store = Store.open(tmp_path / "p.db")
    yield store, ids, store.annotator_id("tester")
    store.close()


def test_100k_rows_are_counted_without_loading_and_fetched_in_windows(tmp_path: Path, qtbot: QtBot) -> None:
    bulk_project(tmp_path / "big.db", 100_000)
    store = Store.open(tmp_path / "big.db")
    model = ArticleListModel(store, store.annotator_id("tester"))
    assert model.rowCount() == 100_000
    assert model.queries == 0  # the id list alone: no row was loaded
    assert model.data(model.index(99_999, 0)) == "عنوان المقالة 99999"
    assert model.queries == 1
    # the rest of that window is now cached: neighbours cost nothing
    for row in range(100_000 - 100_000 % WINDOW, 100_000):
        model.data(model.index(row, 1))
    assert model.queries == 1
    # scrolling a screenful at a time: one query per window, never one per row
    for row in range(0, 2 * WINDOW):
        model.data(model.index(row, 0))
    assert model.queries == 1 + 2
    assert len(model._cache) <= CACHE_ROWS
    assert model.data(model.index(50_000, 3)) == "not started"
    store.close()


def test_counts_status_and_row_refresh(project: tuple[Store, list[int], int], qtbot: QtBot) -> None:
    store, ids, me = project
    model = ArticleListModel(store, me)
    assert model.data(model.index(0, 4)) == "\u20660 · 0 · 0\u2069"  # now cached
    other = store.annotator_id("someone else")
    store.run(AddSpan(ids[0], me, 0, 3, "PER"))
    store.run(AddSpan(ids[0], other, 0, 3, "ORG"))  # another annotator's span is not counted
    store.run(AddQuote(ids[0], me, content=(4, 10), speaker_text="وزير"))
    store.run(SetDocStatus(ids[0], me, "done"))
    changed: list[int] = []
    model.dataChanged.connect(lambda a, b: changed.extend(range(a.row(), b.row() + 1)))
    assert model.data(model.index(0, 4)) == "\u20660 · 0 · 0\u2069"  # still cached until told what changed
    model.refresh_docs([ids[0]])
    assert changed == [0]
    row = model.row_data(0)
    assert (row.spans, row.quotes, row.stances, row.status) == (1, 1, 0, "done")
    assert model.data(model.index(0, 3)) == "done"
    assert model.data(model.index(0, 4)) == "\u20661 · 1 · 0\u2069"
    assert model.data(model.index(0, 4), Qt.ItemDataRole.ToolTipRole) == "1 entity mentions, 1 quotes, 0 stances"
    assert model.data(model.index(0, 3), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.progress() == (1, 4)


def test_filters_by_status_outlet_label_and_search(project: tuple[Store, list[int], int], qtbot: QtBot) -> None:
    store, ids, me = project
    model = ArticleListModel(store, me)
    store.run(SetDocStatus(ids[1], me, "done"))
    store.run(AddSpan(ids[2], me, 0, 3, "GPE"))
    model.set_filter(ArticleFilter(status="done"))
    assert model.ids() == [ids[1]]
    model.set_filter(ArticleFilter(status="unfinished"))
    assert model.ids() == [ids[0], ids[2], ids[3]]
    model.set_filter(ArticleFilter(outlet="alaraby"))
    assert model.ids() == [ids[0], ids[2]]
    model.set_filter(ArticleFilter(label="GPE"))
    assert model.ids() == [ids[2]]
    model.set_filter(ArticleFilter(search="امريكا"))  # the spelling variant finds أميركا
    assert model.ids() == [ids[1]]
    model.set_filter(ArticleFilter(search="العراقي"))
    assert sorted(model.ids()) == [ids[0], ids[3]]
    model.set_filter(ArticleFilter(search="العراقي", status="unfinished", outlet="rudaw"))
    assert model.ids() == [ids[3]]
    assert model.next_unfinished(None) == ids[3]


def test_next_unfinished_wraps_and_skips_done(project: tuple[Store, list[int], int], qtbot: QtBot) -> None:
    store, ids, me = project
    model = ArticleListModel(store, me)
    store.run(SetDocStatus(ids[1], me, "done"))
    assert model.next_unfinished(ids[0]) == ids[2]
    assert model.next_unfinished(ids[3]) == ids[0]  # wraps around
    assert model.next_unfinished(ids[2], -1) == ids[0]
    for d in ids:
        store.run(SetDocStatus(d, me, "done"))
    assert model.next_unfinished(ids[0]) is None


def test_panel_search_box_filters_after_typing(project: tuple[Store, list[int], int], qtbot: QtBot) -> None:
    store, ids, me = project
    panel = ArticleListPanel(store, me)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.model.rowCount() == 4
    panel.search.setFocus()
    type_text(panel.search, "العراقي")
    assert panel.search.text() == "العراقي"
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=2000)
    assert panel.count_label.text() == "2 article(s)"
    panel.outlet_filter.setCurrentIndex(panel.outlet_filter.findData("rudaw"))
    panel.outlet_filter.activated.emit(panel.outlet_filter.currentIndex())
    assert panel.model.ids() == [ids[3]]
    with qtbot.waitSignal(panel.documentActivated) as sig:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                         pos=panel.view.visualRect(panel.model.index(0, 0)).center())
    assert sig.args == [ids[3]]


def test_gapless_ids_are_a_range_and_ids_with_gaps_a_list(tmp_path: Path, qtbot: QtBot) -> None:
    bulk_project(tmp_path / "p.db", 1000)
    store = Store.open(tmp_path / "p.db")
    model = ArticleListModel(store, store.annotator_id("tester"))
    assert isinstance(model._ids, range)  # nothing but three aggregates was read
    assert model.rowCount() == 1000
    assert (model.row_of(1), model.row_of(500), model.row_of(1000)) == (0, 499, 999)
    assert model.row_of(0) is None and model.row_of(1001) is None
    assert model.data(model.index(499, 0)) == "عنوان المقالة 499"
    with store.write() as conn:
        conn.execute(delete(D).where(D.c.id == 10))
    model.reload()
    assert not isinstance(model._ids, range)
    assert model.rowCount() == 999
    assert model.ids()[8:11] == [9, 11, 12]
    assert (model.row_of(10), model.row_of(11), model.row_of(1000)) == (None, 9, 998)
    assert model.data(model.index(9, 0)) == "عنوان المقالة 10"  # id 11
    model.set_filter(ArticleFilter(outlet="rudaw"))  # a filter still lists exactly its articles
    assert model.ids() == [d for d in range(3, 1001, 4) if d != 10]
    store.close()


def test_titles_are_laid_out_in_their_own_direction(tmp_path: Path, qtbot: QtBot) -> None:
    assert text_direction("«زيارة» إلى واشنطن") == Qt.LayoutDirection.RightToLeft
    assert text_direction("2021: Reuters في بغداد") == Qt.LayoutDirection.LeftToRight
    assert text_direction("2021 — 7") is None
    build_project(tmp_path / "p.db")
    store = Store.open(tmp_path / "p.db")
    panel = ArticleListPanel(store, store.annotator_id("tester"))
    qtbot.addWidget(panel)
    panel.resize(700, 300)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.layoutDirection() == Qt.LayoutDirection.LeftToRight
    view = panel.view
    image = view.viewport().grab().toImage()
    cell = view.visualRect(panel.model.index(1, 0))  # not the current row: plain background
    background = image.pixelColor(cell.center().x(), cell.top() + 1)
    inked = [x for x in range(cell.left(), cell.right() + 1)
             if any(image.pixelColor(x, y) != background for y in range(cell.top() + 2, cell.bottom() - 1))]
    assert inked, "the title was not drawn"
    # the Arabic title starts at the cell's right edge, as it would in an Arabic interface
    assert cell.right() - max(inked) < 12 and min(inked) - cell.left() > cell.width() // 3
    store.close()


def test_next_unfinished_looks_past_long_runs_of_done_articles(tmp_path: Path, qtbot: QtBot) -> None:
    bulk_project(tmp_path / "p.db", 1000)
    store = Store.open(tmp_path / "p.db")
    me = store.annotator_id("tester")
    with store.write() as conn:  # the first 900 done: more than a few batches of rows
        conn.execute(insert(DS), [{"doc_id": d, "annotator_id": me, "status": "done"} for d in range(1, 901)])
    model = ArticleListModel(store, me)
    assert model.next_unfinished(None) == 901
    assert model.next_unfinished(950) == 951
    assert model.next_unfinished(1000) == 901  # wraps around past the done ones
    assert model.next_unfinished(901, -1) == 1000  # and backwards
    assert model.next_unfinished(None, -1) == 1000
    with store.write() as conn:
        conn.execute(insert(DS), [{"doc_id": d, "annotator_id": me, "status": "done"} for d in range(901, 1000)])
    assert model.next_unfinished(None) == 1000
    assert model.next_unfinished(1000) is None  # every other article is done
    store.close()
