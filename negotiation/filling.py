"""A message's ``%(name)s`` parameters filled in, those that know their place in the
sentence placing themselves.

Most parameters are written as they are. A member state's name is not, in French and
Portuguese: "de %(delegation)s" reads "du Mexique", "d'Haïti", "dos Estados Unidos", and
which depends on the words around the placeholder in the translated message, known only
where the message is read. Such a parameter has ``placed(before, after, language)`` (see
:class:`Placed`): given the message's text on either side of its placeholder, it answers the
text before, less the words it takes in (the preposition), and itself as written there.

The refusals (``negotiation.errors``), the domain's messages
(``negotiation.text.languages.translate``), the record's and the notices' wording and the
pages all fill their messages here; this kernel module knows no language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol, cast

# "%%" is a percent sign, not a placeholder: matched so that "%%(x)s" is not read as one.
_SLOTS = re.compile(r"%%|%\(([^)]*)\)s")


class Placed(Protocol):
    """A parameter written as the sentence around it asks (a member state's name)."""

    def placed(self, before: str, after: str, language: str) -> tuple[str, str]:
        """``before`` less the words this parameter takes in, and how it is written."""
        ...


def filled(text: str, params: Mapping[str, object], language: str) -> str:
    """``text % params``, each :class:`Placed` parameter written as its place in ``text``
    asks, in ``language``. ``text`` may be ``Markup`` (a page's message): it stays so, and
    the parameters are escaped into it as ``%`` escapes them."""
    if not any(_places(value) for value in params.values()):
        return text % params
    values: dict[str, object] = dict(params)
    pieces: list[str] = []
    taken = 0  # how far ``text`` is written into ``pieces``
    for number, slot in enumerate(_SLOTS.finditer(text)):
        value = params.get(slot.group(1)) if slot.group(1) is not None else None
        if not _places(value):
            continue
        before, written = cast(Placed, value).placed(
            str(text[:slot.start()]), str(text[slot.end():]), language)
        # What the parameter took in lies between the previous placeholder and its own.
        keep = max(taken, min(len(before), slot.start()))
        pieces.append(str(text[taken:keep]))
        key = f"{slot.group(1)}\x00{number}"
        pieces.append(f"%({key})s")
        values[key] = written
        taken = slot.end()
    pieces.append(str(text[taken:]))
    template = "".join(pieces)
    # ``Markup`` keeps its kind, so the values are escaped into it.
    return (template if type(text) is str else type(text)(template)) % values


def _places(value: object) -> bool:
    # Looked up on the type, not the value (nor a Protocol's isinstance): this runs for every
    # parameter of every message a page writes, and a template's undefined value raises at
    # any attribute asked of it.
    return callable(getattr(type(value), "placed", None))
