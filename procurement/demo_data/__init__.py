"""The data behind procurement's demo records (:mod:`procurement.demo`), per demo municipality:
:mod:`.sjostad` (profile ``"far"``) and :mod:`.norrbyn` (``"start"``); :mod:`.spend` holds the
suppliers, accounts and columns the supplier-payment files are built from."""
