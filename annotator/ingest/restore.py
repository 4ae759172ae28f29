"""Put lines removed at import (boilerplate, repeated title, blank lines) back into an article.

The import records every removed line with its original line number, and every line it kept
keeps its order, so the original layout is the kept lines with the removed ones slotted in at
their numbers. Changing the text would shift annotation offsets, so this is refused once the
article has any span, quote or stance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from annotator.commands import Changes
from annotator.ingest.records import text_hash
from annotator.store import ST, CommandError, D, Q, S, Tx


def removed_lines(provenance: dict[str, Any]) -> list[dict[str, Any]]:
    """The removed lines recorded in an article's provenance, by original line number."""
    lines = provenance.get("removed_lines") or []
    return sorted((r for r in lines if isinstance(r, dict) and isinstance(r.get("line"), int)),
                  key=lambda r: r["line"])


def rebuild(text: str, removed: list[dict[str, Any]], restore: set[int]) -> str:
    """The text with the removed lines numbered in ``restore`` back at their original places."""
    kept = iter(text.split("\n"))
    by_number = {r["line"]: r["text"] for r in removed}
    out: list[str] = []
    total = len(by_number) + text.count("\n") + 1
    for n in range(1, total + 1):
        if n in by_number:
            if n in restore:
                out.append(by_number[n])
            continue
        line = next(kept, None)
        if line is None:
            raise ValueError(f"removed line {max(by_number)} lies past the end of the article's text")
        out.append(line)
    return "\n".join(out)


@dataclass
class RestoreLines:
    """Restore removed lines (by original line number) into an article that has no annotations."""

    doc_id: int
    lines: list[int]
    _old: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return "Restore removed line" if len(self.lines) == 1 else "Restore removed lines"

    def audit(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "lines": list(self.lines)}

    def _check_unannotated(self, tx: Tx) -> None:
        counts = {
            name: tx.conn.execute(select(func.count()).select_from(t).where(t.c.doc_id == self.doc_id)).scalar() or 0
            for name, t in (("spans", S), ("quotes", Q), ("stances", ST))
        }
        if any(counts.values()):
            held = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
            raise CommandError(
                f"cannot restore lines: the article already has annotations ({held}) and inserting text "
                "would shift their offsets; restore lines before annotating"
            )

    def do(self, tx: Tx) -> Changes:
        doc = tx.must_get("document", self.doc_id)
        self._check_unannotated(tx)
        provenance = dict(doc["provenance"] or {})
        removed = removed_lines(provenance)
        known = {r["line"] for r in removed}
        wanted = set(self.lines)
        if not wanted:
            raise CommandError("no line numbers given")
        unknown = sorted(wanted - known)
        if unknown:
            have = ", ".join(str(n) for n in sorted(known)) or "none"
            raise CommandError(f"line(s) {', '.join(map(str, unknown))} were not removed from this article "
                               f"(removed lines: {have})")
        try:
            new_text = rebuild(doc["text"], removed, wanted)
        except ValueError as e:
            raise CommandError(f"the recorded removed lines do not fit this article: {e}") from None
        new_hash = text_hash(new_text)
        other = tx.conn.execute(select(D.c.uid).where(D.c.content_hash == new_hash, D.c.id != self.doc_id)).scalar()
        if other is not None:
            raise CommandError(f"restoring would make this article identical to article {other}")
        self._old = {k: doc[k] for k in ("text", "length", "content_hash", "provenance")}
        provenance["removed_lines"] = [r for r in removed if r["line"] not in wanted]
        provenance["restored_lines"] = sorted(
            [*provenance.get("restored_lines", []), *(r for r in removed if r["line"] in wanted)],
            key=lambda r: r["line"],
        )
        tx.update("document", self.doc_id, {"text": new_text, "length": len(new_text),
                                             "content_hash": new_hash, "provenance": provenance})
        tx.store.index_documents(tx.conn, [(self.doc_id, doc["title"], new_text)],
                                 previous={self.doc_id: (doc["title"], doc["text"])})
        return Changes(docs={self.doc_id})

    def undo(self, tx: Tx) -> Changes:
        assert self._old is not None
        doc = tx.must_get("document", self.doc_id)
        self._check_unannotated(tx)
        tx.update("document", self.doc_id, self._old)
        tx.store.index_documents(tx.conn, [(self.doc_id, doc["title"], self._old["text"])],
                                 previous={self.doc_id: (doc["title"], doc["text"])})
        return Changes(docs={self.doc_id})
