"""One small client per service: named calls over an `ApiSession`, answering the services' JSON."""
