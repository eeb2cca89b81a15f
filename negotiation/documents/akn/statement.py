"""The draft as Akoma Ntoso 3.0 (OASIS LegalDocML), the XML that a secretariat's documents
system or another body's drafting tool (LEOS, the UN's AKN4UN tool chain) reads.

A draft resolution is a ``statement`` named "draftResolution", as AKN4UN models one: FRBR
metadata (the work is the draft, the expression one revision in its original language), a
preface with the symbol, date, "Original:" line and title, the preamble's recitals and the
main body's operative paragraphs, both grouped by the draft's sections (thematic areas,
items, entities, instruments as ``hcontainer``\\ s, named for their kind).

Every ``eId`` is made from the paragraph's number as circulated (:mod:`negotiation.draft.
numbering`), which stays put from one revision to the next ("7 bis" is ``para_7bis``), never
from its position on the page: an amendment written against rev. 0's ``para_7`` still points
at the same paragraph in rev. 1.

The proposals on the table are ``amendment`` documents in the statement's ``attachments``:
the schema accepts a whole document type there, with its own FRBR metadata, and an
amendment's body holds exactly what a proposal is (a heading naming the paragraph by its
eId, the proposed text as tracked changes, the delegation's comment as its
justification). The other candidate, an ``amendmentList``, is a collection whose body holds
only documents, so the draft itself would have to become one of its items.

This module reads the draft (:func:`akn_draft`) and names its parts (eIds, IRIs);
:mod:`negotiation.documents.akn.writing` writes the XML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from negotiation.documents.akn.rows import (
    circulated,
    frozen_paragraphs,
    live_paragraphs,
    open_proposals,
)
from negotiation.documents.comparison import local_date
from negotiation.enums import AmendmentKind, ParagraphKind, SectionKind
from negotiation.errors import InvalidSubmission
from negotiation.models import Negotiation, Revision

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
MEDIA_TYPE = "application/akn+xml"
#: The statement's name, as AKN4UN names a resolution's draft.
DOCUMENT_NAME = "draftResolution"
#: The country part of AKN's IRIs; an international organization names itself.
COUNTRY = "oas"
#: ISO 639-2 codes, as FRBRlanguage carries them.
LANGUAGE_CODES = {"en": "eng", "es": "spa", "fr": "fra", "pt": "por"}
#: An hcontainer's name for each kind of section, and for the thematic area around items.
AREA_CONTAINER = "thematicArea"
ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")



class Grouping(Protocol):
    """A section of the draft, as the file groups paragraphs by it (a
    :class:`negotiation.models.Section` is one too)."""

    @property
    def id(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def kind(self) -> SectionKind: ...
    @property
    def area(self) -> int | None: ...
    @property
    def title(self) -> str: ...


class Printed(Protocol):
    """A paragraph as the file prints it (what :mod:`negotiation.documents.akn.rows` reads;
    a comparison text's :class:`negotiation.draft.draftrows.DraftRow` is one too)."""

    @property
    def paragraph_id(self) -> int: ...
    @property
    def section(self) -> Grouping: ...
    @property
    def kind(self) -> ParagraphKind: ...
    @property
    def label(self) -> str: ...
    @property
    def is_mandates(self) -> bool: ...
    @property
    def text(self) -> str: ...
    @property
    def footnotes(self) -> list[Any] | None: ...


class Amending(Protocol):
    """A proposal as the file prints it as an amendment (a comparison text's
    :class:`negotiation.documents.tabled.ProposalView` is one too). Its texts may be as
    stored: the writer makes them printable."""

    @property
    def number(self) -> int: ...
    @property
    def kind(self) -> AmendmentKind: ...
    @property
    def delegation(self) -> str: ...
    @property
    def delegation_code(self) -> str: ...
    @property
    def supporters(self) -> Sequence[str]: ...
    @property
    def changes(self) -> Sequence[tuple[int, str]]: ...
    @property
    def comment(self) -> str: ...
    @property
    def language(self) -> str: ...


@dataclass(frozen=True)
class AknTranslation:
    """What makes a file the expression of a revision in another language than the
    original's (:mod:`negotiation.documents.akn.translation` reads it)."""

    #: The original's language ("en"), which ``FRBRtranslation`` names it by.
    original_language: str
    #: The preface's "Original:" line, in the translation's language.
    original_line: str
    #: Paragraphs with no current translation, which keep the original's text: never
    #: translated, or translated on an older version (outdated).
    missing: frozenset[int]
    outdated: frozenset[int]
    #: The original's text of each paragraph the file gives in translation: the text the
    #: proposals are written against, shown in their amendments. Those paragraphs' footnotes
    #: are the original's words.
    originals: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AknDraft:
    """What the Akoma Ntoso file of one text of the draft says, read from the database."""

    negotiation_title: str
    council: str
    committee: str
    symbol: str
    #: The symbol without " rev. N": the work every revision is an expression of.
    work_symbol: str
    work_date: date
    issued: date
    issued_label: str
    language: str
    rows: Sequence[Printed]
    proposals: dict[int, Sequence[Amending]]
    #: Delegations named by a proposal: (code, name).
    delegations: list[tuple[str, str]]
    revision_number: int | None
    #: Set when the file is a translation of the revision (``language`` is then its
    #: language); None for the original.
    translation: AknTranslation | None = None


def akn_draft(session: Session, negotiation: Negotiation, now: datetime,
              revision: Revision | None) -> AknDraft:
    """The draft as ``revision`` froze it with the proposals open then, or as it stands
    with those open now."""
    if revision is not None and revision.negotiation_id != negotiation.id:
        raise InvalidSubmission("That revision belongs to another negotiation.")
    # Plain statements on the session's connection: the ORM has no objects to make of
    # them. Whatever the session holds unwritten is written first, as its own queries do.
    session.flush()
    connection = session.connection()
    if revision is not None:
        rows = frozen_paragraphs(connection, revision)
    else:
        rows = live_paragraphs(connection, negotiation.id)
    revisions = circulated(connection, negotiation.id)
    moment = revision.circulated_at if revision is not None else now
    proposals, named = open_proposals(
        connection, negotiation.id, revision.circulated_at if revision is not None else None,
        {row.paragraph_id for row in rows})
    if revision is not None:
        symbol = revision.symbol
    else:  # the last circulated, read above, or the draft's own before rev. 0
        symbol = revisions[-1][0] if revisions else negotiation.symbol
    first = revisions[0][1] if revisions else moment
    zone = negotiation.zone
    return AknDraft(
        negotiation_title=negotiation.title, council=negotiation.council,
        committee=negotiation.committee_name, symbol=symbol,
        work_symbol=re.sub(r"\s*rev\.\s*\d+\s*$", "", symbol),
        work_date=first.astimezone(zone).date(), issued=moment.astimezone(zone).date(),
        issued_label=local_date(negotiation, moment), language=negotiation.original_language,
        rows=rows, proposals=proposals, delegations=named,
        revision_number=revision.number if revision is not None else None,
    )


def eid_token(text: str) -> str:
    if text.isascii() and text.isalnum():  # most numbers ("12"), checked without a pattern
        return text.lower()
    return re.sub(r"[^0-9A-Za-z]+", "", text).lower() or "0"


def eid_of(label: str, kind: ParagraphKind) -> str:
    """A paragraph's eId from its number: "PP3" is ``recital_3``, "7 bis" ``para_7bis``,
    "7 (b)" ``para_7__point_b``."""
    if kind is ParagraphKind.SUBPARAGRAPH and label.endswith(")") and "(" in label:
        base, _, letter = label[:-1].rpartition("(")
        return f"{eid_of(base.strip(), ParagraphKind.OPERATIVE)}__point_{eid_token(letter)}"
    if kind is ParagraphKind.PREAMBULAR:
        return f"recital_{eid_token(label.removeprefix('PP'))}"
    return f"para_{eid_token(label)}"


def section_eid(section: Grouping) -> str:
    return "sec_" + (re.sub(r"[^0-9A-Za-z-]+", "", section.code).lower() or "0")


def delegation_eid(code: str) -> str:
    return f"delegation_{eid_token(code)}"


def symbol_slug(symbol: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", symbol.lower()).strip("-")
