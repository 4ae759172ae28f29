"""Qt side of one article's review: the item table model and the status colouring of the merged text.

The items and their statuses come from :func:`annotator.review.alignment.align_article`; this
module only presents them. The merged text reuses :class:`ui.highlight.Highlighter` unchanged:
each review item becomes one pseudo mention whose "label" is its status (or its decision once
decided), drawn with a schema whose entity types are those statuses in their own colours.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from annotator.review.alignment import (
    AGREED,
    BOUNDARY_DIFFERS,
    LABEL_DIFFERS,
    ONLY,
    Alignment,
    ReviewItem,
    Version,
)
from annotator.review.layers import Mention, QuoteItem
from annotator.schema import EntityType, Schema
from annotator.store import SpanRow

#: colours of the open statuses and of decided items (these read on light and dark backgrounds)
STATUS_COLORS: dict[str, str] = {
    AGREED: "#2e9e44",
    ONLY: "#e07b00",
    LABEL_DIFFERS: "#8e44ad",
    BOUNDARY_DIFFERS: "#d62f2f",
    "accept": "#3b82c4",
    "correct": "#3b82c4",
    "reject": "#8a8a8a",
}
_DECISION_MARK = {"accept": "✓ accepted", "correct": "✎ corrected", "reject": "✗ rejected"}
COLUMNS = ("#", "Kind", "Status", "Text", "Versions", "Decision")
_Index = QModelIndex | QPersistentModelIndex


def status_schema(schema: Schema) -> Schema:
    """The project's schema with one entity type per status/decision, so the Highlighter colours by status."""
    types = tuple(EntityType(label=k, name=k, color=c) for k, c in STATUS_COLORS.items())
    return replace(schema, entities=types)


def status_text(item: ReviewItem, names: dict[int, str]) -> str:
    """"agreed", "only sara", "label differs", "boundary differs"."""
    if item.status == ONLY:
        return "only " + ", ".join(names.get(a, f"#{a}") for a in item.annotators)
    return item.status.replace("_", " ")


def short(text: str, limit: int = 50) -> str:
    t = " ".join(text.split())
    return t if len(t) <= limit else t[: limit - 1] + "…"


def describe_version(v: Version, text: str) -> str:
    """One annotator's version in a line: label and words; quote kind and speaker; stance triple."""
    if isinstance(v, Mention):
        return f"{v.label} «{short(text[v.start : v.end], 40)}» [{v.start}–{v.end}]"
    if isinstance(v, QuoteItem):
        a, b = v.content
        spk = (short(text[v.speaker.start : v.speaker.end], 25) if v.speaker is not None
               else (v.speaker_text or (f"entity #{v.speaker_entity_id}" if v.speaker_entity_id else "?")))
        cue = f", cue «{text[v.cue[0] : v.cue[1]]}»" if v.cue else ""
        return f"quote ({v.kind}) by {spk}{cue}: «{short(text[a:b], 40)}» [{a}–{b}]"
    if v.scope == "article":
        holder = "article"
    elif v.holder is not None:
        holder = short(text[v.holder.start : v.holder.end], 25)
    else:
        holder = v.holder_text or (f"entity #{v.holder_entity_id}" if v.holder_entity_id else "?")
    target = v.target_topic or v.target_text or (f"entity #{v.target_entity_id}" if v.target_entity_id else "?")
    ev = "; ".join(f"«{short(text[a:b], 25)}»" for a, b in v.evidence)
    return f"stance {holder} → {v.polarity} → {target}" + (f", evidence {ev}" if ev else "")


def item_color_key(item: ReviewItem) -> str:
    return item.decision.decision if item.decision is not None else item.status


def pseudo_spans(alignment: Alignment) -> dict[int, SpanRow]:
    """Item row ``i`` as pseudo mention id ``i + 1`` over the item's range (items without one are left out)."""
    out: dict[int, SpanRow] = {}
    for i, it in enumerate(alignment.items):
        if it.end > it.start:
            out[i + 1] = SpanRow(i + 1, alignment.doc_id, 0, it.start, it.end, "entity",
                                 item_color_key(it), "review", "active", None)
    return out


class PseudoState:
    """The one attribute of :class:`ui.docstate.ArticleState` the Highlighter reads: ``spans``."""

    def __init__(self, spans: dict[int, SpanRow]) -> None:
        self.spans = spans


class ReviewItemModel(QAbstractTableModel):
    """Rows: the review items of one article in reading order; holds the alignment's plain values."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.alignment: Alignment | None = None
        self.names: dict[int, str] = {}

    def set_alignment(self, alignment: Alignment | None, names: dict[int, str]) -> None:
        self.beginResetModel()
        self.alignment, self.names = alignment, names
        self.endResetModel()

    @property
    def items(self) -> tuple[ReviewItem, ...]:
        return self.alignment.items if self.alignment is not None else ()

    def item(self, row: int) -> ReviewItem | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def row_of(self, key: str) -> int | None:
        return next((i for i, it in enumerate(self.items) if it.key == key), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        it = self.item(index.row())
        if it is None or self.alignment is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return str(index.row() + 1)
            if col == 1:
                return it.kind
            if col == 2:
                return status_text(it, self.names)
            if col == 3:
                return short(self.alignment.text[it.start : it.end], 40)
            if col == 4:
                return " | ".join(f"{self.names.get(a, a)}: {describe_version(v, self.alignment.text)}"
                                  for a, v in it.versions)
            if col == 5:
                if it.decision is None:
                    return ""
                src = it.decision.source_annotator_id
                return _DECISION_MARK[it.decision.decision] + (f" ({self.names.get(src, src)})" if src else "")
        if role == Qt.ItemDataRole.ForegroundRole and col in (2, 5):
            return QBrush(QColor(STATUS_COLORS[item_color_key(it) if col == 5 else it.status]))
        if role == Qt.ItemDataRole.ToolTipRole and col in (3, 4):
            return "\n".join(f"{self.names.get(a, a)}: {describe_version(v, self.alignment.text)}"
                             for a, v in it.versions)
        return None
