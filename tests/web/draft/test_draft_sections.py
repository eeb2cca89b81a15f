"""A long draft arrives section by section (on the draft page and the chair's desk), and a
polling draft page gets back only the sections that changed for its reader."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlencode

from flask import Flask
from flask.testing import FlaskClient

from negotiation.enums import AmendmentKind, ParagraphKind
from negotiation.proposals.submissions import submit_new_paragraph, submit_proposal
from tests.builders import World
from tests.web.test_page_queries import grow_cifta, rows_read

Client = Callable[[str | None], FlaskClient]
HTMX = {"HX-Request": "true"}


def test_a_long_draft_defers_its_later_sections_with_a_link_to_each(
    app: Flask, world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    app.config["DRAFT_FIRST_ROWS"] = 3
    client = client_as("observer")
    page = client.get(at("/draft/")).data.decode()
    assert "To urge member states to strengthen cooperation" in page  # the first section
    assert "CIFTA, measure 1" not in page
    assert "12 of 12 paragraphs shown" in page
    cifta = re.search(r'<section class="draft-section deferred" id="section-cifta"[^>]*>', page)
    assert cifta is not None and 'hx-trigger="revealed"' in cifta.group(0)
    link = re.search(r'<a href="([^"]*section=cifta[^"]*)">Show the 3 paragraph', page)
    assert link is not None

    fragment = client.get(at("/draft/section/cifta"), headers=HTMX).data.decode()
    assert fragment.lstrip().startswith('<section class="draft-section" id="section-cifta"')
    # Numbering continues from the sections before: op1-op3 and the JID's paragraph.
    assert re.search(r'<span class="label">5</span>\s*<div class="body">\s*<p>To urge states '
                     r'parties to apply CIFTA, measure 1.', fragment)

    # A new preambular paragraph in CIFTA follows PP2, the last numbered one, of the first
    # section: the section read alone labels it as the whole draft does.
    submit_new_paragraph(world.session, world.negotiation, world.delegate("MEX"),
                         world.sections["cifta"], ParagraphKind.PREAMBULAR,
                         "RECALLING the Convention;", world.now)
    world.session.flush()
    fragment = client.get(at("/draft/section/cifta"), headers=HTMX).data.decode()
    assert re.search(r'<span class="label">PP2 bis</span>\s*<div class="body">\s*<p>RECALLING '
                     r'the Convention;', fragment)

    # Without JavaScript, the section's link (or its address) shows the draft filtered to it.
    plain = client.get(at("/draft/section/cifta"))
    assert plain.status_code == 303
    assert client.get(plain.headers["Location"]).data.decode().count("CIFTA, measure") == 3
    assert "CIFTA, measure 2" in client.get(link.group(1).replace("&amp;", "&")).data.decode()
    assert client.get(at("/draft/section/nowhere"), headers=HTMX).status_code == 404


def test_a_long_desk_shows_its_first_sections_and_links_to_the_others(
    app: Flask, world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    app.config["DRAFT_FIRST_ROWS"] = 3
    chair = client_as("chair")
    desk = chair.get(at("/chair/")).data.decode()
    assert "To urge member states to strengthen cooperation" in desk  # the first section
    assert "CIFTA, measure 1" not in desk
    link = re.search(r'<a href="([^"]*section=cifta[^"]*)">Show its 3 paragraph', desk)
    assert link is not None
    # Every section can still be triaged from the long desk, and its cap is shown.
    assert f"/chair/section/{world.sections['cifta'].id}/triage" in desk
    assert desk.count('class="cap') == 3
    cifta = chair.get(link.group(1).replace("&amp;", "&")).data.decode()
    assert cifta.count("CIFTA, measure") == 3
    assert "Compromise text" in cifta and "Show its" not in cifta


def test_the_poll_brings_back_only_the_sections_that_changed(
    world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    client = client_as("can")
    page = client.get(at("/draft/")).data.decode()
    poll = re.search(r'<div id="draft-poll" hx-get="([^"]+)"', page)
    assert poll is not None
    markers = re.findall(r'class="section-marker" name="m" value="([^"]+)"', page)
    assert len(markers) == 3
    url = poll.group(1).replace("&amp;", "&") + "&" + urlencode([("m", m) for m in markers])
    assert client.get(url, headers=HTMX).status_code == 204  # nothing happened

    paragraph = world.paragraphs["cifta2"]
    submit_proposal(world.session, world.negotiation, world.delegate("MEX"), paragraph,
                    AmendmentKind.COMMENT, world.now, written_on=paragraph.current_version.id,
                    comment="Which measure?")
    world.session.flush()
    answer = client.get(url, headers=HTMX).data.decode()
    assert '<section class="draft-section" id="section-cifta" hx-swap-oob="true"' in answer
    assert "1 open proposal(s) from MEX" in answer
    assert "section-trafficking-in-persons" not in answer
    assert "section-jid" not in answer
    fresh = re.search(r'<div id="draft-poll" hx-get="([^"]+)"', answer)
    assert fresh is not None and fresh.group(1) != poll.group(1)  # polls from here on


def _sections(page: str) -> dict[str, str]:
    """Each section of the page as it shows it: its title with its cap count, and its
    paragraphs' labels and texts when shown in full."""
    found = re.findall(r'<section class="draft-section[^"]*" id="section-([^"]+)".*?</section>',
                       page, re.DOTALL)
    bodies = re.split(r'<section class="draft-section', page)[1:]
    return dict(zip(found, (re.sub(r"\s+", " ", b[:b.index("</section>")]) for b in bodies),
                    strict=True))


def test_the_first_screen_labels_and_counts_as_the_whole_draft_does(
    app: Flask, world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    # Later paragraphs in every section: the first shown in full, the others counted.
    for section, kind, text in [("tip", ParagraphKind.OPERATIVE, "To welcome the plan."),
                                ("cifta", ParagraphKind.PREAMBULAR, "RECALLING the Convention;"),
                                ("jid", ParagraphKind.OPERATIVE, "To thank the Board.")]:
        submit_new_paragraph(world.session, world.negotiation, world.delegate("MEX"),
                             world.sections[section], kind, text, world.now)
    world.session.flush()
    client = client_as("observer")
    app.config["DRAFT_FIRST_ROWS"] = 1000
    whole = _sections(client.get(at("/draft/")).data.decode())
    app.config["DRAFT_FIRST_ROWS"] = 3
    first = client.get(at("/draft/")).data.decode()
    shown = _sections(first)
    assert "15 of 15 paragraphs shown" in first
    assert shown["trafficking-in-persons"] == whole["trafficking-in-persons"]
    assert "To welcome the plan." in shown["trafficking-in-persons"]
    for code in ("jid", "cifta"):  # counted, not read: the same cap count as read in full
        cap = re.search(r'<span class="cap[^>]*>([^<]*)</span>', shown[code])
        assert cap is not None and cap.group(0) in whole[code]
    assert "Show the 2 paragraph(s)" in shown["jid"]  # the JID's own and the new one
    assert "Show the 4 paragraph(s)" in shown["cifta"]
    # The poll of a page that loaded a later section answers for it as the section did.
    fragment = client.get(at("/draft/section/cifta"), headers=HTMX).data.decode()
    assert "PP2 bis" in fragment
    markers = re.findall(r'class="section-marker" name="m" value="([^"]+)"', first + fragment)
    poll = re.search(r'<div id="draft-poll" hx-get="([^"]+)"', first)
    assert poll is not None
    url = poll.group(1).replace("&amp;", "&").replace("seen=", "seen=0") + "&" + urlencode(
        [("m", m) for m in markers])
    assert "section-cifta" not in client.get(url, headers=HTMX).data.decode()


def test_the_first_screen_reads_no_row_of_the_sections_it_defers(
    app: Flask, world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    app.config["DRAFT_FIRST_ROWS"] = 3
    client = client_as("mex")

    def read() -> int:
        with rows_read() as rows:
            assert client.get(at("/draft/")).status_code == 200
        return rows[0]

    grow_cifta(world, 0, 1)
    few = read()
    grow_cifta(world, 1, 20)
    assert read() == few
