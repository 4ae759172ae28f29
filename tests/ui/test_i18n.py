"""The Arabic interface: with Arabic chosen, the main window (menus, workbench panels, docks), the
review window and the export dialog show no English that the translation file leaves untranslated
or that the code never passes through tr(), and everything is laid out right to left.

A text is untranslated when it equals a source string of ``annotator_ar.ts`` whose translation is
missing, unfinished or identical to the source, or when, after removing what stays Latin in an
Arabic interface (key names, label codes, format names, paths), it still holds an English word.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QListWidget,
    QMenu,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from annotator.commands import AddSpan
from annotator.export import FORMATS
from annotator.store import D, Store
from ui.export_dialog import ExportDialog
from ui.i18n import I18N_DIR
from ui.main_window import MainWindow
from ui.settings import Settings

from .test_app_support import build_project, close_window, open_window, reset_app

TS = I18N_DIR / "annotator_ar.ts"


def ts_entries() -> dict[str, list[str | None]]:
    """Source text -> its translations (``None`` where missing or unfinished), over all contexts."""
    out: dict[str, list[str | None]] = {}
    for m in ET.parse(TS).getroot().iter("message"):
        src = m.findtext("source") or ""
        tr = m.find("translation")
        text: str | None = None
        if tr is not None and tr.get("type") not in ("unfinished", "vanished", "obsolete"):
            forms = [f.text or "" for f in tr.findall("numerusform")]
            text = forms[-1] if forms else (tr.text or "")
            text = text or None
        out.setdefault(src, []).append(text)
    return out


def test_every_entry_of_the_translation_file_is_translated() -> None:
    """No unfinished entry, every placeholder and accelerator kept (the .qm is compiled from this)."""
    placeholder = re.compile(r"%\d+|%n|\{\w*\}")
    problems = []
    for src, translations in ts_entries().items():
        for text in translations:
            if text is None or (text == src and re.search(r"[A-Za-z]{3,}", src)):
                problems.append(f"untranslated: {src!r}")
            elif sorted(placeholder.findall(src)) != sorted(placeholder.findall(text)):
                problems.append(f"placeholders differ: {src!r} -> {text!r}")
            elif ("&" in src.replace("&&", "")) != ("&" in text.replace("&&", "")):
                problems.append(f"accelerator lost or added: {src!r} -> {text!r}")
    assert not problems, "\n".join(problems)
    qm = TS.with_suffix(".qm")
    assert qm.is_file() and qm.stat().st_mtime >= TS.stat().st_mtime - 5  # compiled after the last edit


# --- the running interface in Arabic ------------------------------------------------------------

KEYS = r"Ctrl|Shift|Alt|Meta|Tab|Esc|Enter|Return|Delete|Backspace|Space|PgUp|PgDown|Home|End|F\d+"


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, list[int]]:
    path = tmp_path / "news.db"
    ids = build_project(path)
    store = Store.open(path)
    try:  # another annotator's layer, so the review window has items to show
        text = store.document(ids[0]).text
        who = store.annotator_id("sara")
        a = text.index("العراق")
        store.run(AddSpan(ids[0], who, a, a + 6, "GPE"), who)
    finally:
        store.close()
    return path, ids


def _opened(path: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    w = open_window(path)
    assert isinstance(w, MainWindow)
    qtbot.waitExposed(w)
    yield w
    close_window(w)
    reset_app()


@pytest.fixture
def window(project: tuple[Path, list[int]], qtbot: QtBot) -> Iterator[MainWindow]:
    Settings().language = "ar"  # chosen earlier: the app starts in Arabic
    yield from _opened(project[0], qtbot)


@pytest.fixture
def english_window(project: tuple[Path, list[int]], qtbot: QtBot) -> Iterator[MainWindow]:
    """The main window in English (the default), for tests that switch the language live."""
    yield from _opened(project[0], qtbot)


def allowed_latin(store: Store) -> re.Pattern[str]:
    """What stays Latin in the Arabic interface: key names, label codes, format names, and the
    project's own data (annotators' names, outlets, the schema's names)."""
    schema = store.schema
    words = [*schema.labels, *FORMATS, "F1", "Y", "N", "A", "L", "Q", "S", "E", "C"]
    words += ["English"]  # a language is offered under its own name
    words += [t.name for t in schema.entities if not t.name_ar]  # no Arabic name in the schema
    words += [t.name for t in schema.topics if not t.name_ar]
    words += [a.name for a in store.annotators()]
    with store.read() as conn:
        words += [str(s) for (s,) in conn.execute(select(D.c.source).distinct()) if s]
    alternatives = "|".join(sorted((re.escape(w) for w in words if w), key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])(?:{KEYS}|{alternatives})(?![A-Za-z])|[\w./\\-]*[/\\][\w./\\-]*|\*\.\w+")


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every action, menu, label, button, group box, dock and tab under ``root``."""
    out: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        where = f"{type(w).__name__}#{w.objectName()}"
        if isinstance(w, QLabel | QAbstractButton):
            out.append((where, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((where, w.title()))
        elif isinstance(w, QDockWidget):
            out.append((where, w.windowTitle()))
        elif isinstance(w, QMenu):
            out.append((where, w.title()))
        if isinstance(w, QTabWidget):
            out += [(f"{where} tab", w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            out += [(f"{where} item", w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QListWidget):
            out += [(f"{where} item", w.item(i).text()) for i in range(w.count())]
        out += [(f"{where} action {a.objectName()}", a.text()) for a in w.actions()]
    out += [(f"QAction#{a.objectName()}", a.text()) for a in root.findChildren(QAction)]
    return [(where, text) for where, text in out if text and text.strip()]


def untranslated(texts: list[tuple[str, str]], latin: re.Pattern[str]) -> list[str]:
    entries = ts_entries()
    found = []
    for where, text in texts:
        plain = re.sub(r"<[^>]+>", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
        for candidate in {text, plain}:
            if candidate in entries and any(t is None or t == candidate for t in entries[candidate]):
                found.append(f"{where}: {text!r} (untranslated in {TS.name})")
                break
            if candidate in entries:
                found.append(f"{where}: {text!r} (translated in {TS.name}, but shown in English)")
                break
        else:
            rest = latin.sub(" ", plain)
            if re.search(r"[A-Za-z]{2,}", rest):
                found.append(f"{where}: {text!r} (not in {TS.name}: wrap it in tr(), run ui/i18n/update.sh, translate)")
    return sorted(set(found))


def test_main_window_and_workbench_are_arabic_and_right_to_left(window: MainWindow, qtbot: QtBot) -> None:
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    for w in (window, window.workbench, window.workbench.view, window.articles, window.search):
        assert w.layoutDirection() == Qt.LayoutDirection.RightToLeft, w
    window.search.show()  # the project search dock, as Ctrl+Shift+F shows it
    menus = [(f"menu {k}", m.title()) for k, m in window.menus.items()]
    menus += [(f"menu {k} item", a.text()) for k, m in window.menus.items() for a in m.actions()]
    menus += [
        (f"submenu {a.menu().title()} item", b.text())
        for m in window.menus.values()
        for a in m.actions()
        if a.menu() is not None
        for b in a.menu().actions()
    ]
    assert "&ملف" in [t for _w, t in menus]
    bad = untranslated(menus + visible_texts(window), allowed_latin(window.store))
    assert not bad, "\n".join(bad)


def test_review_window_is_arabic_and_right_to_left(window: MainWindow, qtbot: QtBot) -> None:
    review = window.review.review()
    assert review is not None
    qtbot.waitExposed(review)
    assert review.layoutDirection() == Qt.LayoutDirection.RightToLeft
    bad = untranslated(visible_texts(review), allowed_latin(window.store))
    review.close()
    assert not bad, "\n".join(bad)


def test_export_dialog_is_arabic_and_right_to_left(window: MainWindow, qtbot: QtBot) -> None:
    dialog = ExportDialog(window.store, "tester", window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.windowTitle() == "تصدير التعليقات"
    texts = [("title", dialog.windowTitle()), *visible_texts(dialog)]
    assert dialog.labels.item(0).text() == "PER — شخص"  # the schema's Arabic names
    bad = untranslated(texts, allowed_latin(window.store))
    assert not bad, "\n".join(bad)


def test_switching_language_live_re_sets_the_assist_and_search_texts(english_window: MainWindow, qtbot: QtBot) -> None:
    w = english_window
    w.search.search("العراق")
    assert w.assist.action("importNameList").text() == "Import name list…"
    assert w.search.label_button.text() == "&Label all hits" and w.search.label.itemText(0) == "PER — Person"
    w.act_arabic.trigger()
    QApplication.processEvents()  # the LanguageChange events
    assert w.assist.action("importNameList").text() == "استيراد قائمة أسماء…"
    assert w.assist.action("annotateAllProject").text() == "وسم كل التكرارات في المشروع"
    assert w.search.label_button.text() == "&وسم كل النتائج" and w.search.label.itemText(0) == "PER — شخص"
    assert w.search.count.text() == "نتيجة واحدة في مقالة واحدة"
    assert w.search.windowTitle() == "البحث في المشروع"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    w.act_english.trigger()
    QApplication.processEvents()
    assert w.assist.action("importNameList").text() == "Import name list…"
    assert w.search.label.itemText(0) == "PER — Person" and w.search.count.text() == "1 hit in 1 article"


def test_switching_language_rebuilds_open_review_and_agreement_windows_in_place(english_window: MainWindow, qtbot: QtBot) -> None:
    w = english_window
    review = w.review.review()
    assert review is not None
    qtbot.waitExposed(review)
    doc = review.view.current_document()
    assert doc is not None and review.menuBar().actions()[0].text() == "&Review"
    rows = review.view.model.rowCount()
    row = min(1, rows - 1)
    review.view.select_row(row)
    agreement = w.review.agreement()
    qtbot.waitExposed(agreement)
    w.act_arabic.trigger()
    QApplication.processEvents()  # the LanguageChange events
    new = w.review.review_window
    assert new is not None and new is not review and new.isVisible()
    assert new.view.current_document() == doc and new.view.current_row() == row  # same article, same item
    assert new.menuBar().actions()[0].text() == "الم&راجعة"
    assert new.windowTitle().startswith("المراجعة — ")
    bad = untranslated(visible_texts(new), allowed_latin(w.store))
    assert not bad, "\n".join(bad)
    assert w.review.agreement_view is not None and w.review.agreement_view is not agreement
    assert w.review.agreement_view.isVisible()
    QApplication.processEvents()  # the old windows are deleted: the launcher keeps the new ones
    assert w.review.review_window is new


def test_an_open_export_dialog_follows_a_live_language_switch(english_window: MainWindow, qtbot: QtBot) -> None:
    w = english_window
    dialog = ExportDialog(w.store, "tester", w)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.layer.setCurrentIndex(dialog.layer.count() - 1)  # a choice the user made stays
    assert dialog.windowTitle() == "Export annotations" and dialog.labels.item(0).text() == "PER — Person"
    w.act_arabic.trigger()
    QApplication.processEvents()  # the LanguageChange events
    assert dialog.windowTitle() == "تصدير التعليقات"
    assert dialog.labels.item(0).text() == "PER — شخص"
    assert dialog.layer.currentData() == ("all", "")
    bad = untranslated([("title", dialog.windowTitle()), *visible_texts(dialog)], allowed_latin(w.store))
    assert not bad, "\n".join(bad)
    w.act_english.trigger()
    QApplication.processEvents()
    assert dialog.windowTitle() == "Export annotations" and dialog.export_button.text() == "&Export"


def test_the_workbench_forms_hints_are_arabic(window: MainWindow, qtbot: QtBot) -> None:
    # FormsMixin's strings carry their own translation context (lupdate files them under it)
    bench = window.workbench
    assert bench.view.selection() is None  # nothing selected yet: Q explains what to do
    with qtbot.waitSignal(bench.statusMessage, timeout=2000) as hint:
        bench.start_quote()
    (text,) = hint.args
    assert re.search("[\u0600-\u06ff]", text) and not re.search("[A-Za-z]{3,}", text), text
