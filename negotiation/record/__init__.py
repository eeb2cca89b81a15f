"""What stays: the record of every act, the database and its sessions, the clock, read-only
queries, plain rows, and backups."""
