"""Review mode for one article: the annotators' layers merged into items, adjudicated into gold by key.

What differs comes from :func:`annotator.review.alignment.align_article`; every decision is one of
the core's adjudication commands pushed through the project's :class:`ui.undo.UndoAdapter`, so it
is committed at once, recorded as a ``review_decision`` row and undoable; the view refreshes from
the ``Changes`` the adapter announces (also after undo and redo from elsewhere).

Keys (while the review has focus): J / Down next item, K / Up previous, N next open item;
A or Enter accepts, R or Delete rejects, C corrects (form: boundaries, label, kind, polarity),
Shift+A accepts every agreed item; 1–9 choose whose version is accepted or corrected;
V switches between the merged text and the side-by-side layers (each annotator and gold).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC
from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from annotator.commands import Changes, Command, CommandError
from annotator.review.adjudicate import AcceptAllAgreed, AcceptItem, CorrectItem, RejectItem, gold_spec
from annotator.review.alignment import AGREED, RD, Alignment, ReviewItem, align_article
from annotator.store import Store
from ui.article_view import ArticleView
from ui.docstate import ArticleState
from ui.highlight import Highlighter
from ui.panels import BidiDelegate
from ui.review_correct import CorrectDialog
from ui.review_model import (
    COL_TEXT,
    COL_VERSIONS,
    STATUS_COLORS,
    PseudoState,
    ReviewItemModel,
    kind_text,
    pseudo_spans,
    status_name,
    status_schema,
    status_text,
    version_parts,
)
from ui.undo import UndoAdapter


class LayerPane(QWidget):
    """One annotator's (or gold's) layer of the article, read-only, in the ordinary label colours."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.caption = QLabel(self)
        self.caption.setObjectName("layerCaption")
        self.view = ArticleView(self)
        self.state: ArticleState | None = None
        self.highlighter: Highlighter | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.caption)
        lay.addWidget(self.view, 1)

    def set_layer(self, doc_id: int, annotator_id: int, caption: str) -> None:
        doc = self.store.document(doc_id)
        self.caption.setText(f"<b>{escape(caption)}</b>")
        self.state = ArticleState(self.store, doc, annotator_id)
        self.view.set_article(doc.text)
        self.highlighter = Highlighter(self.view, self.state, self.view.positions, self.store.schema)
        self.view.highlighter = self.highlighter
        self.highlighter.start_idle()

    def apply(self, changes: Changes) -> None:
        if self.state is None or self.highlighter is None:
            return
        delta = self.state.apply(changes)
        if delta.old_spans or delta.new_spans:
            self.highlighter.update_spans(delta.old_spans, delta.new_spans)
            self.view.viewport().update()

    def emphasize(self, span_ids: set[int], start: int, end: int) -> None:
        if self.highlighter is not None:
            self.highlighter.set_emphasis(span_ids, set())
            if end > start:
                self.view.show_range(start, end)
            self.view.viewport().update()

    def counts(self) -> tuple[int, int, int]:
        """Entity mentions, quotes and stances in this layer."""
        if self.state is None:
            return 0, 0, 0
        return len(self.state.mention_keys), len(self.state.quotes), len(self.state.stances)


class ReviewView(QWidget):
    """Adjudicate one article: item list, merged text coloured by status, each layer, gold as it grows."""

    statusMessage = Signal(str)

    def __init__(self, store: Store, undo: UndoAdapter, reviewer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewView")
        self.store, self.undo, self.reviewer_id = store, undo, reviewer_id
        self.alignment: Alignment | None = None
        self.names: dict[int, str] = {}
        self.source_index = 0  # which annotator's version A and C take (digit keys)
        self.correct_dialog: CorrectDialog | None = None
        self.title = QLabel(self)
        self.title.setObjectName("reviewTitle")
        self.title.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("reviewSummary")
        self.summary.setWordWrap(True)
        self.model = ReviewItemModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("reviewItems")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        # an Arabic item reads right to left and is elided at its logical end (on the left)
        self.table.setItemDelegateForColumn(COL_TEXT, BidiDelegate(self.table))
        # every version in full is in the detail pane below and in the Text column's tooltip
        self.table.setColumnHidden(COL_VERSIONS, True)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("reviewDetail")
        self.merged = ArticleView(self)
        self.merged.setObjectName("reviewMerged")
        self.merged_state = PseudoState({})
        self.merged_hl: Highlighter | None = None
        self.layers = QSplitter(Qt.Orientation.Horizontal, self)
        self.layers.setObjectName("reviewLayers")
        self.panes: dict[int, LayerPane] = {}  # annotator id (gold included) -> pane
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reviewTabs")
        self.tabs.addTab(self.merged, self.tr("Merged"))
        self.tabs.addTab(self.layers, self.tr("Side by side"))
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.table)
        left.addWidget(self.detail)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("reviewSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.title)
        lay.addWidget(self.summary)
        lay.addWidget(self.splitter, 1)
        self._make_actions()
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_item(cur.row()))
        self.undo.changed.connect(self._on_changed)

    # --- keys ------------------------------------------------------------------------------------

    def _action(self, name: str, text: str, keys: tuple[str, ...], slot: object) -> QAction:
        act = QAction(text, self)
        act.setObjectName(name)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.addAction(act)
        return act

    def _make_actions(self) -> None:
        a = self._action
        self.act_next = a("reviewNext", self.tr("Next item"), ("J", "Down"), lambda: self.step(1))
        self.act_prev = a("reviewPrevious", self.tr("Previous item"), ("K", "Up"), lambda: self.step(-1))
        self.act_next_open = a("reviewNextOpen", self.tr("Next open item"), ("N",), self.next_open)
        self.act_accept = a("reviewAccept", self.tr("Accept item"), ("A", "Return", "Enter"), self.accept)
        self.act_reject = a("reviewReject", self.tr("Reject item"), ("R", "Delete", "Backspace"), self.reject)
        self.act_correct = a("reviewCorrect", self.tr("Correct item…"), ("C",), self.correct)
        self.act_accept_all = a("reviewAcceptAgreed", self.tr("Accept all agreed items"), ("Shift+A",),
                                self.accept_all_agreed)
        self.act_switch = a("reviewSwitchView", self.tr("Merged / side by side"), ("V",),
                            lambda: self.tabs.setCurrentIndex(1 - self.tabs.currentIndex()))
        for n in range(1, 10):
            a(f"reviewSource{n}", self.tr("Take version %1").replace("%1", str(n)), (str(n),),
              lambda n=n: self.set_source(n - 1))

    def review_actions(self) -> list[QAction]:
        """The actions a menu or the shortcut sheet lists (not the nine version keys)."""
        return [self.act_next, self.act_prev, self.act_next_open, self.act_accept, self.act_reject,
                self.act_correct, self.act_accept_all, self.act_switch]

    # --- the article -----------------------------------------------------------------------------

    def current_document(self) -> int | None:
        return self.alignment.doc_id if self.alignment is not None else None

    def set_document(self, doc_id: int | None, annotator_ids: tuple[int, ...] | None = None) -> None:
        """Review an article between ``annotator_ids`` (default: everyone but gold who annotated it)."""
        for pane in self.panes.values():
            pane.deleteLater()
        self.panes.clear()
        self.merged.highlighter = self.merged_hl = None
        self.source_index = 0
        if doc_id is None:
            self.alignment = None
            self.model.set_alignment(None, {})
            self.merged.set_article("")
            self.title.clear()
            self.summary.clear()
            self.detail.clear()
            return
        doc = self.store.document(doc_id)
        with self.store.read() as conn:
            al = align_article(conn, doc_id, annotator_ids)
        self.names = {a.id: a.name for a in self.store.annotators(include_gold=True)}
        self.title.setText(f"<b>{escape(doc.title or doc.uid)}</b>")
        self.merged.set_article(doc.text)
        self.merged_state = PseudoState(pseudo_spans(al))
        self.merged_hl = Highlighter(self.merged, self.merged_state, self.merged.positions,  # type: ignore[arg-type]
                                     status_schema(self.store.schema))
        self.merged.highlighter = self.merged_hl
        self.merged_hl.start_idle()
        for ann in (*al.annotator_ids, self.store.gold_id):
            pane = LayerPane(self.store, self.layers)
            gold = ann == self.store.gold_id
            pane.set_layer(doc_id, ann, self.tr("Gold") if gold else self.names.get(ann, f"#{ann}"))
            self.layers.addWidget(pane)
            self.panes[ann] = pane
        self._set_alignment(al)
        first = next((i for i, it in enumerate(al.items) if not it.decided), 0)
        self.select_row(first)
        self.table.setFocus()

    def _set_alignment(self, al: Alignment, keep: str | None = None) -> None:
        self.alignment = al
        self.model.set_alignment(al, self.names)
        new = pseudo_spans(al)
        old = self.merged_state.spans
        self.merged_state.spans = new
        if self.merged_hl is not None:
            self.merged_hl.update_spans({k: v for k, v in old.items() if new.get(k) != v},
                                        {k: v for k, v in new.items() if old.get(k) != v})
        self._update_summary()
        if keep is not None:
            row = self.model.row_of(keep)
            self.select_row(row if row is not None else 0)

    def _on_changed(self, changes: Changes) -> None:
        doc = self.current_document()
        if doc is None or not (doc in changes.docs or any(d == doc for d, _a in changes.statuses)):
            return
        for pane in self.panes.values():
            pane.apply(changes)
        cur = self.current_item()
        with self.store.read() as conn:
            al = align_article(conn, doc, self.alignment.annotator_ids if self.alignment else None)
        self._set_alignment(al, keep=cur.key if cur is not None else None)

    def _update_summary(self) -> None:
        al = self.alignment
        if al is None:
            return
        st = Counter(it.status for it in al.items)
        parts = [f"<span style='color:{STATUS_COLORS[s]}'>{st[s]} {escape(status_name(s))}</span>"
                 for s in STATUS_COLORS if st.get(s)]
        decided = sum(it.decided for it in al.items)
        e, q, s = self.panes[self.store.gold_id].counts() if self.store.gold_id in self.panes else (0, 0, 0)
        who = " · ".join(escape(self.names.get(a, f"#{a}")) for a in al.annotator_ids) or self.tr("nobody")
        n, sep = len(al.items), ("، " if self.isRightToLeft() else ", ")
        self.summary.setText(
            self.tr("%1 — %2 items: %3 — <b>decided %4/%2</b> — gold: entities %5 · quotes %6 · stances %7")
            .replace("%1", who).replace("%2", str(n)).replace("%3", sep.join(parts) or "—")
            .replace("%4", str(decided)).replace("%5", str(e)).replace("%6", str(q)).replace("%7", str(s))
        )

    # --- moving ------------------------------------------------------------------------------------

    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def current_item(self) -> ReviewItem | None:
        return self.model.item(self.current_row())

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self._show_item(-1)
            return
        idx = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(idx)
        self._show_item(row)

    def step(self, step: int) -> None:
        """Select the item ``step`` rows below (above, if negative) the current one."""
        n = self.model.rowCount()
        if n:
            self.select_row(min(max(self.current_row() + step, 0), n - 1))

    def next_open(self) -> bool:
        """Select the next undecided item after the current one (wrapping); False when none is left."""
        items = self.model.items
        n, cur = len(items), self.current_row()
        for k in range(1, n + 1):
            row = (cur + k) % n
            if not items[row].decided:
                self.select_row(row)
                return True
        return False

    def set_source(self, index: int) -> None:
        al = self.alignment
        if al is None or index >= len(al.annotator_ids):
            return
        self.source_index = index
        self._show_item(self.current_row())
        self.statusMessage.emit(self.tr("Taking %1's version").replace("%1", self.names.get(al.annotator_ids[index], "?")))

    def source_for(self, item: ReviewItem) -> int:
        """The chosen annotator when they have a version of ``item``, else the first who has one."""
        al = self.alignment
        chosen = al.annotator_ids[self.source_index] if al is not None and self.source_index < len(al.annotator_ids) else None
        return chosen if chosen in item.annotators else item.versions[0][0]

    def _show_item(self, row: int) -> None:
        item = self.model.item(row)
        al = self.alignment
        if item is None or al is None:
            self.detail.clear()
            return
        if self.merged_hl is not None:
            self.merged_hl.set_emphasis({row + 1} if row + 1 in self.merged_state.spans else set(), set())
            if item.end > item.start:
                self.merged.show_range(item.start, item.end)
            self.merged.viewport().update()
        for ann, pane in self.panes.items():
            version = dict(item.versions).get(ann)
            pane.emphasize(self._span_ids(pane, item.kind, version.id) if version else set(), item.start, item.end)
        src = self.source_for(item)
        lines = [f"<b>{escape(kind_text(item.kind))}</b> — <span style='color:{STATUS_COLORS[item.status]}'>"
                 f"{escape(status_text(item, self.names))}</span>"]
        for i, ann in enumerate(al.annotator_ids, 1):
            version = dict(item.versions).get(ann)
            mark = "▶ " if ann == src and not item.decided else ""
            head = f"{mark}[{i}] <b>{escape(self.names.get(ann, '?'))}</b>: "
            if version is None:
                lines.append(f"{head}<i>{self.tr('nothing')}</i>")
                continue
            meta, snippets = version_parts(version, al.text)
            lines.append(head + escape(meta))
            # the article's words as right-to-left paragraphs of their own: inside a wrapped
            # left-to-right line a long Arabic run is reordered past reading
            lines += [f"<p dir='rtl' style='margin:0 24px'>«{escape(sn)}»</p>" for sn in snippets]
        if item.decision is not None:
            d = item.decision
            by = escape(self.names.get(d.reviewer_id, "?"))
            when = self._decided_at(d.id)
            if d.source_annotator_id:
                text = self.tr("<b>Decided: %1</b> by %2, %3, from %4's version")
                text = text.replace("%4", escape(self.names.get(d.source_annotator_id, "?")))
            else:
                text = self.tr("<b>Decided: %1</b> by %2, %3")
            lines.append(text.replace("%1", escape(status_name(d.decision))).replace("%2", by).replace("%3", when))
        else:
            lines.append(f"<i>{self.tr('A accept · R reject · C correct · 1–9 whose version · Shift+A all agreed')}</i>")
        self.detail.setHtml("".join(ln if ln.startswith("<p") else f"<p style='margin:2px 0'>{ln}</p>" for ln in lines))

    def _decided_at(self, decision_id: int) -> str:
        """When a decision was made, in local time ("" when its row is gone)."""
        with self.store.read() as conn:
            at = conn.execute(select(RD.c.created_at).where(RD.c.id == decision_id)).scalar()
        if at is None:
            return ""
        if at.tzinfo is None:  # stored as UTC
            at = at.replace(tzinfo=UTC)
        return "\u2066" + str(at.astimezone().strftime("%Y-%m-%d %H:%M")) + "\u2069"

    @staticmethod
    def _span_ids(pane: LayerPane, kind: str, item_id: int) -> set[int]:
        """The spans of one layer item, to draw it selected in that annotator's pane."""
        st = pane.state
        if st is None:
            return set()
        if kind == "span":
            return {item_id}
        if kind == "quote":
            q = st.quotes.get(item_id)
            return {i for i in (q.content_span_id, q.cue_span_id) if i is not None} if q else set()
        s = st.stances.get(item_id)
        if s is None:
            return set()
        return set(s.evidence_span_ids) | ({s.holder_span_id} if s.holder_span_id is not None else set())

    # --- decisions ---------------------------------------------------------------------------------

    def _push(self, command: Command) -> bool:
        try:
            self.undo.push(command)
        except CommandError as e:
            self.statusMessage.emit(str(e))
            return False
        return True

    def _open_item(self) -> ReviewItem | None:
        item = self.current_item()
        if item is not None and item.decided:
            self.statusMessage.emit(self.tr("This item is decided already; undo (Ctrl+Z) to decide again."))
            return None
        return item

    def _decided(self, command: Command) -> None:
        if self._push(command) and not self.next_open():
            self.statusMessage.emit(self.tr("Every item of this article is decided."))

    def accept(self) -> None:
        item = self._open_item()
        if item is not None and self.alignment is not None:
            self._decided(AcceptItem(self.alignment.doc_id, self.reviewer_id, item, self.source_for(item),
                                     self.alignment.annotator_ids))

    def reject(self) -> None:
        item = self._open_item()
        if item is not None and self.alignment is not None:
            self._decided(RejectItem(self.alignment.doc_id, self.reviewer_id, item, self.source_for(item),
                                     self.alignment.annotator_ids))

    def correct(self) -> None:
        item = self._open_item()
        if item is None or self.alignment is None:
            return
        src = self.source_for(item)
        selection = self.merged.selection() if self.tabs.currentIndex() == 0 else None
        dlg = CorrectDialog(item.kind, gold_spec(item, src), self.alignment.text, self.store.schema,
                            selection if item.kind != "stance" else None, self)
        self.correct_dialog = dlg
        doc, ids = self.alignment.doc_id, self.alignment.annotator_ids

        def done(result: int) -> None:
            self.correct_dialog = None
            dlg.deleteLater()
            self.window().activateWindow()  # keys go to the review again
            self.table.setFocus()
            if result != CorrectDialog.DialogCode.Accepted:
                return
            values = dlg.values()
            if not values:
                self.statusMessage.emit(self.tr("Nothing was changed: press A to accept the version as it is."))
                return
            self._decided(CorrectItem(doc, self.reviewer_id, item, src, ids, values=values))

        dlg.finished.connect(done)
        dlg.open()

    def accept_all_agreed(self) -> None:
        al = self.alignment
        if al is None:
            return
        if not any(it.status == AGREED and not it.decided for it in al.items):
            self.statusMessage.emit(self.tr("No open agreed items."))
            return
        cmd = AcceptAllAgreed(al.doc_id, self.reviewer_id, al.annotator_ids)
        if self._push(cmd):
            self.statusMessage.emit(self.tr("Accepted %1 agreed items.").replace("%1", str(cmd.accepted)))
            cur = self.current_item()
            if cur is None or cur.decided:
                self.next_open()
