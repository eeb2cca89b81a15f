"""The draft as Akoma Ntoso 3.0: valid against the OASIS schema, its eIds kept from one
revision to the next, the proposals as amendments pointing at them."""

from __future__ import annotations

from lxml import etree

from negotiation.demo.loader import load_cycle
from negotiation.documents.akn.statement import akn_draft
from negotiation.documents.akn.writing import akoma_ntoso
from negotiation.draft.circulation import revisions_of
from negotiation.record.clock import parse_moment
from tests.builders import World
from tests.documents.akn.akn_schema import AKN, validated
from tests.documents.scenario import NEW_TEXT, Scenario
from tests.web.test_page_queries import counted, grow


def _akn(world: World, revision_number: int | None) -> etree._Element:
    revisions = {r.number: r for r in revisions_of(world.session, world.negotiation)}
    revision = revisions[revision_number] if revision_number is not None else None
    return validated(akoma_ntoso(
        akn_draft(world.session, world.negotiation, world.now, revision)))


def _texts(root: etree._Element, path: str) -> list[str]:
    return ["".join(e.itertext()).strip() for e in root.xpath(path, namespaces=AKN)]


def _eid(root: etree._Element, text: str) -> str:
    """The eId of the paragraph (or recital, or point) whose text is ``text``."""
    found = root.xpath("//a:mainBody//*[@eId][a:content/a:p = $t or a:intro/a:p = $t]"
                       " | //a:preamble//a:recital[a:p = $t]", namespaces=AKN, t=text)
    assert len(found) == 1, text
    return str(found[0].get("eId"))


def test_every_revision_is_valid_and_keeps_its_paragraphs_eids(scenario: Scenario) -> None:
    world = scenario.world
    rev0, rev1, today = _akn(world, 0), _akn(world, 1), _akn(world, None)
    p = world.paragraphs
    assert _texts(rev1, "//a:docNumber") == ["CP/CSH-2251/24 rev. 1"]
    expression = rev1.xpath("/*/a:statement/a:meta//a:FRBRExpression", namespaces=AKN)[0]
    assert expression.xpath("a:FRBRlanguage/@language", namespaces=AKN) == ["eng"]
    assert expression.xpath("a:FRBRversionNumber/@value", namespaces=AKN) == ["1"]
    # One work, a new expression per revision.
    for level in ("FRBRWork", "FRBRExpression"):
        uris = [r.xpath(f"//a:statement/a:meta//a:{level}/a:FRBRuri/@value", namespaces=AKN)
                for r in (rev0, rev1)]
        assert (uris[0] == uris[1]) is (level == "FRBRWork"), level
    assert "Original: English" in _texts(rev0, "//a:preface/a:p")

    for key in ("pp1", "pp2", "op1", "op2", "op3", "op3a", "op3c"):
        text = p[key].current_version.text
        assert _eid(rev0, text) == _eid(rev1, text) == _eid(today, text), key
    assert _eid(rev1, p["op1"].current_version.text) == "para_1"
    assert _eid(rev1, p["pp2"].current_version.text) == "recital_2"
    # Peru's paragraph came in after operative 1: "1 bis", where rev. 0 had nothing.
    assert _eid(rev1, NEW_TEXT) == "para_1bis"
    assert not rev0.xpath("//*[@eId='para_1bis']")
    # The mandates paragraph: its chapeau the intro, its mandates lettered points.
    mandates = rev1.xpath("//a:paragraph[@eId='para_3']", namespaces=AKN)[0]
    assert _texts(mandates, "a:intro/a:p") == ["To request the General Secretariat to:"]
    assert _texts(mandates, "a:point/a:num") == ["(a)", "(b)", "(c)"]
    # Grouped by the draft's sections: the item within its thematic area, the entity alone.
    assert _texts(rev1, "//a:hcontainer[@name='thematicArea']/a:hcontainer[@name='item']"
                        "/a:heading") == ["Trafficking in persons"]
    assert _texts(rev1, "//a:hcontainer[@name='entity']/a:heading") == [
        "Inter-American Defense Board (JID)"]
    assert _texts(rev1, "//a:preamble/a:recitals/a:heading") == ["Trafficking in persons"]


def test_proposals_are_amendments_against_their_paragraphs_eids(scenario: Scenario) -> None:
    rev1 = _akn(scenario.world, 1)
    amendments = {
        "".join(a.xpath("a:preface//a:docProponent[1]/text()", namespaces=AKN)): a
        for a in rev1.xpath("//a:attachments/a:attachment/a:amendment", namespaces=AKN)}
    assert set(amendments) == {"Mexico", "Chile", "Barbados", "Peru"}

    def target(who: str) -> str:
        return str(amendments[who].xpath(".//a:amendmentHeading//a:ref/@href",
                                         namespaces=AKN)[0])

    assert target("Mexico") == "#para_1" and target("Chile") == "#recital_2"
    assert target("Barbados") == "#para_2" and target("Peru") == "#para_1bis"
    for who in amendments:  # each points at an eId of the draft itself
        assert rev1.xpath("//a:statement/*[not(self::a:attachments)]//*[@eId=$e]",
                          namespaces=AKN, e=target(who)[1:]), who
    mexico = amendments["Mexico"]
    assert _texts(mexico, "a:preface//a:docProponent") == ["Mexico", "Canada"]
    assert mexico.xpath("a:preface//a:docProponent/@refersTo", namespaces=AKN) == [
        "#delegation_mex", "#delegation_can"]
    assert _texts(mexico, ".//a:amendmentContent//a:del") == ["strengthen"]
    assert "deepen" in " ".join(_texts(mexico, ".//a:amendmentContent//a:ins"))
    assert _texts(mexico, ".//a:amendmentJustification/a:p") == [
        "Information exchange is where cooperation starts."]
    assert _texts(amendments["Peru"], "a:preface//a:docProponent") == ["Peru", "Mexico"]
    assert _texts(amendments["Peru"], ".//a:amendmentContent//a:ins") == [NEW_TEXT]
    assert _texts(amendments["Chile"], ".//a:amendmentContent//a:del") == [
        scenario.world.paragraphs["pp2"].current_version.text]
    # The delegations named are the document's own references.
    assert {"Mexico", "Canada", "Chile", "Barbados", "Peru"} <= set(rev1.xpath(
        "//a:statement/a:meta/a:references/a:TLCOrganization/@showAs", namespaces=AKN))


def test_the_demo_cycle_is_valid_akoma_ntoso(session: World) -> None:
    negotiation = load_cycle(session)  # type: ignore[arg-type]
    moment = parse_moment("2024-04-20 10:00 America/New_York")
    for revision in [*revisions_of(session, negotiation), None]:  # type: ignore[arg-type]
        root = validated(akoma_ntoso(akn_draft(session, negotiation, moment,  # type: ignore[arg-type]
                                               revision)))
        body = root.xpath("//a:mainBody//a:paragraph", namespaces=AKN)
        assert len(body) > 20
        refs = root.xpath("//a:amendmentHeading//a:ref/@href", namespaces=AKN)
        if revision is None:  # today's draft carries the proposals sent so far
            assert len(refs) >= 12
        eids = set(root.xpath("//a:statement/*[not(self::a:attachments)]//@eId",
                              namespaces=AKN))
        assert {r[1:] for r in refs} <= eids


def test_the_file_is_read_in_a_few_statements_whatever_the_drafts_size(world: World) -> None:
    """The negotiation, its sections, the draft's rows, its revisions, the delegations'
    names, the proposals and their co-sponsors: one statement each, at any size."""
    def read() -> int:
        world.session.expire_all()  # as a request begins: nothing loaded yet
        with counted(world.session) as statements:
            akn_draft(world.session, world.negotiation, world.now, None)
        return len(statements)

    small = read()
    grow(world, 5, start=1)
    assert read() == small <= 7


def test_an_amendment_is_in_the_language_its_delegation_wrote_it_in(
        scenario: Scenario) -> None:
    scenario.delete.language = "es"  # Chile wrote its request to delete in Spanish
    scenario.world.session.flush()
    today = _akn(scenario.world, None)
    languages = {
        "".join(a.xpath("a:preface//a:docProponent[1]/text()", namespaces=AKN)): (
            a.xpath("a:meta//a:FRBRExpression/a:FRBRlanguage/@language", namespaces=AKN),
            str(a.xpath("a:meta//a:FRBRExpression/a:FRBRuri/@value", namespaces=AKN)[0]))
        for a in today.xpath("//a:attachments/a:attachment/a:amendment", namespaces=AKN)}
    assert languages["Chile"][0] == ["spa"] and "/spa@" in languages["Chile"][1]
    assert languages["Mexico"][0] == ["eng"] and "/eng@" in languages["Mexico"][1]
    # The draft itself stays the English original.
    assert today.xpath("/*/a:statement/a:meta//a:FRBRExpression/a:FRBRlanguage/@language",
                       namespaces=AKN) == ["eng"]
