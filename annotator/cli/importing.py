"""``annotator import``, ``annotator removed`` and ``annotator restore-line``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from annotator.cli.common import CliError, annotator_name, open_store
from annotator.ingest import ImportReport, import_paths
from annotator.ingest.restore import RestoreLines, removed_lines
from annotator.store import CommandError, Store


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="import .txt articles, JSONL (plain, doccano, native) and CoNLL/BIO files or folders",
        description="Import files and folders (walked recursively). Importing the same file twice adds "
        "nothing; a bad file changes nothing and is reported with its line. Pre-annotated records "
        "without an annotator are attributed to --annotator (default: you).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument("--map", action="append", default=[], metavar="FROM=TO",
                   help="rename a label found in the files to a schema label, e.g. --map PERSON=PER (repeatable)")
    p.set_defaults(handler=run_import)

    r = sub.add_parser("removed", help="list the lines removed from an article at import")
    r.add_argument("uid", metavar="UID", help="the article's id")
    r.set_defaults(handler=run_removed)

    rl = sub.add_parser("restore-line", help="put removed lines back into an article (before annotating it)")
    rl.add_argument("uid", metavar="UID", help="the article's id")
    rl.add_argument("lines", nargs="+", type=int, metavar="LINE", help="original line numbers (see `removed`)")
    rl.set_defaults(handler=run_restore)


def parse_maps(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        src, sep, dst = item.partition("=")
        if not sep or not src.strip() or not dst.strip():
            raise CliError(f"--map expects FROM=TO, got {item!r}")
        out[src.strip()] = dst.strip()
    return out


class _Bar:
    """A tqdm bar on stderr, shown only when an import takes more than a moment."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: a later file's import may fork readers
            self.bar = tqdm(total=total, unit="B", unit_scale=True, desc="importing", file=sys.stderr,
                            delay=1.0, leave=False)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def summary(report: ImportReport) -> str:
    def n(k: int, word: str) -> str:
        return f"{k} {word}{'' if k == 1 else 's'}"

    read = [f for f in report.files if f.status in ("imported", "duplicate")]
    lines = [
        f"imported {n(report.imported, 'article')} from {n(len(read), 'file')}; "
        f"skipped {report.duplicates} as duplicate{'' if report.duplicates == 1 else 's'}",
        f"added {n(report.spans, 'span')}, {n(report.quotes, 'quote')}, {n(report.stances, 'stance')}",
    ]
    for f in report.skipped:
        lines.append(f"skipped {f.path}: {f.reason}")
    if report.failed_files:
        lines.append(f"failed: {n(len(report.failed_files), 'file')} (nothing from them was imported)")
        lines.extend(f"  {e}" for e in report.failed)
    return "\n".join(lines)


def run_import(args: argparse.Namespace) -> int:
    label_map = parse_maps(args.map)
    store = open_store(args)
    bar = _Bar()
    try:
        report = import_paths(store, args.paths, annotator=annotator_name(args), label_map=label_map, progress=bar)
    finally:
        bar.close()
        store.close()
    print(summary(report))
    return 0 if report.ok else 1


def _doc_id(store: Store, uid: str) -> int:
    doc_id = store.doc_id_by_uid(uid)
    if doc_id is None:
        raise CliError(f"no article with id {uid!r}")
    return doc_id


def run_removed(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        doc = store.document(_doc_id(store, args.uid))
    finally:
        store.close()
    lines = removed_lines(doc.provenance)
    if not lines:
        print(f"no lines were removed from {doc.uid}")
        return 0
    print(f"{len(lines)} line(s) removed from {doc.uid} at import (restore with `annotator restore-line {doc.uid} LINE...`):")
    for r in lines:
        print(f"{r['line']:>5}  [{r.get('reason', '')}]  {r.get('text', '')}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        doc_id = _doc_id(store, args.uid)
        cmd = RestoreLines(doc_id, list(args.lines))
        try:
            store.run(cmd, store.annotator_id(annotator_name(args)))
        except CommandError as e:
            raise CliError(str(e)) from None
        doc = store.document(doc_id)
    finally:
        store.close()
    print(f"restored {len(args.lines)} line(s) into {doc.uid}; it now has {len(doc.text)} characters")
    return 0
