"""A message of the outbox as the e-mail people receive: a named sender, plain text and
HTML, one-click unsubscribe (RFC 8058) and the ids mail clients thread by. Headers go
through a policy that refuses line breaks, so no name or title can add a header."""

from __future__ import annotations

import re
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape

from negotiation.models import MailMessage
from negotiation.notices.settings import MailSettings
from negotiation.notices.signing import unsubscribe_token

#: Header values may not hold CR or LF: setting one raises ValueError.
STRICT = policy.SMTP.clone(raise_on_defect=True)
_SPACES = re.compile(r"\s+")


def one_line(text: str) -> str:
    """A title or a name as one header line: line breaks and runs of spaces become one."""
    return _SPACES.sub(" ", text).strip()


def thread_root(message: MailMessage, domain: str) -> str:
    """The Message-ID of the first message to this person about this thread."""
    return (f"<thread.{message.negotiation_id}.{message.thread}.{message.account_id}"
            f"@{domain}>")


def message_id(message: MailMessage, domain: str) -> str:
    return f"<{message.message_id}@{domain}>"


def compose(message: MailMessage, settings: MailSettings, key: str) -> EmailMessage:
    mail = EmailMessage(policy=STRICT)
    mail["From"] = settings.sender
    mail["To"] = Address(display_name=one_line(message.display_name),
                         addr_spec=message.address)
    mail["Subject"] = one_line(message.subject)
    mail["Date"] = format_datetime(message.created_at)
    mail["Message-ID"] = message_id(message, settings.domain)
    root = thread_root(message, settings.domain)
    if message.thread and message_id(message, settings.domain) != root:
        mail["In-Reply-To"] = root
        mail["References"] = root
    link = settings.base_url + message.link if message.link else ""
    footer_text = footer_html = ""
    if message.negotiation_id is not None and message.account_id is not None:
        token = unsubscribe_token(key, message.account_id, message.negotiation_id)
        unsubscribe = f"{settings.base_url}/mail/unsubscribe/{token}"
        mail["List-Unsubscribe"] = f"<{unsubscribe}>"
        mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        footer_text = ("\n\n--\nYou receive this as a participant in the negotiation. "
                       f"Stop these messages: {unsubscribe}\n")
        footer_html = (f'<hr><p style="color:#555">You receive this as a participant in the '
                       f'negotiation. <a href="{escape(unsubscribe)}">Stop these messages</a>.'
                       "</p>")
    # A digest's items link each to its page, written before the site's address is known.
    body = (message.body.replace("{base}", settings.base_url) if message.kind == "digest"
            else message.body)
    text = body + (f"\n\n{link}" if link else "") + footer_text
    mail.set_content(text)
    paragraphs = "".join(f"<p>{escape(part)}</p>" for part in body.split("\n\n"))
    html_link = f'<p><a href="{escape(link)}">{escape(link)}</a></p>' if link else ""
    mail.add_alternative(f"<!doctype html><html><body>{paragraphs}{html_link}{footer_html}"
                         "</body></html>", subtype="html")
    return mail
