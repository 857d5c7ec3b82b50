"""the open plans are found within one index; core group meetings carry a copy of whether
their minutes are countersigned; two visits indexes nothing reads are dropped (issue 10)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 04:10:00

Every read of the alerts and the caseload starts from the plans open on a day (status, end
date, start date, child): the plans' (status, child) index now holds all of them, so the open
plans are read from the index alone (1.3 -> 0.5 ms, thirteen times in every whole-authority
alert run). Every record is kept as it was: one column is added to core_group_meetings and
filled from the countersignatures (minutes are countersigned when a manager's decision on them
says so), and a partial index holds the few final minutes still waiting, by plan, for the
alerts, as 0004 did for visits; another holds what the alerts read of every meeting. The two visits indexes 0002 made for the alerts serve no query
since 0003/0004 (the alerts read the visit entries' copies); every visit saved kept both up to
date.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

DRAFT = sa.text("status = 'draft'")
AWAITING = sa.text("status = 'final' AND NOT minutes_countersigned")


def upgrade() -> None:
    with op.batch_alter_table("plans", recreate="never") as batch_op:
        batch_op.drop_index("ix_plans_status_child")
        batch_op.create_index("ix_plans_open", ["status", "child_id", "end_date", "start_date",
                                                "id"], unique=False)
    with op.batch_alter_table("core_group_meetings", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("minutes_countersigned", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.execute(
        "UPDATE core_group_meetings SET minutes_countersigned = true WHERE id IN ("
        "SELECT k.subject_id FROM countersignatures k WHERE k.subject_kind = "
        "'core_group_minutes' AND k.decision = 'countersigned')"
    )
    with op.batch_alter_table("core_group_meetings", recreate="never") as batch_op:
        batch_op.create_index(
            "ix_core_group_meetings_awaiting_countersign", ["plan_id", "status"], unique=False,
            sqlite_where=AWAITING, postgresql_where=AWAITING,
        )
        batch_op.create_index(
            "ix_core_group_meetings_plan_facts",
            ["plan_id", "status", "held_on", "due_date", "minutes_circulated_on", "id"],
            unique=False,
        )
    with op.batch_alter_table("visits", recreate="never") as batch_op:
        batch_op.drop_index("ix_visits_draft_date")
        batch_op.drop_index("ix_visits_id_status_date")


def downgrade() -> None:
    with op.batch_alter_table("visits", recreate="never") as batch_op:
        batch_op.create_index("ix_visits_id_status_date",
                              ["id", "status", "visit_date", "finalised_at"], unique=False)
        batch_op.create_index("ix_visits_draft_date", ["visit_date"], unique=False,
                              sqlite_where=DRAFT, postgresql_where=DRAFT)
    with op.batch_alter_table("core_group_meetings", recreate="never") as batch_op:
        batch_op.drop_index("ix_core_group_meetings_plan_facts")
        batch_op.drop_index("ix_core_group_meetings_awaiting_countersign")
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+), as in 0003
    with op.batch_alter_table("core_group_meetings", recreate="never") as batch_op:
        batch_op.drop_column("minutes_countersigned")
    with op.batch_alter_table("plans", recreate="never") as batch_op:
        batch_op.drop_index("ix_plans_open")
        batch_op.create_index("ix_plans_status_child", ["status", "child_id"], unique=False)
