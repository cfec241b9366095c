"""Factories of the network app.

``NETWORK_FACTORIES`` tells the network matrix (``tests/harness/test_network_matrix.py``) how to
make one object of each model a network page shows by ``<pk>``: ``maker(network,
organisation)`` returns an object of ``network`` that belongs to (or concerns) the member
``organisation``. A network page's view names its ``model``; a model without a maker here fails
the matrix."""

from collections.abc import Callable

from collab.models import NetworkMembership

NETWORK_FACTORIES: dict[type, Callable] = {}


def network_maker(model):
    """Register ``function(network, organisation)`` as the maker of ``model``."""

    def register(function):
        NETWORK_FACTORIES[model] = function
        return function

    return register


@network_maker(NetworkMembership)
def make_membership(network, organisation):
    """The member's membership (network:member_remove)."""
    membership, _ = NetworkMembership.objects.get_or_create(
        network=network,
        organisation=organisation,
        defaults={"status": NetworkMembership.Status.ACTIVE, "share_figures": True},
    )
    return membership


# --- mentors and the programme (network/mentor_views.py, network/programme_views.py) -----------


def _other_member(network, organisation):
    """Another organisation for ``organisation`` to be paired with."""
    from tests.factories import OrganisationFactory

    return OrganisationFactory(name=f"Mentorby {network.pk}-{organisation.pk}")


def _make_maker_models():
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from network.models import (
        Assignment,
        MentorPairing,
        Programme,
        ProgrammeSession,
        ProgrammeTeam,
        Submission,
        SubmissionFile,
    )

    @network_maker(MentorPairing)
    def make_pairing(network, organisation):
        return MentorPairing.objects.create(
            network=network,
            area=4,
            mentor=_other_member(network, organisation),
            mentee=organisation,
        )

    def make_programme_for(network, organisation):
        programme = Programme.objects.create(network=network, name="Seminarieserien")
        ProgrammeTeam.objects.create(programme=programme, organisation=organisation)
        return programme

    network_maker(Programme)(make_programme_for)

    @network_maker(ProgrammeSession)
    def make_session(network, organisation):
        programme = make_programme_for(network, organisation)
        return ProgrammeSession.objects.create(
            programme=programme, date=timezone.localdate(), theme="Träff 1"
        )

    @network_maker(ProgrammeTeam)
    def make_team(network, organisation):
        programme = make_programme_for(network, organisation)
        return programme.teams.get()

    @network_maker(Assignment)
    def make_assignment(network, organisation):
        session = make_session(network, organisation)
        return Assignment.objects.create(
            session=session,
            title="Uppgift 1",
            due_date=timezone.localdate() + datetime.timedelta(days=7),
        )

    @network_maker(Submission)
    def make_submission(network, organisation):
        assignment = make_assignment(network, organisation)
        return Submission.objects.create(
            assignment=assignment,
            team=assignment.session.programme.teams.get(),
            text="Vårt svar",
            submitted_at=timezone.now(),
        )

    @network_maker(SubmissionFile)
    def make_submission_file(network, organisation):
        submission = make_submission(network, organisation)
        stored = SubmissionFile(submission=submission, file_name="svar.pdf", size=20)
        stored.file.save("svar.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        stored.save()
        return stored


_make_maker_models()

# Makers of the good examples and the questionnaires (registered on import).
from tests.factories import network_examples  # noqa: E402, F401

# --- the comparison's peer groups (compare) ---


def _register_compare_makers():
    from network.models import PeerGroup

    @network_maker(PeerGroup)
    def make_peer_group(network, organisation):
        group = PeerGroup.objects.create(network=network, name=f"Grupp {organisation.name}")
        group.organisations.add(organisation)
        return group


_register_compare_makers()
