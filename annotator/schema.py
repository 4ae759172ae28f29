"""The label schema of a project (entity types, quote kinds and cues, stance polarities and topics).

Loaded from TOML; a default ships with the package and a copy is stored in each project so the
schema travels with the data.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any

from annotator import text as T


class SchemaError(ValueError):
    pass


@dataclass(frozen=True)
class EntityType:
    label: str
    name: str
    name_ar: str = ""
    color: str = "#808080"
    key: str = ""


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    name_ar: str = ""


@dataclass(frozen=True)
class Schema:
    name: str
    entities: tuple[EntityType, ...]
    quote_kinds: tuple[str, ...] = ("direct", "indirect", "mixed")
    quote_color: str = "#0a9396"
    cue_color: str = "#ee9b00"
    cues: tuple[str, ...] = ()
    polarities: tuple[str, ...] = ("favor", "against", "neutral")
    evidence_color: str = "#9b2226"
    topics: tuple[Topic, ...] = ()
    variant_table: dict[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = ""  # the TOML text it was read from

    @cached_property
    def labels(self) -> tuple[str, ...]:
        return tuple(e.label for e in self.entities)

    def entity(self, label: str) -> EntityType | None:
        return next((e for e in self.entities if e.label == label), None)

    def by_key(self, key: str) -> EntityType | None:
        return next((e for e in self.entities if e.key and e.key == key), None)

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    @cached_property
    def variants(self) -> T.Variants:
        table: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in T.DEFAULT_VARIANTS.items()}
        for canon, forms in self.variant_table.items():
            table[canon] = (*table.get(canon, ()), *forms)
        return T.Variants.build(table)

    @cached_property
    def cue_keys(self) -> frozenset[str]:
        return frozenset(T.normalize(c) for c in self.cues)


def _require(d: dict[str, Any], key: str, where: str) -> Any:
    if key not in d:
        raise SchemaError(f"{where}: missing '{key}'")
    return d[key]


def parse_schema(source: str, origin: str = "<schema>") -> Schema:
    """Parse and validate schema TOML; errors name the origin and the offending entry."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as e:
        raise SchemaError(f"{origin}: {e}") from None
    entities = []
    seen_labels: set[str] = set()
    seen_keys: dict[str, str] = {}
    for i, ent in enumerate(data.get("entity", []), 1):
        where = f"{origin}: [[entity]] #{i}"
        label = str(_require(ent, "label", where))
        if label in seen_labels:
            raise SchemaError(f"{where}: label {label!r} defined twice")
        key = str(ent.get("key", ""))
        if key and key in seen_keys:
            raise SchemaError(f"{where}: key {key!r} already used by {seen_keys[key]}")
        if len(key) > 1:
            raise SchemaError(f"{where}: key must be a single character, got {key!r}")
        seen_labels.add(label)
        if key:
            seen_keys[key] = label
        entities.append(
            EntityType(label, str(ent.get("name", label)), str(ent.get("name_ar", "")), str(ent.get("color", "#808080")), key)
        )
    if not entities:
        raise SchemaError(f"{origin}: at least one [[entity]] type is needed")
    q = data.get("quote", {})
    s = data.get("stance", {})
    topics = tuple(
        Topic(str(_require(t, "id", f"{origin}: [[stance.topic]]")), str(t.get("name", t["id"])), str(t.get("name_ar", "")))
        for t in s.get("topic", [])
    )
    variants = {str(k): tuple(str(x) for x in v) for k, v in data.get("variants", {}).items()}
    return Schema(
        name=str(data.get("name", "schema")),
        entities=tuple(entities),
        quote_kinds=tuple(q.get("kinds", ("direct", "indirect", "mixed"))),
        quote_color=str(q.get("color", "#0a9396")),
        cue_color=str(q.get("cue_color", "#ee9b00")),
        cues=tuple(q.get("cues", ())),
        polarities=tuple(s.get("polarities", ("favor", "against", "neutral"))),
        evidence_color=str(s.get("evidence_color", "#9b2226")),
        topics=topics,
        variant_table=variants,
        source=source,
    )


def default_schema_text() -> str:
    return resources.files("annotator.data").joinpath("default_schema.toml").read_text(encoding="utf-8")


def default_schema() -> Schema:
    return parse_schema(default_schema_text(), "default_schema.toml")
