"""Qt side of one article's review: the item table model and the status colouring of the merged text.

The items and their statuses come from :func:`annotator.review.alignment.align_article`; this
module only presents them. The merged text reuses :class:`ui.highlight.Highlighter` unchanged:
each review item becomes one pseudo mention whose "label" is its status (or its decision once
decided), drawn with a schema whose entity types are those statuses in their own colours.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
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
from annotator.review.layers import Mention, QuoteItem, StanceItem
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
_Index = QModelIndex | QPersistentModelIndex
# the texts of this module are in the model's translation context, spelled out in every call so
# that pyside6-lupdate finds them
translate = QCoreApplication.translate


COL_NUMBER, COL_KIND, COL_STATUS, COL_TEXT, COL_DECISION, COL_VERSIONS = range(6)


def column_titles() -> tuple[str, ...]:
    return ("#", translate("ReviewItemModel", "Kind"), translate("ReviewItemModel", "Status"), translate("ReviewItemModel", "Text"), translate("ReviewItemModel", "Decision"), translate("ReviewItemModel", "Versions"))


def kind_text(kind: str) -> str:
    """"span" / "quote" / "stance" as the reviewer reads it."""
    return {"span": translate("ReviewItemModel", "entity"), "quote": translate("ReviewItemModel", "quote"), "stance": translate("ReviewItemModel", "stance")}.get(kind, kind)


def status_name(status: str) -> str:
    """An item status or a decision, translated ("agreed", "label differs", "accepted" …)."""
    return {AGREED: translate("ReviewItemModel", "agreed"), ONLY: translate("ReviewItemModel", "only one annotator"), LABEL_DIFFERS: translate("ReviewItemModel", "label differs"),
            BOUNDARY_DIFFERS: translate("ReviewItemModel", "boundary differs"), "accept": translate("ReviewItemModel", "accepted"), "correct": translate("ReviewItemModel", "corrected"),
            "reject": translate("ReviewItemModel", "rejected")}.get(status, status)


def decision_mark(decision: str) -> str:
    return {"accept": "✓ ", "correct": "✎ ", "reject": "✗ "}.get(decision, "") + status_name(decision)


def status_schema(schema: Schema) -> Schema:
    """The project's schema with one entity type per status/decision, so the Highlighter colours by status."""
    types = tuple(EntityType(label=k, name=k, color=c) for k, c in STATUS_COLORS.items())
    return replace(schema, entities=types)


def status_text(item: ReviewItem, names: dict[int, str]) -> str:
    """"agreed", "only sara", "label differs", "boundary differs"."""
    if item.status == ONLY:
        return translate("ReviewItemModel", "only %1").replace("%1", ", ".join(names.get(a, f"#{a}") for a in item.annotators))
    return status_name(item.status)


def short(text: str, limit: int = 50) -> str:
    t = " ".join(text.split())
    return t if len(t) <= limit else t[: limit - 1] + "…"


def quoted(text: str, limit: int = 40) -> str:
    """«text», shortened and bidi-isolated (FSI … PDI) so Arabic inside an English line keeps its place."""
    return f"«\u2068{short(text, limit)}\u2069»"


def item_title(item: ReviewItem, text: str) -> str:
    """The Text column: the item's words; for a stance (often without a range) holder → target."""
    if item.kind != "stance":
        return short(text[item.start : item.end], 40)
    v = item.versions[0][1]
    assert isinstance(v, StanceItem)
    return f"{_holder(v, text)} → {_target(v)}"


def _holder(v: StanceItem, text: str) -> str:
    if v.scope == "article":
        return translate("ReviewItemModel", "the article")
    if v.holder is not None:
        return short(text[v.holder.start : v.holder.end], 25)
    return v.holder_text or (_entity(v.holder_entity_id) if v.holder_entity_id else "?")


def _target(v: StanceItem) -> str:
    return v.target_topic or v.target_text or (_entity(v.target_entity_id) if v.target_entity_id else "?")


def describe_version(v: Version, text: str) -> str:
    """One annotator's version in a line: label and words; quote kind and speaker; stance triple."""
    # Arabic runs are isolated (FSI … PDI), labels and offsets isolated left-to-right (LRI … PDI),
    # so the pieces keep their places whichever the direction of the surrounding line
    if isinstance(v, Mention):
        return f"\u2066{v.label}\u2069 {quoted(text[v.start : v.end])} \u2066[{v.start}–{v.end}]\u2069"
    if isinstance(v, QuoteItem):
        a, b = v.content
        spk = (short(text[v.speaker.start : v.speaker.end], 25) if v.speaker is not None
               else (v.speaker_text or (_entity(v.speaker_entity_id) if v.speaker_entity_id else "?")))
        cue = translate("ReviewItemModel", ", cue %1").replace("%1", quoted(text[v.cue[0] : v.cue[1]])) if v.cue else ""
        return (translate("ReviewItemModel", "quote (%1) by %2%3: %4").replace("%1", v.kind).replace("%2", f"\u2068{spk}\u2069")
                .replace("%3", cue).replace("%4", quoted(text[a:b])) + f" \u2066[{a}–{b}]\u2069")
    ev = "; ".join(quoted(text[a:b], 25) for a, b in v.evidence)
    out = (translate("ReviewItemModel", "stance: %1 → %2 → %3").replace("%1", f"\u2068{_holder(v, text)}\u2069").replace("%2", v.polarity)
           .replace("%3", f"\u2068{_target(v)}\u2069"))
    return out + (translate("ReviewItemModel", ", evidence %1").replace("%1", ev) if ev else "")


def version_parts(v: Version, text: str) -> tuple[str, list[str]]:
    """One version as a line about it (label, kind, speaker, polarity, offsets) and the article text
    it covers (mention words, quote content, stance evidence), for display as separate paragraphs."""
    if isinstance(v, Mention):
        return f"{v.label} \u2066[{v.start}–{v.end}]\u2069", [text[v.start : v.end]]
    if isinstance(v, QuoteItem):
        a, b = v.content
        spk = (text[v.speaker.start : v.speaker.end] if v.speaker is not None
               else (v.speaker_text or (_entity(v.speaker_entity_id) if v.speaker_entity_id else "?")))
        cue = translate("ReviewItemModel", ", cue %1").replace("%1", quoted(text[v.cue[0] : v.cue[1]])) if v.cue else ""
        meta = (translate("ReviewItemModel", "quote (%1) by %2%3").replace("%1", v.kind).replace("%2", f"\u2068{short(spk, 30)}\u2069")
                .replace("%3", cue))
        return meta + f" \u2066[{a}–{b}]\u2069", [short(text[a:b], 400)]
    meta = (translate("ReviewItemModel", "stance: %1 → %2 → %3").replace("%1", f"\u2068{_holder(v, text)}\u2069").replace("%2", v.polarity)
            .replace("%3", f"\u2068{_target(v)}\u2069"))
    return meta, [short(text[a:b], 200) for a, b in v.evidence]


def _entity(entity_id: int) -> str:
    return translate("ReviewItemModel", "entity #%1").replace("%1", str(entity_id))


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
    """What the Highlighter reads of :class:`ui.docstate.ArticleState`: the spans (here one pseudo
    mention per review item) and which mentions speak a quote (none: items are coloured by status)."""

    def __init__(self, spans: dict[int, SpanRow]) -> None:
        self.spans = spans
        self.speaker_of: dict[int, list[int]] = {}


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
        return 0 if parent.isValid() else 6  # column_titles()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return column_titles()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        it = self.item(index.row())
        if it is None or self.alignment is None:
            return None
        col, text = index.column(), self.alignment.text
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NUMBER:
                return str(index.row() + 1)
            if col == COL_KIND:
                return kind_text(it.kind)
            if col == COL_STATUS:
                return status_text(it, self.names)
            if col == COL_TEXT:
                return item_title(it, text)
            if col == COL_DECISION:
                if it.decision is None:
                    return ""
                src = it.decision.source_annotator_id
                return decision_mark(it.decision.decision) + (f" ({self.names.get(src, src)})" if src else "")
            if col == COL_VERSIONS:
                return " | ".join(f"{self.names.get(a, a)}: {describe_version(v, text)}" for a, v in it.versions)
        if role == Qt.ItemDataRole.ForegroundRole and col in (COL_STATUS, COL_DECISION):
            return QBrush(QColor(STATUS_COLORS[item_color_key(it) if col == COL_DECISION else it.status]))
        if role == Qt.ItemDataRole.ToolTipRole and col in (COL_TEXT, COL_VERSIONS):
            return "\n".join(f"{self.names.get(a, a)}: {describe_version(v, text)}" for a, v in it.versions)
        return None
