"""The shared run of every training-data export: query -> (split plan) -> format -> files + card.

A format only turns one article layer into records (:class:`TrainingFormat`); this module streams
articles from :func:`annotator.export.query.iter_export_docs`, validates them, routes each
record to its split's file, writes the companions (labels, configs) and the dataset card, and
fills the :class:`ExportReport`.

Output layout: without ``--split`` ``out`` is one file and companions sit beside it, named after
it (``x.jsonl``, ``x.labels.json``, ``x.README.md``); with ``--split`` ``out`` is a folder holding
``train``/``dev``/``test`` files, ``labels.json`` and ``README.md``. Each file appears complete
or not at all (:mod:`annotator.export.writer`).

``--layer all`` gives one record per article per layer (annotators and gold), each carrying its
annotator's name, for learning from disagreement.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import compress, islice
from operator import itemgetter, not_
from pathlib import Path
from time import perf_counter
from typing import IO, Any, ClassVar

from annotator.export import card as card_mod
from annotator.export import forked
from annotator.export.events import EventParams
from annotator.export.model import (
    EntityColumns,
    ExportError,
    ExportOptions,
    ExportReport,
    Progress,
    XDoc,
    XLayer,
    XSpan,
)
from annotator.export.query import iter_export_docs
from annotator.export.splits import SPLIT_NAMES, Grouping, GroupParams, assign_splits, group_sketches, sketch
from annotator.export.tokenize_align import AlignStats, TagSet
from annotator.export.validate import validate_doc
from annotator.export.writer import atomic_dir, atomic_file, write_json, write_text
from annotator.schema import Schema
from annotator.store import Store

_START, _END, _LABEL = itemgetter(0), itemgetter(1), itemgetter(2)  # XSpan fields, as C-level getters
BATCH = 250  # articles handed to TrainingFormat.prepare at once


def output_labels(schema_labels: Iterable[str], options: ExportOptions) -> tuple[str, ...]:
    """Entity labels as exported: the schema's, filtered by ``--labels``, renamed by ``--rename``."""
    keep = [lb for lb in schema_labels if options.labels is None or lb in options.labels]
    return tuple(dict.fromkeys(options.rename.get(lb, lb) for lb in keep))


@dataclass
class SplitStats:
    articles: int = 0
    examples: int = 0
    tokens: int = 0
    items: Counter[str] = field(default_factory=Counter)  # per label / kind / polarity

    def add(self, other: SplitStats) -> None:
        self.articles += other.articles
        self.examples += other.examples
        self.tokens += other.tokens
        self.items.update(other.items)


@dataclass
class Context:
    """What formats see while writing: options, labels, tag ids, counters for the card."""

    store: Store | None  # None when a formatter is used on hand-built articles
    options: ExportOptions
    schema: Schema
    labels: tuple[str, ...]
    tagset: TagSet
    align: AlignStats = field(default_factory=AlignStats)
    split: str = "all"
    splits: list[str] = field(default_factory=lambda: ["all"])  # the files being written
    stats: dict[str, SplitStats] = field(default_factory=dict)
    unknown_labels: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    @property
    def current(self) -> SplitStats:
        st = self.stats.get(self.split)
        if st is None:  # not setdefault: that would build a SplitStats (and its Counter) on every call
            st = self.stats[self.split] = SplitStats()
        return st

    def entity_columns(self, layer: XLayer) -> tuple[Sequence[int], Sequence[int], Sequence[str]]:
        """(starts, ends, labels) of :meth:`entities`, without making an XSpan per span when the
        query gave the layer as :class:`EntityColumns`."""
        return self.entity_table(layer)[:3]

    def entity_table(self, layer: XLayer) -> tuple[Sequence[int], Sequence[int], Sequence[str],
                                                   Sequence[str | None] | None]:
        """:meth:`entity_columns` and each span's canonical entity uid (None: no span links one)."""
        ents = layer.entities
        if not isinstance(ents, EntityColumns):
            spans = self.entities(layer)
            linked = [s.entity for s in spans]
            return (tuple(map(_START, spans)), tuple(map(_END, spans)), tuple(map(_LABEL, spans)),
                    linked if any(linked) else None)
        starts, ends, labels, uids = ents.starts, ents.ends, ents.labels, ents.uids
        known = frozenset(self.labels)
        if known.issuperset(labels):
            return starts, ends, labels, uids
        keep = [lb in known for lb in labels]
        self.unknown_labels.update(compress(labels, map(not_, keep)))
        return (tuple(compress(starts, keep)), tuple(compress(ends, keep)), tuple(compress(labels, keep)),
                None if uids is None else tuple(compress(uids, keep)))

    def entities(self, layer: XLayer) -> list[XSpan]:
        """The layer's entity spans whose (renamed) label is exported; others are counted."""
        known = frozenset(self.labels)
        if known.issuperset(map(_LABEL, layer.entities)):  # the usual case, without a loop per span
            return list(layer.entities)
        out = []
        for s in layer.entities:
            if s.label in known:
                out.append(s)
            else:
                self.unknown_labels[s.label] += 1
        return out


class TrainingFormat:
    """One training format: records per article layer, plus optional companions and side files."""

    name: ClassVar[str] = ""
    suffix: ClassVar[str] = ".jsonl"
    #: a JSON array file (Label Studio) instead of one record per line
    json_array: ClassVar[bool] = False
    #: what the card counts per item ("entity label", "quote kind", "polarity")
    item_name: ClassVar[str] = "entity label"
    #: whether records use entity spans; quotes and stances skip reading them (most of an export)
    uses_entities: ClassVar[bool] = True
    #: whether records use quotes and stances; the entity formats skip reading them
    uses_items: ClassVar[bool] = True
    #: records() yields several records per chunk and adds them to ``ctx.current.examples`` itself
    counts_examples: ClassVar[bool] = False

    def records(self, doc: XDoc, layer: XLayer, ctx: Context) -> Iterable[bytes]:
        """Encoded records of one layer of one article (each a JSON value or a text block)."""
        raise NotImplementedError

    def prepare(self, docs: list[XDoc], ctx: Context) -> None:
        """Called with each batch of (validated) articles before their records, e.g. to tokenize
        them together; only articles that will be written are in it."""

    def doc_records(self, doc: XDoc, ctx: Context) -> Iterable[bytes]:
        """Encoded records of one article: by default those of each of its layers in turn."""
        for layer in doc.layers:
            yield from self.records(doc, layer, ctx)

    def companions(self, ctx: Context, name: Any) -> list[Path]:
        """Write files that describe the data (label maps, configs); ``name(x)`` gives their path."""
        return []

    def side_begin(self, ctx: Context) -> None:
        """Prepare optional extra outputs per split (e.g. a spaCy DocBin)."""

    def side_finish(self, ctx: Context, path_for_split: Any) -> list[Path]:
        return []

    def forkable(self) -> bool:
        """Whether a forked process may write half of the records (:mod:`annotator.export.forked`):
        yes when everything the format keeps between articles is in the :class:`Context` or
        passes through :meth:`half_result` and :meth:`merge_half`."""
        return True

    def half_result(self) -> Any:
        """In the forked process, after its half: what :meth:`merge_half` needs (picklable)."""
        return None

    def merge_half(self, result: Any) -> None:
        """Here, after this process's half: take in the forked half's :meth:`half_result`."""

    def card_extra(self, ctx: Context) -> list[str]:
        """Format-specific lines for the dataset card (how to load it, what a record holds)."""
        return []


class _Sink:
    """One output file: JSONL/text chunks, or the elements of one JSON array (``fragment``: the
    elements only, without the brackets, for a part written by a forked process)."""

    def __init__(self, f: IO[bytes], json_array: bool, fragment: bool = False) -> None:
        self.f = f
        self.json_array = json_array
        self.fragment = fragment
        self.first = True
        if json_array and not fragment:
            f.write(b"[\n")

    def append(self, part: Path, empty: bool) -> None:
        """The chunks of a fragment written to ``part`` by another process, after this one's."""
        if empty:
            return
        if self.json_array and not self.first:
            self.f.write(b",\n")
        forked.append_part(part, self.f)
        self.first = False

    def add(self, chunk: bytes) -> None:
        if self.json_array:
            if not self.first:
                self.f.write(b",\n")
            self.f.write(chunk.rstrip(b"\n"))
        else:
            self.f.write(chunk)
        self.first = False

    def close(self) -> None:
        if self.json_array and not self.fragment:
            self.f.write(b"\n]\n" if not self.first else b"]\n")


def group_params(options: ExportOptions) -> GroupParams:
    ex = options.extra
    return GroupParams(
        shingle=int(ex.get("shingle", GroupParams.shingle)),
        threshold=float(ex.get("group_threshold", GroupParams.threshold)),
        event_key=str(ex.get("event_key", GroupParams.event_key)),
        events=EventParams(threshold=float(ex.get("event_threshold", EventParams.threshold))),
    )


def plan_split(store: Store, options: ExportOptions, progress: Progress | None = None) -> tuple[dict[str, str], Grouping]:
    """uid -> split name for the selected articles, near-duplicates kept together.

    A first pass over the articles (only sketches are kept, so memory stays flat on big projects).
    """
    assert options.split is not None
    try:
        params = group_params(options)
    except ValueError as e:
        raise ExportError(f"split grouping: {e}") from None
    uids: list[str] = []
    sketches: list[list[int]] = []
    events: list[str | None] = []
    for doc in iter_export_docs(store, options, progress, entities=False, items=False):  # text, meta
        uids.append(doc.uid)
        sketches.append(sketch(doc.title + "\n" + doc.text, params, doc.published))
        ev = doc.meta.get(params.event_key) if isinstance(doc.meta, dict) else None
        events.append(str(ev) if ev not in (None, "") else None)
    grouping = group_sketches(sketches, events, params)
    where = assign_splits(grouping.groups, options.split, options.seed)
    return {uids[i]: s for i, s in where.items()}, grouping


class _Again(Exception):
    """The two halves of a forked export may not be one snapshot: written again in one process."""


def run(store: Store, options: ExportOptions, out: Path, fmt: TrainingFormat,
        progress: Progress | None = None) -> ExportReport:
    """Write ``fmt`` for the selected articles to ``out`` (a file, or a folder with ``--split``).

    Where it may (:mod:`annotator.export.forked`), a forked process writes the records of the
    second half of the articles into part files while this one writes the first half; the parts
    are appended and the counts merged, which gives the same files as one process."""
    try:
        return _run(store, options, out, fmt, progress, halves=True)
    except _Again:  # nothing was kept: the files of the first attempt were never moved into place
        return _run(store, options, out, fmt, progress, halves=False)


def _run(store: Store, options: ExportOptions, out: Path, fmt: TrainingFormat, progress: Progress | None,
         *, halves: bool) -> ExportReport:
    t0 = perf_counter()
    out = Path(out)
    if options.nested not in ("outermost", "columns"):
        raise ExportError(f"nested must be 'outermost' or 'columns', got {options.nested!r}")
    schema = store.schema
    for what, names in (("--labels", options.labels or ()), ("--rename", tuple(options.rename))):
        unknown = [n for n in names if n not in schema.labels]
        if unknown:  # a typo would otherwise export a silently empty dataset
            raise ExportError(f"{what}: {', '.join(unknown)} not in the project's schema ({', '.join(schema.labels)})")
    labels = output_labels(schema.labels, options)
    ctx = Context(store, options, schema, labels, TagSet(labels))
    report = ExportReport(paths=[out])
    plan: dict[str, str] | None = None
    grouping: Grouping | None = None
    if options.split is not None:
        # two passes over the articles: the progress bar covers both halves
        plan, grouping = plan_split(store, options, _half(progress, 0))
        progress = _half(progress, 1)
        splits = [n for n, p in zip(SPLIT_NAMES, options.split, strict=True) if p > 0]
    else:
        splits = ["all"]
    ctx.splits = splits
    fmt.side_begin(ctx)
    with ExitStack() as stack:
        if plan is not None:
            folder = stack.enter_context(atomic_dir(out))

            def path_for(split: str) -> Path:
                return folder / f"{split}{fmt.suffix}"

            def name(what: str) -> Path:
                return folder / what
        else:

            def path_for(split: str) -> Path:
                return out if split == "all" else out.with_name(f"{out.stem}.{split}{out.suffix}")

            def name(what: str) -> Path:
                return out.with_name(f"{out.stem}.{what}")
        sinks = {s: _Sink(stack.enter_context(atomic_file(path_for(s))), fmt.json_array) for s in splits}
        if halves and fmt.forkable() and forked.forkable(store):
            _write_halves(store, options, out, fmt, ctx, plan, sinks, report, progress)
        else:
            _write_docs(store, options, fmt, ctx, plan, sinks, report, progress, None)
        for s in sinks.values():
            s.close()
        extra_paths = fmt.side_finish(ctx, path_for) + fmt.companions(ctx, name)
        card_path = name("README.md")
        if plan is None:
            report.paths += extra_paths
        text = card_mod.render(ctx, fmt, splits, grouping, [path_for(s).name for s in splits]
                               + [p.name for p in extra_paths])
        write_text(card_path, text)
        if plan is None:
            report.paths.append(card_path)
    _fill_report(report, ctx, fmt, grouping)
    report.seconds = perf_counter() - t0
    return report


def _write_docs(store: Store, options: ExportOptions, fmt: TrainingFormat, ctx: Context,
                plan: dict[str, str] | None, sinks: dict[str, _Sink], report: ExportReport,
                progress: Progress | None, part: tuple[int, int] | None) -> None:
    """The records of the selected articles (or of ``part`` of them) into the sinks, batch by batch."""
    docs = iter_export_docs(store, options, progress, entities=fmt.uses_entities, items=fmt.uses_items,
                            columns=True, part=part)
    while batch := list(islice(docs, BATCH)):
        for doc in batch:
            validate_doc(doc)
        fmt.prepare([d for d in batch if plan is None or d.uid in plan], ctx)
        for doc in batch:
            _write_doc(doc, fmt, ctx, plan, sinks, report)


def _write_halves(store: Store, options: ExportOptions, out: Path, fmt: TrainingFormat, ctx: Context,
                  plan: dict[str, str] | None, sinks: dict[str, _Sink], report: ExportReport,
                  progress: Progress | None) -> None:
    """:func:`_write_docs` of the first half here and of the second in a forked process (its
    chunks into part files, appended to the sinks after this half's; its counts merged)."""
    parts = {s: forked.part_path(out, s) for s in sinks}

    def second(project: Store, its_progress: Progress) -> tuple[dict[str, SplitStats], AlignStats, Counter[str],
                                                              list[str], int, set[str], Any]:
        mine = ExportReport()
        # this process's copy of the context counts its own half only (the parent keeps its own)
        ctx.stats, ctx.align, ctx.unknown_labels, ctx.notes = {}, AlignStats(), Counter(), []
        with ExitStack() as files:
            own = {s: _Sink(files.enter_context(p.open("wb", buffering=1 << 20)), fmt.json_array, fragment=True)
                   for s, p in parts.items()}
            _write_docs(project, options, fmt, ctx, plan, own, mine, its_progress, (1, 2))
        empty = {s for s, sink in own.items() if sink.first}
        return ctx.stats, ctx.align, ctx.unknown_labels, ctx.notes, mine.documents, empty, fmt.half_result()

    def first(my_progress: Progress) -> None:
        _write_docs(store, options, fmt, ctx, plan, sinks, report, my_progress, (0, 2))

    try:
        got = forked.in_two(store, second, first, progress)
        if got is None:
            raise _Again
        stats, align, unknown, notes, documents, empty, extra = got
        for s, sink in sinks.items():
            sink.append(parts[s], s in empty)
        fmt.merge_half(extra)
    finally:
        for p in parts.values():
            p.unlink(missing_ok=True)
    for name, st in stats.items():
        ctx.stats.setdefault(name, SplitStats()).add(st)
    ctx.align.add(align)
    ctx.unknown_labels.update(unknown)
    ctx.notes += notes
    report.documents += documents
    if progress is not None:
        progress(report.documents, report.documents)


def _write_doc(doc: XDoc, fmt: TrainingFormat, ctx: Context, plan: dict[str, str] | None,
               sinks: dict[str, _Sink], report: ExportReport) -> None:
    """Route one (validated) article's records to its split's file."""
    split = plan.get(doc.uid) if plan is not None else "all"
    if split is None:  # qualified only after the planning pass (edited meanwhile): not placed
        ctx.notes.append(f"article {doc.uid} changed during the export and was left out of the split")
        return
    ctx.split = split
    sink = sinks[split]
    ctx.current.articles += 1
    report.documents += 1
    n = 0
    for chunk in fmt.doc_records(doc, ctx):
        sink.add(chunk)
        n += 1
    if not fmt.counts_examples:
        ctx.current.examples += n


def _half(progress: Progress | None, which: int) -> Progress | None:
    """``progress`` for one of two passes over ``total`` articles, reported as part of ``2 * total``."""
    if progress is None:
        return None
    report = progress

    def half(done: int, total: int) -> None:
        report(which * total + done, 2 * total)

    return half


def _fill_report(report: ExportReport, ctx: Context, fmt: TrainingFormat, grouping: Grouping | None) -> None:
    total = sum((s.items for s in ctx.stats.values()), Counter[str]())
    n = sum(total.values())
    if fmt.item_name == "quote kind":
        report.quotes = n
    elif fmt.item_name == "polarity":
        report.stances = n
    else:
        report.spans = n
    examples = sum(s.examples for s in ctx.stats.values())
    report.notes.append(f"{fmt.name}: {examples} records")
    a = ctx.align
    if a.expanded or a.empty or a.nested_dropped:
        report.notes.append(
            f"alignment: {a.expanded} spans expanded to token boundaries, {a.empty} covering no token dropped, "
            f"{a.nested_dropped} overlapping spans beyond the tag columns dropped"
        )
    if ctx.unknown_labels:
        report.notes.append("labels not in the schema, left out: "
                            + ", ".join(f"{k} ({v})" for k, v in sorted(ctx.unknown_labels.items())))
    if grouping is not None:
        g = grouping.report()
        report.notes.append(
            f"split: {g['articles']} articles in {g['groups']} groups "
            f"({g['groups_of_several']} of several articles: copies or reports of one event, largest {g['largest']}); "
            f"{card_mod.achieved(ctx)}"
        )
        for name, s in sorted(ctx.stats.items(), key=lambda kv: SPLIT_NAMES.index(kv[0])):
            report.notes.append(f"  {name}: {s.articles} articles, {s.examples} records")
    report.notes.extend(ctx.notes)


def write_labels_json(path: Path, ctx: Context) -> Path:
    write_json(path, ctx.tagset.label_json())
    return path
