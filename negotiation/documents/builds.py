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
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from negotiation.documents.formats import MEDIA_TYPES
from negotiation.documents.pdf import ConversionFailed
from negotiation.documents.producing import DocumentRequest, produce
from negotiation.enums import BuildStatus
from negotiation.errors import NegotiationError
from negotiation.models import DocumentBuild, Negotiation, RecordEntry
from negotiation.text.languages import CATALOGS, DEFAULT_LANGUAGE, N_, gettext_in, translate

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
