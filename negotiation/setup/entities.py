"""Who a first-draft paragraph is credited to: the one who wrote it. The chair's paragraphs
are the chair's, in an entity's section (the CICAD's, the JID's ...) too; only a paragraph an
entity's secretariat put in itself is credited to that entity. A section's acronym is still
its short name (:func:`acronym_of`)."""

from __future__ import annotations

import re

from negotiation.actors import Actor
from negotiation.enums import ProposerKind, Role

_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9-]{1,15})\)\s*$")


def acronym_of(title: str) -> str | None:
    """The acronym a heading ends with: "Inter-American Defense Board (JID)" -> "JID"."""
    match = _ACRONYM.search(title)
    return match.group(1) if match else None


def drafter_of(actor: Actor) -> tuple[ProposerKind, str | None]:
    """Who a first-draft paragraph written by ``actor`` is credited to: (kind, entity)."""
    if actor.role is Role.ENTITY and actor.entity:
        return ProposerKind.ENTITY, actor.entity
    return ProposerKind.CHAIR, None
