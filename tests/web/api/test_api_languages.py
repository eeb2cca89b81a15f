"""The API's refusals speak the language the request asks for, else its token owner's; their
codes stay the same in every language, for a client's switch."""

from __future__ import annotations

from collections.abc import Callable

from negotiation.models import Account
from tests.builders import World
from tests.web.api.conftest import ApiClient

Api = Callable[[str | None], ApiClient]


def test_without_a_token_the_refusal_reads_in_the_asked_language(api_as: Api) -> None:
    client = api_as(None)
    answer = client.client.get("/api/v1/draft", headers={"Accept-Language": "es"})
    assert answer.status_code == 401
    assert answer.json["error"]["code"] == "no_token"
    assert answer.json["error"]["message"].startswith("Envíe un token de API personal")


def test_the_api_s_own_refusal_reads_in_french(api_as: Api) -> None:
    client = api_as("mex")
    answer = client.client.get("/api/v1/paragraphs/999999",
                               headers={**client.headers, "Accept-Language": "fr"})
    assert answer.status_code == 404
    assert answer.json["error"] == {
        "code": "not_found", "message": "Ce paragraphe n\u2019existe pas dans cette négociation."}


def test_a_domain_refusal_reads_in_spanish(api_as: Api) -> None:
    client = api_as("mex")
    answer = client.client.get("/api/v1/record",
                               headers={**client.headers, "Accept-Language": "es"})
    assert answer.status_code == 403
    assert answer.json["error"] == {
        "code": "not_permitted",
        "message": "Solo la Presidencia y la Secretaría consultan el registro."}


def test_without_accept_language_the_token_owner_s_language(
    api_as: Api, accounts: dict[str, Account], world: World
) -> None:
    accounts["mex"].language = "fr"
    world.session.flush()
    answer = api_as("mex").get("/record")
    assert answer.json["error"]["message"] == (
        "Seuls la présidence et le secrétariat consultent le registre.")
    # A request that asks for a language gets it, whatever the account's.
    client = api_as("mex")
    asked = client.client.get("/api/v1/record",
                              headers={**client.headers, "Accept-Language": "es"})
    assert asked.json["error"]["message"].startswith("Solo la Presidencia")


def test_the_api_answers_english_by_default(api_as: Api) -> None:
    answer = api_as("mex").get("/record")
    assert answer.json["error"]["message"] == (
        "Only the chair and the secretariat read the record.")
