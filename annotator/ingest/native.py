"""Read one record of the native JSONL format (docs/format.md) with all its annotation layers.

Everything an export holds comes back: metadata and provenance, each annotator's entities (with
links to canonical entities in ``kb``), quotes, stances, work status and time. Every span's
``text``, when given, must equal ``text[start:end]``: a mismatch means the offsets are garbage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.ingest.records import Context, DocRec, KbRec, LayerRec, QuoteRec, SpanRec, StanceRec
from annotator.models import DOC_STATUSES, ORIGINS, SPAN_STATUSES


def _obj(v: Any, what: str) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise ValueError(f"{what} must be an object, got {type(v).__name__}")
    return v


def _list(v: Any, what: str) -> list[Any]:
    if v is None:
        return []
    if not isinstance(v, list):
        raise ValueError(f"{what} must be a list, got {type(v).__name__}")
    return v


def _str(v: Any, what: str, default: str = "") -> str:
    if v is None:
        return default
    if not isinstance(v, str):
        raise ValueError(f"{what} must be a string, got {v!r}")
    return v


def _opt(v: Any, what: str) -> str | None:
    return None if v is None else _str(v, what)


class _Reader:
    def __init__(self, text: str, ctx: Context, kb_ids: set[str]) -> None:
        self.text = text
        self.ctx = ctx
        self.kb_ids = kb_ids

    def range(self, v: Any, what: str) -> tuple[int, int]:
        o = _obj(v, what)
        s, e = o.get("start"), o.get("end")
        if type(s) is not int or type(e) is not int:
            raise ValueError(f"{what}: offsets must be integers, got {s!r}, {e!r}")
        if not 0 <= s < e <= len(self.text):
            raise ValueError(f"{what}: offsets {s}:{e} are outside the text (length {len(self.text)}) or empty")
        if "text" in o and o["text"] != self.text[s:e]:
            raise ValueError(f"{what}: text {o['text']!r} is not text[{s}:{e}] = {self.text[s:e]!r}")
        return s, e

    def entity_ref(self, v: Any, what: str) -> str | None:
        uid = _opt(v, what)
        if uid is not None and uid not in self.kb_ids:
            raise ValueError(f"{what}: entity {uid!r} is not listed in the record's kb")
        return uid

    def status(self, v: Any, what: str) -> str:
        s = _str(v, what, "active")
        if s not in SPAN_STATUSES:
            raise ValueError(f"{what}: status {s!r} is not one of {', '.join(SPAN_STATUSES)}")
        return s

    def origin(self, v: Any, what: str) -> str:
        o = _str(v, what, "imported")
        if o not in ORIGINS:
            raise ValueError(f"{what}: origin {o!r} is not one of {', '.join(ORIGINS)}")
        return o

    def mention(self, v: Any, what: str) -> SpanRec | None:
        if v is None:
            return None
        s, e = self.range(v, what)
        return SpanRec(s, e, self.ctx.label(v.get("label")))

    def entity(self, v: Any, what: str) -> SpanRec:
        s, e = self.range(v, what)
        return SpanRec(s, e, self.ctx.label(v.get("label")), self.origin(v.get("origin"), what),
                       self.status(v.get("status"), what), self.entity_ref(v.get("entity"), what))

    def quote(self, v: Any, what: str) -> QuoteRec:
        q = _obj(v, what)
        kind = _str(q.get("kind"), f"{what} kind", "direct")
        if kind not in self.ctx.schema.quote_kinds:
            raise ValueError(f"{what}: quote kind {kind!r} is not one of {', '.join(self.ctx.schema.quote_kinds)}")
        cue = q.get("cue")
        return QuoteRec(
            content=self.range(q.get("content"), f"{what} content"),
            cue=None if cue is None else self.range(cue, f"{what} cue"),
            speaker=self.mention(q.get("speaker"), f"{what} speaker"),
            speaker_entity=self.entity_ref(q.get("speaker_entity"), f"{what} speaker_entity"),
            speaker_text=_str(q.get("speaker_text"), f"{what} speaker_text"),
            kind=kind,
            origin=self.origin(q.get("origin"), what),
            status=self.status(q.get("status"), what),
        )

    def stance(self, v: Any, what: str) -> StanceRec:
        st = _obj(v, what)
        schema = self.ctx.schema
        polarity = _str(st.get("polarity"), f"{what} polarity")
        if polarity not in schema.polarities:
            raise ValueError(f"{what}: polarity {polarity!r} is not one of {', '.join(schema.polarities)}")
        scope = _str(st.get("scope"), f"{what} scope", "mention")
        if scope not in ("mention", "article"):
            raise ValueError(f"{what}: scope {scope!r} is not 'mention' or 'article'")
        target = _obj(st.get("target") or {}, f"{what} target")
        topic = _opt(target.get("topic"), f"{what} target topic")
        if topic is not None and schema.topic(topic) is None:
            raise ValueError(f"{what}: topic {topic!r} is not in the project's schema")
        rec = StanceRec(
            polarity=polarity,
            scope=scope,
            holder=self.mention(st.get("holder"), f"{what} holder"),
            holder_entity=self.entity_ref(st.get("holder_entity"), f"{what} holder_entity"),
            holder_text=_str(st.get("holder_text"), f"{what} holder_text"),
            target_entity=self.entity_ref(target.get("entity"), f"{what} target entity"),
            target_topic=topic,
            target_text=_str(target.get("text"), f"{what} target text"),
            evidence=[self.range(e, f"{what} evidence #{i + 1}")
                      for i, e in enumerate(_list(st.get("evidence"), f"{what} evidence"))],
            origin=self.origin(st.get("origin"), what),
            status=self.status(st.get("status"), what),
        )
        if rec.target_entity is None and rec.target_topic is None and not rec.target_text.strip():
            raise ValueError(f"{what}: a stance needs a target (entity, topic or text)")
        if scope == "mention" and rec.holder is None and rec.holder_entity is None and not rec.holder_text.strip():
            raise ValueError(f"{what}: a stance needs a holder (mention, entity or text)")
        return rec

    def layer(self, v: Any, what: str) -> LayerRec:
        b = _obj(v, what)
        name = _str(b.get("annotator"), f"{what} annotator").strip()
        if not name:
            raise ValueError(f"{what}: 'annotator' is required")
        what = f"annotator {name!r}"
        status = _opt(b.get("status"), f"{what} status")
        if status is not None and status not in DOC_STATUSES:
            raise ValueError(f"{what}: status {status!r} is not one of {', '.join(DOC_STATUSES)}")
        seconds = b.get("seconds", 0.0)
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            raise ValueError(f"{what}: seconds must be a number >= 0, got {seconds!r}")
        return LayerRec(
            annotator=name,
            status=status,
            seconds=float(seconds),
            entities=[self.entity(e, f"{what} entity #{i + 1}")
                      for i, e in enumerate(_list(b.get("entities"), f"{what} entities"))],
            quotes=[self.quote(q, f"{what} quote #{i + 1}")
                    for i, q in enumerate(_list(b.get("quotes"), f"{what} quotes"))],
            stances=[self.stance(s, f"{what} stance #{i + 1}")
                     for i, s in enumerate(_list(b.get("stances"), f"{what} stances"))],
        )


def _kb(rec: dict[str, Any], ctx: Context) -> list[KbRec]:
    out = []
    for i, v in enumerate(_list(rec.get("kb"), "kb")):
        e = _obj(v, f"kb #{i + 1}")
        uid = _str(e.get("id"), f"kb #{i + 1} id")
        name = _str(e.get("name"), f"kb #{i + 1} name").strip()
        if not uid or not name:
            raise ValueError(f"kb #{i + 1}: 'id' and 'name' are required")
        aliases = tuple(_str(a, f"kb #{i + 1} alias") for a in _list(e.get("aliases"), f"kb #{i + 1} aliases"))
        out.append(KbRec(uid, name, ctx.label(e.get("type")), aliases))
    return out


def parse_native(rec: dict[str, Any], lineno: int, path: Path, ctx: Context) -> DocRec:
    text = rec.get("text")
    if not isinstance(text, str) or not text:
        raise ValueError("'text' must be a non-empty string")
    meta = _obj(rec.get("meta") or {}, "meta")
    provenance = _obj(meta.get("provenance") or {}, "meta.provenance")
    extra = _obj(meta.get("extra") or {}, "meta.extra")
    kb = _kb(rec, ctx)
    reader = _Reader(text, ctx, {k.uid for k in kb})
    layers = [reader.layer(b, f"annotation block #{i + 1}")
              for i, b in enumerate(_list(rec.get("annotations"), "annotations"))]
    names = [b.annotator for b in layers]
    if len(set(names)) != len(names):
        raise ValueError("an annotator has more than one annotation block")
    uid = _str(rec.get("id"), "id").strip()
    return DocRec(
        line=lineno,
        text=text,
        uid=uid or f"{path.stem}-{lineno}",
        title=_str(rec.get("title"), "title"),
        source=_opt(meta.get("source"), "meta.source"),
        published=_opt(meta.get("published"), "meta.published"),
        url=_opt(meta.get("url"), "meta.url"),
        language=_str(meta.get("language"), "meta.language", "ar"),
        # kept exactly as exported (even when empty), so a re-export is byte-identical
        provenance=dict(provenance) if "provenance" in meta else {"file": path.name, "format": "native", "line": lineno},
        meta=dict(extra),
        layers=layers,
        kb=kb,
    )
