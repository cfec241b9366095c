"""What the network app contributes to the platform (home page sections, demo data)."""

from django.utils.translation import gettext_lazy as _

from collab import navigation, registry
from collab.models import Access
from network.demo_members import seed_members
from network.selectors import pending_invitations


def home_invitations(*, request, today) -> registry.HomeSection | None:
    """Invitations to networks that the organisation has not answered yet."""
    invitations = pending_invitations(request.organisation)
    if not invitations:
        return None
    return registry.HomeSection(
        "network/_home_invitations.html",
        {
            "invitations": invitations,
            "can_answer": request.membership.access >= Access.MANAGE,
        },
    )


def register() -> None:
    """Called once from ``NetworkConfig.ready``."""
    navigation.register_section("network", _("Networks"), 60)
    navigation.register_link("network", _("Networks"), "network:list")
    registry.register_home_section(home_invitations, order=5)
    registry.register_network_demo(seed_members, order=-10)
