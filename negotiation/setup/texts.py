"""The texts of a setting (a date's title, a reason, a rule's source), checked like every
text the domain stores, with the refusal placed beside the field it came from."""

from __future__ import annotations

from typing import Any

from negotiation.errors import InvalidSetting, InvalidSubmission
from negotiation.text.textcheck import checked_text, column_limit


def setting_text(value: str, what: str, column: Any, field: str, *,
                 one_line: bool = False) -> str:
    """The text as it will be stored, or :class:`InvalidSetting` naming the field."""
    try:
        return checked_text(value, what, limit=column_limit(column), one_line=one_line)
    except InvalidSubmission as exc:
        # The message and its parameters go on as they are, to be read in any language.
        raise InvalidSetting(exc.message, field, **exc.params) from None
