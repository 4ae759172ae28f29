"""``stances``: one JSONL record per stance (holder -> target -> polarity, with evidence).

::

    {"id": "doc-1/gold/0", "doc_id": "doc-1", "annotator": "gold", "scope": "mention",
     "holder": {"start": 23, "end": 32, "text": "فؤاد حسين", "label": "PER"}, "holder_text": "",
     "holder_entity": {"id": "...", "name": "فؤاد حسين", "type": "PER"},
     "target": {"entity": null, "topic": {"id": "us_presence_iraq", "name": "US military presence in Iraq"},
                "text": ""},
     "polarity": "favor",
     "evidence": [{"start": 120, "end": 140, "text": "...", "sentence": {"start": 100, "end": 190, "text": "..."}}],
     "origin": "manual"}

``scope`` is ``mention`` (a holder in the text) or ``article`` (the article's own stance, no
holder). The target is a canonical entity, a schema topic, or free text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from annotator.export import training
from annotator.export.model import ExportOptions, ExportReport, Progress, XDoc, XLayer
from annotator.export.quotes import ContextCache, ItemFormat, entity, mention
from annotator.store import Store

SUFFIX = ".jsonl"
_LINE = orjson.OPT_APPEND_NEWLINE


def records(doc: XDoc, layer: XLayer, ctx: training.Context, cache: ContextCache) -> Iterator[dict[str, Any]]:
    """One record per stance of the layer (pure)."""
    contexts = cache.get(doc)
    for k, st in enumerate(layer.stances):
        topic = ctx.schema.topic(st.target_topic) if st.target_topic else None
        rec: dict[str, Any] = {
            "id": f"{doc.uid}/{layer.annotator}/{k}",
            "doc_id": doc.uid,
            "annotator": layer.annotator,
            "scope": st.scope,
            "holder": mention(st.holder),
            "holder_text": st.holder_text,
            "holder_entity": entity(doc, st.holder_entity or (st.holder.entity if st.holder else None)),
            "target": {
                "entity": entity(doc, st.target_entity),
                "topic": {"id": st.target_topic, "name": topic.name if topic else ""} if st.target_topic else None,
                "text": st.target_text,
            },
            "polarity": st.polarity,
            "evidence": [
                {"start": e.start, "end": e.end, "text": e.text, "sentence": contexts.sentence(e.start, e.end)}
                for e in st.evidence
            ],
            "origin": st.origin,
        }
        if st.status != "active":
            rec["status"] = st.status
        ctx.current.items[st.polarity] += 1
        yield rec


class StancesFormat(ItemFormat):
    name = "stances"
    item_name = "polarity"

    def __init__(self) -> None:
        super().__init__(records)

    def card_extra(self, ctx: training.Context) -> list[str]:
        return [
            "One line per stance: `scope`, `holder` (mention or null, `holder_text`, `holder_entity`), `target` "
            "(`entity`, `topic` {id, name} or free `text`), `polarity`, and `evidence` spans each with its sentence.",
        ]


def write(store: Store, options: ExportOptions, out: Path, progress: Progress | None = None) -> ExportReport:
    """Write the stance JSONL and its dataset card."""
    return training.run(store, options, out, StancesFormat(), progress)
