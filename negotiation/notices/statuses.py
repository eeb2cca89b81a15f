"""The states of a message in the outbox, and the choices a person makes per negotiation."""

from __future__ import annotations

QUEUED = "queued"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
#: Written by a server run "as of" a moment: kept in the outbox, never sent.
REHEARSAL = "rehearsal"
#: Waiting for the person's next daily digest.
FOR_DIGEST = "for-digest"
#: Gathered into a digest that was queued.
DIGESTED = "digested"

EACH = "each"
DIGEST = "digest"
NONE = "none"
CHOICES = {EACH: "Each as it happens", DIGEST: "A daily digest (07:00 at headquarters)",
           NONE: "None"}
