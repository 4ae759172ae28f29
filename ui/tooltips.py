"""Hover text for the article view: what is annotated under the mouse, innermost first."""

from __future__ import annotations

from html import escape

from ui.docstate import ArticleState


def tooltip_text(state: ArticleState, cp: int) -> str:
    """Label, annotator, linked entity and origin of each span covering ``cp`` (rich text)."""
    lines: list[str] = []
    who = state.store.annotator_name(state.annotator_id)
    for s in state.spans_at(cp):
        status = " · <i>suggested</i>" if s.status == "suggested" else ""
        meta = f"annotator: {escape(who)} · origin: {s.origin}{status}"
        if s.layer == "entity":
            et = state.store.schema.entity(s.label)
            name = f" ({escape(et.name)})" if et else ""
            ent = state.entity(s.entity_id)
            link = f"<br>entity: {escape(ent.name)} [{escape(ent.type)}]" if ent else "<br>entity: not linked"
            lines.append(
                f"<b>{escape(s.label)}</b>{name}: {escape(state.span_text(s.id, 60))}{link}<br>{meta}"
            )
        elif s.id in state.quote_by_span:
            q = state.quotes[state.quote_by_span[s.id]]
            part = "cue" if s.layer == "cue" else f"quote ({escape(q.kind)})"
            cue = escape(state.span_text(q.cue_span_id, 20)) or "—"
            lines.append(f"<b>{part}</b>: {escape(state.speaker_label(q))} → {cue}<br>{meta}")
        elif s.id in state.stance_by_span:
            st = state.stances[state.stance_by_span[s.id]]
            lines.append(
                f"<b>stance evidence</b>: {escape(state.holder_label(st))} → {escape(st.polarity)} → "
                f"{escape(state.target_label(st))}<br>{meta}"
            )
    return "<hr>".join(lines)
