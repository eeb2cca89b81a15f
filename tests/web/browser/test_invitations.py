"""Mexico invites Canada to co-sponsor its proposal, and Canada accepts from its home page,
in a real browser against the served app."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from negotiation.actors import Actor
from negotiation.enums import AmendmentKind, Role
from negotiation.models import Delegation, Negotiation, Paragraph, Section
from negotiation.proposals.submissions import submit_proposal
from tests.web.addresses import at
from tests.web.browser.conftest import LiveApp

pytestmark = pytest.mark.browser

#: A section the other browser scenarios leave alone.
SECTION = "cybersecurity-and-protection-of-critical"


def _mexican_proposal(live_app: LiveApp) -> tuple[int, int]:
    """Mexico's modification of the section's first paragraph: (paragraph id, its number)."""
    with live_app.sessions() as session, session.begin():
        section = session.scalars(select(Section).where(Section.code == SECTION)).one()
        negotiation = session.get_one(Negotiation, section.negotiation_id)
        paragraph = session.scalars(
            select(Paragraph).where(Paragraph.section_id == section.id,
                                    Paragraph.parent_id.is_(None))
            .order_by(Paragraph.position)).first()
        assert paragraph is not None
        mexico = session.scalars(select(Delegation).where(Delegation.code == "MEX")).one()
        proposal = submit_proposal(
            session, negotiation, Actor(Role.DELEGATION, "Delegate of Mexico", mexico.id),
            paragraph, AmendmentKind.MODIFY, live_app.clock.now(),
            written_on=paragraph.current_version.id,
            text=paragraph.text.rstrip(".;") + ", in cooperation with the private sector.",
        ).amendment
        return paragraph.id, proposal.number


def test_mexico_invites_canada_and_canada_accepts_from_its_home_page(
    signed_in: Any, live_app: LiveApp, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    live_app.at("2024-04-20 10:00")
    paragraph_id, number = _mexican_proposal(live_app)
    mex = signed_in("mex1", timezone_id="Europe/Madrid")
    mex.goto(at(f"/draft/paragraph/{paragraph_id}"))
    own = mex.locator(".proposal").filter(has_text=f"Proposal {number}")
    own.get_by_label("Invite a co-sponsor").select_option(label="Canada")
    own.locator("button:has-text('Invite')").click()
    expect(mex.locator(".flash.success")).to_contain_text(
        f"Canada was invited to co-sponsor your proposal {number}.")
    own = mex.locator(".proposal").filter(has_text=f"Proposal {number}")
    expect(own.locator(".invited")).to_contain_text("Canada No answer yet")

    can = signed_in("can1", timezone_id="Europe/Madrid")
    can.goto(at("/"))
    invitation = can.locator("#invitations .invitation").filter(has_text=f"proposal {number}")
    expect(invitation).to_contain_text("Mexico invites your delegation to co-sponsor")
    can.screenshot(path=screenshots / "home-invitation.png", full_page=True, caret="initial")
    invitation.locator("button:has-text('Accept and co-sponsor')").click()
    expect(can).to_have_url(re.compile(re.escape(at("/")) + "$"))
    expect(can.locator(".flash.success")).to_contain_text(
        f"Your delegation co-sponsors proposal {number} of Mexico.")
    expect(can.locator("#invitations")).to_have_count(0)

    mex.reload()
    own = mex.locator(".proposal").filter(has_text=f"Proposal {number}")
    expect(own.locator(".invited")).to_contain_text("Canada Accepted")
    expect(own.locator(".supporters")).to_contain_text("Joined by: Canada")
