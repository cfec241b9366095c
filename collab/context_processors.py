from collab.navigation import main_navigation


def organisation(request):
    return {
        "current_organisation": getattr(request, "organisation", None),
        "current_membership": getattr(request, "membership", None),
        "user_memberships": getattr(request, "memberships", []),
        "main_navigation": main_navigation(request),
    }
