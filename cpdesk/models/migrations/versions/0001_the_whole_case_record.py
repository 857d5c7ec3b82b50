"""the whole case record

Revision ID: 0001
Revises:
Create Date: 2026-11-25 20:59:42.362773
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "addenda",
        sa.Column(
            "subject_kind",
            sa.Enum(
                "visit",
                "plan_version",
                "core_group_minutes",
                "review_report",
                name="countersignsubject",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("subject_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("author_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("draft", "final", "voided", name="recordstatus", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_addenda")),
    )
    with op.batch_alter_table("addenda", schema=None) as batch_op:
        batch_op.create_index("ix_addenda_subject", ["subject_kind", "subject_id"], unique=False)

    op.create_table(
        "audit_events",
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("subject_kind", sa.String(length=60), nullable=False),
        sa.Column("subject_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
        sa.UniqueConstraint("sequence", name=op.f("uq_audit_events_sequence")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_audit_events_subject", ["subject_kind", "subject_id"], unique=False
        )

    op.create_table(
        "countersignatures",
        sa.Column(
            "subject_kind",
            sa.Enum(
                "visit",
                "plan_version",
                "core_group_minutes",
                "review_report",
                name="countersignsubject",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("subject_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("manager_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "decision",
            sa.Enum(
                "countersigned",
                "returned",
                name="countersigndecision",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_countersignatures")),
    )
    with op.batch_alter_table("countersignatures", schema=None) as batch_op:
        batch_op.create_index(
            "ix_countersignatures_subject", ["subject_kind", "subject_id"], unique=False
        )

    op.create_table(
        "households",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_households")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settings")),
        sa.UniqueConstraint("key", name=op.f("uq_settings_key")),
    )
    op.create_table(
        "teams",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("name", name=op.f("uq_teams_name")),
    )
    op.create_table(
        "children",
        sa.Column("case_number", sa.String(length=40), nullable=False),
        sa.Column("given_names", sa.String(length=200), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("known_as", sa.String(length=200), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("expected_date_of_birth", sa.Date(), nullable=True),
        sa.Column(
            "gender",
            sa.Enum(
                "female", "male", "other", "unknown", name="gender", native_enum=False, length=40
            ),
            nullable=False,
        ),
        sa.Column("ethnicity", sa.String(length=200), nullable=True),
        sa.Column("disability", sa.String(length=200), nullable=True),
        sa.Column("preferred_language", sa.String(length=200), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("team_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("household_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("named_person", sa.String(length=200), nullable=True),
        sa.Column("emergency_protection_order", sa.Boolean(), nullable=False),
        sa.Column("emergency_protection_order_date", sa.Date(), nullable=True),
        sa.Column("police_protection", sa.Boolean(), nullable=False),
        sa.Column("police_protection_date", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_children_household_id_households")
        ),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=op.f("fk_children_team_id_teams")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_children")),
        sa.UniqueConstraint("case_number", name=op.f("uq_children_case_number")),
    )
    op.create_table(
        "staff",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "social_worker",
                "manager",
                "administrator",
                name="role",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("team_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("failed_sign_ins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=op.f("fk_staff_team_id_teams")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_username")),
    )
    op.create_table(
        "visits",
        sa.Column("visit_date", sa.Date(), nullable=True),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column(
            "visit_type",
            sa.Enum("announced", "unannounced", name="visittype", native_enum=False, length=40),
            nullable=True,
        ),
        sa.Column("household_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("present", sa.Text(), nullable=True),
        sa.Column("sleeping_arrangements", sa.Text(), nullable=True),
        sa.Column("meals", sa.Text(), nullable=True),
        sa.Column("delegated", sa.Boolean(), nullable=False),
        sa.Column("delegated_to", sa.String(length=200), nullable=True),
        sa.Column("delegation_agreed_by", sa.String(length=200), nullable=True),
        sa.Column("next_planned_visit", sa.Date(), nullable=True),
        sa.Column("author_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column(
            "status",
            sa.Enum("draft", "final", "voided", name="recordstatus", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("finalised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_visits_household_id_households")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visits_author_id"), ["author_id"], unique=False)
        batch_op.create_index("ix_visits_status_date", ["status", "visit_date"], unique=False)

    op.create_table(
        "family_members",
        sa.Column("child_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("relationship_to_child", sa.String(length=200), nullable=False),
        sa.Column("parental_responsibility", sa.Boolean(), nullable=False),
        sa.Column("is_carer", sa.Boolean(), nullable=False),
        sa.Column("lives_with_child", sa.Boolean(), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_family_members_child_id_children")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_members")),
    )
    with op.batch_alter_table("family_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_family_members_child_id"), ["child_id"], unique=False)

    op.create_table(
        "plans",
        sa.Column("child_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("strategy_discussion_date", sa.Date(), nullable=True),
        sa.Column("section_47_date", sa.Date(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("late_conference_reason", sa.Text(), nullable=True),
        sa.Column(
            "category",
            sa.Enum(
                "neglect",
                "physical",
                "sexual",
                "emotional",
                "multiple",
                "financial",
                name="category",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column(
            "latest_category",
            sa.Enum(
                "neglect",
                "physical",
                "sexual",
                "emotional",
                "multiple",
                "financial",
                name="category",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("lead_worker_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("manager_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("conference_chair", sa.String(length=200), nullable=True),
        sa.Column("lead_statutory_body", sa.String(length=200), nullable=True),
        sa.Column(
            "status",
            sa.Enum("active", "ended", name="planstatus", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column(
            "end_reason",
            sa.Enum(
                "no_longer_at_risk",
                "looked_after",
                "moved_away",
                "transferred",
                "reached_18",
                "died",
                "other",
                name="endreason",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("previous_plans", sa.Integer(), nullable=False),
        sa.Column("visit_interval", sa.Integer(), nullable=True),
        sa.Column(
            "visit_interval_unit",
            sa.Enum(
                "working_days", "calendar_days", name="intervalunit", native_enum=False, length=40
            ),
            nullable=True,
        ),
        sa.Column("core_group_interval", sa.Integer(), nullable=True),
        sa.Column(
            "core_group_interval_unit",
            sa.Enum(
                "working_days", "calendar_days", name="intervalunit", native_enum=False, length=40
            ),
            nullable=True,
        ),
        sa.Column("when_child_seen", sa.Text(), nullable=True),
        sa.Column("contingency_plan", sa.Text(), nullable=True),
        sa.Column("developmental_needs", sa.Text(), nullable=True),
        sa.Column("therapeutic_services", sa.Text(), nullable=True),
        sa.Column("review_points", sa.Text(), nullable=True),
        sa.Column("family_involvement", sa.Text(), nullable=True),
        sa.Column("worries", sa.Text(), nullable=True),
        sa.Column("working_well", sa.Text(), nullable=True),
        sa.Column("needs_to_happen", sa.Text(), nullable=True),
        sa.Column("childs_copy", sa.Text(), nullable=True),
        sa.Column("family_copy_language", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_plans_child_id_children")
        ),
        sa.ForeignKeyConstraint(
            ["lead_worker_id"], ["staff.id"], name=op.f("fk_plans_lead_worker_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"], ["staff.id"], name=op.f("fk_plans_manager_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plans_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_plans_lead_worker_id"), ["lead_worker_id"], unique=False
        )
        batch_op.create_index("ix_plans_status_child", ["status", "child_id"], unique=False)

    op.create_table(
        "concerns",
        sa.Column("plan_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name=op.f("fk_concerns_plan_id_plans")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concerns")),
    )
    with op.batch_alter_table("concerns", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_concerns_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "conferences",
        sa.Column("plan_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("initial", "review", name="conferencekind", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("chair", sa.String(length=200), nullable=True),
        sa.Column("decisions", sa.Text(), nullable=True),
        sa.Column(
            "category",
            sa.Enum(
                "neglect",
                "physical",
                "sexual",
                "emotional",
                "multiple",
                "financial",
                name="category",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("next_review_date", sa.Date(), nullable=True),
        sa.Column("safety_scale", sa.Integer(), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_conferences_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conferences")),
    )
    with op.batch_alter_table("conferences", schema=None) as batch_op:
        batch_op.create_index("ix_conferences_plan_held", ["plan_id", "held_on"], unique=False)

    op.create_table(
        "core_group_meetings",
        sa.Column("plan_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("scheduled_for", sa.DateTime(timezone=True), nullable=True),
        sa.Column("moved_reason", sa.Text(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("chair", sa.String(length=200), nullable=True),
        sa.Column("venue", sa.String(length=200), nullable=True),
        sa.Column("decisions", sa.Text(), nullable=True),
        sa.Column("changes_to_plan", sa.Text(), nullable=True),
        sa.Column("next_meeting_date", sa.Date(), nullable=True),
        sa.Column("minutes_circulated_on", sa.Date(), nullable=True),
        sa.Column("author_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column(
            "status",
            sa.Enum("draft", "final", "voided", name="recordstatus", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("finalised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_core_group_meetings_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_group_meetings")),
    )
    with op.batch_alter_table("core_group_meetings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_core_group_meetings_plan_due", ["plan_id", "due_date"], unique=False
        )

    op.create_table(
        "core_group_members",
        sa.Column("plan_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("professional", "family", name="memberkind", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("agency", sa.String(length=200), nullable=True),
        sa.Column("job_title", sa.String(length=200), nullable=True),
        sa.Column("role_in_plan", sa.Text(), nullable=True),
        sa.Column("contact_frequency", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("excluded", sa.Boolean(), nullable=False),
        sa.Column("excluded_reason", sa.Text(), nullable=True),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("agreement_signed_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_core_group_members_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_group_members")),
    )
    with op.batch_alter_table("core_group_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_core_group_members_plan_id"), ["plan_id"], unique=False
        )

    op.create_table(
        "danger_statements",
        sa.Column("plan_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("danger_statement", sa.Text(), nullable=False),
        sa.Column("safety_goal", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_danger_statements_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_danger_statements")),
    )
    with op.batch_alter_table("danger_statements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_danger_statements_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "notifications",
        sa.Column("plan_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("to_whom", sa.String(length=200), nullable=False),
        sa.Column("about", sa.Text(), nullable=False),
        sa.Column("in_writing", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_notifications_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notifications_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "outcomes",
        sa.Column("plan_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "origin",
            sa.Enum(
                "agreed_at_conference",
                "added_by_core_group",
                name="outcomeorigin",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("progress_measure", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name=op.f("fk_outcomes_plan_id_plans")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcomes")),
    )
    with op.batch_alter_table("outcomes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outcomes_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "plan_versions",
        sa.Column("plan_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("made_by_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("draft", "final", "voided", name="recordstatus", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("finalised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["made_by_id"], ["staff.id"], name=op.f("fk_plan_versions_made_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_versions_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_versions")),
        sa.UniqueConstraint("plan_id", "number", name=op.f("uq_plan_versions_plan_id")),
    )
    with op.batch_alter_table("plan_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_versions_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "visit_children",
        sa.Column("visit_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("child_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("plan_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("child_seen", sa.Boolean(), nullable=True),
        sa.Column("not_seen_reason", sa.Text(), nullable=True),
        sa.Column("seen_alone", sa.Boolean(), nullable=True),
        sa.Column("not_seen_alone_reason", sa.Text(), nullable=True),
        sa.Column("seen_awake", sa.Boolean(), nullable=True),
        sa.Column("bedroom_seen", sa.Boolean(), nullable=True),
        sa.Column("presentation_and_behaviour", sa.Text(), nullable=True),
        sa.Column("wishes_and_feelings", sa.Text(), nullable=True),
        sa.Column("new_incidents", sa.Boolean(), nullable=True),
        sa.Column("incident_details", sa.Text(), nullable=True),
        sa.Column("injury_location", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_visit_children_child_id_children")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_visit_children_plan_id_plans")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_visit_children_visit_id_visits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_children")),
    )
    with op.batch_alter_table("visit_children", schema=None) as batch_op:
        batch_op.create_index(
            "ix_visit_children_child_visit", ["child_id", "visit_id", "seen_alone"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_visit_children_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_children_visit_id"), ["visit_id"], unique=False)

    op.create_table(
        "actions",
        sa.Column("outcome_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("why", sa.Text(), nullable=True),
        sa.Column("who", sa.String(length=200), nullable=True),
        sa.Column("member_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("by_when", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "not_started",
                "in_progress",
                "done",
                "not_done",
                name="actionstatus",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["core_group_members.id"],
            name=op.f("fk_actions_member_id_core_group_members"),
        ),
        sa.ForeignKeyConstraint(
            ["outcome_id"], ["outcomes.id"], name=op.f("fk_actions_outcome_id_outcomes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
    )
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actions_outcome_id"), ["outcome_id"], unique=False)
        batch_op.create_index("ix_actions_status_by_when", ["status", "by_when"], unique=False)

    op.create_table(
        "disagreements",
        sa.Column("plan_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("version_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("meeting_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("about", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["core_group_meetings.id"],
            name=op.f("fk_disagreements_meeting_id_core_group_meetings"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_disagreements_plan_id_plans")
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["plan_versions.id"],
            name=op.f("fk_disagreements_version_id_plan_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disagreements")),
    )
    with op.batch_alter_table("disagreements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disagreements_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "meeting_attendance",
        sa.Column("meeting_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("member_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=False),
        sa.Column("apologies", sa.Boolean(), nullable=False),
        sa.Column("summary_of_involvement", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["core_group_meetings.id"],
            name=op.f("fk_meeting_attendance_meeting_id_core_group_meetings"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["core_group_members.id"],
            name=op.f("fk_meeting_attendance_member_id_core_group_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_attendance")),
    )
    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_attendance_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "observations",
        sa.Column("visit_child_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("concern_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("concern", sa.Text(), nullable=True),
        sa.Column("observation", sa.Text(), nullable=True),
        sa.Column(
            "risk_trend",
            sa.Enum("increased", "same", "reduced", name="risktrend", native_enum=False, length=40),
            nullable=True,
        ),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["concern_id"], ["concerns.id"], name=op.f("fk_observations_concern_id_concerns")
        ),
        sa.ForeignKeyConstraint(
            ["visit_child_id"],
            ["visit_children.id"],
            name=op.f("fk_observations_visit_child_id_visit_children"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observations")),
    )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_observations_visit_child_id"), ["visit_child_id"], unique=False
        )

    op.create_table(
        "review_reports",
        sa.Column("plan_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("conference_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("author_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("draft", "final", "voided", name="recordstatus", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("finalised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_review_reports_conference_id_conferences"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_review_reports_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_reports")),
    )
    with op.batch_alter_table("review_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_reports_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "meeting_progress",
        sa.Column("meeting_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("outcome_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("action_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("progress", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"], ["actions.id"], name=op.f("fk_meeting_progress_action_id_actions")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["core_group_meetings.id"],
            name=op.f("fk_meeting_progress_meeting_id_core_group_meetings"),
        ),
        sa.ForeignKeyConstraint(
            ["outcome_id"], ["outcomes.id"], name=op.f("fk_meeting_progress_outcome_id_outcomes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_progress")),
    )
    with op.batch_alter_table("meeting_progress", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_progress_meeting_id"), ["meeting_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("meeting_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_progress_meeting_id"))

    op.drop_table("meeting_progress")
    with op.batch_alter_table("review_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_reports_plan_id"))

    op.drop_table("review_reports")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_observations_visit_child_id"))

    op.drop_table("observations")
    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_attendance_meeting_id"))

    op.drop_table("meeting_attendance")
    with op.batch_alter_table("disagreements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disagreements_plan_id"))

    op.drop_table("disagreements")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_index("ix_actions_status_by_when")
        batch_op.drop_index(batch_op.f("ix_actions_outcome_id"))

    op.drop_table("actions")
    with op.batch_alter_table("visit_children", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_children_visit_id"))
        batch_op.drop_index(batch_op.f("ix_visit_children_plan_id"))
        batch_op.drop_index("ix_visit_children_child_visit")

    op.drop_table("visit_children")
    with op.batch_alter_table("plan_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_versions_plan_id"))

    op.drop_table("plan_versions")
    with op.batch_alter_table("outcomes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outcomes_plan_id"))

    op.drop_table("outcomes")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notifications_plan_id"))

    op.drop_table("notifications")
    with op.batch_alter_table("danger_statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_danger_statements_plan_id"))

    op.drop_table("danger_statements")
    with op.batch_alter_table("core_group_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_core_group_members_plan_id"))

    op.drop_table("core_group_members")
    with op.batch_alter_table("core_group_meetings", schema=None) as batch_op:
        batch_op.drop_index("ix_core_group_meetings_plan_due")

    op.drop_table("core_group_meetings")
    with op.batch_alter_table("conferences", schema=None) as batch_op:
        batch_op.drop_index("ix_conferences_plan_held")

    op.drop_table("conferences")
    with op.batch_alter_table("concerns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_concerns_plan_id"))

    op.drop_table("concerns")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index("ix_plans_status_child")
        batch_op.drop_index(batch_op.f("ix_plans_lead_worker_id"))
        batch_op.drop_index(batch_op.f("ix_plans_child_id"))

    op.drop_table("plans")
    with op.batch_alter_table("family_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_members_child_id"))

    op.drop_table("family_members")
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index("ix_visits_status_date")
        batch_op.drop_index(batch_op.f("ix_visits_author_id"))

    op.drop_table("visits")
    op.drop_table("staff")
    op.drop_table("children")
    op.drop_table("teams")
    op.drop_table("settings")
    op.drop_table("households")
    with op.batch_alter_table("countersignatures", schema=None) as batch_op:
        batch_op.drop_index("ix_countersignatures_subject")

    op.drop_table("countersignatures")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_subject")

    op.drop_table("audit_events")
    with op.batch_alter_table("addenda", schema=None) as batch_op:
        batch_op.drop_index("ix_addenda_subject")

    op.drop_table("addenda")
