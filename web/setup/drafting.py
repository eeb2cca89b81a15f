"""The chair's first draft: the editor (sections and paragraphs with live cap counts), its
preview as the document that will circulate, starting from the previous cycle, and
circulating rev. 0; importing a file or pasted text is :mod:`web.setup.draftimport`.

Views parse the form, call :mod:`negotiation.setup`, and render: an htmx form gets the
editor's fragment back, a plain form a redirect (or the page with the refusal beside the
form, keeping what was typed).
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext
from werkzeug.wrappers import Response

from negotiation.documents.formats import MEDIA_TYPES, file_name, render_revisions
from negotiation.enums import Role, SectionKind
from negotiation.errors import DraftChanged, InvalidSubmission, NegotiationError, NotPermitted
from negotiation.models import Negotiation, Paragraph, Section
from negotiation.setup import sections, structure
from negotiation.setup.cycles import compare_with_previous, previous_cycles, start_from_previous
from negotiation.setup.outline import draft_outline
from web.draft.circulating import confirmation_page
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db, reset
from web.plumbing.errors import status_for
from web.plumbing.rendering import render, wants_fragment
from web.plumbing.requestvalues import form_id
from web.setup.outcomes import carried
from web.words.languages import refusal

bp = Blueprint("drafting", __name__, url_prefix="/drafting", template_folder="templates")

# Labels of the choices, in the reader's language when the page is drawn (hence lazy).
SECTION_KINDS = [(SectionKind.ITEM.value, lazy_gettext("Item")),
                 (SectionKind.ENTITY.value, lazy_gettext("Entity")),
                 (SectionKind.INSTRUMENT.value, lazy_gettext("Instrument"))]
PARAGRAPH_KINDS = [("preambular", lazy_gettext("Preambular")),
                   ("operative", lazy_gettext("Operative")),
                   ("mandates", lazy_gettext("Mandates paragraph (chapeau)"))]


def _get(model: type, ident: int):  # type: ignore[no-untyped-def]
    found = db().get(model, ident)
    if found is None or found.negotiation_id != negotiation().id:
        abort(404)
    return found


def _editor(status: int = 200, errors: dict[str, str] | None = None,
            kept: dict[str, str] | None = None) -> tuple[str, int]:
    return render(
        "drafting/index.html", "drafting/_editor.html", status,
        outline=draft_outline(db(), negotiation(), now()),
        section_kinds=SECTION_KINDS, paragraph_kinds=PARAGRAPH_KINDS,
        errors=errors or {}, kept=kept or {},
    )


def _act(act: Callable[[], object], done: str,
         passes_on: type[NegotiationError] = NotPermitted) -> Response | tuple[str, int]:
    """Run one drafting act; refusals come back beside the form that asked, typed text kept
    (``passes_on``: a refusal the caller answers itself)."""
    form_id = request.form.get("form", "editor")
    try:
        act()
    except (NotPermitted, passes_on):
        raise
    except NegotiationError as exc:
        # The editor is drawn as the draft stands, not with what the refused act began.
        reset()
        return _editor(status_for(exc), errors={form_id: refusal(exc)}, kept=dict(request.form))
    if wants_fragment():
        return _editor(kept={"done": done})
    flash(done, "success")
    return redirect(url_for("drafting.index") + f"#{request.form.get('anchor', 'draft-editor')}",
                    303)


def _small(name: str) -> int | None:
    """A small number of the form (a step of -1 or 1, a thematic area), or None."""
    value = request.form.get(name, "")
    digits = value[1:] if value.startswith("-") else value
    return int(value) if digits.isascii() and digits.isdigit() and len(digits) <= 3 else None


def _section_fields() -> tuple[str, SectionKind, int | None]:
    kind = request.form.get("kind", "")
    if kind not in {k for k, _ in SECTION_KINDS}:
        raise InvalidSubmission("Choose whether the section is an item, an entity or an "
                                "instrument.")
    return request.form.get("title", ""), SectionKind(kind), _small("area")


def _counted_apart() -> bool:
    """The box "counted apart from the caps" (the general preamble): unticked is sent as
    nothing, so the form's absence means no."""
    return request.form.get("counted_apart") == "yes"


@bp.get("/")
@roles_required(Role.CHAIR)
def index() -> tuple[str, int]:
    """The draft editor: sections and paragraphs in order, each section's caps live."""
    return _editor()


@bp.post("/section")
@roles_required(Role.CHAIR)
def add_section() -> Response | tuple[str, int]:
    """Add a section at the end of the draft."""
    def act() -> None:
        title, kind, area = _section_fields()
        sections.add_section(db(), negotiation(), actor(), now(), title=title, kind=kind,
                              area=area, counted_apart=_counted_apart())
    return _act(act, gettext("Section added."))


@bp.post("/section/<int:section_id>")
@roles_required(Role.CHAIR)
def edit_section(section_id: int) -> Response | tuple[str, int]:
    """Change a section's title, kind or thematic area."""
    section: Section = _get(Section, section_id)

    def act() -> None:
        title, kind, area = _section_fields()
        sections.edit_section(db(), negotiation(), actor(), section, now(), title=title,
                               kind=kind, area=area, counted_apart=_counted_apart())
    return _act(act, gettext("Section “%(title)s” saved.", title=section.title))


@bp.post("/section/<int:section_id>/move")
@roles_required(Role.CHAIR)
def move_section(section_id: int) -> Response | tuple[str, int]:
    """Move a section one place up or down."""
    section: Section = _get(Section, section_id)
    return _act(lambda: sections.move_section(db(), negotiation(), actor(), section,
                                               _small("step") or 1, now()),
                gettext("Section “%(title)s” moved.", title=section.title))


@bp.post("/section/<int:section_id>/remove")
@roles_required(Role.CHAIR)
def remove_section(section_id: int) -> Response | tuple[str, int]:
    """Remove an empty section."""
    section: Section = _get(Section, section_id)
    title = section.title
    return _act(lambda: sections.remove_section(db(), negotiation(), actor(), section, now()),
                gettext("Section “%(title)s” removed.", title=title))


@bp.post("/paragraph")
@roles_required(Role.CHAIR)
def add_paragraph() -> Response | tuple[str, int]:
    """Add a paragraph to a section, or a lettered mandate under a mandates paragraph."""
    section: Section = _get(Section, form_id("section_id") or 0)
    parent_id = form_id("parent_id")
    parent: Paragraph | None = _get(Paragraph, parent_id) if parent_id else None
    kind = "subparagraph" if parent is not None else request.form.get("kind", "")
    return _act(lambda: structure.add_draft_paragraph(
        db(), negotiation(), actor(), section, kind, request.form.get("text", ""), now(),
        parent=parent), gettext("Paragraph added."))


@bp.post("/paragraph/<int:paragraph_id>")
@roles_required(Role.CHAIR)
def edit_paragraph(paragraph_id: int) -> Response | tuple[str, int]:
    """Rewrite a paragraph (refused if it changed since the form was opened)."""
    paragraph: Paragraph = _get(Paragraph, paragraph_id)
    return _act(lambda: structure.edit_draft_paragraph(
        db(), negotiation(), actor(), paragraph, request.form.get("text", ""), now(),
        written_on=form_id("written_on") or 0), gettext("Paragraph saved."))


@bp.post("/paragraph/<int:paragraph_id>/kind")
@roles_required(Role.CHAIR)
def change_kind(paragraph_id: int) -> Response | tuple[str, int]:
    """Make a paragraph preambular, operative or a mandates paragraph."""
    paragraph: Paragraph = _get(Paragraph, paragraph_id)
    return _act(lambda: structure.change_kind(db(), negotiation(), actor(), paragraph,
                                              request.form.get("kind", ""), now()),
                gettext("Paragraph kind changed."))


@bp.post("/paragraph/<int:paragraph_id>/move")
@roles_required(Role.CHAIR)
def move_paragraph(paragraph_id: int) -> Response | tuple[str, int]:
    """Move a paragraph up or down in its part, or to another section."""
    paragraph: Paragraph = _get(Paragraph, paragraph_id)
    target = form_id("section_id")
    if target is not None:
        section: Section = _get(Section, target)
        return _act(lambda: structure.move_to_section(db(), negotiation(), actor(), paragraph,
                                                      section, now()),
                    gettext("Paragraph moved to “%(title)s”.", title=section.title))
    return _act(lambda: structure.move_paragraph(db(), negotiation(), actor(), paragraph,
                                                 _small("step") or 1, now()),
                gettext("Paragraph moved."))


@bp.post("/paragraph/<int:paragraph_id>/remove")
@roles_required(Role.CHAIR)
def remove_paragraph(paragraph_id: int) -> Response | tuple[str, int]:
    """Remove a paragraph (with its mandates) from the first draft."""
    paragraph: Paragraph = _get(Paragraph, paragraph_id)
    return _act(lambda: structure.remove_paragraph(db(), negotiation(), actor(), paragraph,
                                                   now()), gettext("Paragraph removed."))


@bp.get("/circulate")
@roles_required(Role.CHAIR)
def confirm_circulation() -> tuple[str, int]:
    """What rev. 0 would send out; nothing is circulated from this page."""
    return _confirmation(request.args.get("note", gettext("First draft")))


@bp.post("/circulate")
@roles_required(Role.CHAIR)
def circulate() -> Response | tuple[str, int]:
    """Circulate rev. 0 as the confirmation page showed it (its stamp): the draft freezes and
    delegations may send proposals. A post without the stamp gets the page first."""
    note, stamp = request.form.get("note", ""), request.form.get("stamp", "")
    if not stamp:
        return _confirmation(note)
    try:
        return _act(lambda: structure.circulate_first_draft(
            db(), negotiation(), actor(), now(), note=note, stamp=stamp),
            gettext("The first draft (rev. 0) was circulated; the draft is now frozen."),
            passes_on=DraftChanged)
    except DraftChanged as exc:
        reset()
        return _confirmation(note, error=refusal(exc), status=409)


def _confirmation(note: str, error: str = "", status: int = 200) -> tuple[str, int]:
    try:
        # Rev. 0 goes out once: afterwards the editor says the draft is frozen.
        structure.require_drafting(db(), negotiation(), actor(), "circulate the first draft again")
    except NegotiationError as exc:
        return _editor(status_for(exc), errors={"circulate": refusal(exc)})
    return confirmation_page("drafting.circulate", url_for("drafting.index") + "#circulate",
                             note=note, error=error, status=status)


@bp.get("/preview")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def preview() -> str:
    """The draft as the document that will be circulated."""
    return render_template("drafting/preview.html",
                           outline=draft_outline(db(), negotiation(), now()))


# --- previous cycle -------------------------------------------------------------------


def _previous(current: Negotiation, earlier: str) -> Negotiation:
    found = next((n for n in previous_cycles(db(), current) if n.cycle == earlier), None)
    if found is None:
        abort(404, gettext("No such previous cycle of this committee."))
    return found


@bp.get("/previous")
@roles_required(Role.CHAIR)
def previous() -> tuple[str, int]:
    """Start the draft from a previous cycle's resolution, and compare with it."""
    current = negotiation()
    return render_template("drafting/previous.html", cycles=previous_cycles(db(), current),
                           outline=draft_outline(db(), current, now()), error=""), 200


@bp.post("/previous")
@roles_required(Role.CHAIR)
def start_previous() -> Response | tuple[str, int]:
    """Carry the previous cycle's sections and approved paragraphs into this draft."""
    current = negotiation()
    source = _previous(current, request.form.get("earlier", ""))
    try:
        outcome = start_from_previous(db(), current, source, actor(), now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return render_template("drafting/previous.html", cycles=previous_cycles(db(), current),
                               outline=draft_outline(db(), current, now()),
                               error=refusal(exc)), status_for(exc)
    flash(carried(outcome), "success")
    return redirect(url_for("drafting.index"), 303)


@bp.get("/previous/<earlier>/comparison")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def comparison(earlier: str) -> tuple[str, int]:
    """This cycle's draft compared with the previous cycle's resolution."""
    current = negotiation()
    compared = compare_with_previous(db(), current, _previous(current, earlier), now())
    return render("drafting/comparison.html", "drafting/comparison.html", revisions=compared,
                  earlier=earlier)


@bp.get("/previous/<earlier>/comparison.<any(docx, html):fmt>")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def comparison_file(earlier: str, fmt: str) -> Response:
    """The same comparison as a Word, PDF or HTML file."""
    if fmt not in ("docx", "html"):
        abort(404)
    current = negotiation()
    compared = compare_with_previous(db(), current, _previous(current, earlier), now())
    content = render_revisions(compared, fmt)  # type: ignore[arg-type]
    response = Response(content, mimetype=MEDIA_TYPES[fmt].split(";")[0])
    name = file_name(current.symbol, f"compared with {earlier}", fmt)  # type: ignore[arg-type]
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


from web.setup import draftimport  # noqa: E402,F401 (its views register on bp)
