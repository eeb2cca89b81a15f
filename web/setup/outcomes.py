"""What the chair is told after writing the first draft from elsewhere (an import, the
previous cycle), in the chair's language: the domain reports the counts, each case here is
one whole sentence for translators."""

from __future__ import annotations

from flask_babel import gettext

from negotiation.setup.cycles import CarryOutcome
from negotiation.setup.imports.confirming import ImportOutcome


def imported(outcome: ImportOutcome) -> str:
    """The message after confirming an import."""
    if not outcome.changed:
        return gettext("The draft already holds exactly this text: nothing was changed.")
    counts = {"sections": outcome.sections, "paragraphs": outcome.paragraphs,
              "replaced": outcome.replaced, "kept": ", ".join(outcome.kept_sections)}
    if outcome.replaced and outcome.kept_sections:
        return gettext("Imported %(sections)s sections and %(paragraphs)s paragraphs, replacing "
                       "the %(replaced)s paragraphs of the previous draft; kept (empty) because "
                       "the calendar refers to them: %(kept)s.", **counts)
    if outcome.replaced:
        return gettext("Imported %(sections)s sections and %(paragraphs)s paragraphs, replacing "
                       "the %(replaced)s paragraphs of the previous draft.", **counts)
    if outcome.kept_sections:
        return gettext("Imported %(sections)s sections and %(paragraphs)s paragraphs; kept "
                       "(empty) because the calendar refers to them: %(kept)s.", **counts)
    return gettext("Imported %(sections)s sections and %(paragraphs)s paragraphs.", **counts)


def carried(outcome: CarryOutcome) -> str:
    """The message after starting the draft from the previous cycle's resolution."""
    if not outcome.changed:
        return gettext("The draft already starts from that resolution: nothing was changed.")
    return gettext("The draft now starts from the previous resolution: %(sections)s sections "
                   "and %(paragraphs)s approved paragraphs carried over.",
                   sections=outcome.sections, paragraphs=outcome.paragraphs)
