"""The Workbench's forms: linking a mention, quotes, stances and article-level stances.

A mixin of :class:`ui.workbench.Workbench` (split out to keep modules small): it collects values
in the editors of :mod:`ui.dialogs` and pushes the matching core commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.commands import (
    AddQuote,
    AddStance,
    Batch,
    Changes,
    Command,
    CreateEntity,
    DeleteStance,
    EditQuote,
    EditStance,
    LinkEntity,
    SetQuoteCue,
)
from annotator.store import Tx
from ui.cues import cue_candidates
from ui.dialogs import LinkDialog, QuoteEditor, QuoteForm, StanceEditor, StanceForm

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QVBoxLayout

    from annotator.store import Store
    from ui.article_view import ArticleView
    from ui.docstate import ArticleState
    from ui.snapping import Snapper


class FormsMixin:
    """Link (L), quote (Q), stance (S, E) and article-stance editing for the Workbench."""

    # provided by the Workbench
    store: Store
    state: ArticleState | None
    annotator_id: int
    selected: tuple[str, int] | None
    editor: QuoteEditor | StanceEditor | None
    link_dialog: LinkDialog | None
    snapper: Snapper | None
    view: ArticleView
    side_layout: QVBoxLayout
    statusMessage: SignalInstance
    push: Callable[[Command], Changes | None]
    select: Callable[..., None]

    def link_selected(self) -> None:
        st = self.state
        if st is None or not self.selected or self.selected[0] != "span":
            self.statusMessage.emit("Select a mention to link (click it or press Tab)")
            return
        span = st.spans[self.selected[1]]
        linked = st.entity(span.entity_id)
        dlg = LinkDialog(
            self.store, st.span_text(span.id), span.label, linked.name if linked else None, self.view
        )
        dlg.finished.connect(lambda result, s=span.id, d=dlg: self._link_done(s, d, result))
        self.link_dialog = dlg
        dlg.open()

    def _link_done(self, span_id: int, dlg: LinkDialog, result: int) -> None:
        self.link_dialog = None
        dlg.deleteLater()
        if not result or dlg.choice is None or self.state is None or span_id not in self.state.spans:
            return
        what, value = dlg.choice
        if what == "link":
            self.push(LinkEntity(span_id, entity_id=int(value)))
        elif what == "unlink":
            self.push(LinkEntity(span_id, entity_id=None))
        else:
            create = CreateEntity(str(value), self.state.spans[span_id].label)
            self.push(Batch([create, _LinkCreated(create, span_id)], label=f"Create and link {value}"))

    # --- quotes and stances ------------------------------------------------------------------------

    def _open_editor(self, editor: QuoteEditor | StanceEditor) -> None:
        self._close_editor()
        self.editor = editor
        self.side_layout.insertWidget(0, editor)
        editor.cancelled.connect(self._close_editor)
        editor.show()
        editor.setFocus()

    def _close_editor(self) -> None:
        if self.editor is not None:
            self.editor.hide()
            self.editor.deleteLater()
            self.editor = None
            self.view.setFocus()

    def start_quote(self) -> None:
        st = self.state
        rng = self.view.selection() if st else None
        rng = (
            self.snapper.snap(*rng, clitics=False) if rng and self.snapper else None
        )  # a quote keeps its first word whole
        if st is None or rng is None:
            self.statusMessage.emit("Select the quoted text first, then press Q")
            return
        rng = _trim(st.text, *rng)
        form = QuoteForm(content=rng)
        editor = QuoteEditor(st, form, cue_candidates(st.text, *rng, self.store.schema))
        editor.saved.connect(self._save_new_quote)
        self.view.clear_selection()
        self._open_editor(editor)

    def _save_new_quote(self, f: QuoteForm) -> None:
        assert self.state is not None
        cmd = AddQuote(
            self.state.doc.id,
            self.annotator_id,
            f.content,
            f.cue,
            speaker_span_id=f.speaker_span_id,
            speaker_text=f.speaker_text,
            kind=f.kind,
        )
        if self.push(cmd) is not None:
            self._close_editor()
            self.select("quote", cmd.quote_id, scroll=False)

    def start_stance(self) -> None:
        st = self.state
        rng = self.view.selection() if st else None
        if st is None or rng is None:
            self.statusMessage.emit("Select the evidence text first, then press S")
            return
        editor = StanceEditor(st, StanceForm(evidence=[_trim(st.text, *rng)]))
        editor.saved.connect(self._save_new_stance)
        self.view.clear_selection()
        self._open_editor(editor)

    def add_evidence(self) -> None:
        rng = self.view.selection()
        if isinstance(self.editor, StanceEditor) and rng is not None and self.state is not None:
            self.editor.add_range(_trim(self.state.text, *rng))
            self.view.clear_selection()

    def _save_new_stance(self, f: StanceForm) -> None:
        assert self.state is not None
        cmd = AddStance(
            self.state.doc.id,
            self.annotator_id,
            f.polarity,
            holder_span_id=f.holder_span_id,
            holder_text=f.holder_text,
            target_entity_id=f.target_entity_id,
            target_topic=f.target_topic,
            target_text=f.target_text,
            evidence=list(f.evidence),
        )
        if self.push(cmd) is not None:
            self._close_editor()
            self.select("stance", cmd.stance_id, scroll=False)

    def set_article_stance(self, topic_id: str, polarity: str) -> None:
        st = self.state
        if st is None:
            return
        current = st.article_stance(topic_id)
        if current is None and polarity:
            self.push(
                AddStance(st.doc.id, self.annotator_id, polarity, scope="article", target_topic=topic_id)
            )
        elif current is not None and not polarity:
            self.push(DeleteStance(current.id))
        elif current is not None and polarity != current.polarity:
            self.push(EditStance(current.id, {"polarity": polarity}))

    def _edit_item(self, kind: str, item_id: int) -> None:
        st = self.state
        assert st is not None
        self.select(kind, item_id)
        if kind == "span":
            self.link_selected()
        elif kind == "quote":
            q = st.quotes[item_id]
            c, cue = st.spans[q.content_span_id], st.spans.get(q.cue_span_id) if q.cue_span_id else None
            form = QuoteForm(
                (c.start, c.end),
                q.speaker_span_id,
                q.speaker_text,
                (cue.start, cue.end) if cue else None,
                q.kind,
            )
            editor = QuoteEditor(
                st, form, cue_candidates(st.text, c.start, c.end, self.store.schema), editing=True
            )
            editor.saved.connect(lambda f, qid=item_id, old=form.cue: self._save_quote_edit(qid, f, old))
            self._open_editor(editor)
        elif kind == "stance":
            s = st.stances[item_id]
            ev = [(st.spans[i].start, st.spans[i].end) for i in s.evidence_span_ids if i in st.spans]
            sform = StanceForm(
                ev,
                s.holder_span_id,
                s.holder_text,
                s.target_topic,
                s.target_entity_id,
                s.target_text,
                s.polarity,
            )
            seditor = StanceEditor(st, sform, editing=True)
            seditor.saved.connect(lambda f, sid=item_id: self._save_stance_edit(sid, f))
            self._open_editor(seditor)

    def _save_quote_edit(self, quote_id: int, f: QuoteForm, old_cue: tuple[int, int] | None) -> None:
        cmds: list[Command] = [
            EditQuote(
                quote_id,
                {"speaker_span_id": f.speaker_span_id, "speaker_text": f.speaker_text, "kind": f.kind},
            )
        ]
        if f.cue != old_cue:
            cmds.append(SetQuoteCue(quote_id, f.cue))
        if self.push(Batch(cmds, label="Edit quote")) is not None:
            self._close_editor()

    def _save_stance_edit(self, stance_id: int, f: StanceForm) -> None:
        values = {
            "holder_span_id": f.holder_span_id,
            "holder_text": f.holder_text,
            "polarity": f.polarity,
            "target_topic": f.target_topic,
            "target_entity_id": f.target_entity_id,
            "target_text": f.target_text,
        }
        if self.push(EditStance(stance_id, values)) is not None:
            self._close_editor()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces from a range (quote and evidence ranges keep their punctuation)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class _LinkCreated(LinkEntity):
    """LinkEntity to the entity a CreateEntity in the same Batch has just made."""

    def __init__(self, create: CreateEntity, span_id: int) -> None:
        super().__init__(span_id)
        self._create = create

    def do(self, tx: Tx) -> Changes:
        self.entity_id = self._create.entity_id
        return super().do(tx)
