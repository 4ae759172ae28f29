"""spaCy (DocBin loads back, char_span alignment reported), doccano and Label Studio (their documented
import shapes), quotes and stances records."""

from __future__ import annotations

import gc
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import orjson
import pytest

from annotator import commands as C
from annotator.export import ExportOptions, export, training
from annotator.store import Store

from .test_export_training import TEXT, TEXT2, at, build, gold_spans, read_jsonl

GOLD = ExportOptions(layer="gold", statuses=("done",))


def with_quotes_and_stances(store: Store) -> dict[str, Any]:
    ids = build(store)
    d1, gold = ids["d1"], store.gold_id
    fuad = C.CreateEntity("فؤاد حسين", "PER", uid="ent-fuad")
    store.run(fuad)
    per = next(s for s in store.spans(d1, gold) if TEXT[s.start:s.end] == "فؤاد حسين")
    store.run(C.LinkEntity(per.id, entity_id=fuad.entity_id))
    store.run(C.AddQuote(d1, gold, at(TEXT, "يسعى لمواصلة التنسيق الأمني مع واشنطن"), cue=at(TEXT, "قال"),
                         speaker_span_id=per.id))
    store.run(C.AddQuote(d1, gold, at(TEXT, "أن الحوار مستمر"), cue=at(TEXT, "وأكد"),
                         speaker_text="مسؤولون في وزارة الخارجية", kind="indirect"))
    store.run(C.AddStance(d1, gold, "favor", holder_span_id=per.id, target_topic="us_presence_iraq",
                          evidence=[at(TEXT, "مواصلة التنسيق الأمني")]))
    store.run(C.AddStance(d1, gold, "neutral", scope="article", target_text="الحوار مع واشنطن"))
    return ids


# --- spaCy ------------------------------------------------------------------------------------


def test_spacy_jsonl_and_docbin_load_back_with_the_same_entities(sqlite_store: Store, tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    build(sqlite_store)
    out = tmp_path / "s.jsonl"
    report = export(sqlite_store, "spacy", ExportOptions(layer="gold", statuses=("done",), nested="columns"), out)
    assert tmp_path / "s.spacy" in report.paths
    nested_gpe = (*at(TEXT, "الأميركية"), "GPE")
    want = {"doc-1": gold_spans("doc-1") - {nested_gpe}, "doc-2": gold_spans("doc-2")}
    recs = read_jsonl(out)
    assert {r["doc_id"]: {tuple(e) for e in r["entities"]} for r in recs} == want
    assert {r["doc_id"]: {tuple(e) for e in r["nested"]} for r in recs} == {"doc-1": {nested_gpe}, "doc-2": set()}
    nlp = spacy.blank("ar")
    docs = list(DocBin().from_disk(tmp_path / "s.spacy").get_docs(nlp.vocab))
    assert [d.text for d in docs] == [TEXT, TEXT2]
    for d in docs:
        uid = d.user_data["doc_id"]
        assert {(e.start_char, e.end_char, e.label_) for e in d.ents} == want[uid]
        assert {(s.start_char, s.end_char, s.label_) for s in d.spans["sc"]} == gold_spans(uid)
    assert "spaCy alignment: 9 strict, 0 expanded, 0 failed, 1 overlapping left out of doc.ents" in report.notes


def test_spacy_docbin_carries_the_canonical_entity_as_kb_id(sqlite_store: Store, tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    with_quotes_and_stances(sqlite_store)  # links "فؤاد حسين" to ent-fuad
    export(sqlite_store, "spacy", GOLD, tmp_path / "kb.jsonl")
    docs = list(DocBin().from_disk(tmp_path / "kb.spacy").get_docs(spacy.blank("ar").vocab))
    kb = {(e.text, e.kb_id_) for d in docs for e in d.ents}
    assert ("فؤاد حسين", "ent-fuad") in kb
    assert all(k == "" for t, k in kb if t != "فؤاد حسين")  # unlinked mentions have no kb id


def test_spacy_export_keeps_the_cycle_collector_paused(sqlite_store: Store, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # spaCy's helpers (srsly.msgpack_loads) switch the collector back on; then every few hundred
    # allocations of the export would walk spaCy's heap (measured: +50% of the export's time)
    build(sqlite_store)
    enabled: list[bool] = []
    write_doc = training._write_doc

    def spy(*args: Any) -> None:
        enabled.append(gc.isenabled())
        write_doc(*args)

    monkeypatch.setattr(training, "_write_doc", spy)
    was = gc.isenabled()
    export(sqlite_store, "spacy", ExportOptions(layer="gold", statuses=("done",)), tmp_path / "gc.jsonl")
    assert enabled == [False, False] and gc.isenabled() == was


def test_spacy_own_tokenizer_alignment_is_reported(sqlite_store: Store, tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    build(sqlite_store)
    out = tmp_path / "own.jsonl"
    opts = ExportOptions(layer="gold", statuses=("done",), extra={"spacy_tokens": "spacy"})
    report = export(sqlite_store, "spacy", opts, out)
    # spaCy's Arabic tokenizer keeps واشنطن". as one token: strict char_span fails, expand succeeds
    nlp = spacy.blank("ar")
    assert nlp.make_doc(TEXT).char_span(*at(TEXT, "واشنطن"), alignment_mode="strict") is None
    assert "spaCy alignment: 8 strict, 1 expanded, 0 failed, 1 overlapping left out of doc.ents" in report.notes
    card = (tmp_path / "own.README.md").read_text()
    assert "8 strict, 1 expanded" in card and "spaCy's own Arabic tokenization" in card
    doc1 = next(iter(DocBin().from_disk(tmp_path / "own.spacy").get_docs(nlp.vocab)))
    assert 'واشنطن".' in {e.text for e in doc1.ents}
    # the JSONL keeps exact character offsets whatever the tokenizer
    assert (*at(TEXT, "واشنطن"), "GPE") in {tuple(e) for e in read_jsonl(out)[0]["entities"]}


def test_spacy_split_writes_one_docbin_per_split(sqlite_store: Store, tmp_path: Path) -> None:
    from spacy.tokens import DocBin

    build(sqlite_store)
    out = tmp_path / "split"
    export(sqlite_store, "spacy", ExportOptions(layer="gold", statuses=("done",), split=(50, 0, 50)), out)
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "test.jsonl", "test.spacy", "train.jsonl", "train.spacy"]
    counts = [len(DocBin().from_disk(out / f"{s}.spacy")) for s in ("train", "test")]
    assert counts == [len(read_jsonl(out / f"{s}.jsonl")) for s in ("train", "test")] and sum(counts) == 2


# --- doccano ----------------------------------------------------------------------------------


def check_doccano(rec: dict[str, Any], labels: set[str], shape: str) -> None:
    """doccano's JSONL import for sequence labelling: ``text`` and ``label`` [[start, end, label]] or
    ``entities`` [{id, label, start_offset, end_offset}] with ``relations``."""
    assert isinstance(rec["text"], str) and rec["text"]
    n = len(rec["text"])
    if shape == "label":
        assert "entities" not in rec
        for item in rec["label"]:
            assert isinstance(item, list) and len(item) == 3
            a, b, lb = item
            assert isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= n and lb in labels
    else:
        assert "label" not in rec and rec["relations"] == []
        ids = [e["id"] for e in rec["entities"]]
        assert len(set(ids)) == len(ids)
        for e in rec["entities"]:
            assert set(e) == {"id", "label", "start_offset", "end_offset"}
            assert 0 <= e["start_offset"] < e["end_offset"] <= n and e["label"] in labels


def test_doccano_both_shapes_validate(sqlite_store: Store, tmp_path: Path) -> None:
    build(sqlite_store)
    labels = set(sqlite_store.schema.labels)
    for shape in ("label", "entities"):
        out = tmp_path / f"{shape}.jsonl"
        export(sqlite_store, "doccano", ExportOptions(layer="gold", statuses=("done",), extra={"doccano": shape}), out)
        recs = read_jsonl(out)
        assert [r["doc_id"] for r in recs] == ["doc-1", "doc-2"]
        for r in recs:
            check_doccano(r, labels, shape)
            if shape == "label":
                got = {tuple(x) for x in r["label"]}
            else:
                got = {(e["start_offset"], e["end_offset"], e["label"]) for e in r["entities"]}
            assert got == gold_spans(r["doc_id"])  # nested spans included


# --- Label Studio -----------------------------------------------------------------------------


def check_label_studio(tasks: Any, config: str) -> None:
    """Label Studio's JSON task import: a list of {data: {...}, annotations: [{result: [...]}]} whose
    results name the config's <Labels name> / <Text name> and use its label values."""
    root = ET.fromstring(config)
    assert root.tag == "View"
    labels_tag = root.find(".//Labels")
    text_tag = root.find(".//Text")
    assert labels_tag is not None and text_tag is not None
    assert labels_tag.get("toName") == text_tag.get("name") and text_tag.get("value") == "$text"
    values = {lb.get("value") for lb in labels_tag.findall("Label")}
    assert isinstance(tasks, list) and tasks
    for t in tasks:
        text = t["data"]["text"]
        assert isinstance(text, str)
        for ann in t["annotations"]:
            assert isinstance(ann["result"], list) and isinstance(ann.get("ground_truth", False), bool)
            ids = [r["id"] for r in ann["result"]]
            assert len(set(ids)) == len(ids)
            for r in ann["result"]:
                assert r["from_name"] == labels_tag.get("name") and r["to_name"] == text_tag.get("name")
                assert r["type"] == "labels"
                v = r["value"]
                assert 0 <= v["start"] < v["end"] <= len(text) and text[v["start"]:v["end"]] == v["text"]
                assert isinstance(v["labels"], list) and set(v["labels"]) <= values


def test_label_studio_tasks_match_their_labelling_config(sqlite_store: Store, tmp_path: Path) -> None:
    build(sqlite_store)
    out = tmp_path / "ls.json"
    opts = ExportOptions(layer="all", statuses=("done",), rename={"LOC": "PLACE"})
    export(sqlite_store, "label-studio", opts, out)
    tasks = orjson.loads(out.read_bytes())
    config = (tmp_path / "ls.labeling_config.xml").read_text()
    check_label_studio(tasks, config)
    assert 'value="PLACE"' in config and 'value="LOC"' not in config
    assert [t["data"]["doc_id"] for t in tasks] == ["doc-1", "doc-2"]
    first = tasks[0]
    assert first["data"]["annotators"] == ["gold", "sara"]
    gold, sara = first["annotations"]
    assert gold["ground_truth"] is True and sara["ground_truth"] is False
    got = {(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0]) for r in gold["result"]}
    assert got == gold_spans("doc-1")
    assert {r["value"]["text"]: r["value"]["labels"] for r in sara["result"]} == {"فؤاد حسين": ["PER"], "واشنطن": ["PLACE"]}


# --- quotes and stances -------------------------------------------------------------------------


def test_quotes_records_carry_context_speaker_and_cue(sqlite_store: Store, tmp_path: Path) -> None:
    with_quotes_and_stances(sqlite_store)
    out = tmp_path / "q.jsonl"
    report = export(sqlite_store, "quotes", GOLD, out)
    recs = read_jsonl(out)
    assert report.quotes == 2 and len(recs) == 2
    direct, indirect = recs
    qa, qb = at(TEXT, "يسعى لمواصلة التنسيق الأمني مع واشنطن")
    assert direct["quote"] == {"start": qa, "end": qb, "text": TEXT[qa:qb]}
    assert direct["cue"]["text"] == "قال" and direct["kind"] == "direct"
    assert direct["speaker"]["text"] == "فؤاد حسين" and direct["speaker"]["label"] == "PER"
    assert direct["speaker_entity"] == {"id": "ent-fuad", "name": "فؤاد حسين", "type": "PER"}
    s = direct["sentence"]
    assert s["text"] == TEXT[s["start"]:s["end"]] and s["start"] <= qa and qb <= s["end"]
    assert s["text"].startswith("قال") and "🇮🇶" not in s["text"]
    assert direct["paragraph"]["text"] == TEXT  # one line
    assert indirect["speaker"] is None and indirect["speaker_text"] == "مسؤولون في وزارة الخارجية"
    assert indirect["speaker_entity"] is None and indirect["kind"] == "indirect"
    assert indirect["sentence"]["text"].startswith("🇮🇶 وأكد")
    card = out.with_name("q.README.md").read_text()
    assert "| split | articles | records | direct | indirect |" in card and "| all | 2 | 2 | 1 | 1 |" in card


def test_stances_records_carry_holder_target_and_evidence(sqlite_store: Store, tmp_path: Path) -> None:
    with_quotes_and_stances(sqlite_store)
    out = tmp_path / "st.jsonl"
    report = export(sqlite_store, "stances", GOLD, out)
    recs = read_jsonl(out)
    assert report.stances == 2
    by_scope = {r["scope"]: r for r in recs}
    m = by_scope["mention"]
    assert m["holder"]["text"] == "فؤاد حسين" and m["holder_entity"]["name"] == "فؤاد حسين"
    assert m["target"]["topic"] == {"id": "us_presence_iraq", "name": "US military presence in Iraq"}
    assert m["target"]["entity"] is None and m["polarity"] == "favor"
    (ev,) = m["evidence"]
    assert (ev["start"], ev["end"]) == at(TEXT, "مواصلة التنسيق الأمني") and ev["text"] == "مواصلة التنسيق الأمني"
    assert ev["sentence"]["text"] == TEXT[ev["sentence"]["start"]:ev["sentence"]["end"]]
    assert ev["text"] in ev["sentence"]["text"]
    a = by_scope["article"]
    assert a["holder"] is None and a["target"]["text"] == "الحوار مع واشنطن" and a["polarity"] == "neutral"
    assert TEXT2 not in str(recs)


# --- every format: empty selections, bad options, progress ------------------------------------

FORMATS = ("tokens", "conll", "spacy", "doccano", "label-studio", "quotes", "stances")


def test_every_format_writes_valid_empty_files_when_nothing_qualifies(sqlite_store: Store, tmp_path: Path) -> None:
    build(sqlite_store)
    for fmt in FORMATS:
        out = tmp_path / fmt
        report = export(sqlite_store, fmt, ExportOptions(layer="annotator", annotators=("omar",), statuses=("done",),
                                                         split=(80, 10, 10)), out)
        assert report.documents == 0 and report.paths == [out]
        names = sorted(p.name for p in out.iterdir())
        assert "README.md" in names and {"train", "dev", "test"} <= {n.split(".")[0] for n in names}
        if fmt == "label-studio":
            assert orjson.loads((out / "train.json").read_bytes()) == []
        card = (out / "README.md").read_text()
        assert "| total | 0 | 0 |" in card


def test_bad_options_are_refused_before_anything_is_written(sqlite_store: Store, tmp_path: Path) -> None:
    import pytest

    from annotator.export import ExportError

    build(sqlite_store)
    cases = [("tokens", ExportOptions(layer="gold", nested="deepest")),
             ("doccano", ExportOptions(layer="gold", extra={"doccano": "spans"})),
             ("spacy", ExportOptions(layer="gold", extra={"spacy_tokens": "whitespace"})),
             ("tokens", ExportOptions(layer="gold", split=(80, 10, 10), extra={"group_threshold": 0})),
             ("conll", ExportOptions(layer="gold", labels=("PERSON",))),
             ("quotes", ExportOptions(layer="gold", rename={"PERS": "PER"}))]
    folder = tmp_path / "exports"
    folder.mkdir()
    for fmt, opts in cases:
        with pytest.raises(ExportError):
            export(sqlite_store, fmt, opts, folder / f"{fmt}.out")
    assert list(folder.iterdir()) == []


def test_progress_covers_both_passes_of_a_split_export(sqlite_store: Store, tmp_path: Path) -> None:
    build(sqlite_store)
    calls: list[tuple[int, int]] = []
    export(sqlite_store, "tokens", ExportOptions(layer="gold", statuses=("done",), split=(50, 0, 50)), tmp_path / "p",
           lambda done, total: calls.append((done, total)))
    assert calls[-1] == (4, 4) and [d for d, _ in calls] == sorted(d for d, _ in calls) and len(calls) == 2


def test_spacy_without_spacy_installed_writes_jsonl_and_says_why(sqlite_store: Store, tmp_path: Path,
                                                                  monkeypatch: Any) -> None:
    import importlib.util

    from annotator.export import spacy_fmt

    real = importlib.util.find_spec
    monkeypatch.setattr(spacy_fmt.importlib.util, "find_spec", lambda name, *a: None if name == "spacy" else real(name, *a))
    build(sqlite_store)
    report = export(sqlite_store, "spacy", GOLD, tmp_path / "n.jsonl")
    assert [p.name for p in report.paths] == ["n.jsonl", "n.README.md"]
    assert "spaCy is not installed" in " ".join(report.notes)
    assert "No `.spacy` file: spaCy is not installed" in (tmp_path / "n.README.md").read_text()
    assert len(read_jsonl(tmp_path / "n.jsonl")) == 2
