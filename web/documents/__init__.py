"""The documents' pages: the comparison texts and their Word and PDF downloads."""
