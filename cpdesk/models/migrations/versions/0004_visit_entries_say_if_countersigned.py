"""visit entries carry a copy of whether their visit is countersigned (issue 10)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 01:20:00

Every record is kept as it was: one column is added to visit_children and filled from the
countersignatures (a visit is countersigned when a manager's decision on it says so), and a
partial index holds the few final visits still waiting, by child, for the alerts.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

AWAITING = sa.text("visit_status = 'final' AND NOT visit_countersigned")


def upgrade() -> None:
    with op.batch_alter_table("visit_children", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("visit_countersigned", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.execute(
        "UPDATE visit_children SET visit_countersigned = true WHERE visit_id IN ("
        "SELECT k.subject_id FROM countersignatures k WHERE k.subject_kind = 'visit' "
        "AND k.decision = 'countersigned')"
    )
    with op.batch_alter_table("visit_children", recreate="never") as batch_op:
        batch_op.create_index(
            "ix_visit_children_awaiting_countersign", ["child_id", "visit_status", "visit_id"],
            unique=False,
            sqlite_where=AWAITING, postgresql_where=AWAITING,
        )


def downgrade() -> None:
    with op.batch_alter_table("visit_children", recreate="never") as batch_op:
        batch_op.drop_index("ix_visit_children_awaiting_countersign")
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+), as in 0003
    with op.batch_alter_table("visit_children", recreate="never") as batch_op:
        batch_op.drop_column("visit_countersigned")
