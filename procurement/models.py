"""Models of the procurement app (added by later issues)."""
