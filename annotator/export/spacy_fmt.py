"""``spacy``: JSONL with character-offset entities, plus a ``.spacy`` DocBin when spaCy is installed.

JSONL (always)::

    {"text": "...", "entities": [[start, end, "PER"], ...], "doc_id": "...", "annotator": "gold"}

``entities`` never overlap (``doc.ents`` cannot hold overlapping spans): the outermost win, and
with ``--nested columns`` the others go to ``"nested"``. The DocBin (``options.extra["docbin"]``
false to skip it) holds docs over ``spacy.blank("ar")``'s vocab. Their tokens are those of
:func:`annotator.text.tokenize` (punctuation split off, whitespace kept as spaCy whitespace tokens,
so ``doc.text`` is the article text exactly); ``options.extra["spacy_tokens"] = "spacy"`` uses
spaCy's own Arabic tokenizer instead, which glues punctuation to words (``واشنطن".``). Each entity
is placed with ``Doc.char_span`` in ``strict`` mode first and ``expand`` mode when its edges fall
inside a token, and the counts go to the dataset card. With ``--nested columns`` all entities,
nested ones included, are also in ``doc.spans["sc"]`` (span-categorizer training). A mention
linked to a canonical entity carries its id as ``ent.kb_id_`` (entity-linking training).

The DocBin is written by :mod:`annotator.export.docbin` without spaCy ``Doc`` objects (the same
docs, ~10x faster); ``options.extra["docbin_via"] = "spacy"`` goes through spaCy's objects
instead, as the export also does when the installed spaCy's DocBin layout differs. spaCy is
optional (a test extra, not a dependency of the app): without it the JSONL is still written and
the card says why.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator, Sequence
from itertools import islice, repeat
from operator import itemgetter, le, neg
from pathlib import Path
from typing import Any

import orjson

from annotator.export import docbin, training
from annotator.export.docbin import SpacyAlignment
from annotator.export.model import ExportError, ExportOptions, ExportReport, Progress, XDoc, XLayer
from annotator.export.spacy_tokens import DocTokens, doc_tokens, layout_batch, words_and_spaces
from annotator.export.tokenizer import tokenize_batch, tokenize_text
from annotator.export.writer import atomic_file
from annotator.store import Store

SUFFIX = ".jsonl"
_LINE = orjson.OPT_APPEND_NEWLINE
_LABEL = itemgetter(2)  # of a [start, end, label] entity
#: a layer's entity spans: starts, ends, labels, canonical entity uids (None: none linked)
Columns = tuple[Sequence[int], Sequence[int], Sequence[str], Sequence[str | None] | None]


def outermost(starts: Sequence[int], ends: Sequence[int], labels: Sequence[str]
              ) -> tuple[list[list[Any]], list[list[Any]]]:
    """([start, end, label] of the non-overlapping outermost spans, of the rest), longest first
    among equal starts (order: start, then end descending, then label). The columns come in
    (start, end, label) order; when nothing overlaps that is already the order wanted."""
    if all(map(le, ends, islice(starts, 1, None))):  # nothing overlaps: the usual case
        return list(map(list, zip(starts, ends, labels, strict=True))), []
    top: list[list[Any]] = []
    rest: list[list[Any]] = []
    end = -1
    for s, neg_end, label in sorted(zip(starts, map(neg, ends), labels, strict=True)):
        if s >= end:
            top.append([s, -neg_end, label])
            end = -neg_end
        else:
            rest.append([s, -neg_end, label])
    return top, rest


def record(doc: XDoc, layer: XLayer, starts: Sequence[int], ends: Sequence[int], labels: Sequence[str],
           nested: str) -> dict[str, Any]:
    """The JSONL record of one article layer (pure); the spans as columns in (start, end, label) order."""
    top, rest = outermost(starts, ends, labels)
    rec: dict[str, Any] = {"text": doc.text, "entities": top}
    if nested == "columns":
        rec["nested"] = rest
    rec.update({"doc_id": doc.uid, "annotator": layer.annotator})
    return rec


class SpacyDocs:
    """One DocBin per split filled through spaCy's own route: ``Doc``, ``Doc.char_span``,
    ``filter_spans``, ``DocBin.add`` (~25,000 entities/s). The reference :mod:`docbin`'s writer
    is tested against, and the fallback when the installed spaCy's DocBin layout is not the one
    that writer knows."""

    def __init__(self, tokens: str) -> None:
        import spacy
        from spacy.tokens import Doc, DocBin

        self.nlp = spacy.blank("ar")
        self.tokens = tokens
        self._doc = Doc
        self._docbin = DocBin
        self.bins: dict[str, Any] = {}
        self.align = SpacyAlignment()
        # DocBin.add packs each doc's user_data with a new srsly Packer, whose set-up scans the
        # installed packages' entry points (~5 ms a doc): the bins are filled without user_data,
        # which is packed here with one Packer (the same bytes) and handed over before serializing.
        # Where DocBin lacks the attributes this relies on, DocBin stores user_data itself.
        probe = DocBin(store_user_data=False)
        self._own_user_data = isinstance(getattr(probe, "user_data", None), list) and hasattr(probe, "store_user_data")
        if self._own_user_data:
            import srsly.msgpack

            self._packer = srsly.msgpack.Packer(use_bin_type=True)
        self.user_data: dict[str, list[bytes]] = {}

    def prepare(self, docs: list[XDoc]) -> None:
        pass

    def make_doc(self, text: str) -> Any:
        if self.tokens == "spacy":
            return self.nlp.make_doc(text)
        words, spaces = words_and_spaces(text)
        return self._doc(self.nlp.vocab, words=words, spaces=spaces)

    def add(self, split: str, doc: XDoc, layer: XLayer, columns: Columns, nested: bool) -> None:
        from spacy.util import filter_spans

        sdoc = self.make_doc(doc.text)
        placed = []
        starts, ends, labels, uids = columns
        for start, end, label, uid in zip(starts, ends, labels, repeat(None) if uids is None else uids,
                                          strict=False):  # uids may be repeat(None)
            kb = uid or 0
            span = sdoc.char_span(start, end, label=label, kb_id=kb, alignment_mode="strict")
            if span is not None:
                self.align.strict += 1
            else:
                span = sdoc.char_span(start, end, label=label, kb_id=kb, alignment_mode="expand")
                if span is None or len(span) == 0:
                    self.align.failed += 1
                    continue
                self.align.expanded += 1
            placed.append(span)
        ents = filter_spans(placed)
        self.align.overlapping += len(placed) - len(ents)
        sdoc.ents = ents
        if nested:  # every span group costs a msgpack round in DocBin.add: only when it adds something
            sdoc.spans["sc"] = placed
        sdoc.user_data["doc_id"] = doc.uid
        sdoc.user_data["annotator"] = layer.annotator
        self.bins.setdefault(split, self._docbin(store_user_data=not self._own_user_data)).add(sdoc)
        if self._own_user_data:
            self.user_data.setdefault(split, []).append(self._packer.pack(sdoc.user_data))

    def to_bytes(self, split: str) -> bytes:
        """The split's DocBin, serialized (with every doc's user_data); an empty one for no docs."""
        if split not in self.bins:
            return bytes(self._docbin(store_user_data=True).to_bytes())
        docbin = self.bins[split]
        if self._own_user_data:
            docbin.store_user_data = True
            docbin.user_data = self.user_data[split]
        return bytes(docbin.to_bytes())

    def close(self) -> None:
        pass


class FastDocs:
    """One DocBin per split written by :mod:`annotator.export.docbin` (no spaCy ``Doc`` objects)."""

    def __init__(self, tokens: str) -> None:
        self.tokens = tokens
        self.out = docbin.FastDocBins()
        self.bins = self.out.bins
        self.align = self.out.align
        self._batch: dict[tuple[str, int], DocTokens] = {}
        self._last: tuple[tuple[str, int], DocTokens] | None = None
        if tokens == "spacy":
            import spacy

            self.nlp = spacy.blank("ar")

    def prepare(self, docs: list[XDoc]) -> None:
        """Lay out the docs queued from the previous batch, then tokenize this one together."""
        self.out.flush()
        if self.tokens == "annotator" and docs:
            texts = [d.text for d in docs]
            laid = layout_batch(texts, tokenize_batch(texts), self.out.string_ids)
            self._batch = {(d.uid, len(d.text)): t for d, t in zip(docs, laid, strict=True)}

    def tokens_of(self, doc: XDoc) -> DocTokens:
        """The article's spaCy tokens (laid out with its batch, or alone)."""
        key = (doc.uid, len(doc.text))
        got = self._batch.get(key)
        if got is not None:
            return got
        if self._last is None or self._last[0] != key:
            if self.tokens == "spacy":
                sdoc = self.nlp.make_doc(doc.text)
                got = doc_tokens([t.text for t in sdoc], [bool(t.whitespace_) for t in sdoc], self.out.string_ids)
            else:
                got = layout_batch([doc.text], [tokenize_text(doc.text)], self.out.string_ids)[0]
            self._last = (key, got)
        return self._last[1]

    def add(self, split: str, doc: XDoc, layer: XLayer, columns: Columns, nested: bool) -> None:
        starts, ends, labels, uids = columns
        self.out.add(docbin.Entry(split, self.tokens_of(doc), starts, ends, labels,
                                  uids if uids is not None and any(uids) else None,
                                  {"doc_id": doc.uid, "annotator": layer.annotator}, nested))

    def to_bytes(self, split: str) -> bytes:
        return self.out.to_bytes(split)

    def close(self) -> None:
        self.out.close()


class SpacyFormat(training.TrainingFormat):
    name = "spacy"
    uses_items = False
    suffix = ".jsonl"

    def __init__(self, want_docbin: bool, tokens: str = "annotator", via: str = "fast") -> None:
        self.want_docbin = want_docbin
        self.tokens = tokens
        self.via = via
        self.bins: FastDocs | SpacyDocs | None = None
        self.why_not = ""

    def side_begin(self, ctx: training.Context) -> None:
        if self.tokens not in ("annotator", "spacy"):
            raise ExportError(f"spacy_tokens must be 'annotator' or 'spacy', got {self.tokens!r}")
        if self.via not in ("fast", "spacy"):
            raise ExportError(f"docbin_via must be 'fast' or 'spacy', got {self.via!r}")
        if not self.want_docbin:
            self.why_not = "the DocBin was not requested (docbin = false)"
        elif importlib.util.find_spec("spacy") is None:
            self.why_not = "spaCy is not installed (pip install spacy), so only JSONL was written"
        elif self.via == "spacy":
            self.bins = SpacyDocs(self.tokens)
        elif (differs := docbin.layout_matches()) is not None:
            ctx.notes.append(f"spaCy DocBin written through spaCy's Doc objects (slower): {differs}")
            self.bins = SpacyDocs(self.tokens)
        else:
            self.bins = FastDocs(self.tokens)

    def prepare(self, docs: list[XDoc], ctx: training.Context) -> None:
        if self.bins is not None:
            self.bins.prepare(docs)

    def forkable(self) -> bool:
        return not isinstance(self.bins, SpacyDocs)  # spaCy's own DocBins cannot be joined

    def half_result(self) -> Any:
        return self.bins.out.half_state() if isinstance(self.bins, FastDocs) else None

    def merge_half(self, result: Any) -> None:
        if isinstance(self.bins, FastDocs) and result is not None:
            self.bins.out.merge(result)

    def records(self, doc: XDoc, layer: XLayer, ctx: training.Context) -> Iterator[bytes]:
        columns = ctx.entity_table(layer)
        rec = record(doc, layer, *columns[:3], ctx.options.nested)
        ctx.current.items.update(map(_LABEL, rec["entities"]))
        ctx.current.items.update(map(_LABEL, rec.get("nested", ())))
        if self.bins is not None:
            self.bins.add(ctx.split, doc, layer, columns, ctx.options.nested == "columns")
        yield orjson.dumps(rec, option=_LINE)

    def side_finish(self, ctx: training.Context, path_for_split: Any) -> list[Path]:
        if self.bins is None:
            if self.why_not:
                ctx.notes.append(self.why_not)
            return []
        paths = []
        try:
            for split in ctx.splits:
                jsonl = Path(path_for_split(split))
                path = jsonl.with_suffix(".spacy")
                if path == jsonl:  # --out x.spacy: the JSONL took that name
                    path = jsonl.with_name(f"{jsonl.stem}.docbin.spacy")
                data = self.bins.to_bytes(split)
                with atomic_file(path) as f:
                    f.write(data)
                paths.append(path)
        finally:
            self.bins.close()
        a = self.bins.align
        ctx.notes.append(f"spaCy alignment: {a.strict} strict, {a.expanded} expanded, {a.failed} failed, "
                         f"{a.overlapping} overlapping left out of doc.ents")
        return paths

    def _tok_desc(self) -> str:
        if self.tokens == "spacy":
            return "spaCy's own Arabic tokenization"
        return "tokens of annotator.text.tokenize, whitespace kept, so `doc.text` is the article text"

    def card_extra(self, ctx: training.Context) -> list[str]:
        lines = [
            "JSONL: `text`, `entities` ([start, end, label], non-overlapping, outermost first)"
            + (", `nested` (the overlapping rest)" if ctx.options.nested == "columns" else "")
            + ", `doc_id`, `annotator`.",
        ]
        if self.bins is not None:
            a = self.bins.align
            lines += [
                "",
                f"`.spacy` files: DocBins of docs over `spacy.blank(\"ar\")`'s vocab ({self._tok_desc()}); `doc.ents` "
                "holds the non-overlapping entities"
                + (", `doc.spans[\"sc\"]` all of them" if ctx.options.nested == "columns" else "")
                + ", `doc.user_data` the article id and annotator; a mention linked to a canonical entity "
                "has its id as `ent.kb_id_`.",
                f"`Doc.char_span` alignment: {a.strict} strict, {a.expanded} expanded to spaCy token "
                f"boundaries, {a.failed} failed, {a.overlapping} overlapping after expansion left out of `doc.ents`.",
                "",
                "```python",
                "import spacy",
                "from spacy.tokens import DocBin",
                'nlp = spacy.blank("ar")',
                'docs = list(DocBin().from_disk("train.spacy").get_docs(nlp.vocab))',
                "```",
            ]
        else:
            lines += ["", f"No `.spacy` file: {self.why_not}."]
        return lines


def write(store: Store, options: ExportOptions, out: Path, progress: Progress | None = None) -> ExportReport:
    """Write the spaCy JSONL (and DocBin when spaCy is importable) with its dataset card."""
    ex = options.extra
    fmt = SpacyFormat(bool(ex.get("docbin", True)), str(ex.get("spacy_tokens", "annotator")),
                      str(ex.get("docbin_via", "fast")))
    return training.run(store, options, out, fmt, progress)
