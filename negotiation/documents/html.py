"""The HTML form of the documents, from the Jinja templates the web pages include too."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, select_autoescape

from negotiation.documents import TEMPLATES
from negotiation.documents.comparison import ComparisonText
from negotiation.documents.revision_comparison import RevisionComparison


@cache
def environment() -> Environment:
    """The Jinja environment on the shared templates, escaping as Flask does, made once per
    process: building it compiled every template again on each document (29x the cost of
    rendering at the demo's size)."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def comparison_html(text: ComparisonText) -> str:
    """The consolidated comparison text as a standalone HTML page (screen and print)."""
    template = environment().get_template("documents_shared/standalone.html")
    return template.render(
        header=text.header, comparison=text,
        content_template="documents_shared/comparison_content.html",
    )


def revisions_html(comparison: RevisionComparison) -> str:
    """The comparison of two revisions as a standalone HTML page."""
    template = environment().get_template("documents_shared/standalone.html")
    return template.render(
        header=comparison.header, revisions=comparison,
        content_template="documents_shared/revisions_content.html",
    )
