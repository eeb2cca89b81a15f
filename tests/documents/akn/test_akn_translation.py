"""A circulated revision's Akoma Ntoso in Spanish: the expression of that language, valid
against the OASIS schema, naming the original it translates, each paragraph's current
translation under the original's eId, and the paragraphs still in the original marked."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from lxml import etree

from negotiation.documents.akn.statement import akn_draft
from negotiation.documents.akn.translation import akn_translation
from negotiation.documents.akn.writing import akoma_ntoso
from negotiation.draft.circulation import circulate_revision
from negotiation.draft.language_versions import (
    TranslationEdit,
    language_version,
    revision_numbered,
    save_translations,
)
from negotiation.draft.writing import add_version
from negotiation.enums import AmendmentKind
from negotiation.text.footnotes import Footnote
from tests.builders import CHAIR, SECRETARIAT, World
from tests.chairing.test_chairing import send
from tests.documents.akn.akn_schema import AKN, validated
from tests.web.addresses import at
from tests.web.draft.test_language_versions import SPANISH, _revise_op1_and_circulate

Client = Callable[[str | None], FlaskClient]
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _translate(world: World, number: int = 0) -> None:
    revision = revision_numbered(world.session, world.negotiation, number)
    rows = {r.entry.paragraph_id: r for r in language_version(
        world.session, world.negotiation, revision, "es")}
    save_translations(world.session, world.negotiation, SECRETARIAT, revision, "es",
                      [TranslationEdit(world.paragraphs[k].id, text,
                                       rows[world.paragraphs[k].id].written_on)
                       for k, text in SPANISH.items()], world.now)


def _files(world: World, number: int = 0) -> tuple[etree._Element, etree._Element]:
    """The revision's original (English) expression and its Spanish one, both validated."""
    revision = revision_numbered(world.session, world.negotiation, number)
    english = akoma_ntoso(akn_draft(world.session, world.negotiation, world.now, revision))
    spanish = akoma_ntoso(akn_translation(world.session, world.negotiation, revision, "es"))
    return validated(english), validated(spanish)


def _one(root: etree._Element, path: str) -> str:
    found = root.xpath(path, namespaces=AKN)
    assert len(found) == 1, path
    return str(found[0])


def _paragraphs(root: etree._Element) -> dict[str, etree._Element]:
    """Each recital's and paragraph's text ``p``, by its eId."""
    found = {}
    for element in root.xpath("//a:recital | //a:paragraph | //a:point", namespaces=AKN):
        p = element.xpath("a:p | a:content/a:p | a:intro/a:p", namespaces=AKN)
        if p:
            found[element.get("eId")] = p[0]
    return found


def test_the_spanish_expression_names_the_original_and_reads_the_translations(
    world: World
) -> None:
    _translate(world)
    english, spanish = _files(world)
    meta = "/*/a:statement/a:meta/a:identification"
    # The same work; an expression of its own, in Spanish.
    assert _one(spanish, f"{meta}/a:FRBRWork/a:FRBRuri/@value") == \
        _one(english, f"{meta}/a:FRBRWork/a:FRBRuri/@value")
    original = _one(english, f"{meta}/a:FRBRExpression/a:FRBRuri/@value")
    expression = _one(spanish, f"{meta}/a:FRBRExpression/a:FRBRuri/@value")
    assert original.endswith("/eng@2024-03-21")
    assert expression == original.replace("/eng@", "/spa@")
    assert _one(spanish, f"{meta}/a:FRBRExpression/a:FRBRthis/@value") == f"{expression}/!main"
    assert _one(spanish, f"{meta}/a:FRBRExpression/a:FRBRlanguage/@language") == "spa"
    assert _one(spanish, f"{meta}/a:FRBRManifestation/a:FRBRuri/@value") == \
        f"{expression}.akn"
    translation = spanish.xpath(f"{meta}/a:FRBRExpression/a:FRBRtranslation",
                                namespaces=AKN)
    assert len(translation) == 1
    assert translation[0].get("href") == original
    assert translation[0].get("fromLanguage") == "eng"
    assert translation[0].get("by") == "#secretariat"
    assert not english.xpath("//a:FRBRtranslation", namespaces=AKN)

    # The same paragraphs under the same eIds, the translated ones in Spanish.
    ours, theirs = _paragraphs(english), _paragraphs(spanish)
    assert list(ours) == list(theirs)
    p = world.paragraphs
    for key, eid in (("pp1", "recital_1"), ("pp2", "recital_2"), ("op1", "para_1")):
        assert "".join(ours[eid].itertext()) == p[key].current_version.text
        assert "".join(theirs[eid].itertext()) == SPANISH[key]
        assert theirs[eid].get("class") is None and theirs[eid].get(XML_LANG) is None
    # The preface in Spanish: the date, and the original's language.
    assert _one(spanish, "//a:preface//a:docDate/text()") == "21 de marzo de 2024"
    assert "Original: inglés" in spanish.xpath("//a:preface/a:p/text()", namespaces=AKN)


def test_a_paragraph_not_translated_keeps_the_original_and_is_marked(world: World) -> None:
    _translate(world)
    english, spanish = _files(world)
    ours, theirs = _paragraphs(english), _paragraphs(spanish)
    op2 = world.paragraphs["op2"].current_version.text
    assert "".join(theirs["para_2"].itertext()) == op2
    assert theirs["para_2"].get("class") == "untranslated"
    assert theirs["para_2"].get(XML_LANG) == "en"
    assert theirs["para_3__point_a"].get("class") == "untranslated"
    # The original marks nothing.
    assert not english.xpath("//*[@class='untranslated']", namespaces=AKN)
    assert all(p.get(XML_LANG) is None for p in ours.values())


def test_a_translation_of_an_older_version_is_marked_outdated_and_not_read(
    world: World
) -> None:
    _translate(world)
    _revise_op1_and_circulate(world)
    english, spanish = _files(world, 1)
    op1 = _paragraphs(spanish)["para_1"]
    assert "".join(op1.itertext()) == "".join(_paragraphs(english)["para_1"].itertext())
    assert op1.get("class") == "untranslated outdated"
    assert _one(spanish, "//a:FRBRExpression/a:FRBRversionNumber/@value") == "1"
    # Still translated: the paragraphs whose version did not change.
    assert "".join(_paragraphs(spanish)["recital_1"].itertext()) == SPANISH["pp1"]


def test_the_spanish_file_is_downloaded_and_offered_once_translated(
    world: World, client_as: Client
) -> None:
    client = client_as("observer")
    page = client.get(at("/documents/revisions")).get_data(as_text=True)
    assert "language=es" not in page  # nothing translated yet: nothing offered
    _translate(world)
    page = client.get(at("/documents/revisions")).get_data(as_text=True)
    link = at("/documents/akoma-ntoso.xml?revision=0&amp;language=es")
    assert f'href="{link}"' in page and "language=fr" not in page
    comparison = client.get(at("/documents/comparison?revision=0")).get_data(as_text=True)
    assert f'href="{link}"' in comparison

    response = client.get(at("/documents/akoma-ntoso.xml?revision=0&language=es"))
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('-akn-es.xml"')
    root = validated(response.data)
    assert _one(root, "//a:FRBRExpression/a:FRBRlanguage/@language") == "spa"
    assert "".join(_paragraphs(root)["para_1"].itertext()) == SPANISH["op1"]

    # The original, asked with or without its language, is the original's file.
    revision = revision_numbered(world.session, world.negotiation, 0)
    expected = akoma_ntoso(akn_draft(world.session, world.negotiation, world.now, revision))
    for query in ("?revision=0", "?revision=0&language=en"):
        answer = client.get(at(f"/documents/akoma-ntoso.xml{query}"))
        assert answer.status_code == 200, query
        assert answer.data == expected, query
        assert answer.headers["Content-Disposition"].endswith('-akn.xml"')


def test_a_translation_is_refused_for_today_s_text_and_a_language_not_the_draft_s(
    world: World, client_as: Client
) -> None:
    client = client_as("observer")
    today = client.get(at("/documents/akoma-ntoso.xml?language=es"))
    assert today.status_code == 404
    assert b"Only a circulated revision is translated" in today.data
    german = client.get(at("/documents/akoma-ntoso.xml?revision=0&language=de"))
    assert german.status_code == 404 and b"akomaNtoso" not in german.data


SYMBOL_NOTE = "Adopted at the fourth plenary session, on June 21, 2017."
WORD_NOTE = "As defined in the Palermo Protocol."
RECALLING = "RECALLING resolution AG/RES. 2908 (XLVII-O/17) on trafficking in persons;"
RECORDANDO = "RECORDANDO la resolución AG/RES. 2908 (XLVII-O/17) sobre la trata de personas;"


def _footnoted_and_proposed(world: World) -> tuple[etree._Element, etree._Element]:
    """Rev. 1 with pp1 footnoted twice (after its resolution's symbol, which the Spanish has
    too, and after "trafficking", which it has not), a modification of op1 and a deletion
    of pp2 on the table, pp1, pp2 and op1 translated into Spanish: both files, validated."""
    pp1 = world.paragraphs["pp1"]
    after_symbol = RECALLING.index(")") + 1
    after_word = RECALLING.index("trafficking") + len("trafficking")
    add_version(world.session, pp1, RECALLING, CHAIR, world.now,
                written_on=pp1.current_version.id, reason="Footnotes",
                footnotes=[Footnote(after_symbol, SYMBOL_NOTE), Footnote(after_word, WORD_NOTE)])
    send(world, "op1", AmendmentKind.MODIFY,
         text="To urge member states to deepen cooperation against trafficking in persons.")
    send(world, "pp2", AmendmentKind.DELETE, code="PER", comment="Covered by PP1.")
    circulate_revision(world.session, world.negotiation, CHAIR, world.now, note="Rev. 1")
    world.session.flush()
    revision = revision_numbered(world.session, world.negotiation, 1)
    rows = {r.entry.paragraph_id: r for r in language_version(
        world.session, world.negotiation, revision, "es")}
    texts = {"pp1": RECORDANDO, "pp2": SPANISH["pp2"], "op1": SPANISH["op1"]}
    save_translations(world.session, world.negotiation, SECRETARIAT, revision, "es",
                      [TranslationEdit(world.paragraphs[k].id, text,
                                       rows[world.paragraphs[k].id].written_on)
                       for k, text in texts.items()], world.now)
    return _files(world, 1)


def _notes(root: etree._Element, eid: str) -> list[etree._Element]:
    return root.xpath(f"//a:recital[@eId='{eid}']/a:p/a:authorialNote", namespaces=AKN)


def test_a_translated_paragraph_keeps_its_footnotes_in_the_original_s_words(
    world: World
) -> None:
    english, spanish = _footnoted_and_proposed(world)
    ours, theirs = _notes(english, "recital_1"), _notes(spanish, "recital_1")
    # The same notes, numbered as in the original, in its words, and marked as such.
    assert ["".join(n.itertext()) for n in theirs] == [SYMBOL_NOTE, WORD_NOTE]
    assert [n.get("marker") for n in theirs] == [n.get("marker") for n in ours] == ["1", "2"]
    assert all(n.get("class") == "untranslated" and n.get(XML_LANG) == "en" for n in theirs)
    assert all(n.get("class") is None and n.get(XML_LANG) is None for n in ours)
    # The paragraph itself reads in Spanish, unmarked.
    p = theirs[0].getparent()
    assert p.get("class") is None and p.get(XML_LANG) is None
    assert "".join(p.xpath("text()")) == RECORDANDO
    # The symbol's note after the symbol, which the translation has too; the other, whose
    # word it has not, at the paragraph's end.
    assert p.text == RECORDANDO[:RECORDANDO.index(")") + 1]
    assert theirs[1].tail is None and theirs[1].getprevious() is theirs[0]


def test_the_translation_holds_the_proposals_on_the_table_as_the_original_does(
    world: World
) -> None:
    english, spanish = _footnoted_and_proposed(world)
    path = "/*/a:statement/a:attachments/a:attachment"
    ours, theirs = english.xpath(path, namespaces=AKN), spanish.xpath(path, namespaces=AKN)
    assert len(theirs) == 2
    # The very amendments of the original's expression: the same IRIs, in English, against
    # the same eIds, showing the English text they change.
    assert [etree.tostring(a, method="c14n") for a in theirs] == \
        [etree.tostring(a, method="c14n") for a in ours]
    assert {a.xpath("string(.//a:FRBRExpression/a:FRBRlanguage/@language)", namespaces=AKN)
            for a in theirs} == {"eng"}
    by_target = {a.xpath("string(.//a:amendmentHeading//a:ref/@href)", namespaces=AKN): a
                 for a in theirs}
    assert set(by_target) == {"#recital_2", "#para_1"}
    for target in by_target:
        assert spanish.xpath(f"//*[@eId='{target[1:]}']", namespaces=AKN)
    deleted = by_target["#recital_2"].xpath(".//a:amendmentContent//a:del//text()",
                                            namespaces=AKN)
    assert "".join(deleted) == world.paragraphs["pp2"].current_version.text
    # The proposers are among the file's references.
    proponents = {p.get("refersTo") for p in spanish.xpath("//a:docProponent",
                                                            namespaces=AKN)}
    for reference in proponents:
        assert spanish.xpath(f"//a:references/*[@eId='{reference[1:]}']", namespaces=AKN)
