"""A document as asked for (which one, in which format, with which filters, as of when, in
which language) and made from that request alone: its bytes and its download name."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from negotiation.documents.akn.statement import akn_draft
from negotiation.documents.akn.translation import akn_translation
from negotiation.documents.akn.writing import akoma_ntoso
from negotiation.documents.collection import collection_paused
from negotiation.documents.filters import comparison_for, revision_number, revisions_for
from negotiation.documents.formats import (
    Format,
    Progress,
    file_name,
    render_comparison,
    render_revisions,
)
from negotiation.documents.revision_comparison import revision_by_number
from negotiation.models import Negotiation
from negotiation.text.languages import DEFAULT_LANGUAGE, N_, known_language


@dataclass(frozen=True)
class DocumentRequest:
    """A document as asked for: which one, in which format, with which filters, as of when,
    in which language ("en", "es", "fr" or "pt")."""

    #: "comparison", "revisions" or "akn" (whose language is the expression's: the original's,
    #: or one of its translations)
    kind: str
    fmt: Format
    filters: tuple[tuple[str, str], ...]
    as_of: datetime
    language: str = DEFAULT_LANGUAGE

    @classmethod
    def of(cls, kind: str, fmt: Format, filters: dict[str, str], as_of: datetime,
           language: str = DEFAULT_LANGUAGE) -> DocumentRequest:
        """A request with its filters in a fixed order (empty ones dropped)."""
        return cls(kind, fmt, tuple(sorted((k, v) for k, v in filters.items() if v)), as_of,
                   known_language(language))

    def to_json(self) -> str:
        return json.dumps({"kind": self.kind, "fmt": self.fmt, "filters": self.filters,
                           "as_of": self.as_of.isoformat(), "language": self.language})

    @classmethod
    def from_json(cls, data: str) -> DocumentRequest:
        raw = json.loads(data)
        # A request stored before documents had a language was an English one.
        return cls(raw["kind"], raw["fmt"], tuple((k, v) for k, v in raw["filters"]),
                   datetime.fromisoformat(raw["as_of"]),
                   known_language(raw.get("language", DEFAULT_LANGUAGE)))


def produce(session: Session, negotiation: Negotiation, request: DocumentRequest,
            progress: Progress) -> tuple[bytes, str]:
    """The document's bytes and its download name; ``progress`` hears how far it has gone.

    The cycle collector is held off meanwhile (:mod:`negotiation.documents.collection`); a
    PDF's conversion, the longest part, is a wait on LibreOffice that allocates little.
    """
    progress(0.0, N_("Reading the draft"))

    def rendering(share: float, phase: str) -> None:
        progress(0.2 + 0.8 * share, phase)

    with collection_paused():
        # Made in a call of its own, so the text read is freed before the collector resumes
        # (its first pass would otherwise walk every object of it).
        return _made(session, negotiation, request, rendering)


def _made(session: Session, negotiation: Negotiation, request: DocumentRequest,
          rendering: Progress) -> tuple[bytes, str]:
    filters, fmt, language = dict(request.filters), request.fmt, request.language
    if request.kind == "akn":
        revision = None
        if filters.get("revision"):
            revision = revision_by_number(session, negotiation,
                                          revision_number(filters["revision"]))
        if revision is not None and language != negotiation.original_language:
            # A revision's expression in another language: its translation.
            draft = akn_translation(session, negotiation, revision, language)
            name = file_name(draft.symbol, "akn", fmt, language)
        else:
            draft = akn_draft(session, negotiation, request.as_of, revision)
            name = file_name(draft.symbol, "akn", fmt)
        rendering(0.5, N_("Writing the Akoma Ntoso file"))
        return akoma_ntoso(draft), name
    if request.kind == "revisions":
        compared = revisions_for(session, negotiation, filters, language)
        return (render_revisions(compared, fmt, rendering),
                file_name(compared.symbol_to, "changes", fmt, language))
    text = comparison_for(session, negotiation, request.as_of, filters, language)
    return (render_comparison(text, fmt, rendering),
            file_name(text.header.symbol, "comparison", fmt, language))
