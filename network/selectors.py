"""What a network may read of its members: only what each member shares (one place).

Every read of a member organisation's data by a network page goes through here. A member
that does not share a kind is "not shared" (never a value); a membership that is not active
shares nothing.
"""

from django_scopes import scopes_disabled

from areas.models import DocumentStatus, GoverningDocument
from collab.models import NetworkMembership, Organisation
from network.population import population_for


def memberships(network):
    """The network's active memberships, with their organisations, in name order."""
    return list(
        NetworkMembership.objects.filter(network=network, status=NetworkMembership.Status.ACTIVE)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def sharing(network, kind: str) -> list[Organisation]:
    """The active members that share ``kind`` ("figures", "levels", "examples", "documents",
    "contacts") with the network."""
    return [m.organisation for m in memberships(network) if m.shares(kind)]


def sharing_ids(network, kind: str):
    """The organisation ids (a subquery) of the active members that share ``kind`` now: the
    consent rule as a filter (``organisation_id__in=sharing_ids(network, "examples")``)."""
    return NetworkMembership.objects.filter(
        network=network, status=NetworkMembership.Status.ACTIVE, **{f"share_{kind}": True}
    ).values("organisation_id")


def shares(network, organisation, kind: str) -> bool:
    return sharing_ids(network, kind).filter(organisation=organisation).exists()


def networks_of(organisation):
    """The networks the organisation is an active member of."""
    from collab.models import Network

    return Network.objects.filter(
        memberships__organisation=organisation,
        memberships__status=NetworkMembership.Status.ACTIVE,
    ).order_by("name")


# --- figures and levels -------------------------------------------------------------------------

NOT_SHARED = "not_shared"  # a member that does not share the kind: never a value


def level_keys() -> list[str]:
    from areas.figures import level_key
    from areas.handbook import AREAS

    return [level_key(area.number) for area in AREAS]


def shared_values(network, kind: str, keys, years) -> dict:
    """``{membership: {key: {year: value}} or NOT_SHARED}`` for every active member, read from
    the stored yearly figures (``collab.figures``) in a few queries for all members. ``kind``
    is "figures" (the indicators) or "levels" (``level_keys()``). A member that does not share
    ``kind`` gets ``NOT_SHARED``; a value of None is "no data". A sharing member's missing or
    stale open-year rows are computed in its own scope (after the first reading they are kept
    fresh by every change of its records)."""
    from django.db.models import Max, Q
    from django.utils import timezone
    from django_scopes import scope, scopes_disabled

    from collab import figures
    from collab.models import RecordsChange, YearlyFigure

    keys = list(dict.fromkeys(keys))
    years = sorted(set(years))
    members = memberships(network)
    sharing_members = [m for m in members if m.shares(kind)]
    ids = [m.organisation_id for m in sharing_members]
    result = {m: NOT_SHARED for m in members}
    if not ids or not keys or not years:
        for m in sharing_members:
            result[m] = {key: {year: None for year in years} for key in keys}
        return result
    today = timezone.localdate()
    versions = dict(
        RecordsChange.objects.filter(organisation_id__in=ids)
        .values("organisation_id")
        .annotate(v=Max("id"))
        .values_list("organisation_id", "v")
    )
    stored: dict[int, dict] = {i: {} for i in ids}
    with scopes_disabled():  # explicitly the sharing members' rows, nothing else
        # Plain tuples, not model instances: a national network reads thousands of rows. An
        # open year's row computed on an earlier day is stale (left out here, as if missing).
        rows = list(
            YearlyFigure.objects.filter(organisation_id__in=ids, key__in=keys, year__in=years)
            .filter(Q(year__lt=today.year) | Q(computed_on=today))
            .values_list("organisation_id", "key", "year", "value", "version")
        )
    for organisation_id, key, year, value, version in rows:
        if year < today.year or version >= versions.get(organisation_id, 0):
            stored[organisation_id][(key, year)] = figures._number(value)
    for membership in sharing_members:
        have = stored[membership.organisation_id]
        if len(have) < len(keys) * len(years):
            with scope(organisation=membership.organisation_id):
                values = figures.values(membership.organisation, keys, years)
        else:
            values = {key: {year: have[(key, year)] for year in years} for key in keys}
        result[membership] = values
    return result


# --- membership and consent (members' pages) ---------------------------------------------------


def all_memberships(network):
    """Every organisation the network has invited, whatever its answer (for the coordinator)."""
    return list(
        NetworkMembership.objects.filter(network=network)
        .select_related("organisation")
        .order_by("status", "organisation__name")
    )


def invitations(network):
    """The network's unanswered invitations (for the coordinator)."""
    return list(
        NetworkMembership.objects.filter(network=network, status=NetworkMembership.Status.INVITED)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def pending_invitations(organisation):
    """The invitations the organisation has not answered yet."""
    if organisation is None:
        return []
    return list(
        NetworkMembership.objects.filter(
            organisation=organisation, status=NetworkMembership.Status.INVITED
        )
        .select_related("network")
        .order_by("network__name")
    )


def population(organisation, year: int) -> int | None:
    """The organisation's inhabitants in ``year`` (see :mod:`network.population`)."""
    return population_for([organisation.pk], year)[organisation.pk]


def shared_documents(network) -> list[dict]:
    """Per member that shares governing documents: its ADOPTED documents (title, kind, adopted
    by, adoption date, case number). A member that does not share them is not read at all;
    drafts, documents out for consultation and repealed ones are never shown."""
    organisations = sharing(network, "documents")
    if not organisations:
        return []
    with scopes_disabled():
        documents = list(
            GoverningDocument.objects.filter(
                organisation__in=[o.pk for o in organisations], status=DocumentStatus.ADOPTED
            )
            .only("organisation_id", "title", "kind", "adopted_by", "adopted_on", "case_number")
            .order_by("-adopted_on", "title")
        )
    by_organisation: dict[int, list] = {o.pk: [] for o in organisations}
    for document in documents:
        by_organisation[document.organisation_id].append(document)
    return [{"organisation": o, "documents": by_organisation[o.pk]} for o in organisations]


def network_state(network) -> str:
    """What a network page built from its members' stored figures depends on, as a cache key
    part (one query): every membership's status and consent, its organisation's name and
    population, and the organisation's latest change of records (``collab.figures``: a change
    writes a ``RecordsChange`` row and refreshes the stored open years after its commit)."""
    import hashlib

    from django.db.models import OuterRef, Subquery

    from collab.models import RecordsChange

    latest = RecordsChange.objects.filter(organisation=OuterRef("organisation")).order_by("-id")
    rows = list(
        NetworkMembership.objects.filter(network=network)
        .annotate(
            change=Subquery(latest.values("id")[:1]), change_at=Subquery(latest.values("at")[:1])
        )
        .order_by("pk")
        .values_list(
            "pk",
            "organisation_id",
            "status",
            *[name for name, _label in NetworkMembership.SHARE_KINDS],
            "organisation__name",
            "organisation__population",
            "change",
            "change_at",
        )
    )
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:32]
