"""Shared builders for the application-shell tests (no tests here): small projects and windows."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import insert

from annotator.store import D, Store

ARTICLES: tuple[tuple[str, str, str, str], ...] = (
    # (title, outlet, date, text)
    ("زيارة إلى واشنطن", "alaraby", "2021-07-23",
     "قال وزير الخارجية العراقي فؤاد حسين إن العراق يسعى لمواصلة التنسيق مع الولايات المتحدة الأميركية."),
    ("الحوار مع أميركا", "aawsat", "2021-07-24",
     "أكد المسؤول أن العلاقات مع أميركا تمر بمرحلة جديدة بعد الحوار الاستراتيجي."),
    ("موسم الحصاد", "alaraby", "2021-07-25",
     "بدأ المزارعون في محافظة نينوى موسم الحصاد وسط توقعات بإنتاج وفير هذا العام."),
    ("مباراة الكرة", "rudaw", "2021-07-26",
     "فاز المنتخب العراقي في مباراة ودية أقيمت في ملعب البصرة الدولي مساء الجمعة."),
)


def build_project(path: Path, articles: Sequence[tuple[str, str, str, str]] = ARTICLES) -> list[int]:
    """A SQLite project with these articles indexed for search; returns their ids in order."""
    store = Store.open(path)
    ids = []
    with store.write() as conn:
        for title, outlet, date, text in articles:
            h = hashlib.sha256((title + text).encode()).hexdigest()
            doc_id = conn.execute(insert(D).values(
                uid=h[:16], title=title, text=text, length=len(text), content_hash=h, source=outlet,
                published=date, provenance={}, meta={})).inserted_primary_key[0]
            store.index_documents(conn, [(int(doc_id), title, text)])
            ids.append(int(doc_id))
    store.close()
    return ids


def bulk_project(path: Path, n: int, *, index: bool = False) -> None:
    """A project with ``n`` short articles inserted with SQLAlchemy Core (tests and the benchmark)."""
    store = Store.open(path)
    outlets = ("alaraby", "aawsat", "rudaw", "shafaq")
    rows = []
    for i in range(n):
        text = f"المقالة رقم {i} عن العلاقات بين العراق وأميركا والتنسيق الأمني في المنطقة."
        rows.append({"id": i + 1, "uid": f"bulk{i:07d}", "title": f"عنوان المقالة {i}", "text": text,
                     "length": len(text), "content_hash": f"h{i:015d}", "source": outlets[i % 4],
                     "published": f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}", "provenance": {}, "meta": {}})
    with store.write() as conn:
        for k in range(0, n, 20000):
            chunk = rows[k : k + 20000]
            conn.execute(insert(D), chunk)
            if index:
                store.index_documents(conn, [(r["id"], r["title"], r["text"]) for r in chunk])
    store.close()


def type_text(widget: object, text: str) -> None:
    """Type any text (Arabic included) as real key events; QTest.keyClicks only handles ASCII."""
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))  # type: ignore[arg-type]


def open_window(path: Path, annotator: str | None = "tester"):  # type: ignore[no-untyped-def]
    """Set up the app from fresh settings and open ``path`` as the app does; returns the window."""
    from PySide6.QtWidgets import QApplication

    from ui.app import AppController, setup_application
    from ui.settings import Settings

    settings = Settings()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    setup_application(app, settings)
    controller = AppController(settings)
    window = controller.open(path, annotator)
    if window is not None:
        window._controller = controller  # keep it alive as long as the window
    return window


def reset_app() -> None:
    """Undo application-wide state a test may have changed (language, direction, theme)."""
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install_language
    from ui.themes import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "en")
    apply_theme(app, "light")


def close_window(window: object) -> None:
    """Close a window opened by :func:`open_window` unless Qt already deleted it."""
    import shiboken6

    if window is not None and shiboken6.isValid(window):
        window.close()  # type: ignore[attr-defined]
