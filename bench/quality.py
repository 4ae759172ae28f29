"""Quality of the suggestions on the hand-annotated sample set (tests/data/gold_samples/gold.jsonl).

The five sample articles are imported the way the app imports them (``import_paths``); then

* quotes: ``suggest_project(kinds=("quotes",))`` runs cold (no entity mentions in the project)
  and with the gold entity mentions present (as the gold layer, as after an annotation pass);
  a suggestion matches a gold quote when their contents overlap by at least half of the shorter
  one (one-to-one). Speaker: the suggested speaker text names the gold speaker (the longest of
  the gold speakers' written forms found in it decides whom it names). Cue: same offsets.
* entity propagation: one mention per gold entity is labelled (its first mention), "annotate all
  occurrences" runs over the project, and the proposals are compared with the other gold
  mentions, exactly (same offsets and label) and by overlap. A second row seeds one mention of
  every distinct written form, to separate matching from alias coverage.

    python bench/quality.py [--write]   # --write puts the table into docs/suggestions.md
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold_samples"
DOC = ROOT / "docs" / "suggestions.md"
sys.path.insert(0, str(ROOT))

from annotator import text as T  # noqa: E402
from annotator.commands import AddSpan, Batch  # noqa: E402
from annotator.ingest import import_paths  # noqa: E402
from annotator.store import Store  # noqa: E402
from annotator.suggest import propagate, suggest_project  # noqa: E402


def load_gold() -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    records = [
        json.loads(line) for line in (GOLD / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]
    speakers = json.loads((GOLD / "anchors.json").read_text(encoding="utf-8"))["speakers"]
    return records, speakers


def open_samples(path: Path, records: list[dict[str, Any]]) -> tuple[Store, dict[str, int]]:
    """A project holding the samples as the app imports them; checks the gold still fits the text."""
    store = Store.open(path)
    report = import_paths(store, sorted((ROOT / "seeds").glob("*.txt")))
    docs = {f.path.name: f.doc_ids[0] for f in report.files if f.doc_ids}
    for r in records:
        text = store.document(docs[r["file"]]).text
        bad = [q for q in r["quotes"] if text[q["content"][0] : q["content"][1]] != q["content_text"]]
        bad += [e for e in r["entities"] if text[e["start"] : e["end"]] != e["text"]]
        if bad:
            raise SystemExit(
                f"{r['file']}: the importer's text changed; run tests/data/gold_samples/build.py"
            )
    return store, docs


def _words(s: str) -> str:
    return " " + " ".join(re.findall(r"[^\W_]+", T.normalize(s))) + " "


def speaker_identity(text: str, speakers: dict[str, list[str]]) -> str | None:
    """Whom a speaker text names: the gold speaker with the longest written form found in it."""
    w = _words(text)
    if not text.strip() or len(w.split()) > 10:
        return None
    best = max(
        ((len(a), sid) for sid, forms in speakers.items() for a in forms if _words(a) in w), default=None
    )
    return best[1] if best else None


@dataclass
class PR:
    """Counts for precision (proposals that are right) and recall (gold items that were found)."""

    right: int = 0  # proposals that match a gold item
    pred: int = 0
    found: int = 0  # gold items matched by a proposal
    gold: int = 0

    @property
    def p(self) -> float:
        return self.right / self.pred if self.pred else 0.0

    @property
    def r(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def cells(self) -> str:
        return f"{self.p:.2f} | {self.r:.2f} | {self.f:.2f} | {self.right}/{self.pred} | {self.found}/{self.gold}"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def eval_quotes(
    store: Store,
    docs: dict[str, int],
    records: list[dict[str, Any]],
    speakers: dict[str, list[str]],
    who: int,
) -> dict[str, PR]:
    res = {k: PR() for k in ("content", "speaker", "cue", "kind")}
    for r in records:
        doc = docs[r["file"]]
        text = store.document(doc).text
        preds = []
        for q in store.quotes(doc, who, statuses=("suggested",)):
            c = store.span(q.content_span_id)
            cue = store.span(q.cue_span_id) if q.cue_span_id else None
            sp = q.speaker_text or ""
            if not sp and q.speaker_span_id:
                s = store.span(q.speaker_span_id)
                sp = text[s.start : s.end] if s else ""
            preds.append(
                {
                    "content": (c.start, c.end) if c else (0, 0),
                    "cue": (cue.start, cue.end) if cue else None,
                    "speaker": speaker_identity(sp, speakers),
                    "kind": q.kind,
                }
            )
        gold = [
            {**g, "content": tuple(g["content"]), "cue": tuple(g["cue"]) if g["cue"] else None}
            for g in r["quotes"]
        ]
        pairs = sorted(
            (
                (_overlap(p["content"], g["content"]), i, j)
                for i, p in enumerate(preds)
                for j, g in enumerate(gold)
            ),
            reverse=True,
        )
        used_p, used_g, matched = set(), set(), []
        for ov, i, j in pairs:
            shorter = min(
                preds[i]["content"][1] - preds[i]["content"][0], gold[j]["content"][1] - gold[j]["content"][0]
            )
            if ov and ov * 2 >= shorter and i not in used_p and j not in used_g:
                used_p.add(i)
                used_g.add(j)
                matched.append((preds[i], gold[j]))
        hits = {
            "content": len(matched),
            "speaker": sum(p["speaker"] == g["speaker"] for p, g in matched),
            "kind": sum(p["kind"] == g["kind"] for p, g in matched),
            "cue": sum(p["cue"] is not None and p["cue"] == g["cue"] for p, g in matched),
        }
        for k, n in hits.items():  # one-to-one: a right proposal is a found gold item
            res[k].right += n
            res[k].found += n
        for k in ("content", "speaker", "kind"):
            res[k].pred += len(preds)
            res[k].gold += len(gold)
        res["cue"].pred += sum(p["cue"] is not None for p in preds)
        res["cue"].gold += sum(g["cue"] is not None for g in gold)
    return res


def add_gold_mentions(store: Store, docs: dict[str, int], records: list[dict[str, Any]]) -> None:
    gold = store.gold_id
    cmds = [
        AddSpan(docs[r["file"]], gold, e["start"], e["end"], e["label"])
        for r in records
        for e in r["entities"]
    ]
    store.run(Batch(cmds, label="gold mentions"), gold)


def eval_propagation(tmp: Path, records: list[dict[str, Any]], by_form: bool) -> tuple[PR, PR]:
    store, docs = open_samples(tmp / f"prop{int(by_form)}.db", records)
    who = store.annotator_id("bench")
    mentions = [(r["file"], e) for r in records for e in r["entities"]]
    seeds: dict[Any, tuple[str, dict[str, Any]]] = {}
    for f, e in mentions:  # file order, then text order: the first mention of each entity (or form)
        key = (e["entity"], T.normalize(e["text"])) if by_form else e["entity"]
        seeds.setdefault(key, (f, e))
    seed_keys = {(docs[f], e["start"], e["end"]) for f, e in seeds.values()}
    pred: set[tuple[int, int, int, str]] = set()
    for f, e in seeds.values():
        add = AddSpan(docs[f], who, e["start"], e["end"], e["label"])
        store.run(add, who)
        assert add.span_id is not None
        pred |= {
            (c.doc_id, c.start, c.end, c.label)
            for c in propagate(store, who, span_id=add.span_id, scope="project")
        }
    store.close()
    gold = {
        (docs[f], e["start"], e["end"], e["label"])
        for f, e in mentions
        if (docs[f], e["start"], e["end"]) not in seed_keys
    }
    pred = {p for p in pred if p[:3] not in seed_keys}
    exact = len(pred & gold)
    strict = PR(exact, len(pred), exact, len(gold))

    def near(x: tuple[int, int, int, str], y: tuple[int, int, int, str]) -> bool:
        return x[0] == y[0] and x[3] == y[3] and _overlap((x[1], x[2]), (y[1], y[2])) > 0

    loose = PR(
        sum(any(near(p, g) for g in gold) for p in pred),
        len(pred),
        sum(any(near(p, g) for p in pred) for g in gold),
        len(gold),
    )
    return strict, loose


def table(rows: Iterable[tuple[str, PR]]) -> str:
    lines = [
        "| measure | precision | recall | F1 | correct/proposed | found/gold |",
        "|---|---|---|---|---|---|",
    ]
    lines += [f"| {name} | {pr.cells()} |" for name, pr in rows]
    return "\n".join(lines)


def main() -> int:
    records, speakers = load_gold()
    nq = sum(len(r["quotes"]) for r in records)
    ne = sum(len(r["entities"]) for r in records)
    out = [f"Gold: {len(records)} sample articles, {nq} quotes, {ne} entity mentions of 8 entities.", ""]
    with tempfile.TemporaryDirectory() as tmp_:
        tmp = Path(tmp_)
        rows: list[tuple[str, PR]] = []
        for setting in ("cold", "gold mentions"):
            store, docs = open_samples(tmp / f"quotes_{setting[0]}.db", records)
            if setting != "cold":
                add_gold_mentions(store, docs, records)
            who = store.annotator_id("bench")
            suggest_project(store, who, ("quotes",))
            res = eval_quotes(store, docs, records, speakers, who)
            store.close()
            label = "no mentions in the project" if setting == "cold" else "gold entity mentions present"
            rows += [
                (f"quotes ({label}): content overlap", res["content"]),
                (f"quotes ({label}): speaker", res["speaker"]),
                (f"quotes ({label}): cue", res["cue"]),
                (f"quotes ({label}): kind", res["kind"]),
            ]
        for by_form in (False, True):
            strict, loose = eval_propagation(tmp, records, by_form)
            how = "one seed per written form" if by_form else "one seed per entity"
            rows += [(f"propagation ({how}): exact", strict), (f"propagation ({how}): overlap", loose)]
    out.append(table(rows))
    result = "\n".join(out)
    print(result)
    if "--write" in sys.argv:
        doc = DOC.read_text(encoding="utf-8")
        begin, end = "<!-- quality:begin -->", "<!-- quality:end -->"
        a, b = doc.index(begin) + len(begin), doc.index(end)
        DOC.write_text(doc[:a] + "\n" + result + "\n" + doc[b:], encoding="utf-8")
        print(f"written to {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
