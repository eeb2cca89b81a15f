"""People: accounts, signing in, appointments to a negotiation, the password policy, and who
may do what."""
