"""Browser walks of what reaches people by e-mail: invitations, circulations, the digest."""
