"""The chair marks a section as counted apart from the caps (the general preamble) in the
editor, and its cap counts say so."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.models import RecordEntry
from tests.builders import World

pytestmark = pytest.mark.first_draft

Client = Callable[[str | None], FlaskClient]
At = Callable[[str], str]


def _edit(chair: FlaskClient, at: At, world: World, **extra: str) -> int:
    tip = world.sections["tip"]
    return chair.post(at(f"/drafting/section/{tip.id}"), data={
        "form": f"edit-{tip.id}", "title": tip.title, "kind": "item", "area": str(tip.area),
        **extra}).status_code


def test_the_chair_counts_a_section_apart_and_the_editor_says_so(
    client_as: Client, at: At, world: World
) -> None:
    chair = client_as("chair")
    assert _edit(chair, at, world, counted_apart="yes") == 303
    world.session.expire_all()
    assert world.sections["tip"].counted_apart
    page = chair.get(at("/drafting/")).data.decode()
    assert "counted apart, paragraphs 5" in page
    assert "preambular 2/3, operative 3/3" not in page
    entry = world.session.scalars(select(RecordEntry).where(
        RecordEntry.action == "draft_section_changed")).one()
    assert entry.summary.endswith("counted apart from the caps")

    # Unticked (a box sends nothing), the section is counted against the items' caps again.
    assert _edit(chair, at, world) == 303
    world.session.expire_all()
    assert not world.sections["tip"].counted_apart
    assert "preambular 2/3, operative 3/3" in chair.get(at("/drafting/")).data.decode()


def test_a_delegate_cannot_count_a_section_apart(
    client_as: Client, at: At, world: World
) -> None:
    assert _edit(client_as("mex"), at, world, counted_apart="yes") == 403
    world.session.expire_all()
    assert not world.sections["tip"].counted_apart


def test_the_import_preview_lists_the_general_preamble_as_counted_apart(
    client_as: Client, at: At
) -> None:
    recitals = "\n".join(f"RECALLING resolution AG/RES. {n} of the General Assembly;"
                         for n in range(1, 8))
    pasted = f"{recitals}\nCybersecurity\nRECALLING the Convention;\n1. To urge member states."
    preview = client_as("chair").post(at("/drafting/import"), data={"text": pasted})
    assert preview.status_code == 200
    caps = re.search(r'<table class="caps">.*?</table>', preview.data.decode(), flags=re.S)
    assert caps is not None
    rows = [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(
                r"<td>(.*?)</td>", row, flags=re.S)] + ["over" in attributes]
            for attributes, row in re.findall(r"<tr( class=\"[^\"]*\")?>(.*?)</tr>",
                                              caps.group(), flags=re.S)[1:]]
    # Before confirming, the chair sees the seven recitals counted apart, not over a cap.
    assert rows == [["General", "counted apart, paragraphs 7", "", False],
                    ["Cybersecurity", "preambular 1/3, operative 1/3", "", False]]
