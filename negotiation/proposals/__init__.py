"""What delegations send: proposals and their numbers, positions, whether proposals are open,
co-sponsors and invitations to co-sponsor, re-basing, and the chair's replies."""
