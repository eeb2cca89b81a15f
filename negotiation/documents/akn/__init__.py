"""The draft as Akoma Ntoso 3.0: what it prints read from the database (:mod:`.rows`), the
statement document (:mod:`.statement`), its XML (:mod:`.writing`) and the expressions of
the draft's other languages (:mod:`.translation`)."""
