"""The closed vocabularies of the negotiation, stored by value."""

from enum import StrEnum


class SectionKind(StrEnum):
    ITEM = "item"
    ENTITY = "entity"
    INSTRUMENT = "instrument"


class ParagraphKind(StrEnum):
    PREAMBULAR = "preambular"
    OPERATIVE = "operative"
    SUBPARAGRAPH = "subparagraph"  # a lettered mandate under a mandates paragraph's chapeau


class ParagraphState(StrEnum):
    PROPOSED = "proposed"
    CONSENSUS = "consensus"
    AMENDED = "amended"
    NEW = "new"
    APPROVED = "approved"
    CONSULTATIONS = "consultations"
    WITHDRAWN = "withdrawn"
    DELETED = "deleted"

    @property
    def label(self) -> str:
        return _PARAGRAPH_LABELS[self]


_PARAGRAPH_LABELS = {
    ParagraphState.PROPOSED: "Proposed",
    ParagraphState.CONSENSUS: "Consensus in principle",
    ParagraphState.AMENDED: "Modifications proposed",
    ParagraphState.NEW: "New paragraph",
    ParagraphState.APPROVED: "Approved",
    ParagraphState.CONSULTATIONS: "In informal consultations",
    ParagraphState.WITHDRAWN: "Withdrawn",
    ParagraphState.DELETED: "Deleted by agreement",
}

#: States of paragraphs that still belong to the draft (they count against the caps).
LIVE_STATES = frozenset(
    {
        ParagraphState.PROPOSED,
        ParagraphState.CONSENSUS,
        ParagraphState.AMENDED,
        ParagraphState.NEW,
        ParagraphState.APPROVED,
        ParagraphState.CONSULTATIONS,
    }
)


class ProposerKind(StrEnum):
    CHAIR = "chair"
    DELEGATION = "delegation"
    ENTITY = "entity"


class AmendmentKind(StrEnum):
    MODIFY = "modify"
    DELETE = "delete"
    COMMENT = "comment"
    SUPPORT = "support"
    NEW = "new"

    @property
    def label(self) -> str:
        return {
            "modify": "Proposed modification",
            "delete": "Request to delete",
            "comment": "Comment",
            "support": "Support",
            "new": "New paragraph",
        }[self.value]

    @property
    def changes_text(self) -> bool:
        """Whether the proposal asks for a different text (so it must be settled)."""
        return self in (AmendmentKind.MODIFY, AmendmentKind.DELETE, AmendmentKind.NEW)


class AmendmentState(StrEnum):
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    ACCEPTED = "accepted"  # its text became the paragraph's text
    SETTLED = "settled"  # a chair's compromise text takes it into account
    NOT_RETAINED = "not_retained"
    SUPERSEDED = "superseded"  # carried forward by a re-based proposal on a newer text
    NOTED = "noted"  # a comment or support, closed when its paragraph was approved or deleted

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class InvitationAnswer(StrEnum):
    """Where an invitation to co-sponsor a proposal stands."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return {"pending": "No answer yet"}.get(self.value, self.value.capitalize())


class MilestoneKind(StrEnum):
    MEETING = "meeting"
    SUBMISSION_DEADLINE = "submission_deadline"
    CIRCULATION = "circulation"


class Role(StrEnum):
    """What a person does in one negotiation (an administrator acts for the installation)."""

    ADMIN = "admin"
    CHAIR = "chair"
    SECRETARIAT = "secretariat"
    DELEGATION = "delegation"
    ENTITY = "entity"
    OBSERVER = "observer"
    SYSTEM = "system"


class BuildStatus(StrEnum):
    """Where a document build stands."""

    BUILDING = "building"
    DONE = "done"
    FAILED = "failed"


class SignInScope(StrEnum):
    """What a limit on wrong passwords counts: tries at one account, or from one address."""

    ACCOUNT = "account"
    ADDRESS = "address"
