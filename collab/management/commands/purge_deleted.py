"""Remove for good what was deleted longer ago than the restore window.

A deleted record stays restorable from "Borttagna uppgifter" for ``SAMVERKA_TRASH_DAYS`` days
(30 unless set). Run this daily (cron/systemd timer) to remove, for records deleted longer ago
than ``--days`` and not restored: their whole change history, their deletion snapshots, and the
uploaded files (governing documents and their versions) that no record refers to any more.
A purged record's attachments go with it, every stored version of their files too.
"""

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from collab import trash


class Command(BaseCommand):
    help = (
        "Remove the history and files of records deleted more than --days days ago "
        "(default: the restore window, SAMVERKA_TRASH_DAYS)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, **opts):
        days = opts["days"] if opts["days"] is not None else trash.trash_days()
        if days < trash.trash_days():
            raise CommandError(
                f"--days {days} is shorter than the restore window ({trash.trash_days()} days): "
                "records the trash still offers would disappear."
            )
        with scopes_disabled():
            result = trash.purge_deleted(days=days)
        self.stdout.write(
            f"Purged {result.records} deleted records ({result.history_rows} history rows, "
            f"{result.files} files) deleted more than {days} days ago."
        )
