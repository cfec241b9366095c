"""Test data through factories, one module per app (``tests/factories/<app>.py``).

``OWNED_FACTORIES`` tells the generic tests how to make one organisation-owned object of each
model; it is derived (:func:`owned_factories`): every factory class of the app modules whose
model is organisation-owned, plus the hand-written makers registered with
:func:`owned_maker` (those win where a model has both). A model without one fails the URL
matrix and the escaping harness."""

from tests.factories.api import *  # noqa: F403
from tests.factories.areas import *  # noqa: F403
from tests.factories.base import *  # noqa: F403
from tests.factories.base import owned_factories
from tests.factories.collab import *  # noqa: F403
from tests.factories.enterprises import *  # noqa: F403
from tests.factories.enterprises import _import_content  # noqa: F401
from tests.factories.followup import *  # noqa: F403
from tests.factories.procurement import *  # noqa: F403
from tests.factories.procurement import _spend_content  # noqa: F401

OWNED_FACTORIES = owned_factories()
