"""The daily reminder e-mail: run once a day, e.g. at 06:30 (README: cron or systemd timer).

Each active member with an e-mail address gets, per organisation, one mail listing the tasks
they own that became due today or overdue (``collab.reminders``); nothing when nothing did.
Running it again the same day sends nothing new.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError
from django.utils import timezone

from collab import reminders
from collab.models import Organisation


class Command(BaseCommand):
    help = "Send the daily reminder e-mail of due and overdue tasks to each member."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="The day to remind for, YYYY-MM-DD (default: today)", default=None
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show who would get a mail; send nothing."
        )

    def handle(self, *args, **opts):
        today = timezone.localdate()
        if opts["date"]:
            try:
                today = datetime.date.fromisoformat(opts["date"])
            except ValueError as exc:
                raise CommandError(f"--date {opts['date']!r} is not a date (YYYY-MM-DD).") from exc
        dry_run = opts["dry_run"]
        sent = failed = 0
        for organisation in Organisation.objects.order_by("name"):
            for user in reminders.recipients(organisation):
                try:
                    digest = reminders.send_for_person(user, organisation, today, dry_run=dry_run)
                except IntegrityError:
                    continue  # another run mailed the same items at the same moment
                except Exception as exc:  # one person's failure (e.g. SMTP) stops no one else
                    failed += 1
                    self.stderr.write(f"{organisation.slug}: {user.email}: {exc}")
                    continue
                if digest:
                    sent += 1
                    if dry_run or opts["verbosity"] > 1:
                        self.stdout.write(
                            f"{organisation.slug}: {user.email}: "
                            f"{len(digest.new_items)} new, "
                            f"{len(digest.still_overdue)} still overdue"
                        )
        verb = "Would send" if dry_run else "Sent"
        self.stdout.write(f"{verb} {sent} reminder e-mails for {today.isoformat()}.")
        if failed:
            raise CommandError(f"{failed} reminder e-mails could not be sent.")
