"""One-time links that bring a person in or back: an invitation to a negotiation, sent to an
address with the part the person will take, and a password reset. Only each token's hash
is kept, so the table read by someone else opens nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from negotiation.enums import Role
from negotiation.models.base import Base, UTCDateTime, enum_column
from negotiation.models.negotiation import Delegation
from negotiation.models.people.accounts import Account


class AccountInvitation(Base):
    """An invitation by e-mail to take a part in one negotiation; pending until used,
    revoked or expired."""

    __tablename__ = "account_invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), index=True)
    address: Mapped[str] = mapped_column(String(254))
    role: Mapped[Role] = mapped_column(enum_column(Role, "invitation_role"))
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id"))
    entity: Mapped[str | None] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Who invited, as the role they held when inviting: accepting appoints in their name,
    # and only what they could grant then.
    invited_by: Mapped[str] = mapped_column(String(120))
    invited_by_role: Mapped[Role] = mapped_column(enum_column(Role, "invitation_inviter_role"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))

    delegation: Mapped[Delegation | None] = relationship()
    account: Mapped[Account | None] = relationship()


class PasswordReset(Base):
    """A one-time link to set a new password, sent to the account's confirmed address."""

    __tablename__ = "password_reset"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
