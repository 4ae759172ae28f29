"""The Agreement view shows the core's figures for a hand-built two-annotator case, charted per label."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow

from annotator import commands as C
from annotator.store import Store
from annotator.text import tokenize
from tests.conftest import add_document
from ui import agreement_view
from ui.agreement_view import AgreementView
from ui.review_window import ReviewLauncher
from ui.undo import UndoAdapter

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
    listed = [w.annotators.item(i).text() for i in range(w.annotators.count())]
    assert "gold" in listed and w.chosen() == ["sara", "omar"]  # gold is there to compare against, unchecked
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
    assert [b.label for b in w.chart.bars] == labels  # one bar per label, in the label's colour
    assert [b.color for b in w.chart.bars] == [e.color for e in w.store.schema.entities]
    heights = {b.label: b.value for b in w.chart.bars}
    assert heights["GPE"] == pytest.approx(0.8) and heights["PER"] == 0 and heights["LOC"] == 0
    assert heights["EVENT"] is None  # undefined: no bar
    w.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    rects = dict(zip(labels, w.chart.bar_rects(), strict=True))
    assert rects["EVENT"] is None
    gpe, per = rects["GPE"], rects["PER"]
    assert gpe is not None and per is not None
    assert gpe.height() > 10 * per.height()  # 0.8 drawn tall, 0 drawn as a hairline
    assert w.chart.grab().width() > 0  # paints without error
    w.chart_metric.setCurrentIndex(1)  # overlap F1: PER now agrees
    assert {b.label: b.value for b in w.chart.bars}["PER"] == pytest.approx(1.0)
    assert w.chart.title == "Entity F1 (overlap)"
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


def test_computation_runs_off_the_gui_thread(qtbot, view, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """While the figures are computed the window keeps handling events; the result arrives by signal."""
    w, _doc, _calm = view
    release, started = threading.Event(), threading.Event()
    real = agreement_view.compute_agreement
    workers: list[threading.Thread] = []

    def slow(store, names):  # type: ignore[no-untyped-def]
        workers.append(threading.current_thread())
        started.set()
        release.wait(30)  # a big project: held until the test has looked at the window
        return real(store, names)

    monkeypatch.setattr(agreement_view, "compute_agreement", slow)
    w.compute()
    assert started.wait(10)
    assert workers[0] is not threading.main_thread()
    ticks: list[int] = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: ticks == [1])  # the event loop runs while the worker is busy
    assert w.task is not None and w.task.isRunning()
    assert not w.run_button.isEnabled() and w.busy.isVisible() and "Computing" in w.status.text()
    w.compute()  # a second request while one runs is ignored
    with qtbot.waitSignal(w.computed, timeout=10000):
        release.set()
    qtbot.waitUntil(lambda: w.task is None)  # the thread has finished and is disposed of
    assert w.run_button.isEnabled() and not w.busy.isVisible()
    assert "Articles compared: 2, between sara, omar." in w.status.text()


def test_double_click_in_the_launchers_agreement_view_opens_the_review(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    w, doc, _calm = view
    store = w.store

    class Host(QMainWindow):
        def __init__(self) -> None:
            super().__init__()
            self.store = store
            self.annotator_id = store.annotator_id("rev", role="reviewer")
            self.undo = UndoAdapter(store, self.annotator_id)
            self.messages: list[str] = []

        def current_document(self) -> int | None:
            return None

        def show_message(self, text: str) -> None:
            self.messages.append(text)

    host = Host()
    qtbot.addWidget(host)
    launcher = ReviewLauncher(host, host)
    assert [a.objectName() for a in launcher.actions()] == ["reviewArticle", "agreement", "assignArticles"]
    launcher.review()
    assert host.messages and launcher.review_window is None  # no article open: nothing to review
    with qtbot.waitSignal(launcher.agreement().computed, timeout=10000):
        pass
    agreement = launcher.agreement_view
    assert agreement is not None
    agreement.tabs.setCurrentIndex(3)
    QApplication.processEvents()
    rect = agreement.articles.visualItemRect(agreement.articles.item(0, 4))
    QTest.mouseClick(agreement.articles.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     rect.center())
    QTest.mouseDClick(agreement.articles.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      rect.center())
    win = launcher.review_window
    assert win is not None and win.isVisible()
    assert win.view.current_document() == doc
    assert {it.status for it in win.view.model.items} >= {"agreed", "boundary_differs", "label_differs"}
    win.close()
    agreement.close()


def test_closing_while_computing_does_not_wait_or_crash(qtbot, view, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w, _doc, _calm = view
    release, started = threading.Event(), threading.Event()
    real = agreement_view.compute_agreement

    def slow(store, names):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(30)
        return real(store, names)

    monkeypatch.setattr(agreement_view, "compute_agreement", slow)
    w.compute()
    assert started.wait(10)
    task = w.task
    assert task is not None
    w.close()  # returns at once although the computation is still running
    assert task.isRunning() and task in agreement_view._RUNNING and task.parent() is None
    shown: list[object] = []
    w.computed.connect(shown.append)
    release.set()
    qtbot.waitUntil(lambda: task not in agreement_view._RUNNING)
    assert task.outcome == "succeeded" and shown == []  # finished on its own; the closed view is left alone
