"""Models of the enterprises app (added by later issues)."""
