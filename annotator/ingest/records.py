"""What every reader produces: validated articles with their annotation layers, not yet stored.

Readers (txt, JSONL, CoNLL) parse and validate a whole file into these plain records, collecting
errors with their line numbers; only a file without errors reaches the writer.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import Any

from annotator.schema import Schema
from annotator.store import json_bytes


class IngestError(ValueError):
    """A problem at one line of a file (``line`` 0: the file as a whole)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:  # picklable: parallel readers send errors back
        return IngestError, (self.line, self.message)


@dataclass(frozen=True, slots=True)
class ImportFailure:
    path: Path
    line: int  # 1-based; 0 when the problem is the file as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class _Positional:
    """Pickled as ``cls(*fields)``: several times faster than the default for slotted dataclasses
    (parallel readers send many records between processes)."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        get = _GETTERS.get(type(self))
        if get is None:
            names = [f.name for f in fields(self)]  # type: ignore[arg-type]
            get = _GETTERS[type(self)] = attrgetter(*names) if len(names) > 1 else (lambda o: (getattr(o, names[0]),))
        return type(self), tuple(get(self))


_GETTERS: dict[type, Callable[[Any], Any]] = {}


@dataclass(slots=True)
class SpanRec(_Positional):
    start: int
    end: int
    label: str
    origin: str = "imported"
    status: str = "active"
    entity: str | None = None  # uid of a canonical entity (native ``kb``)


@dataclass(slots=True)
class QuoteRec(_Positional):
    content: tuple[int, int]
    cue: tuple[int, int] | None = None
    speaker: SpanRec | None = None  # a mention in the same annotator's entity layer
    speaker_entity: str | None = None
    speaker_text: str = ""
    kind: str = "direct"
    origin: str = "imported"
    status: str = "active"


@dataclass(slots=True)
class StanceRec(_Positional):
    polarity: str
    scope: str = "mention"
    holder: SpanRec | None = None
    holder_entity: str | None = None
    holder_text: str = ""
    target_entity: str | None = None
    target_topic: str | None = None
    target_text: str = ""
    evidence: list[tuple[int, int]] = field(default_factory=list)
    origin: str = "imported"
    status: str = "active"


@dataclass(slots=True)
class LayerRec(_Positional):
    """One annotator's annotations of an article; ``annotator=None`` means the import's default."""

    annotator: str | None = None
    status: str | None = None  # doc status; None: no status row is written
    seconds: float = 0.0
    entities: list[SpanRec] = field(default_factory=list)
    quotes: list[QuoteRec] = field(default_factory=list)
    stances: list[StanceRec] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class KbRec(_Positional):
    uid: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class DocRec(_Positional):
    line: int
    text: str
    uid: str
    title: str = ""
    source: str | None = None
    published: str | None = None
    url: str | None = None
    language: str = "ar"
    provenance: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    layers: list[LayerRec] = field(default_factory=list)
    kb: list[KbRec] = field(default_factory=list)
    content_hash: str = ""
    search_key: str | bytes = ""  # the search index key of title + text, when a parallel reader made it
    #: (text as UTF-8, its length in code points, provenance and meta as JSON bytes) when a
    #: parallel reader sent the record so (``text`` is then empty): cheaper to pass between
    #: processes (a few strings instead of a graph of small objects) and to bind in SQLite
    packed: tuple[bytes, int, bytes, bytes] | None = None

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = text_hash(self.text)

    def pack(self) -> None:
        """Replace the text by its UTF-8 bytes and provenance and meta by their JSON (see
        ``packed``); the hash is computed first."""
        self.packed = (self.text.encode("utf-8"), len(self.text), json_bytes(self.provenance), json_bytes(self.meta))
        self.text = ""
        self.provenance, self.meta = {}, {}

    @property
    def stored_text(self) -> str | bytes:
        return self.packed[0] if self.packed is not None else self.text

    @property
    def stored_provenance(self) -> dict[str, Any] | bytes:
        return self.packed[2] if self.packed is not None else self.provenance

    @property
    def stored_meta(self) -> dict[str, Any] | bytes:
        return self.packed[3] if self.packed is not None else self.meta

    @property
    def length(self) -> int:
        return self.packed[1] if self.packed is not None else len(self.text)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Context:
    """What readers validate against: the project's schema and the user's label mapping."""

    schema: Schema
    label_map: dict[str, str]
    labels: frozenset[str] = frozenset()

    @classmethod
    def make(cls, schema: Schema, label_map: dict[str, str] | None = None) -> Context:
        return cls(schema, dict(label_map or {}), frozenset(schema.labels))

    def label(self, raw: object) -> str:
        """The schema label for a label found in a file; :class:`ValueError` names unknown ones."""
        if not isinstance(raw, str) or not raw:
            raise ValueError(f"label must be a non-empty string, got {raw!r}")
        label = self.label_map.get(raw, raw)
        if label not in self.labels:
            hint = f" (mapped from {raw!r})" if label != raw else ""
            raise ValueError(
                f"label {label!r}{hint} is not in the project's schema ({', '.join(self.schema.labels)}); "
                f"map it with --map {label}=LABEL"
            )
        return label


@dataclass
class Parsed:
    """A reader's result for one file: records, or the errors that keep the file out."""

    format: str
    docs: list[DocRec] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    encoding: str = "utf-8"


# --- records between processes, by column ----------------------------------------------------
# Unpickling thousands of small dataclasses calls each one's __init__ from Python; lists of
# plain values (one per field) unpickle in C, and the records are rebuilt from them with
# C-level loops (the slots' own setters mapped over the columns), never running Python per record.

_DOC_FIELDS = [f.name for f in fields(DocRec) if f.name != "layers"]
_LAYER_FIELDS = [f.name for f in fields(LayerRec) if f.name != "entities"]
_SPAN_FIELDS = [f.name for f in fields(SpanRec)]
_PackedDocs = tuple[int, list[list[Any]], list[int], int, list[list[Any]], list[int], int, list[list[Any]]]


def _columns(objs: list[Any], names: list[str]) -> list[list[Any]]:
    return [list(map(attrgetter(name), objs)) for name in names]


def _rebuild[R](cls: type[R], names: list[str], columns: list[list[Any]], n: int) -> list[R]:
    """``n`` records of a slotted dataclass from :func:`_columns` (``__init__`` not run: every
    field is set, and a record's hash travels with it)."""
    objs: list[R] = list(map(object.__new__, repeat(cls, n)))
    for name, column in zip(names, columns, strict=True):
        deque(map(cls.__dict__[name].__set__, objs, column), maxlen=0)
    return objs


def _pack_docs(docs: list[DocRec]) -> _PackedDocs:
    """Articles, their layers and the layers' entity spans as columns, with the counts that
    nest them again (quotes, stances and kb entries, rarer, go as they are inside their columns)."""
    layers = [layer for d in docs for layer in d.layers]
    spans = [e for layer in layers for e in layer.entities]
    return (len(docs), _columns(docs, _DOC_FIELDS), [len(d.layers) for d in docs],
            len(layers), _columns(layers, _LAYER_FIELDS), [len(layer.entities) for layer in layers],
            len(spans), _columns(spans, _SPAN_FIELDS))


def _nest(parents: list[Any], attr: str, counts: list[int], children: list[Any]) -> None:
    """Give each parent its ``counts[i]`` children, in order (each a list of its own)."""
    if not parents:
        return
    setter = type(parents[0]).__dict__[attr].__set__
    at = 0
    for parent, k in zip(parents, counts, strict=True):
        setter(parent, children[at : at + k])
        at += k


def _unpack_docs(packed: _PackedDocs) -> list[DocRec]:
    n, doc_cols, layer_counts, n_layers, layer_cols, span_counts, n_spans, span_cols = packed
    layers = _rebuild(LayerRec, _LAYER_FIELDS, layer_cols, n_layers)
    _nest(layers, "entities", span_counts, _rebuild(SpanRec, _SPAN_FIELDS, span_cols, n_spans))
    docs = _rebuild(DocRec, _DOC_FIELDS, doc_cols, n)
    _nest(docs, "layers", layer_counts, layers)
    return docs


class Packed(list[Parsed]):
    """Readers' results on their way to another process: pickled by column (see above) and
    unpickled there straight into a plain list of :class:`Parsed`, in about a third of the time
    the records themselves would take; the rebuilding happens inside ``pickle.loads`` (for a
    process pool: on its result thread, while the caller's thread writes the previous part)."""

    def __reduce__(self) -> tuple[Any, ...]:
        heads = [(p.format, p.errors, p.encoding, len(p.docs)) for p in self]
        return _unpack_parsed, (heads, _pack_docs([d for p in self for d in p.docs]))


def _unpack_parsed(heads: list[tuple[str, list[IngestError], str, int]], columns: _PackedDocs) -> list[Parsed]:
    docs = _unpack_docs(columns)
    out: list[Parsed] = []
    at = 0
    for format, errors, encoding, n in heads:
        out.append(Parsed(format, docs[at : at + n], errors, encoding))
        at += n
    return out
