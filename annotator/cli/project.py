"""``annotator`` with no sub-command (open the default project, seeding it on first run) and
``annotator stats`` (what the project holds and how far each annotator is).

Statistics come from a few aggregate queries (GROUP BY in the database), so they stay instant on
100k articles.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections import defaultdict
from typing import Any

import orjson
from sqlalchemy import func, select

from annotator.cli.common import annotator_name, open_store, project_target, seeds_dir
from annotator.models import DOC_STATUSES
from annotator.store import DS, ST, A, D, E, Q, S, Store

#: project_meta key recording that the sample articles were offered once (never re-imported)
SEEDED_KEY = "seeded_from"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("stats", help="articles, annotators, label counts and progress per annotator")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_stats)


# --- no sub-command: open the project -----------------------------------------------------------


def _display_available() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _gui_wanted(args: argparse.Namespace) -> bool:
    return not getattr(args, "no_gui", False) and os.environ.get("ANNOTATOR_NO_GUI", "") in ("", "0")


def seed_project(store: Store) -> int:
    """On a project's first run import the sample articles; returns how many were added."""
    if store.meta(SEEDED_KEY) is not None or store.doc_count() > 0:
        return 0
    seeds = seeds_dir()
    if seeds is None:
        return 0
    from annotator.ingest import import_paths

    before = store.doc_count()
    import_paths(store, [seeds])
    store.set_meta(SEEDED_KEY, str(seeds))
    return store.doc_count() - before


def default_action(args: argparse.Namespace) -> int:
    """Open (creating if needed) the project, seed it on first run, then start the GUI if possible."""
    target = project_target(args)
    store = open_store(args)
    try:
        added = seed_project(store)
        where = store.path or store.url
        if added:
            print(f"New project at {where}: imported {added} sample articles from {seeds_dir()}")
        count = store.doc_count()
    finally:
        store.close()
    if _gui_wanted(args) and _display_available():
        try:
            app = importlib.import_module("ui.app")
        except ModuleNotFoundError as e:
            if e.name not in ("ui", "ui.app"):
                raise
        else:
            return int(app.run_gui(target, annotator_name(args)) or 0)
    print(f"Project: {where}")
    print(f"Articles: {count}")
    print("Run `annotator --help` for import, export and stats.")
    return 0


# --- stats --------------------------------------------------------------------------------------


def collect_stats(store: Store) -> dict[str, Any]:
    """Counts and progress for the whole project, from aggregate queries only."""
    with store.read() as c:
        docs = int(c.execute(select(func.count()).select_from(D)).scalar() or 0)
        entities = int(c.execute(select(func.count()).select_from(E)).scalar() or 0)
        annotators = c.execute(select(A.c.id, A.c.name, A.c.role).order_by(A.c.name)).all()
        span_rows = c.execute(
            select(S.c.annotator_id, S.c.layer, S.c.label, S.c.status, func.count())
            .group_by(S.c.annotator_id, S.c.layer, S.c.label, S.c.status)
        ).all()
        item_rows = {
            kind: c.execute(select(t.c.annotator_id, t.c.status, func.count()).group_by(t.c.annotator_id, t.c.status)).all()
            for kind, t in (("quotes", Q), ("stances", ST))
        }
        status_rows = c.execute(
            select(DS.c.annotator_id, DS.c.status, func.count(), func.coalesce(func.sum(DS.c.seconds), 0.0))
            .group_by(DS.c.annotator_id, DS.c.status)
        ).all()
    per: dict[int, dict[str, Any]] = {}
    for aid, name, role in annotators:
        per[aid] = {
            "name": name, "role": role,
            "labels": defaultdict(lambda: defaultdict(int)), "suggested": 0,
            "quotes": 0, "stances": 0,
            "progress": dict.fromkeys(DOC_STATUSES, 0), "seconds": 0.0,
        }
    for aid, layer, label, status, n in span_rows:
        if status == "active":
            per[aid]["labels"][layer][label] += n
        elif status == "suggested":
            per[aid]["suggested"] += n
    for kind, rows in item_rows.items():
        for aid, status, n in rows:
            if status == "active":
                per[aid][kind] += n
    for aid, status, n, secs in status_rows:
        if status != "not_started":
            per[aid]["progress"][status] += n
        per[aid]["seconds"] += float(secs)
    out = []
    for a in per.values():
        prog = a["progress"]
        prog["not_started"] = docs - prog["in_progress"] - prog["done"]
        labels = {layer: dict(sorted(c.items())) for layer, c in sorted(a["labels"].items())}
        out.append({**a, "labels": labels, "seconds": round(a["seconds"], 1),
                    "spans": sum(sum(c.values()) for c in labels.values())})
    return {"project": str(store.path or store.url), "articles": docs, "entities": entities, "annotators": out}


def _hours(seconds: float) -> str:
    m, s = divmod(round(seconds), 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}"


def format_stats(st: dict[str, Any]) -> str:
    lines = [f"Project:   {st['project']}", f"Articles:  {st['articles']}",
             f"Canonical entities: {st['entities']}",
             f"Annotators: {', '.join(a['name'] for a in st['annotators'])}", ""]
    for a in st["annotators"]:
        p = a["progress"]
        lines.append(
            f"{a['name']} ({a['role']}): done {p['done']}, in progress {p['in_progress']}, "
            f"not started {p['not_started']} of {st['articles']}; time {_hours(a['seconds'])}"
        )
        lines.append(f"  spans {a['spans']}, quotes {a['quotes']}, stances {a['stances']}, "
                     f"suggestions pending {a['suggested']}")
        for layer, counts in a["labels"].items():
            lines.append(f"  {layer:<9} " + "  ".join(f"{k} {v}" for k, v in counts.items()))
    return "\n".join(lines)


def run_stats(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        st = collect_stats(store)
    finally:
        store.close()
    if args.json:
        sys.stdout.write(orjson.dumps(st, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        print(format_stats(st))
    return 0
