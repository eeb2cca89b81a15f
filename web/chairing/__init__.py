"""The chair's pages: the desk, late submissions and the meeting."""
