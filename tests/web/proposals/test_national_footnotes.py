"""A delegation asks for a national footnote on a paragraph through its form; the chair
receives it like a proposal and accepts or sets it aside; once accepted, the draft and the
paragraph's page print it under the paragraph with the state's name. After the deadline the
request is refused like any submission."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.enums import AmendmentKind, AmendmentState
from negotiation.models import Amendment
from tests.builders import World

Client = Callable[[str | None], FlaskClient]
POSITION = "Mexico does not consider itself bound by this paragraph."


def _ask(world: World, client_as: Client, at: Callable[[str], str], words: str = POSITION):
    paragraph = world.paragraphs["pp1"]
    return client_as("mex").post(at(f"/proposals/paragraph/{paragraph.id}"), data={
        "kind": "footnote", "written_on": str(paragraph.current_version.id), "comment": words})


def test_a_national_footnote_asked_accepted_and_printed_with_the_states_name(
    world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    paragraph = world.paragraphs["pp1"]
    form = client_as("mex").get(at(f"/draft/paragraph/{paragraph.id}")).data.decode()
    assert 'id="footnote-form"' in form and "Ask for a national footnote" in form

    answer = _ask(world, client_as, at)
    assert answer.status_code == 303
    request = world.session.scalars(select(Amendment).where(
        Amendment.kind == AmendmentKind.FOOTNOTE)).one()
    assert (request.comment, request.state) == (POSITION, AmendmentState.SUBMITTED)

    chair_page = client_as("chair").get(at(f"/draft/paragraph/{paragraph.id}")).data.decode()
    article = chair_page[chair_page.index(f'id="proposal-{request.id}"'):]
    assert "National footnote by Mexico" in article[:article.index("</h3>")]
    assert client_as("chair").post(at(f"/chair/proposal/{request.id}/accept")
                                   ).status_code in (302, 303)
    world.session.refresh(request)
    assert request.state is AmendmentState.ACCEPTED
    # The text is unchanged; the note is printed under it with the state's name.
    assert paragraph.current_version.number == 1
    for page in (f"/draft/paragraph/{paragraph.id}", "/draft/"):
        html = client_as("can").get(at(page)).data.decode()
        assert "National footnote of Mexico:" in html and POSITION in html, page


def test_an_empty_or_late_request_is_refused(
    world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    empty = _ask(world, client_as, at, words="  ")
    assert empty.status_code == 422
    assert "The footnote&#39;s text" in empty.data.decode()
    world.after_deadline()
    late = _ask(world, client_as, at)
    assert late.status_code == 409 and "deadline" in late.data.decode().lower()
    assert world.session.scalars(select(Amendment).where(
        Amendment.kind == AmendmentKind.FOOTNOTE)).first() is None



def test_a_footnote_on_the_approved_text_with_the_chairs_late_leave(
    world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    """A state's position is often stated on the text as approved: the approved paragraph
    still takes a national footnote (and nothing else), within the deadlines."""
    from datetime import timedelta

    from negotiation.calendar.deadlines import grant_late_leave
    from negotiation.chairing.decisions import decide, triage_section
    from tests.builders import CHAIR

    world.after_deadline()
    triage_section(world.session, world.negotiation, CHAIR, world.sections["tip"], world.now)
    decide(world.session, world.negotiation, CHAIR, world.paragraphs["pp1"], "approve",
           world.now)
    grant_late_leave(world.session, world.negotiation, CHAIR, world.delegations["MEX"],
                     world.now + timedelta(days=1), "Position stated at adoption", world.now)
    world.session.flush()
    paragraph = world.paragraphs["pp1"]
    page = client_as("mex").get(at(f"/draft/paragraph/{paragraph.id}")).data.decode()
    assert 'id="footnote-form"' in page and 'id="modify-form"' not in page
    assert _ask(world, client_as, at).status_code == 303
    sent = world.session.scalars(select(Amendment).where(
        Amendment.kind == AmendmentKind.FOOTNOTE)).one()
    assert sent.late and sent.state is AmendmentState.SUBMITTED
