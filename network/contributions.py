"""What the network app contributes to the platform (home page sections, demo data)."""


# --- mentors and the programme (network/mentors.py, network/programme.py) ----------------------


def home_mentors(*, request, today):
    """The member's active mentor pairings ("Er mentorkommun för område 4: …")."""
    from collab.registry import HomeSection
    from network import mentors

    lines = mentors.home_lines(request.organisation)
    return HomeSection("network/mentors/_home.html", {"lines": lines}) if lines else None


def home_programme(*, request, today):
    """The member's team's upcoming sessions and assignments due or overdue."""
    from collab.registry import HomeSection
    from network import programme

    items = programme.reminders(request.organisation, today)
    return HomeSection("network/programme/_home.html", {"items": items}) if items else None


def register() -> None:
    """Called once from ``NetworkConfig.ready``."""
    from collab import registry
    from network import demo_mentors

    registry.register_home_section(home_mentors, order=40)
    registry.register_home_section(home_programme, order=41)
    registry.register_network_demo(demo_mentors.seed)
