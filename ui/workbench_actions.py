"""The Workbench's actions: every annotation key, for the shell's menus and shortcut sheet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from ui.workbench import Workbench


def make_actions(wb: Workbench) -> list[QAction]:
    """The annotation actions with their shortcuts, added to the Workbench (and Tab to its view).

    Shortcuts apply while focus is in the Workbench (the article view or a panel); Tab and
    Shift+Tab only in the article view, so Tab still moves focus between the panels' widgets.
    """
    acts: list[QAction] = []

    def add(text: str, keys: list[str], slot: object, name: str) -> None:
        act = QAction(text, wb)
        act.setObjectName(name)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(lambda _c=False: slot())  # type: ignore[operator]
        wb.addAction(act)
        acts.append(act)

    for et in wb.store.schema.entities:
        if et.key:
            add(
                f"Tag {et.label} ({et.name})",
                [et.key],
                lambda lb=et.label: wb.tag(lb),
                f"tag_{et.label}",
            )
            add(
                f"Tag {et.label} exactly as selected",
                [f"Alt+{et.key}"],
                lambda lb=et.label: wb.tag(lb, exact=True),
                f"tagExact_{et.label}",
            )
    add("Delete selected annotation", ["Delete", "Backspace"], wb.delete_selected, "deleteSelected")
    add("Accept suggestion", ["A"], wb.accept_selected, "acceptSuggestion")
    add("Link mention to entity…", ["L"], wb.link_selected, "linkEntity")
    add("Mark quote…", ["Q"], wb.start_quote, "markQuote")
    add("Mark stance evidence…", ["S"], wb.start_stance, "markStance")
    add("Add selection as stance evidence", ["E"], wb.add_evidence, "addEvidence")
    add("Clear selection", ["Escape"], wb.clear_selection, "clearSelection")
    for text, key, step, name in (
        ("Next mention", "Tab", 1, "nextSpan"),
        ("Previous mention", "Shift+Tab", -1, "prevSpan"),
    ):
        act = QAction(text, wb.view)
        act.setObjectName(name)
        act.setShortcut(QKeySequence(key))
        act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # Tab still moves focus in panels
        act.triggered.connect(lambda _c=False, s=step: wb.cycle(s))
        wb.view.addAction(act)
        acts.append(act)
    return acts
