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

"Import name list…" stores a name list (what ``annotator gazetteer import`` reads) as canonical
entities with aliases, one undoable command, so the gazetteer suggests those names from then on;
"Pre-annotate new articles when opened" (off by default) suggests mentions and quotes as soon as
an article nobody has started is shown. Rejected suggestions are kept as rejected rows by the
core and never proposed again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from annotator.commands import Batch, Changes
from annotator.suggest import (
    KINDS,
    SpanCandidate,
    SuggestReport,
    accept,
    propagate,
    propagate_command,
    reject,
)
from annotator.suggest import suggest_article as suggest_article_command
from annotator.suggest import suggest_project as suggest_project_run
from annotator.suggest.gazetteer import import_command, read_names
from annotator.suggest.propagate import candidate_docs, find_candidates
from ui.command_text import command_text
from ui.i18n import QT_TRANSLATE_NOOP
from ui.schema_names import entity_choice
from ui.settings import Settings
from ui.workers import Cancelled, ProgressDialog, Task

if TYPE_CHECKING:
    from annotator.store import SpanRow
    from ui.workbench import Workbench

Item = tuple[str, int]  # ("span" | "quote", id), as Workbench.selected
#: annotate-all asks first above this many occurrences (a project-wide edit of that size takes a while)
CONFIRM_OVER = 300
#: project-wide annotate-all searches in a worker when more articles than this may hold the name
BACKGROUND_OVER = 100
FIND_CHUNK = 50  # articles searched between two progress reports (and cancel checks)
PREANNOTATE_KEY = "assist/preannotateNewArticles"


def fill(template: str, *args: object) -> str:
    """A translated template with ``%1``, ``%2`` … replaced (Qt's placeholders, kept by translators)."""
    for n in range(len(args), 0, -1):  # %10 before %1
        template = template.replace(f"%{n}", str(args[n - 1]))
    return template


class AssistController(QObject):
    """The assistance actions of one Workbench; ``actions()`` lists them for menus and the sheet."""

    #: a project-wide run ended (its ``SuggestReport``); rows were written outside the undo stack
    projectSuggested = Signal(object)
    #: a project-wide annotate-all in the background ended: how many suggestions it added
    annotateAllDone = Signal(int)

    def __init__(self, wb: Workbench) -> None:
        super().__init__(wb)
        self.wb = wb
        self.task: Task | None = None
        self._actions: list[QAction] = []
        self._sources: dict[QAction, str] = {}  # each action's English text, to translate again
        #: asks the user a yes/no question (replaceable, e.g. by tests)
        self.confirm: Callable[[str], bool] = self._ask
        add = self._add
        add(
            QT_TRANSLATE_NOOP("AssistController", "Annotate all occurrences in this article"),
            ["O"],
            lambda: self.annotate_all("article"),
            "annotateAllArticle",
        )
        add(
            QT_TRANSLATE_NOOP("AssistController", "Annotate all occurrences in the project"),
            ["Shift+O"],
            lambda: self.annotate_all("project"),
            "annotateAllProject",
        )
        add(
            QT_TRANSLATE_NOOP("AssistController", "Accept suggestion and go to next"),
            ["Y"],
            lambda: self.decide(True),
            "acceptAndNext",
        )
        add(
            QT_TRANSLATE_NOOP("AssistController", "Reject suggestion and go to next"),
            ["N"],
            lambda: self.decide(False),
            "rejectAndNext",
        )
        add(
            QT_TRANSLATE_NOOP("AssistController", "Accept all suggestions in this article"),
            ["Shift+Y"],
            lambda: self.decide_all(True),
            "acceptAll",
        )
        add(
            QT_TRANSLATE_NOOP("AssistController", "Reject all suggestions in this article"),
            ["Shift+N"],
            lambda: self.decide_all(False),
            "rejectAll",
        )
        add(
            QT_TRANSLATE_NOOP("AssistController", "Next suggestion"),
            ["]"],
            lambda: self.go_suggestion(1),
            "nextSuggestion",
        )
        add(
            QT_TRANSLATE_NOOP("AssistController", "Previous suggestion"),
            ["["],
            lambda: self.go_suggestion(-1),
            "previousSuggestion",
        )
        add(
            QT_TRANSLATE_NOOP("AssistController", "Suggest mentions and quotes in this article"),
            ["G"],
            self.suggest_article,
            "suggestArticle",
        )
        add(
            QT_TRANSLATE_NOOP("AssistController", "Suggest in the whole project…"),
            ["Ctrl+Shift+G"],
            self.suggest_project,
            "suggestProject",
        )
        add(
            QT_TRANSLATE_NOOP("AssistController", "Import name list…"),
            [],
            self.import_name_list,
            "importNameList",
        )
        self.preannotate = add(
            QT_TRANSLATE_NOOP("AssistController", "Pre-annotate new articles when opened"),
            [],
            lambda: None,
            "preannotateNewArticles",
        )
        self.preannotate.setCheckable(True)
        settings = Settings()  # the choice is the user's, kept across sessions and projects
        self.preannotate.setChecked(bool(settings.qs.value(PREANNOTATE_KEY, False, type=bool)))

        def keep(on: bool) -> None:
            settings.qs.setValue(PREANNOTATE_KEY, bool(on))
            settings.qs.sync()

        self.preannotate.toggled.connect(keep)
        #: picks a name list to import (replaceable, e.g. by tests); "" when cancelled
        self.choose_file: Callable[[], str] = self._choose_file
        #: picks the label for names given without one; ``None`` when cancelled
        self.choose_label: Callable[[str], str | None] = self._choose_label
        #: shows the outcome of an import (message, whether it is a warning)
        self.inform: Callable[[str, bool], None] = self._inform
        wb.view.firstPaint.connect(self._article_shown)
        wb.installEventFilter(self)  # the Workbench's LanguageChange re-sets the actions' texts

    def _add(self, text: str, keys: list[str], slot: Callable[[], object], name: str) -> QAction:
        act = QAction(self.tr(text), self.wb)
        self._sources[act] = text
        act.setObjectName(name)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(lambda _c=False: slot())
        self.wb.addAction(act)
        self._actions.append(act)
        return act

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(self.wb.window(), self.tr("Annotate all occurrences"), question)
        return answer == QMessageBox.StandardButton.Yes

    def retranslate(self) -> None:
        """Set the actions' texts in the current interface language (after a language change)."""
        for act, text in self._sources.items():
            act.setText(self.tr(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.wb and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

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
        """Suggest the target mention's label on its other occurrences; returns how many.

        Over the project, when more than ``BACKGROUND_OVER`` articles may hold the name, finding
        and writing run in a worker behind a progress dialog (Cancel stops the search); this
        returns 0 at once and ``annotateAllDone`` gives the count at the end. Either way the
        suggestions are one command on the undo stack."""
        wb = self.wb
        mention = self.target_mention()
        if wb.state is None or mention is None:
            self._say(
                self.tr("Select a mention first (click it or Tab to it), then annotate all its occurrences")
            )
            return 0
        surface = wb.state.span_text(mention.id, 40)
        if scope == "project" and self.task is not None:
            self._say(self.tr("Wait until the running task has ended"))
            return 0
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if scope == "project":
                phrase = wb.state.text[mention.start : mention.end]
                docs = candidate_docs(wb.store, phrase)
                if len(docs) > BACKGROUND_OVER:
                    self._find_in_background(mention, phrase, surface, docs)
                    return 0
            found = propagate(
                wb.store,
                wb.annotator_id,
                span_id=mention.id,
                scope="project" if scope == "project" else "article",
            )
        except Exception as e:  # CommandError, a locked project ...
            self._say(fill(self.tr("Annotate all failed: %1"), e))
            return 0
        finally:
            QGuiApplication.restoreOverrideCursor()
        return self._propose(mention, surface, found, scope, background=False)

    def _find_in_background(self, mention: SpanRow, phrase: str, surface: str, docs: list[int]) -> None:
        store, who = self.wb.store, self.wb.annotator_id
        label, entity_id = mention.label, mention.entity_id

        def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> list[SpanCandidate]:
            found: list[SpanCandidate] = []
            progress(0, len(docs))
            for at in range(0, len(docs), FIND_CHUNK):
                if cancelled():
                    raise Cancelled
                chunk = docs[at : at + FIND_CHUNK]
                found += find_candidates(store, who, phrase, label, chunk, entity_id=entity_id)
                progress(at + len(chunk), len(docs))
            return found

        task = Task(job, self)
        self.task = task
        task.finished.connect(lambda: self._found(task, mention, surface))
        ProgressDialog(
            task, fill(self.tr("Finding “%1” in %2 articles…"), surface, f"{len(docs):,}"), self.wb.window()
        )
        task.start()

    def _found(self, task: Task, mention: SpanRow, surface: str) -> None:
        ours = self.task is task
        self.task = None if ours else self.task
        task.wait()
        task.deleteLater()
        if not ours:  # shut down meanwhile
            return
        n = 0
        if task.outcome == "cancelled":
            self._say(self.tr("Annotate all was cancelled; nothing was suggested"))
        elif task.outcome == "failed":
            self._say(fill(self.tr("Annotate all failed: %1"), task.error))
        else:
            n = self._propose(mention, surface, task.result, "project", background=True)
        if n == 0 or task.outcome != "succeeded":
            self.annotateAllDone.emit(0)

    def _propose(
        self, mention: SpanRow, surface: str, found: list[SpanCandidate], scope: str, *, background: bool
    ) -> int:
        """Ask before a large edit, then add the candidates as one undoable command of suggestions."""
        wb = self.wb
        if not found:
            none = (
                self.tr("No other unlabelled occurrence of “%1” in this article")
                if scope == "article"
                else self.tr("No other unlabelled occurrence of “%1” in the project")
            )
            self._say(fill(none, surface))
            return 0
        docs = {c.doc_id for c in found}
        if len(found) > CONFIRM_OVER and not self.confirm(
            fill(
                self.tr("Suggest %1 on %2 occurrences of “%3” in %4 articles?"),
                mention.label,
                f"{len(found):,}",
                surface,
                f"{len(docs):,}",
            )
        ):
            return 0
        batch = propagate_command(wb.store, wb.annotator_id, found)
        here = sum(1 for c in found if c.doc_id == mention.doc_id)
        done = fill(
            self.tr("Suggested %1 on %2 occurrences of “%3” in %4 articles (%5 here): Y accepts, N rejects")
            if scope == "project"
            else self.tr("Suggested %1 on %2 occurrences of “%3” in this article: Y accepts, N rejects"),
            mention.label,
            len(found),
            surface,
            len(docs),
            here,
        )
        if background:  # thousands of rows take a while to write: in the worker too
            self._write_in_background(batch, len(found), done)
            return len(found)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pushed = wb.push(batch)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if pushed is None:
            return 0
        self._say(done)
        return len(found)

    def _write_in_background(self, batch: Batch, n: int, done: str) -> None:
        store, who = self.wb.store, self.wb.undo.who

        def job(_progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> Changes:
            return store.run(batch, who)  # one transaction: it cannot stop half-way

        task = Task(job, self)
        self.task = task
        task.finished.connect(lambda: self._written(task, batch, n, done))
        ProgressDialog(
            task, fill(self.tr("Adding %1 suggestions…"), f"{n:,}"), self.wb.window(), cancellable=False
        )
        task.start()

    def _written(self, task: Task, batch: Batch, n: int, done: str) -> None:
        ours = self.task is task
        self.task = None if ours else self.task
        task.wait()
        task.deleteLater()
        if not ours:  # shut down meanwhile: the project is being closed
            return
        if task.outcome != "succeeded":
            self._say(fill(self.tr("%1 failed: %2"), command_text(batch.text), task.error))
            self.annotateAllDone.emit(0)
            return
        self.wb.undo.record(batch, task.result)  # undone like any edit, without doing it again
        self._say(done)
        self.annotateAllDone.emit(n)

    # --- accept and reject -------------------------------------------------------------------------

    def decide(self, accepted: bool) -> None:
        """Accept or reject the suggestion at hand, then select the next one in reading order."""
        wb = self.wb
        item = self.target_suggestion()
        if wb.state is None or item is None:
            self._say(self.tr("No suggestion here: ] selects the next one"))
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
            self._say(
                self.tr("Accepted; no suggestions left in this article")
                if accepted
                else self.tr("Rejected; no suggestions left in this article")
            )
            wb.clear_selection()
            return
        wb.select(nxt[1], nxt[2])

    def decide_all(self, accepted: bool) -> int:
        """Accept or reject every open suggestion of this article as one undoable command."""
        wb = self.wb
        items = self.suggestions()
        if wb.state is None or not items:
            self._say(self.tr("No suggestions in this article"))
            return 0
        spans = [i for _, kind, i in items if kind == "span"]
        quotes = [i for _, kind, i in items if kind == "quote"]
        command = accept(wb.store, spans, quotes) if accepted else reject(wb.store, spans, quotes)
        if wb.push(command) is None:
            return 0
        self._say(fill(self.tr("%1 in this article"), command_text(command.text)))
        return len(items)

    def go_suggestion(self, step: int) -> None:
        """Select the next (``step=1``) or previous suggestion after the current one or the caret."""
        items = self.suggestions()
        if not items:
            self._say(self.tr("No suggestions in this article"))
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
            self._say(fill(self.tr("Suggesting failed: %1"), e))
            return 0
        if not batch.commands:
            self._say(self.tr("Nothing new to suggest in this article"))
            return 0
        if wb.push(batch) is None:
            return 0
        self._say(fill(self.tr("%1: ] goes to the first, Y accepts, N rejects"), command_text(batch.text)))
        return len(batch.commands)

    def suggest_project(self) -> Task | None:
        """Run the core's project runner in a worker thread behind a progress dialog with Cancel."""
        wb = self.wb
        if self.task is not None:
            self._say(self.tr("Suggestions for the project are already running"))
            return None
        store, who = wb.store, wb.annotator_id

        def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> SuggestReport:
            return suggest_project_run(store, who, KINDS, progress, cancelled)

        task = Task(job, self)
        self.task = task
        task.finished.connect(self._project_done)
        ProgressDialog(task, self.tr("Suggesting mentions and quotes in every article…"), wb.window())
        task.start()
        return task

    # --- name lists and new articles -------------------------------------------------------------

    def import_name_list(self, path: str | Path | None = None) -> int:
        """Store a name list as canonical entities with aliases (one undoable command); returns how
        many entities were created or given new aliases. ``.txt``: a name a line, aliases after
        ``|``, one label asked for; ``.tsv``: name, label, aliases (the label asked for when empty)."""
        wb = self.wb
        chosen = str(path) if path is not None else self.choose_file()
        if not chosen:
            return 0
        file = Path(chosen)
        try:
            label = None if file.suffix.lower() == ".tsv" else self.choose_label(file.name)
            if label is None and file.suffix.lower() != ".tsv":
                return 0
            entries, errors = read_names(file, label)
            if label is None and any("no label" in e for e in errors):
                label = self.choose_label(file.name)
                if label is None:
                    return 0
                entries, errors = read_names(file, label)
            batch, more = import_command(wb.store, entries)
        except (OSError, UnicodeDecodeError) as e:
            self.inform(fill(self.tr("Cannot read the name list %1: %2"), file.name, e), True)
            return 0
        errors += more
        if batch.commands:
            try:
                wb.undo.push(batch)  # not Workbench.push: importing names starts no article
            except Exception as e:  # a locked or read-only project ...
                self.inform(fill(self.tr("Importing %1 failed: %2"), file.name, e), True)
                return 0
        n = len(batch.commands)
        summary = (
            fill(
                self.tr(
                    "%1 names imported from %2: G suggests them in this article, Ctrl+Shift+G in every article"
                ),
                n,
                file.name,
            )
            if n
            else fill(self.tr("Nothing new in %1"), file.name)
        )
        self._say(summary)
        if errors:
            rest = fill(self.tr("… and %1 more"), len(errors) - 20) if len(errors) > 20 else ""
            shown = "\n".join([*errors[:20], *([rest] if rest else [])])
            self.inform(f"{summary}.\n\n{self.tr('Skipped lines:')}\n{shown}", True)
        return n

    def _choose_file(self) -> str:
        chosen, _filter = QFileDialog.getOpenFileName(
            self.wb.window(),
            self.tr("Import name list"),
            "",
            self.tr("Name lists (*.txt *.tsv);;All files (*)"),
        )
        return chosen

    def _choose_label(self, file_name: str) -> str | None:
        schema = self.wb.store.schema
        items = [entity_choice(et) for et in schema.entities]
        item, ok = QInputDialog.getItem(
            self.wb.window(),
            self.tr("Import name list"),
            fill(self.tr("Entity type of the names in %1:"), file_name),
            items,
            0,
            False,
        )
        return schema.entities[items.index(item)].label if ok and item in items else None

    def _inform(self, message: str, warning: bool) -> None:
        box = QMessageBox.warning if warning else QMessageBox.information
        box(self.wb.window(), self.tr("Import name list"), message)

    def _article_shown(self) -> None:
        """Pre-annotate an article nobody has started yet, when that option is on (undoable; the
        article stays "not started" until the annotator edits it)."""
        wb = self.wb
        if not self.preannotate.isChecked() or wb.state is None:
            return
        doc = wb.state.doc.id
        try:
            if wb.store.doc_status(doc, wb.annotator_id)[0] != "not_started":
                return
            batch = suggest_article_command(wb.store, doc, wb.annotator_id, KINDS)
            if batch.commands:
                wb.undo.push(batch)
        except Exception as e:
            self._say(fill(self.tr("Pre-annotating failed: %1"), e))
            return
        if batch.commands:
            self._say(
                fill(
                    self.tr("%1: ] goes to the first, Y accepts, N rejects, Ctrl+Z removes them"),
                    command_text(batch.text),
                )
            )

    def shutdown(self) -> None:
        """Stop a running project task and wait for it (before the project is closed)."""
        task, self.task = self.task, None
        if task is not None:
            task.cancel()
            task.wait()  # its finished() is still queued: the handlers see the task is no longer ours

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
            self._say(fill(self.tr("Suggesting in the project failed: %1"), task.error))
        elif report is not None:
            summary = (
                self.tr("Stopped after %1 of %2 articles: %3 mentions and %4 quotes suggested")
                if report.cancelled
                else self.tr("Done: %1 of %2 articles: %3 mentions and %4 quotes suggested")
            )
            self._say(
                fill(
                    summary,
                    f"{report.articles:,}",
                    f"{report.total:,}",
                    f"{report.spans:,}",
                    f"{report.quotes:,}",
                )
            )
        else:
            self._say(self.tr("Suggesting in the project was cancelled"))
        self.projectSuggested.emit(report)
        task.wait()  # finished is emitted as the thread ends; let it end before deleting it
        task.deleteLater()
