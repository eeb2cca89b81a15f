"""The chair's desk shows what each open proposal would write, as tracked changes, so the
chair triages without opening every paragraph."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask.testing import FlaskClient

from negotiation.enums import AmendmentKind, ParagraphKind
from negotiation.proposals.submissions import submit_new_paragraph, submit_proposal
from tests.builders import World
from tests.web.test_page_queries import grow, queries_at_two_sizes

Client = Callable[[str | None], FlaskClient]


def _proposal_on_desk(page: str, amendment_id: int) -> str:
    found = re.search(rf'<div class="desk-proposal" id="desk-proposal-{amendment_id}">(.*?)</div>',
                      page, re.S)
    assert found, f"proposal {amendment_id} is not on the desk"
    return found.group(1)


def test_the_desk_shows_a_modification_as_tracked_changes_and_a_new_paragraphs_text(
    world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    op1 = world.paragraphs["op1"]
    peru = world.delegate("PER")
    modification = submit_proposal(
        world.session, world.negotiation, peru, op1, AmendmentKind.MODIFY, world.now,
        written_on=op1.current_version.id,
        text="To urge member states to strengthen regional cooperation against trafficking "
             "in <persons>.").amendment
    new = submit_new_paragraph(
        world.session, world.negotiation, peru, world.sections["tip"], ParagraphKind.OPERATIVE,
        "To encourage victim-centred approaches.", world.now).amendment
    world.session.flush()
    world.after_deadline()
    page = client_as("chair").get(at("/chair/"))
    assert page.status_code == 200 and "<h1>Chair's desk</h1>" in page.data.decode()
    shown = _proposal_on_desk(page.data.decode(), modification.id)
    assert "PER</strong> proposed modification" in shown
    assert "<ins>regional </ins>" in shown
    assert "<del>persons</del><ins>&lt;persons&gt;</ins>" in shown  # escaped, not markup
    assert '<p class="tracked"><ins>To encourage victim-centred approaches.</ins></p>' \
        in _proposal_on_desk(page.data.decode(), new.id)


def test_the_desk_reads_a_fixed_number_of_times_with_the_proposed_texts(
    world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    client = client_as("chair")
    grow(world, 1)

    def fetch() -> str:
        response = client.get(at("/chair/"))
        assert response.status_code == 200
        return response.data.decode()

    small, large = queries_at_two_sizes(world, fetch)
    assert "With care 3.</ins>" in fetch()  # a modification's text, on the desk
    assert small == large
