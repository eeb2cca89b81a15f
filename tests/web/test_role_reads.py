"""Every role against every page of a negotiation: who may read what, on the server.

The table is the rule as a person reads it: each page, and the status each role gets. 200 is
the page; 403 a refusal that says why; "login" sends an anonymous reader to sign in.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from negotiation.enums import Role
from negotiation.models import Account, Appointment
from tests.builders import World
from tests.web.addresses import at

READERS = ("anonymous", "observer", "mex", "entity", "chair", "vicechair", "secretariat",
           "admin")

# Pages named by path; {p} is a paragraph of the draft; ~ marks a page outside the negotiation
# (the Accounts page is the installation's).
READS = """
page                      anonymous observer mex  entity chair vicechair secretariat admin
/                         login     200      200  200    200   200       200         200
/draft/                   login     200      200  200    200   200       200         200
/draft/?section=jid       login     200      200  200    200   200       200         200
/draft/paragraph/{p}      login     200      200  200    200   200       200         200
/proposals/mine           login     403      200  403    403   403       403         403
/chair/                   login     403      403  403    200   200       403         403
/chair/late/              login     403      403  403    200   200       200         403
/meeting/                 login     200      200  200    200   200       200         200
/calendar/                login     200      200  200    200   200       200         200
/caps/                    login     200      200  200    200   200       200         200
/delegations/             login     403      403  403    200   200       200         200
/record/                  login     403      403  403    200   200       200         403
/people/                  login     403      403  403    200   200       200         200
/documents/comparison     login     200      200  200    200   200       200         403
/documents/revisions      login     200      200  200    200   200       200         403
/drafting/                login     403      403  403    200   200       403         403
~/accounts/               login     403      403  403    403   403       403         200
"""


def _table() -> list[tuple[str, dict[str, str]]]:
    header, *lines = READS.strip().splitlines()
    assert tuple(header.split()[1:]) == READERS
    rows = []
    for line in lines:
        page, *cells = line.split()
        rows.append((page, dict(zip(READERS, cells, strict=True))))
    return rows


TABLE = _table()
CASES = [(page, reader, expected[reader]) for page, expected in TABLE for reader in READERS]


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
    return lambda name: client_on(app, None if name == "anonymous" else name)


def test_the_table_names_every_page_of_a_negotiation_once() -> None:
    pages = [page for page, _ in TABLE]
    assert len(pages) == len(set(pages))


@pytest.mark.parametrize(("page", "who", "expected"), CASES,
                         ids=[f"{page} as {who}" for page, who, _ in CASES])
def test_role_reads_page(
    page: str, who: str, expected: str, world: World, reader: Callable[[str], FlaskClient]
) -> None:
    path = page.removeprefix("~") if page.startswith("~") else at(
        page.format(p=world.paragraphs["op1"].id))

    response = reader(who).get(path)

    if expected == "login":
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]
    else:
        assert response.status_code == int(expected), response.data.decode()[:500]
    if response.status_code == 403:
        # A refusal says why, in words, not only a number.
        assert "may not" in response.data.decode() or "Only" in response.data.decode()
