"""The pages of e-mail: a person's settings, verification and unsubscribe links, and the
Mail page where the secretariat and the administrator see what was sent, queued and failed."""
