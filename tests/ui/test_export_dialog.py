"""File → Export…: the dialog runs the core export in a worker and shows what it wrote or why not."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.commands import AddSpan, SetDocStatus
from annotator.export import ExportError, ExportOptions, export
from annotator.store import Store
from tests.conftest import SEEDS, add_document
from ui.export_dialog import ExportDialog
from ui.workers import Task, stopping


@pytest.fixture
def project(tmp_path: Path) -> Iterator[tuple[Store, list[int]]]:
    store = Store.open(tmp_path / "project.db")
    ids = []
    who = store.annotator_id("alice")
    for f in sorted(SEEDS.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        doc = add_document(store, text, title=f.stem)
        ids.append(doc)
        a = text.index("العراق")
        store.run(AddSpan(doc, who, a, a + 6, "GPE"), who)
        b = text.index("الخارجية")
        store.run(AddSpan(doc, who, b, b + 8, "ORG", status="suggested"), who)
    for doc in ids[:4]:  # four of five done
        store.run(SetDocStatus(doc, who, "done"), who)
    yield store, ids
    store.close()


def set_output(dlg: ExportDialog, path: Path) -> None:
    dlg.output.clear()
    QTest.keyClicks(dlg.output, str(path))  # typed: the dialog keeps a typed path


def run(dlg: ExportDialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    QTest.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    assert dlg.task is not None
    qtbot.waitUntil(lambda: dlg.task is None, timeout=30_000)


def test_native_export_writes_the_selected_layer_and_statuses(project, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, _ids = project
    dlg = ExportDialog(store, "alice")
    qtbot.addWidget(dlg)
    assert dlg.format.currentText() == "native" and dlg.layer.currentData() == ("annotator", "alice")
    default = Path(dlg.output.text())
    assert default.parent == tmp_path / "exports" and default.name.startswith("project-native-")
    out = tmp_path / "out" / "native.jsonl"
    set_output(dlg, out)
    dlg.suggestions.setChecked(True)
    run(dlg, qtbot)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 4  # done only, by default
    for rec in records:
        (block,) = rec["annotations"]
        assert block["annotator"] == "alice"
        assert sorted((e["label"], e.get("status", "active")) for e in block["entities"]) == [
            ("GPE", "active"),
            ("ORG", "suggested"),
        ]
        for e in block["entities"]:
            assert rec["text"][e["start"] : e["end"]] == e["text"]
    assert dlg.report is not None and dlg.report.documents == 4
    shown = dlg.result_view.toPlainText()
    assert str(out) in shown and "4 articles" in shown and dlg.error == ""
    # the label subset and every status: ORG unticked, all five articles, no suggestions
    for box in dlg.statuses.values():
        box.setChecked(True)
    dlg.suggestions.setChecked(False)
    org = next(
        i for i in range(dlg.labels.count()) if dlg.labels.item(i).data(Qt.ItemDataRole.UserRole) == "GPE"
    )
    for i in range(dlg.labels.count()):
        if i != org:
            dlg.labels.item(i).setCheckState(Qt.CheckState.Unchecked)
    assert dlg.options().labels == ("GPE",) and dlg.options().statuses is None
    out2 = tmp_path / "out" / "gpe.jsonl"
    set_output(dlg, out2)
    run(dlg, qtbot)
    records = [json.loads(line) for line in out2.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    assert {e["label"] for r in records for e in r["annotations"][0]["entities"]} == {"GPE"}


def test_split_export_writes_train_dev_test(project, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, _ids = project
    dlg = ExportDialog(store, "alice")
    qtbot.addWidget(dlg)
    dlg.format.setCurrentText("tokens")
    assert dlg.split.isEnabled() and dlg.nested.isEnabled()
    dlg.split.setChecked(True)
    for box in dlg.statuses.values():
        box.setChecked(True)
    dlg.train.setValue(60)
    dlg.dev.setValue(20)
    dlg.test.setValue(20)
    dlg.seed.setValue(7)
    assert dlg.options().split == (60, 20, 20) and dlg.options().seed == 7
    assert dlg.options().extra == {}  # the grouping's defaults are not spelled out
    dlg.dup_threshold.setValue(0.5)
    dlg.event_threshold.setValue(0.0)  # "off"
    assert dlg.event_threshold.text() == "off"
    assert dlg.options().extra == {"group_threshold": 0.5, "event_threshold": 0.0}
    dlg.split.setChecked(False)
    assert dlg.options().extra == {}  # thresholds only with a split, as on the command line
    dlg.split.setChecked(True)
    folder = tmp_path / "splits"
    set_output(dlg, folder)
    run(dlg, qtbot)
    assert dlg.error == "", dlg.error
    names = sorted(p.name for p in folder.iterdir())
    assert {"train.jsonl", "dev.jsonl", "test.jsonl", "README.md", "labels.json"} <= set(names)
    rows = [
        json.loads(line)
        for n in ("train", "dev", "test")
        for line in (folder / f"{n}.jsonl").read_text().splitlines()
    ]
    assert rows and all(set(r) >= {"tokens", "ner_tags"} for r in rows)
    shown = dlg.result_view.toPlainText()
    assert str(folder / "train.jsonl") in shown and str(folder / "README.md") in shown
    card = (folder / "README.md").read_text()
    assert "0.5" in card and "event_threshold" in card  # the grouping used is on the dataset card


def test_bad_choices_give_a_clear_message_and_write_nothing(project, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, _ids = project
    dlg = ExportDialog(store, "alice")
    qtbot.addWidget(dlg)
    dlg.format.setCurrentText("conll")
    dlg.split.setChecked(True)
    dlg.train.setValue(90)  # 90 + 10 + 10
    assert dlg.split_sum.text() == "= 110%"
    QTest.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    assert dlg.task is None and "add up to 100" in dlg.error
    dlg.split.setChecked(False)
    dlg.show()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = blocker / "out.conll"  # a path that cannot be created
    set_output(dlg, out)
    run(dlg, qtbot)
    assert dlg.error.startswith("Export failed:") and "a-file" in dlg.error
    assert dlg.result_view.isVisible() and dlg.result_view.toPlainText() == dlg.error
    assert dlg.export_button.isEnabled() and dlg.format.isEnabled()  # the form is usable again
    assert blocker.read_text() == "not a folder"


def test_a_cancelled_export_leaves_nothing_behind(project, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, _ids = project
    out = tmp_path / "cancelled.jsonl"
    task = Task(
        lambda progress, cancelled: export(
            store, "native", ExportOptions(), out, stopping(progress, cancelled)
        )
    )
    task.cancel()  # before the first progress report: the export stops there
    with qtbot.waitSignal(task.cancelledDone, timeout=30_000):
        task.start()
    task.wait()
    assert task.outcome == "cancelled" and not out.exists()
    assert list(tmp_path.glob(".cancelled.jsonl.*")) == []  # no temporary file either


def test_default_output_is_in_exports_and_never_overwrites(project, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, _ids = project
    dlg = ExportDialog(store, "alice")
    qtbot.addWidget(dlg)
    first = Path(dlg.output.text())
    run(dlg, qtbot)
    assert first.is_file() and first.parent == tmp_path / "exports"
    second = Path(dlg.output.text())  # a fresh name, even within the same second
    assert second != first and not second.exists()
    run(dlg, qtbot)
    assert second.is_file() and first.read_bytes() == second.read_bytes()


_WORD_TEXT = (
    "الوزير الحكومة البرلمان الاقتصاد الموازنة النفط الكهرباء المياه الزراعة التعليم الصحة المدارس "
    "الطرق الميناء المطار الحدود التجارة الاستثمار البنك العملة الأسعار الرواتب الشركات المصانع "
    "الانتخابات الأحزاب القضاء المحكمة الشرطة الجيش الأمن الحوار الاتفاق القمة الزيارة الوفد "
    "المؤتمر الصحفي البيان التقرير الدراسة الخطة المشروع المرحلة الأولى الثانية الجديدة الكبيرة "
    "اليوم أمس غدا الأسبوع الشهر العام المقبل الماضي قال أكد أوضح أضاف أشار شدد"
)
WORDS = _WORD_TEXT.split()


@pytest.fixture
def many(tmp_path: Path) -> Iterator[tuple[Store, list[int]]]:
    """Forty distinct articles (no near-duplicates), each with a GPE and a suggested ORG."""
    store = Store.open(tmp_path / "project.db")
    who = store.annotator_id("alice")
    rnd = random.Random(2026)
    ids = []
    for i in range(40):
        body = " ".join(rnd.choice(WORDS) for _ in range(80))
        text = f"زار الوفد العراق في اليوم {i}. {body}. ثم التقى وزارة الخارجية."
        doc = add_document(store, text, title=f"مقال {i}")
        ids.append(doc)
        a = text.index("العراق")
        store.run(AddSpan(doc, who, a, a + 6, "GPE"), who)
        b = text.index("وزارة الخارجية")
        store.run(AddSpan(doc, who, b, b + 14, "ORG", status="suggested"), who)
        store.run(SetDocStatus(doc, who, "done"), who)
    yield store, ids
    store.close()


def test_split_80_10_10_in_a_training_format_without_then_with_suggestions(
    many, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    store, ids = many
    dlg = ExportDialog(store, "alice")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.format.setCurrentText("conll")
    dlg.split.setChecked(True)
    assert (dlg.train.value(), dlg.dev.value(), dlg.test.value()) == (80, 10, 10)  # the defaults
    assert dlg.split_sum.text() == "= 100%" and dlg.options().split == (80, 10, 10)
    folder = tmp_path / "conll-split"
    set_output(dlg, folder)
    run(dlg, qtbot)
    assert dlg.error == "", dlg.error
    docs = {
        n: (folder / f"{n}.conll").read_text(encoding="utf-8").count("-DOCSTART-")
        for n in ("train", "dev", "test")
    }
    assert sum(docs.values()) == len(ids) and min(docs.values()) >= 1
    assert 28 <= docs["train"] <= 36 and docs["dev"] <= 8 and docs["test"] <= 8  # about 32/4/4
    shown = dlg.result_view.toPlainText()
    assert f"train: {docs['train']} articles" in shown and str(folder / "dev.conll") in shown
    tags = "".join((folder / f"{n}.conll").read_text(encoding="utf-8") for n in ("train", "dev", "test"))
    assert tags.count("B-GPE") == len(ids) and "ORG" not in tags  # suggestions are not annotations
    # the same with suggestions included: the suggested ORG mentions are written too
    dlg.suggestions.setChecked(True)
    with_suggestions = tmp_path / "conll-split-suggestions"
    set_output(dlg, with_suggestions)
    run(dlg, qtbot)
    assert dlg.error == "", dlg.error
    tags = "".join(
        (with_suggestions / f"{n}.conll").read_text(encoding="utf-8") for n in ("train", "dev", "test")
    )
    assert tags.count("B-ORG") == len(ids) and tags.count("B-GPE") == len(ids)


def test_an_export_error_is_a_message_not_a_traceback(project, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store, _ids = project
    dlg = ExportDialog(store, "alice")
    qtbot.addWidget(dlg)
    dlg.show()

    def broken(*_a: object, **_k: object) -> None:
        raise ExportError("the label schema changed while exporting")

    monkeypatch.setattr("ui.export_dialog.export", broken)
    set_output(dlg, tmp_path / "x.jsonl")
    run(dlg, qtbot)
    assert dlg.error == "Export failed: the label schema changed while exporting"
    assert dlg.result_view.isVisible() and dlg.result_view.toPlainText() == dlg.error
    assert "Traceback" not in dlg.result_view.toPlainText() and dlg.export_button.isEnabled()
    assert not (tmp_path / "x.jsonl").exists()
