"""Annotate all occurrences: variants, clitics, remembered rejections, one undoable batch."""

from __future__ import annotations

import re

from annotator import commands as C
from annotator import text as T
from annotator.store import Store
from annotator.suggest import propagate, propagate_command
from annotator.suggest.propagate import candidate_docs

from ..conftest import SEEDS, add_document


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def word_spans(text: str, surface: str, prefix: str = "") -> list[tuple[int, int]]:
    """Offsets of ``prefix + surface`` as a whole word, the span covering ``surface`` only."""
    pat = re.compile(rf"(?<![^\W_]){re.escape(prefix + surface)}(?![^\W_])")
    return [(m.start() + len(prefix), m.end()) for m in pat.finditer(text)]


def test_article_propagation_finds_conjunction_forms_on_the_entity_only(store: Store) -> None:
    text = seed("001")
    doc = add_document(store, text)
    who = store.annotator_id("sara")
    first = text.index("العراق")
    add = C.AddSpan(doc, who, first, first + len("العراق"), "GPE")
    store.run(add, who)
    got = {(c.start, c.end) for c in propagate(store, who, span_id=add.span_id)}
    bare = set(word_spans(text, "العراق"))
    with_waw = set(word_spans(text, "العراق", "و"))
    assert with_waw and with_waw <= got  # والعراق: the span starts after the و
    assert got == (bare | with_waw) - {(first, first + 6)}
    assert all(text[a:b] == "العراق" for a, b in got)
    assert all(c.label == "GPE" for c in propagate(store, who, span_id=add.span_id))


def test_project_propagation_matches_spelling_variants_and_lam_article(store: Store) -> None:
    d1, d2, d3, d4 = (add_document(store, seed(n)) for n in ("001", "002", "003", "004"))
    mine = add_document(store, "قال مسؤول في أميركا إن البنتاغون سيرسل وفدا إلى بغداد.")
    who = store.annotator_id("sara")
    t_mine = store.document(mine).text
    a = t_mine.index("أميركا")
    cands = propagate(store, who, text="أميركا", label="GPE", doc_id=mine, scope="project")
    found = {(c.doc_id, c.start, c.end) for c in cands}
    t1, t2 = seed("001"), seed("002")
    expected = {(d1, s, e) for s, e in word_spans(t1, "امريكا", "و") + word_spans(t1, "أمريكا")}
    expected |= {(d2, s, e) for s, e in word_spans(t2, "أمريكا")}
    expected |= {(mine, a, a + len("أميركا"))}
    assert found == expected
    assert {seed("001")[s:e] for d, s, e in found if d == d1} == {"امريكا", "أمريكا"}

    pentagon = {
        (c.doc_id, c.start, c.end)
        for c in propagate(store, who, text="البنتاغون", label="ORG", doc_id=mine, scope="project")
    }
    assert {(d2, s, e) for s, e in word_spans(t2, "البننتاجون")} <= pentagon
    assert {(d4, s, e) for s, e in word_spans(seed("004"), "البنتاغون")} <= pentagon
    assert len(word_spans(t2, "البننتاجون")) == 2

    iraq3 = [
        (c.start, c.end)
        for c in propagate(store, who, text="العراق", label="GPE", doc_id=d3, scope="article")
    ]
    t3 = seed("003")
    lam = t3.index("للعراق")
    assert (lam + 1, lam + len("للعراق")) in iraq3  # ل + العراق: the article's lam stays in the span


def test_washington_with_attached_prepositions(store: Store) -> None:
    text = "سافر الوزير إلى واشنطن، ثم عاد لواشنطن مرة أخرى، والتقى بواشنطن مسؤولين."
    doc = add_document(store, text)
    who = store.annotator_id("sara")
    got = sorted((c.start, c.end) for c in propagate(store, who, text="واشنطن", label="GPE", doc_id=doc))
    assert got == sorted(
        word_spans(text, "واشنطن") + word_spans(text, "واشنطن", "ل") + word_spans(text, "واشنطن", "ب")
    )
    assert all(text[a:b] == "واشنطن" for a, b in got) and len(got) == 3


def test_clitic_only_article_is_found_through_the_index(store: Store) -> None:
    only_clitic = add_document(store, "وصل الوفد للعراق أمس وتحدث عن العلاقات بين واشنطن والعراق.")
    other = add_document(store, "لا ذكر للبلد هنا في هذا الخبر القصير.")
    who = store.annotator_id("sara")
    cands = propagate(store, who, text="العراق", label="GPE", scope="project")
    assert {c.doc_id for c in cands} == {only_clitic} and other not in {c.doc_id for c in cands}
    assert len(cands) == 2


def test_candidates_hold_every_proclitic_form_and_spelling(store: Store) -> None:
    forms = ["العراق", "والعراق", "فالعراق", "بالعراق", "كالعراق", "وبالعراق", "فبالعراق", "للعراق", "وللعراق",
             "فللعراق", "العِراق"]
    found = {add_document(store, f"خبر قصير عن {form} اليوم") for form in forms}
    add_document(store, "خبر عن العراقيين فقط")  # another word that starts the same
    add_document(store, "خبر عن واشنطن")
    assert set(candidate_docs(store, "العراق")) >= found
    assert found <= {c.doc_id for c in propagate(store, store.annotator_id("sara"), text="العراق", label="GPE",
                                                 scope="project")}
    us = {add_document(store, "زار أمريكا"), add_document(store, "زار أميركا")}
    assert set(candidate_docs(store, "امريكا")) == us


def test_existing_spans_and_rejections_are_not_proposed_again(store: Store) -> None:
    text = "زار حسين واشنطن. وفي واشنطن التقى بلينكن. ثم غادر واشنطن."
    doc = add_document(store, text)
    who = store.annotator_id("sara")
    spans = word_spans(text, "واشنطن")
    store.run(C.AddSpan(doc, who, *spans[0], "GPE"), who)
    batch = propagate_command(store, who, propagate(store, who, text="واشنطن", label="GPE", doc_id=doc))
    store.run(batch, who)
    suggested = store.spans(doc, who, statuses=("suggested",))
    assert [(s.start, s.end) for s in suggested] == spans[1:]
    assert all(s.origin == "propagated" for s in suggested)
    store.run(C.SetSpanStatus([suggested[0].id], "rejected"), who)
    store.run(C.DeleteSpan([suggested[1].id]), who)  # deleted (not rejected): may come back
    again = propagate(store, who, text="واشنطن", label="GPE", doc_id=doc)
    assert [(c.start, c.end) for c in again] == [spans[2]]
    # another annotator's rejection is theirs only
    other = store.annotator_id("omar")
    assert len(propagate(store, other, text="واشنطن", label="GPE", doc_id=doc)) == 3


def test_propagation_batch_undo_redo_and_label_all(store: Store) -> None:
    text = "العراق بلد. وفي العراق نهران. وللعراق تاريخ."
    doc = add_document(store, text)
    who = store.annotator_id("sara")
    cands = propagate(store, who, text="العراق", label="GPE", doc_id=doc)
    assert len(cands) == 3
    batch = propagate_command(store, who, cands, accept=True)
    store.run(batch, who)
    active = store.spans(doc, who)
    assert len(active) == 3 and {s.status for s in active} == {"active"}
    ids = [s.id for s in active]
    store.undo(batch, who)
    assert store.spans(doc, who, statuses=("active", "suggested", "rejected")) == []
    store.run(batch, who)
    assert [s.id for s in store.spans(doc, who)] == ids
    lam = text.index("وللعراق")
    assert (active[2].start, active[2].end) == (lam + 2, lam + len("وللعراق"))  # و + ل outside
    assert T.normalize(text[active[0].start : active[0].end]) == "العراق"
