"""Who acts: the domain's view of a signed-in person, without any web session."""

from __future__ import annotations

from dataclasses import dataclass

from negotiation.enums import Role


@dataclass(frozen=True)
class Actor:
    """A person acting in one role; a delegate also names their delegation."""

    role: Role
    name: str
    delegation_id: int | None = None
    entity: str | None = None

    def __post_init__(self) -> None:
        if (self.role is Role.DELEGATION) != (self.delegation_id is not None):
            raise ValueError("a delegate, and only a delegate, acts for a delegation")


SYSTEM = Actor(Role.SYSTEM, "system")
