"""The documents people hold in their hands: the consolidated comparison text and the
comparison of two revisions, as HTML, Word and PDF, all rendered from the same data
(:mod:`negotiation.documents.comparison`)."""

from pathlib import Path

#: Templates shared by the command and the web app, so the HTML has one source.
TEMPLATES = Path(__file__).parent / "templates"
