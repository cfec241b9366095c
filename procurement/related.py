"""Sections for the enterprise detail page (through ``collab.registry.register_related``)."""

from django.utils.translation import gettext as _

from collab import formatting
from collab.registry import RelatedSection
from procurement import selectors


def enterprise_sections(enterprise) -> list[RelatedSection]:
    """Bids and awards, and market dialogues it was invited to: two queries."""
    bid_rows = []
    for bid in selectors.bids_of_enterprise(enterprise):
        if bid.awarded:
            value = bid.contract_value if bid.contract_value is not None else bid.bid_value
            text = _("%(procurement)s – awarded") % {"procurement": bid.procurement.title}
        else:
            value = bid.bid_value
            text = _("%(procurement)s – bid") % {"procurement": bid.procurement.title}
        if value is not None:
            text += ", " + formatting.kronor(value)
        text += f" ({bid.procurement.get_status_display()})"
        bid_rows.append((text, bid.procurement.get_absolute_url()))
    dialogue_rows = [
        (
            f"{p.title} ({formatting.date(p.market_dialogue_date)})"
            if p.market_dialogue_date
            else p.title,
            p.get_absolute_url(),
        )
        for p in selectors.dialogues_of_enterprise(enterprise)
    ]
    return [
        RelatedSection(
            title=_("Procurements: bids and awards"),
            rows=bid_rows,
            empty_text=_("No bids recorded."),
        ),
        RelatedSection(
            title=_("Market dialogues"),
            rows=dialogue_rows,
            empty_text=_("Not invited to a market dialogue yet."),
        ),
    ]
