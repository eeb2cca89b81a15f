"""Every event of the negotiation reaches, through a real SMTP server, the people it
concerns and only them: one message each, with the link to the exact page, and the messages
about one proposal threaded together."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage

import pytest
from sqlalchemy import update

from negotiation.calendar.deadlines import grant_late_leave
from negotiation.chairing.decisions import decide, triage_section
from negotiation.chairing.proposal_decisions import accept_proposal, set_aside
from negotiation.enums import AmendmentKind, MilestoneKind
from negotiation.models import Amendment, MailAddress, Milestone
from negotiation.notices.mail.sender import Sender
from negotiation.proposals.cosponsors import join_proposal, leave_proposal
from negotiation.proposals.invitations import (
    accept_invitation,
    decline_invitation,
    invite_cosponsor,
)
from negotiation.proposals.replies import reply_to_comment
from negotiation.proposals.submissions import submit_proposal
from negotiation.record.clock import parse_moment
from negotiation.setup.calendar import MilestoneChange, change_milestone, remove_milestone
from tests.builders import CHAIR, DRAFT_DEADLINE, World
from tests.notices.conftest import WallClock, person
from tests.notices.smtp import MailServer

SITE = "https://tracker.oas.test/csh/2023-2024/"


@pytest.fixture
def people(world: World) -> None:
    """Two Mexican delegates, one Canadian, one Chilean, one Peruvian."""
    for name, code in [("ana", "MEX"), ("luis", "MEX"), ("claire", "CAN"), ("pedro", "CHL"),
                       ("rosa", "PER")]:
        person(world, name, code)


@pytest.fixture
def proposal(world: World) -> Amendment:
    """Mexico's modification of OP1, with a comment: proposal 1."""
    paragraph = world.paragraphs["op1"]
    return submit_proposal(world.session, world.negotiation, world.delegate("MEX"), paragraph,
                           AmendmentKind.MODIFY, world.now,
                           written_on=paragraph.current_version.id,
                           text="To urge member states to deepen cooperation.",
                           comment="Cooperation should deepen, not only strengthen.").amendment


def delivered(sender: Sender, server: MailServer) -> dict[str, list[EmailMessage]]:
    """Run the sender; what it delivered now, by recipient."""
    before = len(server.inbox.received)
    sender.run_once()
    found: dict[str, list[EmailMessage]] = {}
    for mail in server.inbox.received[before:]:
        found.setdefault(mail["To"].addresses[0].addr_spec.split("@")[0], []).append(mail)
    return found


def text_of(mail: EmailMessage) -> str:
    return str(mail.get_body(("plain",)).get_content())


def the_one(found: dict[str, list[EmailMessage]], *names: str) -> EmailMessage:
    """Exactly the named people got exactly one message each; the first name's."""
    assert sorted(found) == sorted(names)
    assert all(len(found[n]) == 1 for n in names)
    return found[names[0]][0]


def proposal_link(proposal: Amendment) -> str:
    return f"{SITE}draft/paragraph/{proposal.paragraph_id}#proposal-{proposal.id}"


def test_an_invitation_reaches_the_invited_and_its_answer_the_proposer_in_one_thread(
        world: World, people: None, proposal: Amendment, sender: Sender,
        mail_server: MailServer) -> None:
    invitation = invite_cosponsor(world.session, world.negotiation, world.delegate("MEX"),
                                  proposal, world.delegations["CAN"].id, world.now)
    mail = the_one(delivered(sender, mail_server), "claire")
    assert mail["Subject"] == ("[CSH 2023-2024] Invitation to co-sponsor proposal 1 by "
                               "Mexico")
    assert proposal_link(proposal) in text_of(mail)
    accept_invitation(world.session, world.negotiation, world.delegate("CAN"), invitation,
                      world.now)
    found = delivered(sender, mail_server)
    first = the_one(found, "ana", "luis")  # told once, of the answer, not also of the join
    assert "Canada accepted the invitation" in first["Subject"]
    assert proposal_link(proposal) in text_of(first)
    # The next message to Ana about proposal 1 answers the first one.
    leave_proposal(world.session, world.negotiation, world.delegate("CAN"), proposal,
                   world.now)
    second = the_one(delivered(sender, mail_server), "ana", "luis")
    assert "Canada left proposal 1 by Mexico" in second["Subject"]
    assert first["In-Reply-To"] is None
    assert second["In-Reply-To"] == first["Message-ID"]
    assert second["References"] == first["Message-ID"]
    assert first["Message-ID"] != found["luis"][0]["Message-ID"]


def test_a_declined_invitation_tells_the_proposer(
        world: World, people: None, proposal: Amendment, sender: Sender,
        mail_server: MailServer) -> None:
    invitation = invite_cosponsor(world.session, world.negotiation, world.delegate("MEX"),
                                  proposal, world.delegations["CHL"].id, world.now)
    the_one(delivered(sender, mail_server), "pedro")
    decline_invitation(world.session, world.negotiation, world.delegate("CHL"), invitation,
                       world.now)
    mail = the_one(delivered(sender, mail_server), "ana", "luis")
    assert "Chile declined the invitation to co-sponsor proposal 1" in mail["Subject"]


def test_a_delegation_joining_or_leaving_unasked_is_told_to_the_proposer_only(
        world: World, people: None, proposal: Amendment, sender: Sender,
        mail_server: MailServer) -> None:
    join_proposal(world.session, world.negotiation, world.delegate("CHL"), proposal,
                  world.now)
    mail = the_one(delivered(sender, mail_server), "ana", "luis")
    assert mail["Subject"] == "[CSH 2023-2024] Chile joined proposal 1 by Mexico"
    assert proposal_link(proposal) in text_of(mail)
    leave_proposal(world.session, world.negotiation, world.delegate("CHL"), proposal,
                   world.now)
    assert "Chile left" in the_one(delivered(sender, mail_server), "ana", "luis")["Subject"]


def test_the_chairs_reply_reaches_the_delegation_that_wrote_the_comment(
        world: World, people: None, proposal: Amendment, sender: Sender,
        mail_server: MailServer) -> None:
    reply_to_comment(world.session, world.negotiation, CHAIR, proposal,
                     "Noted; we will discuss it on 9 May.", world.now)
    mail = the_one(delivered(sender, mail_server), "ana", "luis")
    assert mail["Subject"] == "[CSH 2023-2024] Chair replied on proposal 1 by Mexico"
    assert proposal_link(proposal) in text_of(mail)


def test_late_leave_reaches_its_delegation_in_headquarters_and_its_readers_time(
        world: World, people: None, sender: Sender, mail_server: MailServer) -> None:
    world.session.execute(update(MailAddress).where(MailAddress.address == "ana@mission.test")
                          .values(time_zone="Europe/Madrid"))
    world.after_deadline()
    until = parse_moment("2024-05-10 18:00 America/New_York")
    grant_late_leave(world.session, world.negotiation, CHAIR, world.delegations["MEX"], until,
                     "Capital's instructions arrived late", world.now)
    found = delivered(sender, mail_server)
    ana = the_one(found, "ana", "luis")
    assert ana["Subject"] == "[CSH 2023-2024] Late submissions accepted for the whole draft"
    assert "Friday 10 May 2024, 18:00 (America/New_York)" in text_of(ana)
    assert "In your time zone: Saturday 11 May 2024, 00:00 (Europe/Madrid)." in text_of(ana)
    assert "In your time zone" not in text_of(found["luis"][0])
    assert SITE in text_of(ana)


def test_a_proposals_fate_reaches_its_proposer_and_co_sponsors(
        world: World, people: None, proposal: Amendment, sender: Sender,
        mail_server: MailServer) -> None:
    join_proposal(world.session, world.negotiation, world.delegate("CAN"), proposal,
                  world.now)
    paragraph = world.paragraphs["op2"]
    other = submit_proposal(world.session, world.negotiation, world.delegate("PER"), paragraph,
                            AmendmentKind.MODIFY, world.now,
                            written_on=paragraph.current_version.id,
                            text="To encourage member states to share routes.").amendment
    delivered(sender, mail_server)
    world.after_deadline()
    accept_proposal(world.session, world.negotiation, CHAIR, proposal, world.now)
    found = delivered(sender, mail_server)
    mail = the_one(found, "ana", "luis", "claire")
    assert mail["Subject"] == "[CSH 2023-2024] Proposal 1 by Mexico accepted"
    assert proposal_link(proposal) in text_of(mail)
    set_aside(world.session, world.negotiation, CHAIR, other, "Outside the item's scope",
              world.now)
    mail = the_one(delivered(sender, mail_server), "rosa")
    assert mail["Subject"] == "[CSH 2023-2024] Proposal 2 by Peru set aside"
    assert "Outside the item's scope" in text_of(mail)


def test_approval_and_deferral_in_the_meeting_reach_those_with_proposals_on_the_paragraph(
        world: World, people: None, sender: Sender, mail_server: MailServer) -> None:
    pp2, op1 = world.paragraphs["pp2"], world.paragraphs["op1"]
    comment = submit_proposal(world.session, world.negotiation, world.delegate("CAN"), pp2,
                              AmendmentKind.COMMENT, world.now,
                              written_on=pp2.current_version.id, comment="Boys too?").amendment
    modification = submit_proposal(world.session, world.negotiation, world.delegate("MEX"),
                                   op1, AmendmentKind.MODIFY, world.now,
                                   written_on=op1.current_version.id,
                                   text="To urge member states to deepen cooperation."
                                   ).amendment
    world.after_deadline()
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)
    assert delivered(sender, mail_server) == {}, "sorting the draft tells no one"
    decide(world.session, world.negotiation, CHAIR, pp2, "approve", world.now,
           override_reason="The delegate of Canada must leave early")
    mail = the_one(delivered(sender, mail_server), "claire")
    assert mail["Subject"] == "[CSH 2023-2024] Preambular paragraph 2 approved"
    assert proposal_link(comment) in text_of(mail)
    decide(world.session, world.negotiation, CHAIR, op1, "return_to_consultations",
           world.now, reason="Informal consultations first")
    mail = the_one(delivered(sender, mail_server), "ana", "luis")
    assert "deferred" in mail["Subject"]
    assert proposal_link(modification) in text_of(mail)


def test_a_moved_date_reaches_everyone_with_both_moments_and_the_calendars_link(
        world: World, people: None, sender: Sender, mail_server: MailServer) -> None:
    deadline = world.session.query(Milestone).filter_by(at=DRAFT_DEADLINE).one()
    later = DRAFT_DEADLINE + timedelta(days=2)
    change_milestone(world.session, world.negotiation, CHAIR, deadline,
                     MilestoneChange(MilestoneKind.SUBMISSION_DEADLINE, deadline.title, later),
                     deadline.version, "", world.now)
    mail = the_one(delivered(sender, mail_server), "ana", "luis", "claire", "pedro", "rosa")
    assert mail["Subject"] == "[CSH 2023-2024] Date moved: Proposals due before 22 April"
    text = text_of(mail)
    assert "from Monday 22 April 2024, 00:00" in text
    assert "to Wednesday 24 April 2024, 00:00" in text
    assert f"{SITE}calendar/" in text


def test_a_removed_date_reaches_everyone_with_its_reason_and_is_not_reminded(
        world: World, people: None, sender: Sender, mail_server: MailServer,
        wall: WallClock) -> None:
    deadline = world.session.query(Milestone).filter_by(at=DRAFT_DEADLINE).one()
    remove_milestone(world.session, world.negotiation, CHAIR, deadline, deadline.version,
                     "Proposals are taken until the meeting", world.now)
    mail = the_one(delivered(sender, mail_server), "ana", "luis", "claire", "pedro", "rosa")
    assert mail["Subject"] == "[CSH 2023-2024] Date removed: Proposals due before 22 April"
    text = text_of(mail)
    assert "Monday 22 April 2024, 00:00" in text and "was removed from the calendar" in text
    assert "Reason: Proposals are taken until the meeting" in text
    assert f"{SITE}calendar/" in text
    # Nothing reminds anyone of a date that is no longer there.
    wall.at = DRAFT_DEADLINE - timedelta(hours=47)
    assert delivered(sender, mail_server) == {}


def test_a_deadline_is_reminded_48_and_24_hours_ahead_once_each(
        world: World, people: None, sender: Sender, mail_server: MailServer,
        wall: WallClock) -> None:
    world.session.execute(update(MailAddress).where(MailAddress.address == "ana@mission.test")
                          .values(time_zone="Europe/Madrid"))
    wall.at = DRAFT_DEADLINE - timedelta(hours=49)
    assert delivered(sender, mail_server) == {}
    wall.advance(hours=2)
    found = delivered(sender, mail_server)
    ana = the_one(found, "ana", "luis", "claire", "pedro", "rosa")
    assert ana["Subject"] == "[CSH 2023-2024] 48 hours left: Proposals due before 22 April"
    assert "Monday 22 April 2024, 00:00 (America/New_York)" in text_of(ana)
    assert "In your time zone: Monday 22 April 2024, 06:00 (Europe/Madrid)." in text_of(ana)
    assert "In your time zone" not in text_of(found["luis"][0])
    assert f"{SITE}calendar/" in text_of(ana)
    wall.advance(hours=12)
    assert delivered(sender, mail_server) == {}
    wall.advance(hours=12)
    assert "24 hours left" in the_one(delivered(sender, mail_server), "ana", "luis", "claire",
                                      "pedro", "rosa")["Subject"]
    wall.advance(hours=23)
    assert delivered(sender, mail_server) == {}


def test_a_meetings_reminder_carries_the_agendas_link(
        world: World, people: None, sender: Sender, mail_server: MailServer,
        wall: WallClock) -> None:
    meeting = parse_moment("2024-05-09 10:00 America/New_York")
    world.session.add(Milestone(negotiation_id=world.negotiation.id,
                                kind=MilestoneKind.MEETING, title="Meeting on rev. 1",
                                at=meeting))
    world.session.flush()
    wall.at = meeting - timedelta(hours=47)
    mail = the_one(delivered(sender, mail_server), "ana", "luis", "claire", "pedro", "rosa")
    assert mail["Subject"] == "[CSH 2023-2024] Meeting in 48 hours: Meeting on rev. 1"
    assert f"{SITE}meeting/#agenda" in text_of(mail)
