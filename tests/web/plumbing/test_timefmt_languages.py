"""Times and delegations' names on pages in the page's language (the browser's here), and
English without a choice, as every other test reads them."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from flask import Flask, render_template_string

from negotiation.models import Notice
from negotiation.record.clock import parse_moment
from negotiation.record.wording import says

DEADLINE = parse_moment("2024-04-22 23:59 America/New_York")


def render(app: Flask, template: str, language: str | None, **context: object) -> str:
    headers = {"Accept-Language": language} if language else {}
    with app.test_request_context("/", headers=headers):
        return render_template_string(template, **context)


def test_time_left_and_moments_in_the_pages_language(app: Flask) -> None:
    template = ("{{ time_left(deadline, now) }}|{{ time_left(now, deadline) }}|"
                "{{ deadline | moment('America/New_York') }}")
    now = DEADLINE - timedelta(days=3, hours=14)
    context = {"deadline": DEADLINE, "now": now}
    assert render(app, template, None, **context).split("|")[:2] == ["3 days 14 hours",
                                                                      "passed"]
    spanish = render(app, template, "es-MX,es;q=0.9", **context).split("|")
    assert spanish[:2] == ["3 días 14 horas", "vencido"]
    assert ">22 de abril de 2024, 23:59 en Washington</time>" in spanish[2]
    french = render(app, template, "fr", **context).split("|")
    assert french[:2] == ["3 jours 14 heures", "échu"]
    assert ">22 avril 2024, 23:59 à Washington</time>" in french[2]
    one = render(app, "{{ time_left(deadline, now) }}", "pt",
                 deadline=DEADLINE, now=DEADLINE - timedelta(hours=1, minutes=1))
    assert one == "1 hora 1 minuto"


def test_delegations_by_their_name_in_the_pages_language(app: Flask) -> None:
    def state(code: str, en: str, es: str) -> SimpleNamespace:
        return SimpleNamespace(code=code, name_en=en, name_es=es, name_fr=en, name_pt=en)

    delegations = [state("USA", "United States", "Estados Unidos"),
                   state("SLV", "El Salvador", "El Salvador"),
                   state("ECU", "Ecuador", "Ecuador"),
                   state("HTI", "Haiti", "Haití"), state("HND", "Honduras", "Honduras")]
    template = "{% for d in delegations | by_name %}{{ d | delegation_name }};{% endfor %}"
    assert render(app, template, "es", delegations=delegations) == (
        "Ecuador;El Salvador;Estados Unidos;Haití;Honduras;")
    assert render(app, template, None, delegations=delegations) == (
        "Ecuador;El Salvador;Haiti;Honduras;United States;")


def test_a_notice_reads_in_the_pages_language(app: Flask) -> None:
    notice = Notice(title="Date moved: Proposals due", body="", wording={
        "title": says("Date moved: %(title)s", title="Proposals due"),
        "body": says("the whole draft")})
    older = Notice(title="Written before notices kept their words", body="", wording=None)
    template = "{{ notice | notice_title }}"
    assert render(app, template, None, notice=notice) == "Date moved: Proposals due"
    assert render(app, template, "es", notice=notice) == "Fecha modificada: Proposals due"
    assert render(app, template, "es", notice=older) == older.title
