"""SQLModel tables for the whole product.

Offsets everywhere are code-point offsets into ``Document.text`` (logical order), which never
changes after import. Qt's UTF-16 positions are converted in ``ui/`` only.

Layers of a span: ``entity`` (a named-entity mention), ``quote`` (a quote's content), ``cue``
(the verb that introduces a quote), ``evidence`` (the text supporting a stance). The gold layer
is the work of the reserved annotator named ``gold`` (role ``gold``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy import text as sql
from sqlmodel import Field, SQLModel

GOLD = "gold"

LAYERS = ("entity", "quote", "cue", "evidence")
ORIGINS = ("manual", "suggested", "imported", "propagated", "adjudicated")
SPAN_STATUSES = ("active", "suggested", "rejected")
DOC_STATUSES = ("not_started", "in_progress", "done")
ROLES = ("annotator", "reviewer", "gold")


def utcnow() -> datetime:
    return datetime.now(UTC)


def _fk(target: str, ondelete: str, *, nullable: bool = True, index: bool = False) -> Any:
    return Field(
        default=None,
        sa_column=Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index),
    )


def one_of(column: str, *values: str) -> str:
    """A CHECK condition that ``column`` holds one of ``values``, as an OR chain: SQLite builds a
    temporary table per checked row for ``IN (...)`` lists (see migration 0005)."""
    return " OR ".join(f"{column} = '{v}'" for v in values)


class ProjectMeta(SQLModel, table=True):
    """Key/value facts about the project: the label schema (TOML text), creation time, app version."""

    __tablename__ = "project_meta"
    key: str = Field(primary_key=True)
    value: str


class Document(SQLModel, table=True):
    """One article. ``text`` is immutable after import; ``length`` is ``len(text)`` in code points."""

    __tablename__ = "document"
    __table_args__ = (CheckConstraint("length >= 0", name="document_length_nonneg"),)

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True, index=True, description="stable id used in exports and merges")
    title: str = ""
    text: str
    length: int
    source: str | None = Field(default=None, index=True, description="outlet")
    published: str | None = Field(default=None, description="ISO date when the text states it")
    url: str | None = None
    language: str = "ar"
    content_hash: str = Field(unique=True, index=True)
    provenance: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    meta: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class Annotator(SQLModel, table=True):
    __tablename__ = "annotator"
    __table_args__ = (CheckConstraint(one_of("role", "annotator", "reviewer", "gold"), name="annotator_role"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    role: str = "annotator"
    created_at: datetime = Field(default_factory=utcnow)


class DocStatus(SQLModel, table=True):
    """Per-annotator, per-article work state; a row with ``assigned`` puts the article in a queue."""

    __tablename__ = "doc_status"
    __table_args__ = (
        CheckConstraint(one_of("status", "not_started", "in_progress", "done"), name="doc_status_status"),
        CheckConstraint("seconds >= 0", name="doc_status_seconds"),
    )

    doc_id: int = Field(
        sa_column=Column(Integer, ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)
    )
    annotator_id: int = Field(
        sa_column=Column(Integer, ForeignKey("annotator.id", ondelete="CASCADE"), primary_key=True)
    )
    status: str = "not_started"
    assigned: bool = False
    seconds: float = 0.0
    updated_at: datetime = Field(default_factory=utcnow)


class Entity(SQLModel, table=True):
    """A canonical entity that mentions in any article can link to."""

    __tablename__ = "entity"
    __table_args__ = (UniqueConstraint("name", "type", name="entity_name_type"),)

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True, index=True)
    name: str
    type: str
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    note: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class Span(SQLModel, table=True):
    __tablename__ = "span"
    __table_args__ = (
        CheckConstraint('0 <= start AND start < "end"', name="span_bounds"),
        CheckConstraint(one_of("layer", "entity", "quote", "cue", "evidence"), name="span_layer"),
        CheckConstraint(one_of("status", "active", "suggested", "rejected"), name="span_status"),
        Index("span_doc_annotator", "doc_id", "annotator_id"),
        # only linked spans (most are not): cheaper bulk writes; ``entity_id = ?`` still uses it
        Index("ix_span_entity_id", "entity_id", sqlite_where=sql("entity_id IS NOT NULL"),
              postgresql_where=sql("entity_id IS NOT NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    doc_id: int = Field(sa_column=Column(Integer, ForeignKey("document.id", ondelete="CASCADE"), nullable=False))
    annotator_id: int = Field(
        sa_column=Column(Integer, ForeignKey("annotator.id", ondelete="CASCADE"), nullable=False)
    )
    start: int
    end: int
    layer: str = "entity"
    label: str
    origin: str = "manual"
    status: str = "active"
    entity_id: int | None = _fk("entity.id", "SET NULL")
    created_at: datetime = Field(default_factory=utcnow)


class Quote(SQLModel, table=True):
    """A quote: its content span, the cue verb span, and the speaker (a mention, an entity or free text)."""

    __tablename__ = "quote"
    __table_args__ = (
        CheckConstraint(one_of("status", "active", "suggested", "rejected"), name="quote_status"),
        Index("quote_doc_annotator", "doc_id", "annotator_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    doc_id: int = Field(sa_column=Column(Integer, ForeignKey("document.id", ondelete="CASCADE"), nullable=False))
    annotator_id: int = Field(
        sa_column=Column(Integer, ForeignKey("annotator.id", ondelete="CASCADE"), nullable=False)
    )
    content_span_id: int = Field(
        sa_column=Column(Integer, ForeignKey("span.id", ondelete="CASCADE"), nullable=False)
    )
    cue_span_id: int | None = _fk("span.id", "SET NULL")
    speaker_span_id: int | None = _fk("span.id", "SET NULL")
    speaker_entity_id: int | None = _fk("entity.id", "SET NULL")
    speaker_text: str = ""
    kind: str = "direct"
    origin: str = "manual"
    status: str = "active"
    created_at: datetime = Field(default_factory=utcnow)


class Stance(SQLModel, table=True):
    """holder -> target -> polarity with evidence spans; ``scope='article'`` is the article's own stance."""

    __tablename__ = "stance"
    __table_args__ = (
        CheckConstraint(one_of("scope", "mention", "article"), name="stance_scope"),
        CheckConstraint(one_of("status", "active", "suggested", "rejected"), name="stance_status"),
        Index("stance_doc_annotator", "doc_id", "annotator_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    doc_id: int = Field(sa_column=Column(Integer, ForeignKey("document.id", ondelete="CASCADE"), nullable=False))
    annotator_id: int = Field(
        sa_column=Column(Integer, ForeignKey("annotator.id", ondelete="CASCADE"), nullable=False)
    )
    scope: str = "mention"
    holder_span_id: int | None = _fk("span.id", "SET NULL")
    holder_entity_id: int | None = _fk("entity.id", "SET NULL")
    holder_text: str = ""
    target_entity_id: int | None = _fk("entity.id", "SET NULL")
    target_topic: str | None = None
    target_text: str = ""
    polarity: str
    origin: str = "manual"
    status: str = "active"
    created_at: datetime = Field(default_factory=utcnow)


class StanceEvidence(SQLModel, table=True):
    __tablename__ = "stance_evidence"

    stance_id: int = Field(
        sa_column=Column(Integer, ForeignKey("stance.id", ondelete="CASCADE"), primary_key=True)
    )
    span_id: int = Field(sa_column=Column(Integer, ForeignKey("span.id", ondelete="CASCADE"), primary_key=True))


class ReviewDecision(SQLModel, table=True):
    """One adjudication decision: which item, from which annotator, what the reviewer did, the gold result."""

    __tablename__ = "review_decision"
    __table_args__ = (
        CheckConstraint(one_of("decision", "accept", "reject", "correct"), name="review_decision_kind"),
        Index("review_decision_doc", "doc_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    doc_id: int = Field(sa_column=Column(Integer, ForeignKey("document.id", ondelete="CASCADE"), nullable=False))
    reviewer_id: int = Field(
        sa_column=Column(Integer, ForeignKey("annotator.id", ondelete="CASCADE"), nullable=False)
    )
    item_kind: str  # span | quote | stance
    item_key: str  # a readable key of the item (layer, offsets, label ...)
    source_annotator_id: int | None = _fk("annotator.id", "SET NULL")
    source_item_id: int | None = None
    decision: str
    gold_item_id: int | None = None
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class AuditLog(SQLModel, table=True):
    """Append-only record of every change: who, when, which command, what it did or undid."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    ts: datetime = Field(default_factory=utcnow)
    annotator_id: int | None = _fk("annotator.id", "SET NULL")
    action: str
    doc_id: int | None = Field(default=None, index=True)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


#: every table by name, for SQLAlchemy Core statements on the bulk and command paths
TABLES = dict(SQLModel.metadata.tables)
