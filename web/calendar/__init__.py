"""The rehearsal clock's controls."""
