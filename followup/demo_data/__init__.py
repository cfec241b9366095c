"""The data behind follow-up's demo records (:mod:`followup.demo`): only the municipality far
along (Sjöstad, profile ``"far"``) has its own indicators, targets and an effect chain; the one
just starting (Norrbyn, ``"start"``) has none, to show the empty states."""
