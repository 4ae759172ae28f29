"""Gazetteer: known names pre-annotate articles as suggestions.

Names come from the project's canonical entities (name and aliases, labelled with the entity's
type) and from the surface forms of the annotator's and the gold layer's active entity mentions.
Other annotators' work is not used, so double annotation stays independent for agreement.

Imported name lists (``annotator gazetteer import``) become canonical entities with aliases, so
they are edited, linked and exported like any entity. Matching builds one dict from the first
normalized word of each name to the names starting with it, and scans the article's words once:
thousands of names cost a dict lookup per word, not a regex per name. The longest name wins.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import and_, func, select

from annotator import text as T
from annotator.commands import Batch, CommandError, CreateEntity, UpdateEntity
from annotator.store import D, E, S, Store

_WORD = re.compile(r"[^\W_]+")
_MIN_KEY = 3  # a one-word name shorter than this (after normalization) is too ambiguous to suggest
_PROCLITIC_INITIALS = frozenset(p[0] for p in T.PROCLITICS)
_ENTITY_WEIGHT = 1000  # a canonical entity's type outweighs any count of mention labels


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    start: int
    end: int
    label: str
    entity_id: int | None


class Gazetteer:
    """Names as tuples of normalized word keys, indexed by their first word."""

    def __init__(self, variants: T.Variants = T.DEFAULT) -> None:
        self.variants = variants
        self._votes: dict[tuple[str, ...], Counter[tuple[str, int | None]]] = defaultdict(Counter)
        self._index: dict[str, list[tuple[str, ...]]] = {}
        self._best: dict[tuple[str, ...], tuple[str, int | None]] = {}
        self._firsts_cache: dict[str, list[tuple[str, int]]] = {}  # words repeat: look each up once

    def __len__(self) -> int:
        return len(self._votes)

    def add(self, name: str, label: str, entity_id: int | None = None, weight: int = 1) -> None:
        words = tuple(_WORD.findall(T.normalize(name, self.variants)))
        if not words or (len(words) == 1 and len(words[0]) < _MIN_KEY):
            return
        self._votes[words][(label, entity_id)] += weight
        self._index.clear()  # rebuilt lazily
        self._firsts_cache.clear()

    def _build(self) -> None:
        index: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for words, votes in self._votes.items():
            index[words[0]].append(words)
            self._best[words] = votes.most_common(1)[0][0]
        for names in index.values():
            names.sort(key=len, reverse=True)
        self._index = dict(index)

    def _firsts(self, word: str) -> list[tuple[str, int]]:
        """The word itself and, when a known name follows them, its attached proclitics stripped."""
        got = self._firsts_cache.get(word)
        if got is None:
            if len(self._firsts_cache) > 200_000:
                self._firsts_cache.clear()
            got = self._firsts_cache[word] = self._firsts_uncached(word)
        return got

    def _firsts_uncached(self, word: str) -> list[tuple[str, int]]:
        out = [(word, 0)] if word in self._index else []
        if word[:1] not in _PROCLITIC_INITIALS:
            return out
        for pre in T.PROCLITICS:
            if not word.startswith(pre) or len(word) - len(pre) < _MIN_KEY:
                continue
            stem = word[len(pre) :]
            if stem in self._index:
                out.append((stem, len(pre)))
            elif pre.endswith("ل") and stem.startswith("ل") and "ا" + stem in self._index:
                out.append(("ا" + stem, len(pre)))  # ل + العراق is written للعراق
        return out

    def match(self, text: str) -> list[GazetteerMatch]:
        """Non-overlapping name occurrences in ``text``, longest first at each word, left to right."""
        if not self._votes:
            return []
        if not self._index:
            self._build()
        kt = T.keyed(text, self.variants)
        key = kt.key
        words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(key)]
        out: list[GazetteerMatch] = []
        i, n = 0, len(words)
        while i < n:
            best: tuple[int, int, tuple[str, ...]] | None = None  # (n_words, offset, name)
            for first, off in self._firsts(words[i][2]):
                for name in self._index[first]:
                    k = len(name)
                    if best is not None and k <= best[0]:
                        break
                    if i + k > n or any(words[i + j][2] != name[j] for j in range(1, k)):
                        continue
                    if any(key[words[i + j - 1][1] : words[i + j][0]].strip() for j in range(1, k)):
                        continue  # only spaces may separate the words of a name
                    best = (k, off, name)
                    break
            if best is None:
                i += 1
                continue
            k, off, name = best
            a, b = kt.span(words[i][0] + off, words[i + k - 1][1])
            label, entity_id = self._best[name]
            out.append(GazetteerMatch(a, b, label, entity_id))
            i += k
        return out


def from_store(store: Store, annotator_id: int | None, *, include_gold: bool = True) -> Gazetteer:
    """The project's gazetteer for one annotator: canonical entities plus active mention forms."""
    gz = Gazetteer(store.variants)
    labels = set(store.schema.labels)
    with store.read() as conn:
        for eid, name, etype, aliases in conn.execute(select(E.c.id, E.c.name, E.c.type, E.c.aliases)):
            if etype in labels:
                for n in [name, *(aliases or [])]:
                    gz.add(n, etype, eid, _ENTITY_WEIGHT)
        who = [a for a in (annotator_id, store.gold_id if include_gold else None) if a is not None]
        if who:
            surface = func.substr(D.c.text, S.c.start + 1, S.c.end - S.c.start)
            rows = conn.execute(
                select(surface, S.c.label, func.count())
                .select_from(S.join(D, D.c.id == S.c.doc_id))
                .where(and_(S.c.annotator_id.in_(who), S.c.layer == "entity", S.c.status == "active"))
                .group_by(surface, S.c.label)
            )
            for form, label, count in rows:
                if label in labels:
                    gz.add(str(form), str(label), None, int(count))
    return gz


# --- importing name lists ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameEntry:
    name: str
    label: str
    aliases: tuple[str, ...]
    line: int


def read_names(path: Path, label: str | None) -> tuple[list[NameEntry], list[str]]:
    """Parse a name list; returns entries and errors naming file and line.

    ``.txt``: one name per line, aliases after ``|`` (``أنتوني بلينكن|توني بلينكن``).
    ``.tsv``: ``name<TAB>label<TAB>aliases`` (label may be empty to use ``--label``; aliases
    ``|``-separated); a first row starting with ``name`` is a header. ``#`` starts a comment line.
    """
    entries: list[NameEntry] = []
    errors: list[str] = []
    tsv = path.suffix.lower() == ".tsv"
    for no, raw in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if tsv:
            cols = [c.strip() for c in raw.split("\t")]
            if no == 1 and cols[0].lower() == "name":
                continue
            name, lab = cols[0], (cols[1] if len(cols) > 1 and cols[1] else label)
            aliases = [a.strip() for a in cols[2].split("|")] if len(cols) > 2 else []
        else:
            name, *aliases = [a.strip() for a in line.split("|")]
            lab = label
        if not name:
            errors.append(f"{path}:{no}: empty name")
        elif not lab:
            errors.append(f"{path}:{no}: no label (give --label or a label column)")
        else:
            entries.append(NameEntry(name, lab, tuple(a for a in aliases if a and a != name), no))
    return entries, errors


def import_command(store: Store, entries: Iterable[NameEntry]) -> tuple[Batch, list[str]]:
    """One undoable batch creating entities (or adding aliases to an existing one of that type)."""
    schema = store.schema
    variants = store.variants
    existing: dict[tuple[str, str], tuple[int, list[str]]] = {}
    with store.read() as conn:
        for eid, name, etype, aliases in conn.execute(select(E.c.id, E.c.name, E.c.type, E.c.aliases)):
            existing[(T.normalize(name, variants), etype)] = (eid, list(aliases or []))
    creates: dict[tuple[str, str], CreateEntity] = {}
    updates: dict[int, list[str]] = {}
    errors: list[str] = []
    for e in entries:
        if schema.entity(e.label) is None:
            errors.append(f"line {e.line}: label {e.label!r} is not in the project's schema")
            continue
        k = (T.normalize(e.name, variants), e.label)
        if k in existing:
            eid, aliases = existing[k]
            merged = updates.setdefault(eid, list(aliases))
            merged.extend(a for a in e.aliases if a not in merged)
        elif k in creates:
            have = creates[k].aliases
            have.extend(a for a in e.aliases if a not in have)
        else:
            creates[k] = CreateEntity(e.name, e.label, list(e.aliases))
    cmds: list[CreateEntity | UpdateEntity] = list(creates.values())
    for eid, aliases in updates.items():
        if aliases != existing_aliases(existing, eid):
            cmds.append(UpdateEntity(eid, aliases=aliases))
    return Batch(list(cmds), label=f"Import {len(creates)} names"), errors


def existing_aliases(existing: dict[tuple[str, str], tuple[int, list[str]]], eid: int) -> list[str]:
    return next((al for i, al in existing.values() if i == eid), [])


def import_names(
    store: Store, path: Path, label: str | None, who: int | None = None
) -> tuple[int, int, list[str]]:
    """Read a name list and store it as canonical entities; returns (created, updated, errors)."""
    entries, errors = read_names(path, label)
    batch, more = import_command(store, entries)
    errors += more
    if batch.commands:
        try:
            store.run(batch, who)
        except CommandError as e:
            errors.append(str(e))
            return 0, 0, errors
    created = sum(isinstance(c, CreateEntity) for c in batch.commands)
    return created, len(batch.commands) - created, errors
