"""The data behind the demo register (:mod:`enterprises.demo`): :mod:`.sjostad` (profile
``"far"``) and :mod:`.norrbyn` (``"start"``) list each municipality's enterprises and places;
:mod:`.common` holds the vocabulary both draw from; :mod:`.categories` the service categories'
names (shared with procurement's demo data)."""
