"""A polling meeting page gets back only the sections of the agenda that changed for its
reader, in place; the whole agenda only when its frame changed."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlencode

from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from negotiation.chairing.decisions import REASON_LIMIT, decide, triage_section
from negotiation.enums import AmendmentKind
from negotiation.proposals.submissions import submit_proposal
from tests.builders import CHAIR, World
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]
HTMX = {"HX-Request": "true"}


def _in_meeting(world: World) -> None:
    world.after_deadline()
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)


def _poll_of(page: str) -> str:
    """The address a meeting page polls, with the markers it sends."""
    poll = re.search(r'<div id="meeting-poll" hx-get="([^"]+)"', page)
    assert poll is not None
    return poll.group(1).replace("&amp;", "&") + "&" + urlencode(_markers_of(page))


def _markers_of(page: str) -> list[tuple[str, str]]:
    """The agenda's frame and each section's marker, as a poll or a decision sends them."""
    shape = re.findall(r'name="shape" value="([^"]+)"', page)
    markers = re.findall(r'class="agenda-marker" name="m" id="[^"]+" value="([^"]+)"', page)
    return [("shape", value) for value in shape[:1]] + [("m", m) for m in markers]


def _approve(world: World, key: str) -> None:
    decide(world.session, world.negotiation, CHAIR, world.paragraphs[key], "approve", world.now)
    world.session.flush()  # as the chair's request would commit it


def test_the_poll_brings_back_only_the_section_of_the_decided_paragraph(
    world: World, client_as: Client
) -> None:
    _in_meeting(world)
    _approve(world, "pp1")
    client = client_as("mex")
    page = client.get(at("/meeting/")).data.decode()
    poll = _poll_of(page)
    assert page.count('class="agenda-marker"') == 3  # one per section
    assert client.get(poll, headers=HTMX).status_code == 204  # nothing happened

    _approve(world, "pp2")
    answer = client.get(poll, headers=HTMX)
    assert answer.status_code == 200 and "HX-Retarget" not in answer.headers
    text = answer.data.decode()
    tip = world.sections["tip"].id
    assert f'<ol class="agenda" id="agenda-consensus-{tip}" hx-swap-oob="true">' in text
    assert f'id="decided-{world.paragraphs["pp2"].id}"' in text
    assert f'id="agenda-{world.paragraphs["pp2"].id}"' not in text  # off the agenda
    assert '<strong id="approved-count">2</strong>' in text
    # The other sections did not change for this reader: they are not sent again.
    for other in ("jid", "cifta"):
        section = world.sections[other].id
        for part in ("agenda-marker", "agenda-consensus", "decided-section"):
            assert f'id="{part}-{section}"' not in text
    assert "CIFTA, measure" not in text

    # The answer carries the next poll's address; from there, nothing new again.
    following = _poll_of(text + page[page.index('<div id="agenda-markers"'):])
    assert client.get(following, headers=HTMX).status_code == 204


def test_the_first_decision_sends_the_whole_agenda_again(
    world: World, client_as: Client
) -> None:
    _in_meeting(world)
    client = client_as("observer")
    page = client.get(at("/meeting/")).data.decode()
    assert 'class="decided"' not in page
    _approve(world, "pp1")
    answer = client.get(_poll_of(page), headers=HTMX)
    assert answer.headers["HX-Retarget"] == "#agenda"
    text = answer.data.decode()
    assert '<details class="decided">' in text and "CIFTA, measure 1" in text


def test_a_poll_without_markers_gets_the_whole_agenda(world: World, client_as: Client) -> None:
    _in_meeting(world)
    client = client_as("observer")
    answer = client.get(at("/meeting/agenda?seen=0"), headers=HTMX)
    assert answer.status_code == 200 and answer.headers["HX-Retarget"] == "#agenda"
    assert "CIFTA, measure 1" in answer.data.decode()


def _form_of(page: str, paragraph_id: int, act: str) -> dict[str, str]:
    """What the chair's form on an agenda item sends with htmx: its fields and the markers."""
    start = page.index(f'hx-post="/csh/2023-2024/meeting/paragraph/{paragraph_id}/{act}"')
    form = page[start:page.index("</form>", start)]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))


def test_the_chairs_decision_is_answered_with_what_changed(
    world: World, client_as: Client
) -> None:
    _in_meeting(world)
    _approve(world, "pp1")
    chair = client_as("chair")
    page = chair.get(at("/meeting/")).data.decode()
    target = world.paragraphs["pp2"].id
    form = _form_of(page, target, "approve")
    answer = chair.post(at(f"/meeting/paragraph/{target}/approve"),
                        data=MultiDict([*form.items(), *_markers_of(page)]), headers=HTMX)
    assert answer.status_code == 200 and "HX-Retarget" not in answer.headers
    text = answer.data.decode()
    assert text.lstrip().startswith('<div id="meeting-messages">')
    assert "Preambular paragraph 2 (Trafficking in persons): approved." in text
    assert f'id="decided-{target}"' in text
    assert "CIFTA, measure" not in text  # the other sections stay as they are
    assert '<div id="meeting-poll"' in text and 'hx-swap-oob="true"' in text


def test_a_refused_decision_shows_at_its_item_with_the_reason_typed_kept(
    world: World, client_as: Client
) -> None:
    cifta3 = world.paragraphs["cifta3"]
    submit_proposal(world.session, world.negotiation, world.delegate("MEX"), cifta3,
                    AmendmentKind.MODIFY, world.now, written_on=cifta3.current_version.id,
                    text="To urge states parties to apply CIFTA, measure 3, in full.")
    _in_meeting(world)
    _approve(world, "pp1")
    chair = client_as("chair")
    page = chair.get(at("/meeting/")).data.decode()
    target = cifta3.id  # modifications proposed: out of the order of consideration
    too_long = "Because " * (REASON_LIMIT // 8 + 1)
    form = {**_form_of(page, target, "approve"), "override_reason": too_long}
    answer = chair.post(at(f"/meeting/paragraph/{target}/approve"),
                        data=MultiDict([*form.items(), *_markers_of(page)]), headers=HTMX)
    assert answer.status_code == 422
    text = answer.data.decode()
    assert 'id="meeting-error"' in text
    cifta = world.sections["cifta"].id
    # The section's list comes back whole, with the settings its forms take for the chair.
    assert (f'<ol class="agenda" id="agenda-consensus-{cifta}" hx-swap-oob="true" '
            'hx-target="#meeting-messages" hx-swap="outerHTML" hx-include="#agenda-markers" '
            'hx-sync="closest #agenda:replace">') in text
    assert too_long.strip() in text  # in the item's field, to shorten and send again
    assert cifta3.state.value == "amended"
