"""Errors the domain raises when the procedure refuses an act."""


class NegotiationError(Exception):
    """Base of every refusal: the message says why, in words a delegate understands."""


class RefusedTransition(NegotiationError):
    """A paragraph or proposal cannot move to the requested state."""


class DraftChanged(RefusedTransition):
    """The draft changed between the page that showed what would go out and the act."""


class DeadlinePassed(NegotiationError):
    """A submission arrived after the deadline that applies to it."""

    def __init__(self, message: str, deadline_title: str, deadline_at: object) -> None:
        super().__init__(message)
        self.deadline_title = deadline_title
        self.deadline_at = deadline_at


class NotPermitted(NegotiationError):
    """The actor's role does not allow this act."""


class StaleEdit(NegotiationError):
    """The paragraph changed since the version the edit was written on."""

    def __init__(self, message: str, written_on: object, current: object) -> None:
        super().__init__(message)
        self.written_on = written_on
        self.current = current


class InvalidSubmission(NegotiationError):
    """The submission is malformed (empty text, unknown paragraph, wrong kind)."""


class ImmutableRecord(NegotiationError):
    """Something tried to change or delete what the record keeps forever."""


class NeedsConfirmation(NegotiationError):
    """The act is allowed but has a consequence the user must confirm first."""

    def __init__(self, message: str, items: list[str]) -> None:
        super().__init__(message)
        self.items = items
class InvalidSetting(NegotiationError):
    """A calendar date, a cap or another setting of the cycle that cannot stand as given.

    ``field`` names the form field the message belongs beside ("" for the whole form).
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class NegotiationClosed(RefusedTransition):
    """The negotiation is closed: its archive is read-only."""
