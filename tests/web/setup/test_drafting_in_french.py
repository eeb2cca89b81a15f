"""The chair's draft editor and the import's preview read in French for a chair whose
browser asks for French: the pages' own words come from the catalogs, the draft's text
(typed by people) stays as it was written."""

from __future__ import annotations

import html as entities
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from tests.builders import World

# The chair is still writing the draft: rev. 0 is not circulated yet.
pytestmark = pytest.mark.first_draft

Client = Callable[[str | None], FlaskClient]
At = Callable[[str], str]
FRENCH = {"Accept-Language": "fr"}

PASTED = """SECURITY IN THE HEMISPHERE

RECALLING its previous resolutions on hemispheric security;

1. To urge member states to deepen their cooperation.
"""


def _read(answer) -> str:  # type: ignore[no-untyped-def]
    assert answer.status_code == 200
    return entities.unescape(answer.data.decode())


def test_the_draft_editor_reads_in_french(client_as: Client, at: At, world: World) -> None:
    page = _read(client_as("chair").get(at("/drafting/"), headers=FRENCH))
    for phrase in ("Premier projet", "Aperçu du document",
                   "Importer un fichier Word ou un texte collé",
                   "Distribuer le premier projet (rév. 0)", "Ajouter une section",
                   "Modifier ce paragraphe", "Paragraphe de mandats (chapeau)",
                   "La distribution fige le projet tel que l'aperçu le montre et ouvre la "
                   "période des propositions des délégations."):
        assert phrase in page, phrase
    assert "Add the section" not in page and "Preview the document" not in page
    # The delegates' words are theirs: the paragraphs are shown as written.
    assert world.paragraphs["op1"].text in page


def test_the_import_preview_reads_in_french(client_as: Client, at: At, world: World) -> None:
    chair = client_as("chair")
    form = _read(chair.get(at("/drafting/import"), headers=FRENCH))
    assert "Importer le projet de la présidence" in form and "Aperçu de l'importation" in form

    preview = _read(chair.post(at("/drafting/import"), data={"text": PASTED}, headers=FRENCH))
    for phrase in ("Ce qui a été reconnu dans", "Appliquer mes corrections et vérifier de nouveau",
                   "Confirmer l'importation", "Scinder avant les mots", "Texte, joint ou scindé"):
        assert phrase in preview, phrase
    assert "1 sections et 2 paragraphes." in preview
    assert "Ce qui a été reconnu dans texte collé" in preview
    assert "Confirm the import" not in preview
    assert "To urge member states to deepen their cooperation." in preview


def test_the_import_preview_says_in_french_why_each_line_was_read_so(
        client_as: Client, at: At, world: World) -> None:
    chair = client_as("chair")
    carried = PASTED + "\nsome words that are nothing.\n"
    preview = _read(chair.post(at("/drafting/import"), data={"text": carried}, headers=FRENCH))
    assert "commence par RECALLING" in preview
    assert "numéroté" in preview
    assert "ni participe, ni numéro" in preview
    assert "La ligne 4 n\u2019a pas pu être classée" in preview
    # French sets « », : and ; apart with a non-breaking space.
    assert ("Section «\u00a0SECURITY IN THE HEMISPHERE\u00a0»\u00a0: choisissez son domaine"
            in preview)
    assert "could not be classified" not in preview and "opens with RECALLING" not in preview
