"""What the chair decides: triage and decisions on paragraphs and proposals, and the meeting's
agenda."""
