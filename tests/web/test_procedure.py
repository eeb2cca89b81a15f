"""The procedure as the room lives it, seen from the web: the chair's desk and meetings."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from negotiation.chairing.decisions import triage_section
from negotiation.enums import MilestoneKind, ParagraphState
from negotiation.models import Milestone, Revision
from negotiation.record.clock import parse_moment
from tests.builders import CHAIR, World
from tests.web.circulating import confirm_and_circulate

Client = Callable[[str | None], FlaskClient]
At = Callable[[str], str]


def _triaged(world: World) -> None:
    world.after_deadline()
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)


def _meeting(world: World, at: str) -> None:
    world.session.add(Milestone(
        negotiation_id=world.negotiation.id, kind=MilestoneKind.MEETING,
        title="Examination of the revised draft", at=parse_moment(f"{at} America/New_York")))
    world.session.flush()


def test_approving_from_the_desk_outside_a_meeting_is_refused_with_the_reason(
    world: World, client_as: Client, at: At
) -> None:
    _triaged(world)
    _meeting(world, "2024-05-16 10:00")
    paragraph = world.paragraphs["pp1"]
    chair = client_as("chair")
    refused = chair.post(at(f"/chair/paragraph/{paragraph.id}/decide"),
                         data={"event": "approve"})
    assert refused.status_code == 409
    page = refused.data.decode()
    assert "Paragraphs are approved in meetings" in page
    assert "Examination of the revised draft, 16 May 2024, 10:00 in Washington" in page
    assert paragraph.state is ParagraphState.CONSENSUS
    world.clock.set(parse_moment("2024-05-16 10:05 America/New_York"))
    approved = chair.post(at(f"/meeting/paragraph/{paragraph.id}/approve"), data={})
    assert approved.status_code == 303
    world.session.refresh(paragraph)
    assert paragraph.state is ParagraphState.APPROVED


def test_approving_with_an_empty_calendar_says_there_are_no_meetings(
    world: World, client_as: Client, at: At
) -> None:
    _triaged(world)
    paragraph = world.paragraphs["pp1"]
    chair = client_as("chair")
    response = chair.post(at(f"/meeting/paragraph/{paragraph.id}/approve"), data={},
                          follow_redirects=True)
    assert "The calendar has no meetings" in response.data.decode()
    world.session.refresh(paragraph)
    assert paragraph.state is ParagraphState.APPROVED


def test_circulating_untriaged_sections_asks_the_chair_to_confirm_and_keeps_the_note(
    world: World, client_as: Client, at: At
) -> None:
    world.after_deadline()
    chair = client_as("chair")
    warned = chair.post(at("/chair/circulate"), data={"note": "Revised after the deadline"})
    assert warned.status_code == 200
    page = warned.data.decode()
    assert "not triaged yet" in page and "<li>CIFTA</li>" in page
    assert 'value="Revised after the deadline"' in page
    # The world's first draft went out as rev. 0: this is rev. 1, not circulated yet.
    assert "Circulate CP/CSH-2251/24 rev. 1" in page
    assert world.session.scalar(select(func.count()).select_from(Revision)) == 1
    confirmed = confirm_and_circulate(chair, at("/chair/circulate"),
                                      {"note": "Revised after the deadline"},
                                      follow_redirects=True)
    assert "CP/CSH-2251/24 rev. 1 circulated" in confirmed.data.decode()


def test_joining_late_is_refused_then_shown_as_late_under_the_chairs_leave(
    world: World, client_as: Client, at: At
) -> None:
    proposal = _mex_modification(world)
    world.after_deadline()
    canada = client_as("can")
    refused = canada.post(at(f"/proposals/{proposal.id}/join"))  # type: ignore[attr-defined]
    assert refused.status_code == 409
    assert "The deadline for submissions" in refused.data.decode()
    client_as("chair").post(at("/chair/late/"), data={
        "delegation": str(world.delegations["CAN"].id), "until": "2024-05-10T18:00",
        "reason": "Instructions delayed"})
    joined = canada.post(at(f"/proposals/{proposal.id}/join"),  # type: ignore[attr-defined]
                         follow_redirects=True)
    assert "Joined by: Canada (late, accepted by the chair)" in joined.data.decode()


def _mex_modification(world: World) -> object:
    from negotiation.enums import AmendmentKind
    from negotiation.proposals.submissions import submit_proposal

    paragraph = world.paragraphs["op1"]
    return submit_proposal(
        world.session, world.negotiation, world.delegate("MEX"), paragraph,
        AmendmentKind.MODIFY, world.now, written_on=paragraph.current_version.id,
        text="To urge states to cooperate.").amendment


def test_a_delegation_edits_its_own_proposal_and_both_texts_show(
    world: World, client_as: Client, at: At
) -> None:
    proposal = _mex_modification(world)
    paragraph = world.paragraphs["op1"]
    mexico = client_as("mex")
    page = mexico.get(at(f"/draft/paragraph/{paragraph.id}")).data.decode()
    assert "Edit our proposal" in page
    sent = mexico.post(at(f"/proposals/{proposal.id}/revise"),  # type: ignore[attr-defined]
                       data={"text": "To urge states to cooperate closely."},
                       follow_redirects=True)
    html = sent.data.decode()
    assert "Your revised proposed modification was sent" in html
    assert "Replaced by its proposer&#39;s revised text" in html
    assert "closely" in html
    refused = mexico.post(at(f"/proposals/{proposal.id}/revise"),  # type: ignore[attr-defined]
                          data={"text": "A third text I typed."})
    assert refused.status_code == 409
    assert "A third text I typed." in refused.data.decode()  # what was typed is kept
    assert "Edit our proposal" not in client_as("can").get(
        at(f"/draft/paragraph/{paragraph.id}")).data.decode()


def test_a_delegation_leaves_a_proposal_it_joined_from_the_paragraph_page(
    world: World, client_as: Client, at: At
) -> None:
    proposal = _mex_modification(world)
    canada = client_as("can")
    canada.post(at(f"/proposals/{proposal.id}/join"))  # type: ignore[attr-defined]
    page = canada.get(at(f"/draft/paragraph/{world.paragraphs['op1'].id}")).data.decode()
    assert "Leave this proposal" in page
    left = canada.post(at(f"/proposals/{proposal.id}/leave"),  # type: ignore[attr-defined]
                       follow_redirects=True).data.decode()
    assert "Your delegation left the proposal of Mexico" in left
    assert "no other delegation yet" in left


def test_the_secretariat_replies_to_a_comment_and_the_delegation_reads_it_beside_it(
    world: World, client_as: Client, at: At
) -> None:
    from negotiation.enums import AmendmentKind
    from negotiation.proposals.submissions import submit_proposal

    paragraph = world.paragraphs["pp2"]
    comment = submit_proposal(
        world.session, world.negotiation, world.delegate("CAN"), paragraph,
        AmendmentKind.COMMENT, world.now, written_on=paragraph.current_version.id,
        comment="Add boys too?").amendment
    secretariat = client_as("secretariat")
    empty = secretariat.post(at(f"/proposals/{comment.id}/reply"), data={"text": ""})
    assert empty.status_code == 422 and "The reply is empty" in empty.data.decode()
    secretariat.post(at(f"/proposals/{comment.id}/reply"),
                     data={"text": "Boys are covered in rev. 1."})
    page = client_as("can").get(at(f"/draft/paragraph/{paragraph.id}")).data.decode()
    assert "Reply from the secretariat" in page and "Boys are covered in rev. 1." in page
    assert page.index("Add boys too?") < page.index("Boys are covered in rev. 1.")
    assert 'id="reply-form-' not in page
    refused = client_as("mex").post(at(f"/proposals/{comment.id}/reply"), data={"text": "x"})
    assert refused.status_code == 403


def test_the_paragraph_page_and_new_paragraph_form_show_the_deadline_time_left_and_caps(
    world: World, client_as: Client, at: At
) -> None:
    mexico = client_as("mex")
    page = mexico.get(at(f"/draft/paragraph/{world.paragraphs['op1'].id}")).data.decode()
    assert "Deadline for this section: <strong>Proposals due before 22 April</strong>" in page
    assert '<strong class="time-left">20 days 14 hours</strong>' in page
    assert "Cap count for Trafficking in persons: " in page and "operative 3/3" in page
    form = mexico.get(at(f"/proposals/section/{world.sections['tip'].id}/new")).data.decode()
    assert "20 days 14 hours" in form and 'id="new-paragraph-form"' in form
    # The JID's own clock closed on 8 April: its form says so instead of looking open.
    world.clock.set(parse_moment("2024-04-10 10:00 America/New_York"))
    jid = mexico.get(at(f"/proposals/section/{world.sections['jid'].id}/new")).data.decode()
    assert "JID/CSH mechanism: comments due" in jid
    assert "is closed to submissions" in jid and 'id="new-paragraph-form"' not in jid


def test_home_shows_a_delegation_its_own_late_leave(
    world: World, client_as: Client, at: At
) -> None:
    world.after_deadline()
    assert "the submission period is over" in client_as("mex").get(at("/")).data.decode()
    client_as("chair").post(at("/chair/late/"), data={
        "delegation": str(world.delegations["MEX"].id), "until": "2024-05-10T18:00",
        "reason": "Instructions delayed"})
    home = client_as("mex").get(at("/")).data.decode()
    assert "you may submit until" in home and "10 May 2024, 18:00 in Washington" in home
    assert "the submission period is over" not in home
    assert "you may submit until" not in client_as("can").get(at("/")).data.decode()


def test_meeting_mode_is_a_voting_list_with_proposals_sponsors_and_confirmations(
    world: World, client_as: Client, at: At
) -> None:
    from negotiation.proposals.cosponsors import join_proposal

    proposal = _mex_modification(world)
    join_proposal(world.session, world.negotiation, world.delegate("CAN"), proposal,  # type: ignore[arg-type]
                  world.now)
    _triaged(world)
    chair = client_as("chair")
    page = chair.get(at("/meeting/")).data.decode()
    item = page[page.index(f'id="agenda-{world.paragraphs["op1"].id}"'):]
    item = item[:item.index("</li>")]
    assert "<strong>Mexico</strong>, joined by Canada" in item
    assert "<del>" in item  # the proposal's tracked changes
    assert f'/draft/paragraph/{world.paragraphs["op1"].id}"' in item
    assert 'hx-trigger="every' in page  # the chair's own screens follow the meeting too
    first = world.paragraphs["pp1"]
    done = chair.post(at(f"/meeting/paragraph/{first.id}/approve"),
                      headers={"HX-Request": "true"}).data.decode()
    assert 'id="meeting-confirmation"' in done
    assert "Preambular paragraph 1 (Trafficking in persons): approved." in done


def test_a_long_agenda_shows_its_next_items_in_full_and_names_the_others(
    app: Flask, world: World, client_as: Client, at: At
) -> None:
    _mex_modification(world)
    _triaged(world)
    app.config["DRAFT_FIRST_ROWS"] = 2
    page = client_as("chair").get(at("/meeting/")).data.decode()
    later = page[page.index(f'id="agenda-{world.paragraphs["op1"].id}"'):]
    later = later[:later.index("</li>")]
    # Far down the agenda: named and linked to its paragraph, its text and the chair's
    # buttons shown as the meeting reaches it.
    assert "Its text and proposals show as the meeting reaches it." in later
    assert "<del>" not in later
    assert f'/draft/paragraph/{world.paragraphs["op1"].id}"' in later
    assert "<form" not in later and "/approve" not in later
    first = page[page.index(f'id="agenda-{world.paragraphs["pp1"].id}"'):]
    first = first[:first.index("</li>")]
    assert "show as the meeting reaches it" not in first
    assert f'/meeting/paragraph/{world.paragraphs["pp1"].id}/approve"' in first


def test_people_read_paragraph_numbers_never_database_ids(
    world: World, client_as: Client, at: At
) -> None:
    from sqlalchemy import select

    from negotiation.models import RecordEntry

    _triaged(world)
    paragraph = world.paragraphs["op2"]
    chair = client_as("chair")
    page = chair.get(at(f"/draft/paragraph/{paragraph.id}")).data.decode()
    assert "<h1>Operative paragraph 2 " in page
    done = chair.post(at(f"/chair/paragraph/{paragraph.id}/decide"), follow_redirects=True,
                      data={"event": "return_to_consultations", "reason": "Informal talks"})
    assert "Operative paragraph 2: in informal consultations." in done.data.decode()
    summaries = [e.summary for e in world.session.scalars(select(RecordEntry))]
    assert "Operative paragraph 2: consensus in principle → in informal consultations" in (
        summaries)
    assert "Sub-paragraph 3 (a): proposed → consensus in principle" in summaries
    assert not any("#" in s for s in summaries)


def test_error_pages_say_in_plain_words_what_happened(
    world: World, client_as: Client, at: At
) -> None:
    missing = client_as("mex").get(at("/draft/paragraph/999999"))
    assert missing.status_code == 404
    assert "Nothing here" in missing.data.decode() and "Not Found" not in missing.data.decode()
    forbidden = client_as("mex").get(at("/chair/"))
    assert forbidden.status_code == 403 and "You may not do this" in forbidden.data.decode()
    # Opening a form's address by itself (a reload) explains instead of "Method Not Allowed".
    form_only = client_as("mex").get(at(f"/chair/section/{world.sections['tip'].id}/triage"))
    assert form_only.status_code == 405
    assert "This address receives a form" in form_only.data.decode()
    assert "Method Not Allowed" not in form_only.data.decode()


def test_a_refused_boosted_form_keeps_the_address_of_its_page(
    world: World, client_as: Client, at: At
) -> None:
    world.after_deadline()
    paragraph = world.paragraphs["op1"]
    refused = client_as("mex").post(
        at(f"/proposals/paragraph/{paragraph.id}"),
        headers={"HX-Request": "true", "HX-Boosted": "true"},
        data={"kind": "comment", "comment": "Typed before the deadline",
              "written_on": str(paragraph.current_version.id)})
    assert refused.status_code == 409
    assert refused.headers["HX-Push-Url"] == "false"
    assert "Typed before the deadline" in refused.data.decode()
