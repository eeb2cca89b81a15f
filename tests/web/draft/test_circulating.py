"""Circulating is a confirmation step: a page shows what will go out (the symbol, the
paragraphs by kind and group, the sections over their caps), and only its "Circulate" form
acts, for the draft as it was shown."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from negotiation.chairing.decisions import triage_section
from negotiation.models import Revision
from tests.builders import CHAIR, World
from tests.web.live import Form, forms_in

Client = Callable[[str | None], FlaskClient]
At = Callable[[str], str]


def _revisions(world: World) -> int:
    return world.session.scalar(select(func.count()).select_from(Revision).where(
        Revision.negotiation_id == world.negotiation.id)) or 0


def _confirm_form(page: str) -> Form:
    return next(f for f in forms_in(page) if f.id == "circulate-confirm-form")


def _cell(page: str, row: str) -> list[str]:
    """The cells of a row of the counts table (the row's heading names it)."""
    start = page.index(f'<th scope="row">{row}</th>')
    line = page[start:page.index("</tr>", start)]
    return [c.split("</td>")[0] for c in line.split("<td>")[1:]]


@pytest.mark.first_draft
def test_rev_0_shows_what_will_go_out_and_circulates_only_when_confirmed(
    client_as: Client, at: At, world: World
) -> None:
    chair, tip = client_as("chair"), world.sections["tip"]
    # A fourth operative paragraph: the item goes over its cap of three.
    assert chair.post(at("/drafting/paragraph"), data={
        "form": f"add-{tip.id}", "section_id": tip.id, "kind": "operative",
        "text": "To invite member states to report on victims' support."}).status_code == 303
    editor = chair.get(at("/drafting/")).data.decode()
    assert 'id="circulate-rev0"' in editor and 'method="get"' in editor.split(
        'id="circulate-rev0"')[0].rsplit("<form", 1)[1]
    shown = chair.get(at("/drafting/circulate?note=First+draft"))
    page = html.unescape(shown.data.decode())
    assert shown.status_code == 200
    assert "Circulate CP/CSH-2251/24?" in page
    assert '<strong id="outgoing-symbol">CP/CSH-2251/24</strong>' in page
    # Before the deadline every paragraph is merely proposed: the consensus group counts
    # them; 2 preambular, 7 operative besides the mandates paragraph and its 3 mandates.
    assert _cell(page, "Preambular") == ["2", "0", "0", "2"]
    assert _cell(page, "Operative") == ["7", "0", "0", "7"]
    assert _cell(page, "Mandates paragraphs (chapeau)") == ["1", "0", "0", "1"]
    assert _cell(page, "Lettered mandates") == ["3", "0", "0", "3"]
    assert "Trafficking in persons: 4 operative paragraphs, the cap is 3" in page
    assert _revisions(world) == 0  # the page circulates nothing

    form = _confirm_form(shown.data.decode())
    assert form.fields["number"] == "0" and form.fields["note"] == "First draft"
    done = chair.post(form.action, data=form.fields)
    assert done.status_code == 303
    assert _revisions(world) == 1
    assert "the draft is frozen" in chair.get(at("/drafting/")).data.decode()


@pytest.mark.first_draft
def test_a_draft_changed_after_the_confirmation_is_refused_and_confirmed_anew(
    client_as: Client, at: At, world: World
) -> None:
    chair, tip = client_as("chair"), world.sections["tip"]
    seen = _confirm_form(chair.get(at("/drafting/circulate")).data.decode())
    # Meanwhile (another tab, a vice-chair) a paragraph is added to the draft.
    assert chair.post(at("/drafting/paragraph"), data={
        "form": f"add-{tip.id}", "section_id": tip.id, "kind": "preambular",
        "text": "CONSIDERING the report of the Secretary General;"}).status_code == 303
    refused = chair.post(seen.action, data={**seen.fields, "note": "Typed on the page"})
    page = html.unescape(refused.data.decode())
    assert refused.status_code == 409
    assert "The draft changed since you looked at what would go out" in page
    assert _revisions(world) == 0
    # The new confirmation counts the added paragraph and keeps the note typed.
    assert _cell(page, "Preambular") == ["3", "0", "0", "3"]
    again = _confirm_form(refused.data.decode())
    assert again.fields["note"] == "Typed on the page"
    assert again.fields["stamp"] != seen.fields["stamp"]
    assert chair.post(again.action, data=again.fields).status_code == 303
    assert _revisions(world) == 1


def test_the_desk_confirms_a_revision_with_its_groups_and_untriaged_sections(
    client_as: Client, at: At, world: World
) -> None:
    world.after_deadline()
    triage_section(world.session, world.negotiation, CHAIR, world.sections["tip"], world.now)
    world.session.flush()
    chair = client_as("chair")
    desk = chair.get(at("/chair/")).data.decode()
    assert '<form method="get" action="' + at("/chair/circulate") + '" id="circulate-form">' \
        in desk
    shown = chair.get(at("/chair/circulate?note=Rev.+1&renumber=yes"))
    page = html.unescape(shown.data.decode())
    assert shown.status_code == 200 and "Circulate CP/CSH-2251/24 rev. 1?" in page
    # The item was triaged into consensus; JID and CIFTA were not, and are named.
    assert _cell(page, "Preambular") == ["2", "0", "0", "2"]
    assert "<li>CIFTA</li>" in page and "<li>Inter-American Defense Board (JID)</li>" in page
    assert "<li>Trafficking in persons</li>" not in page
    assert _revisions(world) == 1
    form = _confirm_form(shown.data.decode())
    assert form.fields["renumber"] == "yes" and form.fields["confirm"] == "yes"
    done = chair.post(form.action, data=form.fields, follow_redirects=True)
    assert "CP/CSH-2251/24 rev. 1 circulated" in done.data.decode()
    assert _revisions(world) == 2
    # The same page open in a second tab (its own form key) circulates nothing more.
    second_tab = {**form.fields, "form_key": "a-second-tab-of-the-same-page"}
    again = chair.post(form.action, data=second_tab)
    assert again.status_code == 409 and _revisions(world) == 2
