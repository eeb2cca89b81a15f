"""A new committee's cycle, as its chair first meets it: nothing written, no date set."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import func, select

from negotiation.draft.circulation import draft_stamp
from negotiation.models import Negotiation, Revision
from tests.builders import World

Client = Callable[[str | None], FlaskClient]
NEW = "/cicte/2025"


def test_circulating_an_empty_first_draft_is_refused_and_the_desk_shows_it_as_it_stands(
    client_as: Client, world: World, cicte: Negotiation
) -> None:
    confirming = client_as("chair").post(f"{NEW}/chair/circulate", data={"number": "0"})
    assert confirming.status_code == 200
    assert "The draft has no paragraph yet" in confirming.data.decode()
    assert 'id="circulate-confirm-form"' not in confirming.data.decode()
    # Even a forged act with the empty draft's own stamp is refused, and the desk says so.
    stamp = draft_stamp([])
    refused = client_as("chair").post(f"{NEW}/chair/circulate",
                                      data={"number": "0", "stamp": stamp})
    html = refused.data.decode()
    assert refused.status_code == 422
    assert "The draft has no paragraph yet" in html
    # The page tells the truth: nothing went out, and the way to the first draft is there.
    assert "was circulated as" not in html and "CICTE/doc.5/25</strong>" not in html
    assert "Write or import the first draft" in html
    assert "Circulate rev. 0" in html and "Circulate rev. 1" not in html
    # The same refusal from the draft editor leaves the editor open, not frozen.
    editor = client_as("chair").post(f"{NEW}/drafting/circulate",
                                     data={"note": "First draft", "stamp": stamp})
    assert editor.status_code == 422 and "The draft has no paragraph yet" in editor.data.decode()
    assert "the draft is frozen" not in editor.data.decode()
    assert "Add a section" in editor.data.decode()
    assert world.session.scalar(select(func.count()).select_from(Revision).where(
        Revision.negotiation_id == cicte.id)) == 0


def test_a_new_negotiations_home_says_no_deadline_is_set_yet(
    client_as: Client, cicte: Negotiation
) -> None:
    page = client_as("chair").get(f"{NEW}/")
    html = page.data.decode()
    assert page.status_code == 200
    assert "No submission deadline is set yet" in html
    assert "the submission period is over" not in html
