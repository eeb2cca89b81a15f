"""The chair's caps of one negotiation, as dated rules kept in the database."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from negotiation.models.base import Base
from rules.caps import CAP_COUNTS

#: The counts a rule may cap, as its columns are named (and as the rules files name them).
CAP_FIELDS = tuple(CAP_COUNTS)


class Cap(Base):
    """The caps on one kind of section (or one section, by its code) from a given date."""

    __tablename__ = "cap_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), index=True)
    applies_to: Mapped[str] = mapped_column(String(60))
    effective_from: Mapped[date] = mapped_column(Date)
    effective_until: Mapped[date | None] = mapped_column(Date)
    preambular: Mapped[int | None]
    operative: Mapped[int | None]
    total: Mapped[int | None]
    mandates_paragraphs: Mapped[int | None]
    mandates_subparagraphs: Mapped[int | None]
    source: Mapped[str] = mapped_column(String(400), default="")
    # An edit written on an older version is refused (see Milestone.version).
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's own dict)

    __table_args__ = (
        # Two rules for the same sections from the same day would make the caps ambiguous.
        UniqueConstraint("negotiation_id", "applies_to", "effective_from"),
        CheckConstraint(
            "effective_until IS NULL OR effective_until >= effective_from", name="dates_in_order"
        ),
        CheckConstraint(
            " AND ".join(f"({name} IS NULL OR {name} >= 0)" for name in CAP_FIELDS),
            name="caps_not_negative",
        ),
    )
