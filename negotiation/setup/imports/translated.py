"""Reading a translated revision out of its Word file: the paragraphs, in order, matched to
the original's paragraphs in the revision's order.

The language services translate the revision's own Word document, so the file holds the
same paragraphs in the same order, with the title, the headings and the formulas ("LA
ASAMBLEA GENERAL,", "RESUELVE:") around them. Those are left out as the draft's import
leaves them out (in the four languages); the numbers and letters are the revision's, not
the translation's. Nothing is stored here: the secretariat sees every pair first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from negotiation.draft.language_versions import VersionRow
from negotiation.setup.imports.classifying import PARAGRAPH_KINDS, classify
from negotiation.setup.imports.reading import read_docx
from negotiation.setup.imports.unwrapping import unwrapped


def translated_paragraphs(data: bytes, name: str) -> list[str]:
    """The paragraphs' texts of a translated Word file, in order, without their numbers."""
    blocks = classify(unwrapped(read_docx(data, name)))
    return [block.text for block in blocks if block.kind in PARAGRAPH_KINDS]


@dataclass
class TranslatedPair:
    """One paragraph of the revision and the text the file gives it (None: the file ran
    out before it)."""

    row: VersionRow
    text: str | None

    @property
    def changes(self) -> bool:
        """Whether storing it changes anything: a new text, or a renewal of an outdated one."""
        if self.text is None:
            return False
        latest = self.row.latest
        return latest is None or latest.text != self.text \
            or latest.source_version_id != self.row.original.id


@dataclass
class TranslatedFile:
    """The file's paragraphs matched to the revision's, in order, and what is left over."""

    source: str
    pairs: list[TranslatedPair]
    #: Paragraphs of the file beyond the revision's last.
    extra: list[str] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        """Whether the file holds exactly as many paragraphs as the revision."""
        return not self.extra and all(pair.text is not None for pair in self.pairs)

    @property
    def file_count(self) -> int:
        return sum(pair.text is not None for pair in self.pairs) + len(self.extra)


def match_file(rows: Sequence[VersionRow], data: bytes, name: str) -> TranslatedFile:
    """The translated file's paragraphs beside the revision's, one for one, in order."""
    texts = translated_paragraphs(data, name)
    pairs = [TranslatedPair(row, texts[i] if i < len(texts) else None)
             for i, row in enumerate(rows)]
    return TranslatedFile(name, pairs, texts[len(rows):])
