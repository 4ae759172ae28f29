"""Leakage-safe splits: copies of a story, outlets' own reports of one event and declared events
never straddle train/dev/test; unrelated articles stay apart and no giant group forms."""

from __future__ import annotations

import random
import re
from pathlib import Path

import orjson
import pytest
from sqlalchemy import update

from annotator import __version__
from annotator import commands as C
from annotator.export import ExportOptions, export
from annotator.export.events import EventParams
from annotator.export.splits import Grouping, GroupParams, assign_splits, group_articles, sketch
from annotator.store import D, Store
from bench.bench_splits import distinct_topics
from bench.corpus import Generator

from ..conftest import DATA, SEEDS, add_document

SEED_TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
#: short articles on unrelated events; ``x~rewrite`` is another outlet's own report of event ``x``
EVENT_TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in sorted((DATA / "events").glob("*.txt"))}
ORIGINALS = [u for u in EVENT_TEXTS if "~" not in u]
SPLIT_FORMATS = ("tokens", "spacy", "conll", "doccano", "label-studio", "quotes", "stances")


def republished(text: str, how: int) -> str:
    """What another outlet makes of a wire story: new headline, a paragraph dropped, other spellings."""
    paras = [p for p in text.split("\n") if p.strip()]
    if how == 0:  # new headline, last paragraph dropped, a closing line added
        return "\n".join(["عاجل: تفاصيل جديدة من واشنطن", *paras[1:-1], "المصدر: وكالات"])
    if how == 1:  # spelling variants, diacritics and tatweel; a paragraph dropped
        out = "\n\n".join(paras[:2] + paras[3:])
        return (out.replace("الأميركية", "الأمريكية").replace("الأميركي", "الأمريكي")
                .replace("العراق", "العـــراق").replace("وزير", "وَزِير"))
    if how == 2:  # the headline marked as updated, the last paragraph dropped
        return "\n\n".join([paras[0] + " (محدث)", *paras[1:-1]])
    raise ValueError(how)


def corpus() -> tuple[dict[str, str], list[set[str]]]:
    """The seeds (one event) with two copies each, the unrelated events with a copy each and
    their rewrites; and the groups that must come out."""
    texts: dict[str, str] = {}
    seed_group: set[str] = set()
    for uid, text in SEED_TEXTS.items():
        texts[uid] = text
        seed_group.add(uid)
        for h in (0, 1):
            texts[f"{uid}-copy{h}"] = republished(text, h)
            seed_group.add(f"{uid}-copy{h}")
    groups = [seed_group]
    for uid in ORIGINALS:
        texts[uid] = EVENT_TEXTS[uid]
        texts[f"{uid}-copy"] = republished(EVENT_TEXTS[uid], 2)
        group = {uid, f"{uid}-copy"}
        if f"{uid}~rewrite" in EVENT_TEXTS:
            texts[f"{uid}~rewrite"] = EVENT_TEXTS[f"{uid}~rewrite"]
            group.add(f"{uid}~rewrite")
        groups.append(group)
    return texts, groups


def named_groups(texts: dict[str, str], **kw: object) -> tuple[list[list[str]], Grouping]:
    uids = list(texts)
    g = group_articles([texts[u] for u in uids], **kw)  # type: ignore[arg-type]
    return sorted(sorted(uids[i] for i in grp) for grp in g.groups), g


def test_grouping_joins_copies_and_reports_of_one_event_and_nothing_else() -> None:
    texts, want = corpus()
    got, g = named_groups(texts)
    assert got == sorted(sorted(s) for s in want)
    r = g.report()
    n_rewrites = sum("~" in u for u in EVENT_TEXTS)
    assert n_rewrites == 3 and len(ORIGINALS) == 18
    assert r["groups"] == 19 and r["largest"] == 15 and r["articles"] == len(texts)
    # copies are joined as near-duplicates; the five outlets and the rewrites by the same-event pass
    assert r["pairs_confirmed"] == 10 + 18 and r["pairs_event"] == 4 + n_rewrites
    assert r["largest_groups"][0]["size"] == 15
    firsts = {u: t.strip().split("\n")[0] for u, t in texts.items()}
    assert {firsts[u] for u in want[0]} >= set(r["largest_groups"][0]["examples"])


def test_the_five_seed_reports_share_few_shingles_yet_are_one_event() -> None:
    """The samples cover the same Iraq-US talks but were written independently (3-word shingle
    overlap <= 3%): near-duplicate detection keeps them apart, the same-event pass joins them."""
    texts = list(SEED_TEXTS.values())
    sk = [sketch(t, GroupParams()) for t in texts]
    for i in range(5):
        for j in range(i + 1, 5):
            assert sum(a == b for a, b in zip(sk[i], sk[j], strict=True)) / 128 < 0.1
    no_events = GroupParams(events=EventParams(threshold=0))
    assert len(group_articles(texts, params=no_events).groups) == 5
    g = group_articles(texts)
    assert g.groups == [[0, 1, 2, 3, 4]] and g.pairs_confirmed == 0 and g.pairs_event == 4
    # a declared event still joins what text similarity cannot
    assert sorted(map(len, group_articles(texts, ["x", None, None, None, "x"], params=no_events).groups)) == [1, 1, 1, 2]


def test_unrelated_events_stay_apart_and_each_rewrite_joins_its_original() -> None:
    got, _ = named_groups(EVENT_TEXTS)
    several = [grp for grp in got if len(grp) > 1]
    assert several == sorted([u, f"{u}~rewrite"] for u in ORIGINALS if f"{u}~rewrite" in EVENT_TEXTS)
    # articles sharing people or places with the seeds (Blinken in Alaska, Iraqi elections, US strikes
    # at the Iraqi border) are other events: adding them leaves the seeds' group unchanged
    mixed = {**SEED_TEXTS, **EVENT_TEXTS}
    got, _ = named_groups(mixed)
    assert sorted(SEED_TEXTS) in got and len(got) == len(ORIGINALS) + 1


def test_grouping_and_splits_do_not_depend_on_the_input_order() -> None:
    texts, _ = corpus()
    first, g0 = named_groups(texts)
    uids = list(texts)
    split0 = {uids[i]: s for i, s in assign_splits(g0.groups, (60, 20, 20), seed=3).items()}
    rng = random.Random(11)
    for _ in range(3):
        order = list(texts)
        rng.shuffle(order)
        shuffled = {u: texts[u] for u in order}
        got, g = named_groups(shuffled)
        assert got == first and g.report() == g0.report() | {"largest_groups": g.report()["largest_groups"],
                                                              "event_examples": g.report()["event_examples"]}
        assert {order[i]: s for i, s in assign_splits(g.groups, (60, 20, 20), seed=3).items()} == split0


def test_dates_far_apart_are_never_one_event() -> None:
    texts = list(SEED_TEXTS.values())
    dates = ["2021-07-23", "2021-07-24", "2021-07-23", "2021-04-07", "2023-07-23"]
    g = group_articles(texts, dates=dates)
    assert sorted(map(len, g.groups)) == [1, 4] and [4] in g.groups


def test_many_unrelated_articles_form_no_giant_group() -> None:
    # 1,500 articles on 1,500 made-up topics that share words by chance (see bench/bench_splits.py)
    texts = distinct_topics([w for t in EVENT_TEXTS.values() for w in t.split()], 1500, random.Random(7))
    g = group_articles(texts)
    r = g.report()
    assert r["largest"] <= 3 and r["groups"] >= 0.95 * len(texts)
    # the corpus does hold chance links, which average linkage keeps from chaining
    assert r["pairs_event"] > 0


def test_copying_is_transitive_but_topical_similarity_does_not_chain() -> None:
    """Half of story A followed by half of story B leaks into whichever split holds A or B: all three
    are one group. Topical links are fuzzier: A~B and B~C do not make A~C, so a group forms only
    when its members are similar on average (else one chain could sweep up a whole corpus)."""
    a, b = EVENT_TEXTS["quake_malatya"], EVENT_TEXTS["floods_sudan"]
    pa, pb = a.split("\n\n"), b.split("\n\n")
    mixed = "\n\n".join(pa[: len(pa) // 2 + 1] + pb[len(pb) // 2:])
    g = group_articles([a, mixed, b], params=GroupParams(events=EventParams(threshold=0)))
    assert g.groups == [[0, 1, 2]] and g.pairs_confirmed == 2
    # events: y shares some words with x and others with z; x and z share nothing
    rng = random.Random(3)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    vocab = sorted({"".join(rng.choice(letters) for _ in range(6)) for _ in range(400)})
    t1, t2, own = vocab[:8], vocab[8:16], vocab[16:30]
    x, z = " ".join(t1 * 3), " ".join(t2 * 3)
    y = " ".join(t1[:4] + t2[:4] + own)
    others = [" ".join(vocab[30 + 8 * k : 38 + 8 * k] * 2) for k in range(40)]  # unrelated: for the IDF
    g = group_articles([x, y, z, *others])
    assert g.pairs_event == 1 and g.refused >= 1
    assert next(sorted(grp) for grp in g.groups if 1 in grp) in ([0, 1], [1, 2])
    assert max(map(len, g.groups)) == 2


def test_the_size_cap_bounds_a_corpus_of_remixed_copies() -> None:
    """bench/corpus.py builds articles from the seeds' own sentences: any two share a third of them
    and chains of such overlaps reach the whole corpus. The cap keeps every group small enough to
    place, and the splits still come close to the requested shares."""
    gen = Generator(13)
    texts = [gen.body() for _ in range(600)]
    g = group_articles(texts, params=GroupParams(max_group=20))
    r = g.report()
    assert r["largest"] <= 20 and r["refused"] > 0 and r["cap"] == 20
    where = assign_splits(g.groups, (80, 10, 10), seed=13)
    share = sum(1 for s in where.values() if s == "test") / len(texts)
    assert abs(share - 0.1) < 0.03
    assert GroupParams().cap(600) == 50 and GroupParams().cap(20_000) == 200


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


def _project(store: Store) -> tuple[dict[str, str], list[set[str]]]:
    """The corpus as a project: every article done in gold, with an entity, a quote and a stance."""
    texts, groups = corpus()
    gold = store.gold_id
    for uid, text in texts.items():
        doc = add_document(store, text, uid=uid)
        i = text.find("واشنطن")
        if i >= 0:
            store.run(C.AddSpan(doc, gold, i, i + len("واشنطن"), "GPE"))
        first = re.search(r"\w+", text)
        assert first is not None
        m = C.AddSpan(doc, gold, first.start(), first.end(), "PER")
        store.run(m)
        end = text.find("\n", first.end() + 1)
        store.run(C.AddQuote(doc, gold, (first.end() + 1, end if end > 0 else len(text)), speaker_span_id=m.span_id,
                             kind="direct"))
        store.run(C.AddStance(doc, gold, "favor", holder_span_id=m.span_id, target_topic="us_presence_iraq"))
        store.run(C.SetDocStatus(doc, gold, "done"))
    return texts, groups


def _placed(folder: Path, fmt: str, texts: dict[str, str]) -> dict[str, set[str]]:
    """uid -> the split files holding a record of that article."""
    out: dict[str, set[str]] = {}
    if fmt == "conll":  # no ids in CoNLL: an article is known by its words, run together
        by_words = {"".join(t.split()): u for u, t in texts.items()}
        for f in folder.glob("*.conll"):
            for block in f.read_text(encoding="utf-8").split("-DOCSTART-")[1:]:
                words = [line.split("\t")[0] for line in block.split("\n")[1:] if line.strip()]
                out.setdefault(by_words["".join(words)], set()).add(f.stem)
        return out
    for f in folder.glob("*.json*"):
        if f.stem == "labels":
            continue
        data = f.read_bytes()
        records = orjson.loads(data) if f.suffix == ".json" else [orjson.loads(x) for x in data.splitlines()]
        for rec in records:
            out.setdefault(rec["data"]["doc_id"] if "data" in rec else rec["doc_id"], set()).add(f.stem)
    return out


def test_no_story_straddles_splits_in_any_training_format(store: Store, tmp_path: Path) -> None:
    texts, groups = _project(store)
    for seed in (13, 2):
        plans = []
        for fmt in SPLIT_FORMATS:
            out = tmp_path / f"{fmt}-{seed}"
            export(store, fmt, ExportOptions(layer="gold", statuses=("done",), split=(60, 20, 20), seed=seed), out)
            where = _placed(out, fmt, texts)
            assert set(where) == set(texts), fmt  # every article has records in this format
            assert all(len(s) == 1 for s in where.values()), fmt
            for grp in groups:
                assert len({next(iter(where[u])) for u in grp}) == 1, f"{sorted(grp)} straddles ({fmt}, seed {seed})"
            plans.append({u: next(iter(s)) for u, s in where.items()})
            assert {"train", "dev", "test"} <= {f.stem for f in out.iterdir()}
        assert all(p == plans[0] for p in plans)  # one plan for every format
    again = tmp_path / "again"
    export(store, "tokens", ExportOptions(layer="gold", statuses=("done",), split=(60, 20, 20), seed=13), again)
    for name in ("train.jsonl", "dev.jsonl", "test.jsonl", "labels.json"):
        assert (again / name).read_bytes() == (tmp_path / "tokens-13" / name).read_bytes()


def test_declared_events_join_groups_in_conll_splits(sqlite_store: Store, tmp_path: Path) -> None:
    texts, _ = _project(sqlite_store)
    joined = ["football_ahly_zamalek", "festival_carthage", "oil_brent"]
    with sqlite_store.write() as conn:
        conn.execute(update(D).where(D.c.uid.in_(joined)).values(meta={"event": "declared-2021"}))
    out = tmp_path / "conll"
    export(sqlite_store, "conll", ExportOptions(layer="gold", statuses=("done",), split=(60, 20, 20)), out)
    where = _placed(out, "conll", texts)
    # the three stories (with their copies and a rewrite: 7 articles) now form one group
    members = [u for u in texts if u.split("-copy")[0].split("~")[0] in joined]
    assert len(members) == 7 and len({next(iter(where[u])) for u in members}) == 1
    card = (out / "README.md").read_text()
    assert "groups: 17 (17 with several articles, largest 15)" in card


def test_dataset_card_reports_counts_schema_version_options_grouping_and_offsets(sqlite_store: Store, tmp_path: Path) -> None:
    texts, _ = _project(sqlite_store)
    out = tmp_path / "card"
    opts = ExportOptions(layer="gold", statuses=("done",), split=(80, 10, 10), seed=7, rename={"GPE": "PLACE"})
    export(sqlite_store, "tokens", opts, out)
    card = (out / "README.md").read_text()
    where = _placed(out, "tokens", texts)
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
    # the grouping: methods, thresholds, counts, the largest groups by title, the same-event pairs joined
    assert "groups: 19 (19 with several articles, largest 15)" in card
    assert "threshold: estimated Jaccard similarity ≥ 0.3; 28 near-duplicate pairs joined" in card
    assert "same event: TF-IDF cosine over content words" in card and "average linkage" in card
    assert "same-event threshold: mean cosine ≥ 0.14; 7 same-event pairs joined" in card
    assert "size cap: the similarity passes make no group of more than 50 articles" in card
    largest = card.split("- largest groups (size: example titles):\n")[1].split("\n- split:")[0].splitlines()
    assert len(largest) == 5 and largest[0].startswith("  - 15: “") and [x[:8] for x in largest[1:]] == ["  - 3: “"] * 3 + ["  - 2: “"]
    title = SEED_TEXTS["000_a260749bfb491ba1"].split("\n")[0]
    assert f"“{title}”" in largest[0]
    joined = [line for line in card.splitlines() if line.startswith("  - joined: “")]
    assert len(joined) == 4 and all("(cosine 0." in line for line in joined)  # the seeds' group, the rewrites
    assert joined[0].split("” ~ “")[0][len("  - joined: “"):] in {t.split("\n")[0] for t in SEED_TEXTS.values()}


def test_publication_dates_reach_the_grouping_of_an_export(sqlite_store: Store, tmp_path: Path) -> None:
    for uid, text in SEED_TEXTS.items():
        doc = add_document(sqlite_store, text, uid=uid)
        sqlite_store.run(C.SetDocStatus(doc, sqlite_store.gold_id, "done"))
    opts = ExportOptions(layer="gold", statuses=("done",), split=(60, 20, 20))
    export(sqlite_store, "tokens", opts, tmp_path / "same")
    assert "groups: 1 (1 with several articles, largest 5)" in (tmp_path / "same" / "README.md").read_text()
    late = next(iter(SEED_TEXTS))
    with sqlite_store.write() as conn:
        conn.execute(update(D).where(D.c.uid != late).values(published="2021-07-23"))
        conn.execute(update(D).where(D.c.uid == late).values(published="2023-07-23"))
    export(sqlite_store, "tokens", opts, tmp_path / "dated")
    assert "groups: 2 (1 with several articles, largest 4)" in (tmp_path / "dated" / "README.md").read_text()


def test_grouping_thresholds_are_export_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--event-threshold 0`` turns the same-event pass off: the seeds' five reports of one event
    then stay five stories (each with its copies); bad values and misplaced flags are refused."""
    from annotator.cli import main

    path = tmp_path / "p.db"
    store = Store.open(path)
    _project(store)
    store.close()

    def groups(*flags: str) -> int:
        out = tmp_path / f"out{len(list(tmp_path.iterdir()))}"
        args = ["--project", str(path), "export", "--format", "conll", "--split", "60/20/20", "--out", str(out), *flags]
        assert main(args) == 0
        card = (out / "README.md").read_text(encoding="utf-8")
        m = re.search(r"groups: (\d+) \(", card)
        assert m is not None, card
        return int(m.group(1))

    default, no_events = groups(), groups("--event-threshold", "0")
    assert no_events >= default + len(SEED_TEXTS) - 1  # at least the seeds come apart (rewrites too)
    assert groups("--dup-threshold", "0.3", "--event-threshold", "0.14") == default  # the defaults, spelled out
    capsys.readouterr()
    assert main(["--project", str(path), "export", "--format", "conll", "--split", "60/20/20",
                 "--out", str(tmp_path / "bad"), "--event-threshold", "2"]) != 0
    assert "event threshold must be in [0, 1]" in capsys.readouterr().err
    assert main(["--project", str(path), "export", "--format", "conll", "--dup-threshold", "0.5"]) != 0
    assert "--dup-threshold only applies to a --split export" in capsys.readouterr().err
