"""Every URL and form of the app, fed malformed values (Hypothesis): never a server error,
never a redirect off the site, and a refused request changes nothing, the clock included.

The routes come from the app's own URL map and the field names from its templates and
views, so a route or a form added later is covered without touching this file. Examples are
derandomised (the same ones on every run and in CI) and few per route, to keep the suite
quick; the nasty values themselves are a fixed list, mixed with generated text.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker
from werkzeug.routing import Rule

from negotiation.models import Base
from tests.builders import World
from tests.fingerprint import database_fingerprint
from tests.web.conftest import PEOPLE
from web import create_app

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES_PER_ROUTE = 10

#: Values that broke, or could break, a view, by kind: ids beyond any column, digits Python
#: reads and SQL does not, numbers too long to convert; dates beyond the calendar; characters
#: no document holds and texts beyond the columns; off-site redirect targets; and words the
#: forms expect, to get past the first check. Hypothesis tries the first of a list first.
NUMBERS = [str(2**63), "²", "9" * 4301, str(2**64), "٣", str(2**31), "-1", "0", "1_000", "1e308"]
DATES = ["9999-12-31T23:59", "9999-12-31", "0001-01-01T00:00", "2024-02-30T10:00",
         "2024-05-09T10:00", "2024-05-09T10:00+14:00", "2100-01-01T00:00"]
TEXTS = ["a\x0bb", "\ufffe", "\x00", "", " ", "\x0c", "\u202eevil", "e\u0301", "\r\n", "x" * 7000,
         "<script>alert(1)</script>", "\x01", "ok\x7f", "\x85", "\x1b[0m", "a\x00b"]
TARGETS = ["//elsewhere.example", "https://elsewhere.example/", "/\\elsewhere.example",
           "/\t/elsewhere.example", "javascript:alert(1)"]
WORDS = ["approve", "find_consensus", "reopen", "modify", "comment", "support", "delete",
         "operative", "preambular", "delegation", "chair", "observer", "MEX", "CAN", "1"]
KINDS = [NUMBERS, DATES, TEXTS, TARGETS, WORDS]
#: Field names no form has: control and direction characters, a NUL, a line break.
HOSTILE_NAMES = ["\x00", "text\x00", "form_key\x01", "back\r\nX-Injected: 1", "note\u202e",
                 "\x7f", "comment\u2066"]
NASTY = [value for kind in KINDS for value in kind]
#: Converting a document to PDF runs LibreOffice (seconds each); its input is the Word file,
#: which is generated here, and the conversion is tested in tests/documents.
SLOW_FORMATS = {"pdf"}


def _template_fields(folder: Path) -> set[str]:
    names: set[str] = set()
    for template in folder.rglob("*.html"):
        names |= set(re.findall(r'name="([a-z_]+)"', template.read_text()))
    return names - {"csrf_token", "viewport"}


def _fields_read_by(view: Callable[..., object]) -> set[str]:
    """The names a view's module reads from a request (quoted on the lines that read it)."""
    path = Path(inspect.getsourcefile(inspect.unwrap(view)) or "")
    if not path.is_relative_to(ROOT / "web"):
        return set()  # Flask's own views (static files)
    names: set[str] = set()
    for line in path.read_text().splitlines():
        if re.search(r"request\.|form_ids?\(|arg_id\(", line):
            names |= set(re.findall(r'"([a-z_]+)"', line))
    return names


APP = create_app({"SESSION_FACTORY": sessionmaker(), "SECRET_KEY": "routes", "TESTING": True})
#: Every field any form of the app sends.
FIELDS = sorted(_template_fields(ROOT / "web"))
ROUTES = [(rule, method) for rule in APP.url_map.iter_rules()
          for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})]


def _fields_for(rule: Rule) -> list[str]:
    """The fields this route's view most likely reads: those its module reads, and those of
    its blueprint's forms; the redirect targets."""
    view = APP.view_functions[rule.endpoint]
    blueprint = rule.endpoint.partition(".")[0]
    own = _fields_read_by(view) | {"back", "next"}
    # The blueprint's templates: web/templates/<blueprint>/ or an area's
    # web/<area>/templates/<blueprint>/.
    for folder in (ROOT / "web").glob(f"**/templates/{blueprint}"):
        own |= _template_fields(folder)
    return sorted(own)


def _ids(world: World) -> list[int]:
    session = world.session
    found: set[int] = set()
    for table in Base.metadata.sorted_tables:
        if "id" in table.c:
            found |= set(session.scalars(select(table.c.id)))
    return sorted(found)


def _values(ids: list[int]) -> st.SearchStrategy[str]:
    return st.one_of(*(st.sampled_from(kind) for kind in KINDS),
                     st.sampled_from([str(i) for i in ids]), st.text(max_size=20))


def _reaching_the_view(
    clients: dict[str | None, FlaskClient], path: str, method: str
) -> list[str | None]:
    """The people whose request this route's view handles (not refused at the door for the
    role: who may do what is tested on its own), so examples are spent past the door."""
    reaching = []
    for who, client in clients.items():
        response = client.open(path, method=method)
        response.close()
        location = response.headers.get("Location", "")
        if response.status_code not in (401, 403) and "/auth/login" not in location:
            reaching.append(who)
    return reaching or list(clients)


#: A variable in a rule: ``<name>``, ``<int:name>``, ``<any(docx, pdf):name>``.
VARIABLE = re.compile(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>")


def _path(rule: Rule, world: World, values: st.DataObject, ids: list[int]) -> str:
    """The rule's URL with each variable filled: mostly a real value, sometimes not."""
    committee, cycle = world.negotiation.slug
    real_values = {"filename": ["style.css"]}

    def fill(variable: re.Match[str]) -> str:
        converter, arguments, name = variable.groups()
        if name in ("committee", "cycle"):
            # The negotiation's address is itself tested elsewhere; here it must lead to the
            # view, or every example would end at "no such negotiation".
            return quote(committee if name == "committee" else cycle, safe="")
        real: list[str]
        if converter == "int":
            real = [str(i) for i in ids]
        elif converter == "any":
            real = [v.strip() for v in arguments.split(",")]
            real = [v for v in real if v not in SLOW_FORMATS]
        else:
            real = real_values.get(name, ["x"])
        # An empty segment would make "//host/..." of the path, which the test client reads
        # as another host: the request would never reach the app.
        # Where the route takes an id, numbers are the malformed values that get past routing.
        nasty = st.sampled_from(NUMBERS if converter == "int" else NASTY).filter(bool)
        value = values.draw(st.one_of(st.sampled_from(real), nasty), label=name)
        if value in SLOW_FORMATS:
            value = real[0]
        return quote(value, safe="")

    return VARIABLE.sub(fill, rule.rule)


def _same_site(location: str) -> bool:
    # Werkzeug's own redirects (a missing trailing slash) name this host in full.
    if location.startswith("http://localhost/"):
        return True
    return location.startswith("/") and not location.startswith(("//", "/\\"))


@pytest.mark.parametrize(("rule", "method"), ROUTES,
                         ids=[f"{m} {r.rule}" for r, m in ROUTES])
def test_malformed_requests_are_refused_cleanly(
    app: Flask, world: World, client_as: Callable[[str | None], FlaskClient],
    rule: Rule, method: str,
) -> None:
    app.config["CLOCK_ADJUSTABLE"] = True  # the rehearsal clock's form is a form too
    ids = _ids(world)
    own_fields = _fields_for(rule)
    clients = {name: client_as(name) for name in [*PEOPLE, None]}
    committee, cycle = world.negotiation.slug
    plain = VARIABLE.sub(lambda v: {"committee": committee, "cycle": cycle}.get(
        v.group(3), str(ids[0]) if v.group(1) == "int" else "html"), rule.rule)
    people = _reaching_the_view(clients, plain, method)
    known = [database_fingerprint(world.session)]  # what the database held after the last one

    @settings(max_examples=EXAMPLES_PER_ROUTE, derandomize=True, database=None,
              deadline=None, suppress_health_check=list(HealthCheck))
    @given(values=st.data())
    def check(values: st.DataObject) -> None:
        who = values.draw(st.sampled_from(people), label="signed in as")
        path = _path(rule, world, values, ids)
        # Every field the view reads gets one malformed value (so the one that matters gets
        # it too), then a few fields get values of their own.
        shared = values.draw(_values(ids), label="value")
        fields = dict.fromkeys(own_fields, shared)
        names = st.one_of(st.sampled_from(FIELDS), st.sampled_from(HOSTILE_NAMES))
        fields.update(values.draw(st.dictionaries(names, _values(ids), max_size=4),
                                  label="other fields"))
        clock = world.clock.now()
        if method == "GET":
            response = clients[who].get(path, query_string=fields)
        else:
            response = clients[who].open(path, method=method, data=fields)
        response.close()  # a static file's answer holds the file open
        assert response.status_code < 500, response.data.decode(errors="replace")[-2000:]
        if "Location" in response.headers:
            assert _same_site(response.headers["Location"]), response.headers["Location"]
        after = database_fingerprint(world.session)
        if response.status_code >= 400:
            assert after == known[0], f"a refused request ({response.status_code}) changed data"
            assert world.clock.now() == clock
        known[0] = after

    check()


#: Every route that acts on a body, with its variables filled by a real value.
ACTING = [(rule, method) for rule, method in ROUTES if method in ("POST", "PUT", "PATCH", "DELETE")]


@pytest.mark.parametrize(("rule", "method"), ACTING, ids=[f"{m} {r.rule}" for r, m in ACTING])
def test_a_body_cut_short_is_refused_on_every_route_as_everyone(
    world: World, client_as: Callable[[str | None], FlaskClient], rule: Rule, method: str,
) -> None:
    """A body that ends before its declared length (the connection broke) is a 400 for
    everyone, whatever the route, and changes nothing: the server marks its input as ended,
    as gunicorn does, so nothing but the declared length says the body is short."""
    committee, cycle = world.negotiation.slug
    ids = _ids(world)
    path = VARIABLE.sub(lambda v: {"committee": committee, "cycle": cycle}.get(
        v.group(3), str(ids[0]) if v.group(1) == "int" else "html"), rule.rule)
    body = "&".join(f"{name}=x" for name in _fields_for(rule)).encode()
    before = database_fingerprint(world.session)
    for who in [*PEOPLE, None]:
        response = client_as(who).open(
            path, method=method, input_stream=BytesIO(body),
            content_type="application/x-www-form-urlencoded",
            environ_overrides={"wsgi.input_terminated": True,
                               "CONTENT_LENGTH": str(len(body) + 40)})
        response.close()
        assert response.status_code == 400, (who, response.status_code)
        assert "cut short" in response.get_data(as_text=True), who
    assert database_fingerprint(world.session) == before
