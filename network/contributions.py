"""What the network app contributes to the platform (home page sections, demo data)."""


def register() -> None:
    """Called once from ``NetworkConfig.ready``."""
    # the comparison's demo peer group (compare)
    from collab.registry import register_network_demo
    from network.compare import seed_demo as compare_seed_demo

    register_network_demo(compare_seed_demo)
