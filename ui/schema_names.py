"""Names from the label schema in the interface language.

The schema (TOML) gives each entity type and topic an English ``name`` and an Arabic ``name_ar``;
menus, lists and dialogs show the one that matches the interface language, falling back to the
other when the project's schema lacks it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.schema import EntityType, Topic
from ui.i18n import QT_TRANSLATE_NOOP, current_language


def arabic_interface() -> bool:
    app = QCoreApplication.instance()
    return app is not None and current_language(app) == "ar"  # type: ignore[arg-type]


def schema_name(item: EntityType | Topic) -> str:
    """``name_ar`` in the Arabic interface, else ``name`` (each falls back to the other)."""
    if arabic_interface():
        return item.name_ar or item.name
    return item.name or item.name_ar


def entity_choice(et: EntityType) -> str:
    """How a label is offered in lists and combo boxes: ``PER — Person`` / ``PER — شخص``."""
    return f"{et.label} — {schema_name(et)}"


#: the default schema's quote kinds and stance polarities; another schema's values show as written
_VALUES = {
    v: v
    for v in (
        QT_TRANSLATE_NOOP("Schema", "direct"),
        QT_TRANSLATE_NOOP("Schema", "indirect"),
        QT_TRANSLATE_NOOP("Schema", "mixed"),
        QT_TRANSLATE_NOOP("Schema", "favor"),
        QT_TRANSLATE_NOOP("Schema", "against"),
        QT_TRANSLATE_NOOP("Schema", "neutral"),
    )
}


def value_name(value: str) -> str:
    """A quote kind or stance polarity in the interface language (stored values stay English)."""
    return QCoreApplication.translate("Schema", value) if value in _VALUES else value
