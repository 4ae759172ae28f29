"""Editors: link a mention to a canonical entity, and the quote and stance forms.

The link editor is a small dialog. The quote and stance editors are forms shown beside the text
rather than modal dialogs, because the annotator picks the speaker or holder by clicking a mention
in the article while the form is open, and adds evidence by selecting more text. They only
collect values; the Workbench turns them into commands.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.store import EntityRow, Store
from ui.docstate import ArticleState

NEAREST_MENTIONS = 40
_QUOTE_MARKS = "\"'«»“”„"


class LinkDialog(QDialog):
    """Pick a canonical entity for a mention (autocomplete on normalized names) or create one."""

    def __init__(
        self,
        store: Store,
        mention_text: str,
        label: str,
        linked: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link mention to entity")
        self.store = store
        self.label = label
        self.linked = linked
        self.choice: tuple[str, int | str] | None = None  # ("link", id) | ("create", name) | ("unlink", 0)
        self.query = QLineEdit(mention_text)
        self.query.setPlaceholderText("Search entities…")
        self.results = QListWidget()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(f"«{mention_text}» ({label})"))
        lay.addWidget(self.query)
        lay.addWidget(self.results)
        lay.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.query.textChanged.connect(self._search)
        self.query.returnPressed.connect(self.accept)
        self.results.itemDoubleClicked.connect(lambda _i: self.accept())
        self._search(mention_text)

    def _search(self, query: str) -> None:
        self.results.clear()
        found: list[EntityRow] = self.store.entities(query.strip(), limit=30)
        for ent in found:
            item = QListWidgetItem(
                f"{ent.name}  ({ent.type})" + (f"  · {', '.join(ent.aliases)}" if ent.aliases else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, ("link", ent.id))
            self.results.addItem(item)
        if query.strip() and not any(e.name == query.strip() and e.type == self.label for e in found):
            item = QListWidgetItem(f"➕ Create new: «{query.strip()}» ({self.label})")
            item.setData(Qt.ItemDataRole.UserRole, ("create", query.strip()))
            self.results.addItem(item)
        if self.linked:
            item = QListWidgetItem(f"✕ Remove the link to «{self.linked}»")
            item.setData(Qt.ItemDataRole.UserRole, ("unlink", 0))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.query.hasFocus():
            step = 1 if e.key() == Qt.Key.Key_Down else -1
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return
        super().keyPressEvent(e)

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.choice = item.data(Qt.ItemDataRole.UserRole)
        super().accept()


@dataclass
class QuoteForm:
    content: tuple[int, int]
    speaker_span_id: int | None = None
    speaker_text: str = ""
    cue: tuple[int, int] | None = None
    kind: str = "direct"


@dataclass
class StanceForm:
    evidence: list[tuple[int, int]] = field(default_factory=list)
    holder_span_id: int | None = None
    holder_text: str = ""
    target_topic: str | None = None
    target_entity_id: int | None = None
    target_text: str = ""
    polarity: str = ""


class _Editor(QWidget):
    """A form with Save (Enter) and Cancel (Escape)."""

    saved = Signal(object)
    cancelled = Signal()

    def __init__(self, title: str, state: ArticleState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.form = QFormLayout()
        self.title = QLabel(f"<b>{title}</b>")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.save_button = QPushButton("Save")
        self.save_button.setDefault(True)
        cancel = QPushButton("Cancel")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addLayout(self.form)
        lay.addWidget(self.hint)
        lay.addLayout(row)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.cancelled.emit)

    def _mention_box(self, near: int, current: int | None, free_text: str) -> QComboBox:
        """Editable list of the mentions nearest ``near``; typing gives a free-text description."""
        box = QComboBox()
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        spans = [self.state.spans[i] for i in self.state.mention_ids()]
        spans.sort(key=lambda s: abs(s.start - near))
        box.addItem("", None)
        for s in spans[:NEAREST_MENTIONS]:
            box.addItem(f"{self.state.span_text(s.id, 40)}  ({s.label})", s.id)
        self._choose_mention(box, current)
        if current is None and free_text:
            box.setEditText(free_text)
        return box

    def _choose_mention(self, box: QComboBox, span_id: int | None) -> None:
        if span_id is None:
            box.setCurrentIndex(0)
            return
        i = box.findData(span_id)
        if i < 0:
            box.addItem(f"{self.state.span_text(span_id, 40)}  ({self.state.spans[span_id].label})", span_id)
            i = box.count() - 1
        box.setCurrentIndex(i)

    @staticmethod
    def _mention_value(box: QComboBox) -> tuple[int | None, str]:
        i = box.currentIndex()
        if i > 0 and box.itemText(i) == box.currentText():
            return box.itemData(i), ""
        return None, box.currentText().strip()

    def pick_mention(self, span_id: int) -> None:
        """A mention was clicked in the article while this form is open."""

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
        elif e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
        else:
            super().keyPressEvent(e)

    def save(self) -> None:
        raise NotImplementedError


class QuoteEditor(_Editor):
    """Speaker (clicked mention or description), cue (nearest suggested), kind."""

    def __init__(
        self,
        state: ArticleState,
        form: QuoteForm,
        cues: list[tuple[int, int]],
        parent: QWidget | None = None,
        *,
        editing: bool = False,
    ) -> None:
        super().__init__("Edit quote" if editing else "New quote", state, parent)
        self.value = form
        a, b = form.content
        excerpt = state.text[a:b].replace("\n", " ")
        self.content = QLabel("«" + (excerpt if len(excerpt) < 120 else excerpt[:119] + "…") + "»")
        self.content.setWordWrap(True)
        self.speaker = self._mention_box(a, form.speaker_span_id, form.speaker_text)
        self.cue = QComboBox()
        self.cue.addItem("— no cue —", None)
        options = list(cues)
        if form.cue is not None and form.cue not in options:
            options.insert(0, form.cue)
        for c in options:
            self.cue.addItem(state.text[c[0] : c[1]], c)
        self.cue.setCurrentIndex(
            options.index(form.cue) + 1 if form.cue in options else (1 if options and not editing else 0)
        )
        self.kind = QComboBox()
        for k in state.store.schema.quote_kinds:
            self.kind.addItem(k, k)
        if not editing:
            stripped = state.text[max(0, a - 1) : b + 1]
            form.kind = (
                "direct" if any(ch in _QUOTE_MARKS for ch in stripped[:2] + stripped[-2:]) else "indirect"
            )
            if form.kind not in state.store.schema.quote_kinds:
                form.kind = state.store.schema.quote_kinds[0]
        self.kind.setCurrentIndex(max(0, self.kind.findData(form.kind)))
        self.form.addRow("Content", self.content)
        self.form.addRow("Speaker", self.speaker)
        self.form.addRow("Cue", self.cue)
        self.form.addRow("Kind", self.kind)
        self.hint.setText(
            "Click the speaker's mention in the text, or type a description. Enter saves, Esc cancels."
        )

    def pick_mention(self, span_id: int) -> None:
        self._choose_mention(self.speaker, span_id)

    def save(self) -> None:
        span_id, text = self._mention_value(self.speaker)
        self.value.speaker_span_id, self.value.speaker_text = span_id, text
        self.value.cue = self.cue.currentData()
        self.value.kind = self.kind.currentData()
        self.saved.emit(self.value)


class StanceEditor(_Editor):
    """Holder (mention or description), target (topic, entity or description), polarity, evidence."""

    def __init__(
        self, state: ArticleState, form: StanceForm, parent: QWidget | None = None, *, editing: bool = False
    ) -> None:
        super().__init__("Edit stance" if editing else "New stance", state, parent)
        self.value = form
        self.editing = editing
        schema = state.store.schema
        near = form.evidence[0][0] if form.evidence else 0
        self.holder = self._mention_box(near, form.holder_span_id, form.holder_text)
        self.target = QComboBox()
        self.target.setEditable(True)
        self.target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for t in schema.topics:
            self.target.addItem(f"{t.name_ar or t.name} (topic)", f"topic:{t.id}")
        seen: set[int] = set()
        for sid in state.mention_ids():
            ent = state.entity(state.spans[sid].entity_id)
            if ent is not None and ent.id not in seen:
                seen.add(ent.id)
                self.target.addItem(f"{ent.name} ({ent.type})", f"entity:{ent.id}")
        current = (
            f"topic:{form.target_topic}"
            if form.target_topic
            else (f"entity:{form.target_entity_id}" if form.target_entity_id else None)
        )
        i = self.target.findData(current) if current else -1
        if i >= 0:
            self.target.setCurrentIndex(i)
        elif form.target_text:
            self.target.setEditText(form.target_text)
        self.polarity = QComboBox()
        for p in schema.polarities:
            self.polarity.addItem(p, p)
        self.polarity.setCurrentIndex(max(0, self.polarity.findData(form.polarity)))
        self.evidence = QLabel()
        self.evidence.setWordWrap(True)
        self.add_evidence = QPushButton("Add selected text as evidence (E)")
        self.add_evidence.setEnabled(not editing)
        self.form.addRow("Holder", self.holder)
        self.form.addRow("Target", self.target)
        self.form.addRow("Polarity", self.polarity)
        self.form.addRow("Evidence", self.evidence)
        self.form.addRow("", self.add_evidence)
        self.hint.setText(
            "Click the holder's mention in the text, or type a description. Enter saves, Esc cancels."
        )
        self._show_evidence()

    def _show_evidence(self) -> None:
        parts = [self.state.text[a:b].replace("\n", " ") for a, b in self.value.evidence]
        self.evidence.setText(
            "\n".join("«" + (p if len(p) < 70 else p[:69] + "…") + "»" for p in parts) or "—"
        )

    def add_range(self, rng: tuple[int, int]) -> None:
        if rng not in self.value.evidence and not self.editing:
            self.value.evidence.append(rng)
            self.value.evidence.sort()
            self._show_evidence()

    def pick_mention(self, span_id: int) -> None:
        self._choose_mention(self.holder, span_id)

    def save(self) -> None:
        v = self.value
        v.holder_span_id, v.holder_text = self._mention_value(self.holder)
        i = self.target.currentIndex()
        data = (
            self.target.itemData(i) if i >= 0 and self.target.itemText(i) == self.target.currentText() else ""
        )
        kind, _, value = str(data or "").partition(":")
        v.target_topic = value if kind == "topic" else None
        v.target_entity_id = int(value) if kind == "entity" else None
        v.target_text = "" if kind else self.target.currentText().strip()
        v.polarity = self.polarity.currentData()
        self.saved.emit(v)
