"""Assistance in the Workbench by key: annotate-all, accept/reject, suggestion runs; checked in the
database through a fresh connection, and in what the view draws."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.store import SpanRow
from tests.ui.wb_helpers import Bench, make_bench
from ui.assist import AssistController

# واشنطن four times: bare, with ب, with و, with ل; أمريكا/أميركا spelled two ways
ARTICLE = (
    "وصل وزير الخارجية فؤاد حسين إلى واشنطن أمس.\n"
    "وقال حسين في بواشنطن إن العلاقات مع أمريكا قوية وواشنطن شريك.\n"
    'وأضاف أن "الحوار مستمر" مع أميركا، ثم عاد لواشنطن.'
)
WASHINGTON = [m.start("w") for m in re.finditer(r"(?<![^\W_])(?:و|ب|ل)?(?P<w>واشنطن)", ARTICLE)]


@pytest.fixture
def b(qtbot, tmp_path: Path) -> Iterator[Bench]:  # type: ignore[no-untyped-def]
    yield from make_bench(qtbot, tmp_path, ARTICLE)


@pytest.fixture
def assist(b: Bench) -> AssistController:
    return AssistController(b.wb)


def rows(b: Bench, statuses: tuple[str, ...] = ("active", "suggested", "rejected")) -> list[SpanRow]:
    s = b.fresh()
    try:
        return s.spans(b.doc_id, b.annotator_id, statuses=statuses, layers=("entity",))
    finally:
        s.close()


def tag_first_washington(b: Bench) -> None:
    a = WASHINGTON[0]
    b.select(a, a + len("واشنطن"))
    b.key(Qt.Key.Key_3)  # GPE


def test_keys_do_not_collide_with_the_workbench(b: Bench, assist: AssistController) -> None:
    own = {k.toString() for a in b.wb.actions() for k in a.shortcuts()}
    mine = [k.toString() for a in assist.actions() for k in a.shortcuts()]
    assert len(mine) == len(set(mine)) == 10 and not own & set(mine)


def test_annotate_all_in_article_is_one_undoable_command_of_suggestions(
    b: Bench, assist: AssistController
) -> None:
    assert len(WASHINGTON) == 4
    tag_first_washington(b)
    b.key(Qt.Key.Key_O)
    got = rows(b)
    assert [(r.start, r.end, r.label, r.status) for r in got] == [
        (WASHINGTON[0], WASHINGTON[0] + 6, "GPE", "active"),
        *[(a, a + 6, "GPE", "suggested") for a in WASHINGTON[1:]],
    ]  # the entity only: the proclitics ب, و, ل stay outside the spans
    assert {r.origin for r in got[1:]} == {"propagated"}
    assert b.undo.command_texts() == ["Add GPE span", "Suggest 3 occurrences"]
    # the view draws the suggestions dashed and unfilled, the accepted mention filled
    hl = b.wb.highlighter
    assert hl is not None
    marks = [m for ms in hl._marks.values() for m in ms]
    assert sum(1 for m in marks if m.kind == "box" and m.dashed) == 3
    b.undo.stack.undo()
    assert [(r.start, r.status) for r in rows(b)] == [(WASHINGTON[0], "active")]
    assert b.wb.state is not None and len(b.wb.state.spans) == 1
    b.undo.stack.redo()
    assert len(rows(b, ("suggested",))) == 3


def test_annotate_all_matches_spelling_variants(b: Bench, assist: AssistController) -> None:
    a = ARTICLE.index("أمريكا")
    b.select(a, a + len("أمريكا"))
    b.key(Qt.Key.Key_3)
    b.key(Qt.Key.Key_O)
    other = ARTICLE.index("أميركا")
    assert [(r.start, r.end, r.status) for r in rows(b, ("suggested",))] == [(other, other + 6, "suggested")]


def test_accept_and_reject_with_keys_move_on_and_undo(b: Bench, assist: AssistController) -> None:
    tag_first_washington(b)
    b.key(Qt.Key.Key_O)
    b.wb.clear_selection()
    b.select(0, 0)  # caret at the start: ] goes to the first suggestion
    b.wb.view.clear_selection()
    b.key(Qt.Key.Key_BracketRight)
    first = {r.start: r.id for r in rows(b)}[WASHINGTON[1]]
    assert b.wb.selected == ("span", first)
    b.key(Qt.Key.Key_Y)  # accept, then the next suggestion is selected
    assert {r.start: r.status for r in rows(b)}[WASHINGTON[1]] == "active"
    second = {r.start: r.id for r in rows(b)}[WASHINGTON[2]]
    assert b.wb.selected == ("span", second)
    b.key(Qt.Key.Key_N)  # reject
    status = {r.start: r.status for r in rows(b)}
    assert status == {
        WASHINGTON[0]: "active",
        WASHINGTON[1]: "active",
        WASHINGTON[2]: "rejected",
        WASHINGTON[3]: "suggested",
    }
    assert second not in b.wb.state.spans  # type: ignore[union-attr]  # rejected: no longer drawn
    assert b.undo.command_texts()[-2:] == ["Accept 1 suggestion", "Reject 1 suggestion"]
    b.undo.stack.undo()
    assert {r.start: r.status for r in rows(b)}[WASHINGTON[2]] == "suggested"
    # the suggestion under the caret, with nothing selected
    b.wb.clear_selection()
    b.select(WASHINGTON[3] + 2, WASHINGTON[3] + 2)
    b.key(Qt.Key.Key_Y)
    assert {r.start: r.status for r in rows(b)}[WASHINGTON[3]] == "active"


def test_accept_all_and_reject_all_in_article(b: Bench, assist: AssistController) -> None:
    tag_first_washington(b)
    b.key(Qt.Key.Key_O)
    b.key(Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert sorted(r.status for r in rows(b)) == ["active", "rejected", "rejected", "rejected"]
    b.undo.stack.undo()
    b.key(Qt.Key.Key_Y, Qt.KeyboardModifier.ShiftModifier)
    assert [r.status for r in rows(b)] == ["active"] * 4
    assert b.undo.command_texts()[-1] == "Accept 3 suggestions"


def test_suggest_article_by_key_and_rejections_are_remembered(b: Bench, assist: AssistController) -> None:
    tag_first_washington(b)  # the annotator's mentions feed the gazetteer
    b.key(Qt.Key.Key_G)
    assert b.undo.command_texts()[-1].startswith("Suggest 3 mentions and")
    suggested = {r.start: r.id for r in rows(b, ("suggested",))}
    assert sorted(suggested) == WASHINGTON[1:]
    fresh = b.fresh()
    quotes = fresh.quotes(b.doc_id, b.annotator_id, statuses=("suggested",))
    fresh.close()
    assert quotes  # "قال ... إن" and the quotation marks give quote suggestions
    b.wb.select("span", suggested[WASHINGTON[2]])
    b.key(Qt.Key.Key_N)
    b.key(Qt.Key.Key_G)  # run again: the rejected place is not proposed again
    at = [r for r in rows(b) if r.start == WASHINGTON[2]]
    assert [(r.status, r.label) for r in at] == [("rejected", "GPE")]
    assert WASHINGTON[2] not in {r.start for r in rows(b, ("suggested",))}


def test_annotate_all_without_a_mention_says_what_to_do(b: Bench, assist: AssistController, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(b.wb.statusMessage) as msg:
        b.key(Qt.Key.Key_O)
    assert "Select a mention" in msg.args[0]
    assert rows(b) == [] and b.undo.command_texts() == []


def test_next_and_previous_suggestion_keys_wrap_around(b: Bench, assist: AssistController) -> None:
    tag_first_washington(b)
    b.key(Qt.Key.Key_O)
    ids = {r.start: r.id for r in rows(b)}
    b.wb.clear_selection()
    b.select(WASHINGTON[2], WASHINGTON[2])  # caret at the start of the third occurrence
    b.key(Qt.Key.Key_BracketLeft)  # the last suggestion before the caret
    assert b.wb.selected == ("span", ids[WASHINGTON[1]])
    b.key(Qt.Key.Key_BracketLeft)  # wraps to the last one
    assert b.wb.selected == ("span", ids[WASHINGTON[3]])
    b.key(Qt.Key.Key_BracketRight)  # and forward again to the first
    assert b.wb.selected == ("span", ids[WASHINGTON[1]])
