"""Time in the procedure: deadlines and late leave, and the rehearsal clock a chair moves."""
