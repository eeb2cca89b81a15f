"""Importing the chair's first draft from a Word file, an Akoma Ntoso file or pasted text:
the preview with the chair's corrections, then the confirmation that writes it (views of the
drafting blueprint)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext
from werkzeug.wrappers import Response

from negotiation.enums import Role
from negotiation.errors import InvalidSubmission, NegotiationError, NotPermitted
from negotiation.setup.imports.confirming import confirm_import
from negotiation.setup.imports.corrections import FIELDS
from negotiation.setup.imports.importing import (
    ImportPreview,
    preview_file,
    preview_from_json,
    preview_text,
)
from negotiation.setup.imports.reading import MAX_FILE_BYTES
from negotiation.setup.outline import draft_outline
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.plumbing.requestlimits import takes_upload
from web.plumbing.requestvalues import parse_id
from web.setup.drafting import SECTION_KINDS, bp
from web.setup.outcomes import imported
from web.words.languages import refusal

LINE_KINDS = [("title", lazy_gettext("Title")), ("area", lazy_gettext("Thematic area heading")),
              ("section", lazy_gettext("Section")), ("preambular", lazy_gettext("Preambular")),
              ("operative", lazy_gettext("Operative")),
              ("mandates", lazy_gettext("Mandates paragraph")),
              ("subparagraph", lazy_gettext("Lettered mandate")),
              ("left_out", lazy_gettext("Leave out")),
              ("unclassified", lazy_gettext("Not classified"))]


def _import_page(status: int = 200, preview: ImportPreview | None = None,
                 error: str = "", kept_text: str = "") -> tuple[str, int]:
    outline = draft_outline(db(), negotiation(), now())
    return render_template("drafting/import.html", preview=preview, error=error,
                           use_title=request.form.get("use_title") == "yes",
                           kept_text=kept_text, outline=outline, line_kinds=LINE_KINDS,
                           section_kinds=SECTION_KINDS,
                           max_megabytes=MAX_FILE_BYTES // (1024 * 1024)), status


@bp.get("/import")
@roles_required(Role.CHAIR)
def import_form() -> tuple[str, int]:
    """Upload a Word file or paste the text of the chair's draft."""
    return _import_page()


@bp.post("/import")
@roles_required(Role.CHAIR)
# Lazy: the refusal is written here, once, and read in the language of whoever is refused.
@takes_upload(MAX_FILE_BYTES, lazy_gettext(  # type: ignore[arg-type]
    "The file is larger than %(megabytes)s MB: a draft is imported from a smaller file (save "
    "it without embedded images, or paste its text). Nothing was saved: go back and choose "
    "another file.", megabytes=MAX_FILE_BYTES // 2**20))
def import_preview() -> tuple[str, int]:
    """Read the file or text and show what would be imported; nothing is saved yet."""
    current, text = negotiation(), request.form.get("text", "")
    upload = request.files.get("file")
    try:
        if upload is not None and upload.filename:
            found = preview_file(current, upload.read(), upload.filename, now())
        elif text.strip():
            found = preview_text(current, text, now())
        else:
            raise InvalidSubmission("Choose a Word file (.docx), an Akoma Ntoso file (.xml, "
                                    ".akn) or paste the text of the draft.")
    except NegotiationError as exc:
        return _import_page(status_for(exc), error=refusal(exc), kept_text=text)
    return _import_page(preview=found)


@bp.post("/import/confirm")
@roles_required(Role.CHAIR)
def import_confirm() -> Response | tuple[str, int]:
    """Apply the chair's corrections; write the draft only when the chair confirms."""
    current = negotiation()
    corrections: dict[int, dict[str, str]] = {}
    for key, value in request.form.items():
        name, _, index = key.rpartition("-")
        if name in FIELDS and parse_id(index) is not None:
            corrections.setdefault(int(index), {})[name] = value
    try:
        found = preview_from_json(current, request.form.get("carried", ""), now(), corrections)
    except NegotiationError as exc:
        return _import_page(status_for(exc), error=refusal(exc))
    if request.form.get("action") != "confirm":
        return _import_page(preview=found)
    try:
        outcome = confirm_import(db(), current, actor(), found, now(),
                                 replace=request.form.get("replace") == "yes",
                                 use_title=request.form.get("use_title") == "yes")
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return _import_page(status_for(exc), preview=found, error=refusal(exc))
    flash(imported(outcome), "success")
    return redirect(url_for("drafting.index"), 303)


