"""One entry point per document for its formats, with their file names and media types.

Akoma Ntoso (``xml``) is the draft itself for other systems to read, not a comparison
text: it is made by :mod:`negotiation.documents.akn.statement` from the draft's rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from negotiation.documents.html import comparison_html, revisions_html
from negotiation.documents.parts import ComparisonText
from negotiation.documents.pdf import docx_to_pdf
from negotiation.documents.revision_comparison import RevisionComparison
from negotiation.documents.word.body import comparison_docx, revisions_docx
from negotiation.text.languages import N_

Format = Literal["html", "docx", "pdf", "xml"]
FORMATS: tuple[Format, ...] = ("html", "docx", "pdf", "xml")
MEDIA_TYPES: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    # Akoma Ntoso's own media type is not registered; systems that read it ask for XML.
    "xml": "application/xml",
}


#: Told how far rendering has gone (a share, 0 to 1) and what it is doing, in words.
Progress = Callable[[float, str], None]
# Of a PDF's time, the Word file is about this share; LibreOffice's conversion the rest.
WORD_SHARE_OF_PDF = 0.3


def _silent(_share: float, _phase: str) -> None:
    return None


def _to_pdf(docx: Callable[[Callable[[float], None]], bytes], fmt: Format,
            progress: Progress) -> bytes:
    if fmt == "docx":
        return docx(lambda share: progress(share, N_("Writing the Word file")))
    written = docx(lambda share: progress(WORD_SHARE_OF_PDF * share, N_("Writing the Word file")))
    progress(WORD_SHARE_OF_PDF, N_("Converting to PDF"))
    return docx_to_pdf(written)


def render_comparison(text: ComparisonText, fmt: Format, progress: Progress = _silent) -> bytes:
    """The consolidated comparison text in the format asked for."""
    if fmt == "html":
        return comparison_html(text).encode("utf-8")
    return _to_pdf(lambda step: comparison_docx(text, step), fmt, progress)


def render_revisions(comparison: RevisionComparison, fmt: Format,
                     progress: Progress = _silent) -> bytes:
    """The comparison of two revisions in the format asked for."""
    if fmt == "html":
        return revisions_html(comparison).encode("utf-8")
    return _to_pdf(lambda step: revisions_docx(comparison, step), fmt, progress)


def file_name(symbol: str, what: str, fmt: Format, language: str = "en") -> str:
    """A download name such as "CP-CSH-2251-24-rev-1-comparison.docx"; a copy in another
    language than English says which ("...-comparison-es.docx"), so the two can sit side by
    side in one folder."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", f"{symbol} {what}").strip("-")
    suffix = "" if language == "en" else f"-{language}"
    return f"{stem}{suffix}.{fmt}"
