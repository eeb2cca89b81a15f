"""People who sign in. A person's roles belong to negotiations (see ``participants``); an
account only says who the person is, which mission they belong to and whether they
administer the installation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from negotiation.models.base import Base, UTCDateTime
from negotiation.models.negotiation import Delegation


class Account(Base):
    """A person's account; the password is kept only as a salted hash.

    ``delegation`` is the member state's mission the person belongs to: such a person acts
    for that delegation in every negotiation the state takes part in, unless appointed to
    another role there.
    """

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id"))
    is_admin: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # "en", "es", "fr" or "pt" (negotiation.text.languages); None: the browser's.
    language: Mapped[str | None] = mapped_column(String(5))

    delegation: Mapped[Delegation | None] = relationship()

