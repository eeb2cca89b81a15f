"""Notifications by e-mail: addresses and their verification, what each person chooses to
receive, the notices acts write in their own transaction, and the outbox a sender delivers
outside any request (``python -m negotiation.notices.mail.sender``)."""
