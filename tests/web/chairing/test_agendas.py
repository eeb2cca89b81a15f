"""From the web: the chair publishes the meeting's agenda from the meeting page; everyone reads
it there, numbered and dated; publishing it again after a change says what changed; an
unchanged agenda, a past meeting or the wrong role is refused."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.chairing.decisions import decide
from negotiation.enums import MilestoneKind
from negotiation.models import Milestone, Notice, PublishedAgenda
from negotiation.record.clock import parse_moment
from tests.builders import CHAIR, World
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]


def _text(client: FlaskClient, path: str) -> str:
    return html.unescape(client.get(at(path)).get_data(as_text=True))


def _words(client: FlaskClient, path: str) -> str:
    """The page's text as read, without its markup."""
    return re.sub(r"<[^>]+>", "", _text(client, path))


def _meeting(world: World) -> Milestone:
    meeting = Milestone(negotiation_id=world.negotiation.id, kind=MilestoneKind.MEETING,
                        title="Second CSH meeting",
                        at=parse_moment("2024-05-14 10:00 America/New_York"))
    world.session.add(meeting)
    world.session.flush()
    return meeting


def _consensus(world: World, *keys: str) -> None:
    for key in keys:
        decide(world.session, world.negotiation, CHAIR, world.paragraphs[key],
               "find_consensus", world.now)


def test_the_chair_publishes_and_republishes_the_agenda(world: World, client_as: Client) -> None:
    world.after_deadline()
    meeting = _meeting(world)
    _consensus(world, "op1", "op2")
    chair = client_as("chair")
    page = _text(chair, "/meeting/")
    assert "No agenda has been published yet." in page and 'id="publish-agenda-form"' in page
    published = chair.post(at("/meeting/agendas/"), data={"meeting": str(meeting.id)})
    assert published.status_code == 303 and published.location.endswith("/meeting/agendas/1")

    mexico = client_as("mex")
    page = _text(mexico, "/meeting/")
    assert "Agenda no. 1: Second CSH meeting" in page
    assert 'id="publish-agenda-form"' not in page
    agenda = _text(mexico, "/meeting/agendas/1")
    assert "Meeting: <time" in agenda and "14 May 2024, 10:00" in agenda
    assert agenda.index("operative paragraph 1") < agenda.index("operative paragraph 2")

    unchanged = chair.post(at("/meeting/agendas/"), data={"meeting": str(meeting.id)})
    assert unchanged.status_code == 409
    assert "has not changed since agenda no. 1" in html.unescape(
        unchanged.get_data(as_text=True))

    _consensus(world, "pp1")
    assert chair.post(at("/meeting/agendas/"),
                      data={"meeting": str(meeting.id)}).status_code == 303
    second = _words(mexico, "/meeting/agendas/2")
    assert "What changed from agenda no. 1" in second
    assert "added: preambular paragraph 1 (Trafficking in persons)" in second
    assert "This agenda was replaced by agenda no. 2." in _words(mexico, "/meeting/agendas/1")
    listing = _text(mexico, "/meeting/agendas/")
    assert "Agenda no. 2: Second CSH meeting" in listing
    assert "Agenda no. 1: Second CSH meeting" in listing
    told = world.session.scalars(select(Notice.title).where(Notice.kind == "agenda")
                                 .order_by(Notice.id)).all()
    assert told == ["Agenda no. 1: Second CSH meeting",
                    "Agenda no. 2: Second CSH meeting (replaces no. 1)"]
    # Everyone's home page shows it since their last visit.
    assert "Agenda no. 2: Second CSH meeting (replaces no. 1)" in _text(
        client_as("can"), "/")


def test_the_wrong_role_or_a_past_meeting_is_refused(world: World, client_as: Client) -> None:
    world.after_deadline()
    meeting = _meeting(world)
    _consensus(world, "op1")
    for who in ("secretariat", "mex", "observer"):
        refused = client_as(who).post(at("/meeting/agendas/"),
                                      data={"meeting": str(meeting.id)})
        assert refused.status_code == 403, who
    world.clock.set(parse_moment("2024-05-15 09:00 America/New_York"))
    late = client_as("chair").post(at("/meeting/agendas/"), data={"meeting": str(meeting.id)})
    assert late.status_code == 409
    assert "its agenda can no longer change" in html.unescape(late.get_data(as_text=True))
    nonsense = client_as("chair").post(at("/meeting/agendas/"), data={"meeting": "x"})
    assert nonsense.status_code == 422
    assert world.session.scalars(select(PublishedAgenda)).all() == []
    assert client_as("mex").get(at("/meeting/agendas/9")).status_code == 404


def test_the_meeting_page_in_spanish(world: World, client_as: Client) -> None:
    world.after_deadline()
    meeting = _meeting(world)
    _consensus(world, "op1")
    chair = client_as("chair")
    assert chair.post(at("/meeting/agendas/"), data={"meeting": str(meeting.id)}).status_code \
        == 303
    page = html.unescape(client_as("mex").get(at("/meeting/agendas/1"), headers={
        "Accept-Language": "es"}).get_data(as_text=True))
    assert "Orden del día n.º 1: Second CSH meeting" in page
    assert "Párrafos que se examinarán, en orden" in page
    assert "párrafo resolutivo 1" in page
