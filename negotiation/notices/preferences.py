"""What each person chooses to receive, per negotiation, and the time zone they read in."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.errors import InvalidSetting
from negotiation.models import NoticePreference
from negotiation.notices.statuses import CHOICES, EACH


def checked_choice(choice: str) -> str:
    if choice not in CHOICES:
        raise InvalidSetting("Choose each message as it happens, a daily digest, or none.",
                             "choice")
    return choice


def checked_time_zone(name: str) -> str:
    """"" (headquarters' time only), or a time zone such as Europe/Madrid."""
    name = name.strip()
    if not name:
        return ""
    try:
        if name not in available_timezones():
            raise ZoneInfoNotFoundError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidSetting("That is not a time zone: give one such as Europe/Madrid or "
                             "America/Bogota, or leave it empty.", "time_zone") from None
    return name


def choice_of(session: Session, account_id: int, negotiation_id: int) -> str:
    found = session.scalar(select(NoticePreference.choice).where(
        NoticePreference.account_id == account_id,
        NoticePreference.negotiation_id == negotiation_id))
    return found or EACH


def set_choice(session: Session, account_id: int, negotiation_id: int, choice: str) -> None:
    """Set one person's choice for one negotiation, and nothing else."""
    choice = checked_choice(choice)
    found = session.scalars(select(NoticePreference).where(
        NoticePreference.account_id == account_id,
        NoticePreference.negotiation_id == negotiation_id).with_for_update()).first()
    if found is None:
        session.add(NoticePreference(account_id=account_id, negotiation_id=negotiation_id,
                                     choice=choice))
    else:
        found.choice = choice
    session.flush()
