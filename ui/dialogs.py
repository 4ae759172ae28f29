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
from ui.panels import BidiDelegate

NEAREST_MENTIONS = 40
PROJECT_ENTITIES = 500  # canonical entities offered as a stance target beyond the article's own
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
        self.setWindowTitle(self.tr("Link mention to entity"))
        self.store = store
        self.label = label
        self.linked = linked
        self.choice: tuple[str, int | str] | None = None  # ("link", id) | ("create", name) | ("unlink", 0)
        self.query = QLineEdit(mention_text)
        self.query.setPlaceholderText(self.tr("Search the project's entities…"))
        self.results = QListWidget()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("«%1» (%2)").replace("%1", mention_text).replace("%2", label)))
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
        found.sort(key=lambda e: e.type != self.label)  # the mention's own type first, then by name
        for ent in found:
            item = QListWidgetItem(
                f"{ent.name}  ({ent.type})" + (f"  · {', '.join(ent.aliases)}" if ent.aliases else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, ("link", ent.id))
            self.results.addItem(item)
        if query.strip() and not any(e.name == query.strip() and e.type == self.label for e in found):
            item = QListWidgetItem(
                self.tr("➕ Create new: «%1» (%2)").replace("%1", query.strip()).replace("%2", self.label)
            )
            item.setData(Qt.ItemDataRole.UserRole, ("create", query.strip()))
            self.results.addItem(item)
        if self.linked:
            item = QListWidgetItem(self.tr("✕ Remove the link to «%1»").replace("%1", self.linked))
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
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"))
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


def _excerpt(text: str, limit: int) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class QuoteEditor(_Editor):
    """Speaker (clicked mention or description), cue (nearest suggested, or selected text: C),
    kind, and the content itself (select other text and press E to move its boundaries)."""

    def __init__(
        self,
        state: ArticleState,
        form: QuoteForm,
        cues: list[tuple[int, int]],
        parent: QWidget | None = None,
        *,
        editing: bool = False,
    ) -> None:
        super().__init__(self.tr("Edit quote") if editing else self.tr("New quote"), state, parent)
        self.value = form
        a, b = form.content
        self.content = QLabel()
        self.content.setObjectName("quoteContent")
        self.content.setWordWrap(True)
        self.speaker = self._mention_box(a, form.speaker_span_id, form.speaker_text)
        self.cue = QComboBox()
        self._fill_cues(cues, form.cue, editing)
        self.kind = QComboBox()
        kinds = list(state.store.schema.quote_kinds)
        for k in kinds:
            self.kind.addItem(k, k)
        if not editing:
            stripped = state.text[max(0, a - 1) : b + 1]
            form.kind = (
                "direct" if any(ch in _QUOTE_MARKS for ch in stripped[:2] + stripped[-2:]) else "indirect"
            )
            if form.kind not in kinds and kinds:
                form.kind = kinds[0]
        elif form.kind not in kinds:  # a kind the schema no longer has: shown, kept unless changed
            self.kind.addItem(self.tr("%1 (not in the schema)").replace("%1", form.kind), form.kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(form.kind)))
        self.form.addRow(self.tr("Content"), self.content)
        self.form.addRow(self.tr("Speaker"), self.speaker)
        self.form.addRow(self.tr("Cue"), self.cue)
        self.form.addRow(self.tr("Kind"), self.kind)
        self.hint.setText(
            self.tr(
                "Click the speaker's mention in the text, or type a description. To move the "
                "content's boundaries select other text and press E; to make the selected text the "
                "cue press C. Enter saves, Esc cancels."
            )
        )
        self._show_content()

    def _fill_cues(self, cues: list[tuple[int, int]], current: tuple[int, int] | None, editing: bool) -> None:
        self.cue.clear()
        self.cue.addItem(self.tr("— no cue —"), None)
        options = list(cues)
        if current is not None and current not in options:
            options.insert(0, current)
        for c in options:
            self.cue.addItem(self.state.text[c[0] : c[1]], c)
        self.cue.setCurrentIndex(
            options.index(current) + 1 if current in options else (1 if options and not editing else 0)
        )

    def _show_content(self) -> None:
        a, b = self.value.content
        self.content.setText("«" + _excerpt(self.state.text[a:b], 120) + "»")

    def set_content(self, rng: tuple[int, int], cues: list[tuple[int, int]]) -> None:
        """New content boundaries (the selected text); the cue list follows the new place."""
        self.value.content = rng
        current = self.cue.currentData()
        self._fill_cues(cues, current, True)
        self._show_content()

    def set_cue(self, rng: tuple[int, int]) -> None:
        i = self.cue.findData(rng)
        if i < 0:
            self.cue.addItem(self.state.text[rng[0] : rng[1]], rng)
            i = self.cue.count() - 1
        self.cue.setCurrentIndex(i)

    def pick_mention(self, span_id: int) -> None:
        self._choose_mention(self.speaker, span_id)

    def save(self) -> None:
        span_id, text = self._mention_value(self.speaker)
        self.value.speaker_span_id, self.value.speaker_text = span_id, text
        self.value.cue = self.cue.currentData()
        self.value.kind = self.kind.currentData()
        self.saved.emit(self.value)


class _EvidenceList(QListWidget):
    """The evidence ranges of a stance form: Delete removes the current one."""

    removeRequested = Signal(int)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentRow() >= 0:
            self.removeRequested.emit(self.currentRow())
            return
        super().keyPressEvent(e)


class StanceEditor(_Editor):
    """Holder (mention or description), target (topic, entity or description), polarity, and the
    evidence ranges: E adds the selected text, Delete in the list removes one."""

    jumpTo = Signal(int, int)  # an evidence row was activated: show it in the article

    def __init__(
        self, state: ArticleState, form: StanceForm, parent: QWidget | None = None, *, editing: bool = False
    ) -> None:
        super().__init__(self.tr("Edit stance") if editing else self.tr("New stance"), state, parent)
        self.value = form
        self.editing = editing
        schema = state.store.schema
        near = form.evidence[0][0] if form.evidence else 0
        self.holder = self._mention_box(near, form.holder_span_id, form.holder_text)
        self.target = QComboBox()
        self.target.setEditable(True)
        self.target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for t in schema.topics:
            self.target.addItem(self.tr("%1 (topic)").replace("%1", t.name_ar or t.name), f"topic:{t.id}")
        seen: set[int] = set()
        entities = [state.entity(state.spans[sid].entity_id) for sid in state.mention_ids()]
        if form.target_entity_id is not None:
            entities.append(state.entity(form.target_entity_id))
        # then the rest of the project's entities: typing completes over all of them
        entities += state.store.entities(limit=PROJECT_ENTITIES)
        for ent in entities:
            if ent is not None and ent.id not in seen:
                seen.add(ent.id)
                self.target.addItem(f"{ent.name} ({ent.type})", f"entity:{ent.id}")
        if form.target_topic and schema.topic(form.target_topic) is None:
            self.target.addItem(
                self.tr("%1 (topic not in the schema)").replace("%1", form.target_topic), f"topic:{form.target_topic}"
            )
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
        if editing and form.polarity and form.polarity not in schema.polarities:
            self.polarity.addItem(self.tr("%1 (not in the schema)").replace("%1", form.polarity), form.polarity)
        self.polarity.setCurrentIndex(max(0, self.polarity.findData(form.polarity)))
        self.evidence = _EvidenceList()
        self.evidence.setObjectName("stanceEvidence")
        self.evidence.setMaximumHeight(96)
        self.evidence.setItemDelegate(BidiDelegate(self.evidence))
        self.evidence.setWordWrap(True)  # whole evidence sentences, never a sideways scroll
        self.evidence.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.evidence.removeRequested.connect(self.remove_range)
        self.evidence.itemActivated.connect(self._jump)
        self.add_evidence = QPushButton(self.tr("Add selected text as evidence (E)"))
        self.form.addRow(self.tr("Holder"), self.holder)
        self.form.addRow(self.tr("Target"), self.target)
        self.form.addRow(self.tr("Polarity"), self.polarity)
        self.form.addRow(self.tr("Evidence"), self.evidence)
        self.form.addRow("", self.add_evidence)
        self.hint.setText(
            self.tr(
                "Click the holder's mention in the text, or type a description. Select more text and "
                "press E to add evidence; Delete in the evidence list removes one. Enter saves, Esc cancels."
            )
        )
        self._show_evidence()

    def _show_evidence(self) -> None:
        self.evidence.clear()
        for a, b in self.value.evidence:
            item = QListWidgetItem("«" + _excerpt(self.state.text[a:b], 70) + "»")
            item.setData(Qt.ItemDataRole.UserRole, (a, b))
            self.evidence.addItem(item)
        if not self.value.evidence:
            self.evidence.addItem(self.tr("— no evidence —"))
            self.evidence.item(0).setFlags(Qt.ItemFlag.NoItemFlags)

    def _jump(self, item: QListWidgetItem) -> None:
        rng = item.data(Qt.ItemDataRole.UserRole)
        if rng:
            self.jumpTo.emit(*rng)

    def add_range(self, rng: tuple[int, int]) -> None:
        if rng not in self.value.evidence:
            self.value.evidence.append(rng)
            self.value.evidence.sort()
            self._show_evidence()
            self.evidence.setCurrentRow(self.value.evidence.index(rng))

    def remove_range(self, row: int) -> None:
        if 0 <= row < len(self.value.evidence):
            del self.value.evidence[row]
            self._show_evidence()
            if self.value.evidence:
                self.evidence.setCurrentRow(min(row, len(self.value.evidence) - 1))

    def pick_mention(self, span_id: int) -> None:
        self._choose_mention(self.holder, span_id)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if self.evidence.hasFocus() and e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # Enter on an evidence row showed it (itemActivated); elsewhere Enter saves
        super().keyPressEvent(e)

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
