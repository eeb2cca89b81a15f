"""The demo cycle loads as a delegate would expect to find it, once."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from negotiation.demo.loader import load_cycle
from negotiation.draft.capcheck import cap_reports
from negotiation.enums import MilestoneKind, ParagraphState, SectionKind
from negotiation.models import Amendment, Delegation, Paragraph, RecordEntry, Revision
from negotiation.record.clock import parse_moment


def test_the_demo_cycle_looks_like_the_real_thing(session: Session) -> None:
    negotiation = load_cycle(session)
    assert load_cycle(session) is negotiation  # a second load changes nothing
    kinds = [s.kind for s in negotiation.sections]
    assert kinds.count(SectionKind.ENTITY) == 3 and kinds.count(SectionKind.INSTRUMENT) == 2
    assert [s.code for s in negotiation.sections if s.kind is not SectionKind.ITEM] == [
        "cicad", "cicte", "jid", "cifta", "citaac"]
    assert session.scalar(select(func.count()).select_from(Delegation)) >= 32

    dates = {(m.kind, m.at.astimezone(negotiation.zone).date().isoformat())
             for m in negotiation.milestones}
    for day in ["2024-01-25", "2024-03-21", "2024-04-22", "2024-04-23", "2024-05-09",
                "2024-05-16", "2024-05-21", "2024-05-30", "2024-06-06"]:
        assert (MilestoneKind.MEETING, day) in dates
    assert (MilestoneKind.CIRCULATION, "2024-04-26") in dates
    jid_deadline = next(m for m in negotiation.milestones if m.section is not None
                        and m.kind is MilestoneKind.SUBMISSION_DEADLINE)
    assert jid_deadline.section.code == "jid"  # type: ignore[union-attr]

    states = dict(session.execute(
        select(Paragraph.state, func.count()).group_by(Paragraph.state)).all())
    assert states[ParagraphState.AMENDED] >= 5 and states[ParagraphState.NEW] == 3
    amendments = session.scalars(select(Amendment)).all()
    assert len(amendments) >= 12 and all(not a.late for a in amendments)
    assert any(a.supporters for a in amendments)
    assert session.scalars(select(Revision.symbol)).all() == ["CP/CSH-2251/24"]
    # Set up as a secretariat and a chair would: the draft came in through the import.
    imported = session.scalars(select(RecordEntry.summary).where(
        RecordEntry.action == "draft_imported")).one()
    assert "the chair's draft (.docx): Imported 14 sections" in imported
    jid = next(s for s in negotiation.sections if s.code == "jid")
    # The chair imported the JID's section too: its paragraphs are the chair's draft.
    assert {p.proposer_label for p in session.scalars(
        select(Paragraph).where(Paragraph.section_id == jid.id))} == {"Chair"}

    reports = cap_reports(session, negotiation, parse_moment("2024-04-20 10:00 UTC"))
    breached = [r.code for r in reports if not r.ok]
    assert breached == ["trafficking-in-persons"]  # the one new paragraph over the cap


def test_the_demo_also_holds_the_next_cycle_waiting_for_its_first_draft(
    session: Session,
) -> None:
    from negotiation.demo.loader import find_account, load_demo_accounts, load_next_cycle
    from negotiation.draft.caprules import rule_set_of
    from negotiation.enums import Role
    from negotiation.people.appointments import actor_in, participating_delegations

    now = parse_moment("2024-04-20 10:00 America/New_York")
    current = load_cycle(session)
    load_demo_accounts(session, now, current)
    following = load_next_cycle(session, current, now)
    assert load_next_cycle(session, current, now) is following  # loaded once
    assert (following.committee, following.cycle) == ("CSH", "2024-2025")
    chair = find_account(session, "chair")
    assert chair is not None
    acting = actor_in(session, chair, following)
    assert acting is not None and acting.role is Role.CHAIR
    assert len(participating_delegations(session, following)) == len(
        participating_delegations(session, current))
    assert rule_set_of(session, following).rules == rule_set_of(session, current).rules
    assert session.scalar(select(func.count()).select_from(Paragraph).where(
        Paragraph.negotiation_id == following.id)) == 0  # the chair writes or imports it
