"""A notice's title and body in each reader's language.

An act writes one notice for everyone it concerns, before anyone's language is known; the
sender writes one message per person later. So the notice keeps its title and body as
wording (``negotiation.record.wording``: the English message and its parameters, JSON in
the notice's row); its ``title`` and ``body`` columns keep the English as well, for what
reads them without a language.
"""

from __future__ import annotations

from negotiation.models import Notice
from negotiation.record.wording import written


def notice_in(notice: Notice, language: str) -> tuple[str, str]:
    """The notice's title and body in ``language`` (a notice written before notices kept
    their wording is in English)."""
    if not notice.wording:
        return notice.title, notice.body
    return (written(notice.wording["title"], language),
            written(notice.wording["body"], language))
