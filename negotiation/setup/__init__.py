"""Setting up a cycle: its calendar, its caps and the delegations taking part."""
