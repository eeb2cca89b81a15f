"""Messages waiting for the next page do not pile up in the session."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from tests.builders import World
from web.plumbing.flashes import KEPT

Client = Callable[[str | None], FlaskClient]


def test_a_client_that_never_reads_a_page_keeps_only_the_latest_messages(
    client_as: Client, at: Callable[[str], str], world: World
) -> None:
    mexico = client_as("mex")
    for n in range(KEPT + 3):
        paragraph = world.paragraphs["op1" if n % 2 else "op2"]
        sent = mexico.post(at(f"/proposals/paragraph/{paragraph.id}"), data={
            "kind": "comment", "comment": f"Remark number {n}",
            "written_on": str(paragraph.current_version.id)})
        assert sent.status_code == 303
    with mexico.session_transaction() as session:
        assert len(session["_flashes"]) == KEPT
    page = mexico.get(at("/")).get_data(as_text=True)
    assert page.count("Your comment was sent as proposal") == KEPT
    assert "Your comment was sent" not in mexico.get(at("/")).get_data(as_text=True)
