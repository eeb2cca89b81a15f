"""When a person last looked at a negotiation's home page, so it can show what happened
since."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from negotiation.models.base import Base, UTCDateTime


class LastVisit(Base):
    """One person's last visit to one negotiation's home page."""

    __tablename__ = "last_visit"

    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
