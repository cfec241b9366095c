"""The platform's tabular import pipeline, shared by every import (the register's enterprises,
supplier payments), which adds only its columns, its validation and what it writes:

- :mod:`collab.imports.reader`: reading an uploaded CSV or Excel file within limits;
- :mod:`collab.imports.values`: cell values read the same way by every import (dates, keys);
- :mod:`collab.imports.export`: CSV for the user, e.g. the rows with errors;
- :mod:`collab.imports.services`: the lifecycle's writes (claim on confirmation, refusal);
- :mod:`collab.imports.views`: the upload form and the upload → preview → apply pages.

Nothing here knows a domain app: the apps build on it, never the other way round.
"""
