"""Each document is built once per state of the draft: asked again before anything changed,
the same file is served from what was built; anything recorded since builds it afresh. A
build runs outside the request, and its page shows the progress, then the link."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from io import BytesIO

from docx import Document
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update

from negotiation.documents.builds import find_or_claim, run_build
from negotiation.documents.producing import DocumentRequest
from negotiation.enums import AmendmentKind, BuildStatus
from negotiation.models import DocumentBuild
from negotiation.proposals.submissions import submit_proposal
from tests.builders import World
from tests.documents.scenario import Scenario
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]


def _builds(world: World) -> list[DocumentBuild]:
    world.session.expire_all()
    return list(world.session.scalars(select(DocumentBuild).order_by(DocumentBuild.id)))


def _texts(data: bytes) -> list[str]:
    return [p.text for p in Document(BytesIO(data)).paragraphs]


def test_the_same_document_asked_again_is_served_from_what_was_built(
    world: World, scenario: Scenario, client_as: Client
) -> None:
    client = client_as("secretariat")
    tip = "?section=trafficking-in-persons"
    first = client.get(at("/documents/comparison.docx" + tip))
    again = client_as("mex").get(at("/documents/comparison.docx" + tip))
    assert first.status_code == again.status_code == 200
    assert again.data == first.data
    assert len(_builds(world)) == 1
    # Another filter or format is another document.
    assert client.get(at("/documents/comparison.html" + tip)).status_code == 200
    assert client.get(at("/documents/comparison.docx")).data != first.data
    assert len(_builds(world)) == 3


def test_anything_recorded_since_builds_the_document_afresh(
    world: World, scenario: Scenario, client_as: Client
) -> None:
    client = client_as("secretariat")
    before = client.get(at("/documents/comparison.docx")).data
    assert not any("Barbados names" in t for t in _texts(before))
    world.clock.set(world.now - timedelta(days=20))  # back before the deadline
    paragraph = world.paragraphs["op2"]
    submit_proposal(world.session, world.negotiation, world.delegate("BRB"), paragraph,
                    AmendmentKind.COMMENT, world.now, written_on=paragraph.current_version.id,
                    comment="Barbados names the routes again.")
    world.session.flush()

    after = client.get(at("/documents/comparison.docx")).data
    assert after != before
    assert any("Comment: Barbados names the routes again." in t for t in _texts(after))
    # The build of the older state is gone: nobody can ask for it by its name again.
    builds = _builds(world)
    assert len(builds) == 1 and builds[0].content == after


def test_a_build_that_failed_or_was_abandoned_is_taken_over_once(
    world: World, scenario: Scenario
) -> None:
    asked = DocumentRequest.of("comparison", "docx", {}, world.now)
    build, mine = find_or_claim(world.session, world.negotiation, asked)
    assert mine
    again, mine_too = find_or_claim(world.session, world.negotiation, asked)
    assert again.id == build.id and not mine_too  # someone is building it
    long_ago = datetime.now(UTC) - timedelta(hours=1)
    world.session.execute(update(DocumentBuild).values(heartbeat_at=long_ago))
    world.session.expire_all()
    taken, mine = find_or_claim(world.session, world.negotiation, asked)
    assert taken.id == build.id and mine  # its worker died: this caller builds it
    world.session.execute(update(DocumentBuild).values(status=BuildStatus.FAILED))
    world.session.expire_all()
    assert find_or_claim(world.session, world.negotiation, asked)[1]
    assert not find_or_claim(world.session, world.negotiation, asked)[1]


def test_the_build_page_shows_progress_then_the_link(
    world: World, scenario: Scenario, app: Flask, client_as: Client
) -> None:
    asked = DocumentRequest.of("comparison", "docx", {"delegation": "MEX"}, world.now)
    build, _ = find_or_claim(world.session, world.negotiation, asked)
    world.session.execute(update(DocumentBuild).values(progress=0.4, phase="Writing"))
    world.session.flush()
    client = client_as("observer")
    page = at(f"/documents/builds/{build.id}")

    waiting = client.get(page).get_data(as_text=True)
    assert '<progress max="100" value="40">' in waiting and "Writing" in waiting
    assert f'hx-get="{page}"' in waiting and 'hx-trigger="every' in waiting
    assert '<noscript><meta http-equiv="refresh"' in waiting  # without JavaScript too
    fragment = client.get(page, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert 'id="build-status"' in fragment and "<html" not in fragment
    assert client.get(page + "/file").status_code == 303  # not ready yet

    run_build(app.config["SESSION_FACTORY"], build.id)

    ready = client.get(page).get_data(as_text=True)
    assert "<progress" not in ready and "hx-trigger" not in ready
    link = at(f"/documents/builds/{build.id}/file")
    assert f'href="{link}"' in ready
    download = client.get(link)
    assert download.status_code == 200 and "attachment" in download.headers[
        "Content-Disposition"]
    assert "Proposals of Mexico" in _texts(download.data)


def test_a_build_page_of_another_negotiation_or_for_nobody_is_refused(
    world: World, scenario: Scenario, client_as: Client
) -> None:
    asked = DocumentRequest.of("comparison", "docx", {}, world.now)
    build, _ = find_or_claim(world.session, world.negotiation, asked)
    world.session.flush()
    assert client_as(None).get(at(f"/documents/builds/{build.id}")).status_code in (302, 401)
    assert client_as("observer").get(at(f"/documents/builds/{build.id + 1}")).status_code == 404
    count = world.session.scalar(select(func.count()).select_from(DocumentBuild))
    assert count == 1
