"""``annotator merge``, ``assign``, ``agree`` and ``adjudicate``: several annotators on one project."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import orjson

from annotator.cli.common import CliError, annotator_name, open_store
from annotator.commands import CommandError
from annotator.review.agreement import AgreementReport, compute_agreement, resolve_annotators
from annotator.review.assign import AssignArticles
from annotator.review.merge import merge_projects
from annotator.review.project import accept_agreed_everywhere


def _names(value: str | None) -> list[str] | None:
    names = [n.strip() for n in (value or "").split(",") if n.strip()]
    return names or None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("merge", help="merge another project file (an annotator's copy) into this one")
    p.add_argument("other", metavar="OTHER", help="the other project: a .db file or a database URL")
    p.add_argument("--json", action="store_true", help="print the merge report as JSON")
    p.set_defaults(handler=run_merge)

    p = sub.add_parser("assign", help="distribute articles to annotators with overlap")
    p.add_argument("--annotators", required=True, metavar="A,B,...", help="comma-separated annotator names")
    p.add_argument("--overlap", type=int, default=2, help="annotators per article (default 2)")
    p.add_argument("--seed", type=int, default=0, help="seed of the deterministic shuffle (default 0)")
    p.add_argument("--articles", choices=("unassigned", "all"), default="unassigned",
                   help="unassigned (default): only articles nobody has yet; all: reassign every article")
    p.add_argument("--reassign", action="store_true", help="same as --articles all")
    p.set_defaults(handler=run_assign)

    p = sub.add_parser("agree", help="inter-annotator agreement: span F1, token kappa/alpha, quotes, stances")
    p.add_argument("--annotators", metavar="A,B,...", help="compare only these annotators (default: all but gold)")
    p.add_argument("--json", action="store_true", help="print JSON (overall, per label, per pair, per article)")
    p.add_argument("--top", type=int, default=10, help="how many most-disagreeing articles to list (default 10)")
    p.set_defaults(handler=run_agree)

    p = sub.add_parser("adjudicate", help="build the gold layer from several annotators' work")
    p.add_argument("--accept-agreed", action="store_true", required=True,
                   help="accept into gold every item all reviewed annotators agree on (not yet decided)")
    p.add_argument("--annotators", metavar="A,B,...", help="review only these annotators (default: all but gold)")
    p.set_defaults(handler=run_adjudicate)


def run_merge(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        report = merge_projects(store, args.other)
    except CommandError as e:
        raise CliError(str(e)) from None
    finally:
        store.close()
    if args.json:
        sys.stdout.write(orjson.dumps(report.to_dict(), option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        print("\n".join(report.lines()))
    return 0


def run_assign(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        names = _names(args.annotators) or []
        ids = [store.annotator_id(n) for n in names]  # new names become annotators
        if store.gold_id in ids:
            raise CliError("the gold layer cannot be assigned articles")
        cmd = AssignArticles(ids, args.overlap, args.seed, reassign=args.reassign or args.articles == "all")
        try:
            store.run(cmd, store.annotator_id(annotator_name(args)))
        except CommandError as e:
            raise CliError(str(e)) from None
    finally:
        store.close()
    per: dict[int, int] = dict.fromkeys(ids, 0)
    for anns in cmd.plan.values():
        for a in anns:
            per[a] += 1
    print(f"assigned {len(cmd.plan)} articles, {args.overlap} annotators each")
    for n, a in zip(names, ids, strict=True):
        print(f"  {n:20} {per[a]:6} articles")
    return 0


def _fmt(x: Any) -> str:
    return "   -  " if x is None else f"{x:6.3f}"


def format_report(report: AgreementReport, top: int = 10) -> str:
    """The readable table: overall, per label, per pair, then the most disagreeing articles."""
    d = report.to_dict(top)
    o = d["overall"]
    out = [f"annotators: {', '.join(report.annotators)}   articles compared: {d['articles_compared']}", ""]
    out.append(f"{'':14} {'exact F1':>8} {'overlap F1':>10} {'kappa':>7} {'alpha':>7} {'spans a/b':>12}")
    rows = [("overall", o), *d["labels"].items()]
    for name, r in rows:
        ex, ov = r["entity_exact"], r["entity_overlap"]
        out.append(f"{name:14} {_fmt(ex['f1']):>8} {_fmt(ov['f1']):>10} {_fmt(r['token_kappa']):>7} "
                   f"{_fmt(r['token_alpha']):>7} {ex['a']:>6}/{ex['b']:<5}")
    q, s = o["quote"], o["stance"]
    out.append("")
    out.append(f"quotes:   content overlap F1 {_fmt(q['content_overlap']['f1'])}   same speaker "
               f"{_fmt(q['same_speaker']['agreement'])}   same kind {_fmt(q['same_kind']['agreement'])}")
    out.append(f"stances:  holder+target F1 {_fmt(s['holder_target']['f1'])}   same polarity "
               f"{_fmt(s['same_polarity']['agreement'])}")
    if len(d["pairs"]) > 1:
        out.append("")
        out.append(f"{'pair':24} {'articles':>8} {'exact F1':>8} {'overlap F1':>10} {'kappa':>7} {'alpha':>7}")
        for p in d["pairs"]:
            out.append(f"{p['a'] + ' / ' + p['b']:24} {p['articles']:>8} {_fmt(p['entity_exact']['f1']):>8} "
                       f"{_fmt(p['entity_overlap']['f1']):>10} {_fmt(p['token_kappa']):>7} {_fmt(p['token_alpha']):>7}")
    if d["articles"]:
        out.append("")
        out.append(f"most disagreement first (top {len(d['articles'])}):")
        for a in d["articles"]:
            out.append(f"  {a['score']:5.2f}  {a['disagreements']:4} differing  {a['uid']:22} {a['title'][:50]}")
    return "\n".join(out)


def run_agree(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        report = compute_agreement(store, _names(args.annotators))
    except CommandError as e:
        raise CliError(str(e)) from None
    finally:
        store.close()
    if len(report.annotators) < 2:
        raise CliError("agreement needs at least two annotators")
    if args.json:
        sys.stdout.write(orjson.dumps(report.to_dict(args.top)).decode() + "\n")
    else:
        print(format_report(report, args.top))
    return 0


def run_adjudicate(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        names = _names(args.annotators)
        resolve_annotators(store, names)
        reviewer = store.annotator_id(annotator_name(args), role="reviewer")
        cmd = accept_agreed_everywhere(store, reviewer, names)
    except CommandError as e:
        raise CliError(str(e)) from None
    finally:
        store.close()
    print(f"accepted {cmd.accepted} agreed items into gold in {cmd.articles} articles")
    return 0
