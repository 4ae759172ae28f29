"""``annotator suggest``, ``annotator search`` and ``annotator gazetteer import``.

Suggestions are computed for one annotator (``--annotator`` or the default user) and stored with
status ``suggested``; they count only once accepted in the app.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.cli.common import CliError, annotator_name, open_store
from annotator.commands import CommandError
from annotator.suggest import KINDS, import_names, label_hits, search_project, suggest_project


def _annotator_option(p: argparse.ArgumentParser) -> None:
    # SUPPRESS: an omitted sub-command option must not overwrite `annotator --annotator NAME suggest`
    p.add_argument(
        "--annotator", metavar="NAME", default=argparse.SUPPRESS, help="whose suggestions (default: you)"
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("suggest", help="compute entity and quote suggestions for the whole project")
    p.add_argument(
        "--kind", choices=("entities", "quotes", "all"), default="all", help="what to suggest (default: all)"
    )
    _annotator_option(p)
    p.add_argument(
        "--chunk", type=int, default=200, metavar="N", help="articles per transaction (default: 200)"
    )
    p.set_defaults(handler=run_suggest)

    s = sub.add_parser(
        "search", help="search the project (normalized Arabic matching) and show hits in context"
    )
    s.add_argument("query")
    s.add_argument("--limit", type=int, default=50, help="at most this many hits (default: 50)")
    s.add_argument(
        "--label", metavar="LABEL", help="label every hit with LABEL (active spans, one undoable edit)"
    )
    _annotator_option(s)
    s.set_defaults(handler=run_search)

    g = sub.add_parser("gazetteer", help="manage name lists used for entity suggestions")
    gsub = g.add_subparsers(dest="gazetteer_command", metavar="ACTION", required=True)
    imp = gsub.add_parser(
        "import", help="import names (.txt: one per line, aliases after |; .tsv: name, label, aliases)"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--label", help="entity label for names without one (e.g. PER)")
    imp.set_defaults(handler=run_gazetteer_import)


def run_suggest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    store = open_store(args)
    try:
        who = store.annotator_id(annotator_name(args))
        kinds = KINDS if args.kind == "all" else (args.kind,)
        bar = tqdm(total=store.doc_count(), unit="article", desc="suggesting", disable=None)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        try:
            report = suggest_project(store, who, kinds, progress, chunk_size=max(1, args.chunk))
        finally:
            bar.close()
        labels = ", ".join(f"{k} {v}" for k, v in sorted(report.per_label.items())) or "none"
        print(
            f"{report.articles} articles in {report.seconds:.1f} s ({report.articles / max(report.seconds, 1e-9):.0f}/s): "
            f"{report.spans} entity suggestions ({labels}), {report.quotes} quote suggestions "
            f"for {annotator_name(args)}"
        )
    finally:
        store.close()
    return 0


def run_search(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        hits = search_project(store, args.query, limit=args.limit)
        titles: dict[int, str] = {}
        for h in hits:
            if h.doc_id not in titles:
                doc = store.document(h.doc_id)
                titles[h.doc_id] = doc.title or doc.uid
            line = f"{h.context_before}[{h.match}]{h.context_after}".replace("\n", " ")
            print(f"{titles[h.doc_id]}\t{h.start}-{h.end}\t{line}")
        print(
            f"{len(hits)} hit{'s' if len(hits) != 1 else ''} in {len(titles)} article{'s' if len(titles) != 1 else ''}",
            file=sys.stderr,
        )
        if args.label:
            who = store.annotator_id(annotator_name(args))
            try:
                batch = label_hits(store, hits, args.label, who)
                if batch.commands:
                    store.run(batch, who)
            except CommandError as e:
                raise CliError(str(e)) from None
            print(f"labelled {len(batch.commands)} hits as {args.label}", file=sys.stderr)
    finally:
        store.close()
    return 0


def run_gazetteer_import(args: argparse.Namespace) -> int:
    path: Path = args.file
    if not path.is_file():
        raise CliError(f"no such file: {path}")
    store = open_store(args)
    try:
        who = store.annotator_id(annotator_name(args))
        created, updated, errors = import_names(store, path, args.label, who)
    finally:
        store.close()
    for e in errors:
        print(e, file=sys.stderr)
    print(f"{created} entities created, {updated} updated from {path}")
    return 1 if errors and not (created or updated) else 0
