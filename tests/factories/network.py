"""Factories of the network app.

``NETWORK_FACTORIES`` tells the network matrix (``tests/harness/test_network_matrix.py``) how to
make one object of each model a network page shows by ``<pk>``: ``maker(network,
organisation)`` returns an object of ``network`` that belongs to (or concerns) the member
``organisation``. A network page's view names its ``model``; a model without a maker here fails
the matrix."""

from collections.abc import Callable

NETWORK_FACTORIES: dict[type, Callable] = {}


def network_maker(model):
    """Register ``function(network, organisation)`` as the maker of ``model``."""

    def register(function):
        NETWORK_FACTORIES[model] = function
        return function

    return register


# --- the comparison's peer groups (compare) ---


def _register_compare_makers():
    from network.models import PeerGroup

    @network_maker(PeerGroup)
    def make_peer_group(network, organisation):
        group = PeerGroup.objects.create(network=network, name=f"Grupp {organisation.name}")
        group.organisations.add(organisation)
        return group


_register_compare_makers()
