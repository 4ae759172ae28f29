"""Project search dock (issue 6): normalized search over every article, hits in context, jump, label all.

The search itself is :func:`annotator.suggest.search_project` (full-text index, then exact matching
through diacritics, letter forms, spelling variants and attached proclitics); this panel only
shows its hits and turns "label all hits" into one command on the project's undo stack.

Keys: typing searches after a short pause, **Enter** in the query box searches now and moves to
the results; in the results **Enter** or a double-click opens the article with the match
selected (press a label key there to tag it); **Alt+L** labels every hit with the chosen label.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from annotator.store import Store
from annotator.suggest import Hit, label_hits, search_project
from ui.command_text import command_text
from ui.schema_names import entity_choice
from ui.undo import UndoAdapter

Index = QModelIndex | QPersistentModelIndex
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole + 2
LIMIT = 500  # hits listed (and labelled by "label all hits") per search
MATCH_STYLE = "background-color:#ffd54f; color:#000; font-weight:bold"


def hit_html(title: str, before: str, match: str, after: str, *, title_color: str = "gray") -> str:
    """Two right-to-left lines: the article's title in grey, then the context with the match emphasised."""
    return (
        f"<div dir='rtl'><span style='color:{title_color}'>{escape(title)}</span><br>"
        f"{escape(before)}<span style='{MATCH_STYLE}'>{escape(match)}</span>{escape(after)}</div>"
    )


class HitModel(QAbstractListModel):
    """Search hits with their articles' titles; rows are plain values, no database handles."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self.titles: dict[int, str] = {}

    def set_hits(self, hits: list[Hit], titles: dict[int, str]) -> None:
        self.beginResetModel()
        self.hits, self.titles = hits, titles
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def title(self, hit: Hit) -> str:
        return self.titles.get(hit.doc_id) or f"#{hit.doc_id}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not (0 <= index.row() < len(self.hits)):
            return None
        h = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:  # accessibility and tests: the plain text
            return f"{self.title(h)}: {h.context_before}{h.match}{h.context_after}"
        if role == HTML_ROLE:
            return hit_html(self.title(h), h.context_before, h.match, h.context_after)
        if role == HIT_ROLE:
            return (self.title(h), h)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.title(h)} · {h.start}:{h.end}"
        return None


class HitDelegate(QStyledItemDelegate):
    """Draws a hit as two right-to-left lines: the article title, then the context with the match
    emphasised."""

    def _document(self, option: QStyleOptionViewItem, html: str) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        text_option = QTextOption()
        text_option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        text_option.setWrapMode(QTextOption.WrapMode.NoWrap)
        doc.setDefaultTextOption(text_option)
        doc.setDocumentMargin(3)
        doc.setHtml(html)
        doc.setTextWidth(option.rect.width())
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        title, hit = index.data(HIT_ROLE)
        # keep the match in view however narrow the dock: each side gets half of what is left,
        # cut at its far end (logical order, so this holds for right-to-left text too)
        fm = option.fontMetrics
        width = option.rect.width() - 10
        side = max(0, (width - fm.horizontalAdvance(hit.match)) // 2 - fm.horizontalAdvance("…"))
        before = fm.elidedText(hit.context_before, Qt.TextElideMode.ElideLeft, side)
        after = fm.elidedText(hit.context_after, Qt.TextElideMode.ElideRight, side)
        title = fm.elidedText(title, Qt.TextElideMode.ElideRight, width)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        html = hit_html(title, before, hit.match, after, title_color="#e8e8e8" if selected else "gray")
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:  # background, selection and focus frame from the style
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        doc = self._document(option, html)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if selected:
            ctx.palette.setColor(
                QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText)
            )
        rect = option.rect
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.lineSpacing()
        return QSize(200, 2 * line + 10)


class HitList(QListView):
    """The results: Enter (or a double-click) activates the current hit."""

    activatedHit = Signal(int)  # row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setItemDelegate(HitDelegate(self))
        self.doubleClicked.connect(lambda ix: self.activatedHit.emit(ix.row()))

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedHit.emit(self.currentIndex().row())
            return
        super().keyPressEvent(e)


class SearchPanel(QDockWidget):
    """Dock with the project search; ``hitActivated(doc_id, start, end)`` asks to show a hit."""

    hitActivated = Signal(int, int, int)
    statusMessage = Signal(str)

    def __init__(
        self, store: Store, undo: UndoAdapter, annotator: Callable[[], int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("projectSearchDock")
        self.store, self.undo, self.annotator = store, undo, annotator
        self.query = QLineEdit()
        self.query.setObjectName("projectSearchQuery")
        self.query.setClearButtonEnabled(True)
        self.query.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.model = HitModel(self)
        self.results = HitList()
        self.results.setModel(self.model)
        self.count = QLabel()
        self.count.setObjectName("projectSearchCount")
        self.label = QComboBox()
        self.label.setObjectName("labelAllHitsLabel")
        for et in store.schema.entities:
            self.label.addItem(entity_choice(et), et.label)
        self.label_button = QPushButton()
        self.label_button.setObjectName("labelAllHits")
        self.label_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.label, 1)
        row.addWidget(self.label_button)
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.query)
        lay.addWidget(self.count)
        lay.addWidget(self.results, 1)
        lay.addLayout(row)
        self.setWidget(body)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.search)
        self.query.textEdited.connect(lambda _t: self._timer.start())
        self.query.returnPressed.connect(self._search_now)
        self.results.activatedHit.connect(self._activate)
        self.label_button.clicked.connect(self.label_all)
        self._searched = ""
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current interface language (at start and on a language change)."""
        self.setWindowTitle(self.tr("Search project"))
        self.query.setPlaceholderText(
            self.tr("Search every article (امريكا finds أميركا, واشنطن finds بواشنطن)")
        )
        self.label_button.setText(self.tr("&Label all hits"))
        for i, et in enumerate(self.store.schema.entities):
            self.label.setItemText(i, entity_choice(et))
        self._show_count()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # --- searching -------------------------------------------------------------------------------

    def focus_query(self) -> None:
        self.show()
        self.raise_()
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def _search_now(self) -> None:
        self._timer.stop()
        self.search()
        if self.model.hits:
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)
            self.results.setCurrentIndex(self.model.index(0))

    def search(self, query: str | None = None) -> list[Hit]:
        """Run the query (the box's text unless given) and list its hits."""
        if query is not None:
            self.query.setText(query)
        text = self.query.text().strip()
        try:
            hits = search_project(self.store, text, limit=LIMIT) if text else []
        except Exception as e:  # an unreadable index, a locked project ...
            self.count.setText(self.tr("Search failed: %1").replace("%1", str(e)))
            return []
        titles: dict[int, str] = {}
        for d in dict.fromkeys(h.doc_id for h in hits):
            titles[d] = self.store.document(d).title
        self.model.set_hits(hits, titles)
        self._searched = text
        self.label_button.setEnabled(bool(hits))
        self._show_count()
        return hits

    def _show_count(self) -> None:
        hits = self.model.hits
        n_docs = len(self.model.titles)
        if not self._searched:
            self.count.clear()
            return
        if not hits:
            text = self.tr("No hits")
        elif len(hits) >= LIMIT:
            text = self.tr("The first %1 hits, in %2 articles (refine the search to see more)")
        elif len(hits) == 1:
            text = self.tr("1 hit in 1 article")
        elif n_docs == 1:
            text = self.tr("%1 hits in 1 article")
        else:
            text = self.tr("%1 hits in %2 articles")
        self.count.setText(text.replace("%1", str(len(hits))).replace("%2", str(n_docs)))

    def _activate(self, row: int) -> None:
        h = self.model.hits[row]
        self.hitActivated.emit(h.doc_id, h.start, h.end)

    # --- label all hits ----------------------------------------------------------------------------

    def label_all(self) -> int:
        """Label every listed hit with the chosen label as one undoable command; returns how many."""
        hits = self.model.hits
        label = str(self.label.currentData())
        if not hits:
            return 0
        try:
            batch = label_hits(self.store, hits, label, self.annotator())
            if not batch.commands:
                self.statusMessage.emit(
                    self.tr("Every hit of “%1” is already labelled").replace("%1", self._searched)
                )
                return 0
            self.undo.push(batch)
        except Exception as e:
            self.statusMessage.emit(self.tr("Labelling the hits failed: %1").replace("%1", str(e)))
            return 0
        skipped = len(hits) - len(batch.commands)
        done = (
            self.tr("%1 (%2 already labelled or overlapping a mention); Ctrl+Z undoes")
            if skipped
            else self.tr("%1; Ctrl+Z undoes")
        )
        self.statusMessage.emit(done.replace("%2", str(skipped)).replace("%1", command_text(batch.text)))
        return len(batch.commands)


def show_hit(open_document: Callable[[int], object], view: Any, doc_id: int, start: int, end: int) -> None:
    """Open ``doc_id`` with ``open_document`` and select ``start:end`` in the article ``view``, focused,
    so a label key tags the hit at once."""
    open_document(doc_id)
    view.select_range(start, end)
    view.ensureCursorVisible()
    view.setFocus(Qt.FocusReason.OtherFocusReason)
