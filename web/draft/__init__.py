"""The draft's pages: the draft, one paragraph's page, and the view-models other areas embed."""
