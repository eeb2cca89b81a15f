"""Unsubscribe tokens: signed, so the one-click link works without signing in, and only
ever names one person's choice in one negotiation."""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

SECRET_SETTING = "NEGOTIATION_SECRET_KEY"


def signing_key(instance: Path = Path("instance")) -> str:
    """The key the web app signs with: NEGOTIATION_SECRET_KEY, or the one the app keeps in
    its instance folder (the demo's), so links the sender writes are ones the app reads."""
    configured = os.environ.get(SECRET_SETTING)
    if configured:
        return configured
    path = instance / "secret_key"
    return path.read_text().strip() if path.exists() else ""


def _signature(key: str, account_id: int, negotiation_id: int) -> str:
    message = f"unsubscribe:{account_id}:{negotiation_id}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:32]


def unsubscribe_token(key: str, account_id: int, negotiation_id: int) -> str:
    return f"{account_id}.{negotiation_id}.{_signature(key, account_id, negotiation_id)}"


def read_unsubscribe_token(key: str, token: str) -> tuple[int, int] | None:
    """(account id, negotiation id) that a genuine token names; None for anything else."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit() or not key:
        return None
    account_id, negotiation_id = int(parts[0]), int(parts[1])
    if account_id > 2**31 or negotiation_id > 2**31:
        return None
    if not hmac.compare_digest(parts[2], _signature(key, account_id, negotiation_id)):
        return None
    return account_id, negotiation_id
