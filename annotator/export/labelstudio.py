"""``label-studio``: a JSON task list for Label Studio's import, with its labelling config.

One task per article; each selected layer becomes one entry of ``annotations`` (the gold layer
marked ``ground_truth``), so a team sees every annotator's work side by side::

    [{"data": {"text": "...", "doc_id": "...", "title": "...", "annotators": ["gold"]},
      "annotations": [{"ground_truth": true, "lead_time": 60.0,
                       "result": [{"id": "e1", "from_name": "label", "to_name": "text", "type": "labels",
                                   "value": {"start": 0, "end": 9, "text": "فؤاد حسين", "labels": ["PER"]}}]}]}]

``from_name``/``to_name`` match the ``<Labels name="label">`` and ``<Text name="text">`` tags of
the labelling config written next to the tasks (``*.labeling_config.xml``). Label Studio counts
text offsets in code points since its 2022 fix for astral characters, as we do.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import orjson

from annotator.export import training
from annotator.export.model import ExportOptions, ExportReport, Progress, XDoc, XLayer
from annotator.export.writer import write_text
from annotator.models import GOLD
from annotator.store import Store

SUFFIX = ".json"
FROM_NAME = "label"
TO_NAME = "text"
_LABEL = itemgetter(2)  # XSpan.label


def _ids(n: int) -> list[str]:
    """Region ids ``e1`` .. ``en`` (shared strings: every task numbers its regions from 1)."""
    while len(_ID_CACHE) < n:
        _ID_CACHE.append(f"e{len(_ID_CACHE) + 1}")
    return _ID_CACHE[:n]


_ID_CACHE: list[str] = []


def annotation(doc: XDoc, layer: XLayer, ctx: training.Context) -> dict[str, Any]:
    spans = ctx.entities(layer)
    ctx.current.items.update(map(_LABEL, spans))
    return {
        "ground_truth": layer.annotator == GOLD,
        "lead_time": float(layer.seconds),
        "result": [  # one region per span, built inline (the hot loop of this export)
            {
                "id": rid,
                "from_name": FROM_NAME,
                "to_name": TO_NAME,
                "type": "labels",
                "origin": "manual" if origin == "manual" else "prediction",
                "value": {"start": start, "end": end, "text": text, "labels": [label]},
            }
            for rid, (start, end, label, text, _entity, origin, _status) in zip(_ids(len(spans)), spans, strict=True)
        ],
    }


def task(doc: XDoc, ctx: training.Context) -> dict[str, Any]:
    """The Label Studio task of one article with one annotation per layer (pure)."""
    return {
        "data": {
            "text": doc.text,
            "doc_id": doc.uid,
            "title": doc.title,
            "annotators": [layer.annotator for layer in doc.layers],
        },
        "annotations": [annotation(doc, layer, ctx) for layer in doc.layers],
    }


def labeling_config(labels: tuple[str, ...], colors: dict[str, str]) -> str:
    """The ``<View>`` config whose tag names the tasks' ``from_name``/``to_name`` refer to."""
    items = "\n".join(
        f"    <Label value={quoteattr(lb)} background={quoteattr(colors.get(lb, '#808080'))}/>" for lb in labels
    )
    return (
        "<View>\n"
        f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">\n{items}\n  </Labels>\n'
        '  <View style="direction: rtl; text-align: right">\n'
        f'    <Text name="{TO_NAME}" value="$text" granularity="symbol"/>\n'
        "  </View>\n"
        "</View>\n"
    )


class LabelStudioFormat(training.TrainingFormat):
    name = "label-studio"
    uses_items = False
    suffix = ".json"
    json_array = True

    def records(self, doc: XDoc, layer: XLayer, ctx: training.Context) -> Iterator[bytes]:
        raise NotImplementedError("Label Studio writes one task per article (doc_records)")

    def doc_records(self, doc: XDoc, ctx: training.Context) -> Iterator[bytes]:
        yield orjson.dumps(task(doc, ctx))

    def companions(self, ctx: training.Context, name: Any) -> list[Path]:
        colors: dict[str, str] = {}
        for e in ctx.schema.entities:
            colors.setdefault(ctx.options.rename.get(e.label, e.label), e.color)
        path = name("labeling_config.xml")
        write_text(path, labeling_config(ctx.labels, colors))
        return [path]

    def card_extra(self, ctx: training.Context) -> list[str]:
        return [
            "A JSON list of tasks, one per article: `data.text` and one entry of `annotations` per annotator "
            "(`ground_truth` marks the gold layer); results are `labels` regions with `value.start/end/text/labels`.",
            "Create the project with `labeling_config.xml` (Settings → Labeling Interface → Code), then import "
            "the JSON file.",
        ]


def write(store: Store, options: ExportOptions, out: Path, progress: Progress | None = None) -> ExportReport:
    """Write the Label Studio tasks, the labelling config and the dataset card."""
    return training.run(store, options, out, LabelStudioFormat(), progress)
