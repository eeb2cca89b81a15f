"""The states of a message in the outbox, and the choices a person makes per negotiation."""

from __future__ import annotations

from negotiation.text.languages import N_

# The states are stored as written and shown as words (``Term(status)`` in a refusal,
# ``{{ _(status) }}`` on a page): marked for the catalogs.

QUEUED = N_("queued")
SENDING = N_("sending")
SENT = N_("sent")
FAILED = N_("failed")
#: Written by a server run "as of" a moment: kept in the outbox, never sent.
REHEARSAL = N_("rehearsal")
#: Waiting for the person's next daily digest.
FOR_DIGEST = N_("for-digest")
#: Gathered into a digest that was queued.
DIGESTED = N_("digested")

EACH = "each"
DIGEST = "digest"
NONE = "none"
CHOICES = {EACH: N_("Each as it happens"), DIGEST: N_("A daily digest (07:00 at headquarters)"),
           NONE: N_("None")}
