"""Every role against every page of a negotiation: who may read what, on the server.

The table is the rule as a person reads it: each page, and the status each role gets. 200 is
the page; 403 a refusal that says why; "login" sends an anonymous reader to sign in.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from negotiation.documents.builds import find_or_claim
from negotiation.documents.producing import DocumentRequest
from negotiation.draft.circulation import circulate_revision
from negotiation.enums import MilestoneKind, Role
from negotiation.models import (
    Account,
    Appointment,
    Cap,
    DocumentBuild,
    Milestone,
    PublishedAgenda,
)
from negotiation.record.clock import parse_moment
from tests.builders import CHAIR, World
from tests.web.addresses import at
from web import create_app

READERS = ("anonymous", "observer", "mex", "entity", "chair", "vicechair", "secretariat",
           "admin")

# Pages named by path; {p} is a paragraph of the draft, {s} a section's code and {sid} its id,
# {m} a date of the calendar, {c} a cap rule, {b} a document being built; ~ marks a page
# outside the negotiation (the installation's). Rev. 0 and rev. 1 are circulated, and agenda
# no. 1 is published. A 303 is the page sending its reader on (a fragment asked without
# htmx, the late-leave page to the chair's own, a build not finished to its progress); a 404
# past the door is a page for a thing the negotiation does not hold (no earlier cycle).
READS = """
page                                     anon   obs    mex    entity chair  vice   secr   admin
/                                        login  200    200    200    200    200    200    200
/calendar/                               login  200    200    200    200    200    200    200
/calendar/{m}                            login  403    403    403    200    200    200    403
/calendar.ics                            login  200    200    200    200    200    200    200
/calendar/{m}.ics                        login  200    200    200    200    200    200    200
/caps/                                   login  200    200    200    200    200    200    200
/caps/{c}                                login  403    403    403    200    200    200    403
/caps/export                             login  200    200    200    200    200    200    200
/chair/                                  login  403    403    403    200    200    403    403
/chair/circulate                         login  403    403    403    200    200    403    403
/chair/late/                             login  403    403    403    200    200    200    403
/delegations/                            login  403    403    403    200    200    200    200
/documents/comparison                    login  200    200    200    200    200    200    403
/documents/comparison.html               login  200    200    200    200    200    200    403
/documents/comparison.docx               login  200    200    200    200    200    200    403
/documents/revisions                     login  200    200    200    200    200    200    403
/documents/revisions.html?from=0&to=1    login  200    200    200    200    200    200    403
/documents/akoma-ntoso.xml               login  200    200    200    200    200    200    403
/documents/download?{download}           login  303    303    303    303    303    303    403
/documents/builds/{b}                    login  200    200    200    200    200    200    403
/documents/builds/{b}/file               login  303    303    303    303    303    303    403
/documents/documents.css                 200    200    200    200    200    200    200    200
/draft/                                  login  200    200    200    200    200    200    200
/draft/?section=jid                      login  200    200    200    200    200    200    200
/draft/paragraph/{p}                     login  200    200    200    200    200    200    200
/draft/section/{s}                       login  303    303    303    303    303    303    303
/draft/sections/1                        login  303    303    303    303    303    303    303
/draft/languages/                        login  200    200    200    200    200    200    200
/draft/languages/read                    login  200    200    200    200    200    200    200
/draft/languages/0/read                  login  200    200    200    200    200    200    200
/draft/languages/0/es                    login  403    403    403    200    200    200    403
/draft/languages/0/es/import             login  403    403    403    200    200    200    403
/drafting/                               login  403    403    403    200    200    403    403
/drafting/circulate                      login  403    403    403    409    409    403    403
/drafting/import                         login  403    403    403    200    200    403    403
/drafting/preview                        login  403    403    403    200    200    200    403
/drafting/previous                       login  403    403    403    200    200    403    403
/drafting/previous/x/comparison          login  403    403    403    404    404    404    403
/drafting/previous/x/comparison.html     login  403    403    403    404    404    404    403
/header/                                 login  403    403    403    200    200    200    200
/late-leave/                             login  403    200    403    303    303    303    403
/mail/                                   login  403    403    403    403    403    200    200
/meeting/                                login  200    200    200    200    200    200    200
/meeting/agenda                          login  303    303    303    303    303    303    303
/meeting/agendas/                        login  200    200    200    200    200    200    200
/meeting/agendas/1                       login  200    200    200    200    200    200    200
/people/                                 login  403    403    403    200    200    200    200
/proposals/mine                          login  403    200    403    403    403    403    403
/proposals/section/{sid}/new             login  403    200    403    403    403    403    403
/record/                                 login  403    403    403    200    200    200    403
~/                                       login  200    200    200    200    200    200    200
~/accounts/                              login  403    403    403    403    403    403    200
~/accounts/record/                       login  403    403    403    403    403    403    200
~/account/api-tokens/                    login  200    200    200    200    200    200    200
~/calendar/                              login  200    200    200    200    200    200    200
~/settings/                              login  200    200    200    200    200    200    200
~/auth/login                             200    200    200    200    200    200    200    200
~/auth/forgot                            200    200    200    200    200    200    200    200
~/health                                 200    200    200    200    200    200    200    200
~/favicon.ico                            200    200    200    200    200    200    200    200
"""
#: Pages the table leaves to tests of their own: each opened by a one-time link whose token
#: is the whole permission (tests/web/people, tests/web/notices, tests/web/calendar); the
#: API, whose role matrix is tests/web/api/test_api_roles.py; the app's static files.
ELSEWHERE = {"resets.reset", "joining.show", "unsubscribe.confirm", "mailsettings.confirm",
             "calendar_links.subscription_feed", "static"}


#: The table's columns: the readers, as the tests' accounts are named.
COLUMNS = {"anon": "anonymous", "obs": "observer", "mex": "mex", "entity": "entity",
           "chair": "chair", "vice": "vicechair", "secr": "secretariat", "admin": "admin"}


def _table() -> list[tuple[str, dict[str, str]]]:
    header, *lines = READS.strip().splitlines()
    assert tuple(COLUMNS[name] for name in header.split()[1:]) == READERS
    rows = []
    for line in lines:
        page, *cells = line.split()
        rows.append((page, dict(zip(READERS, cells, strict=True))))
    return rows


TABLE = _table()


@pytest.fixture
def reader(
    world: World, accounts: dict[str, Account], password_hash: str,
    client_on: Callable[..., FlaskClient], app: object,
) -> Callable[[str], FlaskClient]:
    """A client signed in as one reader; the JID's secretariat and a vice-chair join the
    people every server test has."""
    for name, role, entity in (("entity", Role.ENTITY, "JID"), ("vicechair", Role.CHAIR, None)):
        accounts[name] = Account(username=name, display_name=name.capitalize(),
                                 password_hash=password_hash, active=True, is_admin=False,
                                 created_at=world.now)
        world.session.add(accounts[name])
        world.session.flush()
        world.session.add(Appointment(
            negotiation_id=world.negotiation.id, account_id=accounts[name].id, role=role,
            entity=entity, appointed_at=world.now, appointed_by="tests"))
    world.session.flush()
    # What the pages of a cycle under way show: a second revision, a document being built,
    # a meeting with its published agenda.
    circulate_revision(world.session, world.negotiation, CHAIR, world.now, confirmed=True)
    find_or_claim(world.session, world.negotiation,
                  DocumentRequest.of("comparison", "docx", {}, world.now, "es"))
    meeting = Milestone(negotiation_id=world.negotiation.id, kind=MilestoneKind.MEETING,
                        title="First CSH meeting",
                        at=parse_moment("2024-05-14 10:00 America/New_York"))
    world.session.add(meeting)
    world.session.flush()
    world.session.add(PublishedAgenda(
        negotiation_id=world.negotiation.id, meeting_id=meeting.id, number=1, edition=1,
        published_at=world.now, published_by="Chair", items=[]))
    world.session.flush()
    return lambda name: client_on(app, None if name == "anonymous" else name)


def _address(page: str, world: World) -> str:
    """The table's page as an address, its placeholders filled from the world."""
    if page.startswith("~"):
        return page.removeprefix("~")
    session, negotiation = world.session, world.negotiation
    return at(page.format(
        p=world.paragraphs["op1"].id, s=world.sections["tip"].code,
        sid=world.sections["tip"].id,
        m=session.scalars(select(Milestone.id).where(
            Milestone.negotiation_id == negotiation.id).order_by(Milestone.id)).first(),
        c=session.scalars(select(Cap.id).where(Cap.negotiation_id == negotiation.id)).first(),
        b=session.scalars(select(DocumentBuild.id).where(
            DocumentBuild.negotiation_id == negotiation.id)).first(),
        download="document=comparison&format=html"))


def test_the_table_names_every_page_of_a_negotiation_once() -> None:
    pages = [page for page, _ in TABLE]
    assert len(pages) == len(set(pages))


def test_the_table_names_every_page_the_app_serves() -> None:
    """A page added later and left out of the table fails here: its readers must be said."""
    app = create_app({"SECRET_KEY": "reads", "TESTING": True})
    adapter = app.url_map.bind("localhost")
    named = {adapter.match(urlsplit(page.removeprefix("~") if page.startswith("~") else at(
        page.format(p=1, s="tip", sid=1, m=1, c=1, b=1, download=""))).path, method="GET")[0]
        for page, _ in TABLE}
    served = {rule.endpoint for rule in app.url_map.iter_rules()
              if "GET" in (rule.methods or set()) and not rule.endpoint.startswith("api.")}
    assert served - ELSEWHERE - named == set()


def _status(response: TestResponse) -> str:
    """The status as the table writes it, and a refusal's words checked on the way."""
    location = response.headers.get("Location", "")
    if response.status_code == 302 and "/auth/login" in location:
        return "login"
    if response.status_code == 403:
        # A refusal says why, in words, not only a number.
        body = response.get_data(as_text=True)
        if "may not" not in body and "Only" not in body:
            return "403 without saying why"
    return str(response.status_code)


@pytest.mark.parametrize(("page", "expected"), TABLE, ids=[page for page, _ in TABLE])
def test_who_may_read_the_page(
    page: str, expected: dict[str, str], world: World, reader: Callable[[str], FlaskClient]
) -> None:
    address = _address(page, world)
    found = {}
    for who in READERS:
        response = reader(who).get(address)
        found[who] = _status(response)
        response.close()  # a file's answer holds the file open
    assert found == expected
