"""Gazetteer from the GUI: "Import name list…" (the CLI's ``annotator gazetteer import``), names that
then pre-annotate articles as suggestions (by key, or as soon as a new article is opened), and quote
suggestions shown dashed, listed as suggestions and accepted by key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.commands import SetDocStatus
from annotator.store import Store
from tests.conftest import add_document
from tests.ui.wb_helpers import Bench, make_bench
from ui.assist import AssistController

ARTICLE = (
    'قال وزير الخارجية فؤاد حسين إن "العراق يسعى لمواصلة التعاون" مع واشنطن.\n'
    "والتقى الوزير بأنتوني بلينكن في بغداد، وأكد بلينكين أن الحوار مستمر."
)
NEW_ARTICLE = "وصل فؤاد حسين إلى عمان ثم التقى توني بلينكن."
NAMES = "# وزراء\nأنتوني بلينكن|توني بلينكن|بلينكين\n\nفؤاد حسين\n"


def at(text: str, name: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(name, i + 1)
    return (i, i + len(name))


class Dialogs:
    """Stands in for the file dialog, the label question and the message box."""

    def __init__(self, assist: AssistController) -> None:
        self.files: list[str] = []
        self.labels: list[str | None] = []
        self.asked: list[str] = []
        self.told: list[tuple[str, bool]] = []
        assist.choose_file = lambda: self.files.pop(0) if self.files else ""
        assist.choose_label = self._label
        assist.inform = lambda message, warning: self.told.append((message, warning))

    def _label(self, file_name: str) -> str | None:
        self.asked.append(file_name)
        return self.labels.pop(0) if self.labels else None


@pytest.fixture
def b(qtbot, tmp_path: Path) -> Iterator[Bench]:  # type: ignore[no-untyped-def]
    yield from make_bench(qtbot, tmp_path, ARTICLE)


@pytest.fixture
def assist(b: Bench) -> AssistController:
    return AssistController(b.wb)


@pytest.fixture
def dialogs(assist: AssistController) -> Dialogs:
    return Dialogs(assist)


def suggested(b: Bench, doc: int | None = None) -> list[tuple[int, int, str, bool]]:
    fresh = b.fresh()
    try:
        rows = fresh.spans(doc or b.doc_id, b.annotator_id, statuses=("suggested",), layers=("entity",))
        return [(s.start, s.end, s.label, s.entity_id is not None) for s in rows]
    finally:
        fresh.close()


def entities(path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    fresh = Store.open(path)
    try:
        return sorted((e.name, e.type, e.aliases) for e in fresh.entities(limit=100))
    finally:
        fresh.close()


def test_import_a_name_list_then_the_gazetteer_suggests_its_names(
    b: Bench, assist: AssistController, dialogs: Dialogs, tmp_path: Path
) -> None:
    names = tmp_path / "ministers.txt"
    names.write_text(NAMES, encoding="utf-8")
    dialogs.files, dialogs.labels = [str(names)], ["PER"]
    assist.action("importNameList").trigger()
    assert dialogs.asked == ["ministers.txt"] and dialogs.told == []
    assert entities(b.path) == [
        ("أنتوني بلينكن", "PER", ("توني بلينكن", "بلينكين")),
        ("فؤاد حسين", "PER", ()),
    ]
    assert b.undo.command_texts() == ["Import 2 names"]
    b.key(Qt.Key.Key_G)  # the imported names pre-annotate this article as suggestions
    assert suggested(b) == [
        (*at(ARTICLE, "فؤاد حسين"), "PER", True),
        (*at(ARTICLE, "أنتوني بلينكن"), "PER", True),  # بأنتوني: the ب stays outside
        (*at(ARTICLE, "بلينكين"), "PER", True),  # an alias
    ]
    b.undo.stack.undo()
    b.undo.stack.undo()  # the import is undoable like any edit
    assert entities(b.path) == [] and suggested(b) == []


def test_a_tsv_list_asks_a_label_only_for_rows_without_one_and_reports_bad_lines(
    b: Bench, assist: AssistController, dialogs: Dialogs, tmp_path: Path
) -> None:
    names = tmp_path / "names.tsv"
    names.write_text(
        "name\tlabel\taliases\nبغداد\tGPE\t\nواشنطن\t\tالعاصمة الأمريكية\nشيء\tTHING\t\n", encoding="utf-8"
    )
    dialogs.labels = ["LOC"]
    assert assist.import_name_list(names) == 2
    assert dialogs.asked == ["names.tsv"]  # واشنطن has no label
    assert entities(b.path) == [("بغداد", "GPE", ()), ("واشنطن", "LOC", ("العاصمة الأمريكية",))]
    ((message, warning),) = dialogs.told
    assert warning and "line 4" in message and "THING" in message and "Traceback" not in message


def test_cancelling_or_an_unreadable_file_imports_nothing(
    b: Bench, assist: AssistController, dialogs: Dialogs, tmp_path: Path
) -> None:
    assist.action("importNameList").trigger()  # the file dialog was cancelled
    names = tmp_path / "names.txt"
    names.write_text(NAMES, encoding="utf-8")
    dialogs.files, dialogs.labels = [str(names)], [None]  # the label question was cancelled
    assist.action("importNameList").trigger()
    binary = tmp_path / "broken.txt"
    binary.write_bytes(b"\xff\xfe\x00\xd8 not utf-8 \xc3")
    dialogs.labels = ["PER"]
    assert assist.import_name_list(binary) == 0
    assert [w for _m, w in dialogs.told] == [True] and "broken.txt" in dialogs.told[0][0]
    assert entities(b.path) == [] and b.undo.command_texts() == []


def test_new_articles_are_pre_annotated_when_opened(
    b: Bench, assist: AssistController, dialogs: Dialogs, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    names = tmp_path / "names.txt"
    names.write_text(NAMES, encoding="utf-8")
    dialogs.labels = ["PER"]
    assist.import_name_list(names)
    new = add_document(b.store, NEW_ARTICLE, title="جديد")
    started = add_document(b.store, NEW_ARTICLE + " ", title="بدأ")
    b.store.run(SetDocStatus(started, b.annotator_id, status="in_progress"), b.annotator_id)
    with qtbot.waitSignal(b.wb.view.firstPaint):
        b.wb.set_document(new)  # the option is off by default
    assert suggested(b, new) == []
    assist.action("preannotateNewArticles").trigger()
    assert assist.action("preannotateNewArticles").isChecked()
    again = AssistController(b.wb)  # e.g. the next session
    assert again.action("preannotateNewArticles").isChecked()  # remembered
    for act in again.actions():
        b.wb.removeAction(act)
    again.wb.view.firstPaint.disconnect(again._article_shown)
    with qtbot.waitSignal(b.wb.view.firstPaint):
        b.wb.set_document(started)  # someone is working on it: left alone
    assert suggested(b, started) == []
    with qtbot.waitSignal(b.wb.view.firstPaint):
        b.wb.set_document(new)
    assert suggested(b, new) == [
        (*at(NEW_ARTICLE, "فؤاد حسين"), "PER", True),
        (*at(NEW_ARTICLE, "توني بلينكن"), "PER", True),
    ]
    st = b.wb.state
    assert st is not None and sum(s.status == "suggested" for s in st.spans.values()) == 2  # shown at once
    assert b.store.doc_status(new, b.annotator_id)[0] == "not_started"  # suggestions start nothing
    assert b.undo.command_texts()[-1].startswith("Suggest 2 mentions")
    with qtbot.waitSignal(b.wb.view.firstPaint):
        b.wb.set_document(new)  # opened again: nothing new to suggest, nothing pushed
    assert len(suggested(b, new)) == 2 and len(b.undo.command_texts()) == 2


def test_quote_suggestions_are_dashed_listed_as_suggestions_and_accepted_by_key(
    b: Bench, assist: AssistController
) -> None:
    b.key(Qt.Key.Key_G)
    st = b.wb.state
    assert st is not None
    quotes = [q for q in st.quotes.values() if q.status == "suggested"]
    assert quotes
    said = next(q for q in quotes if st.span_text(q.content_span_id) == "العراق يسعى لمواصلة التعاون")
    assert st.span_text(said.cue_span_id) == "قال" and said.kind == "mixed"
    assert "فؤاد حسين" in st.speaker_label(said)
    hl = b.wb.highlighter
    assert hl is not None
    marks = [m for ms in hl._marks.values() for m in ms]
    assert any(m.kind == "underline" and m.dashed for m in marks)
    row = b.wb.panel.quotes.row_of(said.id)
    listed = b.wb.panel.quotes.data(b.wb.panel.quotes.index(row), Qt.ItemDataRole.DisplayRole)
    assert listed.endswith("(suggested)") and "قال" in listed and "مستمر" not in listed
    assert any(st.span_text(q.content_span_id) == "الحوار مستمر" for q in quotes)  # أكد ... أن
    b.wb.select("quote", said.id)
    b.key(Qt.Key.Key_Y)
    fresh = b.fresh()
    try:
        (accepted,) = [q for q in fresh.quotes(b.doc_id, b.annotator_id) if q.id == said.id]
    finally:
        fresh.close()
    assert accepted.status == "active"
    listed = b.wb.panel.quotes.data(b.wb.panel.quotes.index(row), Qt.ItemDataRole.DisplayRole)
    assert not listed.endswith("(suggested)")
