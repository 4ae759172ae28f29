"""A small bar chart drawn with QPainter: agreement per label in the Agreement view.

One bar per label in the label's own colour, its value written above it; an undefined value
(no spans of that label) gets no bar and a dash. The value axis runs from 0 (or the lowest
negative value: kappa and alpha can be below zero) to 1. Colours come from the palette, so the
chart follows the light and dark themes, and bars run right to left in a right-to-left layout.
Drawn here rather than with a plotting package: a few dozen lines instead of a dependency that
takes about a second to import.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float | None  # None: undefined, drawn as a dash without a bar
    color: str


class BarChart(QWidget):
    """Bars of values in [-1, 1] with a title; ``set_bars`` replaces what is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementChart")
        self.title = ""
        self.bars: list[Bar] = []
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_bars(self, title: str, bars: list[Bar]) -> None:
        self.title, self.bars = title, list(bars)
        self.setToolTip("\n".join(f"{b.label}: {'—' if b.value is None else f'{b.value:.3f}'}" for b in bars))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 240)

    def bar_rects(self) -> list[QRectF | None]:
        """Where each bar is drawn (None: undefined value); what a test or a tooltip can check."""
        plot = self._plot_rect()
        n = max(1, len(self.bars))
        slot = plot.width() / n
        low = self._low()
        y_of = self._y_mapper(plot, low)
        out: list[QRectF | None] = []
        for i, b in enumerate(self.bars):
            if b.value is None:
                out.append(None)
                continue
            pos = n - 1 - i if self.isRightToLeft() else i
            x = plot.left() + pos * slot + slot * 0.2
            top, bottom = sorted((y_of(b.value), y_of(0.0)))
            out.append(QRectF(x, top, slot * 0.6, max(bottom - top, 1.0)))
        return out

    # --- geometry -----------------------------------------------------------------------------

    def _low(self) -> float:
        """The bottom of the value axis: 0, or the lowest value rounded down to a quarter."""
        return math.floor(min([0.0, *(b.value for b in self.bars if b.value is not None)]) * 4) / 4

    def _plot_rect(self) -> QRectF:
        fm = QFontMetricsF(self.font())
        h = fm.height()
        axis = fm.horizontalAdvance("-0.00") + 8
        left, right = (4.0, axis) if self.isRightToLeft() else (axis, 4.0)
        return QRectF(left, h * 1.6 + 4, max(10.0, self.width() - left - right),
                      max(10.0, self.height() - h * 3.2 - 10))

    @staticmethod
    def _y_mapper(plot: QRectF, low: float) -> Callable[[float], float]:
        span = 1.0 - low or 1.0

        def y_of(v: float) -> float:
            return plot.bottom() - (v - low) / span * plot.height()

        return y_of

    # --- painting -----------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        pal = self.palette()
        text, base = pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base)
        grid = QColor(text)
        grid.setAlphaF(0.18)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), base)
        fm = QFontMetricsF(self.font())
        plot = self._plot_rect()
        low = self._low()
        y_of = self._y_mapper(plot, low)
        rtl = self.isRightToLeft()
        p.setPen(text)
        title = QRectF(0, 2, self.width(), fm.height() * 1.4)
        p.drawText(title, int(Qt.AlignmentFlag.AlignCenter), self.title)
        # grid lines and the value axis (on the left, or the right in a right-to-left layout)
        ticks = [t / 4 for t in range(round(low * 4), 5)]
        for t in ticks:
            y = y_of(t)
            p.setPen(QPen(text if t == 0 else grid, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(text)
            label = QRectF(plot.right() + 4 if rtl else 0, y - fm.height() / 2,
                           (self.width() - plot.right() - 4) if rtl else plot.left() - 4, fm.height())
            align = Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight
            p.drawText(label, int(align | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter),
                       f"{t:.2f}")
        n = max(1, len(self.bars))
        slot = plot.width() / n
        for i, (b, rect) in enumerate(zip(self.bars, self.bar_rects(), strict=True)):
            pos = n - 1 - i if rtl else i
            x0 = plot.left() + pos * slot
            if rect is not None:
                color = QColor(b.color)
                p.fillRect(rect, color)
                p.setPen(QPen(color.darker(130), 1))
                p.drawRect(rect)
            value = "—" if b.value is None else f"{b.value:.2f}"
            vy = (rect.top() if rect is not None and (b.value or 0) >= 0 else y_of(0.0)) - fm.height()
            if rect is not None and (b.value or 0) < 0:
                vy = rect.bottom()
            p.setPen(text)
            p.drawText(QRectF(x0, vy, slot, fm.height()), int(Qt.AlignmentFlag.AlignCenter), value)
            p.drawText(QRectF(x0, plot.bottom() + 4, slot, fm.height() * 1.4),
                       int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                       fm.elidedText(b.label, Qt.TextElideMode.ElideRight, slot - 2))
        p.end()
