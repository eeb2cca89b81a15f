"""What a delegation sends: modifications (with a live diff), comments, support, requests to
delete, new paragraphs; joining another's proposal; withdrawing its own."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from negotiation.draft.drafting import labels, paragraphs_of
from negotiation.draft.sectionnumbers import section_numbering
from negotiation.enums import AmendmentKind, ParagraphKind, Role
from negotiation.errors import DeadlinePassed, NegotiationError, NotPermitted, StaleEdit
from negotiation.models import ParagraphVersion, Section
from negotiation.proposals.cosponsors import join_proposal, leave_proposal
from negotiation.proposals.replies import reply_to_comment
from negotiation.proposals.submissions import (
    revise_proposal,
    submit_new_paragraph,
    submit_proposal,
    withdraw_proposal,
)
from negotiation.record.queries import proposals_joined_by, proposals_of_delegation
from negotiation.text.diffs import Change, rebase, word_diff
from web.draft.paragraphpage import (
    act_on_proposal,
    paragraph_for_change,
    paragraph_to_propose_on,
    proposal_for_change,
    render_paragraph,
    submission_window,
)
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db, reads_only
from web.plumbing.errors import status_for
from web.plumbing.rendering import wants_fragment
from web.plumbing.requestvalues import form_id

bp = Blueprint("proposals", __name__, url_prefix="/proposals", template_folder="templates")

_PARAGRAPH_KINDS = {"modify", "comment", "support", "delete"}


def _carried_forward(
    exc: StaleEdit, kept: dict[str, str]
) -> tuple[str, dict[str, str], list[Change] | None]:
    """A modification written on a version that has since been replaced, carried onto the new
    one: re-based where its changes still apply, otherwise the new text to edit again, with
    the delegation's own text kept beside it. Sending the form again never undoes the new
    version unseen."""
    written, current = exc.written_on, exc.current
    if kept.get("kind") != "modify" or not isinstance(written, ParagraphVersion) \
            or not isinstance(current, ParagraphVersion):
        return str(exc), kept, None
    changed = f"The paragraph changed while you were writing (now version {current.number})."
    outcome = rebase(written.text, kept.get("text", ""), current.text)
    if outcome.status == "clean" and outcome.text is not None:
        return (f"{changed} Your changes were carried onto the new version: check the text "
                "below, then send it again.", {**kept, "text": outcome.text}, outcome.changes)
    return (f"{changed} Your changes overlap with it, so they could not be carried over: "
            "the form now holds the new text; your own text is kept beside it. Make your "
            "changes again and send.", {**kept, "text": current.text, "own_text": kept["text"]},
            None)


def _form_key(kind: str) -> str:
    return "modify" if kind == "modify" else "comment"


@bp.post("/paragraph/<int:paragraph_id>")
@roles_required(Role.DELEGATION)
def propose(paragraph_id: int) -> Response | tuple[str, int]:
    """Send a modification, comment, support or request to delete on a paragraph."""
    paragraph, current = paragraph_to_propose_on(paragraph_id)
    kind = request.form.get("kind", "")
    kept = {k: request.form.get(k, "") for k in ("kind", "text", "comment", "written_on")}
    if kind not in _PARAGRAPH_KINDS:
        return render_paragraph(paragraph, errors={"comment": "Choose what to send."},
                                kept=kept, status=422)
    written_on = form_id("written_on") or 0
    try:
        submission = submit_proposal(
            db(), negotiation(), actor(), paragraph, AmendmentKind(kind), now(),
            written_on=written_on, text=request.form.get("text"),
            comment=request.form.get("comment", ""), current=current,
        )
    except StaleEdit as exc:
        message, kept, carried = _carried_forward(exc, kept)
        return render_paragraph(paragraph, errors={"modify": message}, kept=kept, stale=exc,
                                live_diff=carried, status=409)
    except DeadlinePassed as exc:
        return render_paragraph(paragraph, errors={"deadline": str(exc)}, kept=kept,
                                status=409)
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return render_paragraph(paragraph, errors={_form_key(kind): str(exc)}, kept=kept,
                                status=status_for(exc))
    flash(f"Your {AmendmentKind(kind).label.lower()} was sent as "
          f"{submission.amendment.title}.", "success")
    return redirect(url_for("draft.paragraph", paragraph_id=paragraph.id) + "#proposals-h", 303)


@bp.post("/paragraph/<int:paragraph_id>/diff")
@roles_required(Role.DELEGATION, Role.CHAIR)
@reads_only
def diff_preview(paragraph_id: int) -> tuple[str, int]:
    """The changes between the paragraph's text and what is typed, as <del>/<ins>."""
    paragraph = paragraph_for_change(paragraph_id)
    written_on = form_id("written_on")
    version = db().get(ParagraphVersion, written_on) if written_on else None
    base = version.text if version and version.paragraph_id == paragraph.id else paragraph.text
    changes = word_diff(base, request.form.get("text", ""))
    if wants_fragment():
        return render_template("proposals/_diff.html", changes=changes), 200
    kept = {k: request.form.get(k, "") for k in ("kind", "text", "comment", "written_on")}
    # Without JavaScript the whole page comes back with the changes shown.
    return render_paragraph(paragraph, kept=kept, live_diff=changes)


@bp.route("/section/<int:section_id>/new", methods=["GET", "POST"])
@roles_required(Role.DELEGATION)
def new_paragraph(section_id: int) -> Response | tuple[str, int]:
    """Propose a new paragraph in a section, after a chosen paragraph."""
    session, current = db(), negotiation()
    section = session.get(Section, section_id)
    if section is None or section.negotiation_id != current.id:
        abort(404)
    # The section alone: its paragraphs to place the new one after, labelled as the whole
    # draft numbers them, and its cap; in a draft of any length the same few reads.
    numbering = section_numbering(session, section)
    siblings = [p for p in paragraphs_of(session, current, section_ids=[section.id])
                if p.parent_id is None]
    kept = {k: request.form.get(k, "") for k in ("kind", "text", "comment", "after")}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        after = None
        if kept["after"]:
            after = next((p for p in siblings if str(p.id) == kept["after"]), None)
        try:
            kind = ParagraphKind(kept["kind"] or "operative")
            submission = submit_new_paragraph(
                session, current, actor(), section, kind, kept["text"], now(),
                after=after, comment=kept["comment"],
            )
        except ValueError:
            errors["kind"], status = "Choose preambular or operative.", 422
        except NotPermitted:
            raise
        except DeadlinePassed as exc:
            errors["deadline"], status = str(exc), 409
        except NegotiationError as exc:
            errors["text"], status = str(exc), status_for(exc)
        else:
            for warning in submission.warnings:
                flash(f"Over the cap (the chair decides): {warning}", "warning")
            flash(f"Your new paragraph was sent as {submission.amendment.title}.", "success")
            return redirect(url_for("draft.paragraph",
                                    paragraph_id=submission.amendment.paragraph_id), 303)
    return render_template(
        "proposals/new_paragraph.html", negotiation=current, section=section,
        siblings=siblings, label_of=numbering.label_of, kept=kept, errors=errors,
        **submission_window(section, numbering),
    ), status


@bp.post("/<int:amendment_id>/join")
@roles_required(Role.DELEGATION)
def join(amendment_id: int) -> Response | tuple[str, int]:
    """Join another delegation's proposal."""
    amendment = proposal_for_change(amendment_id)
    return act_on_proposal(
        amendment,
        lambda: join_proposal(db(), negotiation(), actor(), amendment, now()),
        f"Your delegation joined the proposal of {amendment.delegation.name} "
        f"({amendment.title}).",
    )


@bp.post("/<int:amendment_id>/withdraw")
@roles_required(Role.DELEGATION)
def withdraw(amendment_id: int) -> Response | tuple[str, int]:
    """Withdraw one's own proposal (a new paragraph goes with it)."""
    amendment = proposal_for_change(amendment_id)
    if amendment.delegation_id != actor().delegation_id:
        abort(403, "Only the delegation that made a proposal may withdraw it.")
    return act_on_proposal(
        amendment,
        lambda: withdraw_proposal(db(), negotiation(), actor(), amendment, now()),
        f"Your {amendment.title} was withdrawn.",
    )


@bp.post("/<int:amendment_id>/revise")
@roles_required(Role.DELEGATION)
def revise(amendment_id: int) -> Response | tuple[str, int]:
    """Send a new version of one's own open proposal; the earlier one is kept, superseded."""
    amendment = proposal_for_change(amendment_id)
    key = f"revise-{amendment.id}"
    kept = {key: request.form.get("text", ""), f"{key}-comment": request.form.get("comment", "")}
    try:
        submission = revise_proposal(db(), negotiation(), actor(), amendment, now(),
                                     text=request.form.get("text"),
                                     comment=request.form.get("comment", ""))
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return render_paragraph(amendment.paragraph, errors={f"proposal-{amendment.id}": str(exc)},
                                kept=kept, status=status_for(exc))
    for warning in submission.warnings:
        flash(warning, "warning")
    flash(f"Your revised {amendment.kind.label.lower()} was sent as "
          f"{submission.amendment.title}; the earlier text ({amendment.title}) is kept in the "
          "record.", "success")
    return redirect(url_for("draft.paragraph", paragraph_id=amendment.paragraph_id)
                    + f"#proposal-{submission.amendment.id}", 303)


@bp.post("/<int:amendment_id>/leave")
@roles_required(Role.DELEGATION)
def leave(amendment_id: int) -> Response | tuple[str, int]:
    """Leave a proposal one's delegation joined."""
    amendment = proposal_for_change(amendment_id)
    return act_on_proposal(
        amendment,
        lambda: leave_proposal(db(), negotiation(), actor(), amendment, now()),
        f"Your delegation left the proposal of {amendment.delegation.name} "
        f"({amendment.title}).",
    )


@bp.post("/<int:amendment_id>/reply")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def reply(amendment_id: int) -> Response | tuple[str, int]:
    """The chair's or the secretariat's answer to a delegation's comment."""
    amendment = proposal_for_change(amendment_id)
    text = request.form.get("text", "")
    try:
        reply_to_comment(db(), negotiation(), actor(), amendment, text, now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return render_paragraph(amendment.paragraph, errors={f"proposal-{amendment.id}": str(exc)},
                                kept={f"reply-{amendment.id}": text}, status=status_for(exc))
    flash(f"Your reply to {amendment.delegation.name} was sent ({amendment.title}).",
          "success")
    return redirect(url_for("draft.paragraph", paragraph_id=amendment.paragraph_id)
                    + f"#proposal-{amendment.id}", 303)


@bp.get("/mine")
@roles_required(Role.DELEGATION)
def mine() -> str:
    """The delegation's own proposals and those it joined, with where they stand."""
    session, current = db(), negotiation()
    delegation_id = actor().delegation_id
    assert delegation_id is not None
    return render_template(
        "proposals/mine.html", negotiation=current,
        own=proposals_of_delegation(session, current, delegation_id),
        joined=proposals_joined_by(session, current, delegation_id),
        label_of=labels(paragraphs_of(session, current)),
    )
