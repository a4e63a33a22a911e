"""Authentication shared by every service API: parties (by token) and staff (by token or session)."""
