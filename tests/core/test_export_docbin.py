"""The DocBin writer of annotator.export.docbin against spaCy's own route (``Doc``, ``char_span``,
``filter_spans``, ``DocBin.add``): the docs both files load back as must be the same, token by
token, entity by entity, span group and user data included, and so must the alignment counts."""

from __future__ import annotations

import random
import re
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from annotator import text as T
from annotator.export import XDoc, XLayer, XSpan, docbin, spacy_tokens
from annotator.export.spacy_fmt import FastDocs, SpacyDocs
from annotator.export.tokenizer import tokenize_batch

spacy = pytest.importorskip("spacy")  # the test extra installs it; the default test command runs this
from spacy.tokens import DocBin  # noqa: E402

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
LABELS = ("PER", "ORG", "GPE", "LOC", "EVENT", "MISC")  # ORG, GPE, LOC, EVENT are spaCy's reserved symbols


def xdoc(uid: str, text: str) -> XDoc:
    return XDoc(uid, "", text, None, None, None, "ar", {}, {}, ())


def random_spans(text: str, rng: random.Random, n: int) -> list[XSpan]:
    """Spans of every kind char_span meets: on tokens, edges inside tokens, starting in a space,
    whitespace only, nested, overlapping, duplicated with another label, linked or not."""
    words = [t for t in T.tokenize(text) if t.kind == "word"] or list(T.tokenize(text))
    out: list[XSpan] = []
    for _ in range(n):
        kind = rng.random()
        if kind < 0.5 and words:  # one or two tokens exactly
            k = rng.randrange(len(words))
            a, b = words[k].start, words[min(k + rng.choice((0, 0, 1)), len(words) - 1)].end
        else:  # anywhere
            a = rng.randrange(len(text))
            b = min(len(text), a + rng.randint(1, 12))
        if kind > 0.95 and a > 0:  # start on the character after a token: in its trailing space
            a = max(0, a - 1)
        label = rng.choice(LABELS)
        entity = rng.choice((None, None, f"ent-{rng.randrange(5)}"))
        out.append(XSpan(a, b, label, text[a:b], entity))
        if rng.random() < 0.05:
            out.append(XSpan(a, b, rng.choice(LABELS), text[a:b], None))  # same range, other label
    return out


def load(data: bytes) -> list[Any]:
    return list(DocBin().from_bytes(data).get_docs(spacy.blank("ar").vocab))


def described(doc: Any) -> dict[str, Any]:
    group = doc.spans.get("sc", [])
    return {
        "tokens": [(t.text, t.whitespace_, t.ent_iob_, t.ent_type_, t.ent_kb_id_) for t in doc],
        "ents": [(e.start, e.end, e.start_char, e.end_char, e.label_, e.kb_id_) for e in doc.ents],
        "sc": [(s.start, s.end, s.start_char, s.end_char, s.label_, s.kb_id_) for s in group],
        "user_data": dict(doc.user_data),
        "text": doc.text,
    }


def both(texts: list[str], spans: list[list[XSpan]], tokens: str, nested: bool) -> tuple[FastDocs, SpacyDocs]:
    fast, ref = FastDocs(tokens), SpacyDocs(tokens)
    docs = [xdoc(f"d{k}", t) for k, t in enumerate(texts)]
    fast.prepare(docs)
    for k, (doc, ss) in enumerate(zip(docs, spans, strict=True)):
        for name in ("gold", "amira"):  # two layers of one article share its tokens
            layer = XLayer(name, "done", 0.0, tuple(ss), (), ())
            split = "train" if k % 3 else "test"
            ordered = sorted(ss, key=lambda x: (x.start, x.end, x.label))  # the query's order
            columns = ([x.start for x in ordered], [x.end for x in ordered], [x.label for x in ordered],
                       [x.entity for x in ordered])
            fast.add(split, doc, layer, columns, nested)
            ref.add(split, doc, layer, columns, nested)
    fast.out.flush()
    return fast, ref


def assert_same(fast: FastDocs, ref: SpacyDocs) -> None:
    assert sorted(fast.bins) == sorted(ref.bins)
    for split in ref.bins:
        got, want = load(fast.to_bytes(split)), load(ref.to_bytes(split))
        assert len(got) == len(want)
        for g, w in zip(got, want, strict=True):
            assert described(g) == described(w)
    assert fast.align == ref.align


def test_batch_layout_is_words_and_spaces_of_each_text() -> None:
    rng = random.Random(3)
    pieces = ["قال", "Biden", "3.5", "_x_", "😀", "،", ".", " ", "  ", "\n", "\n\n", "\u00a0", "\t", "\r\n"]
    texts = ["", " ", "\n\n", "كلمة", " كلمة", "كلمة ", "كلمة\n", "\u00a0\u00a0كلمة  \n"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(300)]
    rng.shuffle(texts)
    vocab: dict[str, int] = {}

    def ids(words: list[str]) -> np.ndarray:
        return np.fromiter((vocab.setdefault(w, len(vocab)) for w in words), dtype=np.uint64, count=len(words))

    laid = spacy_tokens.layout_batch(texts, tokenize_batch(texts), ids)
    for text, got in zip(texts, laid, strict=True):
        words, spaces = spacy_tokens.words_and_spaces(text)
        assert [text[a:a + n] for a, n in zip(got.idx.tolist(), got.lens.tolist(), strict=True)] == words, repr(text)
        assert got.spaces.tolist() == spaces and got.length == len(text)
        assert got.orth.tolist() == [vocab[w] for w in words]
        assert [got.vocab[k] for k in got.which.tolist()] == words


def test_distinct_tokens_survive_a_hash_collision(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "قال قال Biden قالت  x x\n"
    bounds = [(m.start(), m.end()) for m in re.finditer(r"\S+|\s+", text)]
    s = np.array([a for a, _ in bounds])
    e = np.array([b for _, b in bounds])
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    want = [text[a:b] for a, b in bounds]
    vocab, which = spacy_tokens.distinct_tokens(text, cp, s, e)
    assert [vocab[k] for k in which.tolist()] == want and len(vocab) == len(set(want))
    monkeypatch.setattr(spacy_tokens, "_MIX", 0)  # the key is then the length alone: " " and "x" collide...
    vocab, which = spacy_tokens.distinct_tokens(text, cp, s, e)
    assert [vocab[k] for k in which.tolist()] == want and len(vocab) == len(set(want))  # ...and are told apart


def test_an_empty_docbin_loads_as_no_docs() -> None:
    assert load(FastDocs("annotator").to_bytes("dev")) == []


def test_layout_of_the_installed_spacy_is_the_one_written() -> None:
    assert docbin.layout_matches() is None


@pytest.mark.parametrize("nested", [False, True])
def test_sample_articles_load_as_spacys_own_docbin(nested: bool) -> None:
    rng = random.Random(5)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    spans = [random_spans(t, rng, 120) for t in texts]
    fast, ref = both(texts, spans, "annotator", nested)
    assert_same(fast, ref)
    assert fast.align.expanded and fast.align.failed and fast.align.overlapping  # every case met


@pytest.mark.parametrize("tokens", ["annotator", "spacy"])
def test_random_texts_and_spans_load_as_spacys_own_docbin(tokens: str) -> None:
    rng = random.Random(11)
    pieces = ["قال", "الرئيس", "الأميركي", "ORG", "Biden", "2024", "،", ".", "\"", "(", ")", "ـ", "وَالعِرَاقِ",
              " ", " ", "  ", "\n", "\n\n", "\u00a0", "\t", "U.S.", "e-mail", "١٢٣", "%"]
    texts = []
    for _ in range(60):
        t = "".join(rng.choice(pieces) + rng.choice(("", " ", " ", " ")) for _ in range(rng.randint(1, 40)))
        texts.append(t if t.strip() else t + "كلمة")
    spans = [random_spans(t, rng, rng.randint(0, 15)) for t in texts]
    fast, ref = both(texts, spans, tokens, nested=True)
    assert_same(fast, ref)


def test_message_has_the_attribute_columns_and_strings_spacy_needs() -> None:
    import srsly

    text = "قالت منظمة ORG إن واشنطن"
    a = text.index("واشنطن")
    spans = [XSpan(a, a + 6, "GPE", "واشنطن", "ent-1"), XSpan(11, 14, "ORG", "ORG", None)]
    fast, _ = both([text], [spans], "annotator", nested=False)
    msg = srsly.msgpack_loads(zlib.decompress(fast.to_bytes("test")))
    assert msg["attrs"] == docbin.ATTRS and set(msg) == docbin.MSG_KEYS
    assert {"واشنطن", "GPE", "ent-1", "ORG", ""} <= set(msg["strings"])
    assert len(msg["user_data"]) == len(msg["flags"]) == 2  # the two layers
