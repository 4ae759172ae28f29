"""Pure pieces of the training exports on hand-built articles: tokens, alignment, nesting levels,
IOB2 ids, sentence units, and the formatters' records from XDoc objects (no database)."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest

from annotator import text as T
from annotator.export import (
    ExportOptions,
    XDoc,
    XEntity,
    XLayer,
    XQuote,
    XSpan,
    XStance,
    doccano,
    labelstudio,
    quotes,
    spacy_fmt,
    stances,
    tokens,
)
from annotator.export.quotes import ContextCache
from annotator.export.tokenize_align import (
    AlignStats,
    TagSet,
    TokenCache,
    Tokenized,
    align,
    iob_ids,
    levels,
    sentence_units,
    tag_layer,
    tokenize_text,
)
from annotator.export.training import Context, output_labels
from annotator.schema import default_schema

from ..conftest import SEEDS

TRICKY = [
    "أَمْرِيكَا ـــ 3.5 ٣٫٥ 1,000 x.y 🇮🇶 \u200cزو «العراق»، و(بغداد).",
    "  leading and trailing  \n\n",
    "snake_case_word و_العراق 12_3",  # "_" takes the reference path
    "",
    "؟!...",
    "12.5abc a.5b.6 1.2.3 12..5 12.a ٣٫٥٫٦x ,5 .5 a,5,6,7b x. 3.",
]


@pytest.mark.parametrize("text", [*(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))), *TRICKY])
def test_fast_tokens_equal_annotator_text_tokenize(text: str) -> None:
    tok = tokenize_text(text)
    ref = T.tokenize(text)
    assert list(zip(tok.starts, tok.ends, tok.words, strict=True)) == [(t.start, t.end, t.text) for t in ref]



#: characters that exercise every rule of the tokenizer: words, digits of several scripts, number
#: separators, punctuation, marks, tatweel, joiners, odd spaces, a superscript and a fraction
_FUZZ_ALPHABET = [*"ab12 .,\u066b\u066c٣٥\n\t«»()،؟!ـ\u064e\u0651\u200c\u200d\u00a0\u2009x-",
                  "\u0661", "\u06f5", "\u0966", "²", "½", "\u0300", "\u200b", "\u3000"]


def test_vectorised_tokens_equal_annotator_text_tokenize_on_random_texts() -> None:
    rng = random.Random(5)
    for _ in range(5000):
        text = "".join(rng.choice(_FUZZ_ALPHABET) for _ in range(rng.randint(0, 16)))
        tok = tokenize_text(text)
        assert list(zip(tok.starts, tok.ends, tok.words, strict=True)) == \
            [(t.start, t.end, t.text) for t in T.tokenize(text)], repr(text)

def test_align_counts_aligned_expanded_and_empty() -> None:
    text = "قال حسين: العراق  بلد."
    tok = tokenize_text(text)
    i = text.index("العراق")
    stats = AlignStats()
    got = align(tok, [(i, i + 6, "GPE"), (i + 2, i + 4, "GPE"), (i + 6, i + 8, "X"), (0, 3, "PER"), (0, 3, "PER")], stats)
    # the partial span becomes the whole token and collapses with the aligned one; duplicates collapse
    assert got == [(0, 1, "PER"), (3, 4, "GPE")]
    assert stats.as_dict() == {"spans": 5, "aligned": 3, "expanded": 1, "empty": 1, "nested_dropped": 0,
                                    "merged_sentences": 0}


def test_levels_and_iob_ids() -> None:
    stats = AlignStats()
    spans = sorted([(0, 3, "ORG"), (1, 2, "GPE"), (1, 3, "PER"), (4, 5, "PER")], key=lambda s: (s[0], -s[1], s[2]))
    lv = levels(spans, 2, stats)
    assert lv == [[(0, 3, "ORG"), (4, 5, "PER")], [(1, 3, "PER")]] and stats.nested_dropped == 1
    ts = TagSet(("PER", "ORG", "GPE"))
    assert ts.tags == ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-GPE", "I-GPE")
    assert [ts.tags[i] for i in iob_ids(6, lv[0], ts)] == ["B-ORG", "I-ORG", "I-ORG", "O", "B-PER", "O"]
    assert ts.label_json()["id2label"]["3"] == "B-ORG" and ts.label_json()["label2id"]["I-GPE"] == 6


def test_sentence_units_cover_every_token_and_never_cut_a_span() -> None:
    text = ". قال م. حسين إن العراق بلد. وأضاف: نعم"
    tok = tokenize_text(text)
    stats = AlignStats()
    plain = sentence_units(text, tok, [], stats)
    assert plain[0][0] == 0 and plain[-1][1] == len(tok)
    assert all(a[1] == b[0] for a, b in pairwise(plain))
    m = tok.words.index("م")
    crossing = [(m, m + 3, "PER")]  # "م. حسين" crosses the break after "م."
    units = sentence_units(text, tok, crossing, stats)
    assert len(units) == len(plain) - 1 and stats.merged_sentences == 1
    assert any(a <= m and m + 3 <= b for a, b in units)


# --- formatters on hand-built XDoc --------------------------------------------------------------

TEXT = 'قال وزير الخارجية فؤاد حسين إن "العراق يريد التعاون". وأكد مسؤولون أن الحوار مستمر.'


def sp(part: str, label: str, entity: str | None = None) -> XSpan:
    i = TEXT.index(part)
    return XSpan(i, i + len(part), label, part, entity)


def doc() -> XDoc:
    per = sp("فؤاد حسين", "PER", "ent-1")
    layer = XLayer(
        "gold", "done", 12.0,
        entities=(sp("وزير الخارجية فؤاد حسين", "PER"), per, sp("العراق", "GPE")),
        quotes=(XQuote(sp("العراق يريد التعاون", "QUOTE"), sp("قال", "CUE"), per, None, "", "direct"),),
        stances=(XStance("mention", per, None, "", None, "strategic_dialogue", "", "favor",
                         (sp("يريد التعاون", "EVIDENCE"),)),),
    )
    return XDoc("d1", "عنوان", TEXT, None, None, None, "ar", {}, {}, (layer,),
                kb=(XEntity("ent-1", "فؤاد حسين", "PER", ("حسين",)),))


def ctx(**kw: object) -> Context:
    schema = default_schema()
    options = ExportOptions(layer="gold", **kw)  # type: ignore[arg-type]
    labels = output_labels(schema.labels, options)
    return Context(None, options, schema, labels, TagSet(labels))


def test_token_records_from_a_hand_built_article() -> None:
    c = ctx(nested="columns")
    recs = list(tokens.records(doc(), doc().layers[0], c, TokenCache()))
    assert [r["id"] for r in recs] == ["d1/gold/0", "d1/gold/1"]
    first = recs[0]
    tags = [c.tagset.tags[i] for i in first["ner_tags"]]
    inner = [c.tagset.tags[i] for i in first["ner_tags_2"]]
    k = first["tokens"].index("فؤاد")
    assert tags[1:5] == ["B-PER", "I-PER", "I-PER", "I-PER"] and inner[k:k + 2] == ["B-PER", "I-PER"]
    assert tags[first["tokens"].index("العراق")] == "B-GPE"
    assert c.current.items == {"PER": 2, "GPE": 1} and c.current.tokens == sum(len(r["tokens"]) for r in recs)
    with pytest.raises(ValueError):
        tag_layer(TEXT, tokenize_text(TEXT), [], c.tagset, nested="all", by_sentence=True, stats=AlignStats())


def test_entity_formatters_from_a_hand_built_article() -> None:
    d = doc()
    layer = d.layers[0]
    spans = list(layer.entities)
    rec = spacy_fmt.record(d, layer, [s.start for s in spans], [s.end for s in spans], [s.label for s in spans],
                           "columns")
    outer = TEXT.index("وزير")
    assert rec["entities"] == [[outer, TEXT.index("حسين") + 4, "PER"], [TEXT.index("العراق"), TEXT.index("العراق") + 6, "GPE"]]
    assert rec["nested"] == [[TEXT.index("فؤاد"), TEXT.index("فؤاد") + 9, "PER"]]
    c = ctx(labels=("GPE",))
    assert doccano.record(d, layer, c)["label"] == [[TEXT.index("العراق"), TEXT.index("العراق") + 6, "GPE"]]
    assert c.unknown_labels == {"PER": 2}  # filtered labels are counted, not exported
    task = labelstudio.task(d, ctx())
    (ann,) = task["annotations"]
    assert ann["ground_truth"] is True and ann["lead_time"] == 12.0 and len(ann["result"]) == 3
    assert "<Label value=\"GPE\"" in labelstudio.labeling_config(("GPE",), {"GPE": "#123456"})


def test_quote_and_stance_records_from_a_hand_built_article() -> None:
    d = doc()
    c = ctx()
    (q,) = quotes.records(d, d.layers[0], c, ContextCache())
    assert q["speaker_entity"] == {"id": "ent-1", "name": "فؤاد حسين", "type": "PER"}  # via the mention's link
    assert q["sentence"] == {"start": 0, "end": TEXT.index(".") + 1, "text": TEXT[: TEXT.index(".") + 1]}
    assert q["paragraph"]["text"] == TEXT and q["cue"] == {"start": 0, "end": 3, "text": "قال"}
    (s,) = stances.records(d, d.layers[0], c, ContextCache())
    assert s["target"]["topic"] == {"id": "strategic_dialogue", "name": "US-Iraq strategic dialogue"}
    assert s["holder_entity"]["id"] == "ent-1" and s["evidence"][0]["sentence"]["start"] == 0
    assert c.current.items == {"direct": 1, "favor": 1}


# --- the C-level rewrites against plain reference loops ------------------------------------------

def _ref_align(tok: Tokenized, spans: list[tuple[int, int, str]]) -> tuple[list[tuple[int, int, str]], int, int]:
    out, aligned, empty = set(), 0, 0
    for start, end, label in spans:
        first = next((i for i, e in enumerate(tok.ends) if e > start), len(tok))
        last = sum(1 for s in tok.starts if s < end)
        if first >= last:
            empty += 1
            continue
        aligned += tok.starts[first] == start and tok.ends[last - 1] == end
        out.add((first, last, label))
    return sorted(out, key=lambda s: (s[0], -s[1], s[2])), aligned, empty


def _ref_units(text: str, tok: Tokenized, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    breaks = [False] * len(tok)
    for a, _ in T.sentences(text):
        i = sum(1 for s in tok.starts if s < a)
        if i < len(tok):
            breaks[i] = True
    if breaks:
        breaks[0] = True
    for first, last, _ in spans:
        for k in range(first + 1, last):
            breaks[k] = False
    heads = [i for i, b in enumerate(breaks) if b]
    return list(zip(heads, [*heads[1:], len(tok)], strict=True))


def test_align_levels_units_and_spacy_words_match_reference_loops() -> None:
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8")[:600] for p in sorted(SEEDS.glob("*.txt"))] + TRICKY[:2]
    for text in texts:
        tok = tokenize_text(text)
        for _ in range(20):
            spans = []
            for _ in range(rng.randint(0, 12)):
                a = rng.randrange(max(len(text), 1))
                spans.append((a, min(len(text), a + rng.randint(1, 25)), rng.choice("ABC")))
            spans = [s for s in spans if s[0] < s[1]]
            if rng.random() < 0.5:  # sorted as the query gives them (the fast path of align)
                spans.sort()
            stats = AlignStats()
            got = align(tok, spans, stats)
            want, aligned, empty = _ref_align(tok, spans)
            assert got == want and (stats.aligned, stats.empty) == (aligned, empty)
            assert stats.expanded == len(spans) - aligned - empty
            placed = levels(got, 2, AlignStats())
            for lvl in placed:
                assert all(x[1] <= y[0] for x, y in pairwise(lvl))
            kept = [s for lvl in placed for s in lvl]
            assert sentence_units(text, tok, kept, AlignStats()) == _ref_units(text, tok, kept)
        words, spaces = spacy_fmt.words_and_spaces(text)
        assert "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True)) == text
