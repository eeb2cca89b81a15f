"""The demo cycle's first draft as the chair's Word file, made from its TOML description, so
that the demo is loaded through the same import a chair uses."""

from __future__ import annotations

from io import BytesIO
from string import ascii_lowercase
from typing import Any

from docx import Document

#: The CSH's eight thematic areas, as headed in its omnibus resolution.
AREAS = {
    1: "Perspective and review of multidimensional security in the hemisphere",
    2: "Commitments to peace, disarmament and non-proliferation",
    3: "Strengthening hemispheric security and defence cooperation",
    4: "Public security, justice, and prevention of violence and crime",
    5: "Transnational organized crime",
    6: "Regional and specialized security concerns and challenges",
    7: "Disaster response and protection of critical infrastructure",
    8: "Inter-American institutions and instruments",
}
_NUMERALS = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII")


def chair_draft_docx(title: str, raw_sections: list[dict[str, Any]]) -> bytes:
    """A Word file laid out as a chair writes the omnibus draft: the title, the formula,
    thematic areas and sections as headings, preambular paragraphs, numbered operative
    paragraphs and lettered mandates."""
    document = Document()
    document.add_paragraph(title, style="Title")
    document.add_paragraph("THE GENERAL ASSEMBLY,")
    area, number = 0, 0
    for raw in raw_sections:
        # Entities and instruments come under the last area, after every item.
        section_area = raw.get("area", 8)
        if section_area != area:
            area = section_area
            document.add_paragraph(f"{_NUMERALS[area]}. {AREAS[area].upper()}",
                                   style="Heading 1")
        document.add_paragraph(raw["title"], style="Heading 2")
        for paragraph in raw.get("paragraph", []):
            if paragraph["kind"] == "preambular":
                document.add_paragraph(paragraph["text"])
                continue
            number += 1
            document.add_paragraph(f"{number}. {paragraph['text']}")
            for letter, text in zip(ascii_lowercase, paragraph.get("subparagraphs", []),
                                    strict=False):
                document.add_paragraph(f"{letter}) {text}")
    out = BytesIO()
    document.save(out)
    return out.getvalue()
