"""Merge another project (an annotator's own copy) into this one, keeping who annotated what.

Matching, so that merging twice changes nothing:

- articles by ``content_hash`` (same text, so offsets agree), else by ``uid``; an article whose
  uid matches but whose text differs is reported and its annotations are skipped;
- annotators by name (``gold`` is gold in both); canonical entities by uid, else name and type;
- spans by (article, annotator, layer, start, end, label); quotes by their content span; stances
  by (article, annotator, scope, holder, target); evidence links, statuses and review decisions by
  their natural keys. Statuses combine: the further state, assigned if either says so, the longer time.

Everything happens in one transaction on this project; the other project is only read.
Importing an annotator's native JSONL export is the other way to merge (``annotator import``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update

from annotator.db import SCHEMA_HEAD, current_revision, make_engine, migrate, to_url
from annotator.models import TABLES
from annotator.review.layers import insert_many
from annotator.store import AUDIT, DS, SE, ST, A, CommandError, D, E, Q, S, Store

RD = TABLES["review_decision"]
_RANK = {"not_started": 0, "in_progress": 1, "done": 2}


@dataclass(slots=True)
class MergeReport:
    source: str
    added: Counter[str] = field(default_factory=Counter)
    matched: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    annotators_added: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(+self.added or +self.updated)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "added": dict(self.added), "matched": dict(self.matched),
                "updated": dict(self.updated), "annotators_added": self.annotators_added, "warnings": self.warnings}

    def lines(self) -> list[str]:
        out = [f"merged {self.source}"]
        for table in ("document", "annotator", "entity", "span", "quote", "stance", "stance_evidence",
                      "doc_status", "review_decision"):
            a, m, u = self.added[table], self.matched[table], self.updated[table]
            if a or m or u:
                extra = f", {u} updated" if u else ""
                out.append(f"  {table:16} {a:7} added, {m} already here{extra}")
        if self.annotators_added:
            out.append("  new annotators: " + ", ".join(self.annotators_added))
        out.extend(f"  warning: {w}" for w in self.warnings)
        if not self.changed:
            out.append("  nothing new: this project already had everything")
        return out


def _rows(conn: Connection, t: Table) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns)).mappings()]


def read_project(target: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Every table of another project as plain rows; refuses files that are not projects."""
    url = to_url(target)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        raise CommandError(f"no project file at {target}")
    engine = make_engine(target)
    try:
        rev = current_revision(engine)
        if rev is None:
            raise CommandError(f"{target} is not an annotator project")
        if rev != SCHEMA_HEAD:
            migrate(engine)  # an older project: bring it up to date first (refuses newer ones)
        with engine.connect() as conn:
            return {name: _rows(conn, TABLES[name]) for name in
                    ("document", "annotator", "entity", "span", "quote", "stance", "stance_evidence",
                     "doc_status", "review_decision")}
    finally:
        engine.dispose()


def merge_projects(store: Store, other: str | Path) -> MergeReport:
    """Copy what ``other`` (a project path or URL) has and this project lacks; one transaction."""
    if to_url(other) == store.engine.url.render_as_string(hide_password=False):
        raise CommandError("cannot merge a project into itself")
    src = read_project(other)
    report = MergeReport(str(other))
    with store.write() as conn:
        _Merger(store, conn, src, report).run()
        conn.execute(insert(AUDIT).values(action="merge", detail=report.to_dict()))
    return report


class _Merger:
    def __init__(self, store: Store, conn: Connection, src: dict[str, list[dict[str, Any]]], report: MergeReport) -> None:
        self.store, self.conn, self.src, self.report = store, conn, src, report
        self.ids: dict[str, dict[int, int]] = {}  # table -> other id -> this id

    def run(self) -> None:
        self.documents()
        self.annotators()
        self.entities()
        self.spans()
        self.quotes()
        self.stances()
        self.statuses()
        self.decisions()

    def _map(self, table: str, other_id: int | None) -> int | None:
        return None if other_id is None else self.ids[table].get(other_id)

    def documents(self) -> None:
        c = self.conn
        by_hash = {h: i for i, h in c.execute(select(D.c.id, D.c.content_hash))}
        by_uid = {u: i for i, u in c.execute(select(D.c.id, D.c.uid))}
        m: dict[int, int] = {}
        new = []
        for row in self.src["document"]:
            here = by_hash.get(row["content_hash"])
            if here is None and row["uid"] in by_uid:
                self.report.warnings.append(
                    f"article {row['uid']} has a different text here; its annotations were not merged")
                continue
            if here is not None:
                m[row["id"]] = here
                self.report.matched["document"] += 1
            else:
                new.append(row)
        ids = insert_many(c, D, [{k: v for k, v in r.items() if k != "id"} for r in new])
        for r, i in zip(new, ids, strict=True):
            m[r["id"]] = i
        self.store.index_documents(c, [(i, r["title"], r["text"]) for r, i in zip(new, ids, strict=True)])
        self.report.added["document"] += len(new)
        self.ids["document"] = m

    def annotators(self) -> None:
        here = {n: i for i, n in self.conn.execute(select(A.c.id, A.c.name))}
        m: dict[int, int] = {}
        for row in self.src["annotator"]:
            if row["name"] in here:
                m[row["id"]] = here[row["name"]]
                self.report.matched["annotator"] += 1
            else:
                m[row["id"]] = insert_many(self.conn, A, [{"name": row["name"], "role": row["role"],
                                                             "created_at": row["created_at"]}])[0]
                self.report.added["annotator"] += 1
                self.report.annotators_added.append(row["name"])
        self.ids["annotator"] = m

    def entities(self) -> None:
        rows = self.conn.execute(select(E.c.id, E.c.uid, E.c.name, E.c.type, E.c.aliases)).all()
        by_uid = {r[1]: r for r in rows}
        by_name = {(r[2], r[3]): r for r in rows}
        m: dict[int, int] = {}
        for row in self.src["entity"]:
            hit = by_uid.get(row["uid"]) or by_name.get((row["name"], row["type"]))
            if hit is None:
                m[row["id"]] = insert_many(self.conn, E, [{k: v for k, v in row.items() if k != "id"}])[0]
                self.report.added["entity"] += 1
                continue
            m[row["id"]] = hit[0]
            self.report.matched["entity"] += 1
            aliases = list(dict.fromkeys([*(hit[4] or []), *(row["aliases"] or [])]))
            if aliases != list(hit[4] or []):
                self.conn.execute(update(E).where(E.c.id == hit[0]).values(aliases=aliases))
                self.report.updated["entity"] += 1
        self.ids["entity"] = m

    def _owned(self, row: dict[str, Any]) -> tuple[int, int] | None:
        doc, ann = self._map("document", row["doc_id"]), self._map("annotator", row["annotator_id"])
        return None if doc is None or ann is None else (doc, ann)

    def _add(self, table: str, t: Table, keyed: list[tuple[Any, dict[str, Any], dict[str, Any]]],
             here: dict[Any, int]) -> None:
        """keyed: (natural key, other row, values to insert); maps every other id to this id."""
        m = self.ids.setdefault(table, {})
        fresh_rows: list[dict[str, Any]] = []
        fresh: list[dict[str, Any]] = []
        pending: dict[Any, int] = {}  # key -> index in fresh; duplicates within the other project share it
        dups: list[tuple[dict[str, Any], Any]] = []
        for key, row, values in keyed:
            if key in here:
                m[row["id"]] = here[key]
                self.report.matched[table] += 1
            elif key in pending:
                dups.append((row, key))
            else:
                pending[key] = len(fresh)
                fresh_rows.append(row)
                fresh.append(values)
        ids = insert_many(self.conn, t, fresh)
        for row, new_id in zip(fresh_rows, ids, strict=True):
            m[row["id"]] = new_id
        for row, key in dups:
            m[row["id"]] = ids[pending[key]]
        self.report.added[table] += len(fresh)

    def spans(self) -> None:
        here = {tuple(r[1:]): r[0] for r in self.conn.execute(
            select(S.c.id, S.c.doc_id, S.c.annotator_id, S.c.layer, S.c.start, S.c["end"], S.c.label))}
        keyed = []
        for row in self.src["span"]:
            owner = self._owned(row)
            if owner is None:
                continue
            key = (*owner, row["layer"], row["start"], row["end"], row["label"])
            values = {k: v for k, v in row.items() if k != "id"}
            values.update(doc_id=owner[0], annotator_id=owner[1], entity_id=self._map("entity", row["entity_id"]))
            keyed.append((key, row, values))
        self._add("span", S, keyed, here)

    def quotes(self) -> None:
        here = {tuple(r[1:]): r[0] for r in self.conn.execute(
            select(Q.c.id, Q.c.doc_id, Q.c.annotator_id, Q.c.content_span_id))}
        keyed = []
        for row in self.src["quote"]:
            owner, content = self._owned(row), self._map("span", row["content_span_id"])
            if owner is None or content is None:
                continue
            values = {k: v for k, v in row.items() if k != "id"}
            values.update(doc_id=owner[0], annotator_id=owner[1], content_span_id=content,
                          cue_span_id=self._map("span", row["cue_span_id"]),
                          speaker_span_id=self._map("span", row["speaker_span_id"]),
                          speaker_entity_id=self._map("entity", row["speaker_entity_id"]))
            keyed.append(((*owner, content), row, values))
        self._add("quote", Q, keyed, here)

    _STANCE_KEY = ("doc_id", "annotator_id", "scope", "holder_span_id", "holder_entity_id", "holder_text",
                   "target_entity_id", "target_topic", "target_text")

    def stances(self) -> None:
        here = {tuple(r[1:]): r[0] for r in self.conn.execute(select(ST.c.id, *[ST.c[k] for k in self._STANCE_KEY]))}
        keyed = []
        for row in self.src["stance"]:
            owner = self._owned(row)
            if owner is None:
                continue
            values = {k: v for k, v in row.items() if k != "id"}
            values.update(doc_id=owner[0], annotator_id=owner[1],
                          holder_span_id=self._map("span", row["holder_span_id"]),
                          holder_entity_id=self._map("entity", row["holder_entity_id"]),
                          target_entity_id=self._map("entity", row["target_entity_id"]))
            keyed.append((tuple(values[k] for k in self._STANCE_KEY), row, values))
        self._add("stance", ST, keyed, here)
        have = {(int(a), int(b)) for a, b in self.conn.execute(select(SE.c.stance_id, SE.c.span_id))}
        links = []
        for row in self.src["stance_evidence"]:
            pair = (self._map("stance", row["stance_id"]), self._map("span", row["span_id"]))
            if None in pair or pair in have:
                self.report.matched["stance_evidence"] += None not in pair
                continue
            have.add(pair)  # type: ignore[arg-type]
            links.append({"stance_id": pair[0], "span_id": pair[1]})
        if links:
            self.conn.execute(insert(SE), links)
        self.report.added["stance_evidence"] += len(links)

    def statuses(self) -> None:
        here = {(r[0], r[1]): r for r in self.conn.execute(
            select(DS.c.doc_id, DS.c.annotator_id, DS.c.status, DS.c.assigned, DS.c.seconds))}
        new = []
        for row in self.src["doc_status"]:
            owner = self._owned(row)
            if owner is None:
                continue
            old = here.get(owner)
            if old is None:
                new.append({**row, "doc_id": owner[0], "annotator_id": owner[1]})
                continue
            self.report.matched["doc_status"] += 1
            status = max(old[2], row["status"], key=lambda s: _RANK.get(s, 0))
            values = {"status": status, "assigned": bool(old[3] or row["assigned"]),
                      "seconds": max(float(old[4]), float(row["seconds"]))}
            if (values["status"], values["assigned"], values["seconds"]) != (old[2], bool(old[3]), float(old[4])):
                self.conn.execute(update(DS).where(DS.c.doc_id == owner[0], DS.c.annotator_id == owner[1]).values(**values))
                self.report.updated["doc_status"] += 1
        if new:
            self.conn.execute(insert(DS), new)
        self.report.added["doc_status"] += len(new)

    def decisions(self) -> None:
        here = {tuple(r[1:]): r[0] for r in self.conn.execute(
            select(RD.c.id, RD.c.doc_id, RD.c.reviewer_id, RD.c.item_kind, RD.c.item_key, RD.c.decision))}
        kinds = {"span": "span", "quote": "quote", "stance": "stance"}
        keyed = []
        for row in self.src["review_decision"]:
            doc, reviewer = self._map("document", row["doc_id"]), self._map("annotator", row["reviewer_id"])
            if doc is None or reviewer is None:
                continue
            table = kinds.get(row["item_kind"], "span")
            detail = dict(row["detail"] or {})
            if "versions" in detail:
                detail["versions"] = [[self._map("annotator", a), self._map(table, i)] for a, i in detail["versions"]]
            values = {k: v for k, v in row.items() if k != "id"}
            values.update(doc_id=doc, reviewer_id=reviewer, detail=detail,
                          source_annotator_id=self._map("annotator", row["source_annotator_id"]),
                          source_item_id=self._map(table, row["source_item_id"]),
                          gold_item_id=self._map(table, row["gold_item_id"]))
            keyed.append(((doc, reviewer, row["item_kind"], row["item_key"], row["decision"]), row, values))
        self._add("review_decision", RD, keyed, here)
