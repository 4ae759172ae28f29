"""Leakage-safe splits: near-duplicate articles (and declared events) never straddle train/dev/test."""

from __future__ import annotations

import random
from pathlib import Path

import orjson
import pytest
from sqlalchemy import update

from annotator import __version__
from annotator import commands as C
from annotator.export import ExportOptions, export
from annotator.export.splits import GroupParams, assign_splits, group_articles, sketch
from annotator.store import D, Store

from ..conftest import SEEDS, add_document

SEED_TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def republished(text: str, how: int) -> str:
    """What another outlet makes of a wire story: new headline, a paragraph dropped, other spellings."""
    paras = [p for p in text.split("\n") if p.strip()]
    if how == 0:  # new headline, last paragraph dropped, a closing line added
        return "\n".join(["عاجل: تفاصيل جديدة من واشنطن", *paras[1:-1], "المصدر: وكالات"])
    if how == 1:  # spelling variants, diacritics and tatweel; a paragraph dropped
        out = "\n\n".join(paras[:2] + paras[3:])
        return (out.replace("الأميركية", "الأمريكية").replace("الأميركي", "الأمريكي")
                .replace("العراق", "العـــراق").replace("وزير", "وَزِير"))
    raise ValueError(how)


def filler(rng: random.Random, vocab: list[str], n: int = 300) -> str:
    return " ".join(rng.choice(vocab) for _ in range(n))


def corpus(n_fillers: int = 25) -> tuple[dict[str, str], list[set[str]]]:
    """Seeds, two republished copies of each, unrelated fillers; and the groups that must hold."""
    texts: dict[str, str] = {}
    groups: list[set[str]] = []
    for uid, text in SEED_TEXTS.items():
        texts[uid] = text
        copies = {f"{uid}-copy{h}" for h in (0, 1)}
        for h in (0, 1):
            texts[f"{uid}-copy{h}"] = republished(text, h)
        groups.append({uid, *copies})
    rng = random.Random(5)
    vocab = sorted({w for t in SEED_TEXTS.values() for w in t.split()})
    for i in range(n_fillers):
        texts[f"filler-{i:02d}"] = filler(rng, vocab)
        groups.append({f"filler-{i:02d}"})
    return texts, groups


def test_grouping_finds_republished_copies_and_nothing_else() -> None:
    texts, want = corpus()
    uids = list(texts)
    g = group_articles([texts[u] for u in uids])
    got = sorted(sorted(uids[i] for i in grp) for grp in g.groups)
    assert got == sorted(sorted(s) for s in want)
    r = g.report()
    assert r["groups"] == len(want) and r["groups_of_several"] == 5 and r["sizes"]["3"] == 5


def test_the_seed_articles_are_distinct_texts_unless_an_event_is_declared() -> None:
    """The five samples cover the same Iraq-US talks but were written independently (3-word shingle
    overlap <= 3%): text similarity keeps them apart, a declared event id puts them together."""
    texts = list(SEED_TEXTS.values())
    sk = [sketch(t, GroupParams()) for t in texts]
    for i in range(5):
        for j in range(i + 1, 5):
            assert sum(a == b for a, b in zip(sk[i], sk[j], strict=True)) / 128 < 0.1
    assert len(group_articles(texts).groups) == 5
    events = ["iraq-us-dialogue"] * 4 + [None]
    g = group_articles(texts, events)
    assert sorted(map(len, g.groups)) == [1, 4]


def test_assign_splits_follows_the_percentages_with_whole_groups() -> None:
    singles = [[i] for i in range(1000)]
    where = assign_splits(singles, (80, 10, 10), seed=13)
    counts = {s: sum(1 for v in where.values() if v == s) for s in ("train", "dev", "test")}
    assert counts == {"train": 800, "dev": 100, "test": 100}
    assert assign_splits(singles, (80, 10, 10), seed=13) == where
    assert assign_splits(singles, (80, 10, 10), seed=14) != where
    rng = random.Random(2)
    groups, k = [], 0
    for _ in range(300):
        size = rng.choice([1, 1, 1, 2, 3, 7])
        groups.append(list(range(k, k + size)))
        k += size
    where = assign_splits(groups, (70, 20, 10), seed=13)
    for grp in groups:
        assert len({where[i] for i in grp}) == 1
    share = {s: sum(1 for v in where.values() if v == s) / k for s in ("train", "dev", "test")}
    assert abs(share["train"] - 0.7) < 0.02 and abs(share["dev"] - 0.2) < 0.02 and abs(share["test"] - 0.1) < 0.02
    with pytest.raises(ValueError):
        assign_splits(groups, (80, 20), seed=1)


def _project(store: Store) -> list[set[str]]:
    texts, groups = corpus()
    gold = store.gold_id
    for uid, text in texts.items():
        doc = add_document(store, text, uid=uid)
        i = text.find("واشنطن")
        if i >= 0:
            store.run(C.AddSpan(doc, gold, i, i + len("واشنطن"), "GPE"))
        store.run(C.SetDocStatus(doc, gold, "done"))
    return groups


def _split_of(folder: Path, suffix: str = ".jsonl") -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in folder.glob(f"*{suffix}"):
        for line in f.read_bytes().splitlines():
            out.setdefault(orjson.loads(line)["doc_id"], set()).add(f.stem)
    return out


def test_split_export_never_lets_a_story_straddle_splits(store: Store, tmp_path: Path) -> None:
    groups = _project(store)
    for seed in (13, 1, 2, 3):
        out = tmp_path / f"split-{seed}"
        report = export(store, "tokens", ExportOptions(layer="gold", statuses=("done",), split=(60, 20, 20), seed=seed), out)
        assert report.paths == [out]
        assert sorted(p.name for p in out.iterdir()) == ["README.md", "dev.jsonl", "labels.json", "test.jsonl", "train.jsonl"]
        where = _split_of(out)
        assert set(where) == {u for g in groups for u in g}
        assert all(len(s) == 1 for s in where.values())  # each article in exactly one split
        for grp in groups:
            assert len({next(iter(where[u])) for u in grp}) == 1, f"group {sorted(grp)} straddles splits (seed {seed})"
        sizes = {s: sum(1 for v in where.values() if s in v) for s in ("train", "dev", "test")}
        assert all(sizes.values()) and sizes["train"] > sizes["dev"]
    again = tmp_path / "again"
    export(store, "tokens", ExportOptions(layer="gold", statuses=("done",), split=(60, 20, 20), seed=13), again)
    for name in ("train.jsonl", "dev.jsonl", "test.jsonl", "labels.json"):
        assert (again / name).read_bytes() == (tmp_path / "split-13" / name).read_bytes()


def test_declared_events_keep_the_seed_articles_together_in_conll_splits(sqlite_store: Store, tmp_path: Path) -> None:
    _project(sqlite_store)
    with sqlite_store.write() as conn:
        conn.execute(update(D).where(D.c.uid.in_(list(SEED_TEXTS))).values(meta={"event": "iraq-us-dialogue-2021"}))
    out = tmp_path / "conll"
    export(sqlite_store, "conll", ExportOptions(layer="gold", statuses=("done",), split=(60, 20, 20)), out)
    # the seeds and their copies (15 articles) now form one group: one split holds all of them
    counts = {f.stem: f.read_text(encoding="utf-8").count("-DOCSTART-") for f in out.glob("*.conll")}
    assert sum(counts.values()) == 40 and max(counts.values()) >= 15
    card = (out / "README.md").read_text()
    assert "groups: 26 (1 with several articles, largest 15)" in card


def test_dataset_card_reports_counts_schema_version_options_grouping_and_offsets(sqlite_store: Store, tmp_path: Path) -> None:
    _project(sqlite_store)
    out = tmp_path / "card"
    opts = ExportOptions(layer="gold", statuses=("done",), split=(80, 10, 10), seed=7, rename={"GPE": "PLACE"})
    export(sqlite_store, "tokens", opts, out)
    card = (out / "README.md").read_text()
    where = _split_of(out)
    for split in ("train", "dev", "test"):
        n_art = sum(1 for v in where.values() if split in v)
        n_rec = len((out / f"{split}.jsonl").read_bytes().splitlines())
        row = next(line for line in card.splitlines() if line.startswith(f"| {split} |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[1] == str(n_art) and cells[2] == str(n_rec)
    labels = orjson.loads((out / "labels.json").read_bytes())
    b_place = labels["label2id"]["B-PLACE"]
    header = next(line for line in card.splitlines() if line.startswith("| split |"))
    col = [c.strip() for c in header.strip("|").split("|")].index("PLACE")
    for split in ("train", "dev", "test"):
        recs = [orjson.loads(x) for x in (out / f"{split}.jsonl").read_bytes().splitlines()]
        row = next(line for line in card.splitlines() if line.startswith(f"| {split} |"))
        assert [c.strip() for c in row.strip("|").split("|")][col] == str(sum(r["ner_tags"].count(b_place) for r in recs))
    assert f"annotator {__version__}" in card
    assert "`PLACE` (from GPE)" in card and "split: 80/10/10 (seed 7)" in card and "layer: gold" in card
    assert "Unicode code points" in card and "logical (memory) order" in card
    shares = [round(100 * sum(1 for v in where.values() if s in v) / len(where)) for s in ("train", "dev", "test")]
    assert f"achieved {'/'.join(map(str, shares))} in articles (requested 80/10/10)" in card
    assert "groups: 30 (5 with several articles, largest 3)" in card and "threshold: estimated Jaccard similarity ≥ 0.3" in card
