"""Annotate-all by key through every Arabic spelling difference the issue names, in the article and
in the whole project: the expected spans come from how the test articles are built, piece by piece,
never from the matcher itself. Also: suggestions are not counted as annotations until accepted, and
a rejected occurrence stays rejected when annotate-all runs again."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.store import Store
from tests.conftest import add_document
from ui.article_list import ArticleListModel
from ui.assist import AssistController
from ui.undo import UndoAdapter
from ui.workbench import Workbench

Piece = tuple[str, str, str] | str  # (clitic, name as written, group) or plain text

# group -> (label key, label); the first piece of each group is the one the annotator tags
GROUPS = {
    "mustafa": (Qt.Key.Key_1, "PER"),
    "cairo": (Qt.Key.Key_3, "GPE"),
    "iraq": (Qt.Key.Key_3, "GPE"),
    "pentagon": (Qt.Key.Key_2, "ORG"),
    "america": (Qt.Key.Key_3, "GPE"),
    "jordan": (Qt.Key.Key_3, "GPE"),
    "washington": (Qt.Key.Key_3, "GPE"),
}

ARTICLE_1: list[Piece] = [
    "وصل ",
    ("", "مُصطفى", "mustafa"),  # diacritics on the tagged form
    " إلى ",
    ("", "القاهرة", "cairo"),
    " قادما من ",
    ("", "العراق", "iraq"),
    ". وقال ",
    ("", "البنتاغون", "pentagon"),
    " إن ",
    ("", "أميركا", "america"),
    " تدعم ",
    ("", "الأردن", "jordan"),
    " ثم ",
    ("", "واشنطن", "washington"),
    " كذلك.\nوأكد ",
    ("", "مصطفي", "mustafa"),  # alef maqsura written as ya
    " أن ",
    ("", "القاهره", "cairo"),  # ta marbuta written as ha
    " و",
    ("", "العِـــراقِ", "iraq"),  # diacritics and tatweel
    " شريكان، ثم زار ",
    ("", "البننتاجون", "pentagon"),  # spelling variant
    " في ",
    ("", "أمريكا", "america"),  # spelling variant
    ".\n",
    ("و", "الاردن", "jordan"),  # proclitic و, hamza-less alef
    " ",
    ("ب", "واشنطن", "washington"),  # proclitic ب on an indefinite name
    " ",
    ("و", "العراق", "iraq"),  # proclitic و on a definite name
    " ",
    ("ب", "القاهرة", "cairo"),
    " ",
    ("و", "مصطفـى", "mustafa"),  # proclitic and tatweel
    " ",
    ("وب", "البنتاغون", "pentagon"),  # two proclitics
    " ",
    ("ل", "أمريكا", "america"),
    ". أما الحكومة العراقية والعراقيون والأمريكيون في القاهرية فلا.",  # derived words: no matches
]
ARTICLE_2: list[Piece] = [
    "أعلن ",
    ("", "البنتاجون", "pentagon"),
    " أن ",
    ("", "مُصْطَفَى", "mustafa"),
    " زار ",
    ("", "الاردن", "jordan"),
    " و",
    ("", "امريكا", "america"),
    " و",
    ("", "قاهرة", "none"),  # without the article: another word
    ".\n",
    ("ف", "العراق", "iraq"),
    " ",
    ("ل", "واشنطن", "washington"),
    " ",
    ("و", "القاهرة", "cairo"),
    ".",
]


@dataclass
class Built:
    text: str
    spans: dict[str, list[tuple[int, int]]]  # group -> name spans (clitics excluded), in order


def build(pieces: list[Piece]) -> Built:
    text = ""
    spans: dict[str, list[tuple[int, int]]] = {}
    for p in pieces:
        if isinstance(p, str):
            text += p
            continue
        clitic, name, group = p
        text += clitic
        spans.setdefault(group, []).append((len(text), len(text) + len(name)))
        text += name
    return Built(text, spans)


A1, A2 = build(ARTICLE_1), build(ARTICLE_2)


@dataclass
class Setup:
    store: Store
    path: Path
    wb: Workbench
    undo: UndoAdapter
    assist: AssistController
    docs: tuple[int, int]
    who: int

    def suggested(self, doc: int) -> list[tuple[int, int, str]]:
        return self._spans(doc, ("suggested",))

    def _spans(self, doc: int, statuses: tuple[str, ...]) -> list[tuple[int, int, str]]:
        fresh = Store.open(self.path)
        try:
            return [(s.start, s.end, s.label) for s in fresh.spans(doc, self.who, statuses=statuses)]
        finally:
            fresh.close()

    def tag(self, group: str) -> None:
        a, b = A1.spans[group][0]
        self.wb.view.select_range(a, b)
        QTest.keyClick(self.wb.view, GROUPS[group][0])

    def key(self, key: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.wb.view, key, mod)


@pytest.fixture
def s(qtbot, tmp_path: Path) -> Iterator[Setup]:  # type: ignore[no-untyped-def]
    path = tmp_path / "project.db"
    store = Store.open(path)
    d1 = add_document(store, A1.text, title="الأول")
    d2 = add_document(store, A2.text, title="الثاني")
    who = store.annotator_id("alice")
    undo = UndoAdapter(store, who)
    wb = Workbench(store, undo, who)
    assist = AssistController(wb)
    qtbot.addWidget(wb)
    wb.resize(1100, 700)
    wb.show()
    qtbot.waitExposed(wb)
    wb.set_document(d1)
    wb.view.setFocus()
    yield Setup(store, path, wb, undo, assist, (d1, d2), who)
    wb.set_document(None)
    store.close()


def test_the_pieces_spell_what_they_claim() -> None:
    for built in (A1, A2):
        for group, spans in built.spans.items():
            for a, b in spans:
                assert built.text[a:b].strip() == built.text[a:b] and b > a, group
    assert A1.text[A1.spans["washington"][1][0] - 1] == "ب"
    assert A1.text[A1.spans["pentagon"][2][0] - 2 : A1.spans["pentagon"][2][0]] == "وب"


@pytest.mark.parametrize("group", list(GROUPS))
def test_annotate_all_in_article_matches_every_spelling_with_spans_on_the_name(s: Setup, group: str) -> None:
    label = GROUPS[group][1]
    s.tag(group)
    s.key(Qt.Key.Key_O)
    want = [(a, b, label) for a, b in A1.spans[group][1:]]
    assert s.suggested(s.docs[0]) == want
    assert s.suggested(s.docs[1]) == []  # article scope stays in the article
    assert s.undo.command_texts()[-1] == f"Suggest {len(want)} occurrence{'s' if len(want) != 1 else ''}"


@pytest.mark.parametrize("group", ["mustafa", "cairo", "pentagon", "america", "washington"])
def test_annotate_all_in_project_reaches_the_other_article(s: Setup, group: str) -> None:
    label = GROUPS[group][1]
    s.tag(group)
    s.key(Qt.Key.Key_O, Qt.KeyboardModifier.ShiftModifier)
    assert s.suggested(s.docs[0]) == [(a, b, label) for a, b in A1.spans[group][1:]]
    assert s.suggested(s.docs[1]) == [(a, b, label) for a, b in A2.spans[group]]
    assert len(s.undo.command_texts()) == 2  # the tag, then one command for both articles
    s.undo.stack.undo()
    assert s.suggested(s.docs[0]) == s.suggested(s.docs[1]) == []


def test_suggestions_do_not_count_until_accepted(s: Setup) -> None:
    s.tag("iraq")
    s.key(Qt.Key.Key_O)
    n = len(A1.spans["iraq"]) - 1
    assert len(s.suggested(s.docs[0])) == n
    assert s.wb.panel.summary.text() == f"1 entities · 0 quotes · 0 stances · {n} suggested"
    articles = ArticleListModel(s.store, s.who)
    assert articles.row_data(articles.row_of(s.docs[0]) or 0).spans == 1  # the article list's count
    s.key(Qt.Key.Key_Y, Qt.KeyboardModifier.ShiftModifier)  # accept them all
    assert s.wb.panel.summary.text() == f"{n + 1} entities · 0 quotes · 0 stances"
    assert s._spans(s.docs[0], ("active",)) == [(a, b, "GPE") for a, b in A1.spans["iraq"]]
    articles.reload()
    assert articles.row_data(articles.row_of(s.docs[0]) or 0).spans == n + 1


def test_a_rejected_occurrence_is_not_proposed_again(s: Setup) -> None:
    s.tag("america")
    s.key(Qt.Key.Key_O, Qt.KeyboardModifier.ShiftModifier)
    assert s.wb.state is not None
    ids = {(r.start, r.end): i for i, r in s.wb.state.spans.items()}
    rejected = A1.spans["america"][1]
    s.wb.select("span", ids[rejected])
    s.key(Qt.Key.Key_N)
    assert rejected not in [(a, b) for a, b, _ in s.suggested(s.docs[0])]
    s.key(Qt.Key.Key_Y, Qt.KeyboardModifier.ShiftModifier)  # accept the rest of this article
    elsewhere = s.suggested(s.docs[1])
    assert elsewhere == [(a, b, "GPE") for a, b in A2.spans["america"]]
    s.wb.select("span", ids[A1.spans["america"][0]])
    s.key(Qt.Key.Key_O, Qt.KeyboardModifier.ShiftModifier)  # again, over the whole project
    assert s.suggested(s.docs[0]) == []  # neither the rejected one nor the accepted ones come back
    assert s.suggested(s.docs[1]) == elsewhere  # and nothing is doubled
    assert s._spans(s.docs[0], ("rejected",)) == [(*rejected, "GPE")]
    s.key(Qt.Key.Key_G)  # the gazetteer (the accepted forms) does not bring it back either
    assert rejected not in [(a, b) for a, b, _ in s.suggested(s.docs[0])]
