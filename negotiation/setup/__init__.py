"""Setting up a cycle: its calendar, its caps and the delegations taking part; and the
chair's first draft before it circulates: its structure (sections and paragraphs),
importing a Word draft or pasted text, and starting a new cycle from the
previous cycle's resolution.

Plain Python over the models, no Flask: each act flushes and writes to the record; the
caller's transaction commits or rolls back the whole act.
"""
