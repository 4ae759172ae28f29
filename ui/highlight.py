"""Span highlights, drawn per paragraph so an edit repaints only the paragraphs it touched.

Two layers, so that overlapping and nested spans stay distinguishable:

* fills, set as the paragraph layout's additional formats (what QSyntaxHighlighter does, without
  re-highlighting the whole document): entity mentions get their label colour, more opaque the
  deeper they are nested; the selected mention is filled solid with white text; a selected
  quote's content, cue and a selected stance's evidence get a light tint;
* lines and boxes, painted over the text by :meth:`Highlighter.paint`: quote content underlined
  in the quote colour, evidence dotted underline one step lower (so both show when they overlap),
  cues boxed in the cue colour, suggestions outlined dashed (they are not annotations yet), the
  selected item and a selected quote's speaker boxed; mentions that overlap or nest also get a
  line each along the top of the text line, in their label colour and stacked, so every one
  shows its own full extent; a quote's speaker is underlined in the quote colour like its quote.

ExtraSelections were measured first: with 5,000 spans setting them took ~0.5 s (Qt lays out every
paragraph to compute update rectangles) against ~10 ms for per-paragraph formats.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPalette,
    QPen,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextLayout,
)
from PySide6.QtWidgets import QPlainTextEdit

from annotator.schema import Schema
from annotator.store import SpanRow
from ui.docstate import ArticleState
from ui.positions import PositionMap

FIRST_SLICE = 30  # paragraphs with spans rendered before the first paint (more than a screenful)
SLICE = 60  # paragraphs rendered per event-loop turn after that (~6 ms)


@dataclass(frozen=True, slots=True)
class Mark:
    """A line or box to paint over block-relative Qt positions ``a:b``."""

    a: int
    b: int
    kind: str  # underline | dotted | box | start (a tick at the logical start) | overline (stacked)
    color: QColor
    level: int = 0
    dashed: bool = False
    width: float = 1.5


class Highlighter:
    """Keeps each paragraph's formats and marks in step with an :class:`ArticleState`."""

    def __init__(self, view: QPlainTextEdit, state: ArticleState, pos: PositionMap, schema: Schema) -> None:
        self.view = view
        self.doc = view.document()
        self.state = state
        self.pos = pos
        self.schema = schema
        self.colors = {e.label: QColor(e.color) for e in schema.entities}
        self.quote_color = QColor(schema.quote_color)
        self.cue_color = QColor(schema.cue_color)
        self.evidence_color = QColor(schema.evidence_color)
        self.selected: set[int] = set()  # spans drawn as the current selection
        self.related: set[int] = set()  # a selected quote's speaker/cue, a stance's holder/evidence
        self._stance_links = False
        self._starts: list[int] = []
        self._blocks: list[QTextBlock] = []
        block = self.doc.firstBlock()
        while block.isValid():
            self._starts.append(block.position())
            self._blocks.append(block)
            block = block.next()
        self._by_block: dict[int, set[int]] = {}
        self._marks: dict[int, list[Mark]] = {}
        self._formats: dict[tuple[str, int, bool], QTextCharFormat] = {}
        for s in state.spans.values():
            self._index(s, add=True)
        # Paragraphs are laid out lazily; formats set before that cost no relayout. The first
        # screenful is rendered now, the rest in slices from the event loop once the article has
        # been painted (:meth:`start_idle`), to keep the first paint within its budget.
        self._pending = sorted(self._by_block)
        self._render_pending(FIRST_SLICE)

    def start_idle(self) -> None:
        if self._pending:
            QTimer.singleShot(0, self._render_more)

    @property
    def complete(self) -> bool:
        return not self._pending

    def _render_pending(self, n: int) -> None:
        todo, self._pending = self._pending[:n], self._pending[n:]
        cursor = QTextCursor(self.doc)
        cursor.beginEditBlock()
        for k in todo:
            block = self._blocks[k]
            laid_out = block.layout().lineCount() > 0
            fills, self._marks[k] = self._render(k, block)
            block.layout().setFormats(fills)
            if laid_out:
                self.doc.markContentsDirty(block.position(), block.length())
        cursor.endEditBlock()

    def _render_more(self) -> None:
        if getattr(self.view, "highlighter", None) is not self:
            return  # another article (or none) was opened meanwhile
        self._render_pending(SLICE)
        self.view.viewport().update()
        if self._pending:
            QTimer.singleShot(0, self._render_more)

    # --- bookkeeping -----------------------------------------------------------------------------

    def _block_range(self, s: SpanRow) -> range:
        a, b = self.pos.to_qt(s.start), self.pos.to_qt(s.end)
        return range(bisect_right(self._starts, a) - 1, bisect_right(self._starts, max(a, b - 1)))

    def _index(self, s: SpanRow, *, add: bool) -> set[int]:
        blocks = set(self._block_range(s))
        for n in blocks:
            if add:
                self._by_block.setdefault(n, set()).add(s.id)
            else:
                self._by_block.get(n, set()).discard(s.id)
        return blocks

    def update_spans(self, old: dict[int, SpanRow], new: dict[int, SpanRow]) -> None:
        """Re-render only the paragraphs the changed spans were or are in."""
        dirty: set[int] = set()
        for s in old.values():
            dirty |= self._index(s, add=False)
        for s in new.values():
            dirty |= self._index(s, add=True)
        self.refresh_blocks(dirty)

    def refresh_spans(self, span_ids: Iterable[int]) -> None:
        """Re-render the paragraphs of these spans (their own rows did not change, their links did)."""
        spans = self.state.spans
        self.refresh_blocks({n for sid in span_ids if sid in spans for n in self._block_range(spans[sid])})

    def set_emphasis(self, selected: set[int], related: set[int], stance: bool = False) -> None:
        """Draw ``selected`` as the selection and ``related`` as linked to it (a quote's speaker and
        cue in the quote colour; a stance's holder and evidence in the evidence colour)."""
        spans = self.state.spans
        if stance != self._stance_links:
            self._stance_links = stance
            self.refresh_blocks(
                {n for sid in self.related if sid in spans for n in self._block_range(spans[sid])}
            )
        touched = (self.selected ^ selected) | (self.related ^ related)
        self.selected, self.related = set(selected), set(related)
        dirty: set[int] = set()
        for sid in touched:
            if sid in spans:
                dirty |= set(self._block_range(spans[sid]))
        self.refresh_blocks(dirty)

    def spans_in_block(self, n: int) -> list[SpanRow]:
        spans = self.state.spans
        return [spans[i] for i in self._by_block.get(n, ()) if i in spans]

    # --- rendering -------------------------------------------------------------------------------

    def refresh_blocks(self, blocks: Iterable[int]) -> None:
        # Fills change colours only, so the paragraphs' lines stay valid: repaint just the touched
        # paragraphs on screen. (markContentsDirty made Qt report the change as reaching into the
        # next paragraph, relay that one out and repaint the whole viewport: ~10 ms per edit.)
        dirty = set(blocks)
        for n in sorted(dirty):
            block = self._blocks[n]
            fills, self._marks[n] = self._render(n, block)
            block.layout().setFormats(fills)
        self._update_on_screen(dirty)

    def _update_on_screen(self, blocks: set[int]) -> None:
        view = self.view
        viewport = view.viewport()
        offset = view.contentOffset()
        block = view.firstVisibleBlock()
        while blocks and block.isValid():
            geo = view.blockBoundingGeometry(block).translated(offset)
            if geo.top() > viewport.height():
                break
            if block.blockNumber() in blocks:
                viewport.update(QRect(0, int(geo.top()) - 2, viewport.width(), int(geo.height()) + 4))
            block = block.next()

    def _render(self, n: int, block: QTextBlock) -> tuple[list[QTextLayout.FormatRange], list[Mark]]:
        base = block.position()
        blen = block.length() - 1
        spans = self.spans_in_block(n)
        fills: list[tuple[int, QTextLayout.FormatRange]] = []
        marks: list[Mark] = []
        mentions = [s for s in spans if s.layer == "entity" and s.status != "suggested"]
        stack = _stack_levels(mentions)

        def rel(s: SpanRow) -> tuple[int, int]:
            a = max(0, self.pos.to_qt(s.start) - base)
            b = min(blen, self.pos.to_qt(s.end) - base)
            return a, b

        def fill(s: SpanRow, color: QColor, alpha: int, prio: int, white: bool = False) -> None:
            a, b = rel(s)
            if b <= a:
                return
            key = (color.name(), alpha, white)
            fmt = self._formats.get(key)
            if fmt is None:
                fmt = self._formats[key] = QTextCharFormat()
                c = QColor(color)
                c.setAlpha(alpha)
                fmt.setBackground(c)
                if white:
                    fmt.setForeground(QColor("white"))
            r = QTextLayout.FormatRange()
            r.start, r.length, r.format = a, b - a, fmt
            fills.append((prio, r))

        for s in spans:
            a, b = rel(s)
            if b <= a:
                continue
            suggested = s.status == "suggested"
            chosen = s.id in self.selected
            if s.layer == "entity":
                color = self.colors.get(s.label, QColor("#808080"))
                depth = sum(
                    1
                    for o in mentions
                    if o.id != s.id
                    and o.start <= s.start
                    and s.end <= o.end
                    and (o.end - o.start) > (s.end - s.start)
                )
                if chosen:
                    fill(s, color, 255, 100 + depth, True)
                elif not suggested:
                    fill(s, color, min(70 + 55 * depth, 200), 10 + depth)
                if not suggested:  # where a mention starts: adjacent mentions of one label stay two
                    marks.append(Mark(a, b, "start", color.darker(160), width=2.0))
                if s.id in self.state.speaker_of:  # a quote's speaker: underlined like its quote
                    marks.append(Mark(a, b, "underline", self.quote_color, 0, width=2.0))
                if s.id in stack:  # overlapping or nested: each its own line along the top, stacked
                    marks.append(Mark(a, b, "overline", color.darker(140), stack[s.id], width=2.0))
                if suggested:
                    marks.append(Mark(a, b, "box", color, dashed=True))
                if s.id in self.related:
                    link = self.evidence_color if self._stance_links else self.quote_color
                    marks.append(Mark(a, b, "box", link, width=2.5))
            elif s.layer == "quote":
                if chosen:
                    fill(s, self.quote_color, 40, 1)
                marks.append(Mark(a, b, "underline", self.quote_color, 0, suggested, 3.0 if chosen else 2.0))
            elif s.layer == "cue":
                if chosen or s.id in self.related:
                    fill(s, self.cue_color, 130, 50)
                marks.append(Mark(a, b, "box", self.cue_color, dashed=suggested, width=2.0))
            elif s.layer == "evidence":
                if chosen or s.id in self.related:
                    fill(s, self.evidence_color, 45, 2)
                marks.append(Mark(a, b, "dotted", self.evidence_color, 1, suggested, 2.0))
            if chosen and s.layer == "entity":
                marks.append(Mark(a, b, "box", self.view.palette().color(QPalette.ColorRole.Text), width=2.0))
        fills.sort(key=lambda t: t[0])  # later ranges win where they overlap
        return [r for _, r in fills], marks

    def paint(self, painter: QPainter, area: QRect) -> None:
        """Paint the marks of the paragraphs in ``area`` (called after the text is drawn)."""
        view = self.view
        offset = view.contentOffset()
        block = view.firstVisibleBlock()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        while block.isValid():
            geo = view.blockBoundingGeometry(block).translated(offset)
            if geo.top() > area.bottom():
                break
            marks = self._marks.get(block.blockNumber())
            if marks and block.isVisible() and geo.bottom() >= area.top():
                self._paint_block(painter, block, geo.top(), marks)
            block = block.next()

    def _paint_block(self, painter: QPainter, block: QTextBlock, top: float, marks: list[Mark]) -> None:
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            ls, le = line.textStart(), line.textStart() + line.textLength()
            for m in marks:
                a, b = max(m.a, ls), min(m.b, le)
                if a >= b or (m.kind == "start" and a != m.a):
                    continue
                x1, x2 = float(line.cursorToX(a)[0]), float(line.cursorToX(b)[0])  # type: ignore[index]
                left, right = min(x1, x2), max(x1, x2)
                pen = QPen(m.color, m.width)
                if m.dashed:
                    pen.setStyle(Qt.PenStyle.DashLine)
                elif m.kind == "dotted":
                    pen.setStyle(Qt.PenStyle.DotLine)
                painter.setPen(pen)
                y0 = top + line.y()
                if m.kind == "start":
                    painter.drawLine(QPointF(x1, y0 + 3), QPointF(x1, y0 + line.height() - 3))
                elif m.kind == "overline":  # inside the line's top, clear of quote/evidence lines
                    y = y0 + 1.5 + m.level * 3.5
                    painter.drawLine(QPointF(left, y), QPointF(right, y))
                elif m.kind == "box":
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRoundedRect(
                        QRectF(left - 1, y0 + 1, right - left + 2, line.height() - 2), 3, 3
                    )
                else:
                    base = y0 + line.ascent() + line.descent() * 0.45 + m.level * 4.0
                    painter.drawLine(QPointF(left, base), QPointF(right, base))


def _stack_levels(mentions: list[SpanRow]) -> dict[int, int]:
    """Underline level of each mention that overlaps another (0, 1, ...): overlapping mentions
    never share a level, so nested and crossing mentions each show their own full extent."""
    ordered = sorted(mentions, key=lambda s: (s.start, -s.end, s.id))
    levels: dict[int, int] = {}
    active: list[SpanRow] = []
    for s in ordered:
        active = [o for o in active if o.end > s.start]
        if active:
            used = {levels[o.id] for o in active if o.id in levels}
            for o in active:
                if o.id not in levels:
                    levels[o.id] = next(i for i in range(len(used) + 1) if i not in used)
                    used.add(levels[o.id])
            levels[s.id] = next(i for i in range(len(used) + 1) if i not in used)
        active.append(s)
    return levels
