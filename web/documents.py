"""Documents: the consolidated comparison text and the comparison of two revisions, as a page
and as Word and PDF downloads, and the re-base button on a proposal written on an older text.

The HTML content comes from the templates of :mod:`negotiation.documents`, the same ones the
command renders, so the page and the files say the same thing.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, request, url_for
from flask.blueprints import BlueprintSetupState
from flask_login import login_required
from sqlalchemy import select
from werkzeug.wrappers import Response as WerkzeugResponse

from negotiation.circulation import revisions_of
from negotiation.comparison import ComparisonText, build_comparison
from negotiation.documents import TEMPLATES
from negotiation.documents.formats import (
    MEDIA_TYPES,
    Format,
    file_name,
    render_comparison,
    render_revisions,
)
from negotiation.documents.pdf import ConversionFailed
from negotiation.drafting import sections_of
from negotiation.enums import ParagraphState
from negotiation.errors import NegotiationError, NotPermitted
from negotiation.models import Amendment, Delegation, Revision, Section
from negotiation.permissions import can_read_documents, can_rebase
from negotiation.rebasing import rebase_proposal
from negotiation.revision_comparison import (
    RevisionComparison,
    compare_revisions,
    revision_by_number,
)
from web.access import actor, negotiation, now
from web.dbsession import db
from web.navigation import NavLink, add_nav_link
from web.rendering import render

# The shared document templates live in the domain package; the blueprint adds them to the
# app's template search path (after web/templates, so the page templates stay ours).
bp = Blueprint("documents", __name__, url_prefix="/documents", template_folder=str(TEMPLATES))


@bp.record_once
def _nav(state: BlueprintSetupState) -> None:
    add_nav_link(state.app, NavLink("documents.comparison", "Documents"))


def _require_reader() -> None:
    if not can_read_documents(actor()):
        abort(403)


def _comparison_from_args() -> tuple[ComparisonText, dict[str, str]]:
    """The comparison text the query string asks for, and the arguments to keep in links."""
    session, current = db(), negotiation()
    args = {k: request.args.get(k, "").strip()
            for k in ("section", "delegation", "revision", "state", "layout")}
    section = delegation = revision = None
    states = None
    if args["state"]:
        try:
            states = frozenset({ParagraphState(args["state"])})
        except ValueError:
            abort(404, "No such state.")
    if args["section"]:
        section = session.scalars(select(Section).where(
            Section.negotiation_id == current.id, Section.code == args["section"])).first()
        if section is None:
            abort(404, "No such section.")
    if args["delegation"]:
        delegation = session.scalars(
            select(Delegation).where(Delegation.code == args["delegation"])).first()
        if delegation is None:
            abort(404, "No such delegation.")
    if args["revision"]:
        revision = _revision(args["revision"])
    text = build_comparison(session, current, now(), section=section, delegation=delegation,
                            revision=revision, states=states,
                            in_draft_order=args["layout"] == "draft")
    return text, {k: v for k, v in args.items() if v}


def _revision(number: str) -> Revision:
    if not number.isdigit():
        abort(404, "No such revision.")
    try:
        return revision_by_number(db(), negotiation(), int(number))
    except NegotiationError as exc:
        abort(404, str(exc))


def _download(content: bytes, name: str, fmt: Format) -> Response:
    response = Response(content, mimetype=MEDIA_TYPES[fmt].split(";")[0])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


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
    text, args = _comparison_from_args()
    session, current = db(), negotiation()
    return render(
        "documents/comparison.html", "documents/comparison.html",
        comparison=text, args=args, rebasable=_rebasable(text),
        sections=sections_of(session, current),
        delegations=list(session.scalars(select(Delegation).order_by(Delegation.name_en))),
        revisions=revisions_of(session, current), states=list(ParagraphState),
    )


@bp.get("/comparison.<any(docx, pdf, html):fmt>")
@login_required
def comparison_file(fmt: Format) -> Response:
    """The consolidated comparison text as a file to download."""
    _require_reader()
    text, _ = _comparison_from_args()
    try:
        content = render_comparison(text, fmt)
    except ConversionFailed as exc:
        abort(503, str(exc))
    return _download(content, file_name(text.header.symbol, "comparison", fmt), fmt)


def _revisions_from_args() -> tuple[RevisionComparison | None, dict[str, str]]:
    args = {k: request.args.get(k, "").strip() for k in ("from", "to")}
    if not (args["from"] and args["to"]):
        return None, {}
    return compare_revisions(db(), _revision(args["from"]), _revision(args["to"])), args


@bp.get("/revisions")
@login_required
def revisions() -> tuple[str, int]:
    """Two revisions compared paragraph by paragraph."""
    _require_reader()
    compared, args = _revisions_from_args()
    return render(
        "documents/revisions.html", "documents/revisions.html",
        revisions=compared, args=args, circulated=revisions_of(db(), negotiation()),
    )


@bp.get("/revisions.<any(docx, pdf, html):fmt>")
@login_required
def revisions_file(fmt: Format) -> Response:
    """Two revisions compared, as a file to download."""
    _require_reader()
    compared, _ = _revisions_from_args()
    if compared is None:
        abort(404, "Choose the two revisions to compare.")
    try:
        content = render_revisions(compared, fmt)
    except ConversionFailed as exc:
        abort(503, str(exc))
    return _download(content, file_name(compared.symbol_to, "changes", fmt), fmt)


@bp.post("/proposal/<int:amendment_id>/rebase")
@login_required
def rebase(amendment_id: int) -> WerkzeugResponse:
    """Re-apply a proposal written on an older text to the current one (or flag the conflict)."""
    amendment = db().get(Amendment, amendment_id)
    if amendment is None or amendment.negotiation_id != negotiation().id:
        abort(404)
    try:
        outcome = rebase_proposal(db(), negotiation(), actor(), amendment, now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        flash(str(exc), "error")
    else:
        name = amendment.delegation.name
        if outcome.status == "rebased":
            flash(f"The proposal of {name} now reads on the current text.", "success")
        elif outcome.status == "conflict":
            flash(f"The proposal of {name} could not be re-applied to the current text: it "
                  "conflicts with the chair's changes and stays on its own base.", "error")
        else:
            flash(f"The current text already reads as proposed by {name}.", "success")
    back = request.form.get("next") or url_for("documents.comparison")
    if not back.startswith("/"):  # only ever back into this app
        back = url_for("documents.comparison")
    return redirect(back, 303)
