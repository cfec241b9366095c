"""The register's rules, each defined once (see ``areas.querysets`` for the pattern)."""

from django.db import models
from django.db.models import Q

from enterprises.choices import EnterpriseStatus


class SocialEnterpriseQuerySet(models.QuerySet):
    @staticmethod
    def not_ended_q() -> Q:
        """Still in the register's working set: every status but “Ended”."""
        return ~Q(status=EnterpriseStatus.ENDED)

    def not_ended(self):
        return self.filter(self.not_ended_q())

    def offered(self, kept=()):
        """What a pick list offers: the enterprises not ended, and those in ``kept`` (the
        record's current choices) even when ended, so that saving an unchanged form keeps
        them."""
        return self.filter(self.not_ended_q() | Q(pk__in=kept))
