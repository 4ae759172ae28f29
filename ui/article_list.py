"""The article list: a lazy Qt table model over document ids, and the panel with search and filters.

The model holds only the (filtered) list of ids; unfiltered, when the ids run from first to last
without gaps (the usual case), a ``range`` stands for them and opening a 100,000-article project
reads three aggregates instead of 100,000 ids. Row contents are fetched in windows of rows with one
query for the columns and one aggregate query per count column, kept in a small LRU cache:
scrolling through 100,000 articles costs a few queries per screenful, never one per row.
After an edit only the rows of the changed documents are invalidated.
"""

from __future__ import annotations

import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import ColumnElement, ScalarSelect, Select, Table, and_, bindparam, func, select

from annotator.store import DS, ST, D, Q, S, Store

Index = QModelIndex | QPersistentModelIndex

STATUSES = ("not_started", "in_progress", "done")
STATUS_COLORS = {"not_started": "#8a8a8a", "in_progress": "#d08c00", "done": "#2e9d48"}
WINDOW = 200  # rows fetched per query
CACHE_ROWS = 3000  # rows kept in the LRU cache
SEARCH_LIMIT = 1_000_000
NEXT_BATCH = 200  # rows looked at per query by next_unfinished

_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_USER = int(Qt.ItemDataRole.UserRole.value)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _FOREGROUND, _ALIGN, _USER})
_CENTER = int(Qt.AlignmentFlag.AlignCenter.value)
_STATUS_BRUSHES: dict[str, QColor] = {}


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: int
    title: str
    outlet: str
    date: str
    status: str
    spans: int
    quotes: int
    stances: int


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    status: str = ""  # "", one of STATUSES, or "unfinished"
    outlet: str = ""
    label: str = ""
    search: str = ""
    queue: bool = False  # only the articles assigned to this annotator (issue 4's assignment)


def text_direction(text: str) -> Qt.LayoutDirection | None:
    """The direction of a text's first strong character (None when it has none), as the Unicode
    bidirectional algorithm picks a paragraph's direction."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
    return None


class OwnDirectionDelegate(QStyledItemDelegate):
    """Lays each cell out in its own text's direction: an Arabic title starts at the cell's right
    edge and is elided on its left in the English interface too (Qt would lay it out, and elide it,
    as left-to-right text, putting the ellipsis next to the title's first word)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        direction = text_direction(option.text)
        if direction is not None:
            option.direction = direction


@cache
def _rows_statement() -> Select[Any]:
    """Title, outlet, date, status and the active mention/quote/stance counts of the documents
    ``:ids`` for annotator ``:a``."""
    a: Any = bindparam("a")

    def count(table: Table, *extra: ColumnElement[bool]) -> ScalarSelect[int]:
        return (select(func.count()).select_from(table)
                .where(table.c.doc_id == D.c.id, table.c.annotator_id == a, table.c.status == "active", *extra)
                .scalar_subquery())

    return (
        select(D.c.id, D.c.title, func.substr(D.c.text, 1, 160), D.c.source, D.c.published, DS.c.status,
               count(S, S.c.layer == "entity"), count(Q), count(ST))
        .select_from(D.outerjoin(DS, and_(DS.c.doc_id == D.c.id, DS.c.annotator_id == a)))
        .where(D.c.id.in_(bindparam("ids", expanding=True)))
    )


def _title(title: str, head: str) -> str:
    if title.strip():
        return title.strip()
    first = next((line.strip() for line in head.splitlines() if line.strip()), "")
    return first[:100]


class ArticleListModel(QAbstractTableModel):
    """Rows are articles in the current filter; columns title, outlet, date, status, counts."""

    COLUMNS = ("title", "outlet", "date", "status", "counts")

    def __init__(self, store: Store, annotator_id: int, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.store = store
        self.annotator_id = annotator_id
        self.filter = ArticleFilter()
        self._ids: Sequence[int] = []  # a list, or a range when the ids have no gaps
        self._rows_of: dict[int, int] | None = None
        self._cache: OrderedDict[int, ArticleRow] = OrderedDict()
        self._status_texts: dict[str, str] = {}
        self.queries = 0  # row-window queries issued (tests and the benchmark read it)
        if not _STATUS_BRUSHES:
            _STATUS_BRUSHES.update({k: QColor(v) for k, v in STATUS_COLORS.items()})
        self.reload()

    # --- Qt model API ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == _DISPLAY:
            return self.column_titles()[section]
        if role == _TOOLTIP and self.COLUMNS[section] == "counts":
            return self.tr("Your entity mentions · quotes · stances in the article")
        return None

    def column_titles(self) -> tuple[str, ...]:
        return (self.tr("Title"), self.tr("Outlet"), self.tr("Date"), self.tr("Status"), self.tr("Counts"))

    def status_text(self, status: str) -> str:
        if not self._status_texts:  # translated once per language, not on every paint
            self._status_texts = {"not_started": self.tr("not started"), "in_progress": self.tr("in progress"),
                                  "done": self.tr("done")}
        return self._status_texts.get(status, status)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # called for every role of every visible cell on each paint: bail out early and cheaply
        if role not in _ROLES:
            return None
        row = index.row()
        if role == _USER:
            return self._ids[row]
        col = self.COLUMNS[index.column()]
        if role == _ALIGN:
            return _CENTER if col == "counts" else None
        item = self.row_data(row)
        if role == _FOREGROUND:
            return _STATUS_BRUSHES[item.status] if col == "status" else None
        if role == _TOOLTIP:
            if col == "counts":
                return (self.tr("%1 entity mentions, %2 quotes, %3 stances").replace("%1", str(item.spans))
                        .replace("%2", str(item.quotes)).replace("%3", str(item.stances)))
            return item.title if col == "title" else None
        return self.display(item, col)

    def display(self, item: ArticleRow, col: str) -> str:
        """The text of one cell (DisplayRole)."""
        if col == "status":
            return self.status_text(item.status)
        if col == "counts":
            return f"\u2066{item.spans} · {item.quotes} · {item.stances}\u2069"  # same order in RTL
        return str(getattr(item, col))

    # --- rows -------------------------------------------------------------------------------

    def doc_id(self, row: int) -> int:
        return self._ids[row]

    def ids(self) -> list[int]:
        return list(self._ids)

    def row_of(self, doc_id: int) -> int | None:
        if isinstance(self._ids, range):
            return doc_id - self._ids.start if doc_id in self._ids else None
        if self._rows_of is None:
            self._rows_of = {d: i for i, d in enumerate(self._ids)}
        return self._rows_of.get(doc_id)

    def row_data(self, row: int) -> ArticleRow:
        """The cached row, loading the window of rows around it in one go when missing."""
        doc_id = self._ids[row]
        hit = self._cache.get(doc_id)
        if hit is not None:
            self._cache.move_to_end(doc_id)
            return hit
        lo = row - row % WINDOW  # fixed blocks: scrolling either way costs one query per block
        wanted = [d for d in self._ids[lo : lo + WINDOW] if d not in self._cache]
        for r in self._load(wanted):
            self._cache[r.id] = r
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)
        return self._cache[doc_id]

    def _load(self, ids: list[int]) -> list[ArticleRow]:
        """The rows of ``ids`` in one query: columns plus three correlated counts (each an index
        search); the statement is built once, so a row refreshed after an edit costs ~1 ms."""
        self.queries += 1
        with self.store.read() as conn:
            rows = conn.execute(_rows_statement(), {"a": self.annotator_id, "ids": ids}).all()
        return [
            ArticleRow(int(i), _title(t or "", head or ""), src or "", (pub or "")[:10], st or "not_started",
                       int(spans), int(quotes), int(stances))
            for i, t, head, src, pub, st, spans, quotes, stances in rows
        ]

    # --- filtering and refreshing --------------------------------------------------------------

    def set_annotator(self, annotator_id: int) -> None:
        self.annotator_id = annotator_id
        self.reload()

    def set_filter(self, flt: ArticleFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        """Recompute the filtered id list (one query, plus the full-text search when searching)."""
        self.beginResetModel()
        self._ids = self._query_ids()
        self._rows_of = None
        self._outlets: list[str] | None = None
        self._cache.clear()
        self.endResetModel()

    def _query_ids(self) -> Sequence[int]:
        f, a = self.filter, self.annotator_id
        if not (f.status or f.outlet or f.label or f.queue or f.search.strip()):
            with self.store.read() as conn:  # three index lookups, whatever the project's size
                first = conn.execute(select(func.min(D.c.id))).scalar()
                last = conn.execute(select(func.max(D.c.id))).scalar()
                count = conn.execute(select(func.count()).select_from(D)).scalar() or 0
            if first is None or last is None:
                return []
            if last - first + 1 == count:
                return range(first, last + 1)
        stmt = select(D.c.id)
        if not f.outlet:
            # the narrow uid index holds every id: reading it instead of the table (whose pages carry
            # the article texts) halves the time to list 100,000 articles; Python sorts the ids
            stmt = stmt.with_hint(D, "INDEXED BY ix_document_uid", "sqlite")
        if f.status:
            stmt = stmt.select_from(D.outerjoin(DS, and_(DS.c.doc_id == D.c.id, DS.c.annotator_id == a)))
            status = func.coalesce(DS.c.status, "not_started")
            stmt = stmt.where(status != "done" if f.status == "unfinished" else status == f.status)
        if f.outlet:
            stmt = stmt.where(D.c.source == f.outlet)
        if f.label:
            stmt = stmt.where(D.c.id.in_(
                select(S.c.doc_id).where(S.c.annotator_id == a, S.c.label == f.label,
                                         S.c.layer == "entity", S.c.status == "active")))
        if f.queue:
            stmt = stmt.where(D.c.id.in_(select(DS.c.doc_id).where(DS.c.annotator_id == a, DS.c.assigned.is_(True))))
        if f.search.strip():
            hits = self.store.search(f.search, limit=SEARCH_LIMIT)
            if not (f.status or f.outlet or f.label or f.queue):
                return hits
            with self.store.read() as conn:
                keep = set(conn.execute(stmt).scalars())
            return [d for d in hits if d in keep]
        with self.store.read() as conn:
            return sorted(conn.execute(stmt).scalars().all())

    def has_queue(self) -> bool:
        """Whether any article is assigned to this annotator."""
        with self.store.read() as conn:
            return conn.execute(select(DS.c.doc_id).where(
                DS.c.annotator_id == self.annotator_id, DS.c.assigned.is_(True)).limit(1)).first() is not None

    def queue_changed(self, doc_ids: set[int]) -> bool:
        """Whether the queue filter lists these documents differently now (assigned or unassigned)."""
        with self.store.read() as conn:
            queued = set(conn.execute(select(DS.c.doc_id).where(
                DS.c.annotator_id == self.annotator_id, DS.c.assigned.is_(True), DS.c.doc_id.in_(doc_ids))).scalars())
        listed = {d for d in doc_ids if self.row_of(d) is not None}
        f = self.filter
        narrowed = bool(f.status or f.outlet or f.label or f.search.strip())  # may hide queued articles
        return bool(listed - queued) or (not narrowed and bool(queued - listed))

    def refresh_docs(self, doc_ids: Iterable[int]) -> None:
        """Forget the cached rows of these documents and repaint just those rows."""
        last = len(self.COLUMNS) - 1
        for d in doc_ids:
            self._cache.pop(d, None)
            row = self.row_of(d)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def retranslate(self) -> None:
        self._status_texts = {}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self._ids) - 1, 3))

    # --- navigation ---------------------------------------------------------------------------

    def done_among(self, ids: Sequence[int]) -> set[int]:
        """Which of ``ids`` this annotator has marked done."""
        with self.store.read() as conn:
            return set(conn.execute(select(DS.c.doc_id).where(
                DS.c.annotator_id == self.annotator_id, DS.c.status == "done", DS.c.doc_id.in_(list(ids)))).scalars())

    def next_unfinished(self, doc_id: int | None, step: int = 1) -> int | None:
        """The next (step=1) or previous (step=-1) article in list order not done by this annotator,
        wrapping around; None when every listed article is done. Looks a batch of rows at a time
        (one indexed query each), so it costs the same in a 100,000-article project."""
        n = len(self._ids)
        if n == 0:
            return None
        cur = self.row_of(doc_id) if doc_id is not None else None
        start = (cur + step) % n if cur is not None else (0 if step > 0 else n - 1)
        k0, batch = 0, NEXT_BATCH
        while k0 < n:
            rows = [self._ids[(start + k * step) % n] for k in range(k0, min(n, k0 + batch))]
            done = self.done_among(rows)
            hit = next((d for d in rows if d not in done and d != doc_id), None)
            if hit is not None:
                return hit
            k0, batch = k0 + batch, min(batch * 4, 20_000)  # a long run of done articles: bigger steps
        return None

    def progress(self) -> tuple[int, int]:
        """(done, total) over the whole project for this annotator."""
        with self.store.read() as conn:
            done = conn.execute(select(func.count()).select_from(DS).where(
                DS.c.annotator_id == self.annotator_id, DS.c.status == "done")).scalar() or 0
            if isinstance(self._ids, range):  # unfiltered and counted at the last reload
                total = len(self._ids)
            else:
                total = conn.execute(select(func.count()).select_from(D)).scalar() or 0
        return int(done), int(total)

    def outlets(self) -> list[str]:
        """The project's outlets, read once per reload (an index scan over every article)."""
        if self._outlets is None:
            with self.store.read() as conn:
                self._outlets = [str(s) for s in conn.execute(
                    select(D.c.source).where(D.c.source.is_not(None)).distinct().order_by(D.c.source)).scalars()]
        return list(self._outlets)


class ArticleListPanel(QWidget):
    """Search box, filters and the article table; emits ``documentActivated`` with a doc id."""

    documentActivated = Signal(int)

    def __init__(self, store: Store, annotator_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = ArticleListModel(store, annotator_id, self)
        self.search = QLineEdit(self)
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.outlet_filter = QComboBox(self)
        self.label_filter = QComboBox(self)
        self.queue_filter = QCheckBox(self)
        self.queue_filter.setObjectName("queueFilter")
        self.queue_filter.setChecked(self.model.has_queue())  # an annotator with assigned work sees it
        self.count_label = QLabel(self)
        self.view = QTableView(self)
        self.view.setObjectName("articleTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setShowGrid(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.title_delegate = OwnDirectionDelegate(self.view)
        self.view.setItemDelegateForColumn(0, self.title_delegate)
        vh = self.view.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row size hints over 100k rows
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hh.setStretchLastSection(False)
        for col, width in enumerate((0, 90, 86, 86, 76)):
            if width:
                hh.resizeSection(col, width)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for w in (self.status_filter, self.outlet_filter, self.label_filter):
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            filters.addWidget(w)
        filters.addWidget(self.queue_filter)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.apply_filter)
        for combo in (self.status_filter, self.outlet_filter, self.label_filter):
            combo.activated.connect(lambda _i: self.apply_filter())
        self.queue_filter.toggled.connect(lambda _on: self.apply_filter())
        if self.queue_filter.isChecked():
            self.model.set_filter(self.current_filter())
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.retranslate()

    # --- filters ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search articles (Arabic spelling variants match)…"))
        self.queue_filter.setText(self.tr("My queue"))
        self.queue_filter.setToolTip(self.tr("Only the articles assigned to you"))
        self._fill(self.status_filter, [("", self.tr("All statuses")), ("unfinished", self.tr("Unfinished")),
                                        *((s, self.model.status_text(s)) for s in STATUSES)])
        self._fill(self.outlet_filter, [("", self.tr("All outlets")), *((o, o) for o in self.model.outlets())])
        self._fill(self.label_filter, [("", self.tr("Any label")),
                                       *((e.label, self.tr("Has %1").replace("%1", e.label))
                                         for e in self.store.schema.entities)])
        self.model.retranslate()
        self._update_count()

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for data, text in items:
            combo.addItem(text, data)
        i = combo.findData(keep) if keep is not None else 0
        combo.setCurrentIndex(max(0, i))
        combo.blockSignals(False)

    def current_filter(self) -> ArticleFilter:
        return ArticleFilter(
            status=str(self.status_filter.currentData() or ""),
            outlet=str(self.outlet_filter.currentData() or ""),
            label=str(self.label_filter.currentData() or ""),
            search=self.search.text(),
            queue=self.queue_filter.isChecked(),
        )

    def apply_filter(self) -> None:
        """Re-query the list for the current search and filters, keeping the current article if listed."""
        self._debounce.stop()
        keep = self.current_document()
        self.model.set_filter(self.current_filter())
        self._update_count()
        if keep is not None and self.model.row_of(keep) is not None:
            self.select_document(keep, emit=False)

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%n article(s)", "", self.model.rowCount()))

    # --- selection ----------------------------------------------------------------------------

    def current_document(self) -> int | None:
        idx = self.view.currentIndex()
        return self.model.doc_id(idx.row()) if idx.isValid() else None

    def select_document(self, doc_id: int, *, emit: bool = True) -> bool:
        """Make ``doc_id`` the current row (scrolling to it); False when it is not in the list."""
        row = self.model.row_of(doc_id)
        if row is None:
            return False
        idx = self.model.index(row, 0)
        sm = self.view.selectionModel()
        if not emit:
            sm.blockSignals(True)
        sm.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        if not emit:
            sm.blockSignals(False)
            self.view.viewport().update()
        self.view.scrollTo(idx, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.documentActivated.emit(self.model.doc_id(current.row()))

    def refresh(self, doc_ids: Iterable[int]) -> None:
        ids = set(doc_ids)
        if self.model.filter.queue and ids and self.model.queue_changed(ids):
            self.apply_filter()  # articles were assigned or unassigned: the queue itself changed
            return
        self.model.refresh_docs(ids)

    def set_annotator(self, annotator_id: int) -> None:
        keep = self.current_document()
        self.model.annotator_id = annotator_id
        self.queue_filter.blockSignals(True)
        self.queue_filter.setChecked(self.model.has_queue())
        self.queue_filter.blockSignals(False)
        self.model.filter = self.current_filter()
        self.model.set_annotator(annotator_id)
        self._update_count()
        if keep is not None:
            self.select_document(keep, emit=False)
