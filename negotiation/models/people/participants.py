"""Who takes part in a negotiation: the delegations admitted to it, and the people appointed
to a role in it (chair, vice-chair, secretariat, observer, entity, or a delegate)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from negotiation.enums import Role
from negotiation.models.base import Base, UTCDateTime, enum_column
from negotiation.models.negotiation import Delegation
from negotiation.models.people.accounts import Account


class Participation(Base):
    """A member state's delegation admitted to one negotiation."""

    __tablename__ = "participation"

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), index=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id"), index=True)

    delegation: Mapped[Delegation] = relationship()

    __table_args__ = (UniqueConstraint("negotiation_id", "delegation_id"),)


class Appointment(Base):
    """A person's role in one negotiation; it wins over the person's own mission there."""

    __tablename__ = "appointment"

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    # A person appointed as a delegate acts for this delegation here.
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id"))
    # The entity (e.g. "JID") a person appointed for an entity's secretariat speaks for.
    entity: Mapped[str | None] = mapped_column(String(20))
    appointed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    appointed_by: Mapped[str] = mapped_column(String(120))

    account: Mapped[Account] = relationship()
    delegation: Mapped[Delegation | None] = relationship()

    __table_args__ = (
        UniqueConstraint("negotiation_id", "account_id"),
        CheckConstraint(
            "(role = 'delegation') = (delegation_id IS NOT NULL)",
            name="delegates_name_delegation",
        ),
        CheckConstraint("(role = 'entity') = (entity IS NOT NULL)", name="entities_named"),
        CheckConstraint("role NOT IN ('admin', 'system')", name="negotiation_roles_only"),
    )
