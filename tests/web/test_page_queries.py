"""The draft page and a paragraph page read the database a fixed number of times, whatever
the size of the draft: a bigger cycle must not make every page slower query by query."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select
from sqlalchemy.engine import Result
from sqlalchemy.orm import ORMExecuteState, Session

from negotiation.enums import AmendmentKind, ParagraphKind
from negotiation.models import Paragraph, ParagraphVersion
from negotiation.proposals.cosponsors import join_proposal
from negotiation.proposals.submissions import submit_new_paragraph, submit_proposal
from tests.builders import World, chair_paragraph

Client = Callable[[str | None], FlaskClient]
MOST = 10
#: A comment sent on a paragraph, by database (benchmarks/rush.py lists the statements and
#: why each): PostgreSQL takes the proposal number and writes the record entry in the
#: statement that stores the proposal.
SUBMISSION = {"postgresql": 5, "sqlite": 7}
# Statements that read or write rows; the savepoints of the tests' transaction are not reads.
_DATA = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", re.IGNORECASE)


@contextmanager
def counted(session: Session) -> Iterator[list[str]]:
    """The data statements sent to the database inside the block."""
    statements: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if _DATA.match(statement):
            statements.append(statement)

    connection = session.connection()
    event.listen(connection, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", note)


@contextmanager
def rows_read() -> Iterator[list[int]]:
    """How many rows the app's sessions read inside the block (one count, in a list):
    a page that reads only what it shows reads as many whatever the draft's length."""
    read = [0]

    def count(state: ORMExecuteState) -> Result[Any]:
        frozen = state.invoke_statement().freeze()
        read[0] += len(frozen.data)
        return frozen()

    event.listen(Session, "do_orm_execute", count)
    try:
        yield read
    finally:
        event.remove(Session, "do_orm_execute", count)


def grow(world: World, rounds: int, start: int = 0) -> None:
    """More of everything a page shows: paragraphs, subparagraphs, new paragraphs of
    delegations, modifications with co-sponsors, comments, support, on op1 as well."""
    session, now = world.session, world.now
    codes = list(world.delegations)
    for n in range(start, start + rounds):
        section = ("tip", "cifta")[n % 2]
        chapeau = chair_paragraph(world, f"grow{n}", ParagraphKind.OPERATIVE,
                                  f"To request the Secretariat to act, measure {n}:",
                                  section, is_mandates=True)
        chair_paragraph(world, f"grow{n}a", ParagraphKind.SUBPARAGRAPH,
                        f"Report on measure {n};", section, parent=chapeau)
        author = world.delegate(codes[n % len(codes)])
        submit_new_paragraph(session, world.negotiation, author, world.sections[section],
                             ParagraphKind.PREAMBULAR, f"RECALLING measure {n};", now)
        for target in (chapeau, world.paragraphs["op1"]):
            delegate = world.delegate(codes[(n + 1) % len(codes)])
            kind = AmendmentKind.COMMENT if target is chapeau or n >= len(codes) \
                else AmendmentKind.MODIFY
            proposal = submit_proposal(
                session, world.negotiation, delegate, target, kind, now,
                written_on=target.current_version.id,
                text=f"{target.text} With care {n}." if kind is AmendmentKind.MODIFY else None,
                comment=f"Comment {n}.",
            ).amendment
            if kind is AmendmentKind.MODIFY:
                join_proposal(session, world.negotiation, world.delegate(codes[(n + 2) % 5]),
                              proposal, now)
    session.flush()
    session.expire_all()


def queries_at_two_sizes(world: World, fetch: Callable[[], str]) -> tuple[int, int]:
    with counted(world.session) as small:
        fetch()
    grow(world, 5, start=1)
    with counted(world.session) as large:
        fetch()
    return len(small), len(large)


@pytest.mark.parametrize("reader", ["mex", "chair", "observer"])
def test_the_draft_page_reads_a_fixed_number_of_times(
    world: World, client_as: Client, at: Callable[[str], str], reader: str
) -> None:
    client = client_as(reader)
    grow(world, 1)  # every kind of row exists at both sizes

    def fetch() -> str:
        response = client.get(at("/draft/"))
        assert response.status_code == 200
        return response.data.decode()

    small, large = queries_at_two_sizes(world, fetch)
    assert "RECALLING measure 5;" in fetch()  # what was added is shown
    assert small == large <= MOST


@pytest.mark.parametrize("reader", ["chair", "observer"])
def test_the_meeting_page_reads_a_fixed_number_of_times(
    world: World, client_as: Client, at: Callable[[str], str], reader: str
) -> None:
    """Every screen in the room polls it: its reads must not grow with the agenda."""
    client = client_as(reader)
    grow(world, 1)

    def fetch() -> str:
        response = client.get(at("/meeting/"))
        assert response.status_code == 200
        return response.data.decode()

    small, large = queries_at_two_sizes(world, fetch)
    page = fetch()
    assert "RECALLING measure 5;" in page  # new paragraphs are on the agenda
    assert small == large <= MOST


@pytest.mark.parametrize(("reader", "key"), [
    ("mex", "op1"), ("chair", "op1"), ("observer", "op1"), ("mex", "op3b"), ("chair", "op3b"),
    ("mex", "new"),
])
def test_a_paragraph_page_reads_a_fixed_number_of_times(
    world: World, client_as: Client, at: Callable[[str], str], reader: str, key: str
) -> None:
    client = client_as(reader)
    grow(world, 1)
    # A delegation's new paragraph has no fixed number: its "bis" label is read from the
    # draft's outline, in the same fixed number of reads.
    paragraph_id = world.paragraphs[key].id if key != "new" else world.session.scalars(
        select(Paragraph.id).join(ParagraphVersion)
        .where(ParagraphVersion.text == "RECALLING measure 0;")).one()
    label = {"op1": "1", "op3b": "3 (b)", "new": "PP2 bis"}[key]

    def fetch() -> str:
        response = client.get(at(f"/draft/paragraph/{paragraph_id}"))
        assert response.status_code == 200
        return response.data.decode()

    small, large = queries_at_two_sizes(world, fetch)
    page = fetch()
    assert f"aragraph {label.removeprefix('PP')} " in page  # "Operative paragraph 1"
    if key == "op1":
        assert "Comment 5." in page  # the proposals made while growing are shown
    assert small == large <= MOST


def test_a_submission_sends_a_fixed_number_of_statements(
    world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    client = client_as("mex")
    grow(world, 1)
    paragraph_id = world.paragraphs["op2"].id
    written_on = world.paragraphs["op2"].current_version.id
    sent: list[str] = []

    def fetch() -> str:
        sent.append(f"Comment number {len(sent)}.")
        response = client.post(at(f"/proposals/paragraph/{paragraph_id}"), data={
            "kind": "comment", "written_on": str(written_on), "comment": sent[-1]})
        assert response.status_code == 303
        return ""

    small, large = queries_at_two_sizes(world, fetch)
    assert "Comment number 1." in client.get(at(f"/draft/paragraph/{paragraph_id}")).data.decode()
    assert small == large == SUBMISSION[world.session.get_bind().dialect.name]



#: The other submissions of a deadline rush, by database: a modification (its positions on
#: the paragraph read once: no second open one of its kind, none contradicting it), a new
#: paragraph (placed last without reading its siblings; the form's list of them is not
#: read to store it) and joining a proposal (its paragraph locked through it, the proposal
#: locked and read with its delegation, co-sponsors, paragraph and section at once).
SUBMISSIONS = {"modify": {"postgresql": 8, "sqlite": 10}, "new": {"postgresql": 10, "sqlite": 11},
               "join": {"postgresql": 8, "sqlite": 8}}


@pytest.mark.parametrize("kind", ["modify", "new", "join"])
def test_each_kind_of_submission_sends_a_fixed_number_of_statements(
    world: World, client_as: Client, at: Callable[[str], str], kind: str
) -> None:
    client = client_as("mex")
    grow(world, 1)
    tip = world.sections["tip"].id
    sent: list[str] = []

    def fetch() -> int:
        sent.append(f"Measure number {len(sent)}.")
        if kind == "new":
            address, form = f"/proposals/section/{tip}/new", {
                "kind": "operative", "text": f"To note the {sent[-1]}"}
        elif kind == "modify":
            # A paragraph of its own each time: one open modification per paragraph.
            paragraph = chair_paragraph(world, f"target{len(sent)}", ParagraphKind.OPERATIVE,
                                        f"To welcome the plan, {sent[-1]}")
            world.session.flush()
            address, form = f"/proposals/paragraph/{paragraph.id}", {
                "kind": "modify", "written_on": str(paragraph.current_version.id),
                "text": f"To welcome the new plan, {sent[-1]}"}
        else:
            paragraph = chair_paragraph(world, f"target{len(sent)}", ParagraphKind.OPERATIVE,
                                        f"To welcome the plan, {sent[-1]}")
            proposal = submit_proposal(
                world.session, world.negotiation, world.delegate("CAN"), paragraph,
                AmendmentKind.MODIFY, world.now, written_on=paragraph.current_version.id,
                text=f"To welcome the new plan, {sent[-1]}").amendment
            world.session.flush()
            address, form = f"/proposals/{proposal.id}/join", {}
        with counted(world.session) as statements:
            response = client.post(at(address), data=form)
        assert response.status_code == 303
        return len(statements)

    small = fetch()
    grow(world, 5, start=1)
    large = fetch()
    assert small == large == SUBMISSIONS[kind][world.session.get_bind().dialect.name]


#: What one item listed by label may weigh on the meeting page: its label, section, state
#: and a link to its paragraph. A chair's form on each made a long agenda megabytes.
LISTED_ITEM_BYTES = 500


def test_the_meeting_pages_size_per_listed_item_is_bounded(
    app: Flask, world: World, client_as: Client, at: Callable[[str], str]
) -> None:
    app.config["DRAFT_FIRST_ROWS"] = 2
    chair = client_as("chair")

    def listed() -> list[str]:
        page = chair.get(at("/meeting/")).data.decode()
        items = re.findall(r'<li id="agenda-\d+" class="agenda-item.*?</li>', page, re.DOTALL)
        return [item for item in items if "show as the meeting reaches it" in item]

    grow(world, 1)
    few = listed()
    grow(world, 8, start=1)
    many = listed()
    assert len(many) >= len(few) + 8  # the new paragraphs are listed by label
    assert max(len(item.encode()) for item in many) < LISTED_ITEM_BYTES


def grow_cifta(world: World, start: int, count: int) -> None:
    """New paragraphs with a comment each in the last section only."""
    for n in range(start, start + count):
        new = submit_new_paragraph(world.session, world.negotiation, world.delegate("CAN"),
                                   world.sections["cifta"], ParagraphKind.PREAMBULAR,
                                   f"RECALLING measure {n};", world.now).amendment
        submit_proposal(world.session, world.negotiation, world.delegate("MEX"),
                        new.paragraph, AmendmentKind.COMMENT, world.now,
                        written_on=new.paragraph.current_version.id, comment=f"Why {n}?")
    world.session.flush()


@pytest.mark.parametrize("page", ["paragraph", "new paragraph form"])
def test_a_page_of_one_section_reads_no_row_of_the_others(
    world: World, client_as: Client, at: Callable[[str], str], page: str
) -> None:
    """A paragraph's page and the form for a new paragraph read their own section: a
    later section's growth adds no row to what they read (they used to read the whole
    draft to label one paragraph)."""
    client = client_as("mex")
    url = at(f"/draft/paragraph/{world.paragraphs['op2'].id}") if page == "paragraph" \
        else at(f"/proposals/section/{world.sections['tip'].id}/new")

    def read() -> int:
        with rows_read() as rows:
            answer = client.get(url)
            assert answer.status_code == 200
        # Labelled as the whole draft numbers it.
        assert ("aragraph 2" if page == "paragraph" else "After 2: ") in answer.data.decode()
        return rows[0]

    grow_cifta(world, 0, 1)
    few = read()
    grow_cifta(world, 1, 20)
    assert read() == few
