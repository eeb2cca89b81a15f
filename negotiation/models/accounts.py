"""People who sign in: each has one role, and a delegate belongs to one delegation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from negotiation.enums import Role
from negotiation.models.base import Base, UTCDateTime, enum_column
from negotiation.models.negotiation import Delegation


class Account(Base):
    """A user account; the password is kept only as a salted hash."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    delegation: Mapped[Delegation | None] = relationship()

    __table_args__ = (
        CheckConstraint(
            "(role = 'delegation') = (delegation_id IS NOT NULL)",
            name="delegates_have_delegation",
        ),
        CheckConstraint("role <> 'system'", name="no_system_accounts"),
    )
