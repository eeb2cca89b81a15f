"""The outbox's statements the sender claims and marks messages with, built once (building one
cost about as much as running it)."""

from __future__ import annotations

from sqlalchemy import Integer, bindparam, or_, select, update

from negotiation.models import Account, MailMessage
from negotiation.notices.statuses import QUEUED, SENDING, SENT

#: What the server's acceptance is kept as.
ACCEPTED = "250 accepted"

OUTBOX = MailMessage.__table__
m = OUTBOX.c
_account = Account.__table__.c
#: What composing a message reads, returned by the claim itself: no object per message.
_CLAIMED = (m.id, m.attempts, m.account_id, m.negotiation_id, m.address,
            m.display_name, m.kind, m.subject, m.body, m.link, m.thread,
            m.message_id, m.created_at,
            # The person's language, for the footer (the rest was written in it).
            select(_account.language).where(_account.id == m.account_id).scalar_subquery()
            .label("language"))
_DUE = (select(m.id).where(or_(
    (m.status == QUEUED) & (m.next_attempt_at <= bindparam("c_now")),
    (m.status == SENDING) & (m.lease_until < bindparam("c_now")),
)).order_by(m.id).limit(bindparam("c_batch", type_=Integer))
    .with_for_update(skip_locked=True))
#: The next batch of due messages, claimed under a lease, returning what composing reads.
CLAIM = (update(OUTBOX).where(m.id.in_(_DUE.scalar_subquery()))
         .values(status=SENDING, lease_until=bindparam("c_lease_until"),
                 claimed_by=bindparam("c_owner"), attempts=m.attempts + 1)
         .returning(*_CLAIMED))
#: The messages of a batch the server took, marked sent and released.
SETTLE_SENT = (update(OUTBOX)
               .where(m.id.in_(bindparam("s_ids", expanding=True)), m.status == SENDING,
                      m.claimed_by == bindparam("s_owner"))
               .values(claimed_by="", status=SENT, answer=ACCEPTED, sent_at=bindparam("s_now"),
                       next_attempt_at=bindparam("s_now"), lease_until=None))
#: One message marked failed or postponed, with the server's answer, and released.
SETTLE = (update(OUTBOX)
          .where(m.id == bindparam("b_id"), m.status == SENDING,
                 m.claimed_by == bindparam("b_owner"))
          .values(claimed_by="", status=bindparam("b_status"), answer=bindparam("b_answer"),
                  sent_at=bindparam("b_sent_at"), next_attempt_at=bindparam("b_next"),
                  lease_until=None))
