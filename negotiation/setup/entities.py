"""Who drafts a section of the first draft: an entity's own section (the CICAD's, the JID's
...) is written by that entity, as under the JID/CSH mechanism, and credited to it; every other
section is the chair's."""

from __future__ import annotations

import re

from negotiation.enums import ProposerKind, SectionKind
from negotiation.models import Section

_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9-]{1,15})\)\s*$")


def acronym_of(title: str) -> str | None:
    """The acronym a heading ends with: "Inter-American Defense Board (JID)" -> "JID"."""
    match = _ACRONYM.search(title)
    return match.group(1) if match else None


def drafter_of(section: Section) -> tuple[ProposerKind, str | None]:
    """Who a first-draft paragraph of ``section`` is credited to: (kind, entity)."""
    entity = acronym_of(section.title) if section.kind is SectionKind.ENTITY else None
    return (ProposerKind.ENTITY, entity) if entity else (ProposerKind.CHAIR, None)
