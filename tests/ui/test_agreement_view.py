"""The Agreement view shows the core's figures for a hand-built two-annotator case, charted per label."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator import commands as C
from annotator.store import Store
from annotator.text import tokenize
from tests.conftest import add_document
from ui.agreement_view import AgreementView

# 12 tokens:  0     1       2   3      4   5      6   7     8        9          10    11
TEXT = "قال الرئيس جو بايدن في واشنطن إن وزارة الخارجية الأمريكية ستزور بغداد"
SARA_TAGS = ["O", "O", "PER", "PER", "O", "GPE", "O", "ORG", "ORG", "ORG", "O", "GPE"]
OMAR_TAGS = ["O", "PER", "PER", "PER", "O", "GPE", "O", "ORG", "ORG", "O", "O", "LOC"]


def tok(i: int, j: int | None = None) -> tuple[int, int]:
    toks = tokenize(TEXT)
    return toks[i].start, toks[j if j is not None else i].end


def kappa_by_hand(a: list[str], b: list[str]) -> float:
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b, strict=True)) / n
    p_e = sum(a.count(c) * b.count(c) for c in set(a) | set(b)) / (n * n)
    return (p_o - p_e) / (1 - p_e)


@pytest.fixture
def view(qtbot, tmp_path: Path) -> Iterator[tuple[AgreementView, int, int]]:  # type: ignore[no-untyped-def]
    store = Store.open(tmp_path / "project.db")
    doc = add_document(store, TEXT, title="اتفاق")
    calm = add_document(store, "زار الوزير بغداد أمس", title="هادئ")
    sara, omar = store.annotator_id("sara"), store.annotator_id("omar")
    for who, spans in ((sara, [(tok(2, 3), "PER"), (tok(5), "GPE"), (tok(7, 9), "ORG"), (tok(11), "GPE")]),
                       (omar, [(tok(1, 3), "PER"), (tok(5), "GPE"), (tok(7, 8), "ORG"), (tok(11), "LOC")])):
        for (a, b), label in spans:
            store.run(C.AddSpan(doc, who, a, b, label), who)
        store.run(C.AddSpan(calm, who, 11, 16, "GPE"), who)  # both agree on this article
    w = AgreementView(store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.run_button.setFocus()
    yield w, doc, calm
    store.close()


def cell(table, row: int, col: int) -> str:  # type: ignore[no-untyped-def]
    return str(table.item(row, col).text())


def test_figures_chart_and_opening_the_most_disagreeing_article(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    w, doc, calm = view
    with qtbot.waitSignal(w.computed, timeout=10000):
        QTest.keyClick(w.run_button, Qt.Key.Key_F5)
    overall = {cell(w.overall, r, 0): cell(w.overall, r, 1) for r in range(w.overall.rowCount())}
    # exact: واشنطن and the calm article's بغداد match: 2 of 5 on each side -> F1 0.4
    assert overall["Entity F1, exact"] == "0.400"
    # overlap (same label): PER, GPE واشنطن, ORG, calm GPE -> 4 of 5 -> 0.8
    assert overall["Entity F1, overlap"] == "0.800"
    calm_tags = ["O", "O", "GPE", "O"]  # زار الوزير بغداد أمس, the same for both
    expected = kappa_by_hand(SARA_TAGS + calm_tags, OMAR_TAGS + calm_tags)  # one pair: its tokens pooled
    assert overall["Cohen's kappa, token labels"] == f"{expected:.3f}"
    assert overall["Articles compared"] == "2"
    per_label = {cell(w.labels, r, 0): cell(w.labels, r, 1) for r in range(w.labels.rowCount())}
    # GPE: sara 3 (واشنطن, بغداد, calm بغداد), omar 2 (واشنطن, calm بغداد), 2 match -> 4/5
    assert per_label["GPE"] == "0.800" and per_label["PER"] == "0.000" and per_label["EVENT"] == "—"
    labels = list(w.store.schema.labels)
    assert list(per_label) == labels
    assert w.bars is not None
    assert len(w.bars.opts["x"]) == len(labels)  # one bar per label
    heights = dict(zip(labels, w.bars.opts["height"], strict=True))
    assert heights["GPE"] == pytest.approx(0.8) and heights["PER"] == 0 and heights["LOC"] == 0
    w.chart_metric.setCurrentIndex(1)  # overlap F1: PER now agrees
    assert dict(zip(labels, w.bars.opts["height"], strict=True))["PER"] == pytest.approx(1.0)
    # the most disagreeing article first; double-click opens it
    assert w.articles.item(0, 0).data(Qt.ItemDataRole.UserRole) == doc
    assert w.articles.item(1, 0).data(Qt.ItemDataRole.UserRole) == calm and cell(w.articles, 1, 0) == "0.000"
    opened: list[int] = []
    w.openArticle.connect(opened.append)
    with qtbot.waitSignal(w.openArticle):
        w.tabs.setCurrentIndex(3)
        QApplication.processEvents()
        rect = w.articles.visualItemRect(w.articles.item(0, 4))
        QTest.mouseClick(w.articles.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         rect.center())
        QTest.mouseDClick(w.articles.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                          rect.center())
    assert opened == [doc]  # once
    QTest.keyClick(w.articles, Qt.Key.Key_Down)
    QTest.keyClick(w.articles, Qt.Key.Key_Return)  # Enter opens the current row
    assert opened == [doc, calm]


def test_needs_two_annotators(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    w, _doc, _calm = view
    w.annotators.item(1).setCheckState(Qt.CheckState.Unchecked)
    w.compute()
    assert w.task is None and "at least two" in w.status.text()
