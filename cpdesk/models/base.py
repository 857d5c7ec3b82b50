"""The declarative base every record shares.

Every record has a UUID primary key (so a laptop and the team server can exchange records without
renumbering), created/updated timestamps, who last changed it, and a revision counter that
SQLAlchemy checks on every UPDATE (optimistic locking: a save that finds a newer revision fails
instead of silently overwriting).

The model modules keep their annotations as Python objects (no `from __future__ import
annotations`): SQLAlchemy then reads each `Mapped[...]` as it is, where with strings it evaluated
~850 of them at every start, the five columns here once for every model (issue 10, start-up). A
relationship names its class in quotes, `Mapped[list["Plan"]]`, since the class may be defined
later or only imported for type checking.
"""

import uuid
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import Column, Date, DateTime, Integer, MetaData, String, Time, Uuid
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored in UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_column(enum: type[StrEnum]) -> SAEnum:
    """Store an enum by its value as a plain string (no native ENUM: adding a value stays easy)."""
    return SAEnum(
        enum,
        values_callable=lambda e: [m.value for m in e],
        native_enum=False,
        validate_strings=True,
        length=40,
    )


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        date: Date(),
        time: Time(),
        str: String(200),
    }

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Staff id of whoever last changed the record; not a foreign key so the audit of a
    # removed account still reads.
    updated_by: Mapped[str | None] = mapped_column(Uuid(as_uuid=False))
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.revision}


def record_columns() -> list[Column[Any]]:
    """Base's five columns as Core columns, for the tables declared in Core (models/tables.py):
    the same names, types and defaults, last in each table as Base's are in a mapped class's
    (tests/models/test_store.py compares every table's)."""
    return [
        Column("id", Uuid(as_uuid=False), primary_key=True, default=new_id),
        Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
        Column("updated_at", UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow),
        Column("updated_by", Uuid(as_uuid=False)),
        Column("revision", Integer(), nullable=False, default=1),
    ]
