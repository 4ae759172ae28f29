"""Project-wide assistance: annotate-all over every article, and the background suggestion run with
progress and Cancel (a real QThread worker; the window keeps handling events meanwhile)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from sqlalchemy import func, insert, select

from annotator.commands import AddSpan
from annotator.store import D, S, Store
from annotator.suggest import SuggestReport
from tests.conftest import SEEDS
from ui.assist import AssistController
from ui.undo import UndoAdapter
from ui.workbench import Workbench

EXTRA = "وصل الوفد إلى بواشنطن ثم غادر لواشنطن وعاد. قال المتحدث إن واشنطن مستعدة."
WASHINGTON = re.compile(r"(?<![^\W_])[وفبلك]{0,2}(?P<w>واشنطن)(?![^\W_])")


@dataclass
class Project:
    store: Store
    path: Path
    ids: list[int]
    texts: dict[int, str]
    wb: Workbench
    undo: UndoAdapter
    assist: AssistController
    who: int

    def count(self, **where: object) -> int:
        fresh = Store.open(self.path)
        try:
            with fresh.read() as conn:
                stmt = select(func.count()).select_from(S).where(S.c.annotator_id == self.who)
                for col, value in where.items():
                    stmt = stmt.where(
                        S.c[col].in_(value) if isinstance(value, list | tuple) else S.c[col] == value
                    )
                return int(conn.execute(stmt).scalar() or 0)
        finally:
            fresh.close()


def build(qtbot, tmp_path: Path, n: int) -> Iterator[Project]:  # type: ignore[no-untyped-def]
    path = tmp_path / "project.db"
    store = Store.open(path)
    seeds = [f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt"))] + [EXTRA]
    rows = []
    for i in range(n):
        text = seeds[i % len(seeds)] + f"\nرقم {i}"
        h = hashlib.sha256(text.encode()).hexdigest()
        rows.append(
            {
                "uid": h[:16],
                "title": f"مقال {i}",
                "text": text,
                "length": len(text),
                "content_hash": h,
                "provenance": {},
                "meta": {},
            }
        )
    with store.write() as conn:
        conn.execute(insert(D), rows)
        docs = [
            (int(i), str(t), str(x))
            for i, t, x in conn.execute(select(D.c.id, D.c.title, D.c.text).order_by(D.c.id))
        ]
        store.index_documents(conn, docs)
    who = store.annotator_id("alice")
    undo = UndoAdapter(store, who)
    wb = Workbench(store, undo, who)
    assist = AssistController(wb)
    qtbot.addWidget(wb)
    wb.resize(1000, 700)
    wb.show()
    qtbot.waitExposed(wb)
    wb.set_document(docs[0][0])
    wb.view.setFocus()
    yield Project(store, path, [d[0] for d in docs], {d[0]: d[2] for d in docs}, wb, undo, assist, who)
    wb.set_document(None)
    store.close()


@pytest.fixture
def small(qtbot, tmp_path: Path) -> Iterator[Project]:  # type: ignore[no-untyped-def]
    yield from build(qtbot, tmp_path, 12)


@pytest.fixture
def large(qtbot, tmp_path: Path) -> Iterator[Project]:  # type: ignore[no-untyped-def]
    yield from build(qtbot, tmp_path, 450)  # three chunks of the runner (200 articles each)


def test_annotate_all_in_project_by_shift_o_and_undo(small: Project) -> None:
    p = small
    first = p.ids[0]
    a = p.texts[first].index("واشنطن")
    p.wb.view.select_range(a, a + 6)
    QTest.keyClick(p.wb.view, Qt.Key.Key_3)
    QTest.keyClick(p.wb.view, Qt.Key.Key_O, Qt.KeyboardModifier.ShiftModifier)
    expected = sum(len(WASHINGTON.findall(t)) for t in p.texts.values()) - 1  # all but the tagged one
    assert expected > 20
    assert p.count(status="suggested") == expected
    fresh = Store.open(p.path)
    for doc, text in p.texts.items():
        got = sorted(s.start for s in fresh.spans(doc, p.who, statuses=("suggested",)))
        want = sorted(m.start("w") for m in WASHINGTON.finditer(text) if (doc, m.start("w")) != (first, a))
        assert got == want, doc  # clitic forms (بواشنطن, لواشنطن) give spans on the name only
    fresh.close()
    assert p.undo.command_texts() == ["Add GPE span", f"Suggest {expected} occurrences"]
    p.undo.stack.undo()
    assert p.count(status="suggested") == 0 and p.count(status="active") == 1


def test_annotate_all_asks_before_a_large_edit(small: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    p = small
    monkeypatch.setattr("ui.assist.CONFIRM_OVER", 5)
    questions: list[str] = []
    answer = [False]
    p.assist.confirm = lambda q: questions.append(q) or answer[0]  # type: ignore[func-returns-value]
    a = p.texts[p.ids[0]].index("واشنطن")
    p.wb.view.select_range(a, a + 6)
    QTest.keyClick(p.wb.view, Qt.Key.Key_3)
    QTest.keyClick(p.wb.view, Qt.Key.Key_O, Qt.KeyboardModifier.ShiftModifier)
    assert len(questions) == 1 and questions[0].startswith("Suggest GPE on ")
    assert p.count(status="suggested") == 0 and p.undo.command_texts() == ["Add GPE span"]
    answer[0] = True
    QTest.keyClick(p.wb.view, Qt.Key.Key_O, Qt.KeyboardModifier.ShiftModifier)
    assert p.count(status="suggested") > 5 and len(p.undo.command_texts()) == 2


def test_background_project_run_reports_progress_and_finishes(small: Project, qtbot) -> None:  # type: ignore[no-untyped-def]
    p = small
    p.store.run(AddSpan(p.ids[0], p.who, 0, 4, "PER"), p.who)  # something for the gazetteer
    a = p.texts[p.ids[0]].index("واشنطن")
    p.store.run(AddSpan(p.ids[0], p.who, a, a + 6, "GPE"), p.who)
    progress: list[tuple[int, int]] = []
    with qtbot.waitSignal(p.assist.projectSuggested, timeout=30_000) as done:
        task = p.assist.suggest_project()
        assert task is not None
        task.progressed.connect(lambda d, n: progress.append((d, n)))
        assert p.wb.window().findChild(QProgressDialog) is not None
    report: SuggestReport = done.args[0]
    assert task.outcome == "succeeded" and not report.cancelled
    assert progress[-1] == (12, 12) and report.articles == 12
    assert report.spans == p.count(status="suggested", layer="entity") > 0 and report.quotes > 0
    assert report.quotes > 0
    # the open article was reloaded: its new suggestions are in the view's state
    st = p.wb.state
    assert st is not None and any(s.status == "suggested" for s in st.spans.values())
    # nothing on the undo stack (a bulk run), and a second run proposes nothing new
    assert p.undo.command_texts() == []
    with qtbot.waitSignal(p.assist.projectSuggested, timeout=30_000) as again:
        p.assist.suggest_project()
    assert again.args[0].spans == 0 and again.args[0].quotes == 0


def test_cancelling_the_background_run_stops_it(large: Project, qtbot) -> None:  # type: ignore[no-untyped-def]
    p = large
    events: list[tuple[int, int, bool]] = []
    dialog: list[QProgressDialog] = []

    def on_progress(done: int, total: int) -> None:
        events.append((done, total, task.isRunning()))
        if done >= 200 and len(events) == 2:  # the first chunk is committed: press Cancel
            button = dialog[0].findChild(QPushButton)
            assert button is not None
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    with qtbot.waitSignal(p.assist.projectSuggested, timeout=60_000) as done:
        task = p.assist.suggest_project()
        assert task is not None
        dialog.append(p.wb.window().findChild(QProgressDialog))
        task.progressed.connect(on_progress)
    report: SuggestReport = done.args[0]
    assert events[0][:2] == (0, 450) and events[1][:2] == (200, 450)
    assert events[1][2]  # the GUI thread handled progress while the worker was still running
    assert task.outcome == "cancelled" and report.cancelled
    assert report.articles == 200 < report.total == 450
    # the committed chunk stays; nothing after it was written
    assert p.count(status="suggested", doc_id=p.ids[:200]) > 0
    assert p.count(status="suggested", doc_id=p.ids[200:]) == 0
    QApplication.processEvents()
    assert p.wb.window().findChild(QProgressDialog) is None or not dialog[0].isVisible()


def test_shutdown_stops_a_running_project_task(large: Project, qtbot) -> None:  # type: ignore[no-untyped-def]
    p = large
    task = p.assist.suggest_project()
    assert task is not None
    qtbot.waitUntil(lambda: task.isRunning(), timeout=10_000)
    p.assist.shutdown()  # what the window does before it closes the project
    assert task.isFinished() and task.outcome == "cancelled"
    assert task.result is not None and task.result.articles < 450


class _PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted += 1
        return False


def test_the_window_keeps_handling_events_while_suggesting(large: Project, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The GUI thread's event loop runs all along: a 5 ms timer keeps firing, the article
    view keeps repainting and the progress dialog follows the worker's chunks while it still runs."""
    p = large
    a = p.texts[p.ids[0]].index("واشنطن")
    p.store.run(AddSpan(p.ids[0], p.who, a, a + 6, "GPE"), p.who)  # something for the gazetteer
    ticks: list[bool] = []  # per timer tick: was the worker running then?
    progress: list[tuple[int, int, bool, int]] = []  # done, total, worker running, dialog value
    painter = _PaintCounter()
    p.wb.view.viewport().installEventFilter(painter)
    painted_while_running: list[int] = []
    timer = QTimer()
    timer.setInterval(5)

    def tick() -> None:
        running = task.isRunning()
        ticks.append(running)
        if running:
            p.wb.view.viewport().update()  # ask for a repaint: it must happen while the worker runs
            painted_while_running.append(painter.painted)

    def on_progress(done: int, total: int) -> None:
        progress.append((done, total, task.isRunning(), dialog.value()))

    timer.timeout.connect(tick)
    with qtbot.waitSignal(p.assist.projectSuggested, timeout=120_000) as done:
        task = p.assist.suggest_project()
        assert task is not None
        dialog = p.wb.window().findChild(QProgressDialog)
        assert dialog is not None and dialog.isVisible()
        task.progressed.connect(on_progress)
        timer.start()
    timer.stop()
    report: SuggestReport = done.args[0]
    assert task.outcome == "succeeded" and report.articles == report.total == 450
    assert [(d, n) for d, n, _r, _v in progress] == [(0, 450), (200, 450), (400, 450), (450, 450)]
    assert all(running for _d, _n, running, _v in progress[:-1])  # delivered while the worker ran
    assert [v for *_x, v in progress] == [0, 200, 400, 450]  # the dialog follows each chunk
    assert sum(ticks) >= 3  # the event loop turned repeatedly while the worker was busy
    assert painted_while_running and painted_while_running[-1] > painted_while_running[0]
    assert report.spans == p.count(status="suggested", layer="entity") > 0 and report.quotes > 0


def test_annotate_all_over_a_large_project_runs_in_the_background(large: Project, qtbot) -> None:  # type: ignore[no-untyped-def]
    p = large
    first = p.ids[0]
    a = p.texts[first].index("واشنطن")
    questions: list[str] = []
    p.assist.confirm = lambda q: questions.append(q) or True  # type: ignore[func-returns-value]
    p.wb.view.select_range(a, a + 6)
    QTest.keyClick(p.wb.view, Qt.Key.Key_3)
    progress: list[tuple[int, int]] = []
    with qtbot.waitSignal(p.assist.annotateAllDone, timeout=120_000) as done:
        QTest.keyClick(p.wb.view, Qt.Key.Key_O, Qt.KeyboardModifier.ShiftModifier)
        task = p.assist.task
        assert task is not None and p.undo.command_texts() == ["Add GPE span"]  # nothing yet
        dialog = p.wb.window().findChild(QProgressDialog)
        assert dialog is not None and dialog.isVisible()
        task.progressed.connect(lambda d, n: progress.append((d, n)))
    expected = sum(len(WASHINGTON.findall(t)) for t in p.texts.values()) - 1
    assert done.args[0] == expected > 300
    assert len(questions) == 1 and f"{expected:,} occurrences" in questions[0]
    assert progress and progress[-1][0] == progress[-1][1] > 100  # every candidate article searched
    assert p.count(status="suggested") == expected
    assert p.undo.command_texts() == ["Add GPE span", f"Suggest {expected} occurrences"]
    st = p.wb.state
    assert st is not None  # the open article shows its new suggestions
    here = sum(1 for m in WASHINGTON.finditer(p.texts[first]) if m.start("w") != a)
    assert sum(1 for s in st.spans.values() if s.status == "suggested") == here > 0
    p.undo.stack.undo()  # one command, undone like any edit
    assert p.count(status="suggested") == 0 and p.count(status="active") == 1


def test_cancelling_a_background_annotate_all_writes_nothing(large: Project, qtbot) -> None:  # type: ignore[no-untyped-def]
    p = large
    a = p.texts[p.ids[0]].index("واشنطن")
    p.wb.view.select_range(a, a + 6)
    QTest.keyClick(p.wb.view, Qt.Key.Key_3)
    asked: list[str] = []
    p.assist.confirm = lambda q: asked.append(q) or True  # type: ignore[func-returns-value]

    with qtbot.waitSignal(p.assist.annotateAllDone, timeout=120_000) as done:
        QTest.keyClick(p.wb.view, Qt.Key.Key_O, Qt.KeyboardModifier.ShiftModifier)
        task = p.assist.task
        assert task is not None
        dialog = p.wb.window().findChild(QProgressDialog)
        assert dialog is not None
        button = dialog.findChild(QPushButton)
        assert button is not None
        # press Cancel as soon as the run has started (waiting for its first progress report raced
        # with the worker thread: a report sent before the test connected to it never came)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert done.args[0] == 0 and task.outcome == "cancelled" and asked == []
    assert p.count(status="suggested") == 0 and p.undo.command_texts() == ["Add GPE span"]
    assert p.assist.task is None  # a new run may start
