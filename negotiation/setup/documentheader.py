"""The negotiation's document header: the lines its Word and PDF documents print at the top
right above the symbol, date and "Original:" line ("OEA/Ser.G" for the CSH, its own series
for another body), kept by the secretariat or the chair."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.documents.printable import printable
from negotiation.errors import InvalidSetting, Term
from negotiation.models import Negotiation
from negotiation.people.permissions import can_set_document_header, require
from negotiation.record.journal import record
from negotiation.record.wording import says
from negotiation.text.languages import N_

#: More lines than an OAS header ever has is a paste gone wrong, not a header.
MAX_LINES = 6
#: A line as long as the header's column holds on the page.
MAX_LINE_LENGTH = 80


def clean_header_lines(text: str) -> str:
    """The lines as they will be printed, one per line, blank lines and outer spaces left
    out; or the reason they are refused."""
    lines = [" ".join(printable(line).split()) for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > MAX_LINES:
        raise InvalidSetting("The header has at most %(count)s lines.", "header_lines",
                             count=MAX_LINES)
    for line in lines:
        if len(line) > MAX_LINE_LENGTH:
            raise InvalidSetting("A header line is at most %(count)s characters.",
                                 "header_lines", count=MAX_LINE_LENGTH)
    return "\n".join(lines)


def set_header_lines(session: Session, negotiation: Negotiation, actor: Actor, text: str,
                     now: datetime) -> bool:
    """Set the lines the documents print above the symbol; recorded. Returns whether they
    changed (saving them as they were changes nothing and records nothing)."""
    require(can_set_document_header(actor),
            N_("Only the secretariat or the chair sets the documents' header."))
    lines = clean_header_lines(text)
    if lines == negotiation.header_lines:
        return False
    before = negotiation.header_lines
    negotiation.header_lines = lines
    session.flush()
    record(session, negotiation.id, actor, now, "document_header_changed",
           says(N_("Document header lines: %(before)s → %(after)s"),
                before=" / ".join(before.splitlines()) or Term(N_("(none)")),
                after=" / ".join(lines.splitlines()) or Term(N_("(none)"))))
    return True
