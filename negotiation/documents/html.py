"""The HTML form of the documents, from the Jinja templates the web pages include too."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, select_autoescape

from negotiation.documents import TEMPLATES
from negotiation.documents.parts import ComparisonText
from negotiation.documents.revision_comparison import RevisionComparison
from negotiation.text import languages
from negotiation.text.languages import known_language


@cache
def environment(language: str = "en") -> Environment:
    """The Jinja environment on the shared templates, escaping as Flask does and speaking
    ``language`` (``_()`` as Flask-Babel's, new-style), made once per process and language:
    building it compiled every template again on each document (29x the cost of rendering
    at the demo's size), and one environment per language keeps two documents built at once
    in two languages from sharing one set of words."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    language = known_language(language)
    # The catalog is looked up at each message (a dictionary's read: it is made once per
    # process), not bound here, so the environment follows whatever catalog the process
    # reads, as the web pages do.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: languages.translations(language).gettext(message),
        ngettext=lambda singular, plural, n: languages.translations(language).ngettext(
            singular, plural, n),
        newstyle=True)
    return env


def comparison_html(text: ComparisonText) -> str:
    """The consolidated comparison text as a standalone HTML page (screen and print), in
    the language of its header."""
    template = environment(text.header.language).get_template("documents_shared/standalone.html")
    return template.render(
        header=text.header, comparison=text,
        content_template="documents_shared/comparison_content.html",
    )


def revisions_html(comparison: RevisionComparison) -> str:
    """The comparison of two revisions as a standalone HTML page, in its header's language."""
    template = environment(comparison.header.language).get_template(
        "documents_shared/standalone.html")
    return template.render(
        header=comparison.header, revisions=comparison,
        content_template="documents_shared/revisions_content.html",
    )
