"""``doccano``: the JSONL that doccano's sequence-labelling import reads.

Default (``options.extra["doccano"] = "label"``), the classic shape::

    {"text": "...", "label": [[start, end, "PER"], ...], "doc_id": "...", "annotator": "gold"}

``"entities"`` gives the shape of doccano 1.6+ (span and relation projects)::

    {"text": "...", "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 9}],
     "relations": [], "doc_id": "...", "annotator": "gold"}

doccano keeps unknown keys (``doc_id``, ``annotator``, ``title``) as the example's metadata.
Offsets are code points; nested and overlapping spans are all exported (doccano projects can
allow overlapping spans).
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson

from annotator.export import training
from annotator.export.model import ExportError, ExportOptions, ExportReport, Progress, XDoc, XLayer
from annotator.store import Store

SUFFIX = ".jsonl"
_LINE = orjson.OPT_APPEND_NEWLINE
SHAPES = ("label", "entities")
_LABEL = itemgetter(2)
_TRIPLE = itemgetter(0, 1, 2)  # (start, end, label) of an XSpan


def record(doc: XDoc, layer: XLayer, ctx: training.Context, shape: str = "label") -> dict[str, Any]:
    """The doccano example of one article layer (pure)."""
    spans = ctx.entities(layer)
    ctx.current.items.update(map(_LABEL, spans))
    rec: dict[str, Any] = {"text": doc.text}
    if shape == "entities":
        rec["entities"] = [
            {"id": i, "label": label, "start_offset": start, "end_offset": end}
            for i, (start, end, label, *_rest) in enumerate(spans, 1)
        ]
        rec["relations"] = []
    else:
        rec["label"] = list(map(list, map(_TRIPLE, spans)))  # [start, end, label], no Python loop per span
    rec.update({"doc_id": doc.uid, "annotator": layer.annotator, "title": doc.title})
    return rec


class DoccanoFormat(training.TrainingFormat):
    name = "doccano"
    uses_items = False
    suffix = ".jsonl"

    def __init__(self, shape: str) -> None:
        if shape not in SHAPES:
            raise ExportError(f"doccano shape must be one of {', '.join(SHAPES)}, got {shape!r}")
        self.shape = shape

    def records(self, doc: XDoc, layer: XLayer, ctx: training.Context) -> Iterator[bytes]:
        yield orjson.dumps(record(doc, layer, ctx, self.shape), option=_LINE)

    def card_extra(self, ctx: training.Context) -> list[str]:
        key = "`entities` (`start_offset`, `end_offset`, `label`)" if self.shape == "entities" else \
            "`label` ([start, end, label])"
        return [
            f"One line per article and annotator: `text` and {key}; `doc_id`, `annotator` and `title` "
            "become doccano metadata.",
            "Import in doccano: a Sequence Labeling project, Dataset → Import, format JSONL, with the labels "
            "of the schema above (enable overlapping spans if the data has nested entities).",
        ]


def write(store: Store, options: ExportOptions, out: Path, progress: Progress | None = None) -> ExportReport:
    """Write the doccano JSONL export and its dataset card."""
    shape = str(options.extra.get("doccano", "label"))
    return training.run(store, options, out, DoccanoFormat(shape), progress)
