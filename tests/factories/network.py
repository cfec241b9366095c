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


# Makers of the good examples and the questionnaires (registered on import).
from tests.factories import network_examples  # noqa: E402, F401
