"""Code points <-> Qt UTF-16 positions, alone and through the article view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.wb_helpers import Bench, make_bench
from ui.positions import PositionMap

EMOJI_TEXT = "🇮🇶 عاجل 😀: وصل فؤاد حسين إلى واشنطن 𝕏\nقال 👍 البيت الأبيض"


def test_bmp_text_maps_by_identity() -> None:
    pm = PositionMap("قال وزير الخارجية\u00a0العراقي")
    assert pm.identity and pm.to_qt(5) == 5 and pm.to_cp(5) == 5


def test_wide_characters_count_two_in_qt() -> None:
    text = "a😀b𝕏c"
    pm = PositionMap(text)
    utf16 = [len(text[:i].encode("utf-16-le")) // 2 for i in range(len(text) + 1)]
    assert [pm.to_qt(i) for i in range(len(text) + 1)] == utf16 == [0, 1, 3, 4, 6, 7]
    assert [pm.to_cp(q) for q in utf16] == list(range(len(text) + 1))
    assert pm.to_cp(2) == 1  # the low surrogate of 😀 belongs to 😀
    assert pm.range_to_cp(1, 2) == (1, 2)  # half an emoji selected takes the whole emoji
    assert pm.qt_length == 7


def test_crlf_is_one_qt_position_and_random_texts_match_qt(qapp) -> None:  # type: ignore[no-untyped-def]
    import random

    from PySide6.QtGui import QTextDocument

    pm = PositionMap("ab\r\ncd")
    assert [pm.to_qt(i) for i in range(7)] == [0, 1, 2, 3, 3, 4, 5]
    assert pm.to_cp(3) == 4 and pm.qt_length == 5  # after the break: after both characters
    rng = random.Random(3)
    alphabet = ["ا", "ب", "a", " ", "\n", "\r", "\r\n", "😀", "𝕏", "\u00a0", "\u064e"]
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30)))
        pm = PositionMap(text)
        doc = QTextDocument()
        doc.setPlainText(text)
        assert pm.qt_length == doc.characterCount() - 1, repr(text)
        for cp in range(len(text) + 1):
            head = text[:cp]
            expected = len(head.encode("utf-16-le")) // 2 - head.count("\r\n")
            assert pm.to_qt(cp) == expected, (repr(text), cp)
            inside_pair = 0 < cp < len(text) and text[cp - 1 : cp + 1] == "\r\n"
            assert pm.to_cp(pm.to_qt(cp)) == cp + inside_pair


@pytest.fixture
def b(qtbot, tmp_path: Path) -> Iterator[Bench]:  # type: ignore[no-untyped-def]
    yield from make_bench(qtbot, tmp_path, EMOJI_TEXT)


def test_emoji_before_an_entity_maps_selection_to_code_points(b: Bench) -> None:
    doc = b.wb.view.document()
    assert doc.characterCount() == len(EMOJI_TEXT.encode("utf-16-le")) // 2 + 1
    a = EMOJI_TEXT.index("فؤاد حسين")
    qa = len(EMOJI_TEXT[:a].encode("utf-16-le")) // 2
    assert qa == a + 3  # three wide characters before it: two flag letters and 😀
    # select in Qt's own units, as a mouse drag would, then tag
    from PySide6.QtGui import QTextCursor

    c = QTextCursor(doc)
    c.setPosition(qa)
    c.setPosition(qa + len("فؤاد حسين"), QTextCursor.MoveMode.KeepAnchor)
    b.wb.view.setTextCursor(c)
    assert b.wb.view.selection() == (a, a + len("فؤاد حسين"))
    b.key(Qt.Key.Key_1)
    b2 = EMOJI_TEXT.index("البيت الأبيض")
    b.select(b2, b2 + len("البيت الأبيض"))
    assert b.wb.view.textCursor().selectedText() == "البيت الأبيض"
    b.key(Qt.Key.Key_2)
    fresh = b.fresh()
    got = [(EMOJI_TEXT[s.start : s.end], s.label) for s in fresh.spans(b.doc_id, b.annotator_id)]
    assert got == [("فؤاد حسين", "PER"), ("البيت الأبيض", "ORG")]
    # the highlight sits on the right characters: the layout's format range covers the name
    block = doc.firstBlock()
    (fmt,) = block.layout().formats()
    units = block.text().encode("utf-16-le")
    assert units[2 * fmt.start : 2 * (fmt.start + fmt.length)].decode("utf-16-le") == "فؤاد حسين"
