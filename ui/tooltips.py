"""Hover text for the article view: what is annotated under the mouse, innermost first."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from ui.docstate import ArticleState
from ui.schema_names import schema_name


def tooltip_text(state: ArticleState, cp: int) -> str:
    """Label, annotator, linked entity and origin of each span covering ``cp`` (rich text)."""
    lines: list[str] = []
    who = state.store.annotator_name(state.annotator_id)
    for s in state.spans_at(cp):
        status = (
            " · <i>" + QCoreApplication.translate("Tooltips", "suggested") + "</i>"
            if s.status == "suggested"
            else ""
        )
        meta = (
            QCoreApplication.translate("Tooltips", "annotator: %1 · origin: %2")
            .replace("%1", escape(who))
            .replace("%2", escape(s.origin))
            + status
        )
        if s.layer == "entity":
            et = state.store.schema.entity(s.label)
            name = (
                f" ({escape(schema_name(et))})"
                if et
                else " <i>(" + QCoreApplication.translate("Tooltips", "label not in the schema") + ")</i>"
            )
            ent = state.entity(s.entity_id)
            link = (
                "<br>"
                + QCoreApplication.translate("Tooltips", "entity: %1 [%2]")
                .replace("%1", escape(ent.name))
                .replace("%2", escape(ent.type))
                if ent
                else "<br>" + QCoreApplication.translate("Tooltips", "entity: not linked")
            )
            for qid in state.speaker_of.get(s.id, ()):
                said = escape(state.span_text(state.quotes[qid].content_span_id, 40))
                link += "<br>" + QCoreApplication.translate("Tooltips", "speaker of «%1»").replace("%1", said)
            lines.append(
                f"<b>{escape(s.label)}</b>{name}: {escape(state.span_text(s.id, 60))}{link}<br>{meta}"
            )
        elif s.id in state.quote_by_span:
            q = state.quotes[state.quote_by_span[s.id]]
            part = (
                QCoreApplication.translate("Tooltips", "cue")
                if s.layer == "cue"
                else QCoreApplication.translate("Tooltips", "quote (%1)").replace("%1", escape(q.kind))
            )
            cue = escape(state.span_text(q.cue_span_id, 20)) or "—"
            lines.append(f"<b>{part}</b>: {escape(state.speaker_label(q))} → {cue}<br>{meta}")
        elif s.id in state.stance_by_span:
            st = state.stances[state.stance_by_span[s.id]]
            part = QCoreApplication.translate("Tooltips", "stance evidence")
            lines.append(
                f"<b>{part}</b>: {escape(state.holder_label(st))} → {escape(st.polarity)} → "
                f"{escape(state.target_label(st))}<br>{meta}"
            )
    return "<hr>".join(lines)
