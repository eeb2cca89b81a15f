"""Which passwords an account may have: long enough, and not one that attackers try first.

zxcvbn (Dropbox's estimator, from PyPI) ships frequency lists drawn from leaked-password
corpora, common English words, names and keyboard patterns, and estimates how many guesses a
password takes; we refuse anything it rates below "safely unguessable" (score 3), and tell
the person why in its own words.
"""

from __future__ import annotations

from zxcvbn import zxcvbn

from negotiation.errors import InvalidSubmission, Term
from negotiation.text.languages import N_

MIN_PASSWORD_LENGTH = 10
# zxcvbn's time grows quickly with length; nobody types more, and scrypt need not hash more.
MAX_PASSWORD_LENGTH = 128
#: zxcvbn's 0-4 scale: 3 resists an offline attack on a slow hash (about 10^8 guesses).
MIN_SCORE = 3


def check_password(password: str, *, related: tuple[str, ...] = ()) -> None:
    """Refuse a password that is too short, too long, common or breached.

    ``related`` are words tied to the account (username, display name): a password built
    on them is guessed early, so zxcvbn counts them as known words.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidSubmission("A password has at least %(count)s characters.",
                                count=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidSubmission("A password has at most %(count)s characters.",
                                count=MAX_PASSWORD_LENGTH)
    verdict = zxcvbn(password, user_inputs=[word for word in related if word])
    if verdict["score"] < MIN_SCORE:
        feedback = verdict["feedback"]
        # zxcvbn's warning and suggestions are its own English: they are quoted as given.
        warning = (feedback.get("warning") or "").rstrip(".")
        why = warning or Term(N_("This password is among those guessed first"))
        hint = " ".join(feedback.get("suggestions") or []).strip()
        if hint:
            raise InvalidSubmission("Choose a stronger password: %(why)s. %(hint)s A few "
                                    "unrelated words make a good one.", why=why, hint=hint)
        raise InvalidSubmission("Choose a stronger password: %(why)s. A few unrelated words "
                                "make a good one.", why=why)
