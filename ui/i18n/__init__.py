"""The interface language: English (the source strings) or Arabic (``annotator_ar.qm``).

``annotator_ar.ts`` is the translation source; ``annotator_ar.qm`` is compiled from it with
``pyside6-lrelease ui/i18n/annotator_ar.ts`` (see ``scripts/`` notes in the README) and committed.
In Arabic the whole application is laid out right-to-left.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

I18N_DIR = Path(__file__).resolve().parent

_installed: list[QTranslator] = []


def install_language(app: QApplication, code: str) -> bool:
    """Make ``code`` ("en" or "ar") the interface language, live; False if its file is missing.

    Installing or removing a translator sends every widget a LanguageChange event, on which the
    windows re-set their texts.
    """
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    ok = True
    if code == "ar":
        ours = QTranslator(app)
        ok = ours.load(str(I18N_DIR / "annotator_ar.qm"))
        if ok:
            app.installTranslator(ours)
            _installed.append(ours)
        qt = QTranslator(app)  # Qt's own strings: standard buttons, file dialogs
        if qt.load(QLocale(QLocale.Language.Arabic), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    else:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    app.setProperty("annotator_language", code if ok else "en")
    return ok


def current_language(app: QApplication) -> str:
    return str(app.property("annotator_language") or "en")


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks ``source`` for translation in ``context`` and returns it unchanged, as Qt's macro does
    (typed: PySide6's stub returns ``object``). pyside6-lupdate finds calls by this name."""
    return source
