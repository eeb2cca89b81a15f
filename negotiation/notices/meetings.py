"""What the meeting's agenda tells everyone taking part: published, or published again with
what changed (each reader's message in their language)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from negotiation.enums import ParagraphKind
from negotiation.models import Milestone, Negotiation, PublishedAgenda
from negotiation.notices.telling import negotiation_path, paragraph_words, tell_in_words
from negotiation.record.wording import Wording, moment, says
from negotiation.text.languages import N_


def agenda_thread(meeting: Milestone) -> str:
    """One meeting's agendas are one thread in a mail client."""
    return f"agenda-{meeting.id}"


def item_words(item: dict[str, Any]) -> Wording:
    """An agenda item as messages name it: "operative paragraph 3 (Trafficking in persons)"."""
    return says(N_("%(paragraph)s (%(section)s)"),
                paragraph=paragraph_words(ParagraphKind(item["kind"]), item["label"]),
                section=item["section"])


def change_words(changes: dict[str, list[dict[str, Any]]]) -> list[Wording]:
    """Each change of an edition from the one it replaces, as one phrase."""
    told = [says(N_("added: %(item)s"), item=item_words(item)) for item in changes["added"]]
    told += [says(N_("no longer on the agenda: %(item)s"), item=item_words(item))
             for item in changes["removed"]]
    told += [says(N_("%(item)s moved from item %(before)s to item %(after)s"),
                  item=item_words(item), before=item["before"], after=item["after"])
             for item in changes["moved"]]
    return told


def agenda_published(session: Session, negotiation: Negotiation, agenda: PublishedAgenda,
                     meeting: Milestone, previous: PublishedAgenda | None,
                     changes: dict[str, list[dict[str, Any]]], at: datetime) -> None:
    """Everyone taking part is told, with the link to the meeting page; a new edition says
    which agenda it replaces and what changed."""
    when = moment(meeting.at, negotiation.timezone)
    common = dict(number=agenda.number, meeting=meeting.title, when=when,
                  count=len(agenda.items))
    if previous is None:
        title = says(N_("Agenda no. %(number)s: %(meeting)s"), number=agenda.number,
                     meeting=meeting.title)
        body = says(N_("The chair published agenda no. %(number)s for %(meeting)s "
                       "(%(when)s), in the order of consideration. Paragraphs to consider: "
                       "%(count)s."), **common)
    else:
        title = says(N_("Agenda no. %(number)s: %(meeting)s (replaces no. %(previous)s)"),
                     number=agenda.number, meeting=meeting.title, previous=previous.number)
        body = says(N_("The chair published agenda no. %(number)s for %(meeting)s "
                       "(%(when)s), replacing agenda no. %(previous)s. Paragraphs to "
                       "consider: %(count)s. What changed: %(changes)s."),
                    previous=previous.number, changes=change_words(changes), **common)
    tell_in_words(session, negotiation, "agenda", at, title, body,
                  negotiation_path(negotiation, "meeting/"), thread=agenda_thread(meeting),
                  falls_at=meeting.at)
