"""The name of an edit as the Edit menu shows it ("Undo Add PER span"), in the interface language.

The core names its commands in English (``Command.text``; the core never imports Qt). This maps
those names onto translatable strings: fixed names through a table, names carrying a value (a
label, a count, an entity name) through patterns. A name not listed here is shown as the core
gives it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Commands"

_FIXED = {
    t: t
    for t in (
        QT_TRANSLATE_NOOP("Commands", "Delete span"),
        QT_TRANSLATE_NOOP("Commands", "Change span boundaries"),
        QT_TRANSLATE_NOOP("Commands", "Link mention to entity"),
        QT_TRANSLATE_NOOP("Commands", "Unlink mention"),
        QT_TRANSLATE_NOOP("Commands", "Accept suggestion"),
        QT_TRANSLATE_NOOP("Commands", "Reject suggestion"),
        QT_TRANSLATE_NOOP("Commands", "Edit entity"),
        QT_TRANSLATE_NOOP("Commands", "Add quote"),
        QT_TRANSLATE_NOOP("Commands", "Delete quote"),
        QT_TRANSLATE_NOOP("Commands", "Edit quote"),
        QT_TRANSLATE_NOOP("Commands", "Change quote kind"),
        QT_TRANSLATE_NOOP("Commands", "Change quote speaker"),
        QT_TRANSLATE_NOOP("Commands", "Set quote cue"),
        QT_TRANSLATE_NOOP("Commands", "Remove quote cue"),
        QT_TRANSLATE_NOOP("Commands", "Change quote content"),
        QT_TRANSLATE_NOOP("Commands", "Add stance"),
        QT_TRANSLATE_NOOP("Commands", "Add article stance"),
        QT_TRANSLATE_NOOP("Commands", "Edit stance"),
        QT_TRANSLATE_NOOP("Commands", "Change stance polarity"),
        QT_TRANSLATE_NOOP("Commands", "Delete stance"),
        QT_TRANSLATE_NOOP("Commands", "Add stance evidence"),
        QT_TRANSLATE_NOOP("Commands", "Remove stance evidence"),
        QT_TRANSLATE_NOOP("Commands", "Mark article done"),
        QT_TRANSLATE_NOOP("Commands", "Mark article in progress"),
        QT_TRANSLATE_NOOP("Commands", "Mark article not started"),
        QT_TRANSLATE_NOOP("Commands", "Update article status"),
    )
}

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Add (.+) span"), QT_TRANSLATE_NOOP("Commands", "Add %1 span")),
    (re.compile(r"Relabel span as (.+)"), QT_TRANSLATE_NOOP("Commands", "Relabel span as %1")),
    (re.compile(r"Delete (\d+) spans"), QT_TRANSLATE_NOOP("Commands", "Delete %1 spans")),
    (re.compile(r"Accept (\d+) suggestions"), QT_TRANSLATE_NOOP("Commands", "Accept %1 suggestions")),
    (re.compile(r"Reject (\d+) suggestions"), QT_TRANSLATE_NOOP("Commands", "Reject %1 suggestions")),
    (re.compile(r"Create entity (.+)"), QT_TRANSLATE_NOOP("Commands", "Create entity %1")),
    (re.compile(r"Create and link (.+)"), QT_TRANSLATE_NOOP("Commands", "Create and link %1")),
]


def command_text(text: str) -> str:
    """``text`` (a command's English name) in the interface language."""
    if text in _FIXED:
        return QCoreApplication.translate(CONTEXT, text)
    for pattern, source in _PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            return QCoreApplication.translate(CONTEXT, source).replace("%1", m.group(1))
    return text
