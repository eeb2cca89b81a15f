"""Invitations to a negotiation by e-mail: the secretariat or an administrator names an
address and the part its person will take; the message carries a one-time link that creates
the person's account (or, for someone who has one, accepts the appointment) and confirms
the address.

The link's token is 32 random bytes; only its hash is kept. It works once, for 7 days, and
only for the invited address: a person signed in with another address is refused, and
nothing changes. Accepting appoints in the inviter's name and only what the inviter could
grant (:func:`negotiation.people.permissions.can_change_appointment`), checked again at
that moment, so a desk given since is never taken away by an old invitation.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.enums import Role
from negotiation.errors import InvalidSubmission, RefusedTransition, Term
from negotiation.models import (
    Account,
    AccountInvitation,
    Appointment,
    Delegation,
    MailAddress,
    Negotiation,
)
from negotiation.notices.addresses import checked_address, token_hash
from negotiation.notices.mail.outbox import queue_message
from negotiation.people.accounts import create_account
from negotiation.people.appointments import (
    APPOINTABLE,
    appoint,
    holds,
    participating_delegations,
)
from negotiation.people.permissions import can_change_appointment, require
from negotiation.record.journal import record
from negotiation.record.wording import Wording, phrase, says
from negotiation.text.delegations import state_name
from negotiation.text.languages import DEFAULT_LANGUAGE, N_, known_language, translate
from negotiation.text.textcheck import checked_text, column_limit

#: How long an invitation's link stays good.
INVITATION_LIFETIME = timedelta(days=7)
_REFUSAL = N_("Only an administrator invites a chair or a secretariat; the secretariat invites "
              "observers, entities' secretariats and delegates.")


class InvitationRefused(RefusedTransition):
    """A link that is unknown, used, revoked, expired, or not the signed-in person's."""


@dataclass(frozen=True)
class Part:
    """The part an invited person will take in the negotiation."""

    role: Role
    delegation: Delegation | None = None
    entity: str | None = None

    def described(self) -> str:
        return self.role.value + (f" of {self.delegation.name}" if self.delegation else "") + (
            f" ({self.entity})" if self.entity else "")

    def said(self) -> Wording:
        """:meth:`described` as words, for the record in each reader's language."""
        role = Term(self.role.value)  # the roles' words are the catalogs' ("chair")
        said = (says(N_("%(role)s of %(delegation)s"), role=role, delegation=self.delegation)
                if self.delegation else phrase(role))
        return says(N_("%(part)s (%(entity)s)"), part=said, entity=self.entity) if self.entity \
            else said

    def described_in(self, language: str) -> str:
        """The part as the invitation tells it: "a member of the delegation of Mexico",
        "integrante de la delegación de México", "the secretariat of JID"."""
        if self.delegation is not None:
            return translate(N_("a member of the delegation of %(delegation)s"), language,
                             delegation=state_name(self.delegation, language))
        if self.entity:
            return translate(N_("the secretariat of %(entity)s"), language,
                             entity=self.entity)
        return translate(_PARTS.get(self.role, self.role.value), language)


#: The parts taken without a delegation or an entity, as an invitation names them.
_PARTS = {
    Role.CHAIR: N_("the chair"),
    Role.SECRETARIAT: N_("a member of the secretariat"),
    Role.OBSERVER: N_("an observer"),
}


def checked_part(session: Session, negotiation: Negotiation, actor: Actor, role: Role,
                 delegation_code: str = "", entity: str = "") -> Part:
    """The part as the inviter chose it, or a refusal saying what is missing or not theirs
    to give."""
    require(can_change_appointment(actor, frozenset(), role), _REFUSAL)
    if role not in APPOINTABLE:
        raise InvalidSubmission("No one is invited as %(role)s.", role=Term(role.value))
    delegation = None
    if role is Role.DELEGATION:
        code = delegation_code.strip().upper()
        delegation = next((d for d in participating_delegations(session, negotiation)
                           if d.code == code), None)
        if delegation is None:
            raise InvalidSubmission("Choose the delegation the delegate acts for, among those "
                                    "admitted to this negotiation.")
    named = checked_text(entity, N_("The entity"), one_line=True,
                         limit=column_limit(AccountInvitation.entity)) or None
    if role is Role.ENTITY and named is None:
        raise InvalidSubmission("An entity's secretariat names its entity, e.g. JID.")
    return Part(role, delegation, named if role is Role.ENTITY else None)


def pending_invitations(session: Session, negotiation: Negotiation,
                        now: datetime) -> list[AccountInvitation]:
    """The invitations not yet used, revoked or expired, oldest first."""
    return list(session.scalars(select(AccountInvitation).where(
        AccountInvitation.negotiation_id == negotiation.id,
        AccountInvitation.used_at.is_(None), AccountInvitation.revoked_at.is_(None),
        AccountInvitation.expires_at > now).order_by(AccountInvitation.id)))


def invite(session: Session, negotiation: Negotiation, actor: Actor, address: str, part: Part,
           now: datetime, wall: datetime, language: str = DEFAULT_LANGUAGE
           ) -> AccountInvitation:
    """Invite the person at ``address``; the link goes out in this transaction's outbox.

    ``now`` is the negotiation's moment (the record's), ``wall`` the real time the link's
    life is counted in. The message is in the language of the account that has the address,
    else in ``language`` (the inviter's page's: they likely share one)."""
    address = checked_address(address)
    if any(p.address.lower() == address.lower()
           for p in pending_invitations(session, negotiation, wall)):
        raise InvalidSubmission("%(address)s is invited already: send that invitation again "
                                "or revoke it.", address=address)
    invitation = AccountInvitation(
        negotiation_id=negotiation.id, address=address, role=part.role,
        delegation_id=part.delegation.id if part.delegation else None, entity=part.entity,
        token_hash="", invited_by=actor.name, invited_by_role=actor.role,
        created_at=wall, expires_at=wall, account_id=None)
    session.add(invitation)
    _send(session, negotiation, invitation, part, wall, language)
    record(session, negotiation.id, actor, now, "person_invited",
           says(N_("%(address)s invited: %(part)s"), address=address, part=part.said()),
           subject=f"invitation:{address}"[:80])
    return invitation


def _send(session: Session, negotiation: Negotiation, invitation: AccountInvitation,
          part: Part, wall: datetime, language: str) -> None:
    """A new token (the one sent before, if any, stops working) and the message with it."""
    invited = account_with_address(session, invitation.address)
    if invited is not None and invited.language:
        language = invited.language
    language = known_language(language)
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.expires_at = wall + INVITATION_LIFETIME
    session.flush()
    queue_message(
        session, account_id=None, negotiation_id=negotiation.id, address=invitation.address,
        display_name="", kind="invitation",
        subject=translate(N_("Invitation to %(negotiation)s"), language,
                          negotiation=f"{negotiation.committee} {negotiation.cycle}"),
        body=translate(N_("%(inviter)s invites you to take part in the negotiation of "
                          "%(title)s (%(negotiation)s) as %(part)s."), language,
                       inviter=invitation.invited_by, title=negotiation.title,
                       negotiation=f"{negotiation.committee} {negotiation.cycle}",
                       part=part.described_in(language))
        + "\n\n" + translate(N_("Follow the link below to choose your username and "
                                 "password, or, if you already have an account with this "
                                 "address, to sign in and accept. It works once, within 7 "
                                 "days. If you did not expect this, ignore this message."),
                              language),
        link=f"/invitations/{token}", now=wall)


def _pending_for_actor(session: Session, negotiation: Negotiation, actor: Actor,
                       invitation: AccountInvitation, wall: datetime) -> None:
    if invitation.negotiation_id != negotiation.id:
        raise InvalidSubmission("No such invitation in this negotiation.")
    require(can_change_appointment(actor, frozenset(), invitation.role), _REFUSAL)
    if invitation.used_at is not None or invitation.revoked_at is not None:
        if invitation.used_at is not None:
            raise RefusedTransition("The invitation to %(address)s was already accepted.",
                                    address=invitation.address)
        raise RefusedTransition("The invitation to %(address)s was already revoked.",
                                address=invitation.address)


def revoke(session: Session, negotiation: Negotiation, actor: Actor,
           invitation: AccountInvitation, now: datetime, wall: datetime) -> None:
    """Revoke a pending invitation: its link opens nothing from now on; recorded."""
    _pending_for_actor(session, negotiation, actor, invitation, wall)
    invitation.revoked_at = wall
    session.flush()
    record(session, negotiation.id, actor, now, "invitation_revoked",
           says(N_("Invitation to %(address)s revoked"), address=invitation.address),
           subject=f"invitation:{invitation.address}"[:80])


def resend(session: Session, negotiation: Negotiation, actor: Actor,
           invitation: AccountInvitation, now: datetime, wall: datetime,
           language: str = DEFAULT_LANGUAGE) -> None:
    """Send a pending (or expired) invitation again with a new link, good for 7 days more;
    the link sent before stops working. In the language :func:`invite` would choose."""
    _pending_for_actor(session, negotiation, actor, invitation, wall)
    part = Part(invitation.role, invitation.delegation, invitation.entity)
    _send(session, negotiation, invitation, part, wall, language)
    record(session, negotiation.id, actor, now, "invitation_resent",
           says(N_("Invitation to %(address)s sent again"), address=invitation.address),
           subject=f"invitation:{invitation.address}"[:80])


def invitation_for(session: Session, token: str, wall: datetime) -> AccountInvitation:
    """The pending invitation a link names (locked for this transaction), or a refusal that
    says why without saying whose it is."""
    found = session.scalars(select(AccountInvitation).where(
        AccountInvitation.token_hash == token_hash(token[:100])).with_for_update()).first()
    if found is None:
        raise InvitationRefused("This invitation link is not valid: it was replaced by a newer "
                                "one, or mistyped. Ask the secretariat to send it again.")
    if found.used_at is not None:
        raise InvitationRefused("This invitation link was already used. Sign in with the "
                                "account it created.")
    if found.revoked_at is not None:
        raise InvitationRefused("This invitation was revoked by the secretariat.")
    if found.expires_at <= wall:
        raise InvitationRefused("This invitation link has expired. Ask the secretariat to "
                                "send it again.")
    return found


def account_with_address(session: Session, address: str) -> Account | None:
    """The account whose address this is, if any (any case)."""
    return session.scalars(select(Account).join(MailAddress,
                                                MailAddress.account_id == Account.id)
                           .where(func.lower(MailAddress.address) == address.lower())).first()


def _appoint(session: Session, invitation: AccountInvitation, account: Account,
             now: datetime) -> Appointment:
    negotiation = session.get_one(Negotiation, invitation.negotiation_id)
    inviter = Actor(invitation.invited_by_role, invitation.invited_by)
    existing = session.scalars(select(Appointment).where(
        Appointment.negotiation_id == negotiation.id,
        Appointment.account_id == account.id)).first()
    # Checked again now: what the person holds may have changed since the invitation.
    if not can_change_appointment(inviter, holds(account, existing), invitation.role):
        raise InvitationRefused(
            "You hold more than this invitation gives (%(role)s): nothing was changed. Ask an "
            "administrator if your part here should change.", role=Term(invitation.role.value))
    return appoint(session, negotiation, inviter, account, invitation.role, now,
                   delegation=invitation.delegation, entity=invitation.entity)


def _confirm(session: Session, invitation: AccountInvitation, account: Account,
             wall: datetime) -> None:
    """The link reached the address: it counts as confirmed, and the invitation is used."""
    current = session.get(MailAddress, account.id)
    if current is None:
        current = MailAddress(account_id=account.id, address=invitation.address,
                              changed_at=wall)
        session.add(current)
    current.verified_at = wall
    invitation.used_at, invitation.account_id = wall, account.id
    session.flush()


def accept_as_new(session: Session, token: str, username: str, display_name: str,
                  password: str, now: datetime, wall: datetime) -> Account:
    """Create the invited person's account from the link and appoint them."""
    invitation = invitation_for(session, token, wall)
    if account_with_address(session, invitation.address) is not None:
        raise InvitationRefused("An account already has the address %(address)s: sign in "
                                "with it, then follow the link again to accept.",
                                address=invitation.address)

    display_name = checked_text(display_name, N_("The display name"), one_line=True,
                                limit=column_limit(Account.display_name))
    if not display_name.strip():
        raise InvalidSubmission("Give the name others will see, e.g. Ana Pérez (Mexico).")
    account = create_account(session, username, password, wall, display_name=display_name)
    _appoint(session, invitation, account, now)
    _confirm(session, invitation, account, wall)
    return account


def accept_as(session: Session, account: Account, token: str, now: datetime,
              wall: datetime) -> Appointment:
    """A signed-in person accepts an invitation sent to their own address."""
    invitation = invitation_for(session, token, wall)
    current = session.get(MailAddress, account.id)
    if current is None or current.address.lower() != invitation.address.lower():
        raise InvitationRefused("This invitation was sent to another address than your "
                                "account's: sign out, and follow the link as its person.")
    appointment = _appoint(session, invitation, account, now)
    _confirm(session, invitation, account, wall)
    return appointment
