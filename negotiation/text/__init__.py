"""Texts as words: the diffs of amendments, the words they compare and their cleanup, and the
checks every text a person sends goes through."""
