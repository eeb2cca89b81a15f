"""A delegation's request for late leave after the deadline, and the chair's answer to it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from negotiation.models.base import Base, UTCDateTime
from negotiation.models.negotiation import Delegation, LateLeave, Section
from negotiation.models.paragraphs import Paragraph

GRANTED = "granted"
REFUSED = "refused"


class LateLeaveRequest(Base):
    """One delegation asks, with its reason, to submit late on one section or paragraph (or
    the whole draft); the chair grants it, with an end, or refuses it, with a reason, once."""

    __tablename__ = "late_leave_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), index=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id"))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id"))
    paragraph_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph.id"))
    reason: Mapped[str] = mapped_column(String(1000))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    asked_by: Mapped[str] = mapped_column(String(120))
    # Written once, by a conditional UPDATE (only while still NULL): of two chairs answering
    # at once, the second changes nothing and is told who answered first.
    decision: Mapped[str | None] = mapped_column(String(20))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(120))
    decision_reason: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    leave_id: Mapped[int | None] = mapped_column(ForeignKey("late_leave.id"))

    delegation: Mapped[Delegation] = relationship()
    section: Mapped[Section | None] = relationship()
    paragraph: Mapped[Paragraph | None] = relationship()
    leave: Mapped[LateLeave | None] = relationship()

    __table_args__ = (
        CheckConstraint("decision IS NULL OR decision IN ('granted', 'refused')",
                        name="decision"),
    )

    @property
    def pending(self) -> bool:
        return self.decision is None
