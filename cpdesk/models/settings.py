"""Per-database settings, such as which procedure profile this authority follows."""

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cpdesk.models.base import Base

PROFILE_KEY = "procedure_profile"


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), unique=True)
    value: Mapped[str] = mapped_column(Text)
