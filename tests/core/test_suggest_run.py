"""Running suggestions: one article as an undoable batch, accept/reject, the project runner."""

from __future__ import annotations

import re

import pytest

from annotator import commands as C
from annotator.store import Store
from annotator.suggest import accept, reject, suggest_article, suggest_project

from ..conftest import SEEDS, add_document


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def label_first(store: Store, doc: int, who: int, surface: str, label: str) -> int:
    text = store.document(doc).text
    a = text.index(surface)
    add = C.AddSpan(doc, who, a, a + len(surface), label)
    store.run(add, who)
    assert add.span_id is not None
    return add.span_id


def test_suggest_article_is_one_undoable_batch_linking_speaker_mentions(store: Store) -> None:
    first = add_document(store, seed("003"))
    doc = add_document(store, seed("000"))
    who = store.annotator_id("sara")
    label_first(store, first, who, "فؤاد حسين", "PER")
    label_first(store, first, who, "واشنطن", "GPE")
    batch = suggest_article(store, doc, who)
    store.run(batch, who)
    text = store.document(doc).text
    spans = store.spans(doc, who, statuses=("suggested",), layers=("entity",))
    n_wash = len(re.findall(r"(?<![^\W_])واشنطن(?![^\W_])", text))
    assert sorted(text[s.start : s.end] for s in spans) == sorted(["واشنطن"] * n_wash + ["فؤاد حسين"] * 2)
    assert {(s.origin, s.status) for s in spans} == {("suggested", "suggested")}
    quotes = store.quotes(doc, who, statuses=("suggested",))
    assert quotes and store.quotes(doc, who) == [] and store.spans(doc, who) == []  # nothing accepted yet
    said = text.index("قال وزير")
    q = next(q for q in quotes if q.cue_span_id and store.span(q.cue_span_id).start == said)  # type: ignore[union-attr]
    speaker = store.span(q.speaker_span_id)  # type: ignore[arg-type]
    assert speaker is not None and text[speaker.start : speaker.end] == "فؤاد حسين"
    assert speaker.status == "suggested" and speaker.start > said  # the mention suggested in this batch
    ids = sorted(s.id for s in store.spans(doc, who, statuses=("suggested",)))
    store.undo(batch, who)
    assert (
        store.spans(doc, who, statuses=("suggested",)) == []
        and store.quotes(doc, who, statuses=("suggested",)) == []
    )
    store.run(batch, who)  # redo re-creates the same rows
    assert sorted(s.id for s in store.spans(doc, who, statuses=("suggested",))) == ids
    assert store.quote(q.id) is not None and store.quote(q.id).speaker_span_id == speaker.id  # type: ignore[union-attr]


def test_accept_and_reject_are_commands_and_rejections_are_remembered(store: Store) -> None:
    first = add_document(store, "التقى فؤاد حسين نظيره في واشنطن.")
    doc = add_document(
        store, 'وقال فؤاد حسين إن "العراق يسعى إلى مواصلة التعاون مع واشنطن". وزار واشنطن أمس.'
    )
    who = store.annotator_id("sara")
    label_first(store, first, who, "فؤاد حسين", "PER")
    label_first(store, first, who, "واشنطن", "GPE")
    store.run(suggest_article(store, doc, who), who)
    quote = store.quotes(doc, who, statuses=("suggested",))[0]
    cmd = accept(store, quote_ids=[quote.id])
    store.run(cmd, who)
    accepted = store.quotes(doc, who)
    assert [q.id for q in accepted] == [quote.id]
    speaker = store.span(quote.speaker_span_id)  # type: ignore[arg-type]
    assert speaker is not None and speaker.status == "active"  # its suggested speaker came with it
    assert store.span(quote.content_span_id).status == "active"  # type: ignore[union-attr]
    store.undo(cmd, who)
    assert store.quotes(doc, who) == [] and store.span(speaker.id).status == "suggested"  # type: ignore[union-attr]

    wash = [s for s in store.spans(doc, who, statuses=("suggested",), layers=("entity",)) if s.label == "GPE"]
    assert len(wash) == 2
    store.run(reject(store, span_ids=[wash[0].id]), who)
    store.run(accept(store, span_ids=[wash[1].id]), who)
    assert store.span(wash[0].id).status == "rejected"  # type: ignore[union-attr]
    again = suggest_article(store, doc, who, kinds=("entities",))
    assert again.commands == []  # the rejection is remembered, the accepted one is there
    # a content span given as a span id stands for its quote
    store.run(reject(store, span_ids=[quote.content_span_id]), who)
    assert store.quote(quote.id).status == "rejected"  # type: ignore[union-attr]


def test_suggest_project_commits_chunks_reports_progress_and_stops_when_cancelled(store: Store) -> None:
    docs = [add_document(store, seed(n)) for n in ("000", "001", "002", "003", "004")]
    who = store.annotator_id("sara")
    label_first(store, docs[0], who, "العراق", "GPE")
    calls: list[tuple[int, int]] = []
    stop_after = {"n": 0}

    def cancelled() -> bool:
        stop_after["n"] += 1
        return stop_after["n"] > 3  # lets the first chunk (2 articles) through, stops in the second

    report = suggest_project(
        store, who, progress=lambda d, t: calls.append((d, t)), cancelled=cancelled, chunk_size=2
    )
    assert report.cancelled and report.articles == 2 and calls == [(0, 5), (2, 5)]
    done = {d for d in docs if store.spans(d, who, statuses=("suggested",))}
    assert done == set(docs[:2])
    first_spans = report.spans
    assert first_spans > 0 and report.quotes > 0

    calls.clear()
    rest = suggest_project(store, who, progress=lambda d, t: calls.append((d, t)), chunk_size=2)
    assert not rest.cancelled and calls == [(0, 5), (2, 5), (4, 5), (5, 5)]
    assert {d for d in docs if store.spans(d, who, statuses=("suggested",))} == set(docs)
    again = suggest_project(store, who)
    assert (again.spans, again.quotes) == (0, 0)  # nothing is suggested twice
    total = sum(len(store.spans(d, who, statuses=("suggested",), layers=("entity",))) for d in docs)
    assert total == rest.spans + first_spans
    # the runner links speakers to mentions it suggested in the same chunk
    linked = [q for d in docs for q in store.quotes(d, who, statuses=("suggested",)) if q.speaker_span_id]
    assert all(store.span(q.speaker_span_id).doc_id == q.doc_id for q in linked)  # type: ignore[arg-type,union-attr]


def test_suggest_project_kinds_select_what_is_suggested(store: Store) -> None:
    doc = add_document(store, seed("004"))
    who = store.annotator_id("sara")
    label_first(store, doc, who, "واشنطن", "GPE")
    quotes_only = suggest_project(store, who, ("quotes",))
    assert quotes_only.spans == 0 and quotes_only.quotes > 0
    entities = suggest_project(store, who, ("entities",))
    assert entities.quotes == 0 and entities.spans == store.document(doc).text.count("واشنطن") - 1
    assert entities.per_label == {"GPE": entities.spans}


@pytest.mark.parametrize("status", ["active", "rejected"])
def test_accept_reject_batch_counts_in_label(sqlite_store: Store, status: str) -> None:
    doc = add_document(sqlite_store, "في واشنطن وفي واشنطن")
    who = sqlite_store.annotator_id("sara")
    label_first(sqlite_store, doc, who, "واشنطن", "GPE")
    sqlite_store.run(suggest_article(sqlite_store, doc, who, kinds=("entities",)), who)
    sid = sqlite_store.spans(doc, who, statuses=("suggested",))[0].id
    cmd = (accept if status == "active" else reject)(sqlite_store, span_ids=[sid])
    assert cmd.text == ("Accept 1 suggestion" if status == "active" else "Reject 1 suggestion")
    sqlite_store.run(cmd, who)
    assert sqlite_store.span(sid).status == status  # type: ignore[union-attr]


def test_layer_overlap_checks_long_and_nested_spans() -> None:
    from annotator.suggest import Layer

    rows = [(1, 0, 500, "ORG", "active")] + [
        (i, 600 + 10 * i, 605 + 10 * i, "PER", "active") for i in range(2, 100)
    ]
    rows.append((200, 3000, 3010, "GPE", "rejected"))
    layer = Layer(1, rows, [(100, 400, "active"), (450, 460, "rejected")])
    assert not layer.span_allowed(490, 495, "GPE")  # inside the long span, many spans later in the list
    assert layer.span_allowed(500, 505, "GPE") and layer.span_allowed(606, 610, "GPE")
    assert not layer.span_allowed(3000, 3010, "GPE")  # remembered rejection
    assert layer.span_allowed(3000, 3010, "LOC")  # another label at the same place is new
    assert layer.span_allowed(3001, 3005, "GPE")  # a rejected span does not block the place
    assert not layer.quote_allowed(390, 395) and layer.quote_allowed(400, 440)
    assert not layer.quote_allowed(450, 460) and layer.quote_allowed(451, 460)
    layer.add_span(3001, 3005, "GPE")
    assert not layer.span_allowed(3004, 3008, "PER")


def test_suggest_project_runs_in_a_worker_thread_and_stops_on_request(sqlite_store: Store) -> None:
    import threading

    store = sqlite_store
    docs = [add_document(store, seed(n) + f"\nرقم {i}") for i in range(4) for n in ("000", "001", "002")]
    who = store.annotator_id("sara")
    stop = threading.Event()
    seen: list[tuple[int, int]] = []
    result: dict[str, object] = {}

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= 3:
            stop.set()  # the "Cancel" button, pressed from the UI thread in the app

    def work() -> None:
        result["report"] = suggest_project(store, who, ("quotes",), progress, stop.is_set, chunk_size=3)

    t = threading.Thread(target=work)
    t.start()
    t.join(timeout=60)
    report = result["report"]
    assert not t.is_alive() and report.cancelled and report.articles == 3  # type: ignore[attr-defined]
    assert seen == [(0, len(docs)), (3, len(docs))]
    assert sum(bool(store.quotes(d, who, statuses=("suggested",))) for d in docs) == 3
    with pytest.raises(ValueError, match="unknown suggestion kind"):
        suggest_project(store, who, ("stances",))
