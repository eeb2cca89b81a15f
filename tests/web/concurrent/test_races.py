"""Two people act on the same thing at the same moment, through real HTTP requests to the
served app: nothing is lost, nothing is doubled, and the second act gets the clear refusal a
stale act gets when sent alone (never a server error), with what its author typed kept."""

from __future__ import annotations

import html
from collections.abc import Callable

from sqlalchemy import func, select

from negotiation.enums import MilestoneKind
from negotiation.models import (
    AmendmentSupport,
    Milestone,
    Paragraph,
    ParagraphVersion,
    Revision,
)
from tests.web.concurrent.conftest import AFTER_DEADLINE, BEFORE_DEADLINE, ROUNDS, Served
from tests.web.live import Answer, Form, Visitor, race, sending


def _by_action(action: str) -> Callable[[Form], bool]:
    return lambda form: form.action.endswith(action)


def _one_won(answers: list[Answer], refusal: int = 409) -> tuple[Answer, Answer]:
    """The winner's redirect and the loser's refusal, in that order."""
    assert all(a.status < 500 for a in answers), [a.status for a in answers]
    assert sorted(a.status for a in answers) == sorted([303, refusal]), [
        (a.status, a.text[:300]) for a in answers]
    won = next(a for a in answers if a.status == 303)
    lost = next(a for a in answers if a.status == refusal)
    return won, lost


def _sorted(answers: list[Answer], won: Answer, texts: dict[str, str]) -> tuple[str, str]:
    """The winner's text and the loser's, the answers being in the order of ``texts``."""
    first, second = texts.values()
    return (first, second) if answers[0] is won else (second, first)


def _typed(people: dict[str, Visitor], path: str, form_id: str,
           texts: dict[str, str]) -> dict[str, Form]:
    """Each person's copy of the same form, read from the same page, with their own text."""
    forms = {}
    for who, text in texts.items():
        forms[who] = people[who].form(path, lambda f: f.id == form_id)
        forms[who].fields["text"] = text
    return forms


def _versions(served: Served, paragraph_id: int) -> list[str]:
    with served.sessions() as session:
        return list(session.scalars(
            select(ParagraphVersion.text).where(ParagraphVersion.paragraph_id == paragraph_id)
            .order_by(ParagraphVersion.number)
        ))


def test_two_chairs_send_compromise_texts_from_the_same_version(
    served: Served, people: dict[str, Visitor]
) -> None:
    served.at(AFTER_DEADLINE)
    for round_ in range(ROUNDS):
        paragraph = served.paragraph("To invite member states to cooperate")
        path = served.page(f"/draft/paragraph/{paragraph}")
        texts = {"chair": f"To invite all member states to cooperate closely, round {round_}",
                 "vicechair": f"To encourage member states to cooperate widely, round {round_}"}
        forms = _typed(people, path, "compromise-form", texts)
        answers = race(*(sending(people[who], forms[who]) for who in texts))
        won, lost = _one_won(answers)
        winner, loser = _sorted(answers, won, texts)
        # One new version: the winner's. The loser sees both texts and keeps its own.
        assert _versions(served, paragraph)[1:] == [winner]
        assert served.recorded("compromise_text", f"paragraph:{paragraph}") == 1
        page = html.unescape(lost.text)
        assert winner in page and loser in page
        assert "changed while you were editing" in page


def test_two_chairs_accept_the_same_proposal(
    served: Served, people: dict[str, Visitor]
) -> None:
    served.at(AFTER_DEADLINE)
    for round_ in range(ROUNDS):
        paragraph = served.paragraph("To call on member states to report")
        proposed = f"To call on member states to report every year, round {round_}"
        amendment = served.proposal(paragraph, "CAN", proposed)
        path = served.page(f"/draft/paragraph/{paragraph}")
        action = _by_action(f"/proposal/{amendment}/accept")
        forms = {who: people[who].form(path, action) for who in ("chair", "vicechair")}
        _won, lost = _one_won(race(*(sending(people[w], forms[w]) for w in forms)))
        assert _versions(served, paragraph)[1:] == [proposed]
        assert served.recorded("proposal_accepted", f"amendment:{amendment}") == 1
        assert "Cannot accept a proposal that is accepted" in html.unescape(lost.text)


def test_two_chairs_circulate_at_once(served: Served, people: dict[str, Visitor]) -> None:
    served.at(AFTER_DEADLINE)
    for _ in range(2):  # a circulation freezes the whole draft: two rounds are enough
        with served.sessions() as session:
            before = session.scalar(select(func.count()).select_from(Revision))
        # Both have the confirmation page open (it names the untriaged sections).
        path = served.page("/chair/circulate")
        forms = {who: people[who].form(path, lambda f: f.id == "circulate-confirm-form")
                 for who in ("chair", "vicechair")}
        _won, lost = _one_won(race(*(sending(people[w], forms[w]) for w in forms)))
        with served.sessions() as session:
            revisions = list(session.scalars(select(Revision).order_by(Revision.number)))
        assert len(revisions) == before + 1
        assert served.recorded("revision_circulated", f"revision:{revisions[-1].id}") == 1
        assert f"{revisions[-1].symbol} was circulated by" in html.unescape(lost.text)


def test_two_delegates_of_one_state_join_at_once(
    served: Served, people: dict[str, Visitor]
) -> None:
    served.at(BEFORE_DEADLINE)
    for round_ in range(ROUNDS):
        paragraph = served.paragraph("To welcome the regional plan")
        amendment = served.proposal(paragraph, "CAN", f"To welcome warmly the plan, {round_}")
        path = served.page(f"/draft/paragraph/{paragraph}")
        action = _by_action(f"/{amendment}/join")
        forms = {who: people[who].form(path, action) for who in ("mex1", "mex2")}
        # The same refusal as a second join sent alone.
        _won, lost = _one_won(race(*(sending(people[w], forms[w]) for w in forms)), refusal=422)
        with served.sessions() as session:
            joined = session.scalar(select(func.count()).select_from(AmendmentSupport)
                                    .where(AmendmentSupport.amendment_id == amendment))
        assert joined == 1
        assert served.recorded("proposal_joined", f"amendment:{amendment}") == 1
        assert "already joined this proposal" in html.unescape(lost.text)


def _meeting_form(visitor: Visitor, served: Served, paragraph: int, act: str) -> Form:
    return visitor.form(served.page("/meeting/"),
                        _by_action(f"/meeting/paragraph/{paragraph}/{act}"))


def _state(served: Served, paragraph: int) -> str:
    with served.sessions() as session:
        return session.get_one(Paragraph, paragraph).state.value


def test_chair_approves_while_vice_chair_defers(
    served: Served, people: dict[str, Visitor]
) -> None:
    served.at(AFTER_DEADLINE)
    for _ in range(ROUNDS):
        paragraph = served.paragraph("To reaffirm the commitment to peace", consensus=True)
        approve = _meeting_form(people["chair"], served, paragraph, "approve")
        defer = _meeting_form(people["vicechair"], served, paragraph, "defer")
        answers = race(sending(people["chair"], approve), sending(people["vicechair"], defer))
        won, lost = _one_won(answers)
        subject = f"paragraph:{paragraph}"
        moves = (served.recorded("approve", subject)
                 + served.recorded("return_to_consultations", subject))
        assert moves == 1  # the paragraph moved once, from consensus
        state = _state(served, paragraph)
        assert state == ("approved" if answers[0] is won else "consultations")
        assert "While you were deciding, the paragraph moved from consensus in principle" \
            in html.unescape(lost.text)


def test_two_approvals_at_once_are_recorded_once(
    served: Served, people: dict[str, Visitor]
) -> None:
    served.at(AFTER_DEADLINE)
    for _ in range(ROUNDS):
        paragraph = served.paragraph("To support the work of the Committee", consensus=True)
        forms = {who: _meeting_form(people[who], served, paragraph, "approve")
                 for who in ("chair", "vicechair")}
        _one_won(race(*(sending(people[w], forms[w]) for w in forms)))
        assert served.recorded("approve", f"paragraph:{paragraph}") == 1
        assert _state(served, paragraph) == "approved"


def test_one_delegation_sends_two_modifications_at_once(
    served: Served, people: dict[str, Visitor]
) -> None:
    served.at(BEFORE_DEADLINE)
    for round_ in range(ROUNDS):
        paragraph = served.paragraph("To promote the exchange of good practices")
        path = served.page(f"/draft/paragraph/{paragraph}")
        texts = {"mex1": f"To promote actively the exchange of good practices, {round_}",
                 "mex2": f"To promote the regular exchange of good practices, {round_}"}
        forms = _typed(people, path, "modify-form", texts)
        answers = race(*(sending(people[w], forms[w]) for w in texts))
        won, lost = _one_won(answers, refusal=422)
        winner, loser = _sorted(answers, won, texts)
        stored = served.proposals(paragraph)
        assert [a.proposed_text for a in stored] == [winner]
        # The refused delegate keeps its text, and sees the proposal that was stored first.
        page = html.unescape(lost.text)
        assert loser in page
        assert ("already has an open proposed modification on this paragraph "
                f"(proposal {stored[0].number})") in page
        assert ("actively" if answers[0] is won else "regular") in page


def test_a_double_click_stores_the_comment_once(
    served: Served, people: dict[str, Visitor]
) -> None:
    served.at(BEFORE_DEADLINE)
    for round_ in range(ROUNDS):
        paragraph = served.paragraph("To note the report of the Secretariat")
        form = people["mex1"].form(served.page(f"/draft/paragraph/{paragraph}"),
                                   lambda f: f.id == "comment-form")
        form.fields["comment"] = f"Mexico asks for the report in Spanish too, {round_}."
        # The same form, with the same one-time key, sent twice at the same moment.
        answers = race(sending(people["mex1"], form),
                       sending(people["mex1"].via(served.other_worker), form))
        assert [a.status for a in answers] == [303, 303]
        assert answers[0].location == answers[1].location
        assert len(served.proposals(paragraph)) == 1


def test_two_chairs_change_one_date_of_the_calendar_at_once(
    served: Served, people: dict[str, Visitor]
) -> None:
    served.at(BEFORE_DEADLINE)
    with served.sessions() as session:
        dates = list(session.scalars(
            select(Milestone.id).where(Milestone.negotiation_id == served.negotiation_id,
                                       Milestone.kind == MilestoneKind.MEETING)
            .order_by(Milestone.at.desc()).limit(ROUNDS)))
    assert len(dates) == ROUNDS
    for round_, milestone in enumerate(dates):
        path = served.page(f"/calendar/{milestone}")
        titles = {"chair": f"Meeting on the draft resolution, round {round_}",
                  "vicechair": f"Negotiation meeting on the draft, round {round_}"}
        forms = {}
        for who, title in titles.items():
            forms[who] = people[who].form(path, lambda f: f.id == "date-form")
            forms[who].fields["title"] = title
        answers = race(*(sending(people[w], forms[w]) for w in titles))
        won, lost = _one_won(answers)
        winner, loser = _sorted(answers, won, titles)
        with served.sessions() as session:
            assert session.get_one(Milestone, milestone).title == winner
        page = html.unescape(lost.text)
        assert f"Someone changed this date while you were editing it; it now reads {winner}" \
            in page
        assert loser in page
