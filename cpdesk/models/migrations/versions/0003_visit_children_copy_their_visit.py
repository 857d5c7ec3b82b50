"""visit entries carry a copy of their visit's date and status (issue 10)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 23:50:00

Every record is kept as it was: two columns are added to visit_children and filled from each
entry's visit, and the child index gives way to one that answers the alerts from the index
alone (the child's final visits since a date, with every fact the alerts read).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

STATUS = sa.Enum("draft", "final", "voided", name="recordstatus", native_enum=False, length=40)


def upgrade() -> None:
    with op.batch_alter_table("visit_children", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("visit_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("visit_status", STATUS, nullable=False,
                                      server_default="draft"))
    op.execute(
        "UPDATE visit_children SET "
        "visit_date = (SELECT v.visit_date FROM visits v WHERE v.id = visit_children.visit_id), "
        "visit_status = (SELECT v.status FROM visits v WHERE v.id = visit_children.visit_id)"
    )
    with op.batch_alter_table("visit_children", recreate="never") as batch_op:
        batch_op.drop_index("ix_visit_children_child_facts")
        batch_op.create_index(
            "ix_visit_children_child_final_facts",
            ["child_id", "visit_status", "visit_date", "visit_id", "child_seen", "seen_alone",
             "seen_awake", "bedroom_seen"], unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("visit_children", recreate="never") as batch_op:
        batch_op.drop_index("ix_visit_children_child_final_facts")
        batch_op.create_index(
            "ix_visit_children_child_facts",
            ["child_id", "visit_id", "child_seen", "seen_alone", "seen_awake", "bedroom_seen"],
            unique=False,
        )
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+): recreating the table would have to drop it,
    # which its observations' foreign keys forbid
    with op.batch_alter_table("visit_children", recreate="never") as batch_op:
        batch_op.drop_column("visit_status")
        batch_op.drop_column("visit_date")
