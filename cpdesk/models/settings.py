"""Per-database settings, such as which procedure profile this authority follows.

The table is a Core table (models/tables.py: the first screen reads the profile before any
mapped class is declared).
"""

from sqlalchemy.orm import Mapped

from cpdesk.models import tables
from cpdesk.models.base import Base


class Setting(Base):
    __table__ = tables.settings

    key: Mapped[str]
    value: Mapped[str]
