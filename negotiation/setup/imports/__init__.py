"""The chair's first draft read from a file or pasted text: the Word, Akoma Ntoso and text
readers under hard budgets, what each line is recognised as, the preview's corrections, and
the confirmation that writes the draft."""
