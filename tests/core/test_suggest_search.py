"""Search in context, "label all hits", and the command line (suggest, search, gazetteer import)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.store import Store
from annotator.suggest import label_hits, search_project

from ..conftest import SEEDS, add_document


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def test_search_finds_normalized_forms_with_context(store: Store) -> None:
    d1 = add_document(store, seed("001"))
    d2 = add_document(store, seed("002"))
    hits = search_project(store, "أميركا", limit=50)
    t1, t2 = seed("001"), seed("002")
    assert {(h.doc_id, h.match) for h in hits} == {(d1, "امريكا"), (d1, "أمريكا"), (d2, "أمريكا")}
    for h in hits:
        text = t1 if h.doc_id == d1 else t2
        assert text[h.start : h.end] == h.match
        assert text[: h.start].endswith(h.context_before) and text[h.end :].startswith(h.context_after)
        assert "\n" not in h.context_before + h.context_after and len(h.context_before) <= 40
    clitic = next(h for h in hits if h.match == "امريكا")
    assert clitic.context_before.endswith("العراق و")  # the و stays in the context, not the match
    assert len(search_project(store, "العراق", limit=3)) == 3
    assert search_project(store, "   ") == []


def test_label_all_hits_is_one_undoable_batch(store: Store) -> None:
    doc = add_document(store, "وصل الوزير إلى واشنطن، وفي واشنطن التقى نظيره. ثم غادر لواشنطن.")
    who = store.annotator_id("sara")
    hits = search_project(store, "واشنطن")
    assert len(hits) == 3
    batch = label_hits(store, hits, "GPE", who)
    store.run(batch, who)
    spans = store.spans(doc, who)
    assert [(s.start, s.end, s.status, s.origin) for s in spans] == [
        (h.start, h.end, "active", "propagated") for h in hits
    ]
    assert label_hits(store, hits, "GPE", who).commands == []  # already labelled
    store.undo(batch, who)
    assert store.spans(doc, who) == []


def test_cli_suggest_search_and_gazetteer_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p.db"
    store = Store.open(project)
    docs = [add_document(store, seed(n)) for n in ("000", "001", "002")]
    store.close()
    names = tmp_path / "names.txt"
    names.write_text("واشنطن\nالعراق\n", encoding="utf-8")
    assert main(["--project", str(project), "gazetteer", "import", str(names), "--label", "GPE"]) == 0
    assert "2 entities created" in capsys.readouterr().out

    assert main(["--project", str(project), "--annotator", "sara", "suggest", "--kind", "entities"]) == 0
    out = capsys.readouterr().out
    assert "3 articles" in out and "GPE" in out and "0 quote suggestions" in out and "for sara" in out
    store = Store.open(project)
    sara = store.annotator_id("sara")
    n_entities = sum(len(store.spans(d, sara, statuses=("suggested",))) for d in docs)
    expected = sum(len(search_project(store, w, limit=1000)) for w in ("واشنطن", "العراق"))
    assert n_entities == expected
    store.close()

    assert main(["--project", str(project), "suggest", "--kind", "quotes", "--annotator", "sara"]) == 0
    assert "0 entity suggestions" in capsys.readouterr().out

    assert main(["--project", str(project), "search", "البنتاغون"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("[البننتاجون]") == 2 and "2 hits in 1 article" in captured.err

    assert (
        main(
            ["--project", str(project), "search", "الولايات المتحدة", "--label", "GPE", "--annotator", "omar"]
        )
        == 0
    )
    assert "labelled" in capsys.readouterr().err
    assert main(["--project", str(project), "search", "x", "--label", "NOPE"]) == 1


def test_cli_suggestions_reach_the_native_export_marked_as_suggestions(tmp_path: Path) -> None:
    import json

    project = tmp_path / "p.db"
    store = Store.open(project)
    add_document(store, seed("004"))
    store.close()
    assert main(["--project", str(project), "--annotator", "sara", "suggest", "--kind", "quotes"]) == 0
    with_sugg, without = tmp_path / "with.jsonl", tmp_path / "without.jsonl"
    export = ["--project", str(project), "export", "--format", "native"]
    assert main([*export, "--include-suggestions", "-o", str(with_sugg)]) == 0
    assert main([*export, "-o", str(without)]) == 0
    (record,) = [json.loads(x) for x in with_sugg.read_text(encoding="utf-8").splitlines() if x.strip()]
    (layer,) = [a for a in record["annotations"] if a["annotator"] == "sara"]
    store = Store.open(project)
    doc = store.doc_ids()[0]
    mine = store.quotes(doc, store.annotator_id("sara"), statuses=("suggested",))
    store.close()
    assert len(layer["quotes"]) == len(mine) > 0
    assert {(q["status"], q["origin"]) for q in layer["quotes"]} == {("suggested", "suggested")}
    said = next(q for q in layer["quotes"] if q["speaker_text"] == "وزير الخارجية الأميركي أنتوني بلينكن")
    assert said["cue"]["text"] == "قال" and said["kind"] == "mixed"
    (plain,) = [json.loads(x) for x in without.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert all(not a["quotes"] for a in plain["annotations"])  # not annotations until accepted
