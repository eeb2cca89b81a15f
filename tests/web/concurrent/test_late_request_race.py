"""Two chairs answer the same request for late leave at the same moment, on two workers: one
answer is stored, the other gets a clear 409 naming it (never a 500), and the delegation is
told once."""

from __future__ import annotations

import html

from sqlalchemy import func, select

from negotiation.actors import Actor
from negotiation.calendar.late_requests import ask_late_leave
from negotiation.enums import Role
from negotiation.models import Delegation, LateLeave, LateLeaveRequest, Negotiation, Notice
from negotiation.models import Paragraph as ParagraphRow
from tests.web.concurrent.conftest import AFTER_DEADLINE, ROUNDS, Served
from tests.web.live import Visitor, race, sending


def _asked(served: Served, round_: int) -> int:
    """Mexico asks for late leave on a fresh paragraph of a section of its own."""
    paragraph_id = served.paragraph("To invite member states to report")
    with served.sessions() as session, session.begin():
        negotiation = session.get_one(Negotiation, served.negotiation_id)
        mexico = session.scalars(select(Delegation).where(Delegation.code == "MEX")).one()
        asked = ask_late_leave(
            session, negotiation, Actor(Role.DELEGATION, "Delegate of MEX", mexico.id),
            f"Instructions arrived late, round {round_}", AFTER_DEADLINE,
            paragraph=session.get_one(ParagraphRow, paragraph_id), paragraph_label="1")
        return asked.id


def test_two_chairs_answer_the_same_request_at_once(
    served: Served, people: dict[str, Visitor]
) -> None:
    served.at(AFTER_DEADLINE)
    path = served.page("/chair/late/")
    for round_ in range(ROUNDS):
        asked = _asked(served, round_)
        # One grants, the other refuses: whichever is stored first stands.
        forms = {
            "chair": people["chair"].form(
                path, lambda f, a=asked: f.action.endswith(f"/requests/{a}/granted")),
            "vicechair": people["vicechair"].form(
                path, lambda f, a=asked: f.action.endswith(f"/requests/{a}/refused")),
        }
        forms["chair"].fields.update(until="2024-05-15T18:00", reason="Agreed")
        forms["vicechair"].fields.update(reason="The section is closed")
        answers = race(*(sending(people[w], forms[w]) for w in forms))
        assert all(a.status < 500 for a in answers), [a.status for a in answers]
        assert sorted(a.status for a in answers) == [303, 409], [
            (a.status, a.text[:300]) for a in answers]
        lost = next(a for a in answers if a.status == 409)
        assert "This request was already" in html.unescape(lost.text)
        with served.sessions() as session:
            stored = session.get_one(LateLeaveRequest, asked)
            assert stored.decision in ("granted", "refused")
            leaves = session.scalar(select(func.count()).select_from(LateLeave).where(
                LateLeave.reason == "Agreed", LateLeave.paragraph_id == stored.paragraph_id))
            assert leaves == (1 if stored.decision == "granted" else 0)
            told = session.scalar(select(func.count()).select_from(Notice).where(
                Notice.kind == "late-leave",
                Notice.title.endswith(f" of {stored.paragraph.section.title}")))
            assert told == 1
