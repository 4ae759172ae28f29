"""The batch paths of the token exports against the per-article ones they replace: tokenizing
several texts at once (tokens, sentence heads, UTF-8 words, offsets JSON), tagging many layers at
once, and the columnar entity spans the query hands to the entity formats."""

from __future__ import annotations

import random
from bisect import bisect_left
from itertools import product, repeat

import orjson
import pytest

from annotator import text as T
from annotator.export import ExportOptions, XDoc, XLayer, XSpan, tokens
from annotator.export.model import EntityColumns
from annotator.export.tokenize_align import (
    AlignStats,
    TagSet,
    TokenCache,
    tag_batch,
    tag_columns,
    tokenize_batch,
    tokenize_text,
)
from annotator.export.training import Context, output_labels
from annotator.schema import default_schema

from ..conftest import SEEDS

#: every class the tokenizer and the sentence splitter tell apart, plus escapes JSON needs
_ALPHABET = [*"ab12 .,\u066b\u066c٣٥\n\t«»()،؟!ـ\u064e\u0651\u200c\u200d\u00a0\u2009x-", "\u0661", "\u06f5",
             "²", "\u200b", "\u3000", *".!?؟\"'»”", "\r", "\x1f", "\x00", "\x07", "\x7f", "\\", "\u2028", "😀"]


def _reference_heads(text: str) -> list[int]:
    """Sentence heads as sentence_units finds them from annotator.text.sentences."""
    tok = tokenize_text(text)
    n = len(tok)
    if not n:
        return []
    return sorted({0, *map(bisect_left, repeat(tok.starts), [a for a, _ in T.sentences(text)])} - {n})


def _texts(rng: random.Random) -> list[str]:
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 25))) for _ in range(rng.randint(1, 6))]


def test_batch_tokens_heads_words_and_json_equal_the_reference() -> None:
    rng = random.Random(11)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for it in range(800):
        texts = _texts(rng) + (seeds if it % 200 == 0 else [])
        for text, tok in zip(texts, tokenize_batch(texts), strict=True):
            ref = T.tokenize(text)
            assert list(zip(tok.starts, tok.ends, tok.words, strict=True)) == [(t.start, t.end, t.text) for t in ref]
            assert tok.utf8_words() == [w.encode("utf-8") for w in tok.words]
            if tok.heads is not None:
                assert list(tok.heads) == _reference_heads(text), repr(text)
            n = len(tok)
            for _ in range(3):
                a = rng.randint(0, n)
                b = rng.randint(a, n)
                assert tok.offsets_json(a, b) == orjson.dumps(tok.offsets[a:b], option=orjson.OPT_SERIALIZE_NUMPY)
                words = tok.json_words()
                if words is not None and a < b:
                    js, first = words
                    assert b'["' + b'","'.join(js[first + a:first + b]) + b'"]' == orjson.dumps(tok.words[a:b])


@pytest.mark.parametrize("length", range(1, 6))
def test_sentence_heads_on_every_short_text_of_quotes_and_terminators(length: int) -> None:
    # quotes a sentence end takes along, chains of them, line breaks: every combination
    for chars in product('a."» \n', repeat=length):
        text = "".join(chars)
        (tok, _) = tokenize_batch([text, "x"])
        assert list(tok.heads) == _reference_heads(text), repr(text)


def test_tag_batch_equals_tag_columns_layer_by_layer() -> None:
    rng = random.Random(3)
    tagset = TagSet(("A", "B", "C"))
    seeds = [p.read_text(encoding="utf-8")[:400] for p in sorted(SEEDS.glob("*.txt"))]
    for _ in range(60):
        texts = [*rng.sample(seeds, 2), *_texts(rng)]
        toks = tokenize_batch(texts)
        layers = []
        for text, tok in zip(texts, toks, strict=True):
            for _ in range(rng.randint(1, 2)):  # an article with one or two layers
                spans = []
                for _ in range(rng.randint(0, 15)):
                    a = rng.randrange(max(len(text), 1))
                    spans.append((a, min(len(text), a + rng.randint(1, 20)), rng.choice("ABC")))
                spans = [s for s in spans if s[0] < s[1]]
                if rng.random() < 0.7:
                    spans.sort()
                cols = tuple(zip(*spans, strict=True)) if spans else ((), (), ())
                layers.append((text, tok, *cols))
        for by_sentence in (True, False):
            got = tag_batch(layers, tagset, by_sentence=by_sentence)
            for (text, tok, starts, ends, labels), (tagged, stats) in zip(layers, got, strict=True):
                want_stats = AlignStats()
                want = tag_columns(text, tok, starts, ends, labels, tagset, nested="outermost",
                                   by_sentence=by_sentence, stats=want_stats)
                assert (tagged.units, tagged.columns, tagged.spans) == (want.units, want.columns, want.spans)
                assert stats == want_stats


def test_entity_columns_behave_as_the_tuple_of_spans() -> None:
    text = "قال وزير الخارجية فؤاد حسين"
    cols = EntityColumns(text, [0, 4], [3, 8], ["X", "PER"], None, ["manual", "model"], ["active", "suggested"])
    spans = (XSpan(0, 3, "X", "قال", None, "manual", "active"), XSpan(4, 8, "PER", "وزير", None, "model", "suggested"))
    assert cols == spans and spans == cols and hash(cols) == hash(spans)
    assert len(cols) == 2 and list(cols) == list(spans) and cols[1] == spans[1] and cols[:1] == spans[:1]
    linked = EntityColumns(text, [4], [8], ["PER"], ["ent-1"], ["manual"], ["active"])
    assert linked[0].entity == "ent-1"


def test_token_lines_are_the_records_dumped() -> None:
    """tokens.lines builds its JSON from pieces; it must be orjson.dumps of tokens.records, also
    for brackets, commas, quotes and backslashes as tokens and with a second tag column."""
    text = 'قال "العراق" [بغداد], و\\ 3.5 ],[ «نعم». x_y\nسطر ثانٍ؟ نعم!'
    spans = [(0, 3, "PER"), (5, 11, "GPE"), (5, 11, "ORG"), (14, 19, "GPE"), (28, 31, "MISC")]
    ents = tuple(XSpan(a, b, lb, text[a:b]) for a, b, lb in spans)
    for uid, body in (("d/1", text), ('d"2', text.replace("_", " "))):
        doc = XDoc(uid, "", body, None, None, None, "ar", {}, {}, (XLayer("gold", "done", 0.0, ents, (), ()),))
        for nested in ("outermost", "columns"):
            schema = default_schema()
            options = ExportOptions(layer="gold", nested=nested)
            labels = output_labels(schema.labels, options)
            c1 = Context(None, options, schema, labels, TagSet(labels))
            c2 = Context(None, options, schema, labels, TagSet(labels))
            want = b"".join(orjson.dumps(r, option=orjson.OPT_APPEND_NEWLINE | orjson.OPT_SERIALIZE_NUMPY)
                            for r in tokens.records(doc, doc.layers[0], c1, TokenCache()))
            cache = TokenCache()
            tokens.prepare([doc], c2, cache)
            got, n = tokens.lines(doc, doc.layers[0], c2, cache)
            assert got == want and n == want.count(b"\n")
            assert c1.align == c2.align and c1.current == c2.current
