"""The annotation workbench: one article's text with its entities, quotes and stances.

A thin layer: every edit is a core command pushed through the project's UndoAdapter, and every
view refreshes from the ``Changes`` the adapter announces (so undo and redo from the shell's Edit
menu refresh it the same way). Keys (shortcuts are active while the article view or a panel has
focus):

* a label's key from the schema (1–6 by default) tags the selected text, snapped to whole words
  without attached proclitics (و ف ب ل ك); **Alt**+key keeps the exact selection. With no text
  selected the key relabels the selected mention. (Shift is not used: Shift+1 types "!".)
* Tab / Shift+Tab select the next / previous mention; a click selects the span under it;
  Delete or Backspace deletes the selected mention, quote or stance (a suggestion is rejected);
  A accepts a selected suggestion; L links the mention to a canonical entity; Esc clears.
* Q makes the selection a quote, S the evidence of a new stance; the form beside the text picks
  speaker/holder by a click on a mention; with a form open, E puts the selected text into it
  (more evidence, or the quote's new content boundaries), C makes it the quote's cue, and
  Delete in the evidence list removes one; Enter saves, Esc cancels.
* Enter on a selected quote or stance (or on its panel row) opens its form to edit it.
* Ctrl+Enter asks the shell to mark the article done.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from annotator.commands import (
    AddSpan,
    Changes,
    Command,
    DeleteQuote,
    DeleteSpan,
    DeleteStance,
    SetDocStatus,
    SetSpanLabel,
)
from annotator.store import Store
from annotator.suggest.run import accept, reject
from ui.article_view import ArticleView
from ui.command_text import command_text
from ui.dialogs import LinkDialog, QuoteEditor, StanceEditor
from ui.docstate import ArticleState
from ui.highlight import Highlighter
from ui.panels import SidePanel
from ui.snapping import Snapper
from ui.tooltips import tooltip_text
from ui.undo import UndoAdapter
from ui.workbench_actions import make_actions, retranslate_actions
from ui.workbench_forms import FormsMixin
from ui.worktime import WorkTimer


class _View(ArticleView):
    """The article view plus the one key the shell may also bind (Ctrl+Enter, handled unbound)."""

    markDone = Signal()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if (
            e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and e.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.markDone.emit()
            return
        super().keyPressEvent(e)


class Workbench(FormsMixin, QWidget):
    documentEdited = Signal(int)
    statusMessage = Signal(str)
    markDoneRequested = Signal()

    def __init__(
        self, store: Store, undo: UndoAdapter, annotator_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store, self.undo, self.annotator_id = store, undo, annotator_id
        self.state: ArticleState | None = None
        self.highlighter: Highlighter | None = None
        self.selected: tuple[str, int] | None = None  # ("span" | "quote" | "stance", id)
        self.editor: QuoteEditor | StanceEditor | None = None
        self.link_dialog: LinkDialog | None = None
        self.snapper: Snapper | None = None
        self._started = False
        self._unknown_labels = False
        self.title = QLabel()
        self.title.setObjectName("articleTitle")
        self.title.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setObjectName("workbenchMessage")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fdecea; color:#8a1c1c; padding:4px; border-radius:3px")
        self.banner.hide()
        self.view = _View(self)
        self.view.tooltip_for = self._tooltip
        self.panel = SidePanel(self)
        self.side = QWidget()
        self.side_layout = QVBoxLayout(self.side)
        self.side_layout.setContentsMargins(0, 0, 0, 0)
        self.side_layout.addWidget(self.panel, 1)
        self.side_layout.addWidget(self.panel.summary)
        self.side.setMinimumWidth(260)  # room for a form's fields and a readable panel row
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setObjectName("workbenchSplitter")
        split.addWidget(self.view)
        split.addWidget(self.side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.title)
        lay.addWidget(self.banner)
        lay.addWidget(split, 1)
        self.timer = WorkTimer(self)
        for w in (self.view.viewport(), self.view, self.panel):
            w.installEventFilter(self.timer)
        self._actions = make_actions(self)
        self.view.clicked.connect(self._on_click)
        self.view.firstPaint.connect(self._start_background)
        self.view.markDone.connect(self.markDoneRequested.emit)
        self.panel.mention_list.picked.connect(self.select)
        self.panel.quote_list.picked.connect(self.select)
        self.panel.stance_list.picked.connect(self.select)
        for lst in self.panel.lists.values():
            lst.deleteRequested.connect(self._delete_item)
            lst.editRequested.connect(self._edit_item)
        self.panel.articleStanceChosen.connect(self.set_article_stance)
        undo.changed.connect(self._on_changed)
        undo.failed.connect(self._show_banner)  # the shell reports it in its status bar
        self.setEnabled(False)

    # --- public API ----------------------------------------------------------------------------

    def set_document(self, doc_id: int | None) -> None:
        """Show an article (``None``: none); the time spent on the previous one is saved."""
        self.flush_time()
        self._close_editor()
        self.selected = None
        self.state = self.highlighter = None
        self.view.highlighter = None
        if self.snapper is not None:
            self.snapper.stop()
            self.snapper.deleteLater()
            self.snapper = None
        self.panel.set_state(None)
        self.banner.hide()
        self._unknown_labels = False
        if doc_id is None:
            self.view.set_article("")
            self.title.clear()
            self.setEnabled(False)
            return
        try:
            doc = self.store.document(doc_id)
            state = ArticleState(self.store, doc, self.annotator_id)
            self.view.set_article(doc.text)
        except Exception as e:  # a missing article, an unreadable project ...
            self.view.set_article("")
            self.setEnabled(False)
            self._error(self.tr("Cannot open article %1: %2").replace("%1", str(doc_id)).replace("%2", str(e)))
            return
        self.state = state
        self.highlighter = Highlighter(self.view, self.state, self.view.positions, self.store.schema)
        self.view.highlighter = self.highlighter
        self.panel.set_state(self.state)
        # the date isolated left to right: in the Arabic title's line "2021-07-23" showed as 23-07-2021
        date = f"\u2066{doc.published}\u2069" if doc.published else ""
        meta = " · ".join(x for x in (doc.source, date) if x)
        self.title.setText(
            f"<b>{escape(doc.title)}</b>"
            + (f"  <span style='color:gray'>{escape(meta)}</span>" if meta else "")
        )
        self.title.setVisible(bool(doc.title or meta))
        self.snapper = Snapper(self.store, doc.text, self)
        self._started = False
        self.setEnabled(True)
        self.timer.start()
        self._warn_unknown_labels()

    def _warn_unknown_labels(self) -> None:
        """Spans whose label the schema no longer has are shown (grey) and can be relabelled; say so."""
        st = self.state
        unknown = sorted({s.label for s in st.spans.values()
                          if s.layer == "entity" and self.store.schema.entity(s.label) is None}) if st else []
        self._unknown_labels = bool(unknown)
        if unknown and st is not None:
            n = sum(1 for s in st.spans.values() if s.layer == "entity" and s.label in unknown)
            self._show_banner(
                self.tr("%1 mention(s) carry labels that are not in the project's schema (%2): they are "
                        "drawn in grey. Select one and press a label key to relabel it.")
                .replace("%1", str(n)).replace("%2", ", ".join(unknown))
            )

    def set_annotator(self, annotator_id: int) -> None:
        doc = self.current_document()
        self.flush_time()
        self.annotator_id = annotator_id
        self.set_document(doc)

    def current_document(self) -> int | None:
        return self.state.doc.id if self.state else None

    def actions(self) -> list[QAction]:
        return list(self._actions)

    def set_font_size(self, pt: int) -> None:
        self.view.set_point_size(pt)

    def flush_time(self) -> None:
        """Add the active seconds on the open article to its status row (not an undoable edit)."""
        seconds = self.timer.take()
        if self.state is not None and seconds >= 1.0:
            self._run_direct(SetDocStatus(self.state.doc.id, self.annotator_id, add_seconds=seconds))

    # --- actions -------------------------------------------------------------------------------

    # --- running commands ------------------------------------------------------------------------

    def push(self, command: Command) -> Changes | None:
        """Run an edit through the undo stack; a refused edit becomes a visible message."""
        try:
            changes = self.undo.push(command)
        except Exception as e:  # CommandError, a locked or read-only project ...
            self._error(self.tr("%1 failed: %2").replace("%1", command_text(command.text)).replace("%2", str(e)))
            return None
        self.banner.hide()
        if self._unknown_labels:  # still some mentions with labels not in the schema?
            self._warn_unknown_labels()
        if self.state is not None:
            doc_id = self.state.doc.id
            if not self._started:  # the first edit puts a not-started article in progress
                self._started = True
                if self.store.doc_status(doc_id, self.annotator_id)[0] == "not_started":
                    self._run_direct(SetDocStatus(doc_id, self.annotator_id, status="in_progress"))
            self.documentEdited.emit(doc_id)
        return changes

    def _run_direct(self, command: Command) -> None:
        try:
            self.store.run(command, self.annotator_id)
        except Exception as e:
            self._error(self.tr("%1 failed: %2").replace("%1", command_text(command.text)).replace("%2", str(e)))

    def _error(self, message: str) -> None:
        self._show_banner(message)
        self.statusMessage.emit(message)

    def _show_banner(self, message: str) -> None:
        self.banner.setText(message)
        self.banner.show()

    def _on_changed(self, changes: Changes) -> None:
        st = self.state
        if st is None or not (
            changes.docs & {st.doc.id} or changes.spans or changes.entities or changes.quotes
        ):
            return
        delta = st.apply(changes)
        if not delta:
            return
        assert self.highlighter is not None
        self.highlighter.update_spans(delta.old_spans, delta.new_spans)
        if delta.relinked:
            self.highlighter.refresh_spans(delta.relinked)
        self.panel.apply(delta)
        if delta.entities and self.snapper is not None:
            self.snapper.restart()
        if self.selected and not self._exists(*self.selected):
            self.selected = None
        self._show_selection()

    def _exists(self, kind: str, item_id: int) -> bool:
        st = self.state
        assert st is not None
        table: dict[int, object] = {"span": st.spans, "quote": st.quotes, "stance": st.stances}[kind]  # type: ignore[assignment]
        return item_id in table

    # --- selection ---------------------------------------------------------------------------------

    def select(self, kind: str, item_id: int, *, scroll: bool = True) -> None:
        """Select a span, quote or stance: emphasise it, show it in its panel, scroll to it."""
        self.selected = (kind, item_id)
        self._show_selection()
        rng = self._range_of(kind, item_id)
        if scroll and rng is not None:
            self.view.show_range(*rng)

    def clear_selection(self) -> None:
        if self.editor is not None:
            self._close_editor()
            return
        self.selected = None
        self.view.clear_selection()
        self._show_selection()

    def _range_of(self, kind: str, item_id: int) -> tuple[int, int] | None:
        st = self.state
        assert st is not None
        sid: int | None = item_id
        if kind == "quote":
            sid = st.quotes[item_id].content_span_id
        elif kind == "stance":
            s = st.stances[item_id]
            sid = s.evidence_span_ids[0] if s.evidence_span_ids else s.holder_span_id
        span = st.spans.get(sid) if sid is not None else None
        return (span.start, span.end) if span else None

    def _show_selection(self) -> None:
        st, hl = self.state, self.highlighter
        if st is None or hl is None:
            return
        chosen: set[int] = set()
        related: set[int] = set()
        kind, item_id = self.selected or ("", 0)
        if kind == "span":
            chosen.add(item_id)
        elif kind == "quote":
            q = st.quotes[item_id]
            chosen.add(q.content_span_id)
            related |= {i for i in (q.cue_span_id, q.speaker_span_id) if i is not None}
        elif kind == "stance":
            s = st.stances[item_id]
            related |= set(s.evidence_span_ids) | ({s.holder_span_id} if s.holder_span_id else set())
        hl.set_emphasis(chosen, related, stance=kind == "stance")
        self.panel.show_selected(kind or None, item_id if kind else None)

    def _on_click(self, cp: int) -> None:
        st = self.state
        if st is None:
            return
        mention = st.mention_at(cp)
        if self.editor is not None and mention is not None:
            self.editor.pick_mention(mention.id)
            return
        for s in st.spans_at(cp):
            if s.layer == "entity":
                self.select("span", s.id, scroll=False)
                return
            if s.id in st.quote_by_span:
                self.select("quote", st.quote_by_span[s.id], scroll=False)
                return
            if s.id in st.stance_by_span:
                self.select("stance", st.stance_by_span[s.id], scroll=False)
                return
        if self.selected is not None:
            self.selected = None
            self._show_selection()

    def cycle(self, step: int) -> None:
        st = self.state
        if st is None or not st.mention_keys:
            return
        ids = st.mention_keys
        if self.selected and self.selected[0] == "span" and (row := st.mention_row(self.selected[1])) >= 0:
            row = (row + step) % len(ids)
        else:
            caret = self.view.positions.to_cp(self.view.textCursor().position())
            row = next((i for i, k in enumerate(ids) if k[0] >= caret), 0) if step > 0 else len(ids) - 1
        self.view.clear_selection()
        self.select("span", ids[row][2])

    # --- entity edits ------------------------------------------------------------------------------

    def tag(self, label: str, *, exact: bool = False) -> None:
        st = self.state
        if st is None:
            return
        rng = self.view.selection()
        if rng is None:
            if self.selected and self.selected[0] == "span" and st.spans[self.selected[1]].layer == "entity":
                if st.spans[self.selected[1]].label != label:
                    self.push(SetSpanLabel(self.selected[1], label=label))
            else:
                self.statusMessage.emit(self.tr("Select text (or a mention) first"))
            return
        if not exact and self.snapper is not None:
            rng = self.snapper.snap(*rng)
            if rng is None:
                self.statusMessage.emit(self.tr("Nothing to tag: the selection holds no word"))
                return
        cmd = AddSpan(st.doc.id, self.annotator_id, rng[0], rng[1], label)
        if self.push(cmd) is not None and cmd.span_id is not None:
            self.view.clear_selection()
            self.select("span", cmd.span_id, scroll=False)

    def delete_selected(self) -> None:
        focus = self.focusWidget()
        if self.editor is not None and focus is not None and self.editor.isAncestorOf(focus):
            # inside an open form Delete edits the form (an evidence row), never the annotations
            if isinstance(self.editor, StanceEditor) and focus is self.editor.evidence:
                self.editor.remove_range(self.editor.evidence.currentRow())
            return
        for kind, lst in self.panel.lists.items():
            item_id = lst.current_id() if focus is lst else None
            if item_id is not None:
                self._delete_item(kind, item_id)
                return
        if self.selected:
            self._delete_item(*self.selected)

    def _delete_item(self, kind: str, item_id: int) -> None:
        """Delete an annotation; a suggestion is rejected instead (so it is not suggested again)."""
        st = self.state
        assert st is not None
        if self._is_suggestion(kind, item_id):
            self.push(reject(self.store, *self._suggestion_ids(kind, item_id)))
        elif kind == "span":
            quote = st.quote_by_span.get(item_id)
            self.push(DeleteQuote(quote) if quote is not None else DeleteSpan([item_id]))
        elif kind == "quote":
            self.push(DeleteQuote(item_id))
        elif kind == "stance":
            self.push(DeleteStance(item_id))

    def edit_selected(self) -> None:
        """Enter in the article: confirms the open form (after a click picked its speaker or holder)
        or link dialog; else opens the form of the selected quote or stance, or the link dialog of a mention."""
        if self.editor is not None:
            self.editor.save()
            return
        if self.link_dialog is not None:  # still opening (not yet the active window): Enter confirms it
            self.link_dialog.accept()
            return
        if self.state is None or self.selected is None:
            self.statusMessage.emit(self.tr("Select a mention, quote or stance first (click it or press Tab)"))
            return
        kind, item_id = self.selected
        if kind == "quote":
            self.edit_quote(item_id)
        elif kind == "stance":
            self.edit_stance(item_id)
        else:
            self.link_selected()

    def accept_selected(self) -> None:
        """Accept the selected suggestion (a mention or a quote): it becomes an annotation."""
        if self.state is not None and self.selected and self._is_suggestion(*self.selected):
            self.push(accept(self.store, *self._suggestion_ids(*self.selected)))
        else:
            self.statusMessage.emit(self.tr("Select a suggestion (dashed outline) to accept it"))

    def _is_suggestion(self, kind: str, item_id: int) -> bool:
        st = self.state
        assert st is not None
        row = st.spans.get(item_id) if kind == "span" else st.quotes.get(item_id) if kind == "quote" else None
        return row is not None and row.status == "suggested"

    @staticmethod
    def _suggestion_ids(kind: str, item_id: int) -> tuple[list[int], list[int]]:
        return ([item_id], []) if kind == "span" else ([], [item_id])

    def _start_background(self) -> None:
        """After the first paint: render the remaining highlights, collect the clitic evidence."""
        if self.highlighter is not None:
            self.highlighter.start_idle()
        if self.snapper is not None:
            self.snapper.start_idle()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_actions"):
            retranslate_actions(self._actions)
            self.panel.retranslate()
        super().changeEvent(event)

    def _tooltip(self, cp: int) -> str:
        return tooltip_text(self.state, cp) if self.state is not None else ""
