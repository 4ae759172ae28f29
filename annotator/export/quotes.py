"""``quotes``: one JSONL record per quote, ready for quote-attribution training.

::

    {"id": "doc-1/gold/0", "doc_id": "doc-1", "annotator": "gold", "kind": "direct",
     "quote": {"start": 120, "end": 188, "text": "..."},
     "cue": {"start": 100, "end": 103, "text": "قال"},
     "speaker": {"start": 23, "end": 32, "text": "فؤاد حسين", "label": "PER"},
     "speaker_text": "",
     "speaker_entity": {"id": "e5f1...", "name": "فؤاد حسين", "type": "PER"},
     "sentence": {"start": 0, "end": 190, "text": "..."},
     "paragraph": {"start": 0, "end": 420, "text": "..."},
     "origin": "manual"}

``speaker`` is the mention when the speaker is tagged in the text, else ``null`` and
``speaker_text`` holds the free-text speaker ("مسؤولون أميركيون"). ``speaker_entity`` is the
canonical entity (the quote's own link, else the speaker mention's). ``sentence`` covers the
sentences the quote overlaps, ``paragraph`` the paragraphs (lines) it overlaps, so a model sees
the cue and speaker around a quote.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson

from annotator import text as T
from annotator.export import training
from annotator.export.model import ExportOptions, ExportReport, Progress, XDoc, XLayer, XSpan
from annotator.store import Store

SUFFIX = ".jsonl"
_LINE = orjson.OPT_APPEND_NEWLINE


class Contexts:
    """Sentence and paragraph ranges of one article, found by bisection."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sent: list[tuple[int, int]] | None = None  # computed on first use: stances need no paragraphs
        self._para: list[tuple[int, int]] | None = None

    @staticmethod
    def _cover(ranges: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
        ends = [b for _, b in ranges]
        starts = [a for a, _ in ranges]
        i = bisect_right(ends, start)  # first range ending after start
        j = bisect_left(starts, end)  # ranges starting before end
        if i >= j:
            return start, end
        return min(ranges[i][0], start), max(ranges[j - 1][1], end)

    def _range(self, a: int, b: int) -> dict[str, Any]:
        return {"start": a, "end": b, "text": self.text[a:b]}

    def sentence(self, start: int, end: int) -> dict[str, Any]:
        if self._sent is None:
            self._sent = T.sentences(self.text)
        return self._range(*self._cover(self._sent, start, end))

    def paragraph(self, start: int, end: int) -> dict[str, Any]:
        if self._para is None:
            self._para = T.paragraphs(self.text)
        return self._range(*self._cover(self._para, start, end))


class ContextCache:
    def __init__(self) -> None:
        self._uid: str | None = None
        self._ctx: Contexts | None = None

    def get(self, doc: XDoc) -> Contexts:
        if self._uid != doc.uid or self._ctx is None:
            self._uid, self._ctx = doc.uid, Contexts(doc.text)
        return self._ctx


def rng(s: XSpan | None) -> dict[str, Any] | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text}


def mention(s: XSpan | None) -> dict[str, Any] | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text, "label": s.label}


def entity(doc: XDoc, uid: str | None) -> dict[str, Any] | None:
    """The canonical entity ``uid`` as {id, name, type} from the article's kb."""
    if uid is None:
        return None
    e = next((x for x in doc.kb if x.uid == uid), None)
    return {"id": uid, "name": e.name if e else "", "type": e.type if e else ""}


def records(doc: XDoc, layer: XLayer, ctx: training.Context, cache: ContextCache) -> Iterator[dict[str, Any]]:
    """One record per quote of the layer (pure)."""
    contexts = cache.get(doc)
    for k, q in enumerate(layer.quotes):
        c = q.content
        rec: dict[str, Any] = {
            "id": f"{doc.uid}/{layer.annotator}/{k}",
            "doc_id": doc.uid,
            "annotator": layer.annotator,
            "kind": q.kind,
            "quote": rng(c),
            "cue": rng(q.cue),
            "speaker": mention(q.speaker),
            "speaker_text": q.speaker_text,
            "speaker_entity": entity(doc, q.speaker_entity or (q.speaker.entity if q.speaker else None)),
            "sentence": contexts.sentence(c.start, c.end),
            "paragraph": contexts.paragraph(c.start, c.end),
            "origin": q.origin,
        }
        if q.status != "active":
            rec["status"] = q.status
        ctx.current.items[q.kind] += 1
        yield rec


class ItemFormat(training.TrainingFormat):
    """A JSONL format of one record per quote or stance: ``make`` builds the records of a layer,
    with sentence/paragraph contexts from a cache shared across the article's layers."""

    suffix = ".jsonl"
    uses_entities = False

    def __init__(self, make: Callable[[XDoc, XLayer, training.Context, ContextCache], Iterator[dict[str, Any]]]) -> None:
        self.make = make
        self.cache = ContextCache()

    def records(self, doc: XDoc, layer: XLayer, ctx: training.Context) -> Iterator[bytes]:
        for rec in self.make(doc, layer, ctx, self.cache):
            yield orjson.dumps(rec, option=_LINE)


class QuotesFormat(ItemFormat):
    name = "quotes"
    item_name = "quote kind"

    def __init__(self) -> None:
        super().__init__(records)

    def card_extra(self, ctx: training.Context) -> list[str]:
        return [
            "One line per quote: `quote`, `cue`, `speaker` (the mention, or null with `speaker_text` free text), "
            "`speaker_entity` (canonical id and name), `kind`, and the `sentence` and `paragraph` around the quote, "
            "each with `start`, `end` and `text`.",
        ]


def write(store: Store, options: ExportOptions, out: Path, progress: Progress | None = None) -> ExportReport:
    """Write the quote-attribution JSONL and its dataset card."""
    return training.run(store, options, out, QuotesFormat(), progress)
