"""Personal calendar subscriptions: a secret address a person gives their calendar program."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from negotiation.models.base import Base, UTCDateTime
from negotiation.models.people.accounts import Account


class CalendarSubscription(Base):
    """One calendar address of a person; the server keeps only the token's hash.

    The address opens the dates of every negotiation the person takes part in, with no
    sign-in (calendar programs cannot sign in), until the person revokes it.
    """

    __tablename__ = "calendar_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    account: Mapped[Account] = relationship()
