"""The draft in the negotiation's four languages: the language services' pages (each
paragraph's original beside its translation, typed or imported from the translated Word
file), each revision's translation status, and the draft as a delegate reads it in their
language. The negotiating text stays the original."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext, ngettext
from flask_login import login_required
from werkzeug.wrappers import Response

from negotiation.draft.circulation import revisions_of
from negotiation.draft.language_versions import (
    MISSING,
    OUTDATED,
    TranslationEdit,
    VersionRow,
    can_translate,
    language_version,
    latest_revision,
    revision_numbered,
    save_translations,
    status_of,
    statuses,
    target_languages,
)
from negotiation.enums import Role
from negotiation.errors import InvalidSubmission, NegotiationError, NotPermitted
from negotiation.models import Revision
from negotiation.setup.imports.reading import MAX_FILE_BYTES
from negotiation.setup.imports.translated import TranslatedFile, TranslatedPair, match_file
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.plumbing.requestlimits import takes_upload
from web.plumbing.requestvalues import parse_id
from web.words.languages import current_language, refusal

bp = Blueprint("language_versions", __name__, url_prefix="/draft/languages",
               template_folder="templates")

#: The languages named in the reader's language ("Spanish: 96 of 110 paragraphs").
LANGUAGE_NAMES = {
    "en": lazy_gettext("English"),
    "es": lazy_gettext("Spanish"),
    "fr": lazy_gettext("French"),
    "pt": lazy_gettext("Portuguese"),
}
TRANSLATORS = (Role.CHAIR, Role.SECRETARIAT)
#: A translated field of the import's confirmation: "t-<paragraph id>-<written on>".
_PAIR_FIELD = "t-"


def _revision(number: int) -> Revision:
    try:
        return revision_numbered(db(), negotiation(), number)
    except InvalidSubmission:
        abort(404)


def _language(language: str) -> str:
    if language not in target_languages(negotiation()):
        abort(404)
    return language


@bp.app_context_processor
def _status_block() -> dict[str, Any]:
    """What the status block included on other pages asks for, computed only if it does."""

    def language_status() -> dict[str, Any] | None:
        current = g.get("negotiation")
        if current is None or not target_languages(current):
            return None
        revision = latest_revision(db(), current)
        if revision is None:
            return None
        translator = can_translate(actor())
        return {"revision": revision, "translator": translator,
                "statuses": statuses(db(), current, revision) if translator else [],
                "reading": current_language() in target_languages(current)}

    return {"language_status": language_status, "language_names": LANGUAGE_NAMES}


@bp.get("/")
@login_required
def index() -> str:
    """Every circulated revision and how far its translation into each language has come."""
    actor()
    session, current = db(), negotiation()
    revisions = list(reversed(revisions_of(session, current)))
    return render_template(
        "language_versions/index.html", negotiation=current, revisions=revisions,
        statuses={r.id: statuses(session, current, r) for r in revisions},
        translator=can_translate(actor()), targets=target_languages(current))


@bp.get("/read")
@bp.get("/<int:number>/read")
@login_required
def read(number: int | None = None) -> str:
    """The draft as circulated, in the reader's language (or the one asked for): each
    paragraph's translation where it is current, otherwise the original, marked."""
    actor()
    session, current = db(), negotiation()
    if number is None:  # the form's choice, without JavaScript
        number = parse_id(request.args.get("number"))
    revision = _revision(number) if number is not None else latest_revision(session, current)
    if revision is None:
        abort(404, gettext("No revision of the draft has been circulated yet."))
    asked = request.args.get("language") or current_language()
    language = asked if asked in target_languages(current) else current.original_language
    original = language == current.original_language
    # The original reads as circulated: its rows carry no translation to look for.
    rows = language_version(session, current, revision, language)
    return render_template(
        "language_versions/read.html", negotiation=current, revision=revision,
        language=language, rows=rows, original=original,
        status=None if original else status_of(rows, language),
        sections={s.id: s for s in current.sections},
        revisions=list(reversed(revisions_of(session, current))),
        targets=target_languages(current))


def _edit_page(revision: Revision, language: str, *, status: int = 200,
               errors: dict[int, str] | None = None,
               kept: dict[int, str] | None = None) -> tuple[str, int]:
    rows = language_version(db(), negotiation(), revision, language)
    show = request.args.get("show", "")
    shown = [r for r in rows if r.status in (OUTDATED, MISSING)] if show == "todo" else rows
    return render_template(
        "language_versions/edit.html", negotiation=negotiation(), revision=revision,
        language=language, rows=shown, status=status_of(rows, language), show=show,
        errors=errors or {}, kept=kept or {}), status


@bp.get("/<int:number>/<language>")
@roles_required(*TRANSLATORS)
def edit(number: int, language: str) -> tuple[str, int]:
    """Each paragraph of the revision, the original beside its translation to type."""
    return _edit_page(_revision(number), _language(language))


@bp.post("/<int:number>/<language>/<int:paragraph_id>")
@roles_required(*TRANSLATORS)
def save(number: int, language: str, paragraph_id: int) -> Response | tuple[str, int]:
    """Store one paragraph's translation; one written on a replaced translation is refused
    (409) with the text kept and the other translation shown beside it."""
    revision, language = _revision(number), _language(language)
    text = request.form.get("text", "")
    edit = TranslationEdit(paragraph_id, text, parse_id(request.form.get("written_on")) or 0)
    try:
        save_translations(db(), negotiation(), actor(), revision, language, [edit], now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return _edit_page(revision, language, status=status_for(exc),
                          errors={paragraph_id: refusal(exc)}, kept={paragraph_id: text})
    flash(gettext("The translation of paragraph %(label)s was saved.",
                  label=_label(revision, language, paragraph_id)), "success")
    return redirect(url_for("language_versions.edit", number=number, language=language,
                            show=request.args.get("show") or None) + f"#p-{paragraph_id}", 303)


def _label(revision: Revision, language: str, paragraph_id: int) -> str:
    return next((e.label for e in revision.entries if e.paragraph_id == paragraph_id), "")


def _import_page(revision: Revision, language: str, *, status: int = 200,
                 found: TranslatedFile | None = None, error: str = "") -> tuple[str, int]:
    return render_template(
        "language_versions/import.html", negotiation=negotiation(), revision=revision,
        language=language, found=found, error=error,
        max_megabytes=MAX_FILE_BYTES // (1024 * 1024)), status


@bp.get("/<int:number>/<language>/import")
@roles_required(*TRANSLATORS)
def import_form(number: int, language: str) -> tuple[str, int]:
    """Upload the revision's translated Word file."""
    return _import_page(_revision(number), _language(language))


@bp.post("/<int:number>/<language>/import")
@roles_required(*TRANSLATORS)
@takes_upload(MAX_FILE_BYTES, f"The file is larger than {MAX_FILE_BYTES // 2**20} MB: save "
              "the translation without embedded images and import it again. Nothing was "
              "saved.")
def import_preview(number: int, language: str) -> tuple[str, int]:
    """Read the translated file and show each paragraph beside the original's; nothing is
    stored until the preview is confirmed."""
    revision, language = _revision(number), _language(language)
    if not can_translate(actor()):
        abort(403)
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise InvalidSubmission("Choose the translated Word file (.docx) to import.")
        rows = language_version(db(), negotiation(), revision, language)
        found = match_file(rows, upload.read(), upload.filename)
    except NegotiationError as exc:
        return _import_page(revision, language, status=status_for(exc), error=refusal(exc))
    return _import_page(revision, language, found=found)


@bp.post("/<int:number>/<language>/import/confirm")
@roles_required(*TRANSLATORS)
def import_confirm(number: int, language: str) -> Response | tuple[str, int]:
    """Store the previewed translations (each on the translation the preview showed)."""
    revision, language = _revision(number), _language(language)
    edits = []
    for key, value in request.form.items():
        if not key.startswith(_PAIR_FIELD):
            continue
        paragraph, _, written_on = key[len(_PAIR_FIELD):].partition("-")
        paragraph_id = parse_id(paragraph)
        if paragraph_id is not None and value.strip():
            edits.append(TranslationEdit(paragraph_id, value, parse_id(written_on) or 0))
    try:
        if not edits:
            raise InvalidSubmission("The preview held no translated paragraph to store.")
        stored = save_translations(db(), negotiation(), actor(), revision, language, edits,
                                   now(), how="imported")
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return _import_page(revision, language, status=status_for(exc), error=refusal(exc),
                            found=_carried_back(revision, language, edits))
    flash(ngettext("%(num)d paragraph of the translation was stored.",
                   "%(num)d paragraphs of the translation were stored.", len(stored)),
          "success")
    return redirect(url_for("language_versions.edit", number=number, language=language), 303)


def _carried_back(revision: Revision, language: str,
                  edits: list[TranslationEdit]) -> TranslatedFile:
    """A refused confirmation's preview, from what it sent, on the translations as they
    are now: the secretariat checks the pairs again and confirms again."""
    rows: list[VersionRow] = language_version(db(), negotiation(), revision, language)
    sent = {e.paragraph_id: e.text for e in edits}
    return TranslatedFile(gettext("the preview sent"),
                          [TranslatedPair(r, sent.get(r.entry.paragraph_id)) for r in rows])
