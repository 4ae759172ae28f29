"""Side panels: the open article's entity mentions, quotes and stances, plus article-level stances.

Qt item models hold ids only; row text is computed on demand from the shared
:class:`~ui.docstate.ArticleState` cache. The mention model changes row by row (an article can
carry thousands of mentions); quotes and stances are few per article and are re-listed.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.store import SpanRow
from ui.docstate import ArticleState, Delta
from ui.schema_names import value_name

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NO_STANCE = "—"
UNKNOWN_LABEL_COLOR = "#808080"  # a label the schema does not have (the highlighter's grey too)


def arrow(first: str) -> str:
    """The arrow that points onward in a row starting with ``first``: a row whose first letter is
    Arabic is laid out right to left, where → would point back."""
    for ch in first:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "←"
        if kind == "L":
            return "→"
    return "→"


class _IdListModel(QAbstractListModel):
    kind = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: ArticleState | None = None
        self.ids: list[int] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def set_state(self, state: ArticleState | None) -> None:
        self.beginResetModel()
        self.state = state
        self.ids = self._list() if state is not None else []
        self.endResetModel()

    def _list(self) -> list[int]:
        raise NotImplementedError

    def row_of(self, item_id: int) -> int:
        try:
            return self.ids.index(item_id)
        except ValueError:
            return -1

    def relist(self) -> None:
        self.set_state(self.state)

    ROLES = frozenset(
        (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole, ID_ROLE)
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in self.ROLES or self.state is None or not (0 <= index.row() < len(self.ids)):
            return None
        item_id = self.ids[index.row()]
        if role == ID_ROLE:
            return item_id
        return self._data(item_id, role)

    def _data(self, item_id: int, role: int) -> Any:
        raise NotImplementedError


class MentionModel(_IdListModel):
    """Entity mentions in reading order: ``LABEL  text  → canonical name``."""

    kind = "span"

    def _list(self) -> list[int]:
        assert self.state is not None
        return self.state.mention_ids()

    def row_of(self, item_id: int) -> int:
        return self.state.mention_row(item_id) if self.state is not None else -1

    def apply(self, delta: Delta) -> None:
        """Insert, remove or update only the rows of changed mentions."""
        assert self.state is not None
        in_place = {
            sid
            for sid, old in delta.old_spans.items()
            if (new := delta.new_spans.get(sid)) is not None
            and old.layer == new.layer == "entity"
            and (old.start, old.end) == (new.start, new.end)
        }
        for sid in in_place:  # a relabel or a link: same row, new text
            row = self.state.mention_row(sid)
            self.dataChanged.emit(self.index(row), self.index(row))
        for sid, old in delta.old_spans.items():
            if old.layer != "entity" or sid in in_place:
                continue
            row = self.ids.index(sid) if sid in self.ids else -1  # rows still in the old order
            if row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.ids[row]
                self.endRemoveRows()
        for sid, new in sorted(delta.new_spans.items(), key=lambda kv: (kv[1].start, -kv[1].end, kv[0])):
            if new.layer != "entity" or sid in in_place:
                continue
            row = self.state.mention_row(sid)
            self.beginInsertRows(QModelIndex(), row, row)
            self.ids.insert(row, sid)
            self.endInsertRows()
        if delta.entities and self.ids:
            self.dataChanged.emit(self.index(0), self.index(len(self.ids) - 1))

    def _data(self, item_id: int, role: int) -> Any:
        st = self.state
        assert st is not None
        s: SpanRow | None = st.spans.get(item_id)
        if s is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            ent = st.entity(s.entity_id)
            link = f"  → {ent.name}" if ent else ""
            mark = "  " + self.tr("(suggested)") if s.status == "suggested" else ""
            if st.store.schema.entity(s.label) is None:
                mark += "  " + self.tr("(label not in the schema)")
            return f"{s.label}  {st.span_text(s.id, 50)}{link}{mark}"
        if role == Qt.ItemDataRole.DecorationRole:
            et = st.store.schema.entity(s.label)
            return QColor(et.color) if et else QColor(UNKNOWN_LABEL_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{s.label} · {s.start}:{s.end} · {s.origin}"
        return None


class QuoteModel(_IdListModel):
    """Quotes in reading order: ``speaker → cue → «content excerpt»``."""

    kind = "quote"

    def _list(self) -> list[int]:
        assert self.state is not None
        qs = self.state.quotes.values()
        return [q.id for q in sorted(qs, key=lambda q: (self._start(q.content_span_id), q.id))]

    def _start(self, span_id: int) -> int:
        assert self.state is not None
        s = self.state.spans.get(span_id)
        return s.start if s else 0

    def _data(self, item_id: int, role: int) -> Any:
        st = self.state
        assert st is not None
        q = st.quotes.get(item_id)
        if q is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            cue = st.span_text(q.cue_span_id, 20) or "—"
            content = st.span_text(q.content_span_id, 60)
            speaker = st.speaker_label(q)
            a = arrow(speaker)
            mark = "  " + self.tr("(suggested)") if q.status == "suggested" else ""
            return f"{speaker} {a} {cue} {a} «{content}»  [{value_name(q.kind)}]{mark}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return st.span_text(q.content_span_id)
        return None


class StanceModel(_IdListModel):
    """Mention-level stances: ``holder → polarity → target``."""

    kind = "stance"

    def _list(self) -> list[int]:
        assert self.state is not None
        return [s.id for s in self.state.stances.values() if s.scope == "mention"]

    def _data(self, item_id: int, role: int) -> Any:
        st = self.state
        assert st is not None
        s = st.stances.get(item_id)
        if s is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            ev = st.span_text(s.evidence_span_ids[0], 40) if s.evidence_span_ids else ""
            more = f" +{len(s.evidence_span_ids) - 1}" if len(s.evidence_span_ids) > 1 else ""
            evidence = f"  «{ev}»{more}" if ev else ""
            holder = st.holder_label(s)
            a = arrow(holder)
            return f"{holder} {a} {value_name(s.polarity)} {a} {st.target_label(s)}{evidence}"
        return None


class BidiDelegate(QStyledItemDelegate):
    """Lays each row out in the direction of its own first strong letter: a row that starts in
    Arabic reads right to left and sits on the right, whatever the interface language, so its
    arrows, guillemets and elided middle come out in the right places."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if arrow(option.text) == "←":
            option.direction = Qt.LayoutDirection.RightToLeft
            option.displayAlignment = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
        else:
            option.direction = Qt.LayoutDirection.LeftToRight
            option.displayAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter


class ItemList(QTableView):
    """A panel list: activating a row jumps to it, Delete deletes it, double-click edits it.

    A one-column table rather than a QListView: inserting a row into a 5,000-row QListView
    re-lays out every row (~25 ms), a table with fixed row heights does not.
    """

    picked = Signal(str, int)  # kind, id: jump to and select
    deleteRequested = Signal(str, int)
    editRequested = Signal(str, int)

    def __init__(self, model: _IdListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setItemDelegate(BidiDelegate(self))
        self.clicked.connect(self._pick)
        self.doubleClicked.connect(lambda ix: self.editRequested.emit(model.kind, ix.data(ID_ROLE)))
        self.selectionModel().currentChanged.connect(lambda cur, _prev: self._pick(cur))

    def _pick(self, index: QModelIndex) -> None:
        if index.isValid():
            self.picked.emit(self.model().kind, index.data(ID_ROLE))  # type: ignore[attr-defined]

    def current_id(self) -> int | None:
        ix = self.currentIndex()
        return int(ix.data(ID_ROLE)) if ix.isValid() else None

    def select_id(self, item_id: int | None) -> None:
        model: _IdListModel = self.model()  # type: ignore[assignment]
        row = model.row_of(item_id) if item_id is not None else -1
        sm = self.selectionModel()
        sm.blockSignals(True)
        if row >= 0:
            ix = model.index(row)
            sm.setCurrentIndex(ix, sm.SelectionFlag.ClearAndSelect)
            self.scrollTo(ix)
        else:
            sm.clear()
        sm.blockSignals(False)
        self.viewport().update()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        item_id = self.current_id()
        kind = self.model().kind  # type: ignore[attr-defined]
        if e.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and item_id is not None:
            self.deleteRequested.emit(kind, item_id)
        elif e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item_id is not None and not e.modifiers():
            self.editRequested.emit(kind, item_id)
        else:
            super().keyPressEvent(e)


class SidePanel(QTabWidget):
    """Entities, Quotes and Stances tabs; the Stances tab also holds the article-level stances."""

    articleStanceChosen = Signal(str, str)  # topic id, polarity ("" to clear)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mentions = MentionModel(self)
        self.quotes = QuoteModel(self)
        self.stances = StanceModel(self)
        self.mention_list = ItemList(self.mentions)
        self.quote_list = ItemList(self.quotes)
        self.stance_list = ItemList(self.stances)
        self.addTab(self.mention_list, "")
        self.addTab(self.quote_list, "")
        stance_tab = QWidget()
        lay = QVBoxLayout(stance_tab)
        lay.setContentsMargins(0, 0, 0, 0)
        self.article_box = QGroupBox()
        self.article_box.setObjectName("articleStances")
        self.article_form = QFormLayout(self.article_box)
        self.topic_boxes: dict[str, QComboBox] = {}
        lay.addWidget(self.article_box)
        lay.addWidget(self.stance_list, 1)
        self.addTab(stance_tab, "")
        self.lists = {"span": self.mention_list, "quote": self.quote_list, "stance": self.stance_list}
        self.summary = QLabel()
        self.summary.setObjectName("panelSummary")
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.retranslate()

    def retranslate(self) -> None:
        for i, text in enumerate((self.tr("Entities"), self.tr("Quotes"), self.tr("Stances"))):
            self.setTabText(i, text)
        self.article_box.setTitle(self.tr("Article stance per topic"))
        self.article_box.setToolTip(
            self.tr("The stance the article as a whole takes on each topic of the schema")
        )
        self._update_counts()

    def set_state(self, state: ArticleState | None) -> None:
        for model in (self.mentions, self.quotes, self.stances):
            model.set_state(state)
        self._build_topics(state)
        self._update_counts()

    def _build_topics(self, state: ArticleState | None) -> None:
        while self.article_form.rowCount():
            self.article_form.removeRow(0)
        self.topic_boxes.clear()
        if state is None:
            return
        schema = state.store.schema
        for topic in schema.topics:
            box = QComboBox()
            box.addItem(NO_STANCE, "")
            for pol in schema.polarities:
                box.addItem(value_name(pol), pol)
            box.setObjectName(f"topic_{topic.id}")
            box.activated.connect(
                lambda _i, t=topic.id, b=box: self.articleStanceChosen.emit(t, b.currentData())
            )
            self.topic_boxes[topic.id] = box
            self.article_form.addRow(topic.name_ar or topic.name, box)
        self._sync_topics(state)

    def _sync_topics(self, state: ArticleState) -> None:
        for topic_id, box in self.topic_boxes.items():
            st = state.article_stance(topic_id)
            box.setCurrentIndex(max(0, box.findData(st.polarity if st else "")))

    def apply(self, delta: Delta) -> None:
        """Update the lists after an edit. Removing a list's current row would move its current
        index to a neighbour and report that as a pick (jumping the article there), so the lists
        stay quiet here; the Workbench re-selects its own selection right after."""
        models = [lst.selectionModel() for lst in self.lists.values()]
        for sm in models:
            sm.blockSignals(True)
        try:
            self.mentions.apply(delta)
            if delta.quotes or delta.entities:
                self.quotes.relist()
            if delta.stances or delta.entities:
                self.stances.relist()
                if self.mentions.state is not None:
                    self._sync_topics(self.mentions.state)
        finally:
            for sm in models:
                sm.blockSignals(False)
        self._update_counts()

    def _update_counts(self) -> None:
        # counts live in a label of ignored width, not in the tab titles: a title that changes
        # width re-lays out and repaints the whole workbench on every edit (~5 ms)
        # suggestions are listed (marked) but are not annotations until accepted: not counted here
        st = self.mentions.state
        sm = st.suggested_mentions if st else 0  # kept by the state: no pass over 5,000 rows per edit
        sq = sum(1 for i in self.quotes.ids if st and i in st.quotes and st.quotes[i].status == "suggested")
        n = (self.mentions.rowCount() - sm, self.quotes.rowCount() - sq, self.stances.rowCount())
        extra = " · " + self.tr("%1 suggested").replace("%1", str(sm + sq)) if sm + sq else ""
        self.summary.setText(
            self.tr("%1 entities · %2 quotes · %3 stances")
            .replace("%1", str(n[0])).replace("%2", str(n[1])).replace("%3", str(n[2]))
            + extra
        )

    def show_selected(self, kind: str | None, item_id: int | None) -> None:
        for k, lst in self.lists.items():
            want = item_id if k == kind else None
            if lst.current_id() != want or (want is None and lst.selectionModel().hasSelection()):
                lst.select_id(want)
