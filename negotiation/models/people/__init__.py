"""People's rows: accounts, appointments, sign-in sessions and limits, API tokens, one-time
links of invitations and resets."""
