"""A message of the outbox as the e-mail people receive: a named sender, plain text and
HTML, one-click unsubscribe (RFC 8058) and the ids mail clients thread by. No header value
may hold a line break, so no name or title can add a header.

The sender sends :func:`message_bytes`, the message written directly as RFC 5322 and MIME
text: composing through the email package's objects (which the tests build from the same
:func:`message_parts` to read the bytes against) cost about 1.7 ms a message with its
flattening, more than the SMTP exchange itself."""

from __future__ import annotations

import binascii
import re
import secrets
from email.header import Header
from email.headerregistry import Address
from email.utils import format_datetime, formataddr
from functools import cache, lru_cache
from html import escape
from typing import NamedTuple

from negotiation.models import MailMessage
from negotiation.notices.mail.settings import MailSettings
from negotiation.notices.signing import unsubscribe_token
from negotiation.text.languages import DEFAULT_LANGUAGE, N_, translate, translations

_SPACES = re.compile(r"\s+")
#: A dot-atom local part and a domain of dot-separated labels: nothing to quote or parse.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_PLAIN_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*")


def one_line(text: str) -> str:
    """A title or a name as one header line: line breaks and runs of spaces become one."""
    return _SPACES.sub(" ", text).strip()


def recipient(name: str, address: str) -> Address:
    """The To header's mailbox. An address as the app accepts them (most) is split at its
    "@" rather than parsed by the email package, which costs more than writing the rest of
    the message; any other is parsed, and refused (ValueError) if it is not an address."""
    if _PLAIN_ADDRESS.fullmatch(address):
        username, _, domain = address.rpartition("@")
        return Address(display_name=name, username=username, domain=domain)
    return Address(display_name=name, addr_spec=address)


def thread_root(message: MailMessage, domain: str) -> str:
    """The Message-ID of the first message to this person about this thread."""
    return (f"<thread.{message.negotiation_id}.{message.thread}.{message.account_id}"
            f"@{domain}>")


def message_id(message: MailMessage, domain: str) -> str:
    return f"<{message.message_id}@{domain}>"


class MessageParts(NamedTuple):
    """What a message says, before it is written: its headers (unencoded) and its bodies."""

    headers: list[tuple[str, str | Address]]
    text: str
    html: str


def message_parts(message: MailMessage, settings: MailSettings, key: str,
                  language: str = DEFAULT_LANGUAGE) -> MessageParts:
    """The message's headers and its plain-text and HTML bodies; the footer in ``language``
    (the person's: the rest was written in it when the message was)."""
    headers: list[tuple[str, str | Address]] = [
        ("From", settings.sender),
        ("To", recipient(one_line(message.display_name), message.address)),
        ("Subject", one_line(message.subject)),
        ("Date", format_datetime(message.created_at)),
        ("Message-ID", message_id(message, settings.domain)),
    ]
    root = thread_root(message, settings.domain)
    if message.thread and message_id(message, settings.domain) != root:
        headers += [("In-Reply-To", root), ("References", root)]
    link = settings.base_url + message.link if message.link else ""
    footer_text = footer_html = ""
    if message.negotiation_id is not None and message.account_id is not None:
        token = unsubscribe_token(key, message.account_id, message.negotiation_id)
        unsubscribe = f"{settings.base_url}/mail/unsubscribe/{token}"
        headers += [("List-Unsubscribe", f"<{unsubscribe}>"),
                    ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]
        words = _footer(language)
        footer_text = f"\n\n--\n{words.why} " + words.stop_at % {"address": unsubscribe} + "\n"
        footer_html = (f'<hr><p style="color:#555">{words.why_html} '
                       f'<a href="{escape(unsubscribe)}">{words.stop_html}</a>.</p>')
    # A digest's items link each to its page, written before the site's address is known.
    body = (message.body.replace("{base}", settings.base_url) if message.kind == "digest"
            else message.body)
    text = body + (f"\n\n{link}" if link else "") + footer_text
    paragraphs = "".join(f"<p>{escape(part)}</p>" for part in body.split("\n\n"))
    html_link = f'<p><a href="{escape(link)}">{escape(link)}</a></p>' if link else ""
    html = (f'<!doctype html><html lang="{escape(language)}"><body>{paragraphs}{html_link}'
            f"{footer_html}</body></html>")
    return MessageParts(headers, text, html)


class _Footer(NamedTuple):
    why: str
    stop_at: str
    why_html: str
    stop_html: str


@cache
def _footer(language: str) -> _Footer:
    """The footer's words in ``language``, written once (every message carries them)."""
    why = translate(N_("You receive this as a participant in the negotiation."), language)
    stop_at = translations(language).gettext(N_("Stop these messages: %(address)s"))
    stop = translate(N_("Stop these messages"), language)
    return _Footer(why, stop_at, escape(why), escape(stop))


_CRLF = "\r\n"


def message_bytes(message: MailMessage, settings: MailSettings, key: str,
                  language: str = DEFAULT_LANGUAGE) -> bytes:
    """The message as sent: RFC 5322 headers (words beyond ASCII as RFC 2047 encoded words),
    a multipart/alternative body of plain text and HTML, each UTF-8 in quoted-printable.
    A header value with a line break raises ValueError, as the strict policy does."""
    parts = message_parts(message, settings, key, language)
    lines = []
    for name, value in parts.headers:
        if value is settings.sender:
            lines.append(_sender_line(value.display_name, value.addr_spec))
            continue
        words = f"{value.display_name}{value.addr_spec}" if isinstance(value, Address) else value
        if "\r" in words or "\n" in words:
            raise ValueError(f"a line break in the {name} header")
        lines.append(f"{name}: {_encoded(value)}")
    # "=_" cannot occur in quoted-printable text (its "=" is written "=3D").
    boundary = f"=_{secrets.token_hex(12)}"
    lines += ["MIME-Version: 1.0",
              f'Content-Type: multipart/alternative; boundary="{boundary}"', ""]
    for subtype, content in (("plain", parts.text), ("html", parts.html)):
        lines += [f"--{boundary}", f'Content-Type: text/{subtype}; charset="utf-8"',
                  "Content-Transfer-Encoding: quoted-printable", "",
                  # Ending with a line break, as the email package writes each part.
                  _quoted(content if content.endswith("\n") else content + "\n")]
    lines += [f"--{boundary}--", ""]
    return _CRLF.join(lines).encode("ascii")


def _encoded(value: str | Address) -> str:
    """A header's value as it travels: ASCII as it is (a mailbox quoted where RFC 5322 asks),
    anything else as RFC 2047 encoded words."""
    if isinstance(value, Address):
        if value.display_name.isascii():
            return str(value)
        return formataddr((value.display_name, value.addr_spec), charset="utf-8")
    return value if value.isascii() else Header(value, "utf-8").encode(linesep=_CRLF)


@lru_cache(maxsize=8)
def _sender_line(name: str, address: str) -> str:
    """The From header, the same on every message: written once."""
    return f"From: {_encoded(Address(display_name=name, addr_spec=address))}"


def _quoted(text: str) -> str:
    # What quopri.encodestring calls, without its wrapping.
    encoded = binascii.b2a_qp(text.replace("\r\n", "\n").encode("utf-8")).decode("ascii")
    return encoded.replace("\n", _CRLF)
