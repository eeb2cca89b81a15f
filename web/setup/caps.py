"""The caps page: the chair's dated rules, the live check of the draft against them, and
the rules file (TOML) out and in. The chair and the secretariat edit; everyone reads."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response as FlaskResponse
from flask import request
from flask_babel import gettext, lazy_gettext
from werkzeug.wrappers import Response

from negotiation.draft.capcheck import cap_reports
from negotiation.draft.caprules import caps_of, rule_set_of
from negotiation.enums import Role
from negotiation.errors import InvalidSetting, NegotiationError, NotPermitted, StaleEdit
from negotiation.models import Cap
from negotiation.setup.caps import add_cap, change_cap, import_rules, remove_cap
from negotiation.text.languages import N_
from rules.caps import CAP_COUNTS, SECTION_KINDS, CapRule
from rules.files import RulesFileError, dump_rules, parse_rules
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.plumbing.rendering import render
from web.plumbing.requestvalues import form_id
from web.setup import bp, owned, saved
from web.words.languages import refusal

FIELDS = ("applies_to", "effective_from", "effective_until", *CAP_COUNTS, "source")
#: A rules file larger than this is not a rules file (a cycle's caps fit in a few kB).
LARGEST_FILE = 64 * 1024
# What the pages call the counts and the kinds of section a rule may name (the rules' own
# words, in the reader's language; a count added to the rules without its words here fails
# at import).
COUNT_WORDS = {
    "preambular": lazy_gettext("preambular paragraphs"),
    "operative": lazy_gettext("operative paragraphs"),
    "total": lazy_gettext("paragraphs in all"),
    "mandates_paragraphs": lazy_gettext("mandates paragraphs"),
    "mandates_subparagraphs": lazy_gettext("sub-paragraphs of a mandates paragraph"),
}
COUNTS = {name: COUNT_WORDS[name] for name in CAP_COUNTS}
KIND_WORDS = {"item": lazy_gettext("item"), "entity": lazy_gettext("entity"),
              "instrument": lazy_gettext("instrument")}
TARGET_KINDS = {kind: KIND_WORDS[kind] for kind in SECTION_KINDS}
# One whole sentence per field, so that each reads naturally in every language (a count's
# words set into a shared sentence would not agree in gender or number once translated).
NOT_A_DATE = {
    "effective_from": N_("Give the date the rule takes effect as YYYY-MM-DD."),
    "effective_until": N_("Give the date the rule ends as YYYY-MM-DD."),
}
NOT_A_NUMBER = {
    "preambular": N_("The cap on preambular paragraphs is a whole number, or empty for none."),
    "operative": N_("The cap on operative paragraphs is a whole number, or empty for none."),
    "total": N_("The cap on paragraphs in all is a whole number, or empty for none."),
    "mandates_paragraphs": N_("The cap on mandates paragraphs is a whole number, or empty "
                              "for none."),
    "mandates_subparagraphs": N_("The cap on sub-paragraphs of a mandates paragraph is a whole "
                                 "number, or empty for none."),
}


def _form() -> dict[str, str]:
    return {name: request.form.get(name, "").strip() for name in FIELDS}


def _rule(form: dict[str, str]) -> CapRule:
    """The form as a rule; a field that cannot be read is refused by name."""

    def day(name: str) -> date | None:
        if not form[name]:
            return None
        try:
            return date.fromisoformat(form[name])
        except ValueError:
            raise InvalidSetting(NOT_A_DATE[name], name) from None

    counts: dict[str, int | None] = {}
    for name in CAP_COUNTS:
        if not form[name]:
            counts[name] = None
        elif form[name].isascii() and form[name].isdigit() and len(form[name]) <= 4:
            counts[name] = int(form[name])
        else:
            raise InvalidSetting(NOT_A_NUMBER[name], name)
    starts = day("effective_from")
    if starts is None:
        raise InvalidSetting("Give the date the rule takes effect.", "effective_from")
    return CapRule(applies_to=form["applies_to"], effective_from=starts,
                   effective_until=day("effective_until"),
                   source=form["source"], **counts)


def _context(**extra: Any) -> dict[str, Any]:
    session, current = db(), negotiation()
    return {"negotiation": current, "caps": caps_of(session, current),
            "reports": cap_reports(session, current, now()), "counts": COUNTS,
            "targets": [*SECTION_KINDS, *(s.code for s in current.sections)],
            "kinds": TARGET_KINDS, "errors": {}, "form": {}, **extra}


def _caps(status: int = 200, **extra: Any) -> tuple[str, int]:
    return render("setup/caps.html", "setup/_caps.html", status, **_context(**extra))


def _refused(exc: NegotiationError, form: dict[str, str]) -> tuple[str, int]:
    field = getattr(exc, "field", "") or "form"
    return _caps(status_for(exc), errors={field: refusal(exc)}, form=form)


@bp.get("/caps/")
@roles_required(*Role)
def caps() -> tuple[str, int]:
    """The rules, and every section counted against the rule in force today."""
    return _caps()


@bp.post("/caps/")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def add_rule() -> Response | tuple[str, int]:
    """Add a dated rule; the draft is checked against it at once."""
    form = _form()
    try:
        add_cap(db(), negotiation(), actor(), _rule(form), now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return _refused(exc, form)
    return saved(gettext("Rule added; the caps below are checked against it."), "setup.caps",
                 "setup/caps.html", "setup/_caps.html", _context())


def _rule_page(cap: Cap, status: int = 200, **extra: Any) -> tuple[str, int]:
    form = {"applies_to": cap.applies_to, "effective_from": cap.effective_from.isoformat(),
            "effective_until": cap.effective_until.isoformat() if cap.effective_until else "",
            "source": cap.source,
            **{name: "" if getattr(cap, name) is None else str(getattr(cap, name))
               for name in CAP_COUNTS}}
    context = {"negotiation": negotiation(), "cap": cap, "counts": COUNTS,
               "targets": [*SECTION_KINDS, *(s.code for s in negotiation().sections)],
               "kinds": TARGET_KINDS,
               "errors": {}, "form": form, "written_on": cap.version, **extra}
    return render("setup/rule.html", "setup/_rule_form.html", status, **context)


@bp.get("/caps/<int:cap_id>")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def edit_rule(cap_id: int) -> tuple[str, int]:
    """The form to change one rule."""
    return _rule_page(owned(Cap, cap_id))


def _written_on() -> int:
    return form_id("written_on") or -1


@bp.post("/caps/<int:cap_id>")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def change_rule(cap_id: int) -> Response | tuple[str, int]:
    """Save a changed rule, unless someone changed it since the form was shown."""
    cap: Cap = owned(Cap, cap_id)
    form = _form()
    try:
        change_cap(db(), negotiation(), actor(), cap, _rule(form), _written_on(), now())
    except NotPermitted:
        raise
    except StaleEdit as exc:
        db().refresh(cap)
        return _rule_page(cap, 409, errors={"form": refusal(exc)}, form=form)
    except NegotiationError as exc:
        field = getattr(exc, "field", "") or "form"
        return _rule_page(cap, status_for(exc), errors={field: refusal(exc)}, form=form,
                          written_on=request.form.get("written_on", ""))
    return saved(gettext("Rule changed; the caps below are checked against it."), "setup.caps",
                 "setup/caps.html", "setup/_caps.html", _context())


@bp.post("/caps/<int:cap_id>/remove")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def remove_rule(cap_id: int) -> Response | tuple[str, int]:
    """Remove a rule, unless someone changed it since the page was shown."""
    cap: Cap = owned(Cap, cap_id)
    try:
        remove_cap(db(), negotiation(), actor(), cap, _written_on(), now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return _caps(status_for(exc), errors={"form": refusal(exc)})
    return saved(gettext("Rule removed."), "setup.caps", "setup/caps.html", "setup/_caps.html",
                 _context())


@bp.get("/caps/export")
@roles_required(*Role)
def export_rules() -> FlaskResponse:
    """The caps as a rules file to download (the format of rules/data/*.toml)."""
    current = negotiation()
    name = current.rules or f"{current.committee.lower()}-{current.cycle}"
    return FlaskResponse(
        dump_rules(rule_set_of(db(), current)), mimetype="application/toml",
        headers={"Content-Disposition": f'attachment; filename="{name}.toml"'})


@bp.post("/caps/import")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def import_file() -> Response | tuple[str, int]:
    """Replace the caps by those of an uploaded rules file; a bad file changes nothing."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _caps(422, errors={"file": gettext("Choose a rules file (.toml) to import.")})
    data = upload.stream.read(LARGEST_FILE + 1)
    try:
        if len(data) > LARGEST_FILE:
            raise RulesFileError(N_("This file is too large to be a rules file."))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise RulesFileError(
                N_("This is not a rules file: it is not text (UTF-8).")) from None
        stem = upload.filename.rsplit("/", 1)[-1].removesuffix(".toml")
        imported = import_rules(db(), negotiation(), actor(),
                                parse_rules(text, default_name=stem), now())
    except NotPermitted:
        raise
    except RulesFileError as exc:
        # Shaped as the domain's refusals: it reads in the reader's language the same way.
        return _caps(422, errors={"file": refusal(exc)})  # type: ignore[arg-type]
    except NegotiationError as exc:
        return _caps(status_for(exc), errors={"file": refusal(exc)})
    message = gettext("%(count)s rule(s) imported; the caps before were replaced.",
                      count=len(imported))
    return saved(message, "setup.caps", "setup/caps.html", "setup/_caps.html", _context())
