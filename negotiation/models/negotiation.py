"""The negotiation itself, its sections, the delegations and the calendar."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from negotiation.enums import MilestoneKind, SectionKind
from negotiation.models.base import Base, UTCDateTime, enum_column

if TYPE_CHECKING:
    from negotiation.models.paragraphs import Paragraph


#: The series of the Permanent Council's documents, which the CSH's drafts carry.
DEFAULT_HEADER_LINES = "OEA/Ser.G"


class Negotiation(Base):
    """One cycle's omnibus draft resolution, as a committee negotiates it."""

    __tablename__ = "negotiation"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee: Mapped[str] = mapped_column(String(40))
    committee_name: Mapped[str] = mapped_column(String(200))
    council: Mapped[str] = mapped_column(String(200), default="")
    cycle: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(400))
    symbol: Mapped[str] = mapped_column(String(60))
    timezone: Mapped[str] = mapped_column(String(60))
    languages: Mapped[str] = mapped_column(String(60), default="en,es,fr,pt")
    original_language: Mapped[str] = mapped_column(String(8), default="en")
    rules: Mapped[str] = mapped_column(String(60))
    # The committee's shape: the CSH groups its items in eight thematic areas; CICTE and
    # CICAD have none, and their items are asked for no area.
    thematic_areas: Mapped[bool] = mapped_column(default=True, server_default=true())
    # The lines printed at the top right of the Word and PDF documents above the symbol,
    # date and "Original:" line, one per line: the OAS's series ("OEA/Ser.G") for the
    # Permanent Council's committees, CICTE's own ("OEA/Ser.L/X.2.25"), none for a body that
    # prints none.
    header_lines: Mapped[str] = mapped_column(Text, default=DEFAULT_HEADER_LINES,
                                              server_default=DEFAULT_HEADER_LINES)
    # A closed cycle stays readable as an archive and accepts no change.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The last proposal number given: the next proposal takes this plus one, counted on the
    # negotiation's row so that two submissions at once queue there, whatever the process.
    last_proposal_number: Mapped[int] = mapped_column(default=0, server_default="0")

    sections: Mapped[list[Section]] = relationship(
        back_populates="negotiation", order_by="Section.position"
    )
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="negotiation", order_by="Milestone.at"
    )

    __table_args__ = (UniqueConstraint("committee", "cycle"),)

    @property
    def slug(self) -> tuple[str, str]:
        """The negotiation's place in URLs: ("csh", "2023-2024")."""
        return self.committee.lower(), self.cycle

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def language_list(self) -> list[str]:
        return self.languages.split(",")


class Section(Base):
    """An item (within a thematic area), an entity or an instrument of the draft."""

    __tablename__ = "section"

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), index=True)
    code: Mapped[str] = mapped_column(String(60))
    kind: Mapped[SectionKind] = mapped_column(enum_column(SectionKind, "section_kind"))
    area: Mapped[int | None]
    title: Mapped[str] = mapped_column(String(300))
    position: Mapped[int]
    # The general preamble (the paragraphs before the first item) is held to no kind's
    # caps: a cap on items is a cap on what each item adds, not on the resolution's opening.
    # A rule naming the section's code still applies to it.
    counted_apart: Mapped[bool] = mapped_column(default=False, server_default=false())

    negotiation: Mapped[Negotiation] = relationship(back_populates="sections")

    __table_args__ = (
        UniqueConstraint("negotiation_id", "code"),
        CheckConstraint(
            "(kind = 'item' AND area BETWEEN 1 AND 8) OR (kind <> 'item' AND area IS NULL)",
            name="item_has_area",
        ),
    )


class Delegation(Base):
    """A member state's delegation."""

    __tablename__ = "delegation"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(3), unique=True)
    name_en: Mapped[str] = mapped_column(String(100))
    name_es: Mapped[str] = mapped_column(String(100))
    name_fr: Mapped[str] = mapped_column(String(100))
    name_pt: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def name(self) -> str:
        return self.name_en


class Milestone(Base):
    """A deadline, a meeting or a circulation date, for the whole draft or one section."""

    __tablename__ = "milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id"))
    kind: Mapped[MilestoneKind] = mapped_column(enum_column(MilestoneKind, "milestone_kind"))
    title: Mapped[str] = mapped_column(String(300))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Counts the changes: an edit written on an older version is refused, even when two
    # people save at the same instant (the UPDATE names the version it replaces).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    # A removed date stays as a row: subscribed calendars must be told it is cancelled
    # (iCalendar's STATUS:CANCELLED under the same UID), which a deleted row cannot do.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    removed_by: Mapped[str | None] = mapped_column(String(120))
    removal_reason: Mapped[str] = mapped_column(String(1000), default="", server_default="")

    negotiation: Mapped[Negotiation] = relationship(back_populates="milestones")
    section: Mapped[Section | None] = relationship()
    moves: Mapped[list[MilestoneMove]] = relationship(
        back_populates="milestone", order_by="MilestoneMove.id"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's own dict)

    @property
    def last_move(self) -> MilestoneMove | None:
        return self.moves[-1] if self.moves else None


class MilestoneMove(Base):
    """A date of the calendar moved: from when, to when, by whom and why (never changed)."""

    __tablename__ = "milestone_move"

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestone.id"), index=True)
    moved_at: Mapped[datetime] = mapped_column(UTCDateTime())
    moved_by: Mapped[str] = mapped_column(String(120))
    from_at: Mapped[datetime] = mapped_column(UTCDateTime())
    to_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(String(1000), default="")

    milestone: Mapped[Milestone] = relationship(back_populates="moves")


class LateLeave(Base):
    """The chair's acceptance of a delegation's late submissions, until a given time."""

    __tablename__ = "late_leave"

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), index=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id"))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id"))
    # Leave asked for one paragraph lets in submissions on that paragraph only.
    paragraph_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph.id"))
    until: Mapped[datetime] = mapped_column(UTCDateTime())
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    granted_by: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(String(1000))

    delegation: Mapped[Delegation] = relationship()
    section: Mapped[Section | None] = relationship()
    paragraph: Mapped[Paragraph | None] = relationship("Paragraph")
