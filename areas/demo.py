"""Demo IOP partnerships (idéburet offentligt partnerskap) for the demo municipalities.

Registered with ``order=10`` so that ``seed_demo`` runs it after the register's seeder: the
partners are idéburna organisationer from the organisation's own register, looked up by name
(falling back to any other idéburen organisation in the register). Without such an
organisation nothing is created. Idempotent: a partnership is created only if the organisation
has none with its title. Fixed dates, so the data does not depend on the day it is seeded.

Profiles: ``"far"`` (five partnerships since 2022: ended, running, decided and in dialogue;
one with a criterion not met, to show the advice) and ``"start"`` (one idea).
"""

from datetime import date

from django.apps import apps

from areas import services
from areas.models import PARTNER_KIND, CriterionAnswer, Partnership, PartnershipStatus

MET = CriterionAnswer.MET
NOT_MET = CriterionAnswer.NOT_MET
OPEN = CriterionAnswer.NOT_ASSESSED

ALL_MET_NOTES = {
    "initiative": "Föreningen kom med idén och en första skiss till förvaltningen.",
    "political_programme": "Ingår i kommunens program för social hållbarhet 2023–2027.",
    "not_association_grant": "Verksamheten ryms inte i de ordinarie föreningsbidragen.",
    "no_market": "Marknadsanalys: inga företag erbjuder motsvarande verksamhet.",
    "co_financing": "Föreningen bidrar med ideella timmar, lokaler och egna medel.",
    "no_detailed_steering": "Gemensamma mål i överenskommelsen; föreningen styr arbetssättet.",
    "long_term": "Treårig överenskommelse med möjlighet till förlängning.",
}


def _criteria(**overrides) -> dict:
    result = {key: {"answer": MET, "note": note} for key, note in ALL_MET_NOTES.items()}
    for key, (answer, note) in overrides.items():
        result[key] = {"answer": answer, "note": note}
    return result


FAR = [
    {
        "partner": "Ungdomskraft Sjöstad",
        "challenge": "Barn och unga",
        "title": "Läxhjälp och lovaktiviteter för unga i Sjöstad",
        "purpose": (
            "Stärka skolresultaten och ge en meningsfull fritid för unga i Sjöstad genom "
            "läxhjälp på vardagskvällar och aktiviteter under sommar- och höstlov."
        ),
        "goals": "80 unga i läxhjälpen per termin; 150 unga i lovaktiviteterna per år.",
        "start_date": date(2022, 9, 1),
        "end_date": date(2026, 8, 31),
        "municipality_contribution": 300_000,
        "partner_contribution_money": 40_000,
        "partner_volunteer_hours": 1_800,
        "partner_contribution_other": "Ideella läxhjälpare och föreningens lokal.",
        "committee": "Barn- och utbildningsnämnden",
        "decision_date": date(2022, 6, 15),
        "case_number": "BUN 2022/188",
        "status": PartnershipStatus.ENDED,
        "next_follow_up": None,
        "follow_up_notes": (
            "2026-09-23: Slutuppföljning. I snitt 85 unga per termin i läxhjälpen; "
            "föreningen söker nu en ny överenskommelse om lovaktiviteterna.\n"
            "2024-09-18: Halvtidsuppföljning. 92 unga i läxhjälpen, 160 i lovaktiviteterna."
        ),
        "criteria": _criteria(),
    },
    {
        "partner": "Stadsdelsmammorna i Västra Sjöstad",
        "challenge": "Integration",
        "title": "Mötesplats och språkstöd för nyanlända kvinnor",
        "purpose": (
            "Minska utanförskapet bland nyanlända kvinnor i Västra Sjöstad genom en "
            "mötesplats med språkcafé, samhällsinformation och stöd i kontakten med myndigheter."
        ),
        "goals": (
            "120 deltagare per år; hälften har efter ett år kontakt med Arbetsförmedlingen, "
            "SFI eller annan utbildning. Följs upp två gånger per år."
        ),
        "start_date": date(2024, 1, 1),
        "end_date": date(2026, 12, 31),
        "municipality_contribution": 450_000,
        "partner_contribution_money": 60_000,
        "partner_volunteer_hours": 2_400,
        "partner_contribution_other": "Föreningens lokal i Västra Sjöstad, kvällar och helger.",
        "committee": "Socialnämnden",
        "decision_date": date(2023, 11, 22),
        "case_number": "SN 2023/412",
        "status": PartnershipStatus.ONGOING,
        "next_follow_up": date(2026, 11, 18),
        "follow_up_notes": (
            "2026-05-20: Halvårsuppföljning. 68 deltagare hittills, språkcaféet fullt på "
            "tisdagar. Diskussion om förlängning efter 2026.\n"
            "2025-11-12: Årsuppföljning. 131 deltagare, 58 vidare till SFI eller arbete."
        ),
        "criteria": _criteria(),
    },
    {
        "partner": "Föreningen Trädgårdsvännerna i Åsby",
        "challenge": "Äldre",
        "title": "Trädgårdsgemenskap för äldre i Åsby",
        "purpose": (
            "Bryta ensamhet bland äldre genom gemensam odling, trädgårdsträffar och "
            "besök på äldreboendena i Åsby."
        ),
        "goals": "40 regelbundna deltagare; odlingsträffar varje vecka april–oktober.",
        "start_date": date(2025, 3, 1),
        "end_date": date(2028, 2, 29),
        "municipality_contribution": 180_000,
        "partner_contribution_money": 15_000,
        "partner_volunteer_hours": 1_500,
        "partner_contribution_other": "Odlingslotter, redskap och föreningens växthus.",
        "committee": "Vård- och omsorgsnämnden",
        "decision_date": date(2025, 1, 29),
        "case_number": "VON 2024/218",
        "status": PartnershipStatus.ONGOING,
        "next_follow_up": date(2027, 3, 10),
        "follow_up_notes": "2026-03-11: Första årsuppföljningen. 37 deltagare, tre boenden.",
        "criteria": _criteria(),
    },
    {
        "partner": "Cykelköket i Sjöstad",
        "challenge": "Barn och unga",
        "title": "Cykelköket – öppen verkstad för unga",
        "purpose": (
            "En öppen cykelverkstad där unga lär sig laga cyklar tillsammans med vuxna "
            "förebilder, som en meningsfull fritid och en väg till sommarjobb."
        ),
        "goals": "Öppet tre kvällar i veckan; 25 unga i sommarjobb per år.",
        "start_date": date(2027, 1, 1),
        "end_date": date(2029, 12, 31),
        "municipality_contribution": 240_000,
        "partner_contribution_money": 30_000,
        "partner_volunteer_hours": 900,
        "partner_contribution_other": "Verkstadslokal, verktyg och skänkta cyklar.",
        "committee": "Kultur- och fritidsnämnden",
        "decision_date": date(2026, 10, 14),
        "case_number": "KFN 2026/87",
        "status": PartnershipStatus.DECIDED,
        "next_follow_up": date(2027, 6, 15),
        "follow_up_notes": "",
        "criteria": _criteria(),
    },
    {
        "partner": "Ekbackens Second Hand",
        "challenge": "Arbetslöshet och utanförskap",
        "title": "Arbetsträning i återbruksbutiken",
        "purpose": (
            "Platser för arbetsträning i föreningens butik för personer långt från "
            "arbetsmarknaden, med hämtning och sortering av möbler från kommunens verksamheter."
        ),
        "goals": "Tio arbetsträningsplatser per år; hälften vidare till arbete eller studier.",
        "start_date": date(2026, 9, 1),
        "end_date": date(2027, 8, 31),
        "municipality_contribution": 350_000,
        "partner_contribution_money": 0,
        "partner_volunteer_hours": 300,
        "partner_contribution_other": "Handledning i butiken.",
        "committee": "Arbetsmarknadsnämnden",
        "decision_date": None,
        "case_number": "AMN 2026/131",
        "status": PartnershipStatus.DIALOGUE,
        "next_follow_up": date(2026, 11, 25),
        "follow_up_notes": "2026-10-07: Dialogmöte med föreningen och upphandlingsenheten.",
        "criteria": _criteria(
            initiative=(MET, "Föreningen föreslog arbetsträningsplatserna."),
            co_financing=(MET, "Föreningen bidrar med handledning och ideella timmar."),
            no_market=(
                NOT_MET,
                "Flera företag i kommunen hämtar och sorterar möbler; upphandlingsenheten "
                "föreslår en reserverad upphandling av den delen.",
            ),
            no_detailed_steering=(OPEN, "Bedöms när överenskommelsen är skriven."),
            long_term=(NOT_MET, "Ettårigt upplägg i nuvarande förslag."),
        ),
    },
]

START = [
    {
        "partner": "Bygdegårdsföreningen i Norrbyns by",
        "challenge": "Landsbygd",
        "title": "Mötesplats i bygdegården",
        "purpose": "En öppen mötesplats för alla åldrar i Norrbyns by, med kafé och aktiviteter.",
        "goals": "",
        "start_date": None,
        "end_date": None,
        "municipality_contribution": 0,
        "partner_contribution_money": 0,
        "partner_volunteer_hours": 0,
        "partner_contribution_other": "Bygdegården.",
        "committee": "Kommunstyrelsen",
        "decision_date": None,
        "case_number": "",
        "status": PartnershipStatus.IDEA,
        "next_follow_up": date(2026, 12, 9),
        "follow_up_notes": "2026-10-21: Första samtalet med föreningens styrelse.",
        "criteria": {
            "initiative": {"answer": MET, "note": "Föreningen hörde av sig till kommunen."},
        },
    },
]


def seed(*, organisation, profile, rng) -> None:
    enterprise_model = apps.get_model("enterprises", "SocialEnterprise")
    challenge_model = apps.get_model("enterprises", "SocietalChallenge")
    partners = list(
        enterprise_model.objects.filter(organisation=organisation, kind=PARTNER_KIND).order_by(
            "name", "pk"
        )
    )
    if not partners:
        return
    by_name = {p.name: p for p in partners}
    challenges = {c.name: c for c in challenge_model.objects.all()}
    existing = set(
        Partnership.objects.filter(organisation=organisation).values_list("title", flat=True)
    )
    used = set(
        Partnership.objects.filter(organisation=organisation).values_list("partner_id", flat=True)
    )
    for entry in FAR if profile == "far" else START:
        data = dict(entry)
        partner = by_name.get(data.pop("partner"))
        if partner is None or partner.pk in used:
            partner = next((p for p in partners if p.pk not in used), None)
        challenge = challenges.get(data.pop("challenge"))
        if partner is None or data["title"] in existing:
            continue
        services.create_partnership(
            organisation=organisation, partner=partner, challenge=challenge, **data
        )
        used.add(partner.pk)
        existing.add(data["title"])
