"""The negotiation's tables, as typed SQLAlchemy models."""

from negotiation.models.agendas import PublishedAgenda
from negotiation.models.amendments import Amendment, AmendmentSupport, CommentReply
from negotiation.models.base import Base
from negotiation.models.caps import Cap
from negotiation.models.documents import DocumentBuild
from negotiation.models.invitations import SponsorInvitation
from negotiation.models.language_versions import ParagraphTranslation
from negotiation.models.late_requests import LateLeaveRequest
from negotiation.models.negotiation import (
    Delegation,
    LateLeave,
    Milestone,
    MilestoneMove,
    Negotiation,
    Section,
)
from negotiation.models.notices.mail import (
    MailAddress,
    MailMessage,
    MailVerification,
    Notice,
    NoticePreference,
)
from negotiation.models.notices.visits import LastVisit
from negotiation.models.paragraphs import Paragraph, ParagraphVersion
from negotiation.models.people.accounts import Account
from negotiation.models.people.apitokens import ApiToken
from negotiation.models.people.onboarding import AccountInvitation, PasswordReset
from negotiation.models.people.participants import Appointment, Participation
from negotiation.models.people.signin import SignInLimit, SignInSession
from negotiation.models.receipts import FormReceipt
from negotiation.models.record import RecordEntry
from negotiation.models.revisions import Revision, RevisionEntry
from negotiation.models.subscriptions import CalendarSubscription

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
    "LateLeaveRequest",
    "MailAddress",
    "MailMessage",
    "MailVerification",
    "Milestone",
    "MilestoneMove",
    "Negotiation",
    "Notice",
    "NoticePreference",
    "Paragraph",
    "ParagraphTranslation",
    "ParagraphVersion",
    "Participation",
    "PasswordReset",
    "PublishedAgenda",
    "RecordEntry",
    "Revision",
    "RevisionEntry",
    "Section",
    "SignInLimit",
    "SignInSession",
    "SponsorInvitation",
]
