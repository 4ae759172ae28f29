"""Review mode driven by keys: two annotators' layers adjudicated into gold, the decision log, undo."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from annotator import commands as C
from annotator.models import TABLES
from annotator.review.alignment import AGREED, BOUNDARY_DIFFERS, LABEL_DIFFERS, ONLY
from annotator.review.project import review_targets
from annotator.store import Store
from annotator.text import tokenize
from tests.conftest import add_document
from ui.review_model import COL_DECISION, COL_STATUS
from ui.review_view import ReviewView
from ui.review_window import ReviewWindow, neighbour_to_review
from ui.undo import UndoAdapter

RD = TABLES["review_decision"]
# tokens:  0     1       2   3      4   5      6   7     8        9          10    11
TEXT = "قال الرئيس جو بايدن في واشنطن إن وزارة الخارجية الأمريكية ستزور بغداد"


def tok(i: int, j: int | None = None) -> tuple[int, int]:
    toks = tokenize(TEXT)
    return toks[i].start, toks[j if j is not None else i].end


@dataclass
class Case:
    path: Path
    store: Store
    undo: UndoAdapter
    view: ReviewView
    doc: int
    sara: int
    omar: int
    rev: int

    def key(self, key: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(QApplication.focusWidget() or self.view.table, key, mod)
        QApplication.processEvents()

    def fresh(self) -> Store:
        return Store.open(self.path)

    def statuses(self) -> list[tuple[str, str, bool]]:
        return [(it.kind, it.status, it.decided) for it in self.view.model.items]


def layer(store: Store, doc: int, who: int, spans: list[tuple[tuple[int, int], str]], kind: str) -> None:
    for (a, b), label in spans:
        store.run(C.AddSpan(doc, who, a, b, label), who)
    store.run(C.AddQuote(doc, who, content=tok(6, 9), cue=tok(0), speaker_text="بايدن", kind=kind), who)
    store.run(C.AddStance(doc, who, "favor", scope="article", target_topic="us_presence_iraq"), who)


@pytest.fixture
def case(qtbot, tmp_path: Path) -> Iterator[Case]:  # type: ignore[no-untyped-def]
    path = tmp_path / "project.db"
    store = Store.open(path)
    doc = add_document(store, TEXT, title="مراجعة")
    sara, omar = store.annotator_id("sara"), store.annotator_id("omar")
    rev = store.annotator_id("rev", role="reviewer")
    layer(store, doc, sara, [(tok(2, 3), "PER"), (tok(5), "GPE"), (tok(7, 9), "ORG"), (tok(10), "MISC"),
                             (tok(11), "GPE")], "direct")
    layer(store, doc, omar, [(tok(1, 3), "PER"), (tok(5), "GPE"), (tok(7, 8), "ORG"), (tok(11), "LOC")], "indirect")
    undo = UndoAdapter(store, rev)
    view = ReviewView(store, undo, rev)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.set_document(doc)
    QApplication.processEvents()
    yield Case(path, store, undo, view, doc, sara, omar, rev)
    view.set_document(None)
    store.close()


@contextmanager
def qtbot_signal(view: ReviewView) -> Iterator[list[str]]:
    """Collect the status messages the view emits meanwhile."""
    seen: list[str] = []
    view.statusMessage.connect(seen.append)
    try:
        yield seen
    finally:
        view.statusMessage.disconnect(seen.append)


def gold(store: Store, doc: int) -> list[tuple[int, int, str]]:
    return sorted((s.start, s.end, s.label) for s in store.spans(doc, store.gold_id, layers=["entity"]))


def log(store: Store) -> list[tuple[str, str, int, int | None]]:
    with store.read() as conn:
        rows = conn.execute(select(RD.c.item_kind, RD.c.decision, RD.c.reviewer_id, RD.c.source_annotator_id)
                            .order_by(RD.c.id)).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_items_statuses_and_merged_colours(case: Case) -> None:
    assert case.statuses() == [
        ("stance", AGREED, False),  # article stance, both favor (no position: first)
        ("span", BOUNDARY_DIFFERS, False),  # جو بايدن / الرئيس جو بايدن
        ("span", AGREED, False),  # واشنطن
        ("quote", LABEL_DIFFERS, False),  # direct / indirect
        ("span", BOUNDARY_DIFFERS, False),  # ORG one token shorter for omar
        ("span", ONLY, False),  # MISC only sara
        ("span", LABEL_DIFFERS, False),  # بغداد GPE / LOC
    ]
    assert case.view.model.index(5, COL_STATUS).data() == "only sara"
    hl = case.view.merged_hl
    assert hl is not None
    # the merged text is coloured by status: pseudo mention of row 2 (واشنطن) in the agreed colour
    assert case.view.merged_state.spans[3].label == AGREED
    assert 1 not in case.view.merged_state.spans  # the article stance has no range to colour
    assert hl.colors[AGREED].name() == "#2e9e44"
    assert set(case.view.panes) == {case.sara, case.omar, case.store.gold_id}
    assert case.view.current_row() == 0


def test_adjudicate_with_keys_into_gold_with_decision_log(case: Case) -> None:
    v, sara, omar, rev = case.view, case.sara, case.omar, case.rev
    case.key(Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)  # accept all agreed: واشنطن and the stance
    fresh = case.fresh()
    assert gold(fresh, case.doc) == [(*tok(5), "GPE")]
    assert [(s.scope, s.polarity, s.target_topic) for s in fresh.stances(case.doc, fresh.gold_id)] == [
        ("article", "favor", "us_presence_iraq")]
    fresh.close()
    assert [d for _k, _s, d in case.statuses()] == [True, False, True, False, False, False, False]
    assert v.current_row() == 1  # moved on to the first open item: PER
    case.key(Qt.Key.Key_2)  # take omar's version
    case.key(Qt.Key.Key_Return)  # accept: الرئيس جو بايدن
    assert v.current_row() == 3  # moved to the next open item: the quote
    case.key(Qt.Key.Key_1)
    case.key(Qt.Key.Key_A)  # sara's direct quote
    assert v.current_row() == 4  # ORG
    case.key(Qt.Key.Key_C)  # correct: keep sara's label, end at omar's end
    dlg = v.correct_dialog
    assert dlg is not None and dlg.end is not None and dlg.start is not None
    assert (dlg.start.value(), dlg.end.value()) == tok(7, 9)
    QTest.keyClick(dlg.end, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dlg.end, str(tok(8)[1]))
    assert "الخارجية" in dlg.preview.text() and "الأمريكية" not in dlg.preview.text()
    QTest.keyClick(dlg.end, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert v.correct_dialog is None
    assert v.current_row() == 5  # MISC only sara
    case.key(Qt.Key.Key_R)  # reject
    assert v.current_row() == 6
    case.key(Qt.Key.Key_2)
    case.key(Qt.Key.Key_Delete)  # reject omar's LOC
    assert v.current_row() == 6  # nothing open is left
    case.key(Qt.Key.Key_K)
    assert v.current_row() == 5
    with qtbot_signal(v) as seen:
        case.key(Qt.Key.Key_A)  # decided already: refused, nothing recorded
    assert seen and "decided already" in seen[-1]
    assert all(it.decided for it in v.model.items)

    fresh = case.fresh()
    assert gold(fresh, case.doc) == sorted([(*tok(1, 3), "PER"), (*tok(5), "GPE"), (tok(7)[0], tok(8)[1], "ORG")])
    quotes = fresh.quotes(case.doc, fresh.gold_id)
    assert [q.kind for q in quotes] == ["direct"]
    assert log(fresh) == [
        ("span", "accept", rev, sara),  # accept-all: واشنطن (first version: sara)
        ("stance", "accept", rev, sara),  # and the agreed article stance
        ("span", "accept", rev, omar),  # PER, omar's version
        ("quote", "accept", rev, sara),
        ("span", "correct", rev, sara),  # ORG corrected from sara's version
        ("span", "reject", rev, sara),  # MISC
        ("span", "reject", rev, omar),  # بغداد LOC
    ]
    assert fresh.doc_status(case.doc, fresh.gold_id)[0] == "done"  # every item decided
    fresh.close()
    # gold grows in its pane: 3 mentions, 1 quote, 1 stance
    assert v.panes[case.store.gold_id].counts() == (3, 1, 1)
    assert "decided 7/7" in v.summary.text()


def test_undo_reopens_the_item_and_removes_it_from_gold(case: Case) -> None:
    v = case.view
    assert v.current_row() == 0
    case.key(Qt.Key.Key_J)  # PER
    case.key(Qt.Key.Key_2)
    case.key(Qt.Key.Key_A)  # accept omar's PER
    fresh = case.fresh()
    assert gold(fresh, case.doc) == [(*tok(1, 3), "PER")]
    fresh.close()
    assert case.undo.stack.undoText() == "Accept span"
    case.undo.stack.undo()
    QApplication.processEvents()
    fresh = case.fresh()
    assert gold(fresh, case.doc) == [] and log(fresh) == []
    fresh.close()
    assert not v.model.items[1].decided
    assert v.panes[case.store.gold_id].counts() == (0, 0, 0)
    assert v.merged_state.spans[2].label == BOUNDARY_DIFFERS  # its colour is the open status again
    case.undo.stack.redo()
    fresh = case.fresh()
    assert log(fresh) == [("span", "accept", case.rev, case.omar)]
    fresh.close()
    assert v.merged_state.spans[2].label == "accept"
    assert v.model.index(1, COL_DECISION).data() == "✓ accepted (omar)"


def test_side_by_side_shows_each_annotators_version(case: Case) -> None:
    v = case.view
    case.key(Qt.Key.Key_V)
    assert v.tabs.currentIndex() == 1
    case.key(Qt.Key.Key_J)
    case.key(Qt.Key.Key_J)  # row 2: واشنطن
    sara_pane, omar_pane = v.panes[case.sara], v.panes[case.omar]
    assert sara_pane.highlighter is not None and omar_pane.highlighter is not None
    sara_span = next(s.id for s in case.store.spans(case.doc, case.sara) if s.label == "GPE" and s.start == tok(5)[0])
    assert sara_pane.highlighter.selected == {sara_span}
    for _ in range(3):
        case.key(Qt.Key.Key_Down)  # row 5: MISC, only sara: omar's pane shows nothing selected
    assert v.current_row() == 5
    assert omar_pane.highlighter.selected == set()
    assert "nothing" in v.detail.toPlainText()


def test_review_window_undoes_with_ctrl_z_and_moves_between_articles(qtbot, case: Case) -> None:  # type: ignore[no-untyped-def]
    other = add_document(case.store, "زار الوزير بغداد أمس", uid="other")
    for who in (case.sara, case.omar):
        case.store.run(C.AddSpan(other, who, 11, 16, "GPE"), who)
    win = ReviewWindow(case.store, case.undo, case.rev)
    qtbot.addWidget(win)
    win.open_document(case.doc)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    # activation is asynchronous on every platform: until it is processed the fixture's review
    # view is the active window, and keys would reach its (identical) actions instead of this window's
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.view.table.setFocus()
    assert QApplication.focusWidget() is win.view.table
    QTest.keyClick(win.view.table, Qt.Key.Key_A)  # the article stance
    assert log(case.store) == [("stance", "accept", case.rev, case.sara)]
    assert win.view.current_row() == 1 and case.view.current_row() == 0  # decided in this window's view
    QTest.keyClick(win.view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert log(case.store) == []
    assert not win.view.model.items[0].decided
    QTest.keyClick(win.view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert win.view.model.items[0].decided
    QTest.keyClick(win.view.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert win.view.current_document() == other
    assert [(it.status, it.kind) for it in win.view.model.items] == [(AGREED, "span")]
    QTest.keyClick(win.view.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert win.view.current_document() == case.doc
    win.close()


def test_next_article_to_review_matches_the_core_review_targets(case: Case) -> None:
    """Alt+Down's cheap lookup finds the same articles as review_targets, which loads every layer."""
    s, sara, omar = case.store, case.sara, case.omar
    lina = s.annotator_id("lina")
    one = add_document(s, "زار الوزير بغداد أمس", uid="one")  # only sara: nothing to compare
    s.run(C.AddSpan(one, sara, 11, 16, "GPE"), sara)
    done = add_document(s, "لا أسماء في هذا المقال", uid="done")  # sara: done with no entities; omar: a stance
    s.run(C.SetDocStatus(done, sara, "done"), sara)
    s.run(C.AddStance(done, omar, "neutral", scope="article", target_topic="us_presence_iraq"), omar)
    quotes = add_document(s, "قال الوزير إن المحادثات جيدة", uid="quotes")  # quotes only, sara and lina
    for who in (sara, lina):
        s.run(C.AddQuote(quotes, who, content=(11, 28), speaker_text="الوزير"), who)
    gold_only = add_document(s, "بغداد عاصمة العراق", uid="gold")  # sara and gold: gold does not count
    s.run(C.AddSpan(gold_only, sara, 0, 5, "GPE"), sara)
    s.run(C.AddSpan(gold_only, s.gold_id, 0, 5, "GPE"), case.rev)
    suggested = add_document(s, "واشنطن وبغداد", uid="suggested")  # omar's span is only a suggestion
    s.run(C.AddSpan(suggested, sara, 0, 6, "GPE"), sara)
    s.run(C.AddSpan(suggested, omar, 0, 6, "GPE", origin="suggested", status="suggested"), omar)
    targets = [t.doc_id for t in review_targets(s)]
    assert targets == [case.doc, done, quotes]
    forward, cur = [], None
    while (cur := neighbour_to_review(s, cur, 1)) is not None:
        forward.append(cur)
    backward, cur = [], None
    while (cur := neighbour_to_review(s, cur, -1)) is not None:
        backward.append(cur)
    assert forward == targets and backward == targets[::-1]


def test_arabic_items_read_right_to_left_and_elide_at_their_logical_end(case: Case) -> None:
    from PySide6.QtWidgets import QStyleOptionViewItem

    from ui.review_model import COL_TEXT

    table = case.view.table
    index = case.view.model.index(2, COL_TEXT)  # واشنطن
    assert "واشنطن" in index.data()
    delegate = table.itemDelegateForIndex(index)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    delegate.initStyleOption(option, index)
    assert option.direction == Qt.LayoutDirection.RightToLeft
    assert option.displayAlignment & Qt.AlignmentFlag.AlignRight
    kind = case.view.model.index(2, 1)  # a Latin/translated column keeps the table's own layout
    assert table.itemDelegateForIndex(kind) is not delegate
