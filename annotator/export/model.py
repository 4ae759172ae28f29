"""What every exporter consumes: articles with their selected annotation layers, resolved to
offsets and texts (query -> formatter -> writer, as in doccano).

``annotator.export.query.iter_export_docs`` builds these with a handful of bulk queries; the
writers (native, tokens, spacy, conll, doccano, label-studio, quotes, stances) only format them.
Offsets are code points into ``text`` in logical order; every ``text`` field equals
``doc.text[start:end]`` (checked by ``annotator.export.validate``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple, overload


class XSpan(NamedTuple):
    """One span: code-point offsets, label and ``text == article[start:end]``.

    A named tuple, not a dataclass: exports make one per span (200,000 spans/s is the target) and
    the query builds them with ``tuple.__new__`` straight from zipped columns, without a Python
    ``__init__`` per span (~5x cheaper). Immutable and hashable like the other export records.
    """

    start: int
    end: int
    label: str
    text: str
    entity: str | None = None  # canonical entity uid
    origin: str = "manual"
    status: str = "active"  # "suggested" only with include_suggestions


#: an XSpan from a (start, end, label, text, entity, origin, status) tuple, in C (no __new__ frame)
_make_span = partial(tuple.__new__, XSpan)


class EntityColumns(Sequence[XSpan]):
    """One layer's entity spans as the query read them, column by column; a sequence of XSpans.

    The entity formats that only need offsets and labels (tokens, CoNLL) read :attr:`starts`,
    :attr:`ends` and :attr:`labels` directly; anything else (iteration, indexing, comparison,
    hashing) sees the tuple of :class:`XSpan` it stands for, made on first use. Building 200,000
    named tuples and their text slices was a good part of a token export.
    """

    __slots__ = ("_spans", "ends", "labels", "origins", "starts", "statuses", "text", "uids")

    def __init__(self, text: str, starts: Sequence[int], ends: Sequence[int], labels: Sequence[str],
                 uids: Sequence[str | None] | None, origins: Sequence[str], statuses: Sequence[str]) -> None:
        self.text = text  # the article text the spans point into
        self.starts, self.ends, self.labels = starts, ends, labels
        self.uids = uids  # None: no span links a canonical entity
        self.origins, self.statuses = origins, statuses
        self._spans: tuple[XSpan, ...] | None = None

    @property
    def spans(self) -> tuple[XSpan, ...]:
        if self._spans is None:
            starts, ends, text = self.starts, self.ends, self.text
            self._spans = tuple(map(_make_span, zip(
                starts, ends, self.labels, map(text.__getitem__, map(slice, starts, ends)),
                repeat(None) if self.uids is None else self.uids, self.origins, self.statuses,
                strict=False)))  # uids may be repeat(None)
        return self._spans

    def __len__(self) -> int:
        return len(self.starts)

    def __iter__(self) -> Iterator[XSpan]:
        return iter(self.spans)

    @overload
    def __getitem__(self, i: int) -> XSpan: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[XSpan, ...]: ...

    def __getitem__(self, i: int | slice) -> XSpan | tuple[XSpan, ...]:
        return self.spans[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EntityColumns):
            other = other.spans
        return self.spans == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.spans)

    def __repr__(self) -> str:
        return repr(self.spans)


# The records below are dataclasses, not frozen: a frozen dataclass's __init__ costs ~4 us here
# (object.__setattr__ per field) against ~1 us. Treat them as immutable all the same;
# unsafe_hash keeps them hashable like the frozen version.
@dataclass(slots=True, unsafe_hash=True)
class XQuote:
    content: XSpan
    cue: XSpan | None
    speaker: XSpan | None  # the speaker mention, when the speaker is tagged in the text
    speaker_entity: str | None  # canonical entity uid
    speaker_text: str  # free-text speaker ("مسؤولون أميركيون") when not a mention
    kind: str
    origin: str = "manual"
    status: str = "active"


@dataclass(slots=True, unsafe_hash=True)
class XStance:
    scope: str  # mention | article
    holder: XSpan | None
    holder_entity: str | None
    holder_text: str
    target_entity: str | None
    target_topic: str | None
    target_text: str
    polarity: str
    evidence: tuple[XSpan, ...]
    origin: str = "manual"
    status: str = "active"


@dataclass(slots=True, unsafe_hash=True)
class XLayer:
    """One annotator's (or the gold) annotations of one article."""

    annotator: str
    status: str  # not_started | in_progress | done
    seconds: float
    entities: tuple[XSpan, ...] | EntityColumns  # columns when the query made them
    quotes: tuple[XQuote, ...]
    stances: tuple[XStance, ...]


@dataclass(slots=True, unsafe_hash=True)
class XEntity:
    uid: str
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(slots=True, unsafe_hash=True)
class XDoc:
    uid: str
    title: str
    text: str
    source: str | None
    published: str | None
    url: str | None
    language: str
    provenance: dict[str, Any]
    meta: dict[str, Any]
    layers: tuple[XLayer, ...]
    kb: tuple[XEntity, ...] = ()  # canonical entities referenced by this article's layers


@dataclass
class ExportOptions:
    """Which annotations go out.

    ``layer``: ``"gold"``, ``"annotator"`` (the names in ``annotators``) or ``"all"`` (every
    annotator and the gold layer, one ``XLayer`` each). ``statuses``: article work statuses of the
    selected layer that qualify (``None`` = every article). ``labels``/``rename`` filter and rename
    entity labels. ``split`` (train/dev/test percentages) with ``seed`` makes leakage-safe splits.
    """

    layer: str = "all"
    annotators: tuple[str, ...] = ()
    statuses: tuple[str, ...] | None = None
    labels: tuple[str, ...] | None = None
    rename: dict[str, str] = field(default_factory=dict)
    include_suggestions: bool = False
    split: tuple[int, int, int] | None = None
    seed: int = 13
    nested: str = "outermost"  # tokens/conll: "outermost" or "columns" (a second tag column)
    extra: dict[str, Any] = field(default_factory=dict)


class ExportError(Exception):
    """An export could not be written (bad option, unknown format, a span failing validation);
    the message names the article and span where one is at fault. Nothing partial is left behind."""


#: progress callback: ``progress(done, total)`` in articles; the CLI feeds tqdm, the GUI a dialog
Progress = Callable[[int, int], None]


@dataclass
class ExportReport:
    """What an export wrote: the file(s) and how many articles and items went into them."""

    paths: list[Path] = field(default_factory=list)
    documents: int = 0
    spans: int = 0
    quotes: int = 0
    stances: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # e.g. split groups, skipped items, dataset card

    @property
    def path(self) -> Path | None:
        """The main output (the file, or the folder of a split export)."""
        return self.paths[0] if self.paths else None

    def count(self, doc: XDoc) -> None:
        """Add one exported article and its items to the totals."""
        self.documents += 1
        for layer in doc.layers:
            self.spans += len(layer.entities)
            self.quotes += len(layer.quotes)
            self.stances += len(layer.stances)
