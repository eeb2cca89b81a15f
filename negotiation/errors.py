"""Errors the domain raises when the procedure refuses an act."""

from collections.abc import Callable
from datetime import datetime

from negotiation.filling import filled

#: How a moment is written in a language: ``(moment, zone, language) -> text``. The kernel
#: imports no area, so the area that knows how moments read (``negotiation.record.clock``'s
#: ``format_moment``) hands its writer to each :class:`Moment`.
MomentWriter = Callable[[datetime, object, str], str]


class Term(str):
    """A parameter of a refusal that is itself a word of the catalogs: a paragraph's state,
    a proposal's kind, a role.

    A name typed by people (a delegation, a section's title) is shown as written, but "the
    proposal is withdrawn" must read "retirada" in Spanish: the state's word is passed as
    ``Term(N_("Withdrawn"), lower=True)`` and :meth:`NegotiationError.translated` translates
    it with the sentence around it. It is a ``str`` (the English, lowercased if asked), so
    ``str(error)`` and the tests that read it are unchanged. ``lower`` exists because the
    labels are written capitalised for a page's heading and read lowercase mid-sentence; the
    catalogs then hold one entry per label, not two. A term may have ``%(name)s``
    parameters of its own (a phrase such as "line 3, column 7", quoted in a refusal).
    """

    message: str
    lower: bool
    params: dict[str, object]

    def __new__(cls, message: str, *, lower: bool = False, **params: object) -> "Term":
        english = message % params if params else message
        term = super().__new__(cls, english.lower() if lower else english)
        term.message = message
        term.lower = lower
        term.params = params
        return term

    def translated(self, gettext: Callable[[str], str], language: str = "en") -> str:
        text = gettext(self.message)
        if self.params:
            text = filled(text, _in_language(self.params, gettext, language), language)
        return text.lower() if self.lower else text


class Moment(str):
    """A moment quoted in a refusal ("the deadline passed on 21 April 2024, 23:59 in
    Washington"), written in its reader's language where the refusal is shown.

    Formatted beforehand, the date would stay English inside a Spanish sentence; passed as a
    ``Moment`` it is written again by :meth:`NegotiationError.translated` in the language
    the page speaks. It is a ``str`` (the English), so ``str(error)`` is unchanged. The
    writer comes with it (``negotiation.record.clock.moment`` makes one): the kernel stays
    free of the areas, and the language is known only where the refusal is read.
    """

    at: datetime
    zone: object
    write: MomentWriter

    def __new__(cls, at: datetime, zone: object, write: MomentWriter) -> "Moment":
        moment = super().__new__(cls, write(at, zone, "en"))
        moment.at, moment.zone, moment.write = at, zone, write
        return moment

    def translated(self, gettext: Callable[[str], str], language: str = "en") -> str:
        return self.write(self.at, self.zone, language)


def _in_language(params: dict[str, object], gettext: Callable[[str], str],
                 language: str) -> dict[str, object]:
    """A message's parameters for a reader: words of the catalogs (a :class:`Term`, a
    quoted refusal, a cap's breach as ``rules`` phrases it) translated, moments written
    in the reader's language, a member state's name left to place itself in the sentence
    (``negotiation.filling``), anything else (names, numbers) as given."""
    return {name: value.translated(gettext, language)
            if hasattr(value, "translated") and not hasattr(value, "placed")
            else value for name, value in params.items()}


class NegotiationError(Exception):
    """Base of every refusal: the message says why, in words a delegate understands.

    The message is written in English with ``%(name)s`` parameters and passed with them, not
    formatted beforehand: it is then its own catalog entry (extracted from the ``raise``), and
    the page, the API or the e-mail shows it in its reader's language with
    :meth:`translated`. ``str()`` is the English, for logs and tests. The domain stays free
    of any request: the reader's language is known only where the refusal is shown.
    """

    def __init__(self, message: str, /, **params: object) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params

    def translated(self, gettext: Callable[[str], str], language: str = "en") -> str:
        """The message in the language ``gettext`` speaks (``language``), its parameters
        filled in: those that are words of the catalogs (:class:`Term`) translated too, and
        so is a refusal quoted in another ("Line 4: <why line 4 was refused>"); a
        :class:`Moment` is written in ``language``; a member state's name takes its
        article where the sentence asks (``negotiation.filling``)."""
        text = gettext(self.message)
        if not self.params:
            return text
        return filled(text, _in_language(self.params, gettext, language), language)


class RefusedTransition(NegotiationError):
    """A paragraph or proposal cannot move to the requested state."""


class DraftChanged(RefusedTransition):
    """The draft changed between the page that showed what would go out and the act."""


class DeadlinePassed(NegotiationError):
    """A submission arrived after the deadline that applies to it."""

    def __init__(
        self, message: str, deadline_title: str, deadline_at: object, **params: object
    ) -> None:
        super().__init__(message, **params)
        self.deadline_title = deadline_title
        self.deadline_at = deadline_at


class NotPermitted(NegotiationError):
    """The actor's role does not allow this act."""


class StaleEdit(NegotiationError):
    """The paragraph changed since the version the edit was written on."""

    def __init__(self, message: str, written_on: object, current: object, **params: object) -> None:
        super().__init__(message, **params)
        self.written_on = written_on
        self.current = current


class InvalidSubmission(NegotiationError):
    """The submission is malformed (empty text, unknown paragraph, wrong kind)."""


class ImmutableRecord(NegotiationError):
    """Something tried to change or delete what the record keeps forever."""


class NeedsConfirmation(NegotiationError):
    """The act is allowed but has a consequence the user must confirm first."""

    def __init__(self, message: str, items: list[str], **params: object) -> None:
        super().__init__(message, **params)
        self.items = items
class InvalidSetting(NegotiationError):
    """A calendar date, a cap or another setting of the cycle that cannot stand as given.

    ``field`` names the form field the message belongs beside ("" for the whole form).
    """

    def __init__(self, message: str, field: str = "", **params: object) -> None:
        super().__init__(message, **params)
        self.field = field


class NegotiationClosed(RefusedTransition):
    """The negotiation is closed: its archive is read-only."""
