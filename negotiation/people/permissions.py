"""Who may do what: predicates named for the act, checked by every operation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from negotiation.actors import Actor
from negotiation.enums import Role
from negotiation.errors import NotPermitted
from negotiation.text.languages import N_

if TYPE_CHECKING:
    from negotiation.models import Amendment

CHAIRING = frozenset({Role.CHAIR})


def can_submit(actor: Actor) -> bool:
    return actor.role is Role.DELEGATION


def can_chair(actor: Actor) -> bool:
    """Triage, compromise texts, approval, revisions and late leave belong to the chair."""
    return actor.role in CHAIRING


def can_read_record(actor: Actor) -> bool:
    """The record names every act and who did it: it is kept for the chair and the
    secretariat, who answer for the procedure."""
    return actor.role in (Role.CHAIR, Role.SECRETARIAT, Role.SYSTEM)


def can_read_documents(actor: Actor) -> bool:
    """The circulated documents (drafts, comparison texts) are for everyone in the room."""
    return actor.role in (
        Role.CHAIR, Role.SECRETARIAT, Role.DELEGATION, Role.OBSERVER, Role.ENTITY, Role.SYSTEM
    )


def can_rebase(actor: Actor, amendment: Amendment) -> bool:
    """Re-basing carries a proposal forward unchanged in substance, so its proposer may, and
    so may those who keep the text together (the chair and the secretariat)."""
    return acts_for(actor, amendment.delegation_id) or actor.role in (
        Role.CHAIR, Role.SECRETARIAT, Role.SYSTEM
    )


def can_keep_calendar(actor: Actor) -> bool:
    """The chair and the secretariat set and move the cycle's dates."""
    return actor.role in (Role.CHAIR, Role.SECRETARIAT, Role.SYSTEM)


def can_set_caps(actor: Actor) -> bool:
    """The caps are the chair's; the secretariat enters them on the chair's behalf."""
    return actor.role in (Role.CHAIR, Role.SECRETARIAT, Role.SYSTEM)


def can_set_document_header(actor: Actor) -> bool:
    """The secretariat, which issues the documents, or the chair sets their header lines."""
    return actor.role in (Role.CHAIR, Role.SECRETARIAT, Role.ADMIN, Role.SYSTEM)


def can_choose_participants(actor: Actor) -> bool:
    """The secretariat (or an administrator) admits the member states taking part."""
    return actor.role in (Role.SECRETARIAT, Role.ADMIN, Role.SYSTEM)


def can_manage_accounts(actor: Actor) -> bool:
    """Accounts are people, across negotiations: the installation's administrators keep them."""
    return actor.role in (Role.ADMIN, Role.SYSTEM)


def can_administer(actor: Actor) -> bool:
    """Creating negotiations belongs to the installation's administrators."""
    return actor.role in (Role.ADMIN, Role.SYSTEM)


#: The roles the secretariat appoints and removes: neither the chair's nor its own.
SECRETARIAT_APPOINTS = frozenset({Role.OBSERVER, Role.ENTITY, Role.DELEGATION})


def can_change_appointment(actor: Actor, holds: frozenset[Role], new: Role | None) -> bool:
    """Whether the actor may make a person ``new`` in a negotiation (None: end the person's
    appointment), the person holding ``holds`` there now: the role of their appointment, and
    ADMIN if their account is an administrator's (nothing: no appointment yet).

    Administrators change any appointment. The secretariat appoints and removes observers,
    entities' secretariats and delegates, and touches no one who holds more: re-appointing
    the chair, a secretariat or an administrator, even as an observer, would take away a
    desk the secretariat may not give or take (and lock an administrator out)."""
    if can_administer(actor):
        return True
    if actor.role is not Role.SECRETARIAT:
        return False
    return (new is None or new in SECRETARIAT_APPOINTS) and holds <= SECRETARIAT_APPOINTS


def acts_for(actor: Actor, delegation_id: int | None) -> bool:
    return actor.role is Role.DELEGATION and actor.delegation_id == delegation_id


def require(allowed: bool, message: str, **params: object) -> None:
    """Refuse with a message when the predicate said no.

    ``message`` is marked ``N_("...")`` where it is written (so it reaches the catalogs) and
    passed on with its parameters, unformatted, for the reader's language to be applied
    where the refusal is shown."""
    if not allowed:
        raise NotPermitted(message, **params)


#: The chair's acts, each refused to anyone else in a whole sentence: a translator needs the
#: sentence, not a verb put into one.
CHAIR_ONLY = {
    "accept late submissions": N_("Only the chair may accept late submissions."),
    "accept proposals": N_("Only the chair may accept proposals."),
    "answer requests for late leave": N_("Only the chair may answer requests for late leave."),
    "publish the agenda": N_("Only the chair may publish the meeting's agenda."),
    "circulate a revision": N_("Only the chair may circulate a revision."),
    "decide on paragraphs": N_("Only the chair may decide on paragraphs."),
    "set proposals aside": N_("Only the chair may set proposals aside."),
    "triage the draft": N_("Only the chair may triage the draft."),
    "write compromise texts": N_("Only the chair may write compromise texts."),
    "add a paragraph": N_("Only the chair may add a paragraph."),
    "add a section": N_("Only the chair may add a section."),
    "change a section": N_("Only the chair may change a section."),
    "change the draft": N_("Only the chair may change the draft."),
    "circulate the first draft again": N_("Only the chair may circulate the first draft again."),
    "import a draft": N_("Only the chair may import a draft."),
    "move a paragraph": N_("Only the chair may move a paragraph."),
    "move a section": N_("Only the chair may move a section."),
    "remove a paragraph": N_("Only the chair may remove a paragraph."),
    "remove a section": N_("Only the chair may remove a section."),
    "start the draft from the previous cycle": N_(
        "Only the chair may start the draft from the previous cycle."),
}


def require_chair(actor: Actor, act: str) -> None:
    """Refuse anyone but the chair, in the sentence :data:`CHAIR_ONLY` holds for ``act``.

    An act not listed there is still refused, in a sentence whose verb stays English: list
    it, for the refusal to read whole in every language."""
    allowed = can_chair(actor) or actor.role is Role.SYSTEM
    if act in CHAIR_ONLY:
        require(allowed, CHAIR_ONLY[act])
    else:
        require(allowed, N_("Only the chair may %(act)s."), act=act)
