"""The API sends a national footnote like any proposal, and reads a text's footnotes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from negotiation.draft.writing import add_version
from negotiation.text.footnotes import Footnote
from tests.builders import CHAIR, World

POSITION = "Mexico does not consider itself bound by this paragraph."


def test_a_national_footnote_is_sent_and_a_texts_footnotes_read(
    world: World, api_as: Callable[[str | None], Any]
) -> None:
    paragraph = world.paragraphs["pp1"]
    answer = api_as("mex").post(f"/paragraphs/{paragraph.id}/proposals", {
        "kind": "footnote", "base_version_id": paragraph.current_version.id,
        "comment": POSITION})
    assert answer.status_code == 201, answer.json
    sent = answer.json["proposal"]
    assert (sent["kind"], sent["comment"]) == ("footnote", POSITION)

    op1 = world.paragraphs["op1"]
    add_version(world.session, op1, op1.text + " (noted)", CHAIR, world.now,
                written_on=op1.current_version.id, reason="Footnote",
                footnotes=[Footnote(3, "A note.")])
    world.session.flush()
    draft = api_as("mex").get("/draft").json
    version = next(p for s in draft["sections"] for p in s["paragraphs"]
                   if p["id"] == op1.id)["current_version"]
    assert version["footnotes"] == [{"at": 3, "text": "A note."}]
