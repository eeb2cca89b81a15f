"""No words on a page outside the catalogs: a reader in Spanish, French or Portuguese never
meets an English sentence we forgot to mark.

Every message the catalogs hold is shown wrapped in markers (a pseudo-language); each role
then walks every page it can reach by following links, and any visible text, title, label or
button that is neither marked, nor typed by a person (the negotiation's data), nor a number
or a date, is text outside the catalogs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from babel.dates import get_day_names, get_month_names
from babel.messages.pofile import read_po
from babel.support import NullTranslations
from flask.testing import FlaskClient
from sqlalchemy import String, Text, inspect, select

import negotiation.text.languages as languages
import web.words.languages as web_languages
from negotiation.enums import AmendmentKind, ParagraphKind
from negotiation.models import Base, RecordEntry
from negotiation.proposals.submissions import submit_new_paragraph, submit_proposal
from tests.builders import World
from tests.web.addresses import at

OPEN, CLOSE = "\u27e6", "\u27e7"
# The innermost marked message: a message whose parameter is itself a message ("Spanish:
# 3 of 10 paragraphs" with "Spanish" translated) is taken out from the inside.
MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", re.S)
# Attributes a person reads or hears (a screen reader reads aria-label).
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
SKIPPED_TAGS = {"script", "style", "textarea", "option", "code", "pre"}
NOT_PAGES = re.compile(r"\.(docx|pdf|ics|xml|json|ico|css|js)$|/(logout|static)/|/api/")
# What is neither words nor data: numbers, symbols, punctuation, rev. numbers.
NEUTRAL = re.compile(r"[\W\d_]+|rev|bis|ter|p\.|pp|op|x", re.I)
PAGES_PER_READER = 120
# A moment as the pages write it in Spanish (negotiation.record.clock.format_moment, CLDR's
# long date): "22 de abril de 2024, 23:59 en Washington".
SPANISH_MOMENT = re.compile(r"\d{1,2} de \w+ de \d{4}(, \d{1,2}:\d{2} en [\w. ]+)?")


class _Pseudo(NullTranslations):
    """The catalogs' messages in markers; anything else comes out as it went in."""

    def __init__(self, known: set[str]) -> None:
        super().__init__()
        self.known = known

    def gettext(self, message: str) -> str:
        return f"{OPEN}{message}{CLOSE}" if message in self.known else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        chosen = singular if n == 1 else plural
        return f"{OPEN}{chosen}{CLOSE}" if singular in self.known else chosen

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)

    ugettext = gettext
    ungettext = ngettext
    upgettext = pgettext


class _Page(HTMLParser):
    """The texts of a page a person reads, and the links on it. ``texts`` holds the page's
    text nodes in order (a message with markup inside spans several: its markers open in one
    node and close in a later one), ``attributes`` what is read from attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.attributes: list[str] = []
        self.links: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in SKIPPED_TAGS:
            self._skipping.append(tag)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        self.attributes.extend(value for name, value in attrs
                               if name in READ_ATTRIBUTES and value)
        if tag == "input" and values.get("type") in {"submit", "button"} and values.get("value"):
            self.attributes.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping and data.strip():
            self.texts.append(data)

    def unmarked_texts(self) -> list[str]:
        """The runs of text outside every marker, reading the nodes in order."""
        runs, depth, run = [], 0, []
        for node in self.texts:
            for character in node:
                if character == OPEN:
                    depth += 1
                elif character == CLOSE:
                    depth = max(depth - 1, 0)
                elif depth == 0:
                    run.append(character)
            if depth == 0 and run:
                runs.append("".join(run))
                run = []
        return [r for r in runs if r.strip()] + self.attributes


def _catalog_messages() -> set[str]:
    with (languages.CATALOGS / "messages.pot").open("rb") as pot:
        catalog = read_po(pot)
    known: set[str] = set()
    for message in catalog:
        if message.id:
            known.update(message.id if isinstance(message.id, tuple) else [message.id])
    return known


def _typed_by_people(world: World) -> list[str]:
    """Every text the negotiation's rows hold: paragraphs, names, titles, symbols. Not the
    record's English summaries, nor the reasons the app gave itself: the app wrote them, and
    the pages write their words in the reader's language."""
    typed: set[str] = set()
    session = world.session
    session.flush()
    for mapper in Base.registry.mappers:
        columns = [c for c in inspect(mapper.class_).columns
                   if isinstance(c.type, (String, Text)) and not c.foreign_keys
                   and c is not RecordEntry.__table__.c.summary]
        for column in columns:
            query = select(column)
            if column is RecordEntry.__table__.c.reason:
                query = query.where(RecordEntry.reason_words.is_(None))
            typed.update(value.lower() for value in session.scalars(query) if value)
    return sorted(typed, key=len, reverse=True)


def _calendar_words(language: str) -> set[str]:
    words: set[str] = set()
    for width in ("wide", "abbreviated"):
        words.update(get_month_names(width, locale=language).values())
        words.update(get_day_names(width, locale=language).values())
    return {word.lower() for word in words}


def _unmarked(text: str, typed: list[str], calendar: set[str]) -> str:
    """What is left of a text once markers, people's data, numbers and dates are taken out."""
    rest, before = text, None
    while rest != before:
        before, rest = rest, MARKED.sub(" ", rest)
    rest = SPANISH_MOMENT.sub(" ", rest).lower()
    if not NEUTRAL.sub("", rest):
        return ""
    for value in typed:
        if value in rest:
            rest = rest.replace(value, " ")
    words = [word for word in re.split(r"[\s\W]+", rest) if word]
    left = [word for word in words
            if word.lower() not in calendar and not NEUTRAL.fullmatch(word)
            and not any(word in value for value in typed)]
    return " ".join(left)


def _walk(client: FlaskClient, start: str) -> Iterator[tuple[str, _Page]]:
    seen, queue = {start}, [start]
    while queue and len(seen) <= PAGES_PER_READER:
        path = queue.pop(0)
        answer = client.get(path, headers={"Accept-Language": "es"})
        if answer.status_code != 200 or "text/html" not in answer.content_type:
            continue
        page = _Page()
        page.feed(answer.get_data(as_text=True))
        yield path, page
        for link in page.links:
            target = urljoin(path, link)
            parts = urlsplit(target)
            if parts.netloc or NOT_PAGES.search(parts.path):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                seen.add(target)
                queue.append(target)


@pytest.fixture
def pseudo_language(monkeypatch: pytest.MonkeyPatch) -> None:
    pseudo = _Pseudo(_catalog_messages())
    monkeypatch.setattr(web_languages, "translations", lambda language: pseudo)
    monkeypatch.setattr(languages, "translations", lambda language: pseudo)


@pytest.fixture
def busy_world(world: World) -> World:
    """Proposals of every kind on the draft, so their pages and blocks show too."""
    mexico = world.delegate("MEX")
    paragraph = world.paragraphs["op1"]
    version = paragraph.current_version.id
    submit_proposal(world.session, world.negotiation, mexico, paragraph,
                    AmendmentKind.MODIFY, world.now, written_on=version,
                    text="To urge member states to deepen cooperation against trafficking.")
    submit_proposal(world.session, world.negotiation, world.delegate("CAN"),
                    world.paragraphs["op2"], AmendmentKind.COMMENT, world.now,
                    written_on=world.paragraphs["op2"].current_version.id, comment="Agreed.")
    submit_new_paragraph(world.session, world.negotiation, mexico, world.sections["tip"],
                         ParagraphKind.OPERATIVE, "To invite states to report yearly.",
                         world.now)
    world.session.flush()
    return world


@pytest.mark.parametrize("reader", ["anonymous", "mex", "chair", "secretariat", "admin"])
def test_every_page_a_reader_reaches_speaks_from_the_catalogs(
    reader: str, busy_world: World, client_as: Callable[[str | None], FlaskClient],
    pseudo_language: None,
) -> None:
    typed = _typed_by_people(busy_world)
    calendar = _calendar_words("es")
    client = client_as(None if reader == "anonymous" else reader)
    outside: dict[str, set[str]] = {}
    walked = 0
    for path, page in _walk(client, at("/") if reader != "anonymous" else "/auth/login"):
        walked += 1
        for text in page.unmarked_texts():
            left = _unmarked(text, typed, calendar)
            if left:
                outside.setdefault(" ".join(text.split())[:120], set()).add(path)
    # Signed out, the sign-in page leads only to the password reset.
    assert walked >= (2 if reader == "anonymous" else 10), "the walk reached too few pages"
    report = "\n".join(f"{text!r}  on {sorted(paths)[:3]}"
                       for text, paths in sorted(outside.items()))
    assert not outside, f"{len(outside)} texts outside the catalogs:\n{report}"
