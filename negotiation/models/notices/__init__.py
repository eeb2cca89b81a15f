"""E-mail's rows: addresses, preferences, the outbox and its messages, last visits."""
