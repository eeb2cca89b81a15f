"""Paragraphs of the draft and every text version they ever had."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from negotiation.enums import LIVE_STATES, ParagraphKind, ParagraphState, ProposerKind, Role
from negotiation.models.base import Base, UTCDateTime, enum_column
from negotiation.models.negotiation import Delegation, Section


class Paragraph(Base):
    """A preambular or operative paragraph, or a lettered mandate under a chapeau."""

    __tablename__ = "paragraph"

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph.id"))
    kind: Mapped[ParagraphKind] = mapped_column(enum_column(ParagraphKind, "paragraph_kind"))
    is_mandates: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int]
    state: Mapped[ParagraphState] = mapped_column(
        enum_column(ParagraphState, "paragraph_state")
    )
    proposer_kind: Mapped[ProposerKind] = mapped_column(
        enum_column(ProposerKind, "proposer_kind")
    )
    proposer_delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id"))
    proposer_entity: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Checked on every update: a state moved by two requests at once moves only once.
    row_version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    # The number it was circulated under ("7", "PP2", "7 bis", "7 (b)"): fixed when first
    # circulated, so "operative paragraph 19" means the same to everyone until the chair
    # renumbers in a new revision. None while the paragraph was never circulated.
    number: Mapped[str | None] = mapped_column(String(24))
    # The paragraph of the previous cycle's resolution this one was carried over from.
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph.id"))

    section: Mapped[Section] = relationship()
    proposer_delegation: Mapped[Delegation | None] = relationship()
    parent: Mapped[Paragraph | None] = relationship(
        remote_side=[id], back_populates="subparagraphs", foreign_keys=[parent_id]
    )
    subparagraphs: Mapped[list[Paragraph]] = relationship(
        back_populates="parent", order_by="Paragraph.position", foreign_keys=[parent_id]
    )
    versions: Mapped[list[ParagraphVersion]] = relationship(
        back_populates="paragraph", order_by="ParagraphVersion.number"
    )

    __table_args__ = (
        CheckConstraint(
            "(kind = 'subparagraph') = (parent_id IS NOT NULL)", name="subparagraph_has_parent"
        ),
        CheckConstraint(
            "(proposer_kind = 'delegation') = (proposer_delegation_id IS NOT NULL)",
            name="delegation_proposer_named",
        ),
        CheckConstraint(
            "NOT is_mandates OR kind = 'operative'", name="mandates_are_operative"
        ),
    )
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": row_version}

    @property
    def current_version(self) -> ParagraphVersion:
        return self.versions[-1]

    @property
    def text(self) -> str:
        return self.current_version.text

    @property
    def proposer_label(self) -> str:
        delegation = self.proposer_delegation
        return proposer_label(self.proposer_kind, delegation.name if delegation else None,
                              self.proposer_entity)

    def live_subparagraphs(self) -> list[Paragraph]:
        return [s for s in self.subparagraphs if s.state in LIVE_STATES]


class ParagraphVersion(Base):
    """One text of a paragraph; versions are only ever added, never changed."""

    __tablename__ = "paragraph_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraph.id"), index=True)
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    author_role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    author_name: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(String(300), default="")
    # The text's footnotes, [{"at": offset of the marker in the text, "text": the note}],
    # read through negotiation.text.footnotes.notes_of (the markers are no part of the text).
    footnotes: Mapped[list[dict[str, object]]] = mapped_column(
        JSON, default=list, server_default="[]")

    paragraph: Mapped[Paragraph] = relationship(back_populates="versions")

    __table_args__ = (UniqueConstraint("paragraph_id", "number"),)


def proposer_label(kind: ProposerKind, delegation_name: str | None, entity: str | None) -> str:
    """Who proposed a paragraph, as documents and pages name them: the delegation, the
    entity, or the chair (also for rows read as plain columns)."""
    if kind is ProposerKind.DELEGATION and delegation_name:
        return delegation_name
    if kind is ProposerKind.ENTITY:
        return entity or "Entity"
    return "Chair"
