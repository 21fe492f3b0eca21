"""The help desk: schedule, roster, invitations, queue, tickets and instruction needs."""
