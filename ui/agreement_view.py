"""The Agreement view: the figures of :func:`annotator.review.agreement.compute_agreement`, shown.

Overall, per label (with a bar chart), per annotator pair, and the articles that disagree most
first (double-click one to review it). The numbers are the core report's own ``to_dict()`` (the
same figures ``annotator agree --json`` prints), so nothing is recomputed here. The computation
loads every layer of the project, so it runs in a worker thread (:class:`ui.workers.Task`) while
a busy bar shows; the core reports no intermediate progress.

The chart is :class:`ui.agreement_chart.BarChart`, drawn with QPainter: QtCharts is only in
PySide6-Addons (+160 MB) and a plotting package took about a second to import.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.review.agreement import AgreementReport, compute_agreement
from annotator.store import Store
from ui.agreement_chart import Bar, BarChart
from ui.workers import Task

_RUNNING: set[Task] = set()  # computations of closed views, kept alive until their threads end
ARTICLE_ROWS = 1000  # the most disagreeing articles listed (the JSON output has them all)
#: chart metrics: (key in a label's figures, sub-key); their titles are AgreementView.metric_titles()
METRICS: tuple[tuple[str, str | None], ...] = (
    ("entity_exact", "f1"),
    ("entity_overlap", "f1"),
    ("token_kappa", None),
    ("token_alpha", None),
)


def fmt(v: Any) -> str:
    return "—" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)


def metric(figures: dict[str, Any], key: str, sub: str | None) -> float | None:
    v = figures[key]
    return v[sub] if sub is not None else v  # type: ignore[no-any-return]


def _table(name: str, headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.verticalHeader().hide()
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _fill(t: QTableWidget, rows: list[list[Any]], data: list[Any] | None = None) -> None:
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            item = QTableWidgetItem(fmt(v))
            if isinstance(v, int | float):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                                      | Qt.AlignmentFlag.AlignVCenter)
            if data is not None and c == 0:
                item.setData(Qt.ItemDataRole.UserRole, data[r])
            t.setItem(r, c, item)


class AgreementView(QWidget):
    """Choose annotators, compute (F5), read the figures; ``openArticle`` on an article's double-click."""

    computed = Signal(object)  # the AgreementReport
    openArticle = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementView")
        self.setWindowTitle(self.tr("Agreement"))
        self.store = store
        self.report: AgreementReport | None = None
        self.figures: dict[str, Any] = {}
        self.task: Task | None = None
        self.annotators = QListWidget(self)
        self.annotators.setObjectName("agreementAnnotators")
        self.annotators.setMaximumHeight(90)
        for a in store.annotators(include_gold=True):
            item = QListWidgetItem(a.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # annotators are compared by default; reviewers and the gold layer (annotators against
            # gold: how close each came to the adjudicated version) when checked
            item.setCheckState(Qt.CheckState.Checked if a.role == "annotator" else Qt.CheckState.Unchecked)
            if a.role != "annotator":
                item.setToolTip(self.tr("The gold layer") if a.role == "gold" else self.tr("A reviewer"))
            self.annotators.addItem(item)
        self.run_button = QPushButton(self.tr("Compute (F5)"), self)
        self.run_button.setToolTip(self.tr("Compute the agreement between the checked annotators"))
        self.run_button.setObjectName("agreementCompute")
        self.run_button.clicked.connect(self.compute)
        QShortcut(QKeySequence("F5"), self, self.compute, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.status = QLabel(self)
        self.status.setObjectName("agreementStatus")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Annotators:"), self))
        top.addWidget(self.annotators, 1)
        side = QVBoxLayout()
        side.addWidget(self.run_button)
        side.addWidget(self.busy)
        side.addStretch(1)
        top.addLayout(side)

        self.overall = _table("agreementOverall", [self.tr("Figure"), self.tr("Value"), self.tr("Detail")])
        self.labels = _table("agreementLabels", [self.tr("Label"), self.tr("F1 exact"), self.tr("F1 overlap"),
                                                 self.tr("Kappa"), self.tr("Alpha"), self.tr("Spans (A / B)")])
        self.pairs = _table("agreementPairs", [self.tr("Pair"), self.tr("Articles"), self.tr("F1 exact"),
                                               self.tr("F1 overlap"), self.tr("Kappa"), self.tr("Alpha"),
                                               self.tr("Quote F1"), self.tr("Same speaker"), self.tr("Same kind"),
                                               self.tr("Stance F1"), self.tr("Same polarity")])
        self.articles = _table("agreementArticles", [self.tr("Disagreement"), self.tr("Differing items"),
                                                     self.tr("Items"), self.tr("Annotators"), self.tr("Title")])
        # activated: a double-click, or Enter on the current row
        self.articles.itemActivated.connect(lambda item: self._open_row(item.row(), 0))
        self.chart_metric = QComboBox(self)
        self.chart_metric.setObjectName("agreementChartMetric")
        self.chart_metric.addItems(self.metric_titles())
        self.chart_metric.currentIndexChanged.connect(lambda _i: self._draw_chart())
        self.chart = BarChart(self)
        chart_box = QWidget(self)
        cl = QVBoxLayout(chart_box)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.chart_metric)
        cl.addWidget(self.chart, 1)
        per_label = QSplitter(Qt.Orientation.Vertical, self)
        per_label.addWidget(self.labels)
        per_label.addWidget(chart_box)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("agreementTabs")
        self.tabs.addTab(self.overall, self.tr("Overall"))
        self.tabs.addTab(per_label, self.tr("Per label"))
        self.tabs.addTab(self.pairs, self.tr("Pairs"))
        self.tabs.addTab(self.articles, self.tr("Articles (most disagreement first)"))
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.status)
        lay.addWidget(self.tabs, 1)
        self.resize(900, 640)

    # --- running ------------------------------------------------------------------------------------

    def metric_titles(self) -> list[str]:
        return [self.tr("Entity F1 (exact)"), self.tr("Entity F1 (overlap)"), self.tr("Cohen's kappa (tokens)"),
                self.tr("Krippendorff's alpha (tokens)")]

    def chosen(self) -> list[str]:
        return [self.annotators.item(i).text() for i in range(self.annotators.count())
                if self.annotators.item(i).checkState() == Qt.CheckState.Checked]

    def compute(self) -> None:
        """Compute in a worker thread; ``computed`` is emitted with the report when it is shown."""
        if self.task is not None:
            return
        names = self.chosen()
        if len(names) < 2:
            self.status.setText(self.tr("Choose at least two annotators."))
            return
        store = self.store

        def work(progress: Any, _cancelled: Any) -> AgreementReport:
            progress(0, 0)
            return compute_agreement(store, names)

        self.task = Task(work, self)
        self.task.succeeded.connect(self.show_report)
        self.task.failed.connect(lambda msg: self.status.setText(self.tr("Agreement failed: %1").replace("%1", msg)))
        self.task.finished.connect(self._finished)
        self.run_button.setEnabled(False)
        self.busy.show()
        self.status.setText(self.tr("Computing agreement…"))
        self.task.start()

    def _finished(self) -> None:
        self.busy.hide()
        self.run_button.setEnabled(True)
        if self.task is not None:
            self.task.deleteLater()
        self.task = None

    def closeEvent(self, event: Any) -> None:
        if self.task is not None:
            # the computation cannot be interrupted (it only reads): rather than wait for it, let it
            # finish on its own, unparented so that deleting this window does not destroy a running thread
            task, self.task = self.task, None
            for signal in (task.succeeded, task.failed, task.finished):
                signal.disconnect()
            task.setParent(None)
            _RUNNING.add(task)
            def release(task: Task = task) -> None:
                _RUNNING.discard(task)
                task.deleteLater()

            task.finished.connect(release)
        super().closeEvent(event)

    # --- showing ------------------------------------------------------------------------------------

    def show_report(self, report: AgreementReport) -> None:
        self.report = report
        d = self.figures = report.to_dict()
        o = d["overall"]
        q, s = o["quote"], o["stance"]

        def prf(x: dict[str, Any]) -> str:
            return (self.tr("precision %1 · recall %2 · %3 matched of %4 / %5").replace("%1", fmt(x["precision"]))
                    .replace("%2", fmt(x["recall"])).replace("%3", str(x["matched"])).replace("%4", str(x["a"]))
                    .replace("%5", str(x["b"])))

        def ratio(x: dict[str, Any]) -> str:
            return self.tr("%1 of %2").replace("%1", str(x["agree"])).replace("%2", str(x["of"]))

        _fill(self.overall, [
            [self.tr("Entity F1, exact"), o["entity_exact"]["f1"], prf(o["entity_exact"])],
            [self.tr("Entity F1, overlap"), o["entity_overlap"]["f1"], prf(o["entity_overlap"])],
            [self.tr("Cohen's kappa, token labels"), o["token_kappa"], self.tr("mean over pairs")],
            [self.tr("Krippendorff's alpha, token labels"), o["token_alpha"], self.tr("nominal, all annotators")],
            [self.tr("Quotes: content overlap F1"), q["content_overlap"]["f1"], prf(q["content_overlap"])],
            [self.tr("Quotes: same speaker"), q["same_speaker"]["agreement"], ratio(q["same_speaker"])],
            [self.tr("Quotes: same kind"), q["same_kind"]["agreement"], ratio(q["same_kind"])],
            [self.tr("Stances: same holder and target F1"), s["holder_target"]["f1"], prf(s["holder_target"])],
            [self.tr("Stances: same polarity"), s["same_polarity"]["agreement"], ratio(s["same_polarity"])],
            [self.tr("Articles compared"), d["articles_compared"], ", ".join(d["annotators"])],
        ])
        _fill(self.labels, [[lab, f["entity_exact"]["f1"], f["entity_overlap"]["f1"], f["token_kappa"],
                             f["token_alpha"], f"{f['entity_exact']['a']} / {f['entity_exact']['b']}"]
                            for lab, f in d["labels"].items()])
        _fill(self.pairs, [[f"{p['a']} – {p['b']}", p["articles"], p["entity_exact"]["f1"],
                            p["entity_overlap"]["f1"], p["token_kappa"], p["token_alpha"],
                            p["quote"]["content_overlap"]["f1"], p["quote"]["same_speaker"]["agreement"],
                            p["quote"]["same_kind"]["agreement"], p["stance"]["holder_target"]["f1"],
                            p["stance"]["same_polarity"]["agreement"]] for p in d["pairs"]])
        top = d["articles"][:ARTICLE_ROWS]
        _fill(self.articles, [[a["score"], a["disagreements"], a["items"], ", ".join(a["annotators"]),
                               a["title"] or a["uid"]] for a in top], [a["doc_id"] for a in top])
        self._draw_chart()
        shown = len(top)
        more = d["articles_compared"] - shown
        self.status.setText(self.tr("Articles compared: %1, between %2.").replace("%1", str(d["articles_compared"]))
                            .replace("%2", ", ".join(d["annotators"]))
                            + (self.tr(" The %1 most disagreeing are listed.").replace("%1", str(shown)) if more else ""))
        self.computed.emit(report)

    def chart_values(self) -> list[tuple[str, float | None]]:
        """(label, value) per label for the chosen metric: what the bars show (None: undefined, no bar)."""
        key, sub = METRICS[max(0, self.chart_metric.currentIndex())]
        return [(lab, metric(f, key, sub)) for lab, f in self.figures.get("labels", {}).items()]

    def _draw_chart(self) -> None:
        schema = self.store.schema
        bars = [Bar(lab, v, e.color if (e := schema.entity(lab)) is not None else "#808080")
                for lab, v in self.chart_values()]
        self.chart.set_bars(self.chart_metric.currentText(), bars)

    def _open_row(self, row: int, _col: int) -> None:
        item = self.articles.item(row, 0)
        if item is not None:
            self.openArticle.emit(int(item.data(Qt.ItemDataRole.UserRole)))
