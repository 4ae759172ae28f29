"""Agreement figures on hand-built two-annotator cases, each worked out by hand here.

Alpha is also checked against the ``krippendorff`` package.
"""

from __future__ import annotations

import json

import krippendorff
import numpy as np
import pytest

from annotator import commands as C
from annotator.review import metrics as M
from annotator.review.agreement import compute_agreement
from annotator.store import Store
from annotator.text import tokenize

from ..conftest import add_document

# 12 tokens, no punctuation:   0     1       2   3      4   5      6   7     8        9          10    11
TEXT = "قال الرئيس جو بايدن في واشنطن إن وزارة الخارجية الأمريكية ستزور بغداد"


def tok(i: int, j: int | None = None) -> tuple[int, int]:
    """Character range of tokens i..j (inclusive)."""
    toks = tokenize(TEXT)
    return toks[i].start, toks[j if j is not None else i].end


def annotate(store: Store, doc: int, who: int, spans: list[tuple[tuple[int, int], str]]) -> None:
    for (a, b), label in spans:
        store.run(C.AddSpan(doc, who, a, b, label), who)


SARA = [(tok(2, 3), "PER"), (tok(5), "GPE"), (tok(7, 9), "ORG"), (tok(11), "GPE")]
OMAR = [(tok(1, 3), "PER"), (tok(5), "GPE"), (tok(7, 8), "ORG"), (tok(11), "LOC")]
SARA_TAGS = ["O", "O", "PER", "PER", "O", "GPE", "O", "ORG", "ORG", "ORG", "O", "GPE"]
OMAR_TAGS = ["O", "PER", "PER", "PER", "O", "GPE", "O", "ORG", "ORG", "O", "O", "LOC"]


def by_hand_kappa(a: list[str], b: list[str]) -> float:
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b, strict=True)) / n
    p_e = sum(a.count(c) * b.count(c) for c in set(a) | set(b)) / (n * n)
    return (p_o - p_e) / (1 - p_e)


def kripp(rows: list[list[str | None]]) -> float:
    codes = {v: i for i, v in enumerate(sorted({v for r in rows for v in r if v is not None}))}
    data = np.array([[np.nan if v is None else codes[v] for v in r] for r in rows], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


@pytest.fixture
def two(store: Store) -> tuple[Store, int, int, int]:
    doc = add_document(store, TEXT)
    sara, omar = store.annotator_id("sara"), store.annotator_id("omar")
    annotate(store, doc, sara, SARA)
    annotate(store, doc, omar, OMAR)
    return store, doc, sara, omar


def test_entity_f1_exact_and_overlap(two: tuple[Store, int, int, int]) -> None:
    store, *_ = two
    d = compute_agreement(store, ["sara", "omar"]).to_dict()
    # exact: only واشنطن is identical -> 1 of 4 on each side
    assert d["overall"]["entity_exact"] == {"precision": 0.25, "recall": 0.25, "f1": 0.25, "matched": 1, "a": 4, "b": 4}
    # overlap, same label: PER, GPE واشنطن, ORG overlap; بغداد is GPE vs LOC -> 3 of 4
    assert d["overall"]["entity_overlap"]["f1"] == 0.75
    gpe = d["labels"]["GPE"]["entity_exact"]
    assert (gpe["matched"], gpe["a"], gpe["b"]) == (1, 2, 1)
    assert gpe["f1"] == round(2 * 1 / (2 + 1), 4)
    assert gpe["precision"] == 1.0 and gpe["recall"] == 0.5
    assert d["labels"]["LOC"]["entity_exact"] == {"precision": 0.0, "recall": None, "f1": 0.0, "matched": 0, "a": 0, "b": 1}
    assert d["labels"]["PER"]["entity_overlap"]["f1"] == 1.0 and d["labels"]["PER"]["entity_exact"]["f1"] == 0.0


def test_token_kappa_and_alpha_by_hand(two: tuple[Store, int, int, int]) -> None:
    store, *_ = two
    report = compute_agreement(store, ["sara", "omar"])
    # agreement on 9 of 12 tokens; marginals O 5/5, PER 2/3, GPE 2/1, ORG 3/2, LOC 0/1
    p_o, p_e = 9 / 12, (5 * 5 + 2 * 3 + 2 * 1 + 3 * 2 + 0 * 1) / 144
    assert by_hand_kappa(SARA_TAGS, OMAR_TAGS) == pytest.approx((p_o - p_e) / (1 - p_e))
    assert report.kappa() == pytest.approx((p_o - p_e) / (1 - p_e))  # 69/105
    # alpha: 3 disagreeing units give sum_{c!=k} o_ck = 6; n_c = O 10, PER 5, GPE 3, ORG 5, LOC 1 (n = 24)
    expected = 1 - (24 - 1) * 6 / (24 * 24 - (100 + 25 + 9 + 25 + 1))
    assert report.alpha() == pytest.approx(expected)
    assert report.alpha() == pytest.approx(kripp([SARA_TAGS, OMAR_TAGS]))  # type: ignore[list-item]
    assert report.pairs[0].alpha() == pytest.approx(expected)
    # per label PER (PER or not): 11/12 agree, yes-marginals 2 and 3
    p_o, p_e = 11 / 12, (2 * 3 + 10 * 9) / 144
    assert report.kappa("PER") == pytest.approx((p_o - p_e) / (1 - p_e))
    per = [[t == "PER" for t in SARA_TAGS], [t == "PER" for t in OMAR_TAGS]]
    assert report.alpha("PER") == pytest.approx(kripp([[str(x) for x in r] for r in per]))


def test_alpha_with_missing_annotators_matches_krippendorff(store: Store) -> None:
    """Three annotators; each article is annotated by a different subset (missing values)."""
    docs = [add_document(store, TEXT + " " * i) for i in range(3)]
    names = ["sara", "omar", "lina"]
    ids = [store.annotator_id(n) for n in names]
    work = {
        (0, 0): SARA, (0, 1): OMAR,  # article 0: sara and omar
        (1, 0): OMAR, (1, 1): SARA, (1, 2): [(tok(3), "PER"), (tok(5), "LOC")],  # article 1: all three
        (2, 2): SARA,  # article 2: lina alone -> not pairable, drops out
    }
    for (d, a), spans in work.items():
        annotate(store, docs[d], ids[a], spans)
    store.run(C.SetDocStatus(docs[0], ids[2], status="in_progress"))  # opened, not annotated: missing
    report = compute_agreement(store, names)
    rows: list[list[str | None]] = [[], [], []]
    for d in range(2):
        text = TEXT + " " * d
        n = len(tokenize(text))
        for a in range(3):
            spans = work.get((d, a))
            tags: list[str | None] = [None] * n
            if spans is not None:
                tags = ["O"] * n
                for (s, e), label in spans:
                    for i, t in enumerate(tokenize(text)):
                        if t.start < e and s < t.end:
                            tags[i] = label
            rows[a].extend(tags)
    assert report.alpha() == pytest.approx(kripp(rows))
    assert [p.articles for p in report.pairs] == [2, 1, 1]  # sara/omar, sara/lina, omar/lina
    assert len(report.articles) == 2


def test_done_without_spans_counts_as_annotated(store: Store) -> None:
    doc = add_document(store, TEXT)
    sara, omar = store.annotator_id("sara"), store.annotator_id("omar")
    annotate(store, doc, sara, SARA)
    assert compute_agreement(store).pairs[0].articles == 0  # omar has not annotated it
    store.run(C.SetDocStatus(doc, omar, status="done"))  # omar: done, found no entities
    d = compute_agreement(store).to_dict()
    assert d["pairs"][0]["articles"] == 1
    assert d["overall"]["entity_exact"]["recall"] == 0.0 and d["overall"]["entity_exact"]["precision"] is None


def quote_stance_case(store: Store) -> tuple[int, int, int]:
    text = "قال جو بايدن إن القوات ستبقى في العراق. وأضاف أن الحوار مستمر."
    doc = add_document(store, text)
    sara, omar = store.annotator_id("sara"), store.annotator_id("omar")
    at = text.index
    biden = (at("جو بايدن"), at("جو بايدن") + len("جو بايدن"))
    sara_m = C.AddSpan(doc, sara, *biden, "PER")
    omar_m = C.AddSpan(doc, omar, at("بايدن"), at("بايدن") + 5, "PER")
    store.run(sara_m)
    store.run(omar_m)
    q1 = (at("القوات"), at("العراق") + len("العراق"))
    q2 = (at("الحوار"), at("مستمر") + len("مستمر"))
    store.run(C.AddQuote(doc, sara, q1, speaker_span_id=sara_m.span_id, kind="direct"))
    store.run(C.AddQuote(doc, sara, q2, speaker_span_id=sara_m.span_id, kind="indirect"))
    # omar: same quote with a shorter content, speaker typed as text, other kind
    store.run(C.AddQuote(doc, omar, (q1[0], q1[1] - 7), speaker_text="جو بايدن", kind="indirect"))
    store.run(C.AddStance(doc, sara, "against", holder_span_id=sara_m.span_id, target_topic="us_presence_iraq"))
    store.run(C.AddStance(doc, omar, "favor", holder_span_id=omar_m.span_id, target_topic="us_presence_iraq"))
    store.run(C.AddStance(doc, omar, "neutral", scope="article", target_topic="strategic_dialogue"))
    return doc, sara, omar


def test_quote_and_stance_agreement(store: Store) -> None:
    quote_stance_case(store)
    d = compute_agreement(store, ["sara", "omar"]).to_dict()["overall"]
    q = d["quote"]
    # one of sara's two quotes overlaps omar's single quote: F1 = 2*1/(2+1)
    assert q["content_overlap"]["f1"] == round(2 / 3, 4)
    assert q["content_exact"]["matched"] == 0
    assert q["same_speaker"] == {"agreement": 1.0, "agree": 1, "of": 1}  # mention text = typed name
    assert q["same_kind"] == {"agreement": 0.0, "agree": 0, "of": 1}
    s = d["stance"]
    # same holder (overlapping mentions) and topic: 1 matched; omar's article stance has no partner
    assert (s["holder_target"]["matched"], s["holder_target"]["a"], s["holder_target"]["b"]) == (1, 1, 2)
    assert s["holder_target"]["f1"] == round(2 / 3, 4)
    assert s["same_polarity"]["agreement"] == 0.0


def test_articles_sorted_by_disagreement_and_json(two: tuple[Store, int, int, int]) -> None:
    store, doc, sara, omar = two
    same = add_document(store, TEXT + " ")
    annotate(store, same, sara, SARA)
    annotate(store, same, omar, SARA)
    d = compute_agreement(store).to_dict()
    assert [a["doc_id"] for a in d["articles"]] == [doc, same]
    worst = d["articles"][0]
    # 8 spans, 1 identical pair: union 7, 6 of them differ
    assert (worst["disagreements"], worst["score"]) == (6, round(6 / 7, 4))
    assert d["articles"][1]["score"] == 0.0
    json.dumps(d, ensure_ascii=False)  # plain JSON all the way down


def test_metric_helpers_edge_cases() -> None:
    assert M.cohen_kappa(["O", "O"], ["O", "O"]) is None  # no variation: undefined, not 1
    assert M.alpha_nominal([("O", "O"), ("O", None)]) is None
    assert M.PRF().f1 is None
    assert M.greedy_match([(0, 10)], [(0, 3), (2, 10)], lambda x, y: max(0, min(x[1], y[1]) - max(x[0], y[0]))) == [(0, 1)]
    a, b = ["x", "y", "x", "x"], ["x", "y", "y", "x"]
    # p_o = 3/4, p_e = (3*2 + 1*2)/16 = 1/2
    assert M.cohen_kappa(a, b) == pytest.approx((0.75 - 0.5) / 0.5)
    assert M.alpha_nominal(zip(a, b, strict=True)) == pytest.approx(kripp([a, b]))  # type: ignore[list-item]


def test_typed_speakers_and_targets_agree_under_the_project_s_own_spellings(store: Store) -> None:
    from annotator.review.alignment import AGREED, align_article
    from annotator.schema import default_schema_text

    text = "قال مسؤول إن المحادثات مستمرة وإن الحكومة تؤيد الاتفاق."
    doc = add_document(store, text)
    sara, omar = store.annotator_id("sara"), store.annotator_id("omar")
    content, evidence = (13, 29), (34, 54)  # المحادثات مستمرة, الحكومة تؤيد الاتفاق
    for who, name, target in ((sara, "جو بايدن", "الاتفاق النووي"), (omar, "جو بايدين", "الإتفاق النووى")):
        store.run(C.AddQuote(doc, who, content, speaker_text=name, kind="indirect"), who)
        store.run(C.AddStance(doc, who, "favor", holder_text=name, target_text=target,
                              evidence=[evidence]), who)
        store.run(C.SetDocStatus(doc, who, status="done"), who)

    def speaker_agrees() -> bool:
        d = compute_agreement(store, ["sara", "omar"]).to_dict()["overall"]
        return bool(d["quote"]["same_speaker"]["agree"] == 1 and d["stance"]["holder_target"]["matched"] == 1)

    def aligned() -> list[str]:
        with store.read() as conn:
            return [i.status for i in align_article(conn, doc, [sara, omar]).items if i.kind in ("quote", "stance")]

    assert not speaker_agrees()  # بايدن and بايدين are not one name in the built-in table
    assert AGREED not in aligned()
    store.set_schema(default_schema_text() + '\n"بايدن" = ["بايدين"]\n')
    assert speaker_agrees()  # the project's table says they are (targets differ by letter forms only)
    assert aligned() == [AGREED, AGREED]
