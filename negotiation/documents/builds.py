"""Each document built once per state of the draft, and built outside the request that asks.

A document is named by everything it depends on: the negotiation, which document and format,
its filters, its language (a Spanish reader never gets the English file, nor the other way
round), the last entry of the negotiation's record (every act that changes the draft,
a proposal or a revision writes one), the date printed on it and the code that renders it.
The same document asked again before anything changed is the row already built; anything
recorded since makes a new name, so a built document is never stale. Two requests for the
same new document at once insert the same unique key: one builds, the other waits for it.

A build runs from its stored request alone (:func:`run_build`), in a session of its own, so
it can run in a thread of the web process while the reader watches its progress.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from negotiation.documents.akn.statement import akn_draft
from negotiation.documents.akn.translation import akn_translation
from negotiation.documents.akn.writing import akoma_ntoso
from negotiation.documents.collection import collection_paused
from negotiation.documents.comparison import build_comparison
from negotiation.documents.formats import (
    MEDIA_TYPES,
    Format,
    Progress,
    file_name,
    render_comparison,
    render_revisions,
)
from negotiation.documents.parts import ComparisonText
from negotiation.documents.pdf import ConversionFailed
from negotiation.documents.revision_comparison import (
    RevisionComparison,
    compare_revisions,
    revision_by_number,
)
from negotiation.enums import BuildStatus, ParagraphState
from negotiation.errors import InvalidSubmission, NegotiationError
from negotiation.models import (
    Delegation,
    DocumentBuild,
    Negotiation,
    RecordEntry,
    Revision,
    Section,
)
from negotiation.text.languages import (
    CATALOGS,
    DEFAULT_LANGUAGE,
    N_,
    gettext_in,
    known_language,
    translate,
)

log = logging.getLogger(__name__)

#: A build whose heartbeat is older than this was abandoned (its process died); the next
#: request starts it again. Longer than the slowest step (a PDF conversion's time limit).
ABANDONED_AFTER = timedelta(minutes=5)
_SOURCES = Path(__file__).resolve().parent


def _rendering_version() -> str:
    """A hash of the code and the wording that make the documents: a new release, or new
    translations of their words, never serve old files."""
    digest = hashlib.sha256()
    files = [*sorted(_SOURCES.rglob("*")), *sorted(CATALOGS.rglob("*.po"))]
    for path in files:
        if path.is_file() and path.suffix in (".py", ".html", ".css", ".po"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


RENDERING_VERSION = _rendering_version()


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


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def last_entry_id(session: Session, negotiation_id: int) -> int:
    """The id of the newest entry in the negotiation's record (0 when it has none)."""
    return session.scalar(select(func.max(RecordEntry.id)).where(
        RecordEntry.negotiation_id == negotiation_id)) or 0


def keys(session: Session, negotiation: Negotiation, request: DocumentRequest
         ) -> tuple[str, str]:
    """The document's key (everything it depends on) and its scope (the key less the state)."""
    scope = _hash(negotiation.id, request.kind, request.fmt, request.filters, RENDERING_VERSION,
                  request.language)
    day = request.as_of.astimezone(negotiation.zone).date()
    return _hash(scope, last_entry_id(session, negotiation.id), day), scope


def _utcnow() -> datetime:
    return datetime.now(UTC)


def find_or_claim(session: Session, negotiation: Negotiation, request: DocumentRequest
                  ) -> tuple[DocumentBuild, bool]:
    """The build of this document for the negotiation as it stands, and whether the caller
    must run it (a new build, or one that failed or was abandoned, claimed for the caller)."""
    key, scope = keys(session, negotiation, request)
    found = session.scalars(select(DocumentBuild).where(DocumentBuild.key == key)).first()
    if found is None:
        moment = _utcnow()
        build = DocumentBuild(
            negotiation_id=negotiation.id, key=key, scope=scope, request=request.to_json(),
            status=BuildStatus.BUILDING, progress=0.0, phase=N_("Waiting to start"),
            file_name="", media_type="", error="", started_at=moment, heartbeat_at=moment,
        )
        try:
            with session.begin_nested():
                session.add(build)
        except IntegrityError:
            # Someone asked for the same document at the same moment: theirs is the build.
            found = session.scalars(select(DocumentBuild).where(DocumentBuild.key == key)).one()
        else:
            return build, True
    return found, _reclaim(session, found)


def _reclaim(session: Session, build: DocumentBuild) -> bool:
    """Take over a failed or abandoned build; only one caller wins (the row is compared)."""
    moment = _utcnow()
    abandoned = (build.status is BuildStatus.BUILDING
                 and build.heartbeat_at < moment - ABANDONED_AFTER)
    if build.status is not BuildStatus.FAILED and not abandoned:
        return False
    taken = session.execute(
        update(DocumentBuild)
        .where(DocumentBuild.id == build.id, DocumentBuild.status == build.status,
               DocumentBuild.heartbeat_at == build.heartbeat_at)
        .values(status=BuildStatus.BUILDING, progress=0.0, phase=N_("Waiting to start"), error="",
                started_at=moment, heartbeat_at=moment)
        .execution_options(synchronize_session=False)
    ).rowcount
    session.refresh(build)
    return taken == 1


def _revision_number(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise InvalidSubmission("There is no revision '%(number)s'.", number=text)
    return int(text)


@dataclass(frozen=True)
class ComparisonFilters:
    """What a comparison text is narrowed to."""

    section: Section | None = None
    delegation: Delegation | None = None
    revision: Revision | None = None
    states: frozenset[ParagraphState] | None = None
    in_draft_order: bool = False


def comparison_filters(session: Session, negotiation: Negotiation, filters: dict[str, str]
                       ) -> ComparisonFilters:
    """The filters by name (section and delegation by code, revision by number), or a refusal
    naming what does not exist."""
    section = delegation = revision = None
    if filters.get("section"):
        section = session.scalars(select(Section).where(
            Section.negotiation_id == negotiation.id,
            Section.code == filters["section"])).first()
        if section is None:
            raise InvalidSubmission("No such section.")
    if filters.get("delegation"):
        delegation = session.scalars(
            select(Delegation).where(Delegation.code == filters["delegation"])).first()
        if delegation is None:
            raise InvalidSubmission("No such delegation.")
    if filters.get("revision"):
        revision = revision_by_number(session, negotiation, _revision_number(filters["revision"]))
    states = None
    if filters.get("state"):
        try:
            states = frozenset({ParagraphState(filters["state"])})
        except ValueError:
            raise InvalidSubmission("No such state.") from None
    return ComparisonFilters(section, delegation, revision, states,
                             filters.get("layout") == "draft")


def comparison_for(session: Session, negotiation: Negotiation, now: datetime,
                   filters: dict[str, str], language: str = DEFAULT_LANGUAGE) -> ComparisonText:
    """The consolidated comparison text the filters name, in ``language``."""
    chosen = comparison_filters(session, negotiation, filters)
    return build_comparison(session, negotiation, now, section=chosen.section,
                            delegation=chosen.delegation, revision=chosen.revision,
                            states=chosen.states, in_draft_order=chosen.in_draft_order,
                            language=language)


def revision_pair(session: Session, negotiation: Negotiation, filters: dict[str, str]
                  ) -> tuple[Revision, Revision]:
    """The two revisions to compare, by their numbers (filters "from" and "to")."""
    return (
        revision_by_number(session, negotiation, _revision_number(filters.get("from", ""))),
        revision_by_number(session, negotiation, _revision_number(filters.get("to", ""))),
    )


def revisions_for(session: Session, negotiation: Negotiation, filters: dict[str, str],
                  language: str = DEFAULT_LANGUAGE) -> RevisionComparison:
    """Two revisions compared, by their numbers, in ``language``."""
    return compare_revisions(session, *revision_pair(session, negotiation, filters),
                             language=language)


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
                                          _revision_number(filters["revision"]))
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


def run_build(sessions: sessionmaker[Session], build_id: int) -> None:
    """Build the document of ``build_id`` and store it (or the reason it failed), telling
    the row its progress on the way; each write in a short transaction of its own."""
    last: dict[str, object] = {"share": 0.0, "phase": ""}

    def progress(share: float, phase: str) -> None:
        # A write per 5 % or per new phase, not one per paragraph.
        if phase == last["phase"] and share - float(last["share"]) < 0.05:  # type: ignore[arg-type]
            return
        last.update(share=share, phase=phase)
        with sessions() as session, session.begin():
            session.execute(update(DocumentBuild).where(DocumentBuild.id == build_id).values(
                progress=min(share, 1.0), phase=phase[:80], heartbeat_at=_utcnow()))

    request: DocumentRequest | None = None
    try:
        with sessions() as session:
            build = session.get(DocumentBuild, build_id)
            if build is None:
                return
            negotiation = session.get(Negotiation, build.negotiation_id)
            assert negotiation is not None
            request = DocumentRequest.from_json(build.request)
            content, name = produce(session, negotiation, request, progress)
    except (NegotiationError, ConversionFailed) as exc:
        # Each build is asked in one language: its readers read why it failed in that one.
        language = request.language if request is not None else DEFAULT_LANGUAGE
        _finish(sessions, build_id, error=exc.translated(gettext_in(language)))
        return
    except Exception:
        log.exception("Document build %s failed", build_id)
        _finish(sessions, build_id, error=translate(
            N_("The document could not be built; the error is in the server's log."),
            request.language if request is not None else DEFAULT_LANGUAGE))
        return
    assert request is not None  # read before anything was produced
    _finish(sessions, build_id, content=content, name=name,
            media_type=MEDIA_TYPES[request.fmt])


def _finish(sessions: sessionmaker[Session], build_id: int, *, content: bytes | None = None,
            name: str = "", media_type: str = "", error: str = "") -> None:
    with sessions() as session, session.begin():
        build = session.get(DocumentBuild, build_id)
        if build is None:
            return
        moment = _utcnow()
        build.heartbeat_at = build.finished_at = moment
        if content is None:
            build.status, build.error, build.phase = BuildStatus.FAILED, error, N_("Failed")
            return
        build.status, build.progress, build.phase = BuildStatus.DONE, 1.0, N_("Ready")
        build.content, build.file_name, build.media_type = content, name, media_type
        # Older states of the same document will never be asked for again by its name.
        session.execute(delete(DocumentBuild).where(
            DocumentBuild.scope == build.scope, DocumentBuild.id != build.id,
            DocumentBuild.status != BuildStatus.BUILDING))
