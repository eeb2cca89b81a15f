"""The draft: its paragraphs and stable numbers, the paragraph and proposal machines, the caps
applied to it, its rows as plain tuples, and circulating a revision."""
