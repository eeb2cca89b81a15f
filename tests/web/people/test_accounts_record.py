"""The installation's own record (acts on accounts, which belong to no negotiation) has a
page of its own, reached from the Accounts page: the administrators read there who
suspended whom, sign-in locks, passwords reset and addresses changed, in their language."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from flask.testing import FlaskClient

from negotiation.models import Account
from tests.builders import World

Client = Callable[[str | None], FlaskClient]


def _lines(client: FlaskClient) -> list[str]:
    """The page's "What" cells, as its reader reads them."""
    page = client.get("/accounts/record/")
    assert page.status_code == 200
    rows = re.findall(r"<tr><td>.*?</tr>", page.get_data(as_text=True), re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", cells[3])).split())
            for row in rows if len(cells := re.findall(r"<td>(.*?)</td>", row, re.S)) == 4]


def test_a_french_administrator_reads_the_accounts_record_in_french(
    client_as: Client, accounts: dict[str, Account], world: World,
) -> None:
    accounts["admin"].language = "fr"
    world.session.flush()
    admin = client_as("admin")
    suspended = admin.post(f"/accounts/{accounts['can'].id}/active", data={"active": "0"})
    assert suspended.status_code == 303
    assert 'href="/accounts/record/"' in admin.get("/accounts/").get_data(as_text=True)
    assert _lines(admin) == ["Compte can suspendu"]
    # The negotiation's own acts (rev. 0 circulated) stay on the negotiation's record.
    accounts["admin"].language = "en"
    world.session.flush()
    assert _lines(admin) == ["Account can suspended"]
