"""A delegation reads its comment as noted once the chair approved the paragraph."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from negotiation.chairing.decisions import decide, triage_section
from negotiation.enums import AmendmentKind
from tests.builders import CHAIR, World
from tests.chairing.test_chairing import send

Client = Callable[[str | None], FlaskClient]


def test_my_proposals_shows_a_comment_on_an_approved_paragraph_as_noted(
    world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    comment = send(world, "pp1", AmendmentKind.COMMENT, comment="We welcome this paragraph.")
    world.after_deadline()
    triage_section(world.session, world.negotiation, CHAIR, world.sections["tip"], world.now)
    decide(world.session, world.negotiation, CHAIR, world.paragraphs["pp1"], "approve",
           world.now)
    world.session.flush()
    page = client_as("mex").get(at("/proposals/mine"))
    html = page.data.decode()
    assert page.status_code == 200 and "My proposals" in html
    row = html[html.index(f'<tr id="own-proposals-{comment.number}">'):]
    row = row[:row.index("</tr>")]
    assert '<span class="badge amendment-noted">Noted</span>' in row
    assert "The paragraph was approved" in row and "Submitted" not in row
