"""Opening a negotiation with its committee's shape from the start: besides what every
negotiation has (committee, cycle, title, symbol), the lines its Word and PDF documents print
at the top right ("OEA/Ser.G" for the Permanent Council's committees, CICTE's own series for
CICTE), so that a new committee does not start with another body's header."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.models import Negotiation
from negotiation.people.appointments import create_negotiation
from negotiation.people.permissions import can_administer, require
from negotiation.setup.documentheader import clean_header_lines, set_header_lines
from negotiation.text.languages import N_


def open_negotiation(session: Session, actor: Actor, now: datetime, *, header_lines: str,
                     **fields: Any) -> Negotiation:
    """An administrator opens a negotiation (``fields`` as
    :func:`negotiation.people.appointments.create_negotiation` takes them) whose documents
    print ``header_lines``, one per line (none if empty). The lines are held to the rule of
    the document header page, and refused before anything is created; setting them is
    recorded as the header page records it."""
    require(can_administer(actor), N_("Only an administrator creates negotiations."))
    lines = clean_header_lines(header_lines)
    negotiation = create_negotiation(session, actor, now, **fields)
    set_header_lines(session, negotiation, actor, lines, now)
    return negotiation
