"""How the pages word things for their reader: the language chosen (:mod:`.languages`),
dates and times (:mod:`.timefmt`), delegations' names, notices and cap counts
(:mod:`.wording`), all in the reader's language."""
