"""Models of the followup app (added by later issues)."""
