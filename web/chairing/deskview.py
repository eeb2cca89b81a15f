"""The chair's desk as it shows the draft: each section's paragraphs with the open proposals
on them and the section's cap; a long draft shows its first sections in full and the others
by name, each triaged on a desk of its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from negotiation.draft.capcheck import day_at_headquarters, rules_for
from negotiation.draft.drafting import numbering_of, paragraphs_of, section_shape, sections_of
from negotiation.models import Amendment, Negotiation, Paragraph, Section
from negotiation.record.queries import open_proposals_on
from negotiation.text.diffs import Change, diffs_from_json
from rules.caps import CapReport, check_section


@dataclass
class SectionView:
    section: Section
    cap: CapReport
    rows: list[Paragraph] = field(default_factory=list)
    #: Paragraphs a long desk leaves out of this section (shown on the section's own desk).
    left_out: int = 0


@dataclass
class DeskView:
    sections: list[SectionView]
    label_of: dict[int, str]
    proposals: dict[int, list[Amendment]]
    #: Each open modification's stored diff, by proposal id: the chair reads what is
    #: proposed as tracked changes on the desk, without opening the paragraph.
    diffs: dict[int, list[Change]] = field(default_factory=dict)


def desk_view(
    session: Session, negotiation: Negotiation, section_code: str, now: datetime,
    first_rows: int,
) -> DeskView:
    """The desk for one section (``section_code``) or for the whole draft, whose sections are
    shown in full until ``first_rows`` paragraphs; every cap is counted on the whole draft's
    outline, and texts and proposals are read for the sections shown only."""
    numbering = numbering_of(session, negotiation.id)
    rules, day = rules_for(session, negotiation), day_at_headquarters(negotiation, now)
    views: list[SectionView] = []
    shown = 0
    for section in sections_of(session, negotiation):
        if section_code and section.code != section_code:
            continue
        rows = numbering.section_rows(section)
        cap = check_section(section_shape(section, rows, numbering.label_of), rules, day)
        if section_code or shown < first_rows:
            views.append(SectionView(section, cap))
            shown += len(rows)
        else:
            views.append(SectionView(section, cap, left_out=len(rows)))
    in_full = {view.section.id: view for view in views if not view.left_out}
    paragraphs = paragraphs_of(session, negotiation, section_ids=list(in_full))
    for paragraph in paragraphs:
        in_full[paragraph.section_id].rows.append(paragraph)
    proposals = open_proposals_on(session, [p.id for p in paragraphs])
    # The diffs are columns of the proposals just read: parsed together, no query more.
    with_diff = [a for found in proposals.values() for a in found if a.diff]
    diffs = dict(zip([a.id for a in with_diff], diffs_from_json([a.diff for a in with_diff]),
                     strict=True))
    return DeskView(views, numbering.label_of, proposals, diffs)
