"""Token formats (``tokens``, ``conll``): Hugging Face ``datasets`` loads them, spans round-trip,
alignment and nesting are reported, label subsets and renames reach tags, labels.json and card.

The builders here are shared with the other training-export tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from annotator import commands as C
from annotator import text as T
from annotator.export import ExportOptions, export
from annotator.ingest import import_paths
from annotator.store import Store

from ..conftest import add_document

# an emoji flag (two code points outside the BMP) sits before the second sentence's spans
TEXT = (
    'قال وزير الخارجية العراقي فؤاد حسين إن العراق "يسعى لمواصلة التنسيق الأمني مع واشنطن". '
    "🇮🇶 وأكد مسؤولون في وزارة الخارجية الأميركية أن الحوار مستمر."
)
TEXT2 = "وصل رئيس الوزراء مصطفى الكاظمي إلى بغداد.\nوالتقى الكاظمي بوفد من الأمم المتحدة."


def at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(part, i + 1)
    return i, i + len(part)


#: gold entities of TEXT: all on token boundaries; ORG contains a nested GPE
GOLD1 = [("فؤاد حسين", "PER"), ("العراق", "GPE"), ("واشنطن", "GPE"),
         ("وزارة الخارجية الأميركية", "ORG"), ("الأميركية", "GPE")]
GOLD2 = [("مصطفى الكاظمي", "PER"), ("بغداد", "GPE"), ("الكاظمي", "PER"), ("الأمم المتحدة", "ORG")]


def _spans(text: str, items: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    seen: dict[str, int] = {}
    out = []
    for part, label in items:
        n = seen.get(part, 0)
        if part == "العراق":  # the standalone word, not the one inside العراقي
            a, b = at(text, " العراق ")
            a, b = a + 1, b - 1
        elif part == "الكاظمي" and label == "PER" and n == 0 and ("مصطفى الكاظمي", "PER") in items:
            a, b = at(text, part, 1)
        else:
            a, b = at(text, part, n)
        seen[part] = n + 1
        out.append((a, b, label))
    return out


def build(store: Store, *, extra_spans: dict[str, list[tuple[int, int, str]]] | None = None) -> dict[str, Any]:
    """Two articles: gold (done) on both, sara (done) and omar (in progress) on the first."""
    d1 = add_document(store, TEXT, uid="doc-1", title="وزير الخارجية العراقي")
    d2 = add_document(store, TEXT2, uid="doc-2", title="الكاظمي في بغداد")
    gold, sara, omar = store.gold_id, store.annotator_id("sara"), store.annotator_id("omar")
    for doc, text, items in ((d1, TEXT, GOLD1), (d2, TEXT2, GOLD2)):
        for a, b, label in _spans(text, items):
            store.run(C.AddSpan(doc, gold, a, b, label))
        store.run(C.SetDocStatus(doc, gold, "done"))
    store.run(C.AddSpan(d1, sara, *at(TEXT, "فؤاد حسين"), "PER"))
    store.run(C.AddSpan(d1, sara, *at(TEXT, "واشنطن"), "LOC"))
    store.run(C.SetDocStatus(d1, sara, "done"))
    store.run(C.AddSpan(d1, omar, *at(TEXT, "فؤاد حسين"), "PER"))
    store.run(C.SetDocStatus(d1, omar, "in_progress"))
    for who, spans in (extra_spans or {}).items():
        aid = store.gold_id if who == "gold" else store.annotator_id(who)
        for a, b, label in spans:
            store.run(C.AddSpan(d1, aid, a, b, label))
    return {"d1": d1, "d2": d2, "texts": {"doc-1": TEXT, "doc-2": TEXT2}}


def gold_spans(uid: str) -> set[tuple[int, int, str]]:
    text, items = (TEXT, GOLD1) if uid == "doc-1" else (TEXT2, GOLD2)
    return set(_spans(text, items))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def decode_iob(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token ranges [first, last) of the entities of an IOB2 tag sequence (written for the tests)."""
    out: list[tuple[int, int, str]] = []
    cur: tuple[int, str] | None = None
    for i, tag in enumerate([*tags, "O"]):
        if cur is not None and not (tag.startswith("I-") and tag[2:] == cur[1]):
            out.append((cur[0], i, cur[1]))
            cur = None
        if tag.startswith("B-"):
            cur = (i, tag[2:])
        elif tag.startswith("I-") and cur is None:
            raise AssertionError(f"I- tag without B- at token {i}: {tags}")
    return out


def spans_from_tokens(records: list[dict[str, Any]], id2label: dict[str, str], column: str) -> dict[str, set[tuple[int, int, str]]]:
    """Rebuild character spans per article from tag ids + token offsets."""
    out: dict[str, set[tuple[int, int, str]]] = {}
    for rec in records:
        tags = [id2label[str(t)] for t in rec[column]]
        offs = rec["offsets"]
        for first, last, label in decode_iob(tags):
            out.setdefault(rec["doc_id"], set()).add((offs[first][0], offs[last - 1][1], label))
    return out


# --- tokens -------------------------------------------------------------------------------------


def test_tokens_loads_with_hugging_face_datasets(sqlite_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    import datasets

    build(sqlite_store)
    report = export(sqlite_store, "tokens", ExportOptions(layer="gold", statuses=("done",), nested="columns"),
                    tmp_path / "out.jsonl")
    out = tmp_path / "out.jsonl"
    labels = orjson.loads((tmp_path / "out.labels.json").read_bytes())
    assert labels["tags"][0] == "O" and labels["id2label"]["0"] == "O"
    assert labels["tags"] == ["O", *(f"{p}-{lb}" for lb in sqlite_store.schema.labels for p in ("B", "I"))]
    ds = datasets.load_dataset("json", data_files={"train": str(out)}, cache_dir=str(tmp_path / "cache"))["train"]
    assert {"id", "doc_id", "annotator", "tokens", "ner_tags", "ner_tags_2", "offsets"} <= set(ds.features)
    assert ds.features["tokens"].feature.dtype == "string"
    assert ds.features["ner_tags"].feature.dtype == "int64"
    # one row per sentence: TEXT has two sentences, TEXT2 two lines
    assert ds.num_rows == 4 and report.documents == 2
    rows = list(ds)
    for row in rows:
        text = TEXT if row["doc_id"] == "doc-1" else TEXT2
        assert row["annotator"] == "gold"
        assert len(row["tokens"]) == len(row["ner_tags"]) == len(row["ner_tags_2"]) == len(row["offsets"])
        assert [text[a:b] for a, b in row["offsets"]] == row["tokens"]
    all_tokens = [t for row in rows if row["doc_id"] == "doc-1" for t in row["tokens"]]
    assert all_tokens == [t.text for t in T.tokenize(TEXT)]
    assert "🇮" in all_tokens  # punctuation and symbols are tokens too
    # a split export loads as a DatasetDict, as the card shows
    folder = tmp_path / "split"
    export(sqlite_store, "tokens", ExportOptions(layer="gold", statuses=("done",), split=(50, 0, 50)), folder)
    dd = datasets.load_dataset("json", data_files={"train": str(folder / "train.jsonl"), "test": str(folder / "test.jsonl")},
                               cache_dir=str(tmp_path / "cache"))
    assert sorted(dd) == ["test", "train"] and dd["train"].num_rows + dd["test"].num_rows == 4
    assert {r["doc_id"] for r in dd["train"]}.isdisjoint({r["doc_id"] for r in dd["test"]})


def test_tokens_round_trip_gives_the_same_spans(sqlite_store: Store, tmp_path: Path) -> None:
    build(sqlite_store)
    for nested in ("columns", "outermost"):
        out = tmp_path / f"{nested}.jsonl"
        report = export(sqlite_store, "tokens", ExportOptions(layer="gold", statuses=("done",), nested=nested), out)
        id2label = orjson.loads(out.with_name(f"{nested}.labels.json").read_bytes())["id2label"]
        recs = read_jsonl(out)
        got = spans_from_tokens(recs, id2label, "ner_tags")
        if nested == "columns":
            for uid, extra in spans_from_tokens(recs, id2label, "ner_tags_2").items():
                got[uid] |= extra
            assert got == {"doc-1": gold_spans("doc-1"), "doc-2": gold_spans("doc-2")}
            assert not any("overlapping" in n for n in report.notes)
        else:
            nested_gpe = (*at(TEXT, "الأميركية"), "GPE")
            assert got == {"doc-1": gold_spans("doc-1") - {nested_gpe}, "doc-2": gold_spans("doc-2")}
            assert "1 overlapping spans beyond the tag columns dropped" in " ".join(report.notes)
            assert all("ner_tags_2" not in r for r in recs)


def test_misaligned_spans_are_expanded_and_counted(sqlite_store: Store, tmp_path: Path) -> None:
    a, b = at(TEXT, "لمواصلة")
    crossing = [(*at(TEXT, "حسين إن"), "PER"), (*at(TEXT, "حسين"), "PER")]
    build(sqlite_store, extra_spans={"gold": [(a + 1, b, "MISC"), *crossing]})
    out = tmp_path / "t.jsonl"
    report = export(sqlite_store, "tokens", ExportOptions(layer="gold", statuses=("done",), nested="columns"), out)
    notes = " ".join(report.notes)
    assert "1 spans expanded to token boundaries" in notes
    id2label = orjson.loads((tmp_path / "t.labels.json").read_bytes())["id2label"]
    got = spans_from_tokens(read_jsonl(out), id2label, "ner_tags")["doc-1"]
    got |= spans_from_tokens(read_jsonl(out), id2label, "ner_tags_2")["doc-1"]
    assert (a, b, "MISC") in got  # the whole token لمواصلة, proclitic included
    card = (tmp_path / "t.README.md").read_text()
    assert "1 expanded to whole tokens" in card
    # فؤاد حسين, حسين إن and حسين overlap: two columns hold two of them, the third is dropped
    assert "1 overlapping spans beyond the tag columns dropped" in notes


def test_label_subset_and_rename_reach_tags_labels_and_card(sqlite_store: Store, tmp_path: Path) -> None:
    build(sqlite_store)
    opts = ExportOptions(layer="gold", statuses=("done",), labels=("PER", "GPE"), rename={"GPE": "PLACE"})
    out = tmp_path / "r.jsonl"
    export(sqlite_store, "tokens", opts, out)
    labels = orjson.loads((tmp_path / "r.labels.json").read_bytes())
    assert labels["tags"] == ["O", "B-PER", "I-PER", "B-PLACE", "I-PLACE"]
    got = spans_from_tokens(read_jsonl(out), labels["id2label"], "ner_tags")
    want = {uid: {(a, b, {"GPE": "PLACE"}.get(lb, lb)) for a, b, lb in gold_spans(uid) if lb in ("PER", "GPE")}
            for uid in ("doc-1", "doc-2")}
    nested_gpe = (*at(TEXT, "الأميركية"), "PLACE")  # no longer nested: its ORG is filtered out
    assert nested_gpe in want["doc-1"]
    assert got == want
    card = (tmp_path / "r.README.md").read_text()
    assert "`PLACE` (from GPE)" in card and "rename: GPE → PLACE" in card and "ORG" not in card.split("## Options")[0]


def test_layer_all_gives_one_record_set_per_annotator(sqlite_store: Store, tmp_path: Path) -> None:
    build(sqlite_store)
    out = tmp_path / "all.jsonl"
    export(sqlite_store, "tokens", ExportOptions(layer="all", statuses=("done",)), out)
    recs = read_jsonl(out)
    by = {(r["doc_id"], r["annotator"]) for r in recs}
    assert by == {("doc-1", "gold"), ("doc-1", "sara"), ("doc-2", "gold")}  # omar is not done
    id2label = orjson.loads((tmp_path / "all.labels.json").read_bytes())["id2label"]
    sara = spans_from_tokens([r for r in recs if r["annotator"] == "sara"], id2label, "ner_tags")
    assert sara == {"doc-1": {(*at(TEXT, "فؤاد حسين"), "PER"), (*at(TEXT, "واشنطن"), "LOC")}}
    assert len({r["id"] for r in recs}) == len(recs)
    export(sqlite_store, "tokens", ExportOptions(layer="all", statuses=None), out)
    assert {r["annotator"] for r in read_jsonl(out)} == {"gold", "sara", "omar"}


# --- conll --------------------------------------------------------------------------------------


def parse_conll(path: Path) -> list[list[list[list[str]]]]:
    """Articles -> sentences -> token rows ([token, tag, (tag2)]) of a CoNLL file."""
    docs: list[list[list[list[str]]]] = []
    sent: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        cols = line.split("\t") if line else []
        if cols and cols[0] == "-DOCSTART-":
            docs.append([])
            continue
        if not cols:
            if sent:
                docs[-1].append(sent)
                sent = []
            continue
        assert docs, "tokens before the first -DOCSTART-"
        sent.append(cols)
    if sent:
        docs[-1].append(sent)
    return docs


def test_conll_parses_back_to_the_same_tokens_and_spans(sqlite_store: Store, tmp_path: Path) -> None:
    build(sqlite_store)
    out = tmp_path / "x.conll"
    export(sqlite_store, "conll", ExportOptions(layer="gold", statuses=("done",), nested="columns"), out)
    docs = parse_conll(out)
    assert len(docs) == 2 and [len(d) for d in docs] == [2, 2]
    for doc, (uid, text) in zip(docs, (("doc-1", TEXT), ("doc-2", TEXT2)), strict=True):
        rows = [r for s in doc for r in s]
        assert all(len(r) == 3 for r in rows)
        toks = T.tokenize(text)
        assert [r[0] for r in rows] == [t.text for t in toks]
        spans = set()
        for col in (1, 2):
            for first, last, label in decode_iob([r[col] for r in rows]):
                spans.add((toks[first].start, toks[last - 1].end, label))
        assert spans == gold_spans(uid)


def test_conll_reimported_with_the_ingest_reader_gives_the_same_spans(sqlite_store: Store, tmp_path: Path) -> None:
    build(sqlite_store)
    out = tmp_path / "rt.conll"
    export(sqlite_store, "conll", ExportOptions(layer="gold", statuses=("done",), nested="columns"), out)
    fresh = Store.open(tmp_path / "fresh.db")
    try:
        report = import_paths(fresh, [out], annotator="conll")
        assert report.ok and report.imported == 2
        got: list[set[tuple[str, str]]] = []
        aid = fresh.annotator_id("conll", create=False)
        for doc_id in fresh.doc_ids():
            text = fresh.document(doc_id).text
            got.append({(text[s.start:s.end], s.label) for s in fresh.spans(doc_id, aid)})
    finally:
        fresh.close()

    def token_text(text: str, a: int, b: int) -> str:  # the exported tokens, joined by one space
        return " ".join(t.text for t in T.tokenize(text) if a <= t.start and t.end <= b)

    want = [{(token_text(t, a, b), lb) for a, b, lb in gold_spans(uid)} for uid, t in (("doc-1", TEXT), ("doc-2", TEXT2))]
    assert got == want
