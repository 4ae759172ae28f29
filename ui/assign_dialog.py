"""Assign articles to annotators with overlap (e.g. every article to 2 of 4), as one undoable command.

The plan is the core's (:class:`annotator.review.assign.AssignArticles`: seeded, balanced, every
pair of annotators sharing articles); this dialog picks its options, pushes it through the
project's UndoAdapter and reports the distribution it made.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from itertools import combinations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.commands import CommandError
from annotator.review.assign import AssignArticles
from annotator.store import Store
from ui.undo import UndoAdapter


def distribution(plan: dict[int, tuple[int, ...]], names: dict[int, str]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Articles per annotator and articles shared per pair of annotators, by name."""
    per: Counter[str] = Counter()
    shared: Counter[tuple[str, str]] = Counter()
    for anns in plan.values():
        who = sorted(names.get(a, f"#{a}") for a in anns)
        per.update(who)
        shared.update(combinations(who, 2))
    return per, shared


class AssignDialog(QDialog):
    """Choose annotators, overlap, seed and scope; Assign runs the command and shows the distribution."""

    def __init__(self, store: Store, undo: UndoAdapter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assignDialog")
        self.setWindowTitle(self.tr("Assign articles"))
        self.store, self.undo = store, undo
        self.last: AssignArticles | None = None
        people = store.annotators()
        self.names = {a.id: a.name for a in people}
        self.annotators = QListWidget(self)
        self.annotators.setObjectName("assignAnnotators")
        for a in people:
            item = QListWidgetItem(a.name)
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # annotators get work by default; a reviewer only when checked
            item.setCheckState(Qt.CheckState.Checked if a.role == "annotator" else Qt.CheckState.Unchecked)
            self.annotators.addItem(item)
        self.annotators.itemChanged.connect(lambda _item: self._limit_overlap())
        self.overlap = QSpinBox(self)
        self.overlap.setObjectName("assignOverlap")
        self.seed = QSpinBox(self)
        self.seed.setObjectName("assignSeed")
        self.seed.setRange(0, 1_000_000)
        self.only_unassigned = QCheckBox(self.tr("Only articles nobody is assigned yet"), self)
        self.only_unassigned.setObjectName("assignOnlyUnassigned")
        self.only_unassigned.setChecked(True)
        self.report = QLabel(self)
        self.report.setObjectName("assignReport")
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Annotators"), self.annotators)
        form.addRow(self.tr("Annotators per article"), self.overlap)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow("", self.only_unassigned)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.assign_button = QPushButton(self.tr("&Assign"), self)
        self.assign_button.setObjectName("assignRun")
        self.assign_button.setDefault(True)
        buttons.addButton(self.assign_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.assign_button.clicked.connect(self.assign)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.report)
        lay.addWidget(buttons)
        self._limit_overlap()
        self.overlap.setValue(min(2, self.overlap.maximum()))

    def chosen(self) -> list[int]:
        return [int(self.annotators.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.annotators.count())
                if self.annotators.item(i).checkState() == Qt.CheckState.Checked]

    def _limit_overlap(self) -> None:
        n = len(self.chosen())
        self.overlap.setRange(1 if n else 0, max(n, 0))
        self.assign_button.setEnabled(n > 0)

    def assign(self) -> None:
        """Run the assignment (undoable with Ctrl+Z in the main window) and report what it did."""
        cmd = AssignArticles(self.chosen(), overlap=self.overlap.value(), seed=self.seed.value(),
                             reassign=not self.only_unassigned.isChecked())
        # one transaction on the GUI thread (the undo stack lives there): a few seconds for tens of
        # thousands of articles, so say so and show the busy cursor meanwhile
        self.report.setText(self.tr("Assigning…"))
        self.assign_button.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()
        try:
            self.undo.push(cmd)
        except CommandError as e:
            self.report.setText(f"<span style='color:#e53935'>{escape(str(e))}</span>")
            return
        finally:
            QApplication.restoreOverrideCursor()
            self.assign_button.setEnabled(bool(self.chosen()))
        self.last = cmd
        if not cmd.plan:
            self.report.setText(self.tr("Nothing to assign: every article is assigned already."))
            return
        per, shared = distribution(cmd.plan, self.names)
        lines = [self.tr("Assigned %1 articles, each to %2 annotators (undo: Ctrl+Z).")
                 .replace("%1", str(len(cmd.plan))).replace("%2", str(cmd.overlap))]
        lines += [f"{escape(name)}: {n}" for name, n in sorted(per.items())]
        if shared:
            lines.append(self.tr("Shared articles per pair:"))
            lines += [f"{escape(a)} – {escape(b)}: {n}" for (a, b), n in sorted(shared.items())]
        self.report.setText("<br>".join(lines))
