"""Issue 4's must-show GUI test: an article two annotators disagree on, adjudicated into gold by keys.

Entities, quotes and stances, with every kind of difference (agreed, only A, only B, label
differs, boundary differs), decided with single key presses only (accept all agreed, accept,
reject, correct, whose version); then the gold layer and the decision log are read back through
a fresh Store on the project file, the way another process would see them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from annotator import commands as C
from annotator.models import TABLES
from annotator.review.alignment import AGREED, BOUNDARY_DIFFERS, LABEL_DIFFERS, ONLY
from annotator.store import Store
from annotator.text import tokenize
from tests.conftest import add_document
from ui.review_model import COL_STATUS
from ui.review_window import ReviewWindow
from ui.undo import UndoAdapter

RD = TABLES["review_decision"]
# tokens: 0 قال 1 الرئيس 2 جو 3 بايدن 4 في 5 واشنطن 6 إن 7 القوات 8 ستبقى 9 في 10 العراق 11 .
#         12 وأكد 13 وزير 14 الخارجية 15 أن 16 الحوار 17 مستمر 18 مع 19 بغداد 20 .
TEXT = "قال الرئيس جو بايدن في واشنطن إن القوات ستبقى في العراق. وأكد وزير الخارجية أن الحوار مستمر مع بغداد."
K = Qt.Key


def tok(i: int, j: int | None = None) -> tuple[int, int]:
    toks = tokenize(TEXT)
    return toks[i].start, toks[j if j is not None else i].end


@dataclass
class Project:
    path: Path
    store: Store
    doc: int
    sara: int
    omar: int
    rev: int


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """sara (A) and omar (B) annotate the same article; every difference kind occurs at least once."""
    path = tmp_path / "project.db"
    store = Store.open(path)
    doc = add_document(store, TEXT, title="مراجعة كاملة")
    sara, omar = store.annotator_id("sara"), store.annotator_id("omar")
    rev = store.annotator_id("rev", role="reviewer")
    spans = {
        sara: [(tok(2, 3), "PER"), (tok(5), "GPE"), (tok(10), "GPE"), (tok(13, 14), "PER")],
        omar: [(tok(1, 3), "PER"), (tok(5), "GPE"), (tok(10), "LOC"), (tok(19), "GPE")],
    }
    for who, layer in spans.items():
        for (a, b), label in layer:
            store.run(C.AddSpan(doc, who, a, b, label), who)
    # quote 1: content boundary differs; quote 2: same content, kind differs
    store.run(C.AddQuote(doc, sara, content=tok(7, 10), cue=tok(0), speaker_text="بايدن", kind="direct"), sara)
    store.run(C.AddQuote(doc, omar, content=tok(8, 10), cue=tok(0), speaker_text="بايدن", kind="direct"), omar)
    store.run(C.AddQuote(doc, sara, content=tok(16, 19), cue=tok(12), speaker_text="وزير الخارجية",
                         kind="indirect"), sara)
    store.run(C.AddQuote(doc, omar, content=tok(16, 19), cue=tok(12), speaker_text="وزير الخارجية",
                         kind="direct"), omar)
    for who, polarity in ((sara, "favor"), (omar, "neutral")):  # agreed article stance; polarity differs
        store.run(C.AddStance(doc, who, "favor", scope="article", target_topic="us_presence_iraq"), who)
        store.run(C.AddStance(doc, who, polarity, holder_text="بايدن", target_topic="strategic_dialogue"), who)
    store.run(C.AddStance(doc, omar, "against", scope="article", target_topic="strategic_dialogue"), omar)  # only B
    yield Project(path, store, doc, sara, omar, rev)
    store.close()


def press(key: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where a user's would go: the focused widget of the active window."""
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, key, mod)
    QApplication.processEvents()


def test_adjudicate_entities_quotes_stances_into_gold_by_keys(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    p = project
    undo = UndoAdapter(p.store, p.rev)
    win = ReviewWindow(p.store, undo, p.rev)
    qtbot.addWidget(win)
    win.open_document(p.doc)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    view = win.view
    assert QApplication.focusWidget() is view.table

    def item_id(it) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
        return it.kind, it.status, TEXT[it.start : it.end]

    items = [item_id(it) for it in view.model.items]
    assert sorted(items) == sorted([
        ("span", BOUNDARY_DIFFERS, "جو بايدن"),  # sara's / omar's "الرئيس جو بايدن"
        ("span", AGREED, "واشنطن"),
        ("span", LABEL_DIFFERS, "العراق"),  # GPE / LOC
        ("span", ONLY, "وزير الخارجية"),  # only A
        ("span", ONLY, "بغداد"),  # only B
        ("quote", BOUNDARY_DIFFERS, "القوات ستبقى في العراق"),
        ("quote", LABEL_DIFFERS, "الحوار مستمر مع بغداد"),  # indirect / direct
        ("stance", AGREED, ""),  # the article's stance on the US presence
        ("stance", LABEL_DIFFERS, ""),  # بايدن on the dialogue: favor / neutral
        ("stance", ONLY, ""),  # only B: the article against the dialogue
    ])
    assert {view.model.index(r, COL_STATUS).data() for r, it in enumerate(view.model.items) if it.status == ONLY} == {
        "only sara", "only omar"}
    t0 = datetime.now(UTC) - timedelta(seconds=1)

    press(K.Key_A, Qt.KeyboardModifier.ShiftModifier)  # accept all agreed: واشنطن and the article stance
    assert sum(it.decided for it in view.model.items) == 2

    def polarity_to_against() -> None:
        dlg = view.correct_dialog
        assert dlg is not None and dlg.polarity is not None
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.polarity)
        press(K.Key_A)  # the combo jumps to "against"
        press(K.Key_Return)  # saves

    def label_to_loc() -> None:
        dlg = view.correct_dialog
        assert dlg is not None and dlg.label is not None
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.label)
        press(K.Key_L)  # LOC
        press(K.Key_Return)

    # what the reviewer presses on each open item: whose version (1 sara, 2 omar), then A / R / C
    plan = {
        ("span", BOUNDARY_DIFFERS, "جو بايدن"): [K.Key_2, K.Key_A],  # omar's longer mention
        ("span", LABEL_DIFFERS, "العراق"): [K.Key_1, K.Key_C, label_to_loc],  # sara's, corrected to LOC
        ("span", ONLY, "وزير الخارجية"): [K.Key_R],
        ("span", ONLY, "بغداد"): [K.Key_1, K.Key_Return],  # only omar has it: his version, whatever is chosen
        ("quote", BOUNDARY_DIFFERS, "القوات ستبقى في العراق"): [K.Key_1, K.Key_A],
        ("quote", LABEL_DIFFERS, "الحوار مستمر مع بغداد"): [K.Key_2, K.Key_A],
        ("stance", LABEL_DIFFERS, ""): [K.Key_1, K.Key_C, polarity_to_against],
        ("stance", ONLY, ""): [K.Key_Delete],
    }
    done: list[tuple[str, str, str]] = []
    for _ in range(len(plan)):
        cur = view.current_item()
        assert cur is not None and not cur.decided  # the view moved on to the next open item by itself
        key = item_id(cur)
        for step in plan[key]:
            if callable(step):
                step()
            else:
                press(step)
        done.append(key)
        assert view.model.items[view.model.row_of(cur.key)].decided  # type: ignore[index]
    assert sorted(done) == sorted(plan)
    assert all(it.decided for it in view.model.items)
    assert "decided 10/10" in view.summary.text()
    t1 = datetime.now(UTC) + timedelta(seconds=1)

    fresh = Store.open(p.path)  # what another process sees: everything is committed
    try:
        g = fresh.gold_id
        assert sorted((TEXT[s.start : s.end], s.label) for s in fresh.spans(p.doc, g, layers=["entity"])) == sorted([
            ("الرئيس جو بايدن", "PER"), ("واشنطن", "GPE"), ("العراق", "LOC"), ("بغداد", "GPE")])
        quotes = {}
        for q in fresh.quotes(p.doc, g):
            content = fresh.span(q.content_span_id)
            quotes[TEXT[content.start : content.end]] = q.kind
        assert quotes == {"القوات ستبقى في العراق": "direct", "الحوار مستمر مع بغداد": "direct"}
        assert sorted((s.scope, s.holder_text, s.target_topic, s.polarity) for s in fresh.stances(p.doc, g)) == [
            ("article", "", "us_presence_iraq", "favor"), ("mention", "بايدن", "strategic_dialogue", "against")]
        assert fresh.doc_status(p.doc, g)[0] == "done"
        with fresh.read() as conn:
            rows = conn.execute(select(RD).where(RD.c.doc_id == p.doc).order_by(RD.c.id)).mappings().all()
    finally:
        fresh.close()

    assert len(rows) == 10  # one decision per item
    assert all(r["reviewer_id"] == p.rev and t0 <= r["created_at"] <= t1 for r in rows)  # who and when
    log = sorted((r["item_kind"], r["detail"]["status"], r["decision"], r["source_annotator_id"]) for r in rows)
    sara, omar = p.sara, p.omar
    assert log == sorted([
        ("span", AGREED, "accept", sara),
        ("stance", AGREED, "accept", sara),
        ("span", BOUNDARY_DIFFERS, "accept", omar),
        ("span", LABEL_DIFFERS, "correct", sara),
        ("span", ONLY, "reject", sara),
        ("span", ONLY, "accept", omar),
        ("quote", BOUNDARY_DIFFERS, "accept", sara),
        ("quote", LABEL_DIFFERS, "accept", omar),
        ("stance", LABEL_DIFFERS, "correct", sara),
        ("stance", ONLY, "reject", omar),
    ])
    for r in rows:  # accepted and corrected items point at their gold row; rejected ones at nothing
        assert (r["gold_item_id"] is None) == (r["decision"] == "reject")
        if r["source_annotator_id"] is not None:
            assert r["source_item_id"] is not None  # which of that annotator's items it came from
    corrections = {r["item_kind"]: r["detail"]["changes"] for r in rows if r["decision"] == "correct"}
    assert corrections == {"span": {"label": "LOC"}, "stance": {"polarity": "against"}}
    # the decision shown for the current item: what, by whom, when, from whose version
    cur = view.current_item()
    assert cur is not None and cur.decision is not None
    row = next(r for r in rows if r["id"] == cur.decision.id)
    shown = view.detail.toPlainText()
    when = row["created_at"].astimezone().strftime("%Y-%m-%d %H:%M")
    assert "Decided:" in shown and " by rev" in shown and when in shown
    assert ("from sara's version" in shown) == (row["source_annotator_id"] == sara)
    win.close()
