"""The Workbench's actions: every annotation key, for the shell's menus and shortcut sheet."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.schema_names import schema_name

if TYPE_CHECKING:
    from ui.workbench import Workbench


def make_actions(wb: Workbench) -> list[QAction]:
    """The annotation actions with their shortcuts, added to the Workbench (and Tab to its view).

    Shortcuts apply while focus is in the Workbench (the article view or a panel); Tab and
    Shift+Tab only in the article view, so Tab still moves focus between the panels' widgets.
    Each action's text is a function, re-run by :func:`retranslate_actions` on a language change.
    """
    acts: list[QAction] = []

    def add(text: Callable[[], str], keys: list[str], slot: object, name: str) -> None:
        act = QAction(text(), wb)
        act.setObjectName(name)
        act.setProperty("text_fn", text)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(lambda _c=False: slot())  # type: ignore[operator]
        wb.addAction(act)
        acts.append(act)

    for et in wb.store.schema.entities:
        if et.key:
            add(
                lambda et=et: (  # type: ignore[misc]  # (a default binds each label; mypy cannot type it)
                    QCoreApplication.translate("Workbench", "Tag %1 (%2)")
                    .replace("%1", et.label)
                    .replace("%2", schema_name(et))  # name_ar in the Arabic interface
                ),
                [et.key],
                lambda lb=et.label: wb.tag(lb),
                f"tag_{et.label}",
            )
            add(
                lambda et=et: QCoreApplication.translate(  # type: ignore[misc]
                    "Workbench", "Tag %1 exactly as selected (keep و ف ب ل ك)"
                ).replace("%1", et.label),
                [f"Alt+{et.key}"],
                lambda lb=et.label: wb.tag(lb, exact=True),
                f"tagExact_{et.label}",
            )
    add(
        lambda: QCoreApplication.translate("Workbench", "Delete selected annotation"),
        ["Delete", "Backspace"],
        wb.delete_selected,
        "deleteSelected",
    )
    add(
        lambda: QCoreApplication.translate("Workbench", "Accept suggestion"),
        ["A"],
        wb.accept_selected,
        "acceptSuggestion",
    )
    add(
        lambda: QCoreApplication.translate("Workbench", "Link mention to entity…"),
        ["L"],
        wb.link_selected,
        "linkEntity",
    )
    add(lambda: QCoreApplication.translate("Workbench", "Mark quote…"), ["Q"], wb.start_quote, "markQuote")
    add(
        lambda: QCoreApplication.translate("Workbench", "Mark stance evidence…"),
        ["S"],
        wb.start_stance,
        "markStance",
    )
    add(
        lambda: QCoreApplication.translate(
            "Workbench", "Use selection in the open form (stance evidence, quote content)"
        ),
        ["E"],
        wb.add_evidence,
        "addEvidence",
    )
    add(
        lambda: QCoreApplication.translate("Workbench", "Use selection as the quote's cue"),
        ["C"],
        wb.use_as_cue,
        "useAsCue",
    )
    add(
        lambda: QCoreApplication.translate("Workbench", "Clear selection"),
        ["Escape"],
        wb.clear_selection,
        "clearSelection",
    )
    # keys of the article view alone: Tab still moves focus in the panels, Enter still saves a form
    view_actions: tuple[tuple[Callable[[], str], list[str], Callable[[], object], str], ...] = (
        (
            lambda: QCoreApplication.translate("Workbench", "Next mention"),
            ["Tab"],
            lambda: wb.cycle(1),
            "nextSpan",
        ),
        (
            lambda: QCoreApplication.translate("Workbench", "Previous mention"),
            ["Shift+Tab"],
            lambda: wb.cycle(-1),
            "prevSpan",
        ),
        (
            lambda: QCoreApplication.translate(
                "Workbench", "Edit the selected quote or stance (link a mention)…"
            ),
            ["Return", "Enter"],
            wb.edit_selected,
            "editSelected",
        ),
    )
    for text, keys, slot, name in view_actions:
        act = QAction(text(), wb.view)
        act.setObjectName(name)
        act.setProperty("text_fn", text)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        act.triggered.connect(lambda _c=False, f=slot: f())
        wb.view.addAction(act)
        acts.append(act)
    return acts


def retranslate_actions(actions: list[QAction]) -> None:
    for act in actions:
        fn = act.property("text_fn")
        if callable(fn):
            act.setText(fn())
