"""What the network app contributes to the platform (home page sections, demo data)."""


def register() -> None:
    """Called once from ``NetworkConfig.ready``."""
    from collab import registry
    from network import scale

    registry.register_scale_network(
        registry.ScaleNetwork(slug=scale.SLUG, coordinator=scale.COORDINATOR, build=scale.build)
    )
