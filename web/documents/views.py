"""Documents: the consolidated comparison text and the comparison of two revisions, as a page
and as Word and PDF downloads, and the re-base button on a proposal written on an older text.

The HTML content comes from the templates of :mod:`negotiation.documents`, the same ones the
command renders, so the page and the files say the same thing.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import suppress
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, flash, redirect, request, url_for
from flask.blueprints import BlueprintSetupState
from flask_babel import gettext, lazy_gettext
from flask_login import login_required
from jinja2 import FileSystemLoader
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from werkzeug.wrappers import Response as WerkzeugResponse

from negotiation.documents import TEMPLATES
from negotiation.documents.akn.translation import check_expression, translated_languages
from negotiation.documents.builds import find_or_claim, run_build
from negotiation.documents.collection import collection_paused
from negotiation.documents.filters import (
    comparison_filters,
    comparison_for,
    revision_pair,
    revisions_for,
)
from negotiation.documents.formats import Format
from negotiation.documents.parts import ComparisonText
from negotiation.documents.producing import DocumentRequest
from negotiation.documents.revision_comparison import RevisionComparison
from negotiation.draft.circulation import revisions_of
from negotiation.draft.drafting import sections_of
from negotiation.enums import BuildStatus, ParagraphState
from negotiation.errors import NegotiationError, NotPermitted
from negotiation.models import Amendment, DocumentBuild
from negotiation.people.permissions import can_read_documents, can_rebase
from negotiation.proposals.rebasing import rebase_proposal
from negotiation.setup.delegations import delegations_in_negotiation
from negotiation.text.languages import LANGUAGES
from web.draft.paragraphpage import proposal_for_change
from web.plumbing.access import actor, negotiation, now
from web.plumbing.dbsession import db
from web.plumbing.navigation import NavLink, add_nav_link
from web.plumbing.redirects import redirect_back
from web.plumbing.rendering import render
from web.words.languages import current_language, refusal
from web.words.wording import name_on_page

bp = Blueprint("documents", __name__, url_prefix="/documents")
# Its pages' templates, and the documents' own, shared with the command, which live in the
# domain package: one loader on the app's search path (after web/templates) for both.
bp.jinja_loader = FileSystemLoader([Path(__file__).parent / "templates", TEMPLATES])


@bp.record_once
def _nav(state: BlueprintSetupState) -> None:
    add_nav_link(state.app, NavLink("documents.comparison", lazy_gettext("Documents")))


@bp.get("/documents.css")
def stylesheet() -> Response:
    """The documents' own styles, the ones the standalone files carry inline, served as a
    file: the Content-Security-Policy refuses inline styles on the app's pages."""
    css = (TEMPLATES / "documents_shared" / "documents.css").read_text()
    return Response(css, mimetype="text/css", headers={"Cache-Control": "no-cache"})


def _require_reader() -> None:
    if not can_read_documents(actor()):
        abort(403)


COMPARISON_FILTERS = ("section", "delegation", "revision", "state", "layout")
REVISIONS_FILTERS = ("from", "to")


def _filters(names: tuple[str, ...]) -> dict[str, str]:
    return {k: request.args.get(k, "").strip() for k in names}


def _document_language() -> str:
    """The language a file is asked in (``?language=es``), else the reader's page language."""
    asked = request.args.get("language", "").strip().lower()
    return asked if asked in LANGUAGES else current_language()


def _comparison_from_args() -> tuple[ComparisonText, dict[str, str]]:
    """The comparison text the query string asks for, and the arguments to keep in links."""
    args = _filters(COMPARISON_FILTERS)
    try:
        text = comparison_for(db(), negotiation(), now(), args, current_language())
    except NegotiationError as exc:
        abort(404, refusal(exc))
    return text, {k: v for k, v in args.items() if v}


def _builds() -> ThreadPoolExecutor:
    """The app's document builder: one thread, so two big builds never share the machine's
    cores with each other and the requests at once."""
    executor: ThreadPoolExecutor = current_app.extensions.setdefault(
        "document_builds", ThreadPoolExecutor(1, thread_name_prefix="document-build"))
    return executor


def _document(asked: DocumentRequest) -> WerkzeugResponse:
    """The document, from what was built for this state of the draft, or built now: in the
    request for HTML (a fraction of a second), else outside it, the reader waiting a moment
    for the file and otherwise sent to a page that shows the build's progress."""
    session, config = db(), current_app.config
    build, mine = find_or_claim(session, negotiation(), asked)
    if mine:
        session.commit()  # the build writes in sessions of its own, which must see the row
        sessions: sessionmaker[Session] = config["SESSION_FACTORY"]
        if asked.fmt == "html" or config.get("DOCUMENT_BUILDS_INLINE"):
            run_build(sessions, build.id)
        else:
            with suppress(FutureTimeout):
                _builds().submit(run_build, sessions, build.id).result(
                    timeout=config["DOCUMENT_WAIT_SECONDS"])
        session.refresh(build)
    if build.status is BuildStatus.DONE:
        return _download(build)
    if build.status is BuildStatus.FAILED and mine:
        abort(503, build.error)
    return redirect(url_for("documents.build", build_id=build.id), 303)


def _download(build: DocumentBuild) -> Response:
    response = Response(build.content, mimetype=build.media_type.split(";")[0])
    response.headers["Content-Disposition"] = f'attachment; filename="{build.file_name}"'
    return response


def _build_of_this_negotiation(build_id: int) -> DocumentBuild:
    build = db().get(DocumentBuild, build_id)
    if build is None or build.negotiation_id != negotiation().id:
        abort(404, gettext("That document is no longer kept; ask for it again."))
    return build


@bp.get("/builds/<int:build_id>")
@login_required
def build(build_id: int) -> tuple[str, int]:
    """How far a document's build has gone; htmx polls the status while it runs."""
    _require_reader()
    found = _build_of_this_negotiation(build_id)
    asked = DocumentRequest.from_json(found.request)
    again = url_for(f"documents.{asked.kind}_file", fmt=asked.fmt, language=asked.language,
                    **dict(asked.filters))
    return render("documents/build.html", "documents/_build_status.html", build=found,
                  asked=asked, again=again, poll_seconds=current_app.config["BUILD_POLL_SECONDS"])


@bp.get("/builds/<int:build_id>/file")
@login_required
def build_file(build_id: int) -> WerkzeugResponse:
    """A built document's file (the progress page while it is still being built)."""
    _require_reader()
    found = _build_of_this_negotiation(build_id)
    if found.status is not BuildStatus.DONE:
        return redirect(url_for("documents.build", build_id=build_id), 303)
    return _download(found)


def _rebasable(text: ComparisonText) -> set[int]:
    """Proposals shown as written on an older text that the reader may re-base."""
    stale = [p.id for p in text.paragraphs() for p in p.proposals
             if p.written_on_older_version and p.kind.value == "modify"]
    if not stale:
        return set()
    who = actor()
    amendments = db().scalars(select(Amendment).where(Amendment.id.in_(stale)))
    return {a.id for a in amendments if a.is_open and can_rebase(who, a)}


@bp.get("/comparison")
@login_required
def comparison() -> tuple[str, int]:
    """The consolidated comparison text, filtered by section, delegation or revision."""
    _require_reader()
    with collection_paused():  # as when the text is built for a download
        text, args = _comparison_from_args()
        session, current = db(), negotiation()
        return render(
            "documents/comparison.html", "documents/comparison.html",
            comparison=text, args=args, rebasable=_rebasable(text),
            sections=sections_of(session, current),
            delegations=delegations_in_negotiation(session, current),
            revisions=revisions_of(session, current), states=list(ParagraphState),
            translated=translated_languages(session, current), languages=LANGUAGES,
        )


@bp.get("/comparison.<any(docx, pdf, html):fmt>")
@login_required
def comparison_file(fmt: Format) -> WerkzeugResponse:
    """The consolidated comparison text as a file to download."""
    _require_reader()
    filters = _filters(COMPARISON_FILTERS)
    try:
        comparison_filters(db(), negotiation(), filters)
    except NegotiationError as exc:
        abort(404, refusal(exc))
    return _document(DocumentRequest.of("comparison", fmt, filters, now(),
                                        _document_language()))


@bp.get("/akoma-ntoso.<any(xml):fmt>")
@login_required
def akn_file(fmt: Format) -> WerkzeugResponse:
    """The draft as Akoma Ntoso XML: as circulated in revision N (``?revision=N``), or as
    it stands today, with the proposals on the table as amendments; a revision in one of
    its translations with ``?language=es``."""
    _require_reader()
    filters = _filters(("revision",))
    current = negotiation()
    # The expression's language: the original's, or a translation's (``?language=es``).
    language = request.args.get("language", "").strip().lower() or current.original_language
    try:
        comparison_filters(db(), current, filters)  # refuses a revision that is not
        check_expression(current, language, bool(filters["revision"]))
    except NegotiationError as exc:
        abort(404, refusal(exc))
    return _document(DocumentRequest.of("akn", fmt, filters, now(), language))


def _revisions_from_args() -> tuple[RevisionComparison | None, dict[str, str]]:
    args = _filters(REVISIONS_FILTERS)
    if not (args["from"] and args["to"]):
        return None, {}
    try:
        return revisions_for(db(), negotiation(), args, current_language()), args
    except NegotiationError as exc:
        abort(404, refusal(exc))


@bp.get("/revisions")
@login_required
def revisions() -> tuple[str, int]:
    """Two revisions compared paragraph by paragraph."""
    _require_reader()
    compared, args = _revisions_from_args()
    return render(
        "documents/revisions.html", "documents/revisions.html",
        revisions=compared, args=args, circulated=revisions_of(db(), negotiation()),
        translated=translated_languages(db(), negotiation()), languages=LANGUAGES,
    )


@bp.get("/revisions.<any(docx, pdf, html):fmt>")
@login_required
def revisions_file(fmt: Format) -> WerkzeugResponse:
    """Two revisions compared, as a file to download."""
    _require_reader()
    filters = _filters(REVISIONS_FILTERS)
    if not (filters["from"] and filters["to"]):
        abort(404, gettext("Choose the two revisions to compare."))
    try:
        revision_pair(db(), negotiation(), filters)
    except NegotiationError as exc:
        abort(404, refusal(exc))
    return _document(DocumentRequest.of("revisions", fmt, filters, now(),
                                        _document_language()))


@bp.get("/download")
@login_required
def download() -> WerkzeugResponse:
    """The documents page's choice of language and format, sent to the file it names (a
    form rather than a link per language and format, so it works without JavaScript)."""
    _require_reader()
    kind, fmt = request.args.get("document", ""), request.args.get("format", "")
    if kind not in ("comparison", "revisions") or fmt not in ("docx", "pdf", "html"):
        abort(404, gettext("Choose a document and a format."))
    names = COMPARISON_FILTERS if kind == "comparison" else REVISIONS_FILTERS
    filters = {name: value for name, value in _filters(names).items() if value}
    return redirect(url_for(f"documents.{kind}_file", fmt=fmt, language=_document_language(),
                            **filters), 303)


@bp.post("/proposal/<int:amendment_id>/rebase")
@login_required
def rebase(amendment_id: int) -> WerkzeugResponse:
    """Re-apply a proposal written on an older text to the current one (or flag the conflict)."""
    amendment = proposal_for_change(amendment_id)
    try:
        outcome = rebase_proposal(db(), negotiation(), actor(), amendment, now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        flash(refusal(exc), "error")
    else:
        number, delegation = amendment.number, name_on_page(amendment.delegation)
        if outcome.status == "rebased" and outcome.proposal is not None:
            flash(gettext("Proposal %(number)s of %(delegation)s now reads on the current "
                          "text, as proposal %(new)s.", number=number, delegation=delegation,
                          new=outcome.proposal.number), "success")
        elif outcome.status == "rebased":
            flash(gettext("Proposal %(number)s of %(delegation)s now reads on the current "
                          "text, as a new proposal.", number=number, delegation=delegation),
                  "success")
        elif outcome.status == "conflict":
            flash(gettext("Proposal %(number)s of %(delegation)s could not be re-applied to "
                          "the current text: it conflicts with the chair's changes and stays "
                          "on its own base.", number=number, delegation=delegation), "error")
        else:
            flash(gettext("The current text already says what proposal %(number)s of "
                          "%(delegation)s asked for.", number=number, delegation=delegation),
                  "success")
    return redirect_back(request.form.get("next"), "documents.comparison")
