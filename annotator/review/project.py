"""Project-wide review helpers: which articles need review, and accepting agreed items everywhere."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.commands import Changes
from annotator.review.adjudicate import AcceptAllAgreed
from annotator.review.agreement import resolve_annotators
from annotator.review.alignment import align_many
from annotator.review.layers import load_layers
from annotator.store import Store, Tx


@dataclass(frozen=True, slots=True)
class ReviewTarget:
    doc_id: int
    annotator_ids: tuple[int, ...]  # the chosen annotators who annotated this article


def review_targets(store: Store, annotators: Sequence[str] | None = None, *, minimum: int = 2) -> list[ReviewTarget]:
    """Articles annotated by at least ``minimum`` of the chosen annotators (default: all but gold)."""
    ids = [i for i, _ in resolve_annotators(store, annotators)]
    with store.read() as conn:
        layers = load_layers(conn, ids)
    by_doc: dict[int, list[int]] = {}
    for (doc, ann), lay in layers.items():
        if lay.annotated:
            by_doc.setdefault(doc, []).append(ann)
    return [ReviewTarget(doc, tuple(a for a in ids if a in anns))
            for doc, anns in sorted(by_doc.items()) if len(anns) >= minimum]


@dataclass
class AcceptAgreedInProject:
    """:class:`AcceptAllAgreed` for every article in ``targets``, aligned in bulk inside the transaction."""

    reviewer_id: int
    targets: list[ReviewTarget]
    _children: list[AcceptAllAgreed] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return "Accept all agreed items in the project"

    @property
    def accepted(self) -> int:
        return sum(c.accepted for c in self._children or [])

    @property
    def articles(self) -> int:
        return sum(1 for c in self._children or [] if c.accepted)

    def audit(self) -> dict[str, Any]:
        return {"articles": self.articles, "accepted": self.accepted}

    def do(self, tx: Tx) -> Changes:
        if self._children is None:
            aligned = align_many(tx.conn, {t.doc_id: t.annotator_ids for t in self.targets})
            self._children = [AcceptAllAgreed(d, self.reviewer_id, a.annotator_ids, alignment=a)
                              for d, a in aligned.items()]
        ch = Changes()
        for c in self._children:
            ch |= c.do(tx)
        return ch

    def undo(self, tx: Tx) -> Changes:
        assert self._children is not None
        ch = Changes()
        for c in reversed(self._children):
            ch |= c.undo(tx)
        return ch


def accept_agreed_everywhere(
    store: Store, reviewer_id: int, annotators: Sequence[str] | None = None
) -> AcceptAgreedInProject:
    """Accept every undecided agreed item in every article two or more chosen annotators annotated.

    One transaction and one undoable command; its ``accepted`` and ``articles`` say how much.
    """
    cmd = AcceptAgreedInProject(reviewer_id, review_targets(store, annotators))
    store.run(cmd, reviewer_id)
    return cmd
