"""The Akoma Ntoso download from the Documents pages, for the readers of the documents."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from tests.documents.akn.akn_schema import AKN, validated
from tests.documents.scenario import Scenario
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]


def test_akoma_ntoso_downloads_for_each_revision_and_today(
    scenario: Scenario, client_as: Client
) -> None:
    client = client_as("observer")
    page = client.get(at("/documents/revisions")).get_data(as_text=True)
    assert "Akoma Ntoso (XML)" in page
    assert at("/documents/akoma-ntoso.xml?revision=1") in page
    comparison = client.get(at("/documents/comparison?revision=1")).get_data(as_text=True)
    assert f'href="{at("/documents/akoma-ntoso.xml?revision=1")}"' in comparison
    for query, symbol in (("?revision=0", "CP/CSH-2251/24"), ("?revision=1",
                          "CP/CSH-2251/24 rev. 1"), ("", "CP/CSH-2251/24 rev. 1")):
        response = client.get(at(f"/documents/akoma-ntoso.xml{query}"))
        assert response.status_code == 200, query
        assert response.headers["Content-Disposition"].endswith('-akn.xml"')
        root = validated(response.data)
        assert root.xpath("//a:docNumber/text()", namespaces=AKN) == [symbol]


def test_akoma_ntoso_is_refused_to_anonymous_and_for_a_revision_that_is_not(
    scenario: Scenario, client_as: Client
) -> None:
    refused = client_as(None).get(at("/documents/akoma-ntoso.xml"))
    assert refused.status_code in (302, 401) and b"akomaNtoso" not in refused.data
    missing = client_as("secretariat").get(at("/documents/akoma-ntoso.xml?revision=7"))
    assert missing.status_code == 404
    assert b"There is no revision 7" in missing.data
    odd = client_as("secretariat").get(at("/documents/akoma-ntoso.xml?revision=x"))
    assert odd.status_code == 404
