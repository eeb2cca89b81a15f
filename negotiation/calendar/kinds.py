"""What each kind of date is called, on the calendar page and in calendar programs alike."""

from __future__ import annotations

from negotiation.enums import MilestoneKind
from negotiation.text.languages import N_

KIND_LABELS = {
    MilestoneKind.SUBMISSION_DEADLINE: N_("Deadline for submissions"),
    MilestoneKind.CIRCULATION: N_("Circulation"),
    MilestoneKind.MEETING: N_("Meeting"),
}
