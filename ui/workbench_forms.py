"""The Workbench's forms: linking a mention, quotes, stances and article-level stances.

A mixin of :class:`ui.workbench.Workbench` (split out to keep modules small): it collects values
in the editors of :mod:`ui.dialogs` and pushes the matching core commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from annotator.commands import (
    AddQuote,
    AddStance,
    AddStanceEvidence,
    Batch,
    Changes,
    Command,
    CreateEntity,
    DeleteStance,
    EditQuote,
    EditStance,
    LinkEntity,
    RemoveStanceEvidence,
    SetQuoteContent,
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
            self.statusMessage.emit(QCoreApplication.translate("FormsMixin", "Select a mention to link (click it or press Tab)"))
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
            # core command names stay English (audit log); ui.command_text translates them for menus
            self.push(Batch([create, _LinkCreated(create, span_id)], label=f"Create and link {value}"))

    # --- quotes and stances ------------------------------------------------------------------------

    def _open_editor(self, editor: QuoteEditor | StanceEditor) -> None:
        self._close_editor()
        self.editor = editor
        self.side_layout.insertWidget(0, editor)
        editor.cancelled.connect(self._close_editor)
        if isinstance(editor, StanceEditor):
            editor.add_evidence.clicked.connect(self.add_evidence)
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
            self.statusMessage.emit(QCoreApplication.translate("FormsMixin", "Select the quoted text first, then press Q"))
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
            self.statusMessage.emit(QCoreApplication.translate("FormsMixin", "Select the evidence text first, then press S"))
            return
        ev = _trim(st.text, *rng)
        if ev[0] >= ev[1]:
            self.statusMessage.emit(QCoreApplication.translate("FormsMixin", "Select the evidence text first, then press S"))
            return
        editor = StanceEditor(st, StanceForm(evidence=[ev]))
        editor.saved.connect(self._save_new_stance)
        self.view.clear_selection()
        self._open_editor(editor)

    def add_evidence(self) -> None:
        """E: the selected text goes into the open form, as a stance's evidence or a quote's content."""
        st = self.state
        rng = self.view.selection() if st is not None else None
        if st is None or rng is None or self.editor is None:
            self.statusMessage.emit(
                QCoreApplication.translate("FormsMixin", "Open a stance (S) or quote (Q) form, select text, then press E")
            )
            return
        if isinstance(self.editor, StanceEditor):
            ev = _trim(st.text, *rng)
            if ev[0] >= ev[1]:
                self.statusMessage.emit(QCoreApplication.translate("FormsMixin", "Nothing to use: the selection holds no word"))
                return
            self.editor.add_range(ev)
        else:
            snapped = self.snapper.snap(*rng, clitics=False) if self.snapper else rng
            if snapped is None:
                self.statusMessage.emit(QCoreApplication.translate("FormsMixin", "Nothing to use: the selection holds no word"))
                return
            a, b = _trim(st.text, *snapped)
            self.editor.set_content((a, b), cue_candidates(st.text, a, b, self.store.schema))
        self.view.clear_selection()

    def use_as_cue(self) -> None:
        """C: the selected text becomes the cue of the open quote form."""
        st = self.state
        rng = self.view.selection() if st is not None else None
        if st is None or rng is None or not isinstance(self.editor, QuoteEditor):
            self.statusMessage.emit(QCoreApplication.translate("FormsMixin", "Open a quote form (Q), select the cue word, then press C"))
            return
        snapped = self.snapper.snap(*rng) if self.snapper else rng  # the verb without و/ف
        if snapped is not None:
            self.editor.set_cue(snapped)
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
        """Enter or a double-click on a panel row: the link dialog or the quote/stance form."""
        st = self.state
        assert st is not None
        if kind == "span":
            self.select(kind, item_id)
            self.link_selected()
        elif kind == "quote":
            self.edit_quote(item_id)
        elif kind == "stance":
            self.edit_stance(item_id)

    def edit_quote(self, quote_id: int) -> None:
        st = self.state
        assert st is not None
        self.select("quote", quote_id)  # in view while it is edited
        q = st.quotes[quote_id]
        c, cue = st.spans[q.content_span_id], st.spans.get(q.cue_span_id) if q.cue_span_id else None
        form = QuoteForm((c.start, c.end), q.speaker_span_id, q.speaker_text,
                         (cue.start, cue.end) if cue else None, q.kind)
        old = QuoteForm(form.content, form.speaker_span_id, form.speaker_text, form.cue, form.kind)
        editor = QuoteEditor(st, form, cue_candidates(st.text, c.start, c.end, self.store.schema), editing=True)
        editor.saved.connect(lambda f, qid=quote_id, o=old: self._save_quote_edit(qid, f, o))
        self._open_editor(editor)

    def edit_stance(self, stance_id: int) -> None:
        st = self.state
        assert st is not None
        self.select("stance", stance_id)
        s = st.stances[stance_id]
        old_evidence = {(st.spans[i].start, st.spans[i].end): i for i in s.evidence_span_ids if i in st.spans}
        sform = StanceForm(sorted(old_evidence), s.holder_span_id, s.holder_text, s.target_topic,
                           s.target_entity_id, s.target_text, s.polarity)
        seditor = StanceEditor(st, sform, editing=True)
        seditor.saved.connect(lambda f, sid=stance_id, ev=old_evidence: self._save_stance_edit(sid, f, ev))
        seditor.jumpTo.connect(self.view.show_range)
        self._open_editor(seditor)

    def _push_edits(self, cmds: list[Command], label: str) -> None:
        """Nothing changed: just close; one change: its own command; several: one undo step."""
        if not cmds:
            self._close_editor()
            return
        if self.push(cmds[0] if len(cmds) == 1 else Batch(cmds, label=label)) is not None:
            self._close_editor()

    def _save_quote_edit(self, quote_id: int, f: QuoteForm, old: QuoteForm) -> None:
        cmds: list[Command] = []
        values = {"speaker_span_id": f.speaker_span_id, "speaker_text": f.speaker_text, "kind": f.kind}
        changed = {k: v for k, v in values.items() if getattr(old, k) != v}
        if changed:
            cmds.append(EditQuote(quote_id, changed))
        if f.cue != old.cue:
            cmds.append(SetQuoteCue(quote_id, f.cue))
        if f.content != old.content:
            cmds.append(SetQuoteContent(quote_id, *f.content))
        self._push_edits(cmds, "Edit quote")

    def _save_stance_edit(self, stance_id: int, f: StanceForm, old_evidence: dict[tuple[int, int], int]) -> None:
        st = self.state
        assert st is not None
        row = st.stances[stance_id]
        values = {
            "holder_span_id": f.holder_span_id,
            "holder_text": f.holder_text,
            "polarity": f.polarity,
            "target_topic": f.target_topic,
            "target_entity_id": f.target_entity_id,
            "target_text": f.target_text,
        }
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        cmds: list[Command] = [EditStance(stance_id, changed)] if changed else []
        cmds += [RemoveStanceEvidence(stance_id, sid) for rng, sid in old_evidence.items() if rng not in f.evidence]
        cmds += [AddStanceEvidence(stance_id, *rng) for rng in f.evidence if rng not in old_evidence]
        self._push_edits(cmds, "Edit stance")


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
