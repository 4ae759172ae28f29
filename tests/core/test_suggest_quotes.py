"""Quote suggestions: cues (with و/ف), marks, إن/أن clauses, speakers, kinds; the gold sample set."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.ingest import import_paths
from annotator.schema import default_schema
from annotator.store import Store
from annotator.suggest import Mention, find_quotes, reject, suggest_article

from ..conftest import DATA, SEEDS, add_document

CUES = default_schema().cue_keys


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def by_start(quotes: list, text: str, words: str) -> object:
    """The found quote whose content starts at ``words``."""
    at = text.index(words)
    hit = [q for q in quotes if q.content[0] == at]
    assert hit, f"no quote starting at {words!r}: {[text[q.content[0] : q.content[1]][:30] for q in quotes]}"
    return hit[0]


def test_cue_subject_speaker_and_mixed_content_in_quotes() -> None:
    text = seed("000")
    name = text.index("فؤاد حسين\u00a0إن")  # an NBSP, as in the source
    mentions = [Mention(name, name + len("فؤاد حسين"), "PER")]
    quotes = find_quotes(text, mentions, CUES)
    q = by_start(quotes, text, 'العراق "يسعى')
    cue = text.index("قال وزير")
    assert q.cue == (cue, cue + 3)
    assert q.speaker_text == "وزير الخارجية العراقي فؤاد حسين"
    assert q.speaker_mention == mentions[0]
    assert q.kind == "mixed"  # an إن clause that quotes words
    end = text.index('الدوليّ"، مؤكدا') + len('الدوليّ"')
    assert q.content[1] == end  # the closing mark of the quoted words stays (balanced content)


def test_conjunction_cue_pro_drop_speaker_and_direct_quote() -> None:
    text = seed("000")
    quotes = find_quotes(text, [], CUES)
    q = by_start(quotes, text, "لقد تم إبرام")
    waw = text.index('وأضاف "لقد')
    assert q.cue == (waw + 1, waw + len("وأضاف"))  # the verb without its و
    assert text[q.cue[0] : q.cue[1]] == "أضاف"
    assert q.kind == "direct"
    assert q.speaker_text == "حسين"  # "وأضاف" has no subject: the previous quote's speaker
    closing = text.index('الجانبين"') + len("الجانبين")
    assert q.content[1] == closing  # inside the marks, without them


def test_colon_participle_indirect_and_sentence_end() -> None:
    text = seed("001")
    quotes = find_quotes(text, [], CUES)
    colon = by_start(quotes, text, "لقد تمكنا")
    assert colon.kind == "direct" and colon.speaker_text == "حسين"
    assert text[colon.cue[0] : colon.cue[1]] == "تابع"
    part = by_start(quotes, text, "القضاء على ذلك التنظيم")
    assert text[part.cue[0] : part.cue[1]] == "مبيناً" and part.kind == "indirect"
    assert part.speaker_text == "حسين"  # a participle continues the main verb's speaker
    last = by_start(quotes, text, "الشراكة بين الولايات المتحدة والعراق")
    assert last.speaker_text == "بلينكن" and last.kind == "indirect"
    assert text[last.content[0] : last.content[1]].endswith("ضد داعش")  # up to the sentence end
    first = by_start(quotes, text, "القضاء على تنظيم داعش")
    assert text[first.content[0] : first.content[1]].endswith("دوليين")  # stops before "فيما أشار"


def test_quote_before_its_cue_and_quoted_names_are_not_quotes() -> None:
    text = seed("002")
    quotes = find_quotes(text, [], CUES)
    q = by_start(quotes, text, "التعاون العسكري على المدى")
    cue = text.index("قال المتحدث")
    assert q.cue == (cue, cue + 3) and q.kind == "direct"
    assert "جون كيربي" in q.speaker_text
    contents = [text[a:b] for a, b in (x.content for x in quotes)]
    assert "فؤاد حسين" not in contents and "CNN" not in contents  # short quoted names
    ind = by_start(quotes, text, "قوات بلاده الأمنية")
    assert ind.kind == "indirect" and "فؤاد حسين" in ind.speaker_text


def test_headline_quote_needs_a_speaker_and_non_speech_is_skipped() -> None:
    text = "العراق: قواتنا لا تزال بحاجة إلى البرامج\nتنويه: جميع المقالات المنشورة تمثل رأي كتابها فقط\nأعلنت واشنطن عن عزمها تقديم الدعم."
    iraq = Mention(0, 6, "GPE")
    quotes = find_quotes(text, [iraq], CUES)
    assert [(text[q.content[0] : q.content[1]], q.speaker_text) for q in quotes] == [
        ("قواتنا لا تزال بحاجة إلى البرامج", "العراق")
    ]
    assert find_quotes(text, [], CUES) == []  # no mention, no title word: not a headline quote


def load_gold() -> tuple[list[dict], dict[str, list[str]]]:
    gold = DATA / "gold_samples"
    records = [json.loads(x) for x in (gold / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x]
    return records, json.loads((gold / "anchors.json").read_text(encoding="utf-8"))["speakers"]


def test_hand_checked_gold_quotes_found_with_cue_and_speaker(sqlite_store: Store) -> None:
    """Every hand-annotated quote of the samples, imported as the app imports them."""
    records, speakers = load_gold()
    report = import_paths(sqlite_store, sorted(Path(SEEDS).glob("*.txt")))
    docs = {f.path.name: f.doc_ids[0] for f in report.files}
    who = sqlite_store.annotator_id("sara")
    found = wrong_cue = wrong_speaker = total = proposed = 0
    for r in records:
        doc = docs[r["file"]]
        text = sqlite_store.document(doc).text
        batch = suggest_article(sqlite_store, doc, who, kinds=("quotes",))
        sqlite_store.run(batch, who)
        got = {}
        for q in sqlite_store.quotes(doc, who, statuses=("suggested",)):
            c = sqlite_store.span(q.content_span_id)
            cue = sqlite_store.span(q.cue_span_id) if q.cue_span_id else None
            got[(c.start, c.end)] = ((cue.start, cue.end) if cue else None, q.speaker_text)
        proposed += len(got)
        for g in r["quotes"]:
            total += 1
            a, b = g["content"]
            hit = [v for (s, e), v in got.items() if min(b, e) - max(a, s) > (min(b - a, e - s)) // 2]
            if not hit:
                continue
            found += 1
            cue, speaker = hit[0]
            wrong_cue += (list(cue) if cue else None) != g["cue"]
            names = speakers[g["speaker"]]
            wrong_speaker += not any(n in speaker for n in names)
            assert text[a:b] == g["content_text"]
    assert total == 58
    assert found >= 0.9 * total and proposed <= found + 0.1 * total  # recall and precision >= 0.9
    assert wrong_cue <= 0.1 * found and wrong_speaker <= 0.1 * found


def test_rejected_quote_is_not_suggested_again(store: Store) -> None:
    text = 'قال الوزير إن "الحوار مستمر مع الجانب الأميركي بلا توقف". وأضاف أن العلاقات بين البلدين قوية جدا.'
    doc = add_document(store, text)
    who = store.annotator_id("sara")
    store.run(suggest_article(store, doc, who, kinds=("quotes",)), who)
    quotes = store.quotes(doc, who, statuses=("suggested",))
    assert len(quotes) == 2 and {q.origin for q in quotes} == {"suggested"}
    assert store.quotes(doc, who) == []  # suggestions are not annotations
    store.run(reject(store, quote_ids=[quotes[0].id]), who)
    again = suggest_article(store, doc, who, kinds=("quotes",))
    assert again.commands == []  # one rejected, one already suggested
    rejected = store.quotes(doc, who, statuses=("rejected",))
    assert [q.id for q in rejected] == [quotes[0].id]
    assert store.span(rejected[0].content_span_id).status == "rejected"  # type: ignore[union-attr]


def test_constructions_beyond_the_samples() -> None:
    text = (
        "وقال الرئيس الفرنسي إيمانويل ماكرون: «نحن لن نتخلى عن حلفائنا في المنطقة».\n"
        '"الوضع خطير جدا ويتطلب تدخلا عاجلا"، قال المتحدث باسم الأمم المتحدة.\n'
        "قالت مصادر مطلعة لوكالة رويترز إن الاتفاق بات وشيكا.\n"
        "ذكرت وكالة الأنباء الرسمية أنّ الرئيس سيزور القاهرة، مضيفةً أن الزيارة ستستغرق يومين.\n"
        "ونفى المتحدث وجود أي مفاوضات سرية."
    )
    got = [
        (
            text[q.content[0] : q.content[1]],
            text[q.cue[0] : q.cue[1]] if q.cue else None,
            q.speaker_text,
            q.kind,
        )
        for q in find_quotes(text, [], CUES)
    ]
    assert got == [
        ("نحن لن نتخلى عن حلفائنا في المنطقة", "قال", "الرئيس الفرنسي إيمانويل ماكرون", "direct"),
        ("الوضع خطير جدا ويتطلب تدخلا عاجلا", "قال", "المتحدث باسم الأمم المتحدة", "direct"),
        ("الاتفاق بات وشيكا", "قالت", "مصادر مطلعة", "indirect"),
        ("الرئيس سيزور القاهرة", "ذكرت", "وكالة الأنباء الرسمية", "indirect"),
        ("الزيارة ستستغرق يومين", "مضيفةً", "وكالة الأنباء الرسمية", "indirect"),
    ]  # نفى + noun (no إن/أن, no quotation): not a quote
