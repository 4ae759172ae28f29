"""The reviewer's correction form: what goes into gold instead of an annotator's version.

Spans: boundaries and label; quotes: content boundaries and kind; stances: polarity. The form
starts from the chosen annotator's version (``gold_spec``) or, for boundaries, from the text the
reviewer selected before pressing C; :meth:`CorrectDialog.values` returns only what differs, which
is exactly what :class:`annotator.review.adjudicate.CorrectItem` takes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.schema import Schema
from ui.review_model import kind_text, short


class CorrectDialog(QDialog):
    """Edit one review item's label/boundaries/kind/polarity; Enter saves, Esc cancels."""

    def __init__(self, kind: str, spec: dict[str, Any], text: str, schema: Schema,
                 selection: tuple[int, int] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctDialog")
        self.setWindowTitle(self.tr("Correct %1").replace("%1", kind_text(kind)))
        self.kind, self.spec, self.text = kind, spec, text
        self.start = self.end = None
        self.label: QComboBox | None = None
        self.kind_box: QComboBox | None = None
        self.polarity: QComboBox | None = None
        form = QFormLayout()
        bounds = {"span": (spec.get("start"), spec.get("end")),
                  "quote": tuple(spec.get("content") or (None, None))}.get(kind)
        if bounds is not None:
            a, b = selection or bounds
            self.start, self.end = QSpinBox(self), QSpinBox(self)
            for box, v in ((self.start, a), (self.end, b)):
                box.setRange(0, len(text))
                box.setValue(int(v))
            self.start.setObjectName("correctStart")
            self.end.setObjectName("correctEnd")
            form.addRow(self.tr("Start"), self.start)
            form.addRow(self.tr("End"), self.end)
            self.preview = QLabel(self)
            self.preview.setObjectName("correctPreview")
            self.preview.setWordWrap(True)
            form.addRow(self.tr("Text"), self.preview)
        if kind == "span":
            self.label = self._combo("correctLabel", schema.labels, spec["label"])
            form.addRow(self.tr("Label"), self.label)
        elif kind == "quote":
            self.kind_box = self._combo("correctKind", schema.quote_kinds, spec["kind"])
            form.addRow(self.tr("Kind"), self.kind_box)
        else:
            self.polarity = self._combo("correctPolarity", schema.polarities, spec["polarity"])
            form.addRow(self.tr("Polarity"), self.polarity)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        if self.start is not None and self.end is not None:
            self.start.valueChanged.connect(self._preview)
            self.end.valueChanged.connect(self._preview)
            self._preview()
        first = self.label or self.kind_box or self.polarity
        assert first is not None
        first.setFocus()

    def _combo(self, name: str, options: tuple[str, ...], current: str) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.addItems(list(options))
        box.setCurrentText(current)
        return box

    def _preview(self) -> None:
        assert self.start is not None and self.end is not None
        a, b = self.start.value(), self.end.value()
        ok = a < b
        self.preview.setText(f"«{short(self.text[a:b], 80)}»" if ok else self.tr("(empty: start must be before end)"))
        ok_button = self.findChild(QDialogButtonBox)
        if ok_button is not None:
            ok_button.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self) -> dict[str, Any]:
        """The fields that differ from the starting version (CorrectItem's ``values``)."""
        out: dict[str, Any] = {}
        if self.start is not None and self.end is not None:
            a, b = self.start.value(), self.end.value()
            if self.kind == "span":
                if a != self.spec["start"]:
                    out["start"] = a
                if b != self.spec["end"]:
                    out["end"] = b
            elif (a, b) != tuple(self.spec["content"]):
                out["content"] = (a, b)
        for box, key in ((self.label, "label"), (self.kind_box, "kind"), (self.polarity, "polarity")):
            if box is not None and box.currentText() != self.spec[key]:
                out[key] = box.currentText()
        return out
