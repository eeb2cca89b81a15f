"""A long cycle's first screens list one page of it: the draft page one page of sections,
the meeting page one page of the agenda. A bigger cycle must not make them list (and read,
and send) every section or every item again."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlencode

from flask import Flask
from flask.testing import FlaskClient

from negotiation.chairing.decisions import decide, triage_section
from negotiation.enums import AmendmentKind, ParagraphKind, SectionKind
from negotiation.models import Paragraph, Section
from negotiation.proposals.submissions import submit_proposal
from tests.builders import CHAIR, World, chair_paragraph, paragraph_count
from tests.web.test_page_queries import counted, grow, rows_read

Client = Callable[[str | None], FlaskClient]
HTMX = {"HX-Request": "true"}


def more_sections(world: World, start: int, count: int) -> None:
    """Sections added at the end of the draft, a paragraph of the chair in each."""
    for n in range(start, start + count):
        section = Section(code=f"extra-{n}", kind=SectionKind.ITEM, area=5,
                          title=f"Extra item {n}", position=10 + n,
                          negotiation_id=world.negotiation.id)
        world.session.add(section)
        world.session.flush()
        world.sections[f"extra-{n}"] = section
        chair_paragraph(world, f"extra{n}", ParagraphKind.OPERATIVE,
                        f"To act on extra item {n}.", f"extra-{n}")
    world.session.flush()
    world.session.expire_all()


def listed_sections(page: str) -> list[str]:
    return re.findall(r'<section class="draft-section[^"]*" id="section-([^"]+)"', page)


def test_the_first_screen_lists_one_page_of_sections_however_many_the_draft_has(
    app: Flask, world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    app.config.update(DRAFT_SECTIONS_PER_PAGE=2, DRAFT_FIRST_ROWS=3)
    client = client_as("mex")

    def first_screen() -> tuple[str, int, int]:
        with rows_read() as rows, counted(world.session) as queries:
            answer = client.get(at("/draft/"))
            assert answer.status_code == 200
        return answer.data.decode(), rows[0], len(queries)

    more_sections(world, 0, 1)
    few, few_rows, few_queries = first_screen()
    more_sections(world, 1, 12)
    many, many_rows, many_queries = first_screen()
    # The same two sections, their table of contents and filter: not the fourteen of them.
    assert listed_sections(many) == listed_sections(few) == ["trafficking-in-persons", "jid"]
    assert many.count('<li><a href="#section-') == 2
    assert '<option value="extra-' not in many
    assert many_rows == few_rows and many_queries == few_queries
    assert "Sections 1 to 2 of 16" in many
    assert f"{paragraph_count(world)} of {paragraph_count(world)} paragraphs shown" in many

    # The next page: a link without JavaScript, the sections named as the reader scrolls.
    more = re.search(r'<p class="meta more-sections" id="more-sections-2" hx-get="([^"]+)"'
                     r' hx-trigger="revealed"[^>]*>\s*<a href="([^"]+)">Next sections: 3 to 4'
                     r' of 16</a>', many)
    assert more is not None
    scrolled = client.get(more.group(1), headers=HTMX).data.decode()
    assert listed_sections(scrolled) == ["cifta", "extra-0"]
    assert 'class="draft-section deferred"' in scrolled and "more-sections-3" in scrolled
    plain = client.get(more.group(1))
    assert plain.status_code == 303 and plain.headers["Location"].endswith("?page=2")
    second = client.get(more.group(2).replace("&amp;", "&")).data.decode()
    assert listed_sections(second) == ["cifta", "extra-0"]
    # Labelled as the whole draft numbers it: CIFTA's first operative paragraph follows the
    # four of the sections before.
    assert re.search(r'<span class="label">5</span>\s*<div class="body">\s*<p>To urge states '
                     r'parties to apply CIFTA, measure 1.', second)
    assert 'rel="prev"' in second and "Sections 3 to 4 of 16" in second
    last = client.get(at("/draft/?page=99")).data.decode()  # past the end: the last page
    assert listed_sections(last) == ["extra-11", "extra-12"] and "more-sections" not in last


def agenda_items(page: str) -> list[str]:
    return re.findall(r'<li id="agenda-(\d+)" class="agenda-item', page)


def test_the_meeting_page_lists_one_page_of_the_agenda_however_long_it_is(
    app: Flask, world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    app.config.update(MEETING_ITEMS_PER_PAGE=6, DRAFT_FIRST_ROWS=2)
    chair = client_as("chair")

    def meeting(address: str = "/meeting/") -> tuple[str, int]:
        with counted(world.session) as queries:
            answer = chair.get(at(address))
            assert answer.status_code == 200
        return answer.data.decode(), len(queries)

    grow(world, 1)
    few, few_queries = meeting()
    grow(world, 10, start=1)
    many, many_queries = meeting()
    # One page of six items, the first two in full with the chair's form; the others on the
    # next pages, by plain links.
    assert len(agenda_items(few)) < 6 and len(agenda_items(many)) == 6
    assert many.count('hx-post="') == few.count('hx-post="') == 2 * 2  # approve, defer
    assert many_queries == few_queries
    total = int(re.search(r"Items 1 to 6 of the (\d+) on the agenda", many).group(1))
    assert total >= 12
    assert 'href="' + at("/meeting/?page=2") + '" rel="next"' in many

    second, _queries = meeting("/meeting/?page=2")
    assert len(agenda_items(second)) == 6 and not set(agenda_items(second)) & set(
        agenda_items(many))
    assert "<form" not in second.split('id="agenda"', 1)[1]  # named only: no chair's form
    assert "Items 7 to 12 of the" in second
    # The page's polls and decisions say which page it shows.
    assert '<input type="hidden" name="page" value="2">' in second


def test_a_later_page_of_the_agenda_follows_the_meeting_as_its_items_move_up(
    app: Flask, world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    app.config.update(MEETING_ITEMS_PER_PAGE=3, DRAFT_FIRST_ROWS=2)
    grow(world, 3)
    world.after_deadline()
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)
    observer = client_as("mex")
    first, second = (observer.get(at(address)).data.decode()
                     for address in ("/meeting/", "/meeting/?page=2"))
    total = int(re.search(r"Items 4 to 6 of the (\d+) on the agenda", second).group(1))
    poll = re.search(r'<div id="meeting-poll" hx-get="([^"]+)"', second)
    assert poll is not None
    sent = [("page", "2"), *(("shape", v) for v in re.findall(
        r'name="shape" value="([^"]+)"', second)[:1]), *(("m", m) for m in re.findall(
            r'class="agenda-marker" name="m" id="[^"]+" value="([^"]+)"', second))]
    url = poll.group(1).replace("&amp;", "&") + "&" + urlencode(sent)
    assert observer.get(url, headers=HTMX).status_code == 204  # nothing happened

    # The chair approves the first item: the fourth moves up to the first page, and the
    # second page's poll brings the seventh in its place and the new count.
    decide(world.session, world.negotiation, CHAIR,
           world.session.get(Paragraph, int(agenda_items(first)[0])), "approve", world.now)
    world.session.flush()
    answer = observer.get(url, headers=HTMX)
    assert answer.status_code == 200
    text = answer.data.decode()
    assert f"Items 4 to 6 of the {total - 1} on the agenda" in text
    after = observer.get(at("/meeting/?page=2")).data.decode()
    assert agenda_items(after) == agenda_items(second)[1:] + agenda_items(after)[2:]
    assert f'id="agenda-{agenda_items(after)[2]}"' in text  # it arrived with the poll


def test_the_pages_of_a_long_cycle_are_named_in_the_readers_language(
    app: Flask, world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    """(Passes once the catalogs hold the Spanish and French.)"""
    app.config.update(DRAFT_SECTIONS_PER_PAGE=2, MEETING_ITEMS_PER_PAGE=1)
    grow(world, 2)
    draft = client_as("mex").get(at("/draft/"), headers={"Accept-Language": "es"})
    assert "Secciones 1 a 2 de 3" in draft.data.decode()
    assert "Secciones siguientes: 3 a 3 de 3" in draft.data.decode()
    meeting = client_as("chair").get(at("/meeting/"), headers={"Accept-Language": "fr"})
    assert re.search("Points 1 à 1 sur les \\d+ de l\u2019ordre du jour", meeting.data.decode())


def _markers(page: str) -> list[str]:
    return re.findall(r'class="section-marker" name="m" value="([^"]+)"', page)


def test_a_later_pages_poll_reads_the_sections_it_shows_however_long_the_draft(
    app: Flask, world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    """The second page of a long draft, a section the reader scrolled to in full: its poll
    reads those sections, not the whole draft, and as much at any length of the draft."""
    app.config.update(DRAFT_SECTIONS_PER_PAGE=2, DRAFT_FIRST_ROWS=3)
    client = client_as("mex")
    more_sections(world, 0, 2)
    second = client.get(at("/draft/?page=2")).data.decode()
    assert listed_sections(second) == ["cifta", "extra-0"]
    assert 'class="draft-section deferred" id="section-extra-0"' in second
    scrolled = client.get(at("/draft/section/extra-0"), headers=HTMX).data.decode()
    markers = _markers(second + scrolled)
    assert [m.split(":")[0] for m in markers] == ["cifta", "extra-0"]
    poll = re.search(r'<div id="draft-poll" hx-get="([^"]+)"', second)
    assert poll is not None and "page=2" in poll.group(1)
    # As if the page were drawn before anything happened: the poll answers in full.
    url = re.sub(r"seen=\d+", "seen=0", poll.group(1).replace("&amp;", "&")) + "&" + \
        urlencode([("m", m) for m in markers])

    def polled() -> tuple[str, int, int]:
        with rows_read() as rows, counted(world.session) as queries:
            answer = client.get(url, headers=HTMX)
            assert answer.status_code == 200
        return answer.data.decode(), rows[0], len(queries)

    answer, few_rows, few_queries = polled()
    assert "section-cifta" not in answer and "section-extra-0" not in answer  # unchanged
    more_sections(world, 2, 12)
    paragraph = world.paragraphs["extra0"]
    submit_proposal(world.session, world.negotiation, world.delegate("CAN"), paragraph,
                    AmendmentKind.COMMENT, world.now, written_on=paragraph.current_version.id,
                    comment="Which item?")
    world.session.flush()
    answer, many_rows, many_queries = polled()
    assert many_rows == few_rows + 1 and many_queries == few_queries  # the one proposal
    # The section that changed comes back in full, labelled as the whole draft numbers it
    # (after CIFTA's two operative paragraphs, 6 and 7).
    assert '<section class="draft-section" id="section-extra-0" hx-swap-oob="true"' in answer
    assert "1 open proposal(s) from CAN" in answer
    assert re.search(r'<span class="label">7 bis</span>\s*<div class="body">\s*<p>To act on '
                     r'extra item 0.', answer)
    assert "section-cifta" not in answer
    assert f"{paragraph_count(world)} of {paragraph_count(world)} paragraphs shown" in answer


def test_the_draft_filtered_to_one_section_reads_that_section_however_long_the_draft(
    app: Flask, world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    app.config.update(DRAFT_SECTIONS_PER_PAGE=2)
    client = client_as("mex")

    def filtered(address: str = "/draft/?section=cifta") -> tuple[str, int, int]:
        with rows_read() as rows, counted(world.session) as queries:
            answer = client.get(at(address))
            assert answer.status_code == 200
        return answer.data.decode(), rows[0], len(queries)

    more_sections(world, 0, 1)
    few, few_rows, few_queries = filtered()
    more_sections(world, 1, 12)
    many, many_rows, many_queries = filtered()
    assert listed_sections(many) == listed_sections(few) == ["cifta"]
    assert many_rows == few_rows and many_queries == few_queries
    # Labelled as the whole draft numbers it; counted against the whole draft.
    assert re.search(r'<span class="label">5</span>\s*<div class="body">\s*<p>To urge states '
                     r'parties to apply CIFTA, measure 1.', many)
    assert f"3 of {paragraph_count(world)} paragraphs shown" in many
    # Its filter offers the page of sections it is on, the chosen one selected.
    assert re.findall(r'<option value="([^"]+)" (?:selected)?>', many.split(
        'id="section"', 1)[1].split("</select>", 1)[0]) == ["cifta", "extra-0"]
    assert '<option value="cifta" selected>' in many
    # With a second filter, what matches of that section; of an unknown section, nothing.
    searched, _rows, _queries = filtered("/draft/?section=cifta&q=measure+2")
    assert listed_sections(searched) == ["cifta"] and "CIFTA, measure 1" not in searched
    nowhere, _rows, _queries = filtered("/draft/?section=nowhere")
    assert listed_sections(nowhere) == [] and "No paragraph matches these filters." in nowhere
