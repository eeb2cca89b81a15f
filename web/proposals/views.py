"""What a delegation sends: modifications (with a live diff), comments, support, requests to
delete, new paragraphs; joining another's proposal; withdrawing its own."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from negotiation.draft.drafting import labels, paragraphs_of
from negotiation.draft.sectionnumbers import section_numbering
from negotiation.enums import AmendmentKind, ParagraphKind, Role
from negotiation.errors import DeadlinePassed, NegotiationError, NotPermitted, StaleEdit
from negotiation.models import Paragraph, ParagraphVersion, Section
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
from web.words.languages import refusal
from web.words.wording import in_words, name_on_page

bp = Blueprint("proposals", __name__, url_prefix="/proposals", template_folder="templates")

_PARAGRAPH_KINDS = {"modify", "comment", "support", "delete", "footnote"}


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
        return refusal(exc), kept, None
    outcome = rebase(written.text, kept.get("text", ""), current.text)
    if outcome.status == "clean" and outcome.text is not None:
        return (gettext("The paragraph changed while you were writing (now version "
                        "%(number)s). Your changes were carried onto the new version: check "
                        "the text below, then send it again.", number=current.number),
                {**kept, "text": outcome.text}, outcome.changes)
    return (gettext("The paragraph changed while you were writing (now version %(number)s). "
                    "Your changes overlap with it, so they could not be carried over: the form "
                    "now holds the new text; your own text is kept beside it. Make your "
                    "changes again and send.", number=current.number),
            {**kept, "text": current.text, "own_text": kept["text"]}, None)


def _sent(kind: AmendmentKind, number: int) -> str:
    """What the delegation is told once its proposal is stored: one sentence per kind, since
    the words around the kind agree with it in Spanish, French and Portuguese."""
    if kind is AmendmentKind.MODIFY:
        return gettext("Your proposed modification was sent as proposal %(number)s.",
                       number=number)
    if kind is AmendmentKind.DELETE:
        return gettext("Your request to delete was sent as proposal %(number)s.", number=number)
    if kind is AmendmentKind.SUPPORT:
        return gettext("Your support was sent as proposal %(number)s.", number=number)
    if kind is AmendmentKind.FOOTNOTE:
        return gettext("Your request for a national footnote was sent as proposal %(number)s.",
                       number=number)
    return gettext("Your comment was sent as proposal %(number)s.", number=number)


def _revised(kind: AmendmentKind, number: int, earlier: int) -> str:
    if kind is AmendmentKind.MODIFY:
        return gettext("Your revised proposed modification was sent as proposal %(number)s; "
                       "the earlier text (proposal %(earlier)s) is kept in the record.",
                       number=number, earlier=earlier)
    return gettext("Your revised comment was sent as proposal %(number)s; the earlier text "
                   "(proposal %(earlier)s) is kept in the record.",
                   number=number, earlier=earlier)


def _form_key(kind: str) -> str:
    return {"modify": "modify", "footnote": "footnote"}.get(kind, "comment")


@bp.post("/paragraph/<int:paragraph_id>")
@roles_required(Role.DELEGATION)
def propose(paragraph_id: int) -> Response | tuple[str, int]:
    """Send a modification, comment, support or request to delete on a paragraph."""
    paragraph, current = paragraph_to_propose_on(paragraph_id)
    kind = request.form.get("kind", "")
    kept = {k: request.form.get(k, "")
            for k in ("kind", "text", "comment", "written_on", "language")}
    if kind not in _PARAGRAPH_KINDS:
        return render_paragraph(paragraph, errors={"comment": gettext("Choose what to send.")},
                                kept=kept, status=422)
    written_on = form_id("written_on") or 0
    try:
        submission = submit_proposal(
            db(), negotiation(), actor(), paragraph, AmendmentKind(kind), now(),
            written_on=written_on, text=request.form.get("text"),
            comment=request.form.get("comment", ""), current=current,
            language=request.form.get("language") or None,
        )
    except StaleEdit as exc:
        message, kept, carried = _carried_forward(exc, kept)
        return render_paragraph(paragraph, errors={"modify": message}, kept=kept, stale=exc,
                                live_diff=carried, status=409)
    except DeadlinePassed as exc:
        return render_paragraph(paragraph, errors={"deadline": refusal(exc)}, kept=kept,
                                status=409)
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return render_paragraph(paragraph, errors={_form_key(kind): refusal(exc)}, kept=kept,
                                status=status_for(exc))
    flash(_sent(AmendmentKind(kind), submission.amendment.number), "success")
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
    kept = {k: request.form.get(k, "") for k in ("kind", "text", "comment", "after", "language")}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        # Placed after one of the section's paragraphs (not a sub-paragraph), else at its
        # end; the form's list of them is read only when the form is shown again.
        after = session.get(Paragraph, form_id("after")) if form_id("after") else None
        if after is not None and (after.section_id != section.id or after.parent_id
                                  is not None):
            after = None
        try:
            kind = ParagraphKind(kept["kind"] or "operative")
            submission = submit_new_paragraph(
                session, current, actor(), section, kind, kept["text"], now(),
                after=after, comment=kept["comment"], language=kept["language"] or None,
            )
        except ValueError:
            errors["kind"], status = gettext("Choose preambular or operative."), 422
        except NotPermitted:
            raise
        except DeadlinePassed as exc:
            errors["deadline"], status = refusal(exc), 409
        except NegotiationError as exc:
            errors["text"], status = refusal(exc), status_for(exc)
        else:
            for warning in submission.warnings:
                flash(gettext("Over the cap (the chair decides): %(warning)s",
                              warning=in_words(warning)),
                      "warning")
            flash(gettext("Your new paragraph was sent as proposal %(number)s.",
                          number=submission.amendment.number), "success")
            return redirect(url_for("draft.paragraph",
                                    paragraph_id=submission.amendment.paragraph_id), 303)
    # The section alone: its paragraphs to place the new one after, labelled as the whole
    # draft numbers them, and its cap; in a draft of any length the same few reads.
    numbering = section_numbering(session, section)
    siblings = [p for p in paragraphs_of(session, current, section_ids=[section.id])
                if p.parent_id is None]
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
        gettext("Your delegation joined the proposal of %(delegation)s (proposal %(number)s).",
                delegation=name_on_page(amendment.delegation), number=amendment.number),
    )


@bp.post("/<int:amendment_id>/withdraw")
@roles_required(Role.DELEGATION)
def withdraw(amendment_id: int) -> Response | tuple[str, int]:
    """Withdraw one's own proposal (a new paragraph goes with it)."""
    amendment = proposal_for_change(amendment_id)
    if amendment.delegation_id != actor().delegation_id:
        abort(403, gettext("Only the delegation that made a proposal may withdraw it."))
    return act_on_proposal(
        amendment,
        lambda: withdraw_proposal(db(), negotiation(), actor(), amendment, now()),
        gettext("Your proposal %(number)s was withdrawn.", number=amendment.number),
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
        return render_paragraph(amendment.paragraph,
                                errors={f"proposal-{amendment.id}": refusal(exc)},
                                kept=kept, status=status_for(exc))
    for warning in submission.warnings:
        flash(in_words(warning), "warning")
    flash(_revised(amendment.kind, submission.amendment.number, amendment.number), "success")
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
        gettext("Your delegation left the proposal of %(delegation)s (proposal %(number)s).",
                delegation=name_on_page(amendment.delegation), number=amendment.number),
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
        return render_paragraph(amendment.paragraph,
                                errors={f"proposal-{amendment.id}": refusal(exc)},
                                kept={f"reply-{amendment.id}": text}, status=status_for(exc))
    flash(gettext("Your reply to %(delegation)s was sent (proposal %(number)s).",
                  delegation=name_on_page(amendment.delegation), number=amendment.number),
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
