"""``Idempotency-Key``: a POST sent again with the same key gets the first answer, and
nothing is done twice. The keys are claimed in the forms' one-time key store
(:mod:`web.plumbing.replays`), so the act and its receipt are stored together or not at
all, and a refused request (4xx) keeps no answer: it may be corrected and sent again."""

from __future__ import annotations

import hashlib
import re

from flask import Response, request

from negotiation.text.languages import N_
from web.api.errors import ApiRefusal
from web.plumbing.replays import claim

HEADER = "Idempotency-Key"
_SHAPE = re.compile(r"[A-Za-z0-9_.:-]{1,100}")


def replay_or_claim(account_id: int) -> Response | None:
    """The first answer when the key was used already; otherwise claim it (or nothing to
    claim when no key was sent)."""
    sent = request.headers.get(HEADER)
    if sent is None:
        return None
    if not _SHAPE.fullmatch(sent):
        raise ApiRefusal(422, "invalid_input", N_("%(header)s is 1 to 100 letters, digits or "
                         "'_.:-'."), header=HEADER)
    # The store's keys are 64 characters; a client's key is any it likes and is only its
    # own: hashed with the account, no two accounts' keys (nor a form's) can meet.
    key = hashlib.sha256(f"api:{account_id}:{sent}".encode()).hexdigest()
    receipt = claim(key, account_id)
    if receipt is None:
        return None
    if receipt.path != request.path[:500]:
        raise ApiRefusal(422, "idempotency_key_reused",
                         N_("This %(header)s was used for another request (%(path)s)."),
                         header=HEADER, path=receipt.path)
    answer = Response(receipt.body or "", receipt.status or 200,
                      content_type=receipt.content_type or "application/json")
    answer.headers["Idempotent-Replayed"] = "true"
    return answer
