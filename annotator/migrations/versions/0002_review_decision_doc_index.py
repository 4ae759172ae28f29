"""index review decisions by article (the review view looks them up per article)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 10:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("review_decision_doc", "review_decision", ["doc_id"])


def downgrade() -> None:
    op.drop_index("review_decision_doc", table_name="review_decision")
