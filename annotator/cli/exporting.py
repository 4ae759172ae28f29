"""``annotator export``: write the project (or a selection of it) in one of the export formats.

Defaults follow what each format is for: ``native`` keeps everything (every layer, every article);
the training formats take the gold layer of finished articles.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.cli.common import CliError, open_store
from annotator.export import FORMATS, ExportError, ExportOptions, ExportReport, export
from annotator.models import DOC_STATUSES


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="export annotations (native JSONL or a training format)",
        description="Export articles and annotations. Offsets are code points over the stored text.",
    )
    p.add_argument("--format", "-f", default="native", choices=list(FORMATS), help="output format (default: native)")
    p.add_argument("--out", "-o", type=Path, metavar="PATH",
                   help="output file (or folder for --split); default: a new name under ./exports/")
    p.add_argument("--layer", metavar="gold|all|NAME[,NAME]",
                   help="which annotations: the gold layer, all layers, or named annotators "
                        "(default: all for native, gold otherwise)")
    p.add_argument("--status", metavar="STATUS[,STATUS]",
                   help=f"article work status of the layer: {', '.join(DOC_STATUSES)} or all "
                        "(default: all for native, done otherwise)")
    p.add_argument("--labels", metavar="PER,ORG", help="only these entity labels")
    p.add_argument("--rename", action="append", default=[], metavar="A=B", help="rename entity label A to B (repeatable)")
    p.add_argument("--split", metavar="80/10/10", help="train/dev/test percentages (files in the output folder)")
    p.add_argument("--seed", type=int, default=13, help="random seed of the split (default: 13)")
    p.add_argument("--dup-threshold", type=float, metavar="J",
                   help="--split: estimated Jaccard similarity from which two articles are copies of one "
                        "story and stay together (default: 0.3)")
    p.add_argument("--event-threshold", type=float, metavar="C",
                   help="--split: mean cosine of distinctive words from which two outlets' reports are one "
                        "event and stay together (default: 0.14; 0 turns the same-event pass off)")
    p.add_argument("--include-suggestions", action="store_true", help="also export suggested (not yet accepted) items")
    p.add_argument("--nested", choices=("outermost", "columns"), default="outermost",
                   help="tokens/conll: nested entities as the outermost only or a second tag column")
    p.set_defaults(handler=run_export)


def _csv(value: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in value.split(",") if x.strip())


def options_from_args(args: argparse.Namespace) -> ExportOptions:
    """Translate command-line flags into ExportOptions, refusing malformed values with a clear message."""
    native = args.format == "native"
    layer_arg = args.layer or ("all" if native else "gold")
    annotators: tuple[str, ...] = ()
    if layer_arg in ("gold", "all"):
        layer = layer_arg
    else:
        layer, annotators = "annotator", _csv(layer_arg)
        if not annotators:
            raise CliError(f"--layer {layer_arg!r} names no annotator")
    status_arg = args.status or ("all" if native else "done")
    statuses: tuple[str, ...] | None = None
    if status_arg != "all":
        statuses = _csv(status_arg)
        bad = [s for s in statuses if s not in DOC_STATUSES]
        if bad:
            raise CliError(f"unknown --status {', '.join(bad)}; use {', '.join(DOC_STATUSES)} or all")
    rename: dict[str, str] = {}
    for item in args.rename:
        for pair in _csv(item):
            old, sep, new = pair.partition("=")
            if not sep or not old.strip() or not new.strip():
                raise CliError(f"--rename expects OLD=NEW, got {pair!r}")
            rename[old.strip()] = new.strip()
    split = None
    if args.split:
        try:
            parts = tuple(int(x) for x in args.split.replace(",", "/").split("/"))
        except ValueError:
            raise CliError(f"--split expects three percentages like 80/10/10, got {args.split!r}") from None
        if len(parts) != 3 or sum(parts) != 100 or min(parts) < 0:
            raise CliError(f"--split expects three percentages adding up to 100, got {args.split!r}")
        split = (parts[0], parts[1], parts[2])
    extra: dict[str, float] = {}
    for flag, key, value in (("--dup-threshold", "group_threshold", args.dup_threshold),
                             ("--event-threshold", "event_threshold", args.event_threshold)):
        if value is None:
            continue
        if split is None:
            raise CliError(f"{flag} only applies to a --split export")
        extra[key] = value
    return ExportOptions(
        layer=layer, annotators=annotators, statuses=statuses,
        labels=_csv(args.labels) if args.labels else None, rename=rename,
        include_suggestions=args.include_suggestions, split=split, seed=args.seed, nested=args.nested,
        extra=extra,
    )


@contextmanager
def progress_bar(what: str) -> Iterator[Callable[[int, int], None]]:
    """A tqdm bar on stderr that shows up only when the work takes longer than half a second."""
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: the export may fork (see annotator.forksafe)
    bar = tqdm(total=0, unit=" articles", desc=what, file=sys.stderr, delay=0.5, leave=False)
    try:
        def update(done: int, total: int) -> None:
            if bar.total != total:
                bar.total = total
            bar.update(done - bar.n)

        yield update
    finally:
        bar.close()


def describe(report: ExportReport) -> str:
    where = ", ".join(str(p) for p in report.paths) or "(nothing)"
    items = f"{report.spans} entity spans, {report.quotes} quotes, {report.stances} stances"
    text = f"Exported {report.documents} articles ({items}) in {report.seconds:.2f} s to {where}"
    return "\n".join([text, *report.notes])


def run_export(args: argparse.Namespace) -> int:
    options = options_from_args(args)
    store = open_store(args)
    try:
        with progress_bar(f"export {args.format}") as progress:
            report = export(store, args.format, options, args.out, progress)
    except ExportError as e:
        raise CliError(str(e)) from None
    finally:
        store.close()
    print(describe(report))
    return 0
