"""The mail itself: the outbox acts write to (:mod:`.outbox`), each message composed as
people receive it (:mod:`.composing`), the mail server's settings (:mod:`.settings`) and the
sender that delivers outside any request (:mod:`.sender`)."""
