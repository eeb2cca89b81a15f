"""Personal API tokens: a script acts as its owner, in one negotiation only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from negotiation.models.base import Base, UTCDateTime
from negotiation.models.negotiation import Negotiation
from negotiation.models.people.accounts import Account


class ApiToken(Base):
    """A token its owner made for one negotiation: the client holds the secret, the server
    only its hash (as for sign-in sessions), so a copy of the database opens nothing.

    Revoking sets ``revoked_at``; a token past ``expires_at`` opens nothing either. The row
    is kept, so the owner's page can say which tokens were used and ended.
    """

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"))
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    account: Mapped[Account] = relationship()
    negotiation: Mapped[Negotiation] = relationship()
