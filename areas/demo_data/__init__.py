"""The data behind the seven areas' demo records (:mod:`areas.demo`): :mod:`.sjostad` (profile
``"far"``) and :mod:`.norrbyn` (``"start"``); :mod:`.common` holds what both use (the IOP
criteria's notes, the statuses' short names)."""
