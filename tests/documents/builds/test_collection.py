"""A document is built with the cycle collector held off, and the collector is always back on
afterwards: after a failed build, and only once every build running at the same time ends."""

from __future__ import annotations

import gc
import threading
from typing import Any

import pytest

from negotiation.documents import producing
from negotiation.documents.collection import collection_paused
from negotiation.documents.parts import ComparisonText
from negotiation.documents.producing import DocumentRequest, produce
from negotiation.errors import NegotiationError
from tests.builders import World
from tests.documents.scenario import Scenario


def test_a_build_holds_the_collector_off_and_gives_it_back(
    world: World, scenario: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    reading = producing.comparison_for

    def watched(*args: Any) -> ComparisonText:
        seen.append(gc.isenabled())
        return reading(*args)

    monkeypatch.setattr(producing, "comparison_for", watched)  # watched: the real read runs
    asked = DocumentRequest.of("comparison", "docx", {}, world.now)
    content, _ = produce(world.session, world.negotiation, asked, lambda share, phase: None)
    assert content.startswith(b"PK") and seen == [False]
    assert gc.isenabled()

    refused = DocumentRequest.of("comparison", "html", {"revision": "9"}, world.now)
    with pytest.raises(NegotiationError):
        produce(world.session, world.negotiation, refused, lambda share, phase: None)
    assert gc.isenabled()


def test_the_collector_comes_back_when_the_last_of_two_builds_ends() -> None:
    first_in, second_done = threading.Event(), threading.Event()
    during: list[bool] = []

    def first() -> None:
        with collection_paused():
            first_in.set()
            second_done.wait(5)
            during.append(gc.isenabled())

    worker = threading.Thread(target=first)
    worker.start()
    first_in.wait(5)
    with collection_paused():
        pass
    assert not gc.isenabled()  # the first build still runs
    second_done.set()
    worker.join(5)
    assert during == [False] and gc.isenabled()


def test_a_collector_turned_off_by_someone_else_stays_off() -> None:
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
