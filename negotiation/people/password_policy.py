"""Which passwords an account may have: long enough, and not one that attackers try first.

zxcvbn (Dropbox's estimator, from PyPI) ships frequency lists drawn from leaked-password
corpora, common English words, names and keyboard patterns, and estimates how many guesses a
password takes; we refuse anything it rates below "safely unguessable" (score 3), and tell
the person why in its own words.
"""

from __future__ import annotations

from zxcvbn import zxcvbn

from negotiation.errors import InvalidSubmission

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
        raise InvalidSubmission(f"A password has at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidSubmission(f"A password has at most {MAX_PASSWORD_LENGTH} characters.")
    verdict = zxcvbn(password, user_inputs=[word for word in related if word])
    if verdict["score"] < MIN_SCORE:
        feedback = verdict["feedback"]
        why = feedback.get("warning") or "This password is among those guessed first."
        hint = " ".join(feedback.get("suggestions") or [])
        raise InvalidSubmission(
            f"Choose a stronger password: {why.rstrip('.')}. {hint}".strip()
            + " A few unrelated words make a good one."
        )
