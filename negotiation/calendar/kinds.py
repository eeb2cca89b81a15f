"""What each kind of date is called, on the calendar page and in calendar programs alike."""

from __future__ import annotations

from negotiation.enums import MilestoneKind

KIND_LABELS = {
    MilestoneKind.SUBMISSION_DEADLINE: "Deadline for submissions",
    MilestoneKind.CIRCULATION: "Circulation",
    MilestoneKind.MEETING: "Meeting",
}
