"""The request's plumbing, shared by every area: access and roles, the database session,
one-time form keys, request limits, security headers, errors, conflicts, redirects, flashes,
rendering, navigation and times."""
