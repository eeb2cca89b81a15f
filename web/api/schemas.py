"""What the API receives and answers, as typed models: the OpenAPI document is built from
them and every request and answer is checked against them, so the two cannot drift.

Enumerations are the domain's own (its StrEnums), so a new state appears here by itself.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from negotiation.enums import (
    AmendmentKind,
    AmendmentState,
    MilestoneKind,
    ParagraphKind,
    ParagraphState,
    Role,
)

#: Texts are checked by the domain against their columns; this only bounds what is parsed.
Text = Annotated[str, Field(max_length=65_536)]
RowId = Annotated[int, Field(ge=1, le=2**31 - 1)]


class Model(BaseModel):
    """Every model: unknown fields are refused (a misspelt field is an error, not ignored)."""

    model_config = ConfigDict(extra="forbid")


# --- answers -------------------------------------------------------------------------------

class ErrorBody(Model):
    code: str = Field(description="A stable word for the kind of refusal, e.g. "
                      "`stale_version`, `deadline_passed`, `not_permitted`.")
    message: str = Field(description="Why, in words a delegate understands.")


class ErrorAnswer(Model):
    error: ErrorBody


class NegotiationOut(Model):
    committee: str
    cycle: str
    title: str
    symbol: str
    timezone: str
    closed: bool


class NegotiationsOut(Model):
    token_negotiation: NegotiationOut = Field(
        description="The one negotiation this token reads and acts in.")
    role: Role = Field(description="The token owner's part in it.")
    negotiations: list[NegotiationOut] = Field(
        description="Every negotiation the token's owner takes part in.")


class MilestoneOut(Model):
    id: int
    kind: MilestoneKind
    title: str
    at: datetime
    section_code: str | None


class CalendarOut(Model):
    milestones: list[MilestoneOut]


class FootnoteOut(Model):
    at: int = Field(description="Where its marker stands: a character offset in the text.")
    text: str


class VersionOut(Model):
    id: int
    number: int
    text: str
    footnotes: list[FootnoteOut] = Field(
        default_factory=list,
        description="The text's footnotes (the markers are no part of the text).")


class ParagraphOut(Model):
    id: int
    label: str = Field(description='Its reference in the draft: "PP3", "7", "7 (b)".')
    section_code: str
    kind: ParagraphKind
    is_mandates: bool
    parent_id: int | None
    state: ParagraphState
    proposer: str
    current_version: VersionOut


class SectionOut(Model):
    id: int
    code: str
    title: str
    paragraphs: list[ParagraphOut]


class DraftOut(Model):
    negotiation: NegotiationOut
    sections: list[SectionOut]


class DiffRun(Model):
    op: Literal["insert", "delete", "equal"]
    text: str


class ProposalOut(Model):
    id: int
    number: int
    paragraph_id: int
    kind: AmendmentKind
    state: AmendmentState
    delegation: str = Field(description="The proposing delegation's code (e.g. MEX).")
    cosponsors: list[str] = Field(description="Codes of the delegations that joined it.")
    base_version_id: int
    proposed_text: str | None
    comment: str
    diff: list[DiffRun] | None = Field(
        description="A modification's changes against the version it was written on.")
    submitted_at: datetime
    late: bool


class ProposalsOut(Model):
    proposals: list[ProposalOut]


class ParagraphDetailOut(Model):
    paragraph: ParagraphOut
    versions: list[VersionOut]
    proposals: list[ProposalOut]


class DecisionOut(Model):
    paragraph: ParagraphOut
    notices: list[str]


class TriageOut(Model):
    section_code: str
    moved: dict[str, int] = Field(description="How many paragraphs went to each state.")


class SubmittedOut(Model):
    proposal: ProposalOut
    warnings: list[str]


class InvitationOut(Model):
    id: int
    proposal_id: int
    answer: str


class RevisionOut(Model):
    number: int
    symbol: str
    circulated_at: datetime
    note: str


class RevisionsOut(Model):
    revisions: list[RevisionOut]


class CapOut(Model):
    section_code: str
    title: str
    preambular: int
    operative: int
    mandates: int
    breaches: list[str]


class CapsOut(Model):
    sections: list[CapOut]


#: The four working languages (negotiation.text.languages.LANGUAGES), as answers name them.
Language = Literal["en", "es", "fr", "pt"]


class RecordEntryOut(Model):
    id: int
    at: datetime
    actor_role: Role
    actor_name: str
    action: str
    subject: str
    summary: str = Field(description="What the act did, in English, as the record keeps it "
                         "(for the archive, exports and search); `text` reads in `language`.")
    reason: str = Field(description="Why, as the record keeps it: a person's reason as "
                        "typed, or the app's own in English; `reason_text` reads in "
                        "`language`.")
    text: str = Field(description="What the act did, in `language`.")
    reason_text: str = Field(description="The app's own reason (\"Request to delete by "
                             "Mexico accepted\") in `language`; a person's as typed.")
    language: Language = Field(description="The language `text` is written in: the one the "
                               "request asks for (`Accept-Language`), else the token "
                               "owner's, else English; English for an entry written before "
                               "the record kept its words.")


class RecordOut(Model):
    entries: list[RecordEntryOut]


# --- requests ------------------------------------------------------------------------------

class ProposalIn(Model):
    """A modification (``text`` required), request to delete, support, comment or national
    footnote (``comment`` required: the footnote's words) on a paragraph, written on the
    version ``base_version_id``."""

    kind: Literal["modify", "delete", "support", "comment", "footnote"]
    base_version_id: RowId = Field(
        description="The paragraph version the proposal was written on: if the paragraph "
                    "changed since, the proposal is refused with 409 `stale_version`.")
    text: Text | None = None
    comment: Text = ""


class NewParagraphIn(Model):
    kind: Literal["preambular", "operative"]
    text: Text
    after_paragraph_id: RowId | None = Field(
        None, description="Placed after this paragraph of the section (else at its end).")
    comment: Text = ""


class InvitationAnswerIn(Model):
    answer: Literal["accept", "decline"]


#: The chair's events on a paragraph, as the chair's desk offers them.
ChairEvent = Literal["find_consensus", "mark_amended", "return_to_consultations", "resume",
                     "reopen", "delete_by_agreement", "approve"]


class ParagraphDecisionIn(Model):
    event: ChairEvent
    reason: Text = ""
    override_reason: Text = ""
    seen_state: ParagraphState | None = Field(
        None, description="The state the chair saw: if the paragraph moved since (another "
                          "chair's act), the decision is refused rather than applied to "
                          "what was not seen.")


class ProposalDecisionIn(Model):
    decision: Literal["accept", "set_aside"]
    reason: Text = ""


# --- the chair's drafting and a delegation's follow-ups -------------------------------------

class OutgoingOut(Model):
    """The next revision as it would go out now; nothing is circulated by reading it."""

    number: int
    symbol: str
    paragraphs: int
    counts: dict[str, int] = Field(
        description="Paragraphs by group and kind, keyed \"group/kind\".")
    over_caps: list[str] = Field(description="Sections over a cap, by title.")
    untriaged: list[str] = Field(description="Sections not triaged yet, by title.")
    stamp: str = Field(description="The draft as read now: send it back to circulate this "
                                   "draft and no other (409 `draft_changed` if it changed).")


class CirculateIn(Model):
    stamp: str = Field(max_length=128, description="From `GET /revisions/next`.")
    expected_number: int = Field(ge=0, le=10_000, description="The revision meant: refused "
                                 "if another was circulated meanwhile.")
    note: Text = ""
    renumber: bool = False
    confirmed: bool = Field(False, description="Circulate although sections are untriaged "
                            "or over a cap (else 409 `needs_confirmation`, naming them).")


class CompromiseIn(Model):
    text: Text
    base_version_id: RowId = Field(
        description="The version the compromise was written on (409 `stale_version` if the "
                    "paragraph changed since).")
    settles: list[RowId] = Field(default_factory=list, max_length=500,
                                 description="The proposals the compromise takes in.")
    note: Text = ""


class ProposalRevisionIn(Model):
    """A new version of one's own open proposal; the earlier is kept, superseded."""

    text: Text | None = None
    comment: Text = ""


class CosponsorInviteIn(Model):
    delegation_id: RowId
