"""Documents built once per state of the draft, kept so the same request is served again."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Float, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from negotiation.enums import BuildStatus
from negotiation.models.base import Base, UTCDateTime, enum_column


class DocumentBuild(Base):
    """One document (a format of a comparison text, with its filters) as built for one state
    of the negotiation: ``key`` names everything it depends on, so a row is never stale."""

    __tablename__ = "document_build"

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), index=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    # The document asked for without the state: builds of an older state share it.
    scope: Mapped[str] = mapped_column(String(64), index=True)
    # What to build, as the request gave it (JSON): the build runs from this alone.
    request: Mapped[str] = mapped_column(Text)
    status: Mapped[BuildStatus] = mapped_column(enum_column(BuildStatus, "build_status"))
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    phase: Mapped[str] = mapped_column(String(80), default="")
    file_name: Mapped[str] = mapped_column(String(200), default="")
    media_type: Mapped[str] = mapped_column(String(100), default="")
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    error: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Moved on by the build as it progresses; a build whose heartbeat stopped was abandoned
    # (its worker died) and is started again by the next request.
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint("progress >= 0 AND progress <= 1", name="progress_is_a_share"),
        CheckConstraint("status <> 'done' OR content IS NOT NULL", name="done_has_content"),
    )
