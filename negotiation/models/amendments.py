"""What delegations send: proposals on a paragraph version, and who joined them."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from negotiation.enums import AmendmentKind, AmendmentState, Role
from negotiation.models.base import Base, UTCDateTime, enum_column
from negotiation.models.negotiation import Delegation
from negotiation.models.paragraphs import Paragraph, ParagraphVersion

#: The proposals the one-open rule counts: those still open, comments aside.
OPEN_NON_COMMENT = "state = 'submitted' AND kind <> 'comment'"


class Amendment(Base):
    """A delegation's proposal, written against one exact version of a paragraph.

    What the delegation sent (kind, base version, text, comment) is never updated;
    only the proposal's state and its resolution move.
    """

    __tablename__ = "amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), index=True)
    # What people call it ("proposal 23"): given in submission order within the negotiation
    # and never changed (negotiation.numbering).
    number: Mapped[int]
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraph.id"), index=True)
    base_version_id: Mapped[int] = mapped_column(ForeignKey("paragraph_version.id"))
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id"), index=True)
    kind: Mapped[AmendmentKind] = mapped_column(enum_column(AmendmentKind, "amendment_kind"))
    proposed_text: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str] = mapped_column(Text, default="")
    diff: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    submitted_by: Mapped[str] = mapped_column(String(120))
    late: Mapped[bool] = mapped_column(default=False)
    late_leave_id: Mapped[int | None] = mapped_column(ForeignKey("late_leave.id"))
    state: Mapped[AmendmentState] = mapped_column(
        enum_column(AmendmentState, "amendment_state")
    )
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolution_note: Mapped[str] = mapped_column(Text, default="")
    resolved_by_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("paragraph_version.id")
    )
    # A re-based proposal is a new proposal pointing at the one it carries forward;
    # the original keeps its text and base version and is marked superseded.
    rebased_from_id: Mapped[int | None] = mapped_column(ForeignKey("amendment.id"))
    # The version on which re-applying the proposal failed: it conflicts with that text.
    conflicts_with_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("paragraph_version.id")
    )
    # The language the delegation wrote it in (one of the negotiation's); the negotiating
    # text stays the original, so a proposal in Spanish still changes the English paragraph.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    # Checked on every update: a state moved by two requests at once moves only once.
    row_version: Mapped[int] = mapped_column(default=1, server_default=text("1"))

    paragraph: Mapped[Paragraph] = relationship()
    base_version: Mapped[ParagraphVersion] = relationship(foreign_keys=[base_version_id])
    resolved_by_version: Mapped[ParagraphVersion | None] = relationship(
        foreign_keys=[resolved_by_version_id]
    )
    rebased_from: Mapped[Amendment | None] = relationship(remote_side=[id])
    delegation: Mapped[Delegation] = relationship()
    supports: Mapped[list[AmendmentSupport]] = relationship(
        back_populates="amendment", order_by="AmendmentSupport.joined_at"
    )
    replies: Mapped[list[CommentReply]] = relationship(
        back_populates="amendment", order_by="CommentReply.id"
    )

    __table_args__ = (
        CheckConstraint(
            "kind NOT IN ('modify', 'new') OR proposed_text IS NOT NULL",
            name="text_proposals_have_text",
        ),
        CheckConstraint(
            "kind <> 'comment' OR comment <> ''", name="comments_have_comment"
        ),
        CheckConstraint(
            "kind <> 'footnote' OR comment <> ''", name="footnotes_have_text"
        ),
        CheckConstraint("NOT late OR late_leave_id IS NOT NULL", name="late_has_leave"),
        CheckConstraint("number > 0", name="numbered_from_one"),
        UniqueConstraint("negotiation_id", "number"),
        # One open proposal of each kind per delegation and paragraph (comments aside):
        # the database holds the rule even when two requests check it at the same moment.
        Index(
            "uq_amendment_one_open_per_delegation",
            "paragraph_id", "delegation_id", "kind",
            unique=True,
            sqlite_where=text(OPEN_NON_COMMENT),
            postgresql_where=text(OPEN_NON_COMMENT),
        ),
    )
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": row_version}

    @property
    def is_open(self) -> bool:
        return self.state is AmendmentState.SUBMITTED

    @property
    def title(self) -> str:
        """How people name it: "proposal 23"."""
        return f"proposal {self.number}"

    @property
    def supporters(self) -> list[Delegation]:
        return [s.delegation for s in self.supports if s.withdrawn_at is None]

    @property
    def written_on_older_version(self) -> bool:
        return self.base_version_id != self.paragraph.current_version.id


class AmendmentSupport(Base):
    """A delegation joining another's proposal."""

    __tablename__ = "amendment_support"

    id: Mapped[int] = mapped_column(primary_key=True)
    amendment_id: Mapped[int] = mapped_column(ForeignKey("amendment.id"), index=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id"))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime())
    joined_by: Mapped[str] = mapped_column(String(120))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Joining is a submission like any other: after the deadline only with late leave.
    late: Mapped[bool] = mapped_column(default=False)
    late_leave_id: Mapped[int | None] = mapped_column(ForeignKey("late_leave.id"))

    amendment: Mapped[Amendment] = relationship(back_populates="supports")
    delegation: Mapped[Delegation] = relationship()

    __table_args__ = (
        UniqueConstraint("amendment_id", "delegation_id"),
        CheckConstraint("NOT late OR late_leave_id IS NOT NULL", name="late_has_leave"),
    )


class CommentReply(Base):
    """The chair's or the secretariat's answer to what a delegation wrote; never changed."""

    __tablename__ = "comment_reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    amendment_id: Mapped[int] = mapped_column(ForeignKey("amendment.id"), index=True)
    author_role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    author_name: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime())

    amendment: Mapped[Amendment] = relationship(back_populates="replies")

    __table_args__ = (CheckConstraint("text <> ''", name="reply_has_text"),)
