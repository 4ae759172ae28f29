"""File → Export… (issue 5): every export option of :func:`annotator.export.export`, run in a worker.

The dialog only collects :class:`~annotator.export.ExportOptions` and an output path; formats come
from the ``FORMATS`` registry, so a new format appears here without touching this file. The
export runs in a :class:`ui.workers.Task` with a progress bar and Cancel (files are written
atomically by the core, so a cancelled or failed export leaves nothing behind), and the dialog
then lists the files written or says clearly what went wrong.

Output goes to ``exports/`` next to the project file by default (a new time-stamped name per
export; a folder of ``train``/``dev``/``test`` files when splitting).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.export import FORMATS, ExportOptions, ExportReport, default_output, export
from annotator.export.events import EventParams
from annotator.export.splits import GroupParams
from annotator.models import DOC_STATUSES, GOLD
from annotator.store import Store
from ui.i18n import QT_TRANSLATE_NOOP
from ui.schema_names import entity_choice
from ui.workers import Task, stopping

NESTED_FORMATS = ("tokens", "conll")  # formats with the nested-entities option
STATUS_TEXT = {
    "done": QT_TRANSLATE_NOOP("ExportDialog", "Done"),
    "in_progress": QT_TRANSLATE_NOOP("ExportDialog", "In progress"),
    "not_started": QT_TRANSLATE_NOOP("ExportDialog", "Not started"),
}


def exports_folder(store: Store) -> Path:
    """``exports/`` beside the project file (the working folder's for a database URL)."""
    return (store.path.parent if store.path is not None else Path.cwd()) / "exports"


def written_files(report: ExportReport) -> list[Path]:
    """Every file an export wrote: a split export's folder is listed file by file."""
    out: list[Path] = []
    for p in report.paths:
        out += sorted(f for f in p.iterdir() if f.is_file()) if p.is_dir() else [p]
    return out


class ExportDialog(QDialog):
    """Choose format, layer, statuses, labels, split and output; export with a progress bar."""

    def __init__(self, store: Store, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.store = store
        self.task: Task | None = None
        self.report: ExportReport | None = None
        self.error = ""
        self._path_edited = False

        self.format = QComboBox()
        self.format.addItems(list(FORMATS))
        self.layer = QComboBox()
        names = [a.name for a in store.annotators()]
        for name in ([annotator] if annotator in names else []) + [n for n in names if n != annotator]:
            self.layer.addItem("", ("annotator", name))
        self.layer.addItem("", ("gold", GOLD))
        self.layer.addItem("", ("all", ""))
        self.statuses = {s: QCheckBox() for s in DOC_STATUSES}
        self.statuses["done"].setChecked(True)
        status_row = QHBoxLayout()
        for box in self.statuses.values():
            status_row.addWidget(box)
        self.labels = QListWidget()
        self.labels.setObjectName("exportLabels")
        self._entity_types = list(store.schema.entities)
        for et in self._entity_types:
            item = QListWidgetItem(entity_choice(et))
            item.setData(Qt.ItemDataRole.UserRole, et.label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.labels.addItem(item)
        self.labels.setMaximumHeight(self.labels.sizeHintForRow(0) * min(6, max(1, self.labels.count())) + 6)
        self.nested = QComboBox()
        self.nested.addItem("", "outermost")
        self.nested.addItem("", "columns")
        self.suggestions = QCheckBox()

        self.split = QGroupBox()
        self.split.setCheckable(True)
        self.split.setChecked(False)
        self.train, self.dev, self.test = (self._percent(v) for v in (80, 10, 10))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(13)
        self.split_sum = QLabel()
        split_box = QVBoxLayout(self.split)
        split_row = QHBoxLayout()
        split_box.addLayout(split_row)
        self._split_labels = [QLabel() for _ in range(4)]
        for label, w in zip(self._split_labels, (self.train, self.dev, self.test, self.seed), strict=True):
            split_row.addWidget(label)
            split_row.addWidget(w)
        split_row.addWidget(self.split_sum)
        # the grouping that keeps a story in one split (--dup-threshold / --event-threshold)
        self.dup_threshold = self._threshold(GroupParams.threshold, 0.01)
        self.event_threshold = self._threshold(EventParams.threshold, 0.0)
        group_row = QHBoxLayout()
        split_box.addLayout(group_row)
        self._group_labels = [QLabel() for _ in range(2)]
        for label, threshold in zip(self._group_labels, (self.dup_threshold, self.event_threshold), strict=True):
            label.setBuddy(threshold)
            group_row.addWidget(label)
            group_row.addWidget(threshold)
        group_row.addStretch(1)

        self.output = QLineEdit()
        self.output.setObjectName("exportOutput")
        browse = self.browse = QPushButton()
        browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse)

        form = QFormLayout()
        self._row_labels = [QLabel() for _ in range(6)]
        form.addRow(self._row_labels[0], self.format)
        form.addRow(self._row_labels[1], self.layer)
        form.addRow(self._row_labels[2], status_row)
        form.addRow(self._row_labels[3], self.labels)
        form.addRow(self._row_labels[4], self.nested)
        form.addRow("", self.suggestions)
        form.addRow(self.split)
        form.addRow(self._row_labels[5], out_row)

        self.progress = QProgressBar()
        self.progress.hide()
        self.result_view = QPlainTextEdit()
        self.result_view.setObjectName("exportResult")
        self.result_view.setReadOnly(True)
        self.result_view.setMaximumHeight(140)
        self.result_view.hide()
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self._cancel)
        self.close_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_view)
        layout.addWidget(self.buttons)
        self._inputs: list[QWidget] = [
            self.format,
            self.layer,
            *self.statuses.values(),
            self.labels,
            self.nested,
            self.suggestions,
            self.split,
            self.output,
            browse,
        ]

        for signal in (self.format.currentIndexChanged, self.split.toggled):
            signal.connect(self._update)
        for spin in (self.train, self.dev, self.test):
            spin.valueChanged.connect(self._update)
        self.output.textEdited.connect(lambda _t: setattr(self, "_path_edited", True))
        self.retranslate()
        self._update()
        self.resize(640, self.sizeHint().height())

    def retranslate(self) -> None:
        """Every text of the form, in the current language (also on a live language switch)."""
        self.setWindowTitle(self.tr("Export annotations"))
        for i in range(self.layer.count()):
            kind, name = self.layer.itemData(i)
            self.layer.setItemText(i, self.tr("Annotator: %1").replace("%1", name) if kind == "annotator"
                                   else self.tr("Gold (adjudicated)") if kind == "gold"
                                   else self.tr("All layers (every annotator and gold)"))
        for status, box in self.statuses.items():
            box.setText(self.tr(STATUS_TEXT.get(status, status)))
        for i, et in enumerate(self._entity_types):
            self.labels.item(i).setText(entity_choice(et))
        self.nested.setItemText(0, self.tr("Outermost entity only"))
        self.nested.setItemText(1, self.tr("Nested entities in a second tag column"))
        self.suggestions.setText(self.tr("Include suggestions (marked as suggestions)"))
        self.split.setTitle(self.tr("Split into train / dev / test (reports of the same story stay together)"))
        for label, text in zip(self._split_labels, (self.tr("train %"), self.tr("dev %"), self.tr("test %"),
                                                   self.tr("seed")), strict=True):
            label.setText(text)
        self._group_labels[0].setText(self.tr("Copies at Jaccard ≥"))
        self._group_labels[1].setText(self.tr("Same event at cosine ≥"))
        self.dup_threshold.setToolTip(self.tr(
            "Articles whose word shingles overlap this much (estimated Jaccard) are copies of one "
            "report and go to the same split (--dup-threshold)."))
        self.event_threshold.setToolTip(self.tr(
            "Groups whose distinctive words are this similar (cosine) report one event and go to "
            "the same split; 0 turns this pass off (--event-threshold)."))
        self.event_threshold.setSpecialValueText(self.tr("off"))
        self.browse.setText(self.tr("Browse…"))
        for label, text in zip(self._row_labels, (self.tr("Format"), self.tr("Annotations"),
                                                 self.tr("Articles whose status is"), self.tr("Entity labels"),
                                                 self.tr("Nested entities"), self.tr("Output")), strict=True):
            label.setText(text)
        self.export_button.setText(self.tr("&Export"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "export_button"):
            self.retranslate()
        super().changeEvent(event)

    @staticmethod
    def _threshold(value: float, lowest: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(lowest, 1.0)
        box.setDecimals(2)
        box.setSingleStep(0.01)
        box.setValue(value)
        return box

    @staticmethod
    def _percent(value: int) -> QSpinBox:
        box = QSpinBox()
        box.setRange(0, 100)
        box.setValue(value)
        return box

    # --- options ---------------------------------------------------------------------------------

    def options(self) -> ExportOptions:
        """The options the form describes (what ``annotator export`` would take on the command line)."""
        kind, name = self.layer.currentData()
        chosen = tuple(s for s, box in self.statuses.items() if box.isChecked())
        checked = [
            str(self.labels.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.labels.count())
            if self.labels.item(i).checkState() == Qt.CheckState.Checked
        ]
        return ExportOptions(
            layer=kind,
            annotators=(name,) if kind == "annotator" else (),
            statuses=None if len(chosen) == len(DOC_STATUSES) else chosen,
            labels=None if len(checked) == self.labels.count() else tuple(checked),
            include_suggestions=self.suggestions.isChecked(),
            split=(self.train.value(), self.dev.value(), self.test.value())
            if self.split.isChecked()
            else None,
            seed=self.seed.value(),
            nested=str(self.nested.currentData()),
            extra=self._group_extra() if self.split.isChecked() else {},
        )

    def _group_extra(self) -> dict[str, float]:
        """The split grouping's thresholds, where they differ from the defaults (as the CLI passes them)."""
        extra: dict[str, float] = {}
        for key, box, default in (("group_threshold", self.dup_threshold, GroupParams.threshold),
                                  ("event_threshold", self.event_threshold, EventParams.threshold)):
            if round(box.value(), 2) != round(default, 2):
                extra[key] = round(box.value(), 2)
        return extra

    def _update(self) -> None:
        fmt = self.format.currentText()
        self.nested.setEnabled(fmt in NESTED_FORMATS)
        total = self.train.value() + self.dev.value() + self.test.value()
        self.split_sum.setText(f"= {total}%")
        self.split_sum.setStyleSheet("" if total == 100 else "color:#c62828; font-weight:bold")
        if fmt == "native" and self.split.isChecked():
            self.split.setChecked(False)  # the native format keeps the whole project in one file
        self.split.setEnabled(fmt != "native")
        if not self._path_edited:
            try:
                self.output.setText(str(self._default_path(fmt)))
            except Exception as e:  # ExportError, an unreadable project folder ...
                self.output.setText("")
                self._show_error(str(e))

    def _default_path(self, fmt: str) -> Path:
        """The core's default name in ``exports/``, made unique (two exports in one second)."""
        base = default_output(self.store, fmt, self.options(), folder=exports_folder(self.store))
        stem = base.name.removesuffix(base.suffix) if base.suffix else base.name
        path, n = base, 2
        while path.exists():
            path = base.with_name(f"{stem}-{n}{base.suffix}")
            n += 1
        return path

    def _browse(self) -> None:
        current = self.output.text() or str(exports_folder(self.store))
        if self.split.isChecked():
            chosen = QFileDialog.getExistingDirectory(
                self, self.tr("Export into folder"), str(Path(current).parent)
            )
        else:
            chosen, _f = QFileDialog.getSaveFileName(self, self.tr("Export to"), current)
        if chosen:
            self.output.setText(chosen)
            self._path_edited = True

    # --- running ---------------------------------------------------------------------------------

    def start(self) -> Task | None:
        """Export in a worker thread; the progress bar follows it and Cancel stops it."""
        if self.task is not None:
            return None
        fmt, options, out = self.format.currentText(), self.options(), self.output.text().strip()
        if options.split is not None and sum(options.split) != 100:
            self._show_error(self.tr("The train, dev and test percentages must add up to 100."))
            return None
        if not out:
            self._show_error(self.tr("Choose where to write the export."))
            return None
        store, target = self.store, Path(out).expanduser()

        def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> ExportReport:
            return export(store, fmt, options, target, stopping(progress, cancelled))

        self.task = Task(job, self)
        self.task.progressed.connect(self._on_progress)
        self.task.finished.connect(self._finished)
        for w in self._inputs:
            w.setEnabled(False)
        self.export_button.setEnabled(False)
        self.result_view.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.task.start()
        return self.task

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
        else:
            self.reject()

    def _finished(self) -> None:
        task, self.task = self.task, None
        if task is None:
            return
        task.wait()
        self.progress.hide()
        for w in self._inputs:
            w.setEnabled(True)
        self._update()
        self.export_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        if task.outcome == "succeeded":
            self.report = task.result
            self._show_report(task.result)
        elif task.outcome == "cancelled":
            self._show_error(self.tr("Export cancelled; nothing was written."))
        else:
            self._show_error(self.tr("Export failed: %1").replace("%1", str(task.error)))
        task.deleteLater()

    def _show_report(self, report: ExportReport) -> None:
        self.error = ""
        files = written_files(report)
        lines = [
            self.tr("Exported %1 articles (%2 spans, %3 quotes, %4 stances) in %5 s to:")
            .replace("%1", str(report.documents))
            .replace("%2", str(report.spans))
            .replace("%3", str(report.quotes))
            .replace("%4", str(report.stances))
            .replace("%5", f"{report.seconds:.1f}"),
            *(f"  {p}" for p in files),
            *report.notes,
        ]
        self.result_view.setStyleSheet("")
        self.result_view.setPlainText("\n".join(lines))
        self.result_view.show()
        self.export_button.setText(self.tr("Export &again"))
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self._path_edited = False
        self._update()  # a fresh default name, so exporting again never overwrites this one

    def _show_error(self, message: str) -> None:
        self.error = message
        self.result_view.setStyleSheet("color:#c62828")
        self.result_view.setPlainText(message)
        self.result_view.show()

    def reject(self) -> None:
        """Closing while exporting cancels the export first (its files are dropped)."""
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
        super().reject()
