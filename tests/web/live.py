"""Plain HTTP clients of the served app (:mod:`tests.live`) that read its forms and send
them, alone or several at the same moment."""

from __future__ import annotations

import http.cookiejar
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode


@dataclass
class Form:
    """A form as a page rendered it: where it posts and the values it would send."""

    action: str
    id: str
    fields: dict[str, str] = field(default_factory=dict)


class _FormReader(HTMLParser):
    """Reads the forms of a page: inputs, checked boxes, textareas, chosen options. A button
    with a ``formaction`` of its own sends the same form elsewhere: that is read as one more
    form, posting there with the same values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._elsewhere: list[str] = []  # the current form's buttons' own addresses
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = Form(a.get("action", ""), a.get("id", ""))
            self.forms.append(self._form)
        elif self._form is not None and tag == "button" and a.get("formaction"):
            self._elsewhere.append(a["formaction"])
        elif self._form is not None and tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self._form.fields.setdefault(a["name"], a.get("value", ""))
        elif self._form is not None and tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form.fields[self._textarea] = ""
        elif self._form is not None and tag == "select" and a.get("name"):
            self._select = a["name"]
        elif (self._form is not None and tag == "option" and self._select is not None
              and ("selected" in a or self._select not in self._form.fields)):
            # A browser sends the selected option, or the first one when none is selected.
            self._form.fields[self._select] = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea is not None:
            self._form.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms += [Form(action, self._form.id, dict(self._form.fields))
                           for action in self._elsewhere]
            self._form, self._elsewhere = None, []


def forms_in(page: str) -> list[Form]:
    """Every POST form of a page, with the values it carries."""
    reader = _FormReader()
    reader.feed(page)
    return reader.forms


@dataclass
class Answer:
    status: int
    location: str
    text: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the tests read the 303 itself


class Visitor:
    """One person's HTTP client, with their own cookies, as a browser would keep them."""

    def __init__(self, base: str, opener: urllib.request.OpenerDirector | None = None) -> None:
        self.base = base
        self._opener = opener or urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def via(self, base: str) -> Visitor:
        """The same person (same cookies) talking to another server of the same app."""
        return Visitor(base, self._opener)

    def _send(self, request: urllib.request.Request) -> Answer:
        try:
            with self._opener.open(request, timeout=60) as response:
                return Answer(response.status, response.headers.get("Location", ""),
                              response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers.get("Location", ""), error.read().decode())

    def get(self, path: str) -> Answer:
        return self._send(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict[str, str]) -> Answer:
        body = urlencode(data).encode()
        return self._send(urllib.request.Request(self.base + path, data=body, method="POST"))

    def form(self, path: str, pick: Callable[[Form], bool]) -> Form:
        """The first form of the page at ``path`` that ``pick`` chooses."""
        page = self.get(path)
        assert page.status == 200, (path, page.status)
        found = [f for f in forms_in(page.text) if pick(f)]
        assert found, f"no such form on {path}"
        return found[0]

    def sign_in(self, username: str, password: str) -> None:
        # The sign-in form, not the language switcher the page's masthead holds before it.
        form = self.form("/auth/login", lambda f: "password" in f.fields)
        form.fields.update(username=username, password=password)
        answer = self.post(form.action or "/auth/login", form.fields)
        assert answer.status == 303, (username, answer.status)


def sending(visitor: Visitor, form: Form) -> Callable[[], Answer]:
    """The act of sending the form as the visitor, to run later (in a race)."""
    return lambda: visitor.post(form.action, form.fields)


def race(*acts: Callable[[], Answer]) -> list[Answer]:
    """Run the acts at the same moment, each from its own thread, and return the answers."""
    barrier = threading.Barrier(len(acts))
    answers: list[Answer | None] = [None] * len(acts)

    def run(index: int) -> None:
        barrier.wait()
        answers[index] = acts[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(acts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(a is not None for a in answers), "a request did not come back"
    return [a for a in answers if a is not None]
