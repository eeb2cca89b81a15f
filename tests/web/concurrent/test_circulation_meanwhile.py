"""The chair circulates a revision while a delegation's submission is taking its number:
both go through, on two connections that share nothing but the database's locks."""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.draft.circulation import circulate_revision
from negotiation.enums import AmendmentKind, Role
from negotiation.models import Amendment, Delegation, Negotiation, Paragraph, Revision
from negotiation.proposals.submissions import submit_proposal
from tests.builders import CHAIR
from tests.web.concurrent.conftest import BEFORE_DEADLINE, Served


def _someone_waits_for_a_lock(session: Session) -> bool:
    """Whether another connection of this database waits for a row lock (PostgreSQL)."""
    return bool(session.scalar(text(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
        "AND datname = current_database()")))


def test_a_circulation_meanwhile_waits_for_the_submission_and_both_go_through(
    served: Served,
) -> None:
    served.at(BEFORE_DEADLINE)
    paragraph_id = served.paragraph("To welcome the cooperation of the subregional bodies.")
    outcome: dict[str, object] = {}

    def circulate() -> None:
        try:
            with served.sessions() as session, session.begin():
                negotiation = session.get(Negotiation, served.negotiation_id)
                assert negotiation is not None
                circulate_revision(session, negotiation, CHAIR, BEFORE_DEADLINE,
                                   note="Circulated while Mexico was sending", confirmed=True)
            outcome["circulation"] = "circulated"
        except Exception as exc:  # reported below, with what the submission saw
            outcome["circulation"] = exc

    with served.sessions() as submitting:
        revisions = submitting.scalar(select(func.count()).select_from(Revision)) or 0
        # As the web does for a submission: the paragraph's row first.
        submitting.execute(select(Paragraph.id).where(Paragraph.id == paragraph_id)
                           .with_for_update())
        chair = threading.Thread(target=circulate)
        chair.start()
        if submitting.get_bind().dialect.name == "postgresql":
            deadline = time.monotonic() + 30
            while not _someone_waits_for_a_lock(submitting) and time.monotonic() < deadline:
                time.sleep(0.01)
            assert chair.is_alive(), outcome  # the circulation waits for the paragraph
        negotiation = submitting.get(Negotiation, served.negotiation_id)
        paragraph = submitting.get(Paragraph, paragraph_id)
        mexico = submitting.scalars(select(Delegation.id).where(Delegation.code == "MEX")).one()
        assert negotiation is not None and paragraph is not None
        mexico_delegate = Actor(Role.DELEGATION, "Delegate of Mexico", mexico)
        sent = submit_proposal(
            submitting, negotiation, mexico_delegate, paragraph, AmendmentKind.COMMENT,
            BEFORE_DEADLINE,
            written_on=paragraph.current_version.id, comment="Sent as the chair circulates",
        ).amendment
        submitting.commit()
        chair.join(60)

    assert outcome == {"circulation": "circulated"}
    with served.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Revision)) == revisions + 1
        assert session.get(Amendment, sent.id) is not None
