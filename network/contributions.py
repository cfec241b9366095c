"""What the network app contributes to the platform (home page sections, demo data)."""


def register() -> None:
    """Called once from ``NetworkConfig.ready``."""
