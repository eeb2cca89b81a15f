"""Importing the chair's first draft through the pages: a Word file, an Akoma Ntoso file or
pasted text, the preview's corrections, the confirmation, and the refusals."""

from __future__ import annotations

import html as entities
import os
import re
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from negotiation.draft.drafting import paragraphs_of
from tests.builders import World, paragraph_count
from tests.fingerprint import database_fingerprint
from tests.setup.imports.drafts import DRAFTS, docx_of
from tests.setup.imports.test_akn_import import BILLION_LAUGHS

# The chair is still writing the draft: rev. 0 is not circulated yet.
pytestmark = pytest.mark.first_draft

HTMX = {"HX-Request": "true"}
Client = Callable[[str | None], FlaskClient]
At = Callable[[str], str]


def _upload(client: FlaskClient, at: At, data: bytes, name: str = "draft.docx"):  # type: ignore[no-untyped-def]
    # Encoded in memory: the test client spools a large body to a file it never closes.
    boundary, body = encode_multipart({"file": FileStorage(BytesIO(data), name)})
    return client.post(at("/drafting/import"), data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


def _form(html: str) -> dict[str, str]:
    """The preview form's fields as the browser would send them (selected options)."""
    carried = re.search(r'name="carried" value="([^"]*)"', html)
    assert carried is not None
    fields = {"carried": entities.unescape(carried.group(1))}
    for select_name, body in re.findall(r'<select id="[^"]+" name="([^"]+)">(.*?)</select>',
                                        html, flags=re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        if chosen:
            fields[select_name] = chosen.group(1)
    return fields


def test_import_preview_correction_and_confirmation(
    client_as: Client, at: At, world: World
) -> None:
    chair = client_as("chair")
    before, stored = paragraph_count(world), database_fingerprint(world.session)
    assert "Preview the import" in chair.get(at("/drafting/import")).data.decode()
    lines = [*DRAFTS["es"], ("", "Nota de la presidencia sin clasificar.")]
    preview = _upload(chair, at, docx_of(lines))
    html = preview.data.decode()
    assert preview.status_code == 200
    assert "1 line(s) could not be classified" in html
    assert "opens with RECORDANDO" in html and "Junta Interamericana de Defensa" in html
    world.session.expire_all()
    assert database_fingerprint(world.session) == stored  # nothing saved by the preview

    fields = _form(html)
    fields["kind-17"] = "left_out"  # the chair leaves the stray note out
    fields["kind-4"] = "operative"  # and makes RECORDANDO … operative, for the test
    checked = chair.post(at("/drafting/import/confirm"), data={**fields, "action": "check"})
    assert checked.status_code == 200 and "could not be classified" not in checked.data.decode()
    world.session.expire_all()
    assert database_fingerprint(world.session) == stored  # nor by checking the corrections

    refused = chair.post(at("/drafting/import/confirm"), data={**fields, "action": "confirm"})
    assert refused.status_code == 409
    assert "confirm that you want to replace" in refused.data.decode()
    assert paragraph_count(world) == before

    done = chair.post(at("/drafting/import/confirm"),
                      data={**fields, "action": "confirm", "replace": "yes"})
    assert done.status_code == 303
    world.session.expire_all()
    draft = paragraphs_of(world.session, world.negotiation)
    assert len(draft) == 9
    assert draft[0].text.startswith("TOMANDO NOTA")
    assert draft[1].text.startswith("RECORDANDO") and draft[1].kind.value == "operative"
    # The title the administrator gave stays: the chair did not choose the imported one.
    assert world.negotiation.title.startswith("Advancing Hemispheric Security")
    assert 'name="use_title"' in html
    assert "Imported 3 sections and 9 paragraphs" in chair.get(done.headers["Location"]
                                                               ).data.decode()
    # The same file again changes nothing.
    again = chair.post(at("/drafting/import/confirm"),
                       data={**fields, "action": "confirm", "replace": "yes"})
    assert "nothing was changed" in chair.get(again.headers["Location"]).data.decode()
    assert len(paragraphs_of(world.session, world.negotiation)) == 9
    # Ticking the box takes the imported title.
    titled = chair.post(at("/drafting/import/confirm"), data={
        **fields, "action": "confirm", "replace": "yes", "use_title": "yes"})
    assert titled.status_code == 303
    world.session.expire_all()
    assert world.negotiation.title.startswith("Avanzando en la seguridad")


def test_a_bad_upload_is_refused_with_the_reason(client_as: Client, at: At, world: World) -> None:
    chair, before = client_as("chair"), paragraph_count(world)
    for data, message in [(b"not a word file", "is not a Word document"),
                          (b"", "notes.docx is empty"),
                          (docx_of([("", "RECALLING \ue000;")]), "not text")]:
        refused = _upload(chair, at, data, "notes.docx")
        assert refused.status_code == 422, message
        assert message in refused.data.decode()
    pasted = chair.post(at("/drafting/import"), data={"text": "RECALLING the bell\x07;"})
    assert pasted.status_code == 422 and "not text" in pasted.data.decode()
    assert paragraph_count(world) == before
    assert client_as("mex").post(at("/drafting/import"), data={"text": "x"}).status_code == 403


def _with_picture(docx: bytes, size: int) -> bytes:
    """The same Word file carrying a picture of ``size`` bytes that does not compress."""
    packed = BytesIO(docx)
    with zipfile.ZipFile(packed, "a") as archive:
        archive.writestr("word/media/logo.png", os.urandom(size))
    return packed.getvalue()


def test_a_word_file_larger_than_a_text_form_is_read_and_a_huge_one_refused_in_words(
    client_as: Client, at: At, world: World
) -> None:
    chair, before = client_as("chair"), paragraph_count(world)
    with_logo = _upload(chair, at, _with_picture(docx_of(DRAFTS["en"]), 2 * 2**20))
    assert with_logo.status_code == 200, with_logo.data.decode()[:400]
    assert "Confirm the import" in with_logo.data.decode()
    assert "RECALLING" in with_logo.data.decode()

    huge = _upload(chair, at, _with_picture(docx_of(DRAFTS["en"]), 6 * 2**20))
    assert huge.status_code == 413
    message = entities.unescape(huge.data.decode())
    assert "The file is larger than 5 MB" in message and "Nothing was saved" in message
    assert paragraph_count(world) == before


def test_the_chair_imports_an_akoma_ntoso_file_through_the_same_preview(
    client_as: Client, at: At, world: World
) -> None:
    chair = client_as("chair")
    assert ".akn" in chair.get(at("/drafting/import")).data.decode()
    data = (Path(__file__).parents[2] / "setup" / "imports" / "un_ga_resolution_78_4_excerpt.akn"
            ).read_bytes()
    preview = _upload(chair, at, data, "A-RES-78-4.akn")
    html = preview.data.decode()
    assert preview.status_code == 200 and "Calls upon Member States to:" in html
    assert 'name="carried"' in html  # the same preview, confirmed the same way
    before = paragraph_count(world)
    refused = _upload(chair, at, BILLION_LAUGHS, "laughs.xml")
    assert refused.status_code == 422
    assert "declares a DOCTYPE or entities" in refused.data.decode()
    assert paragraph_count(world) == before


def test_the_preview_numbers_the_markers_as_its_list_of_notes(
    client_as: Client, at: At
) -> None:
    # The formula line is left out, and its note with it; a heading keeps none either.
    pasted = ("The General Assembly,³\n\nRecalling its resolution 70/1,¹\n\n"
              "Note of the chair without its kind³\n\n"
              "Bearing in mind the 2030 Agenda² and its review,\n\n1. Decides to act;³\n\n"
              "¹ See A/RES/70/1.\n² A/RES/70/1, annex.\n³ Not kept.\n³ Nor this.\n³ See A/78/1.")
    html = client_as("chair").post(at("/drafting/import"), data={"text": pasted}).data.decode()
    listed = re.findall(r'<li value="(\d+)" id="([^"]+)">([^<]*)</li>', html)
    assert [(number, anchor) for number, anchor, _ in listed] == [
        ("1", "line-2-fn-1"), ("2", "line-4-fn-2"), ("3", "line-5-fn-3")]
    # Each marker in the lines reads its number in that list, and leads to it; the lines
    # that keep no note show none.
    markers = re.findall(r'<sup class="footnote-ref"><a href="#([^"]+)" id="[^"]+">(\d+)</a>',
                         html)
    assert markers == [("line-2-fn-1", "1"), ("line-4-fn-2", "2"), ("line-5-fn-3", "3")]
    assert [words for _, _, words in listed] == [
        "Line 2: See A/RES/70/1.", "Line 4: A/RES/70/1, annex.", "Line 5: See A/78/1."]
