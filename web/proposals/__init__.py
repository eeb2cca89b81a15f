"""A delegation's pages: its proposals, new paragraphs, and invitations to co-sponsor."""
