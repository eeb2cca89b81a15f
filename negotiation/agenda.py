"""The meeting's agenda: undecided paragraphs in the procedure's order of consideration."""

from __future__ import annotations

from sqlalchemy.orm import Session

from negotiation.drafting import paragraphs_of
from negotiation.lifecycle import CONSIDERATION_RANK
from negotiation.models import Negotiation, Paragraph


def order_of_consideration(session: Session, negotiation: Negotiation) -> list[Paragraph]:
    """Consensus in principle first, then paragraphs with modifications, then new ones."""
    draft = paragraphs_of(session, negotiation)
    place = {p.id: index for index, p in enumerate(draft)}
    pending = [p for p in draft if p.state in CONSIDERATION_RANK]
    return sorted(pending, key=lambda p: (CONSIDERATION_RANK[p.state], place[p.id]))
