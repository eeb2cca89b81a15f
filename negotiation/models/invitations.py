"""Invitations to co-sponsor: a proposing delegation asks another to join its proposal."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from negotiation.enums import InvitationAnswer
from negotiation.models.amendments import Amendment
from negotiation.models.base import Base, UTCDateTime, enum_column
from negotiation.models.negotiation import Delegation


class SponsorInvitation(Base):
    """One delegation invited to co-sponsor one proposal, and its answer (given once)."""

    __tablename__ = "sponsor_invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    amendment_id: Mapped[int] = mapped_column(ForeignKey("amendment.id"), index=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id"), index=True)
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime())
    invited_by: Mapped[str] = mapped_column(String(120))
    answer: Mapped[InvitationAnswer] = mapped_column(
        enum_column(InvitationAnswer, "invitation_answer"), default=InvitationAnswer.PENDING
    )
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_by: Mapped[str | None] = mapped_column(String(120))

    amendment: Mapped[Amendment] = relationship()
    delegation: Mapped[Delegation] = relationship()

    __table_args__ = (
        # A delegation is invited to a proposal once: the database holds it even when the
        # proposer sends the same invitation twice at the same moment.
        UniqueConstraint("amendment_id", "delegation_id"),
        CheckConstraint("(answer = 'pending') = (answered_at IS NULL)",
                        name="answered_when_answered"),
    )

    @property
    def is_pending(self) -> bool:
        return self.answer is InvitationAnswer.PENDING
