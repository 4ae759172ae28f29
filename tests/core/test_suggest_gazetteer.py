"""Gazetteer: longest match, clitics, entity aliases, name-list import, independence of annotators."""

from __future__ import annotations

from pathlib import Path

from annotator import commands as C
from annotator.store import Store
from annotator.suggest import Gazetteer, from_store, import_names, suggest_article
from annotator.suggest.gazetteer import read_names

from ..conftest import add_document


def test_longest_name_wins_and_proclitics_stay_outside() -> None:
    gz = Gazetteer()
    gz.add("الولايات المتحدة", "GPE")
    gz.add("الولايات المتحدة الأميركية", "GPE", entity_id=7)
    gz.add("العراق", "GPE")
    gz.add("بلينكن", "PER")
    text = "بين العراق والولايات المتحدة الأمريكية، وقال بلينكن إن للعراق وللولايات المتحدة دورا."
    got = [(text[m.start : m.end], m.label, m.entity_id) for m in gz.match(text)]
    assert got == [
        ("العراق", "GPE", None),
        ("الولايات المتحدة الأمريكية", "GPE", 7),  # variant spelling, longest name, و outside
        ("بلينكن", "PER", None),
        ("لعراق", "GPE", None),  # ل + العراق
        ("لولايات المتحدة", "GPE", None),
    ]


def test_names_split_by_punctuation_and_short_names_do_not_match() -> None:
    gz = Gazetteer()
    gz.add("فؤاد حسين", "PER")
    gz.add("في", "LOC")  # two letters: too ambiguous to be a name
    assert gz.match("التقى فؤاد، حسين في بغداد") == []
    assert len(gz) == 1


def test_many_names_scan_once() -> None:
    gz = Gazetteer()
    for i in range(5000):
        gz.add(f"اسم{i} عائلة{i}", "PER")
    gz.add("واشنطن", "GPE")
    text = "وصل اسم4999 عائلة4999 إلى واشنطن ولقي اسم12 عائلة12. " * 200
    found = gz.match(text)
    assert len(found) == 600 and {m.label for m in found} == {"PER", "GPE"}


def test_store_gazetteer_uses_entities_and_own_or_gold_active_mentions(store: Store) -> None:
    a = add_document(store, "زار أنتوني بلينكن بغداد والتقى مسؤولين.")
    b = add_document(store, "قال توني بلينكن إن بغداد شريك. وزار بلينكن أربيل.")
    sara, omar = store.annotator_id("sara"), store.annotator_id("omar")
    ent = C.CreateEntity("أنتوني بلينكن", "PER", ["توني بلينكن", "بلينكن"])
    store.run(ent, sara)
    t = store.document(a).text
    i = t.index("بغداد")
    store.run(C.AddSpan(a, omar, i, i + 5, "GPE"), omar)  # omar's work does not leak into sara's
    gz = from_store(store, sara)
    text_b = store.document(b).text
    got = [(text_b[m.start : m.end], m.label, m.entity_id) for m in gz.match(text_b)]
    assert got == [("توني بلينكن", "PER", ent.entity_id), ("بلينكن", "PER", ent.entity_id)]
    store.run(C.AddSpan(a, store.gold_id, i, i + 5, "GPE"), store.gold_id)  # the gold layer counts
    assert [text_b[m.start : m.end] for m in from_store(store, sara).match(text_b)] == [
        "توني بلينكن",
        "بغداد",
        "بلينكن",
    ]
    batch = suggest_article(store, b, sara, kinds=("entities",))
    store.run(batch, sara)
    linked = [s.entity_id for s in store.spans(b, sara, statuses=("suggested",)) if s.label == "PER"]
    assert linked == [ent.entity_id, ent.entity_id]


def test_import_name_lists_txt_and_tsv(store: Store, tmp_path: Path) -> None:
    txt = tmp_path / "people.txt"
    txt.write_text("# ministers\nفؤاد حسين|حسين فؤاد\nأنتوني بلينكن|توني بلينكن\n\n", encoding="utf-8")
    created, updated, errors = import_names(store, txt, "PER")
    assert (created, updated, errors) == (2, 0, [])
    tsv = tmp_path / "more.tsv"
    tsv.write_text(
        "name\tlabel\taliases\nفؤاد حسين\t\tوزير الخارجية فؤاد حسين\nالبنتاغون\tORG\tالبننتاجون|وزارة الدفاع الأميركية\nبلا\tNOPE\t\n",
        encoding="utf-8",
    )
    created, updated, errors = import_names(store, tsv, "PER")
    assert (created, updated) == (1, 1)
    assert len(errors) == 1 and "NOPE" in errors[0] and "line 4" in errors[0]
    hussein = store.entities("فؤاد حسين", type="PER")
    assert len(hussein) == 1 and set(hussein[0].aliases) == {"حسين فؤاد", "وزير الخارجية فؤاد حسين"}
    doc = add_document(store, "زار حسين فؤاد البننتاجون أمس.")
    who = store.annotator_id("sara")
    store.run(suggest_article(store, doc, who, kinds=("entities",)), who)
    text = store.document(doc).text
    assert [(text[s.start : s.end], s.label) for s in store.spans(doc, who, statuses=("suggested",))] == [
        ("حسين فؤاد", "PER"),
        ("البننتاجون", "ORG"),
    ]


def test_read_names_reports_missing_label_with_line(tmp_path: Path) -> None:
    f = tmp_path / "names.txt"
    f.write_text("واشنطن\n", encoding="utf-8")
    entries, errors = read_names(f, None)
    assert entries == [] and errors == [f"{f}:1: no label (give --label or a label column)"]
