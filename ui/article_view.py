"""The read-only article text: right-to-left, Noto Naskh Arabic, per-paragraph direction.

QPlainTextEdit rather than QTextEdit/QTextBrowser: it lays paragraphs out lazily (only what is
scrolled into view), which keeps a 50,000-word article under the first-paint budget; it still
offers keyboard selection (shift+arrows) and a caret in read-only mode. The text is set once per
article from the stored string and never read back (``toPlainText`` turns NBSP into a space);
every position crossing this boundary goes through :class:`ui.positions.PositionMap`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from ui.fonts import article_font
from ui.highlight import Highlighter
from ui.positions import PositionMap


class ArticleView(QPlainTextEdit):
    """Shows one article; reports clicks and selections as code-point offsets."""

    #: a click (press and release without dragging a selection) at a code-point offset
    clicked = Signal(int)
    #: the article set last has been painted for the first time (background work may start)
    firstPaint = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setUndoRedoEnabled(False)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # scroll bar on the reading side
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setCenterOnScroll(False)
        self.setFont(article_font(16))
        self.setViewportMargins(6, 6, 6, 6)
        self.positions = PositionMap("")
        self.highlighter: Highlighter | None = None
        self.tooltip_for: Callable[[int], str] | None = None
        self._press: QPoint | None = None
        self._fresh = False

    # --- content -------------------------------------------------------------------------------

    def set_article(self, text: str) -> None:
        """Show ``text`` exactly; each paragraph takes its direction from its own first strong letter."""
        self.highlighter = None
        self.positions = PositionMap(text)
        doc = self.document()
        doc.setUndoRedoEnabled(False)
        option = doc.defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)  # per paragraph, not per widget
        # QPlainTextEdit ignores block formats and aligns every paragraph the same absolute way.
        # Not Justify: Qt justifies Arabic lines by spacing letters inside words, which pulls
        # joined letters apart (seen under Xvfb: "ر أس ال و فد"). Every paragraph sits on the
        # right; a Latin paragraph still reads left to right (its direction is its own).
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        doc.setDefaultTextOption(option)
        self.setPlainText(text)
        self._fresh = bool(text)
        # QTextDocument counts UTF-16 units plus one; "\r\n" or U+2029 would break the mapping
        if doc.characterCount() != self.positions.qt_length + 1:
            raise ValueError(
                f"article text does not map 1:1 onto Qt positions "
                f"({doc.characterCount() - 1} != {self.positions.qt_length})"
            )

    def set_point_size(self, pt: int) -> None:
        self.setFont(article_font(pt))

    # --- positions -----------------------------------------------------------------------------

    def selection(self) -> tuple[int, int] | None:
        """The selected range in code points, or ``None`` when nothing is selected."""
        c = self.textCursor()
        if not c.hasSelection():
            return None
        return self.positions.range_to_cp(c.selectionStart(), c.selectionEnd())

    def select_range(self, start: int, end: int) -> None:
        """Select code points ``start:end`` as a text selection (keyboard and tests)."""
        c = QTextCursor(self.document())
        c.setPosition(self.positions.to_qt(start))
        c.setPosition(self.positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(c)

    def show_range(self, start: int, end: int) -> None:
        """Scroll ``start:end`` into view and put the caret at its start, without selecting text."""
        c = QTextCursor(self.document())
        c.setPosition(self.positions.to_qt(end))
        self.setTextCursor(c)
        self.ensureCursorVisible()
        c.setPosition(self.positions.to_qt(start))
        self.setTextCursor(c)
        self.ensureCursorVisible()

    def clear_selection(self) -> None:
        c = self.textCursor()
        if c.hasSelection():
            c.clearSelection()
            self.setTextCursor(c)

    def offset_at(self, point: QPoint) -> int:
        """Code-point offset of the character under a viewport point."""
        c = self.cursorForPosition(point)
        qt = c.position()
        # cursorForPosition gives the nearest caret position; take the character it precedes
        # unless the point is past that character's visual edge
        rect = self.cursorRect(c)
        block_rtl = c.block().textDirection() == Qt.LayoutDirection.RightToLeft
        if (block_rtl and point.x() > rect.x()) or (not block_rtl and point.x() < rect.x()):
            qt = max(0, qt - 1)
        return min(self.positions.to_cp(qt), max(0, self.positions.length - 1))

    def rect_of(self, start: int, end: int) -> QPoint:
        """A viewport point inside the first character of ``start:end`` (tests, hover)."""
        c = QTextCursor(self.document())
        c.setPosition(self.positions.to_qt(start))
        a = self.cursorRect(c)
        c.setPosition(self.positions.to_qt(min(start + 1, end)))
        b = self.cursorRect(c)
        return QPoint((a.x() + b.x()) // 2, a.center().y())

    # --- events --------------------------------------------------------------------------------

    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        if self.highlighter is not None:
            painter = QPainter(self.viewport())
            self.highlighter.paint(painter, e.rect())
            painter.end()
        if self._fresh:
            self._fresh = False
            self.firstPaint.emit()

    def mousePressEvent(self, e: QMouseEvent) -> None:
        self._press = e.position().toPoint() if e.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        press, self._press = self._press, None
        if press is not None and not self.textCursor().hasSelection():
            self.clicked.emit(self.offset_at(press))

    def viewportEvent(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            text = self.tooltip_for(self.offset_at(e.pos())) if self.tooltip_for else ""
            if text:
                QToolTip.showText(e.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().viewportEvent(e)
