"""Rule checks on the draft and the data they read (caps with effective dates)."""
