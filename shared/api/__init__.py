"""What every service API shares: problem documents, bounds, body limit, CSRF and security headers."""
