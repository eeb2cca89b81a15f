"""Every page of the tracker read on a phone (390 px), as every kind of person: no page runs
off the side of the screen, and a table wider than the screen scrolls inside a box the
keyboard can reach.

The pages come from the app's own map of addresses, filled with the demo's rows, so a page
added later is read on a phone too without touching this file. Files (Word, PDF, calendars,
Akoma Ntoso), the API and the pages reached by a one-time link are not pages a person reads
here; a page a person may not open is skipped (who may read what is tests/web's matrix).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from negotiation.models import Cap, Milestone, Negotiation, Paragraph, PublishedAgenda, Section
from tests.web.browser.conftest import LiveApp
from tests.web.browser.layout import (
    PHONE,
    assert_no_sideways_scroll,
    assert_tables_scroll_by_keyboard,
    at_width,
)
from tests.web.browser.test_layout import _a_cycle_being_drafted
from web import create_app

pytestmark = pytest.mark.browser

#: Addresses that are files, machine interfaces or one-time links, not pages read here.
NOT_PAGES = re.compile(r"\.(ics|xml|css|json)$|\.<any|/file$|^/api/|^/static/|<token>|"
                       r"^/health$|^/favicon.ico$|/download$|/export$|/sections/<int:page>$|"
                       r"/drafting/previous/<earlier>")
#: A variable of an address: ``<name>`` or ``<int:name>``.
VARIABLE = re.compile(r"<(?:\w+:)?(\w+)>")
#: Each reader, and the least number of pages of the demo negotiation they must have read
#: (so a sweep that silently read nothing fails).
READERS = {"chair": 25, "secretariat": 20, "mex1": 15, "observer": 12, "admin": 10}
#: A few addresses the map does not list as such: the same pages in the states a person
#: reaches by their links (a revision's comparison text, the text laid out as the draft).
VARIANTS = ["/documents/comparison?revision=0", "/documents/comparison?layout=draft"]


def _rules() -> list[str]:
    app = create_app({"SECRET_KEY": "sweep", "TESTING": True})
    return sorted({rule.rule for rule in app.url_map.iter_rules()
                   if "GET" in (rule.methods or set()) and not NOT_PAGES.search(rule.rule)})


def _values(live_app: LiveApp, slug: str) -> dict[str, str]:
    """A real value for each variable of an address in the negotiation ``slug``."""
    committee, cycle = slug.strip("/").split("/")
    with live_app.sessions() as session:
        negotiation = session.scalars(select(Negotiation).where(
            Negotiation.cycle == cycle)).first()
        assert negotiation is not None
        nid = negotiation.id

        def first(query: Any) -> str:
            found = session.scalars(query.limit(1)).first()
            return "" if found is None else str(found)

        section = select(Section).where(Section.negotiation_id == nid).order_by(Section.id)
        return {
            "committee": committee, "cycle": cycle,
            "paragraph_id": first(select(Paragraph.id).join(Section).where(
                Section.negotiation_id == nid).order_by(Paragraph.id)),
            "code": first(section.with_only_columns(Section.code)),
            "section_id": first(section.with_only_columns(Section.id)),
            "milestone_id": first(select(Milestone.id).where(
                Milestone.negotiation_id == nid).order_by(Milestone.id)),
            "cap_id": first(select(Cap.id).where(Cap.negotiation_id == nid).order_by(Cap.id)),
            "agenda": first(select(PublishedAgenda.number).where(
                PublishedAgenda.negotiation_id == nid).order_by(PublishedAgenda.number)),
            "number": "0",  # rev. 0's language versions
            "language": "es",
        }


def _addresses(live_app: LiveApp, slug: str) -> Iterator[str]:
    values = _values(live_app, slug)
    for rule in _rules():
        if not rule.startswith("/<committee>/<cycle>/") and slug != "/csh/2023-2024":
            continue  # the installation's own pages are read once, with the demo's
        named = {**values, "number": values["agenda"]} if "/agendas/" in rule else values
        parts = VARIABLE.split(rule)  # text, name, text, name ... text
        if all(named.get(name) for name in parts[1::2]):  # else the demo holds no such row
            yield "".join(named[part] if i % 2 else part for i, part in enumerate(parts))
    if slug == "/csh/2023-2024":
        yield from (slug + variant for variant in VARIANTS)


def _read_on_a_phone(page: Any, addresses: Iterator[str]) -> list[str]:
    read = []
    for path in addresses:
        response = page.goto(path)
        if response is None or response.status != 200:
            continue  # not this reader's page, or a page needing a state the demo lacks
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        assert_no_sideways_scroll(page)
        assert_tables_scroll_by_keyboard(page)
        read.append(path)
    return read


@pytest.mark.parametrize("username", sorted(READERS))
def test_every_page_fits_a_phone_for_every_reader(
    signed_in: Any, live_app: LiveApp, username: str
) -> None:
    live_app.at("2024-04-20 10:00")
    page = signed_in(username)
    at_width(page, PHONE)
    read = _read_on_a_phone(page, _addresses(live_app, "/csh/2023-2024"))
    assert len([p for p in read if p.startswith("/csh/")]) >= READERS[username], read


def test_every_page_of_a_draft_being_written_fits_a_phone(
    signed_in: Any, live_app: LiveApp
) -> None:
    slug = _a_cycle_being_drafted(live_app)
    live_app.at("2024-04-20 10:00")
    page = signed_in("chair")
    at_width(page, PHONE)
    read = _read_on_a_phone(page, _addresses(live_app, slug))
    for drafting in ("/drafting/", "/drafting/import", "/drafting/preview",
                     "/drafting/previous"):
        assert slug + drafting in read, read
