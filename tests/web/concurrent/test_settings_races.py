"""Races on what the chair and the administrator set: two chairs accept the same late
submissions, two chairs triage the same section, one administrator creates the same account
from two tabs. Nothing is doubled, and the second act gets a clear answer, never a 500."""

from __future__ import annotations

import html

from sqlalchemy import func, select

from negotiation.demo.loader import demo_password
from negotiation.enums import ParagraphState
from negotiation.models import Account, Delegation, LateLeave, Paragraph
from tests.web.concurrent.conftest import AFTER_DEADLINE, ROUNDS, Served
from tests.web.live import Visitor, race, sending


def test_two_chairs_accept_the_same_late_submissions_at_once(
    served: Served, people: dict[str, Visitor]
) -> None:
    served.at(AFTER_DEADLINE)
    with served.sessions() as session:
        chile = session.scalars(select(Delegation).where(Delegation.code == "CHL")).one()
    path = served.page("/chair/late/")
    for round_ in range(ROUNDS):
        # Each round a later end: an extension, which is granted once.
        until = f"2024-05-{15 + round_}T18:00"
        forms = {}
        for who in ("chair", "vicechair"):
            forms[who] = people[who].form(path, lambda f: f.action.endswith("/chair/late/"))
            forms[who].fields.update(delegation=str(chile.id), section="", until=until,
                                     reason=f"Instructions arrived late, round {round_}")
        answers = race(*(sending(people[w], forms[w]) for w in forms))
        assert sorted(a.status for a in answers) == [303, 422], [
            (a.status, a.text[:300]) for a in answers]
        lost = next(a for a in answers if a.status == 422)
        assert "Chile already has late leave for the whole draft until" in html.unescape(
            lost.text)
        with served.sessions() as session:
            granted = session.scalar(select(func.count()).select_from(LateLeave).where(
                LateLeave.delegation_id == chile.id, LateLeave.reason.like(f"%round {round_}")))
        assert granted == 1
        assert served.recorded("late_leave_granted", "delegation:CHL") == round_ + 1


def test_two_chairs_triage_the_same_section_at_once(
    served: Served, people: dict[str, Visitor]
) -> None:
    served.at(AFTER_DEADLINE)
    for _ in range(ROUNDS):
        paragraph = served.paragraph("To take note of the report")
        with served.sessions() as session:
            section = session.get_one(Paragraph, paragraph).section
            path = served.page(f"/chair/?section={section.code}")
        forms = {who: people[who].form(path, lambda f, s=section.id: f.action.endswith(
                     f"/section/{s}/triage")) for who in ("chair", "vicechair")}
        answers = race(*(sending(people[w], forms[w]) for w in forms))
        # The second finds the section triaged already: nothing left to move.
        assert [a.status for a in answers] == [303, 303], [
            (a.status, a.text[:300]) for a in answers]
        told = [html.unescape(people[w].get(a.location).text) for w, a in zip(forms, answers,
                                                                             strict=True)]
        assert sum("it was triaged already" in page for page in told) == 1
        with served.sessions() as session:
            assert session.get_one(Paragraph, paragraph).state is ParagraphState.CONSENSUS
        assert served.recorded("find_consensus", f"paragraph:{paragraph}") == 1


def test_one_administrator_creates_the_same_account_from_two_tabs(served: Served) -> None:
    tab = Visitor(served.url)
    tab.sign_in("admin", demo_password("admin"))
    tabs = (tab, tab.via(served.other_worker))
    for round_ in range(ROUNDS):
        username = f"race.delegate{round_}"
        forms = [each.form("/accounts/", lambda f: f.id == "account-form") for each in tabs]
        for form in forms:
            form.fields.update(username=username, display_name=f"Delegate {round_}",
                               password="correct horse battery staple", delegation="MEX")
        answers = race(*(sending(t, f) for t, f in zip(tabs, forms, strict=True)))
        assert sorted(a.status for a in answers)[0] == 303
        lost = max(answers, key=lambda a: a.status)
        # Refused as taken (sent after the other was stored) or as a conflict (sent in the
        # same instant): either way it says so, and keeps the name typed, not the password.
        assert lost.status in (409, 422), (lost.status, lost.text[:300])
        page = html.unescape(lost.text)
        assert f"The username '{username}' is taken" in page or "at the same moment" in page
        assert username in page and "correct horse" not in page
        with served.sessions() as session:
            assert session.scalar(select(func.count()).select_from(Account)
                                  .where(Account.username == username)) == 1
