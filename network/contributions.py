"""What the network app contributes to the platform (home page sections, demo data)."""


def register() -> None:
    """Called once from ``NetworkConfig.ready``."""
    from collab import registry
    from network import matrix_demo, scale

    registry.register_network_demo(matrix_demo.seed_last_years_levels)
    registry.register_scale_network(
        registry.ScaleNetwork(slug=scale.SLUG, coordinator=scale.COORDINATOR, build=scale.build)
    )
