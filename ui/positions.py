"""Code-point offsets <-> Qt text positions, in one place.

Stored offsets are code points (``annotator.models``); Qt counts UTF-16 code units, so every
character outside the Basic Multilingual Plane (emoji, 𝕏) shifts later Qt positions by one (see
PITFALLS). Qt also folds a "\\r\\n" pair into one paragraph break, shifting later positions back
by one. A :class:`PositionMap` is built once per article from the stored text: articles with
neither (the usual case) map by identity; otherwise the places where the shift changes form a
prefix table, and both directions are one binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_SHIFTS = re.compile("[\U00010000-\U0010ffff]|\r\n")


class PositionMap:
    """Converts between code-point offsets into ``text`` and positions in a QTextDocument."""

    __slots__ = ("_seg_cp", "_seg_d", "_seg_qt", "length", "qt_length")

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # segment k: code points from _seg_cp[k] on sit at Qt position cp + _seg_d[k]
        self._seg_cp = [0]
        self._seg_d = [0]
        shift = 0
        for m in _SHIFTS.finditer(text):
            if m.group(0) == "\r\n":
                shift -= 1  # one paragraph separator for two code points
                self._seg_cp.append(m.end())
            else:
                shift += 1  # a surrogate pair for one code point
                self._seg_cp.append(m.end())
            self._seg_d.append(shift)
        self._seg_qt = [cp + d for cp, d in zip(self._seg_cp, self._seg_d, strict=True)]
        self.qt_length = self.length + shift

    @property
    def identity(self) -> bool:
        return len(self._seg_cp) == 1

    def to_qt(self, cp: int) -> int:
        """Qt position of code-point offset ``cp`` (``0 <= cp <= len(text)``)."""
        if len(self._seg_cp) == 1:
            return cp
        return cp + self._seg_d[bisect_right(self._seg_cp, cp) - 1]

    def to_cp(self, qt: int) -> int:
        """Code-point offset of Qt position ``qt``. Inside a surrogate pair it is the start of that
        character; the position after a "\\r\\n" break is the offset after both characters."""
        if len(self._seg_cp) == 1:
            return qt
        k = bisect_right(self._seg_qt, qt) - 1
        cp = qt - self._seg_d[k]
        if k + 1 < len(self._seg_cp) and cp >= self._seg_cp[k + 1]:  # the low surrogate
            cp = self._seg_cp[k + 1] - 1
        return cp

    def range_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def range_to_cp(self, start: int, end: int) -> tuple[int, int]:
        """Code-point range of a Qt range; an end inside a surrogate pair takes the whole character."""
        a, b = self.to_cp(start), self.to_cp(end)
        if b < self.length and self.to_qt(b) < end:
            b += 1
        return a, b
