from __future__ import annotations

import re

from annotator import text as T


def test_normalize_unifies_marks_letter_forms_and_variants() -> None:
    assert T.normalize("العراقيَّة") == T.normalize("العراقية") == "العراقيه"
    assert T.normalize("أميركا") == T.normalize("أمريكا") == T.normalize("امريكا")
    assert T.normalize("البنتاغون") == T.normalize("البننتاجون")
    assert T.normalize("إستراتيجيّة") == "استراتيجيه"
    assert T.normalize("مصطفى") == "مصطفي"
    assert T.normalize("الجـــيش") == "الجيش"  # tatweel
    assert T.normalize("٢٠٢١") == "2021"
    assert T.normalize("a\u00a0b") == "a b"  # NBSP matches a space


def test_keyed_maps_key_positions_back_to_original_offsets() -> None:
    text = "الجُهُود الدوليّةِ"
    kt = T.keyed(text)
    assert kt.key == "الجهود الدوليه"
    i = kt.key.index("الدوليه")
    a, b = kt.span(i, i + len("الدوليه"))
    assert text[a:b] == "الدوليّةِ"  # trailing kasra stays with its word


def test_keyed_maps_variant_of_different_length() -> None:
    text = "زار البننتاجون أمس"
    kt = T.keyed(text)
    assert "البنتاغون" in kt.key
    i = kt.key.index("البنتاغون")
    a, b = kt.span(i, i + len("البنتاغون"))
    assert text[a:b] == "البننتاجون"


def _keyed_reference(text: str, variants: T.Variants) -> tuple[str, list[int], list[int]]:
    """The key and offset map spelled out character by character (what ``keyed`` vectorises)."""
    key, offsets = "", []
    for i, ch in enumerate(text):
        k = T.basic_key(ch) if ord(ch) > 0xFFFF else T.KEY_TABLE.get(ord(ch), ch)
        if k:  # a deleted character (a mark, tatweel) belongs to the kept one before it
            key += k
            offsets.append(i)
    ends = [*offsets[1:], len(text)] if offsets else []
    offsets.append(len(text))
    out_key, out_off, out_end, pos = "", [], [], 0
    assert variants.pattern is not None
    for m in variants.pattern.finditer(key):
        a, b = m.span()
        rep = variants.canonical[m.group(0)]
        out_key += key[pos:a] + rep
        out_off += offsets[pos:a]
        out_end += ends[pos:a]
        for k in range(len(rep)):
            src = min(a + k, b - 1)
            out_off.append(offsets[src])
            out_end.append(ends[b - 1] if k == len(rep) - 1 else ends[src])
        pos = b
    return out_key + key[pos:], out_off + offsets[pos:], out_end + ends[pos:]


def test_keyed_equals_the_character_by_character_map_with_variants_of_every_length() -> None:
    texts = [
        "البَنْتاجون والبننتاغون وأمْريكا الأمِيركيّة وبلينكين",  # shorter, same length, longer forms
        "زار البننتاجون",  # a variant at the very end
        "فيس بوك، يو تيوب وجوجل ـ قوقل",  # forms with a space inside, and tatweel
        "نص بلا صيغ",
        "",
        "ًـ",  # nothing kept
        "أمريكا😀البننتاجون",  # beyond the BMP
    ]
    for text in texts:
        kt = T.keyed(text)
        key, offsets, ends = _keyed_reference(text, T.DEFAULT)
        assert kt.key == key, text
        assert kt.offsets.tolist() == offsets and kt.ends.tolist() == ends, text
        for m in re.finditer(r"\w+", kt.key):
            a, b = kt.span(m.start(), m.end())
            assert isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(text)


def test_tokenize_keeps_punctuation_addressable_and_marks_inside_words() -> None:
    text = 'قال: "العراقيَّة"، 3.5 مليون 😀'
    toks = T.tokenize(text)
    assert [t.text for t in toks] == ["قال", ":", '"', "العراقيَّة", '"', "،", "3.5", "مليون", "😀"]
    assert all(text[t.start : t.end] == t.text for t in toks)
    assert [t.kind for t in toks if t.text in ("3.5", "مليون", ":")] == ["punct", "number", "word"]


def test_snap_strips_conjunction_keeping_definite_article() -> None:
    text = "التقى الوفد والعراق"
    i = text.index("والعراق")
    a, b = T.snap(text, i, i + len("والعراق"))  # type: ignore[misc]
    assert text[a:b] == "العراق"


def test_snap_keeps_clitics_when_asked_and_expands_partial_words() -> None:
    text = "التقى الوفد والعراق"
    i = text.index("والعراق")
    assert T.snap(text, i, i + len("والعراق"), strip_clitics=False) == (i, i + len("والعراق"))
    a, b = T.snap(text, i + 2, i + 4)  # type: ignore[misc]  # a piece inside the word
    assert text[a:b] == "العراق"


def test_snap_uses_known_words_for_non_definite_names() -> None:
    text = "وصل لواشنطن ثم غادر واشنطن"
    i = text.index("لواشنطن")
    vocab = T.vocabulary(text)
    a, b = T.snap(text, i, i + 7, known=vocab.__contains__)  # type: ignore[misc]
    assert text[a:b] == "واشنطن"
    # without evidence an initial letter is never taken for a clitic
    assert T.snap("زار لبنان", 4, 9, known=lambda w: False) == (4, 9)
    assert T.snap("زار بغداد", 4, 9, known=lambda w: False) == (4, 9)


def test_snap_trims_spaces_and_quotes() -> None:
    text = 'قال "حسين" '
    a, b = T.snap(text, 3, len(text))  # type: ignore[misc]
    assert text[a:b] == "حسين"
    assert T.snap(text, 3, 5) is None  # only a space and a quotation mark
    a, b = T.snap(text, 3, 6)  # type: ignore[misc]  # reaches into the name: the whole name
    assert text[a:b] == "حسين"
    assert T.snap("  ،  ", 0, 5) is None


def test_find_occurrences_matches_variants_and_clitics_on_entity_only() -> None:
    text = "قال بلينكن إن أمريكا وأميركا ولأمريكا تعمل مع العراق والعراقَ وللعراق"
    hits = [text[a:b] for a, b in T.find_occurrences(text, "أميركا")]
    assert hits == ["أمريكا", "أميركا", "أمريكا"]
    hits = [text[a:b] for a, b in T.find_occurrences(text, "العراق")]
    assert hits == ["العراق", "العراقَ", "لعراق"]
    # never inside a longer word
    assert T.find_occurrences("العراقية", "العراق") == []


def test_sentences_and_paragraphs() -> None:
    text = "قال هذا. ثم ذاك؟\n\nسطر ثان"
    assert [text[a:b] for a, b in T.sentences(text)] == ["قال هذا.", "ثم ذاك؟", "سطر ثان"]
    assert [text[a:b] for a, b in T.paragraphs(text)] == ["قال هذا. ثم ذاك؟", "سطر ثان"]


def test_batch_search_keys_equal_the_keys_made_one_by_one() -> None:
    from pathlib import Path

    seeds = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))]
    texts = [
        *seeds,
        "",  # an empty text between others
        "\u0651\u0640\u064e",  # only marks and tatweel: an empty key
        "قَالَ الرَّئِيسُ «لا» — HELLO World 123",
        "ـ" + seeds[0][:200] + "ـ",  # deleted characters at both ends of a text
        "café ÇA İstanbul ß",  # case folding of Latin letters, one that lower-cases to two characters
        "\u200f\u200e\ufeff",
    ]
    expected = [T.fts_key(t).encode("utf-8") for t in texts]
    assert T.fts_keys_utf8(texts) == expected
    assert T.fts_keys_utf8(texts[::-1]) == expected[::-1]
    assert T.fts_keys_utf8(["قال 🙂 بغداد", "واشنطن"]) == [T.fts_key(t).encode("utf-8") for t in ("قال 🙂 بغداد", "واشنطن")]
    assert T.fts_keys_utf8([]) == []


def test_search_key_table_folds_every_bmp_character_as_the_rule_says() -> None:
    """The vectorised table equals the rule applied code point by code point: deleted characters
    stay deleted, ASCII keys stay, surrogates and U+FFFF become spaces, the rest is folded."""
    table, base = T._fts_lookup(), T._lookup()
    for cp in range(0x10000):
        to = int(base[cp])
        if to == T._DELETED:
            want = T._FTS_DELETED
        elif to < 0x80:
            want = to
        elif 0xD800 <= to < 0xE000 or to == 0xFFFF:
            want = 0x20
        else:
            want = T._fold(chr(to))
        assert int(table[cp]) == want, hex(cp)


def test_folding_many_code_points_at_once_equals_folding_each() -> None:
    """_fold_many (one lower() and one regex pass) against _fold, over every BMP code point but
    the surrogates, including U+0130 whose lower case is two characters (it stays as it is)."""
    import numpy as np

    cps = np.array([c for c in range(0x10000) if not 0xD800 <= c < 0xE000], dtype=np.uint32)
    assert T._fold_many(cps).tolist() == [T._fold(chr(c)) for c in cps.tolist()]
    assert T._fold_many(np.array([0x130, 0x41, 0x627, 0x60C], dtype=np.uint32)).tolist() == [0x130, 0x61, 0x627, 0x20]


def test_find_occurrences_by_window_finds_what_the_full_scan_finds() -> None:
    filler = "كلام عادي في خبر طويل عن موضوع آخر تماما. " * 40  # the name is rare: windows are used
    tricky = ["العراق", "والعراق", "للعراق", "وللعراق", "فبالعراق", "لالعراق", "العراقالعراق", "العراقي",
              "العِراق", "ولل", "كالعراق", "بالعراق،", "(العراق)", "العراق العراق", "ـالعراق"]
    for k, word in enumerate(tricky):
        text = filler + " ".join(tricky[k:] + tricky[:k]) + " " + filler
        for phrase in ("العراق", "العراق العراق", "عراق"):
            for clitics in (True, False):
                kt = T.keyed(text)
                pk = T.normalize(phrase).strip()
                scan = T._occurrence_pattern(pk, clitics).finditer(kt.key)
                expected = [kt.span(*m.span("m")) for m in scan]
                assert T.find_occurrences(text, phrase, allow_proclitics=clitics) == expected, (word, phrase)
    found = T.find_occurrences(filler + "زار وفد للعراق والعراقيين" + filler, "العراق")
    assert [(filler + "زار وفد للعراق والعراقيين" + filler)[a:b] for a, b in found] == ["لعراق"]
