"""The seven areas of SKR's handbook *Ny väg till innovativa välfärdslösningar* (2020).

The areas themselves are the handbook's structure and do not change; the concrete steps of each
area's checklist are data (:class:`areas.models.AreaStep`), refined in the admin.
The advice is written in our own words from SKR's summary of the handbook.
"""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Area:
    number: int
    title: str
    short: str
    advice: tuple[str, ...]


AREAS: tuple[Area, ...] = (
    Area(
        1,
        _("Anchor the issue and appoint a political committee"),
        _("Decide which committee holds political responsibility for the collaboration."),
        (
            _(
                "Collaboration with social enterprises touches several committees' areas: "
                "labour market, business, purchasing and social services. Without a decision "
                "on where political responsibility sits, the work depends on enthusiasts."
            ),
            _(
                "Responsibility can be placed with the municipal or regional executive board "
                "(kommunstyrelse/regionstyrelse), which makes it a question for the whole "
                "organisation, or with a specialist committee (facknämnd), which gives it a "
                "clear home in one field. Choose consciously: the placement shapes the direction "
                "of the work."
            ),
            _(
                "Record the decision with its case number, and let the committee receive regular "
                "reports, for example the status report from Samverka."
            ),
        ),
    ),
    Area(
        2,
        _("Appoint a coordinating function"),
        _("Decide who coordinates the work in the organisation, with time and a mandate."),
        (
            _(
                "Practical responsibility can sit with a management function or with a unit. "
                "In a labour-market unit the collaboration is likely to be seen as a "
                "labour-market question; in the business office it becomes a general business "
                "question. A management function can bridge both."
            ),
            _(
                "Give the function named people, a share of their working time and a written "
                "mandate: what it is to do, what it may decide and whom it reports to."
            ),
        ),
    ),
    Area(
        3,
        _("Establish internal coordination"),
        _("Bring business, purchasing and labour market together in a group that meets."),
        (
            _(
                "So that collaboration with social enterprises does not become one sector's "
                "question, build a group across departmental boundaries. Business development, "
                "purchasing and procurement, and the labour market should above all be "
                "represented; social services often too."
            ),
            _(
                "Let the group meet regularly, keep minutes and follow up its decided actions, "
                "and develop shared routines, for example for how procurements are checked for "
                "social considerations."
            ),
        ),
    ),
    Area(
        4,
        _("Develop governing documents and an action plan"),
        _("Adopt governing documents and follow an action plan with owners and dates."),
        (
            _(
                "Governing documents make the collaboration visible and show that it matters. "
                "A policy, strategy, programme or guideline can set priorities and say how the "
                "organisation supports the growth of social enterprises."
            ),
            _(
                "Turn the documents into an action plan: activities with an owner, a start and "
                "a due date, linked to the areas of the walk. Review the documents on the date "
                "they set."
            ),
        ),
    ),
    Area(
        5,
        _("External coordination"),
        _("Hold a standing forum and a continuous dialogue with the social enterprises."),
        (
            _(
                "To gather the social enterprises and keep up a continuous dialogue, establish a "
                "forum with them. Invite other actors as well, such as Arbetsförmedlingen, "
                "Försäkringskassan, the coordination association (samordningsförbund) and the "
                "region."
            ),
            _(
                "Use the forum to tell the enterprises about coming procurements, to hear what "
                "they can offer and to follow up decided actions together."
            ),
        ),
    ),
    Area(
        6,
        _("Carry out procurements"),
        _("Use the procurement law's possibilities, and IOP, to do business together."),
        (
            _(
                "The procurement law (LOU) offers several ways in: contracts reserved for "
                "suppliers whose main aim is social and professional integration (4 kap. 18 §), "
                "reserved procurement of certain services (19 kap. 25 § and, for non-profit "
                "organisations, 25 a §), employment requirements as special contract conditions "
                "(17 kap. 1 §), smaller lots, and direct awards below the limit."
            ),
            _(
                "Contracts that often suit social enterprises are snow clearing, fruit baskets, "
                "car washing, grass cutting, cleaning, catering, bicycle repair, re-use and "
                "laundry. An idea-based public partnership (IOP) is an alternative when a "
                "non-profit organisation proposes to meet a societal challenge together."
            ),
        ),
    ),
    Area(
        7,
        _("Follow up and evaluate"),
        _("Follow up continuously against the governing documents and the action plan."),
        (
            _(
                "Guided by the governing documents and the action plan, follow up continuously "
                "how the collaboration develops: are the activities done on time, are the "
                "documents reviewed, are more enterprises reached and more contracts won?"
            ),
            _(
                "Use a model for measuring effects, such as an effect chain from resources and "
                "activities to outputs, outcomes and impacts, and report to the responsible "
                "committee."
            ),
        ),
    ),
)

AREA_CHOICES = [(area.number, format_lazy("{}. {}", area.number, area.title)) for area in AREAS]
AREA_NUMBERS = tuple(area.number for area in AREAS)


def get_area(number: int) -> Area | None:
    return next((area for area in AREAS if area.number == number), None)
