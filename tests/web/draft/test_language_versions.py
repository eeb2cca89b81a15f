"""The draft in four language versions: the language services translate each circulated
revision paragraph by paragraph or from the translated Word file, a translation whose
original changed is outdated until renewed, the chair sees how far each language has come,
a delegate reads the draft in their language, and a proposal is marked with its own."""

from __future__ import annotations

import html
import io
from collections.abc import Callable

from docx import Document
from flask.testing import FlaskClient
from sqlalchemy import func, select

from negotiation.draft.circulation import circulate_revision
from negotiation.draft.language_versions import (
    TranslationEdit,
    language_version,
    revision_numbered,
    save_translations,
    status_of,
    statuses,
)
from negotiation.draft.writing import add_version
from negotiation.models import Amendment, ParagraphTranslation, Revision
from tests.builders import CHAIR, SECRETARIAT, World
from tests.web.live import Form, forms_in

Client = Callable[[str | None], FlaskClient]
At = Callable[[str], str]

SPANISH = {
    "pp1": "RECORDANDO la Convención Interamericana sobre la trata de personas;",
    "pp2": "OBSERVANDO CON PREOCUPACIÓN que la trata de personas afecta a mujeres y niñas;",
    "op1": "Instar a los Estados Miembros a fortalecer la cooperación contra la trata de "
           "personas.",
}


def _rev(world: World, number: int = 0) -> Revision:
    return revision_numbered(world.session, world.negotiation, number)


def _translate(world: World, keys: dict[str, str], number: int = 0,
               language: str = "es") -> None:
    rows = {r.entry.paragraph_id: r for r in language_version(
        world.session, world.negotiation, _rev(world, number), language)}
    save_translations(world.session, world.negotiation, SECRETARIAT, _rev(world, number),
                      language, [TranslationEdit(world.paragraphs[k].id, text,
                                                 rows[world.paragraphs[k].id].written_on)
                                 for k, text in keys.items()], world.now)


def _form(page: str, form_id: str) -> Form:
    return next(f for f in forms_in(page) if f.id == form_id)


def _page(answer: object) -> str:
    return html.unescape(answer.data.decode())  # type: ignore[attr-defined]


def _revise_op1_and_circulate(world: World) -> None:
    op1 = world.paragraphs["op1"]
    add_version(world.session, op1, "To urge member states to strengthen regional "
                "cooperation against trafficking in persons.", CHAIR, world.now,
                written_on=op1.current_version.id, reason="Chair's compromise")
    circulate_revision(world.session, world.negotiation, CHAIR, world.now, note="Rev. 1")
    world.session.flush()


def test_a_changed_paragraph_s_spanish_version_is_outdated_beside_the_new_original_until_renewed(
    client_as: Client, at: At, world: World
) -> None:
    _translate(world, SPANISH)
    _revise_op1_and_circulate(world)
    secretariat = client_as("secretariat")
    op1 = world.paragraphs["op1"]
    page = _page(secretariat.get(at("/draft/languages/1/es")))
    article = page[page.index(f'id="p-{op1.id}"'):]
    article = article[:article.index("</article>")]
    assert "translation-outdated" in article and "Outdated: the original changed" in article
    # The new original beside the translation, and what changed since it was made.
    assert "regional cooperation against trafficking" in article
    assert "<ins>regional </ins>" in article
    assert SPANISH["op1"] in article
    assert "Renew the translation" in article
    # The paragraphs that did not change stay translated.
    assert "translation-current" in page[page.index(f'id="p-{world.paragraphs["pp1"].id}"'):]
    # rev. 0's own Spanish version is untouched: it renders the text circulated then.
    assert "translation-outdated" not in _page(secretariat.get(at("/draft/languages/0/es")))

    form = _form(page, f"translation-form-{op1.id}")
    renewed = ("Instar a los Estados Miembros a fortalecer la cooperación regional contra la "
               "trata de personas.")
    answer = secretariat.post(form.action, data={**form.fields, "text": renewed})
    assert answer.status_code == 303
    page = _page(secretariat.get(at("/draft/languages/1/es")))
    article = page[page.index(f'id="p-{op1.id}"'):]
    assert "translation-current" in article[:article.index("</article>")]
    assert renewed in article


def test_the_chair_sees_each_revision_s_status_per_language(
    client_as: Client, at: At, world: World
) -> None:
    _translate(world, SPANISH)
    _translate(world, {"pp1": "RAPPELANT la Convention interaméricaine ;"}, language="fr")
    _revise_op1_and_circulate(world)
    counted = {s.language: s for s in statuses(world.session, world.negotiation, _rev(world, 1))}
    total = counted["es"].total
    assert (counted["es"].translated, counted["es"].outdated, counted["es"].missing) == \
        (2, 1, total - 3)
    assert (counted["fr"].translated, counted["fr"].outdated) == (1, 0)
    assert (counted["pt"].translated, counted["pt"].outdated) == (0, 0)
    # Counted in one read, as the paragraph by paragraph pages count them.
    for language, status in counted.items():
        assert status == status_of(language_version(
            world.session, world.negotiation, _rev(world, 1), language), language)

    draft = _page(client_as("chair").get(at("/draft/")))
    block = draft[draft.index('id="language-status"'):]
    assert "Language versions of CP/CSH-2251/24 rev. 1" in block
    assert f"Spanish: 2 of {total} paragraphs, 1 outdated" in block
    assert f"French: 1 of {total} paragraphs, 0 outdated" in block
    index = _page(client_as("chair").get(at("/draft/languages/")))
    assert f"Spanish: 3 of {total} paragraphs, 0 outdated" in index  # rev. 0
    # A delegate is not shown the language services' counts, only the way to read.
    delegate = _page(client_as("mex").get(at("/draft/"), headers={"Accept-Language": "es"}))
    assert "read-in-my-language" in delegate and "language-status-es" not in delegate
    assert "Leer CP/CSH-2251/24 rev. 1 en español" in delegate
    french = _page(client_as("chair").get(at("/draft/"), headers={"Accept-Language": "fr"}))
    assert f"Espagnol\u00a0: 2 paragraphes sur {total}, 1 à mettre à jour" in french


def _translated_docx(texts: list[str]) -> bytes:
    document = Document()
    document.add_paragraph("PROYECTO DE RESOLUCIÓN", style="Title")
    document.add_paragraph("LA ASAMBLEA GENERAL,")
    for text in texts:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_import_from_the_translated_word_file_previews_before_storing(
    client_as: Client, at: At, world: World
) -> None:
    rows = language_version(world.session, world.negotiation, _rev(world), "pt")
    texts = [f"{r.entry.label}. Texto em português do parágrafo {r.entry.label};"
             if r.entry.kind.value == "operative" else
             f"LEMBRANDO o parágrafo {r.entry.label};" for r in rows]
    texts = ["LEMBRANDO a Convenção Interamericana sobre o tráfico de pessoas;",
             *texts[1:]]
    secretariat = client_as("secretariat")
    page = _page(secretariat.get(at("/draft/languages/0/pt/import")))
    form = _form(page, "translation-import-form")
    answer = secretariat.post(form.action, data={
        **form.fields, "file": (io.BytesIO(_translated_docx(texts)), "rev0-pt.docx")},
        content_type="multipart/form-data")
    page = _page(answer)
    assert answer.status_code == 200
    assert "Preview of rev0-pt.docx" in page and 'id="count-mismatch"' not in page
    # Nothing is stored by the preview.
    assert world.session.scalar(select(func.count()).select_from(ParagraphTranslation)) == 0
    pp1 = world.paragraphs["pp1"]
    pair = page[page.index(f'id="pair-{pp1.id}"'):]
    assert "LEMBRANDO a Convenção Interamericana" in pair[:pair.index("</tr>")]
    confirm = _form(page, "translation-confirm-form")
    assert secretariat.post(confirm.action, data=confirm.fields).status_code == 303
    stored = {r.entry.paragraph_id: r for r in language_version(
        world.session, world.negotiation, _rev(world), "pt")}
    assert all(r.status == "current" for r in stored.values())
    assert stored[pp1.id].reads == texts[0]
    assert all(r.translation.how == "imported" for r in stored.values()
               if r.translation is not None)

    # A file with a paragraph too few says so, and the last paragraph has nothing.
    form = _form(_page(secretariat.get(at("/draft/languages/0/pt/import"))),
                 "translation-import-form")
    answer = secretariat.post(form.action, data={
        **form.fields, "file": (io.BytesIO(_translated_docx(texts[:-1])), "short.docx")},
        content_type="multipart/form-data")
    assert 'id="count-mismatch"' in _page(answer)
    assert "Nothing in the file for this paragraph" in _page(answer)


def test_a_delegate_reads_the_draft_in_spanish_with_untranslated_paragraphs_marked(
    client_as: Client, at: At, world: World
) -> None:
    _translate(world, SPANISH)
    _revise_op1_and_circulate(world)
    page = _page(client_as("mex").get(at("/draft/languages/read"),
                                      headers={"Accept-Language": "es"}))
    pp1, op1, op2 = (world.paragraphs[k] for k in ("pp1", "op1", "op2"))
    assert SPANISH["pp1"] in page
    untranslated = page[page.index(f'id="p-{op2.id}"'):]
    untranslated = untranslated[:untranslated.index('<div class="paragraph')]
    assert op2.text in untranslated and 'lang="en"' in untranslated
    assert "read-missing" in page[page.index(f'id="p-{op2.id}"') - 60:]
    # The outdated one is read in the new original, never in the old translation.
    assert SPANISH["op1"] not in page and op1.text in page
    assert page.count("read-current") == 2
    # The page speaks Spanish around the text (once the catalogs hold the translations).
    assert "Texto original: aún sin traducir" in untranslated
    assert "CP/CSH-2251/24 rev. 1 en español" in page
    # In English (the original) nothing is marked.
    page = _page(client_as("mex").get(at("/draft/languages/read")))
    assert "read-missing" not in page and SPANISH["pp1"] not in page
    assert pp1.text in page


def test_a_proposal_is_marked_with_its_language(
    client_as: Client, at: At, world: World
) -> None:
    op2 = world.paragraphs["op2"]
    delegate = client_as("mex")
    page = _page(delegate.get(at(f"/draft/paragraph/{op2.id}"),
                              headers={"Accept-Language": "es"}))
    form = _form(page, "modify-form")
    assert form.fields["language"] == "es"  # the page's language, one of the negotiation's
    answer = delegate.post(form.action, data={
        **form.fields, "text": op2.text.replace("share", "exchange")})
    assert answer.status_code == 303
    sent = world.session.scalars(select(Amendment).where(
        Amendment.paragraph_id == op2.id)).one()
    assert sent.language == "es"
    # The negotiating text stays the original: the proposal changes the English paragraph.
    assert sent.base_version_id == op2.current_version.id
    page = _page(delegate.get(at(f"/draft/paragraph/{op2.id}")))
    assert '<span class="proposal-language" lang="es">Spanish</span>' in page
    # Without a choice, the draft's original language.
    form = _form(_page(client_as("can").get(at(f"/draft/paragraph/{op2.id}"))), "comment-form")
    assert form.fields["language"] == "en"
    # A language the negotiation does not work in is refused.
    answer = client_as("can").post(form.action, data={
        **form.fields, "kind": "comment", "comment": "Bien.", "language": "de"})
    assert answer.status_code == 422


def test_a_delegate_cannot_enter_translations(
    client_as: Client, at: At, world: World
) -> None:
    pp1 = world.paragraphs["pp1"]
    delegate = client_as("mex")
    assert delegate.get(at("/draft/languages/0/es")).status_code == 403
    assert delegate.post(at(f"/draft/languages/0/es/{pp1.id}"),
                         data={"text": "RECORDANDO", "written_on": "0"}).status_code == 403
    assert delegate.get(at("/draft/languages/0/es/import")).status_code == 403
    assert world.session.scalar(select(func.count()).select_from(ParagraphTranslation)) == 0
    # The original is no target: there is no English page to translate into.
    assert client_as("secretariat").get(at("/draft/languages/0/en")).status_code == 404


def test_a_second_translator_on_a_replaced_translation_gets_409_and_keeps_the_text(
    client_as: Client, at: At, world: World
) -> None:
    pp1 = world.paragraphs["pp1"]
    first, second = client_as("secretariat"), client_as("chair")
    form_first = _form(_page(first.get(at("/draft/languages/0/es"))), f"translation-form-{pp1.id}")
    form_second = _form(_page(second.get(at("/draft/languages/0/es"))),
                        f"translation-form-{pp1.id}")
    assert first.post(form_first.action, data={
        **form_first.fields, "text": SPANISH["pp1"]}).status_code == 303
    mine = "RECORDANDO la Convención Interamericana contra la trata de personas;"
    answer = second.post(form_second.action, data={**form_second.fields, "text": mine})
    page = _page(answer)
    assert answer.status_code == 409
    assert "Someone saved another translation of paragraph" in page
    article = page[page.index(f'id="p-{pp1.id}"'):]
    assert mine in article  # what they typed, kept in the form
    assert f'id="saved-meanwhile-{pp1.id}"' in article and SPANISH["pp1"] in article
    # Sending again, now on the newer translation, stores it.
    again = _form(page, f"translation-form-{pp1.id}")
    assert second.post(again.action, data=again.fields).status_code == 303
    assert world.session.scalar(select(func.count()).select_from(ParagraphTranslation)) == 2


def test_every_translation_form_carries_its_csrf_token(
    csrf_app: object, client_on: Callable[..., FlaskClient], at: At, world: World
) -> None:
    client = client_on(csrf_app, "secretariat")
    pp1 = world.paragraphs["pp1"]
    page = _page(client.get(at("/draft/languages/0/es")))
    form = _form(page, f"translation-form-{pp1.id}")
    assert form.fields.get("csrf_token")
    refused = client.post(form.action, data={
        k: v for k, v in {**form.fields, "text": SPANISH["pp1"]}.items() if k != "csrf_token"})
    assert refused.status_code == 400
    assert client.post(form.action, data={**form.fields, "text": SPANISH["pp1"]}
                       ).status_code == 303
    import_page = _page(client.get(at("/draft/languages/0/es/import")))
    assert _form(import_page, "translation-import-form").fields.get("csrf_token")


def test_an_import_confirmed_after_another_save_is_refused_and_previewed_again(
    client_as: Client, at: At, world: World
) -> None:
    rows = language_version(world.session, world.negotiation, _rev(world), "fr")
    texts = [f"RAPPELANT le paragraphe {r.entry.label} ;" for r in rows]
    secretariat = client_as("secretariat")
    form = _form(_page(secretariat.get(at("/draft/languages/0/fr/import"))),
                 "translation-import-form")
    page = _page(secretariat.post(form.action, data={
        **form.fields, "file": (io.BytesIO(_translated_docx(texts)), "rev0-fr.docx")},
        content_type="multipart/form-data"))
    confirm = _form(page, "translation-confirm-form")
    # Meanwhile the chair types the first paragraph's translation.
    _translate(world, {"pp1": "RAPPELANT la Convention interaméricaine ;"}, language="fr")
    answer = secretariat.post(confirm.action, data=confirm.fields)
    page = _page(answer)
    assert answer.status_code == 409
    assert "Someone saved another translation of paragraph" in page
    assert world.session.scalar(select(func.count()).select_from(ParagraphTranslation)) == 1
    # The preview comes back on the translations as they are now: confirming it stores them.
    again = _form(page, "translation-confirm-form")
    assert secretariat.post(again.action, data=again.fields).status_code == 303
    assert all(r.status == "current" for r in language_version(
        world.session, world.negotiation, _rev(world), "fr"))


def test_a_new_paragraph_is_marked_with_its_language(
    client_as: Client, at: At, world: World
) -> None:
    tip = world.sections["tip"]
    delegate = client_as("mex")
    page = _page(delegate.get(at(f"/proposals/section/{tip.id}/new"),
                              headers={"Accept-Language": "fr"}))
    form = _form(page, "new-paragraph-form")
    assert form.fields["language"] == "fr"
    answer = delegate.post(form.action or at(f"/proposals/section/{tip.id}/new"), data={
        **form.fields, "kind": "operative",
        "text": "Inviter les États membres à partager leurs bonnes pratiques."})
    assert answer.status_code == 303
    sent = world.session.scalars(select(Amendment).where(
        Amendment.kind == "new", Amendment.delegation_id == world.delegations["MEX"].id)).one()
    assert sent.language == "fr"
