"""One entry point per document for the three formats, with their file names and media types."""

from __future__ import annotations

import re
from typing import Literal

from negotiation.comparison import ComparisonText
from negotiation.documents.html import comparison_html, revisions_html
from negotiation.documents.pdf import docx_to_pdf
from negotiation.documents.word import comparison_docx, revisions_docx
from negotiation.revision_comparison import RevisionComparison

Format = Literal["html", "docx", "pdf"]
FORMATS: tuple[Format, ...] = ("html", "docx", "pdf")
MEDIA_TYPES: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def render_comparison(text: ComparisonText, fmt: Format) -> bytes:
    """The consolidated comparison text in the format asked for."""
    if fmt == "html":
        return comparison_html(text).encode("utf-8")
    docx = comparison_docx(text)
    return docx if fmt == "docx" else docx_to_pdf(docx)


def render_revisions(comparison: RevisionComparison, fmt: Format) -> bytes:
    """The comparison of two revisions in the format asked for."""
    if fmt == "html":
        return revisions_html(comparison).encode("utf-8")
    docx = revisions_docx(comparison)
    return docx if fmt == "docx" else docx_to_pdf(docx)


def file_name(symbol: str, what: str, fmt: Format) -> str:
    """A download name such as "CP-CSH-2251-24-rev-1-comparison.docx"."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", f"{symbol} {what}").strip("-")
    return f"{stem}.{fmt}"
