"""Who is signed in (sessions kept on the server) and the limits on wrong passwords."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from negotiation.enums import SignInScope
from negotiation.models.base import Base, UTCDateTime, enum_column
from negotiation.models.people.accounts import Account


class SignInSession(Base):
    """One sign-in: the browser holds the token, the server only its hash.

    Signing out sets ``ended_at``, after which the token opens nothing, whichever worker
    or copy of the cookie presents it.
    """

    __tablename__ = "sign_in_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    account: Mapped[Account] = relationship()


class SignInLimit(Base):
    """Wrong passwords counted for one account name or one address, and the lock they set."""

    __tablename__ = "sign_in_limit"

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[SignInScope] = mapped_column(enum_column(SignInScope, "sign_in_scope"))
    key: Mapped[str] = mapped_column(String(120))
    failures: Mapped[int] = mapped_column(default=0)
    window_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("scope", "key"),)
