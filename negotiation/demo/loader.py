"""Loading a negotiation cycle from its TOML description, through the domain's own acts.

Proposals are sent through the same functions delegations use, each at its recorded
time, so the demo's record, diffs and states are what real use would have produced.
"""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.actors import SYSTEM, Actor
from negotiation.demo.draft_file import chair_draft_docx
from negotiation.draft.caprules import rule_set_of
from negotiation.draft.drafting import paragraphs_of, sections_of
from negotiation.enums import (
    AmendmentKind,
    MilestoneKind,
    ParagraphKind,
    Role,
)
from negotiation.models import Delegation, Negotiation, Paragraph, Section
from negotiation.people.accounts import create_account, find_account, hash_password, verify_password
from negotiation.people.appointments import (
    admit_delegations,
    appoint,
    appointments_of,
    create_negotiation,
    participating_delegations,
)
from negotiation.proposals.cosponsors import join_proposal
from negotiation.proposals.submissions import submit_new_paragraph, submit_proposal
from negotiation.record.wording import says
from negotiation.setup.calendar import MilestoneChange, add_milestone
from negotiation.setup.caps import import_rules
from negotiation.setup.delegations import load_member_states
from negotiation.setup.imports.confirming import confirm_import
from negotiation.setup.imports.importing import preview_docx
from negotiation.setup.structure import circulate_first_draft
from negotiation.text.languages import N_
from rules.files import load_rules

HERE = Path(__file__).parent
CHAIR = Actor(Role.CHAIR, "Chair of the Committee")
SECRETARIAT = Actor(Role.SECRETARIAT, "Secretariat of the Committee")


def read(name: str) -> dict[str, Any]:
    with (HERE / name).open("rb") as handle:
        return tomllib.load(handle)


def find_cycle(session: Session, committee: str, cycle: str) -> Negotiation | None:
    return session.scalars(
        select(Negotiation).where(Negotiation.committee == committee, Negotiation.cycle == cycle)
    ).first()


def load_cycle(session: Session, name: str = "csh_2023_2024.toml") -> Negotiation:
    """Load a cycle once; a second call finds it and returns it unchanged.

    It is set up as people would in the app: opened by an administrator, caps and calendar
    set by the secretariat, the chair's Word draft imported (corrected nowhere: the demo's
    file reads as the chair wrote it) and circulated.
    """
    data = read(name)
    head = data["negotiation"]
    existing = find_cycle(session, head["committee"], head["cycle"])
    if existing is not None:
        return existing
    delegations = load_member_states(session)
    zone = ZoneInfo(head["timezone"])
    set_up = _local(head["set_up_at"], zone)
    negotiation = create_negotiation(
        session, SYSTEM, set_up,
        **{k: head[k] for k in ("committee", "committee_name", "cycle", "title", "symbol",
                                "timezone", "original_language", "rules")},
    )
    negotiation.council, negotiation.languages = head["council"], ",".join(head["languages"])
    admit_delegations(session, negotiation, [d for d in delegations.values() if d.active])
    import_rules(session, negotiation, SECRETARIAT, load_rules(head["rules"]), set_up)

    milestones = data.get("milestone", [])
    first_draft = min((_local(m["at"], zone) for m in milestones
                       if "first draft" in m["title"].lower()),
                      default=_local("2024-03-21T10:00", zone))
    _add_milestones(session, negotiation, [m for m in milestones if "section" not in m], {},
                    zone, set_up)
    written = first_draft - timedelta(days=1)
    sections = _import_first_draft(session, negotiation, data["section"], written)
    # Dates of one section are set once the section exists.
    _add_milestones(session, negotiation, [m for m in milestones if "section" in m], sections,
                    zone, written)
    session.refresh(negotiation, ["milestones"])
    circulate_first_draft(session, negotiation, CHAIR, first_draft,
                          note="First draft of the chair")
    for raw in sorted(data.get("amendment", []), key=lambda a: a["submitted"]):
        _send(session, negotiation, sections, delegations, raw, zone)
    return negotiation


def _local(text: str, zone: ZoneInfo) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def _add_milestones(
    session: Session, negotiation: Negotiation, raw_milestones: list[dict[str, Any]],
    sections: dict[str, tuple[Section, list[Paragraph]]], zone: ZoneInfo, now: datetime,
) -> None:
    for raw in raw_milestones:
        at = _local(raw["at"], zone)
        add_milestone(session, negotiation, SECRETARIAT, MilestoneChange(
            kind=MilestoneKind(raw["kind"]),
            title=raw["title"],
            at=at,
            section=sections[raw["section"]][0] if "section" in raw else None,
        ), now, reason="" if at > now else says(N_("Entered when the cycle was set up")))


def _import_first_draft(
    session: Session, negotiation: Negotiation, raw_sections: list[dict[str, Any]],
    at: datetime,
) -> dict[str, tuple[Section, list[Paragraph]]]:
    """The chair imports the draft from its Word file; returns the sections by the codes
    the cycle's description uses, with their top-level paragraphs in order."""
    preview = preview_docx(negotiation, chair_draft_docx(negotiation.title, raw_sections),
                           "the chair's draft (.docx)", at)
    expected = [(raw["title"], raw["kind"], raw.get("area"), [
        ("mandates" if p.get("mandates") else p["kind"], p["text"],
         list(p.get("subparagraphs", []))) for p in raw.get("paragraph", [])])
        for raw in raw_sections]
    read_as = [(s.title, s.kind, s.area, [(p.kind, p.text, p.mandates) for p in s.paragraphs])
               for s in preview.sections]
    if preview.problems or read_as != expected:
        raise ValueError("The demo's draft no longer reads as written: "
                         + " ".join(preview.problems or ["sections or paragraphs differ"]))
    confirm_import(session, negotiation, CHAIR, preview, at)
    by_title = {s.title: s for s in sections_of(session, negotiation)}
    top_level: dict[int, list[Paragraph]] = {}
    for paragraph in paragraphs_of(session, negotiation):
        if paragraph.parent_id is None:
            top_level.setdefault(paragraph.section_id, []).append(paragraph)
    return {raw["code"]: (by_title[raw["title"]], top_level.get(by_title[raw["title"]].id, []))
            for raw in raw_sections}


def _send(
    session: Session,
    negotiation: Negotiation,
    sections: dict[str, tuple[Section, list[Paragraph]]],
    delegations: dict[str, Delegation],
    raw: dict[str, Any],
    zone: ZoneInfo,
) -> None:
    section, paragraphs = sections[raw["section"]]
    delegation = delegations[raw["delegation"]]
    actor = Actor(Role.DELEGATION, f"Delegation of {delegation.name}", delegation.id)
    at = _local(raw["submitted"], zone)
    kind = AmendmentKind(raw["kind"])
    if kind is AmendmentKind.NEW:
        after = raw.get("after", 0)
        submission = submit_new_paragraph(
            session, negotiation, actor, section, ParagraphKind(raw["paragraph_kind"]),
            raw["text"], at, after=paragraphs[after - 1] if after else None,
            comment=raw.get("comment", ""),
        )
    else:
        target = paragraphs[raw["paragraph"] - 1]
        if "subparagraph" in raw:
            target = target.subparagraphs[raw["subparagraph"] - 1]
        submission = submit_proposal(
            session, negotiation, actor, target, kind, at,
            written_on=target.current_version.id,
            text=raw.get("text"), comment=raw.get("comment", ""),
        )
    for offset, code in enumerate(raw.get("supporters", []), start=1):
        supporter = delegations[code]
        join_proposal(
            session, negotiation,
            Actor(Role.DELEGATION, f"Delegation of {supporter.name}", supporter.id),
            submission.amendment, at + timedelta(hours=offset),
        )


#: Demo accounts: (username, role in the demo cycle, mission's delegation code, name); a
#: delegate's role comes from the mission, an administrator's from the account. Each one's
#: password is "csh-demo-<username>" (docs/demo-accounts.md); never use them outside a demo.
DEMO_ACCOUNTS: tuple[tuple[str, Role, str | None, str], ...] = (
    ("admin", Role.ADMIN, None, "Administrator"),
    ("chair", Role.CHAIR, None, "Chair of the Committee"),
    ("vicechair", Role.CHAIR, None, "Vice-Chair of the Committee"),
    ("secretariat", Role.SECRETARIAT, None, "Secretariat of the Committee"),
    ("observer", Role.OBSERVER, None, "Observer"),
    ("mex1", Role.DELEGATION, "MEX", "Delegate of Mexico"),
    ("mex2", Role.DELEGATION, "MEX", "Alternate of Mexico"),
    ("can1", Role.DELEGATION, "CAN", "Delegate of Canada"),
    ("chl1", Role.DELEGATION, "CHL", "Delegate of Chile"),
    ("brb1", Role.DELEGATION, "BRB", "Delegate of Barbados"),
    ("bra1", Role.DELEGATION, "BRA", "Delegate of Brazil"),
    ("usa1", Role.DELEGATION, "USA", "Delegate of the United States"),
)


def demo_password(username: str) -> str:
    """The demo account's password: long enough for the password policy, and documented."""
    return f"csh-demo-{username}"


def load_demo_accounts(
    session: Session, now: datetime, negotiation: Negotiation | None = None
) -> list[str]:
    """Create the demo accounts that do not exist yet, appointed in the demo cycle; return
    the usernames created.

    A demo account that exists with another password (an older demo's) gets the documented
    one again, so docs/demo-accounts.md always holds.
    """
    negotiation = negotiation or find_cycle(session, "CSH", "2023-2024")
    created = []
    for username, role, code, name in DEMO_ACCOUNTS:
        existing = find_account(session, username)
        if existing is not None:
            if not verify_password(demo_password(username), existing.password_hash):
                existing.password_hash = hash_password(demo_password(username))
            continue
        account = create_account(session, username, demo_password(username), now,
                                 display_name=name, delegation_code=code,
                                 is_admin=role is Role.ADMIN)
        if negotiation is not None and role not in (Role.ADMIN, Role.DELEGATION):
            appoint(session, negotiation, SYSTEM, account, role, now)
        created.append(username)
    return created


def load_next_cycle(session: Session, previous: Negotiation, now: datetime) -> Negotiation:
    """The CSH's next cycle, opened as an administrator would: created, its chair and
    secretariat appointed as in the previous cycle, the same delegations admitted and the
    same caps carried over. Its first draft is for the chair to write or import (the demo
    cycle has no approved paragraph yet to start from). Loaded once."""
    existing = find_cycle(session, previous.committee, "2024-2025")
    if existing is not None:
        return existing
    negotiation = create_negotiation(
        session, SYSTEM, now, committee=previous.committee,
        committee_name=previous.committee_name, cycle="2024-2025",
        title=previous.title, symbol="CP/CSH-2300/25", timezone=previous.timezone,
        original_language=previous.original_language,
    )
    admit_delegations(session, negotiation, participating_delegations(session, previous))
    for appointment in appointments_of(session, previous):
        if appointment.role in (Role.CHAIR, Role.SECRETARIAT):
            appoint(session, negotiation, SYSTEM, appointment.account, appointment.role, now)
    import_rules(session, negotiation, SYSTEM, rule_set_of(session, previous), now)
    return negotiation
