"""The closed vocabularies of the negotiation, stored by value.

Their labels are shown on pages as ``{{ _(label) }}`` and passed to refusals as
``Term(label)``: they are marked ``N_`` here so that they reach the catalogs.
"""

from enum import StrEnum


def N_(message: str) -> str:
    """The catalogs' marker (as :func:`negotiation.text.languages.N_`): the shared kernel
    imports no area, and the extraction only needs the name."""
    return message


#: Words of the vocabularies shown on their own (a section's kind, a paragraph's kind in a
#: list, a role as stored: ``{{ _(role.value) }}``, ``Term(role.value)``), marked for the
#: catalogs. The values stay the stored, English, identifiers.
VOCABULARY = (
    N_("Item"), N_("Entity"), N_("Instrument"), N_("Chair"),
    N_("Preambular"), N_("Operative"), N_("Subparagraph"), N_("Mandates"),
    N_("admin"), N_("chair"), N_("secretariat"), N_("delegation"), N_("entity"),
    N_("observer"), N_("system"),
    # A document build's status and a sign-in lock's scope, as stored.
    N_("building"), N_("done"), N_("account"), N_("address"),
)


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
    ParagraphState.PROPOSED: N_("Proposed"),
    ParagraphState.CONSENSUS: N_("Consensus in principle"),
    ParagraphState.AMENDED: N_("Modifications proposed"),
    ParagraphState.NEW: N_("New paragraph"),
    ParagraphState.APPROVED: N_("Approved"),
    ParagraphState.CONSULTATIONS: N_("In informal consultations"),
    ParagraphState.WITHDRAWN: N_("Withdrawn"),
    ParagraphState.DELETED: N_("Deleted by agreement"),
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
    #: A state's position printed under the paragraph, with its name (a national footnote).
    FOOTNOTE = "footnote"

    @property
    def label(self) -> str:
        return {
            "footnote": N_("National footnote"),
            "modify": N_("Proposed modification"),
            "delete": N_("Request to delete"),
            "comment": N_("Comment"),
            "support": N_("Support"),
            "new": N_("New paragraph"),
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
        return _AMENDMENT_LABELS[self]


class InvitationAnswer(StrEnum):
    """Where an invitation to co-sponsor a proposal stands."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return {
            "pending": N_("No answer yet"), "accepted": N_("Accepted"), "declined": N_("Declined")
        }[self.value]


_AMENDMENT_LABELS = {
    AmendmentState.SUBMITTED: N_("Submitted"),
    AmendmentState.WITHDRAWN: N_("Withdrawn"),
    AmendmentState.ACCEPTED: N_("Accepted"),
    AmendmentState.SETTLED: N_("Settled"),
    AmendmentState.NOT_RETAINED: N_("Not retained"),
    AmendmentState.SUPERSEDED: N_("Superseded"),
    AmendmentState.NOTED: N_("Noted"),
}


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
