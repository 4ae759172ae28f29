"""Assistance in the Workbench (issue 6): annotate-all, suggestions, accept and reject by key.

A thin layer over :mod:`annotator.suggest`: the core computes candidates and returns commands;
this module picks the target from the Workbench's selection or caret and pushes the command
through the Workbench (so it lands on the one undo stack, committed, and refreshes the view from
its ``Changes``). Suggestions are drawn dashed by :mod:`ui.highlight`. Keys, active while the
article view or a side panel has focus (none collides with the Workbench's own keys: digits,
A, L, Q, S, E, Delete/Backspace, Tab, Esc):

* **O** annotate all other occurrences of the selected mention (or the one under the caret) in
  this article, **Shift+O** in the whole project — one undoable command of suggestions, matched
  through spelling variants, letter forms and attached proclitics;
* **Y** / **N** accept / reject the selected suggestion (or the one under the caret) and select
  the next one; **Shift+Y** / **Shift+N** accept / reject every suggestion in this article;
  **]** / **[** select the next / previous suggestion (the Workbench's A and Backspace also
  accept / reject the selected suggestion, without moving on);
* **G** suggests mentions (gazetteer) and quotes for this article (one undoable command);
  **Ctrl+Shift+G** for the whole project in the background, with progress and Cancel.

Rejected suggestions are kept as rejected rows by the core and never proposed again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMessageBox

from annotator.suggest import KINDS, SuggestReport, accept, propagate, propagate_command, reject
from annotator.suggest import suggest_article as suggest_article_command
from annotator.suggest import suggest_project as suggest_project_run
from ui.workers import ProgressDialog, Task

if TYPE_CHECKING:
    from annotator.store import SpanRow
    from ui.workbench import Workbench

Item = tuple[str, int]  # ("span" | "quote", id), as Workbench.selected
#: annotate-all asks first above this many occurrences (a project-wide edit of that size takes a while)
CONFIRM_OVER = 300


class AssistController(QObject):
    """The assistance actions of one Workbench; ``actions()`` lists them for menus and the sheet."""

    #: a project-wide run ended (its ``SuggestReport``); rows were written outside the undo stack
    projectSuggested = Signal(object)

    def __init__(self, wb: Workbench) -> None:
        super().__init__(wb)
        self.wb = wb
        self.task: Task | None = None
        self._actions: list[QAction] = []
        #: asks the user a yes/no question (replaceable, e.g. by tests)
        self.confirm: Callable[[str], bool] = self._ask
        add = self._add
        add(
            "Annotate all occurrences in this article",
            ["O"],
            lambda: self.annotate_all("article"),
            "annotateAllArticle",
        )
        add(
            "Annotate all occurrences in the project",
            ["Shift+O"],
            lambda: self.annotate_all("project"),
            "annotateAllProject",
        )
        add("Accept suggestion and go to next", ["Y"], lambda: self.decide(True), "acceptAndNext")
        add("Reject suggestion and go to next", ["N"], lambda: self.decide(False), "rejectAndNext")
        add("Accept all suggestions in this article", ["Shift+Y"], lambda: self.decide_all(True), "acceptAll")
        add(
            "Reject all suggestions in this article", ["Shift+N"], lambda: self.decide_all(False), "rejectAll"
        )
        add("Next suggestion", ["]"], lambda: self.go_suggestion(1), "nextSuggestion")
        add("Previous suggestion", ["["], lambda: self.go_suggestion(-1), "previousSuggestion")
        add("Suggest mentions and quotes in this article", ["G"], self.suggest_article, "suggestArticle")
        add("Suggest in the whole project…", ["Ctrl+Shift+G"], self.suggest_project, "suggestProject")

    def _add(self, text: str, keys: list[str], slot: Callable[[], object], name: str) -> None:
        act = QAction(text, self.wb)
        act.setObjectName(name)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(lambda _c=False: slot())
        self.wb.addAction(act)
        self._actions.append(act)

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(self.wb.window(), "Annotate all occurrences", question)
        return answer == QMessageBox.StandardButton.Yes

    def actions(self) -> list[QAction]:
        return list(self._actions)

    def action(self, name: str) -> QAction:
        return next(a for a in self._actions if a.objectName() == name)

    def _say(self, message: str) -> None:
        self.wb.statusMessage.emit(message)

    # --- targets ---------------------------------------------------------------------------------

    def _caret(self) -> int:
        view = self.wb.view
        sel = view.selection()
        return sel[0] if sel is not None else view.positions.to_cp(view.textCursor().position())

    def target_mention(self) -> SpanRow | None:
        """The selected entity mention, else the mention under the caret."""
        st = self.wb.state
        if st is None:
            return None
        if self.wb.selected and self.wb.selected[0] == "span":
            s = st.spans.get(self.wb.selected[1])
            if s is not None and s.layer == "entity":
                return s
        return st.mention_at(self._caret())

    def suggestions(self) -> list[tuple[int, str, int]]:
        """This article's open suggestions in reading order: (start, kind, id)."""
        st = self.wb.state
        if st is None:
            return []
        out = [
            (s.start, "span", s.id)
            for s in st.spans.values()
            if s.layer == "entity" and s.status == "suggested"
        ]
        for q in st.quotes.values():
            content = st.spans.get(q.content_span_id)
            if q.status == "suggested" and content is not None:
                out.append((content.start, "quote", q.id))
        return sorted(out)

    def target_suggestion(self) -> Item | None:
        """The selected suggestion, else the suggestion under the caret (innermost first)."""
        st, wb = self.wb.state, self.wb
        if st is None:
            return None
        if wb.selected is not None and self._is_suggestion(wb.selected):
            return wb.selected
        for s in st.spans_at(self._caret()):
            if s.status != "suggested":
                continue
            if s.layer == "entity":
                return ("span", s.id)
            if s.id in st.quote_by_span:
                return ("quote", st.quote_by_span[s.id])
        return None

    def _is_suggestion(self, item: Item) -> bool:
        st = self.wb.state
        assert st is not None
        kind, item_id = item
        row = st.spans.get(item_id) if kind == "span" else st.quotes.get(item_id) if kind == "quote" else None
        return row is not None and row.status == "suggested"

    def _start_of(self, item: Item) -> int:
        st = self.wb.state
        assert st is not None
        kind, item_id = item
        sid = item_id if kind == "span" else st.quotes[item_id].content_span_id
        return st.spans[sid].start

    # --- annotate all ----------------------------------------------------------------------------

    def annotate_all(self, scope: str) -> int:
        """Suggest the target mention's label on its other occurrences; returns how many."""
        wb = self.wb
        mention = self.target_mention()
        if wb.state is None or mention is None:
            self._say("Select a mention first (click it or Tab to it), then annotate all its occurrences")
            return 0
        surface = wb.state.span_text(mention.id, 40)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = propagate(
                wb.store,
                wb.annotator_id,
                span_id=mention.id,
                scope="project" if scope == "project" else "article",
            )
        except Exception as e:  # CommandError, a locked project ...
            self._say(f"Annotate all failed: {e}")
            return 0
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not found:
            where = "this article" if scope == "article" else "the project"
            self._say(f"No other unlabelled occurrence of “{surface}” in {where}")
            return 0
        docs = {c.doc_id for c in found}
        if len(found) > CONFIRM_OVER and not self.confirm(
            f"Suggest {mention.label} on {len(found):,} occurrences of “{surface}” in {len(docs):,} articles?"
        ):
            return 0
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pushed = wb.push(propagate_command(wb.store, wb.annotator_id, found))
        finally:
            QGuiApplication.restoreOverrideCursor()
        if pushed is None:
            return 0
        where = (
            f"{len(docs)} article{'s' if len(docs) != 1 else ''}" if scope == "project" else "this article"
        )
        here = sum(1 for c in found if c.doc_id == mention.doc_id)
        self._say(
            f"Suggested {mention.label} on {len(found)} occurrence{'s' if len(found) != 1 else ''} of "
            f"“{surface}” in {where} ({here} here): Y accepts, N rejects"
        )
        return len(found)

    # --- accept and reject -------------------------------------------------------------------------

    def decide(self, accepted: bool) -> None:
        """Accept or reject the suggestion at hand, then select the next one in reading order."""
        wb = self.wb
        item = self.target_suggestion()
        if wb.state is None or item is None:
            self._say("No suggestion here: ] selects the next one")
            return
        at = self._start_of(item)
        spans, quotes = ([item[1]], []) if item[0] == "span" else ([], [item[1]])
        command = accept(wb.store, spans, quotes) if accepted else reject(wb.store, spans, quotes)
        if wb.push(command) is None:
            return
        wb.view.clear_selection()
        left = self.suggestions()
        nxt = next((s for s in left if s[0] >= at), left[0] if left else None)
        if nxt is None:
            self._say(f"{'Accepted' if accepted else 'Rejected'}; no suggestions left in this article")
            wb.clear_selection()
            return
        wb.select(nxt[1], nxt[2])

    def decide_all(self, accepted: bool) -> int:
        """Accept or reject every open suggestion of this article as one undoable command."""
        wb = self.wb
        items = self.suggestions()
        if wb.state is None or not items:
            self._say("No suggestions in this article")
            return 0
        spans = [i for _, kind, i in items if kind == "span"]
        quotes = [i for _, kind, i in items if kind == "quote"]
        command = accept(wb.store, spans, quotes) if accepted else reject(wb.store, spans, quotes)
        if wb.push(command) is None:
            return 0
        self._say(f"{command.text} in this article")
        return len(items)

    def go_suggestion(self, step: int) -> None:
        """Select the next (``step=1``) or previous suggestion after the current one or the caret."""
        items = self.suggestions()
        if not items:
            self._say("No suggestions in this article")
            return
        cur = self.wb.selected
        if cur is not None and self.wb.state is not None and self._is_suggestion(cur):
            row = items.index((self._start_of(cur), cur[0], cur[1])) + step
        else:  # from the caret: the first suggestion at or after it, or the last one before it
            caret = self._caret()
            after = [n for n, (a, _, _) in enumerate(items) if a >= caret]
            row = (after[0] if after else 0) if step > 0 else (after[0] - 1 if after else -1)
        _, kind, item_id = items[row % len(items)]
        self.wb.view.clear_selection()
        self.wb.select(kind, item_id)

    # --- suggestion runs ---------------------------------------------------------------------------

    def suggest_article(self) -> int:
        """Gazetteer mentions and quote candidates for this article as one undoable command."""
        wb = self.wb
        if wb.state is None:
            return 0
        try:
            batch = suggest_article_command(wb.store, wb.state.doc.id, wb.annotator_id, KINDS)
        except Exception as e:
            self._say(f"Suggesting failed: {e}")
            return 0
        if not batch.commands:
            self._say("Nothing new to suggest in this article")
            return 0
        if wb.push(batch) is None:
            return 0
        self._say(f"{batch.text}: ] goes to the first, Y accepts, N rejects")
        return len(batch.commands)

    def suggest_project(self) -> Task | None:
        """Run the core's project runner in a worker thread behind a progress dialog with Cancel."""
        wb = self.wb
        if self.task is not None:
            self._say("Suggestions for the project are already running")
            return None
        store, who = wb.store, wb.annotator_id

        def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> SuggestReport:
            return suggest_project_run(store, who, KINDS, progress, cancelled)

        task = Task(job, self)
        self.task = task
        task.finished.connect(self._project_done)
        ProgressDialog(task, "Suggesting mentions and quotes in every article…", wb.window())
        task.start()
        return task

    def shutdown(self) -> None:
        """Stop a running project task and wait for it (before the project is closed)."""
        if self.task is not None:
            self.task.cancel()
            self.task.wait()

    def _project_done(self) -> None:
        task, self.task = self.task, None
        if task is None:
            return
        report: SuggestReport | None = task.result
        wb = self.wb
        doc = wb.current_document()
        if doc is not None:  # rows were added outside the undo stack: show them
            wb.set_document(doc)
        if task.outcome == "failed":
            self._say(f"Suggesting in the project failed: {task.error}")
        elif report is not None:
            verb = "Stopped after" if report.cancelled else "Done:"
            self._say(
                f"{verb} {report.articles:,} of {report.total:,} articles: {report.spans:,} mentions and "
                f"{report.quotes:,} quotes suggested"
            )
        else:
            self._say("Suggesting in the project was cancelled")
        self.projectSuggested.emit(report)
        task.wait()  # finished is emitted as the thread ends; let it end before deleting it
        task.deleteLater()
