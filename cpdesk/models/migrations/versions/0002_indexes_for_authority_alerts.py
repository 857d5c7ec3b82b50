"""indexes for whole-authority alerts (issue 10)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 21:55:00

Indexes only: no table, column or row changes, so upgrading keeps every record as it was.

- visits: (status, visit_date) gave way to a covering index on the id lookup the alert queries
  make (id, status, visit_date, finalised_at), plus a partial index on the draft visits. The old
  index let SQLite's planner walk every final visit in the authority for each open plan.
- visit_children: the child index now covers every fact the alerts read (seen, alone, awake,
  bedroom) as well as the visit, so no table row is read.
- countersignatures: the subject index also covers the decision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DRAFT = sa.text("status = 'draft'")


def upgrade() -> None:
    with op.batch_alter_table("visits", recreate="never") as batch_op:
        batch_op.drop_index("ix_visits_status_date")
        batch_op.create_index(
            "ix_visits_id_status_date", ["id", "status", "visit_date", "finalised_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_visits_draft_date", ["visit_date"], unique=False,
            sqlite_where=DRAFT, postgresql_where=DRAFT,
        )
    with op.batch_alter_table("visit_children", recreate="never") as batch_op:
        batch_op.drop_index("ix_visit_children_child_visit")
        batch_op.create_index(
            "ix_visit_children_child_facts",
            ["child_id", "visit_id", "child_seen", "seen_alone", "seen_awake", "bedroom_seen"],
            unique=False,
        )
    with op.batch_alter_table("countersignatures", recreate="never") as batch_op:
        batch_op.drop_index("ix_countersignatures_subject")
        batch_op.create_index(
            "ix_countersignatures_subject_decision", ["subject_kind", "subject_id", "decision"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("countersignatures", recreate="never") as batch_op:
        batch_op.drop_index("ix_countersignatures_subject_decision")
        batch_op.create_index(
            "ix_countersignatures_subject", ["subject_kind", "subject_id"], unique=False
        )
    with op.batch_alter_table("visit_children", recreate="never") as batch_op:
        batch_op.drop_index("ix_visit_children_child_facts")
        batch_op.create_index(
            "ix_visit_children_child_visit", ["child_id", "visit_id", "seen_alone"], unique=False
        )
    with op.batch_alter_table("visits", recreate="never") as batch_op:
        batch_op.drop_index("ix_visits_draft_date")
        batch_op.drop_index("ix_visits_id_status_date")
        batch_op.create_index("ix_visits_status_date", ["status", "visit_date"], unique=False)
