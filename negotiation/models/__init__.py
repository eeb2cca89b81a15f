"""The negotiation's tables, as typed SQLAlchemy models."""

from negotiation.models.accounts import Account
from negotiation.models.amendments import Amendment, AmendmentSupport, CommentReply
from negotiation.models.apitokens import ApiToken
from negotiation.models.base import Base
from negotiation.models.caps import Cap
from negotiation.models.documents import DocumentBuild
from negotiation.models.invitations import SponsorInvitation
from negotiation.models.mail import (
    MailAddress,
    MailMessage,
    MailVerification,
    Notice,
    NoticePreference,
)
from negotiation.models.negotiation import (
    Delegation,
    LateLeave,
    Milestone,
    MilestoneMove,
    Negotiation,
    Section,
)
from negotiation.models.onboarding import AccountInvitation, PasswordReset
from negotiation.models.paragraphs import Paragraph, ParagraphVersion
from negotiation.models.participants import Appointment, Participation
from negotiation.models.receipts import FormReceipt
from negotiation.models.record import RecordEntry
from negotiation.models.revisions import Revision, RevisionEntry
from negotiation.models.signin import SignInLimit, SignInSession
from negotiation.models.subscriptions import CalendarSubscription
from negotiation.models.visits import LastVisit

__all__ = [
    "Account",
    "AccountInvitation",
    "Amendment",
    "AmendmentSupport",
    "ApiToken",
    "Appointment",
    "Base",
    "CalendarSubscription",
    "Cap",
    "CommentReply",
    "Delegation",
    "DocumentBuild",
    "FormReceipt",
    "LastVisit",
    "LateLeave",
    "MailAddress",
    "MailMessage",
    "MailVerification",
    "Milestone",
    "MilestoneMove",
    "Negotiation",
    "Notice",
    "NoticePreference",
    "Paragraph",
    "ParagraphVersion",
    "Participation",
    "PasswordReset",
    "RecordEntry",
    "Revision",
    "RevisionEntry",
    "Section",
    "SignInLimit",
    "SignInSession",
    "SponsorInvitation",
]
