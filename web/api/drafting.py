"""What the chair writes and sends out through the API, by the functions of the chair's
desk: compromise texts, and circulating the next revision (read first, then confirmed as
read, as the desk's confirmation page does)."""

from __future__ import annotations

from sqlalchemy import func, select

from negotiation.chairing.proposal_decisions import write_compromise
from negotiation.draft.circulation import circulate_revision
from negotiation.draft.drafting import label_of
from negotiation.draft.outgoing import what_goes_out
from negotiation.models import Amendment, Revision
from negotiation.people.permissions import require_chair
from web.api.blueprint import api
from web.api.errors import ApiRefusal
from web.api.schemas import (
    CirculateIn,
    CompromiseIn,
    DecisionOut,
    OutgoingOut,
    RevisionOut,
)
from web.api.shapes import paragraph_out
from web.draft.paragraphpage import paragraph_for_change
from web.plumbing.access import actor, negotiation, now
from web.plumbing.dbsession import db


@api.operation("GET", "/revisions/next", summary="The next revision as it would go out now "
               "(the chair; nothing is circulated)", answers={200: OutgoingOut}, tag="chair")
def next_revision() -> OutgoingOut:
    require_chair(actor(), "circulate a revision")
    outgoing = what_goes_out(db(), negotiation(), now())
    return OutgoingOut(
        number=outgoing.number, symbol=outgoing.symbol, paragraphs=outgoing.total,
        counts={f"{group}/{kind}": count for (group, kind), count in outgoing.counts.items()},
        over_caps=[report.title for report in outgoing.over_caps],
        untriaged=[section.title for section in outgoing.untriaged], stamp=outgoing.stamp)


@api.operation("POST", "/revisions", body=CirculateIn, summary="Circulate the next revision, "
               "the draft read by `GET /revisions/next`", answers={201: RevisionOut},
               tag="chair")
def circulate(body: CirculateIn) -> tuple[int, RevisionOut]:
    """Refused with 409 when another revision went out meanwhile, when the draft changed
    since it was read (`draft_changed`), or when it needs confirming (`needs_confirmation`:
    sections untriaged or over a cap, named in the message)."""
    require_chair(actor(), "circulate a revision")
    last = db().scalar(select(func.max(Revision.number))
                       .where(Revision.negotiation_id == negotiation().id))
    coming = 0 if last is None else last + 1
    if body.expected_number != coming:
        raise ApiRefusal(409, "draft_changed", f"The next revision is rev. {coming}, not rev. "
                         f"{body.expected_number}: read GET /revisions/next again before "
                         "circulating.")
    revision = circulate_revision(
        db(), negotiation(), actor(), now(), note=body.note,
        expected_number=body.expected_number, renumber=body.renumber,
        confirmed=body.confirmed, stamp=body.stamp)
    return 201, RevisionOut(number=revision.number, symbol=revision.symbol,
                            circulated_at=revision.circulated_at, note=revision.note)


@api.operation("POST", "/paragraphs/<int:paragraph_id>/compromise", body=CompromiseIn,
               summary="Write the chair's compromise text, settling the proposals it takes in",
               answers={200: DecisionOut}, tag="chair")
def compromise(paragraph_id: int, body: CompromiseIn) -> DecisionOut:
    paragraph = paragraph_for_change(paragraph_id)
    settles = list(db().scalars(select(Amendment).where(
        Amendment.id.in_(body.settles), Amendment.paragraph_id == paragraph.id)))
    if len(settles) != len(set(body.settles)):
        raise ApiRefusal(422, "invalid_input",
                         "settles names a proposal that is not on this paragraph.")
    write_compromise(db(), negotiation(), actor(), paragraph, body.text, now(),
                     written_on=body.base_version_id, settles=settles, note=body.note)
    return DecisionOut(paragraph=paragraph_out(paragraph, label_of(db(), paragraph)),
                       notices=[])
