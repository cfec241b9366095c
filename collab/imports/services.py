"""The import lifecycle's writes shared by every import: an upload is stored pending, shown
as a preview, and applied once on confirmation."""

from django.utils.translation import gettext as _

from collab.models import UploadedImport


class ImportRefused(Exception):
    """The import was not carried out; ``message`` says why (nothing was stored)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def claim(uploaded: UploadedImport) -> None:
    """Mark a pending import as applied, inside the caller's transaction: a second
    confirmation (another tab, a double click) finds it applied and is refused here."""
    claimed = (
        type(uploaded)
        .objects.filter(pk=uploaded.pk, status=UploadedImport.Status.PENDING)
        .update(status=UploadedImport.Status.APPLIED)
    )
    if not claimed:
        raise ImportRefused(_("This file has already been imported; nothing was imported again."))
