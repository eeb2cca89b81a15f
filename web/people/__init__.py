"""Pages of people: signing in, the administrator's accounts, and who takes part in a
negotiation."""
