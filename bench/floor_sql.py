"""The alerts floor: the same facts `plan_facts` gathers, by hand-written raw SQL.

One statement per fact family, each joined to the open plans (materialised once), selecting
only the columns the rules read, fetched into plain tuples through the bare DB-API driver
(sqlite3 or psycopg): no ORM, no records, no rules. Runs on SQLite and PostgreSQL (`{p}` is the
driver's placeholder). The indexes it leans on are the schema's own (migrations 0002 to 0004).
"""

from __future__ import annotations

from datetime import date
from typing import Any

OPEN_PLANS = """WITH open_plans AS MATERIALIZED (
  SELECT id, child_id, start_date FROM plans
  WHERE status = 'active' AND (end_date IS NULL OR end_date > {p}))
"""

STATEMENTS = (
    # the plans, their child and lead worker
    OPEN_PLANS + """SELECT p.id, p.child_id, p.lead_worker_id, p.category, p.latest_category,
  p.start_date, p.end_date, p.visit_interval, p.visit_interval_unit, p.core_group_interval,
  p.core_group_interval_unit, p.contingency_plan, p.when_child_seen, p.developmental_needs,
  p.therapeutic_services, p.review_points, c.case_number, c.given_names, c.family_name,
  c.date_of_birth, c.expected_date_of_birth, c.team_id, s.name
FROM open_plans o JOIN plans p ON p.id = o.id JOIN children c ON c.id = p.child_id
LEFT JOIN staff s ON s.id = p.lead_worker_id""",
    # the latest final visit to the child since the plan began, and the latest that saw the
    # child, did not, saw them alone, awake, their bedroom: each read backwards along the
    # entries' index from the newest (a grouped max() over every visit since the plan began
    # took twice as long)
    OPEN_PLANS + "SELECT o.id, " + ", ".join(
        f"""(SELECT vc.visit_date FROM visit_children vc WHERE vc.child_id = o.child_id
  AND vc.visit_status = 'final' AND vc.visit_date >= o.start_date{condition}
  ORDER BY vc.visit_date DESC LIMIT 1)"""
        for condition in ("", " AND vc.child_seen", " AND NOT vc.child_seen",
                          " AND vc.seen_alone", " AND vc.seen_awake", " AND vc.bedroom_seen")
    ) + " FROM open_plans o",
    OPEN_PLANS + """SELECT c.plan_id, max(c.held_on),
  sum(CASE WHEN c.kind = 'review' THEN 1 ELSE 0 END), max(c.next_review_date)
FROM open_plans o JOIN conferences c ON c.plan_id = o.id
WHERE c.held_on <= {p} GROUP BY c.plan_id""",
    OPEN_PLANS + """SELECT m.plan_id, count(m.held_on), max(m.held_on),
  min(CASE WHEN m.held_on IS NULL THEN m.due_date END)
FROM open_plans o JOIN core_group_meetings m ON m.plan_id = o.id
WHERE m.status <> 'voided' GROUP BY m.plan_id""",
    OPEN_PLANS + """SELECT m.plan_id, m.id, m.held_on
FROM open_plans o JOIN core_group_meetings m ON m.plan_id = o.id
WHERE m.held_on IS NOT NULL AND m.minutes_circulated_on IS NULL AND m.status <> 'voided'
ORDER BY m.held_on""",
    # draft visits to the child, from the entries' copies (migration 0003)
    OPEN_PLANS + """SELECT o.id, vc.visit_id, vc.visit_date
FROM open_plans o JOIN visit_children vc ON vc.child_id = o.child_id
WHERE vc.visit_status = 'draft' AND vc.visit_date IS NOT NULL ORDER BY vc.visit_date""",
    OPEN_PLANS + """SELECT u.plan_id, a.id, a.what, a.by_when, a.why, a.who, a.status,
  a.outcome_id
FROM open_plans o JOIN outcomes u ON u.plan_id = o.id JOIN actions a ON a.outcome_id = u.id
ORDER BY a.position""",
    # final records no manager has countersigned yet (visits: the entries' copy, migration 0004)
    OPEN_PLANS + """SELECT o.id, v.id, v.finalised_at
FROM open_plans o JOIN visit_children vc ON vc.child_id = o.child_id
JOIN visits v ON v.id = vc.visit_id
WHERE vc.visit_status = 'final' AND NOT vc.visit_countersigned""",
    OPEN_PLANS + """SELECT pv.plan_id, pv.id, pv.finalised_at
FROM open_plans o JOIN plan_versions pv ON pv.plan_id = o.id
WHERE pv.status = 'final' AND NOT EXISTS (SELECT 1 FROM countersignatures k
  WHERE k.subject_kind = 'plan_version' AND k.subject_id = pv.id
  AND k.decision = 'countersigned')""",
    OPEN_PLANS + """SELECT m.plan_id, m.id, m.finalised_at
FROM open_plans o JOIN core_group_meetings m ON m.plan_id = o.id
WHERE m.status = 'final' AND NOT EXISTS (SELECT 1 FROM countersignatures k
  WHERE k.subject_kind = 'core_group_minutes' AND k.subject_id = m.id
  AND k.decision = 'countersigned')""",
    # what the plan's completeness reads
    OPEN_PLANS + """SELECT c.plan_id, c.description
FROM open_plans o JOIN concerns c ON c.plan_id = o.id ORDER BY c.position""",
    OPEN_PLANS + """SELECT u.id, u.plan_id, u.description, u.origin, u.progress_measure
FROM open_plans o JOIN outcomes u ON u.plan_id = o.id ORDER BY u.position""",
    OPEN_PLANS + """SELECT m.plan_id, m.name, m.role_in_plan, m.contact_frequency
FROM open_plans o JOIN core_group_members m ON m.plan_id = o.id
WHERE m.left_on IS NULL AND NOT m.excluded ORDER BY m.position""",
)


def _params(sql: str, today: date, placeholder: str) -> tuple[str, tuple[Any, ...]]:
    count = sql.count("{p}")
    value: Any = today.isoformat() if placeholder == "?" else today
    return sql.replace("{p}", placeholder), (value,) * count


def raw_facts(connection: Any, today: date, placeholder: str = "?") -> int:
    """Run every statement on a DB-API connection; returns how many rows came back."""
    cursor = connection.cursor()
    rows = 0
    for sql in STATEMENTS:
        text, params = _params(sql, today, placeholder)
        cursor.execute(text, params)
        rows += len(cursor.fetchall())
    cursor.close()
    return rows
