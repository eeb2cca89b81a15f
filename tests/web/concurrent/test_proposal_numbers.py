"""Two delegations send proposals at the same moment, each to its own server of the app:
both are stored, with two distinct numbers, the next two of the negotiation."""

from __future__ import annotations

import html
from collections.abc import Callable

from sqlalchemy import func, select

from negotiation.models import Amendment
from tests.web.concurrent.conftest import BEFORE_DEADLINE, ROUNDS, Served
from tests.web.live import Answer, Form, Visitor, race


def _send(visitor: Visitor, form: Form) -> Callable[[], Answer]:
    return lambda: visitor.post(form.action, form.fields)


def _last_number(served: Served) -> int:
    with served.sessions() as session:
        return session.scalar(select(func.max(Amendment.number))
                              .where(Amendment.negotiation_id == served.negotiation_id)) or 0


def test_two_delegations_submitting_at_once_get_two_distinct_numbers(
    served: Served, people: dict[str, Visitor]
) -> None:
    served.at(BEFORE_DEADLINE)
    # Mexico's alternate talks to the other worker: the two share nothing but the database.
    senders = ("mex2", "can1")
    for round_ in range(ROUNDS):
        before = _last_number(served)
        paragraphs = {who: served.paragraph(f"To welcome the report, {who} {round_}")
                      for who in senders}
        forms = {}
        for who in senders:
            forms[who] = people[who].form(served.page(f"/draft/paragraph/{paragraphs[who]}"),
                                          lambda f: f.id == "comment-form")
            forms[who].fields["comment"] = f"Our comment, round {round_}"

        answers = race(*(_send(people[who], forms[who]) for who in senders))

        assert [a.status for a in answers] == [303, 303], [
            (a.status, a.text[:300]) for a in answers]
        numbers = {who: [a.number for a in served.proposals(paragraphs[who])]
                   for who in senders}
        assert sorted(n for found in numbers.values() for n in found) == [before + 1,
                                                                         before + 2]
        # Each delegate reads its own proposal's number in the message after the redirect.
        for who, answer in zip(senders, answers, strict=True):
            page = html.unescape(people[who].get(answer.location).text)
            assert f"Your comment was sent as proposal {numbers[who][0]}." in page
