"""Demo register: about 40 fictional social enterprises per demo municipality, with contacts.

Called by ``seed_demo`` inside ``scope(organisation=...)``. Every name, organisation number,
address, person, e-mail address and website is made up: the organisation numbers have a valid
check digit but are drawn at random, websites and e-mail addresses are under ``example.se``, and
phone numbers come from the ranges PTS reserves for fiction (070-174 06 05–99, 031-390 06 00–99,
0980-319 200–299).

Profiles: ``"far"`` (a municipality far along: many enterprises in active collaboration, the
criteria checked) and ``"start"`` (just starting: mostly identified, few contacts, few checks).

Idempotent and reproducible: all random values are drawn from ``rng`` for every entry, then an
entry is created only if the register has no enterprise with its name or organisation number.
"""

from datetime import date, timedelta

from django.db.models import Q
from django.utils.text import slugify

from enterprises.models import (
    Answer,
    ContactPerson,
    EnterpriseKind,
    EnterpriseStatus,
    LegalForm,
    ServiceCategory,
    SocialEnterprise,
    SocietalChallenge,
    SustainableDevelopmentGoal,
)
from enterprises.orgnr import complete_with_check_digit
from enterprises.reference import ensure_reference_lists

EF = LegalForm.ECONOMIC_ASSOCIATION
IF = LegalForm.NON_PROFIT_ASSOCIATION
SVB = LegalForm.LIMITED_COMPANY_SVB
STIFT = LegalForm.FOUNDATION
ASF = EnterpriseKind.WISE
IDEB = EnterpriseKind.NON_PROFIT
INNO = EnterpriseKind.SOCIAL_INNOVATION

# Category names as seeded by migration 0002 (shared list).
SNO = "Snöskottning och halkbekämpning"
FRUKT = "Fruktkorgar"
BIL = "Biltvätt"
GRAS = "Gräsklippning och grönyteskötsel"
LOKAL = "Lokalvård"
CATER = "Catering och måltider"
CYKEL = "Cykelverkstad"
SECOND = "Second hand och återbruk"
TVATT = "Tvätteri"
FLYTT = "Flytt och transport"
FAST = "Fastighetsservice"
KAFE = "Kafé och servering"
SNICK = "Snickeri och hantverk"
KONTOR = "Tryck, post och kontorsservice"
IT = "IT-återbruk och elektronik"
ODLING = "Odling och trädgård"

OFFERS = {
    SNO: "Snöskottning av entréer, trappor och gångvägar samt sandning och halkbekämpning.",
    FRUKT: "Fruktkorgar till arbetsplatser, förskolor och skolor med leverans varje vecka.",
    BIL: "Invändig och utvändig tvätt av tjänstebilar, även bilpooler på plats.",
    GRAS: "Gräsklippning, trimning, lövkrattning och skötsel av parker och grönytor.",
    LOKAL: "Lokalvård i kontor, skolor och förskolor; storstädning och fönsterputs.",
    CATER: "Catering till möten och konferenser, luncher och fikabröd, lokalt och ekologiskt.",
    CYKEL: "Service och reparation av cyklar, även lastcyklar och kommunens tjänstecyklar.",
    SECOND: "Second hand-butik som tar emot, sorterar och säljer möbler, kläder och husgeråd.",
    TVATT: "Tvätt och mangling av arbetskläder, textilier och duktyg med hämtning och lämning.",
    FLYTT: "Flytt av kontor och bostäder, magasinering och bortforsling av möbler.",
    FAST: "Fastighetsservice: enklare underhåll, målning, trappstädning och vaktmästeri.",
    KAFE: "Kafé med lunchservering och fika; tar emot beställningar till möten.",
    SNICK: "Snickeri och hantverk: renovering av möbler, trädgårdsmöbler och presentartiklar.",
    KONTOR: "Kontorsservice: utskick, kuvertering, skanning och enklare tryckjobb.",
    IT: "Tar emot uttjänt IT-utrustning, raderar data säkert och renoverar för återbruk.",
    ODLING: "Odling av grönsaker och plantor, trädgårdsskötsel och grön rehabilitering.",
}

# Societal challenges and Agenda 2030 goals that fit each service category.
CATEGORY_CHALLENGES = {
    SECOND: ["Klimat och miljö"],
    IT: ["Klimat och miljö"],
    CYKEL: ["Klimat och miljö"],
    ODLING: ["Klimat och miljö", "Hälsa"],
    SNO: ["Trygghet"],
    FAST: ["Trygghet"],
}
CATEGORY_SDGS = {
    SECOND: [12, 13],
    IT: [12],
    CYKEL: [11, 13],
    ODLING: [2, 15],
    CATER: [2, 12],
    FRUKT: [3],
    SNO: [11],
    FAST: [11],
    GRAS: [11, 15],
    TVATT: [6],
    LOKAL: [3],
}

# (name, legal form, kind, categories, town or None, extra challenges)
SJOSTAD = [
    ("Returcykeln ekonomisk förening", EF, ASF, [CYKEL, SECOND], None, []),
    ("Gröna Händer Arbetsintegrering ekonomisk förening", EF, ASF, [GRAS, ODLING], None, []),
    ("Kafé Bryggan", EF, ASF, [KAFE, CATER], None, []),
    ("Snöröjarna i Sjöstad AB (svb)", SVB, ASF, [SNO, GRAS], None, []),
    ("Sjöstads Återbruk ekonomisk förening", EF, ASF, [SECOND], None, []),
    ("Fruktbudet Sjöstad ekonomisk förening", EF, ASF, [FRUKT], None, []),
    ("Rena Rum Lokalvård ekonomisk förening", EF, ASF, [LOKAL], None, []),
    ("Tvätteriet på Hamnen ekonomisk förening", EF, ASF, [TVATT], "Sjöstad", []),
    ("Blanka Bilar Sjöstad ekonomisk förening", EF, ASF, [BIL], None, []),
    ("Flyttkompaniet Nystart ekonomisk förening", EF, ASF, [FLYTT], None, []),
    ("Fastighetsfixarna i Sjöstad AB (svb)", SVB, ASF, [FAST, SNO], None, []),
    ("Hantverkshuset Ekbacken ekonomisk förening", EF, ASF, [SNICK], "Sjöstad", []),
    ("Matglädje Catering ekonomisk förening", EF, ASF, [CATER], None, ["Integration"]),
    ("Stadsdelsmammorna i Västra Sjöstad", IF, IDEB, [CATER], "Sjöstad", ["Integration"]),
    ("Föreningen Trädgårdsvännerna i Åsby", IF, IDEB, [ODLING], "Åsby", ["Äldre"]),
    ("Kvinnokraft Sömnad & Textil ekonomisk förening", EF, ASF, [SNICK, SECOND], None, []),
    ("Datalyftet IT-återbruk ekonomisk förening", EF, ASF, [IT], None, []),
    ("Kontorsservice Vågen ekonomisk förening", EF, ASF, [KONTOR], None, []),
    ("Sjöstads Stadsodling ekonomisk förening", EF, INNO, [ODLING], None, []),
    ("Verkstan Arbetskooperativ ekonomisk förening", EF, ASF, [SNICK, FAST], None, []),
    ("Bageriet Surdegen ekonomisk förening", EF, ASF, [CATER, KAFE], None, []),
    ("Cykelköket i Sjöstad", IF, IDEB, [CYKEL], "Sjöstad", ["Barn och unga"]),
    ("Lyftet Personalkooperativ ekonomisk förening", EF, ASF, [LOKAL, FAST], None, []),
    ("Hamnkrogen Nya Vägar AB (svb)", SVB, ASF, [CATER, KAFE], "Sjöstad", []),
    ("Ekbackens Second Hand", IF, IDEB, [SECOND], "Sjöstad", []),
    ("Växthuset Social Odling ekonomisk förening", EF, ASF, [ODLING], "Lillsjö", ["Hälsa"]),
    ("Tvättbjörnen Textilservice ekonomisk förening", EF, ASF, [TVATT], None, []),
    ("Snickarglädje i Åsby ekonomisk förening", EF, ASF, [SNICK], "Åsby", []),
    ("Smakrik Skolmat ekonomisk förening", EF, ASF, [CATER], None, ["Barn och unga"]),
    ("Bilvårdarna Nystart ekonomisk förening", EF, ASF, [BIL], None, []),
    ("Grönyteteamet Sjöstad AB (svb)", SVB, ASF, [GRAS], None, []),
    ("Stiftelsen Vägen Vidare", STIFT, IDEB, [FAST, FLYTT], None, ["Hälsa"]),
    ("Återvinnarna i Lillsjö ekonomisk förening", EF, ASF, [SECOND, FLYTT], "Lillsjö", []),
    ("Hemfixarna Seniorservice ekonomisk förening", EF, ASF, [FAST], None, ["Äldre"]),
    ("Ungdomskraft Sjöstad", IF, IDEB, [KAFE, GRAS], "Sjöstad", ["Barn och unga"]),
    ("Pedalen Cykelservice AB (svb)", SVB, ASF, [CYKEL], None, []),
    ("Sjöglimt Hantverk & Design ekonomisk förening", EF, ASF, [SNICK], None, []),
    ("Träffpunkt Kaffekoppen", IF, IDEB, [KAFE], "Sjöstad", ["Äldre"]),
    ("Lastcykelbudet Sjöstad ekonomisk förening", EF, INNO, [FLYTT, CYKEL], None, []),
    ("Matsvinnsköket Sjöstad ekonomisk förening", EF, INNO, [CATER], None, []),
    ("Sjöstads Sociala Tjänster ekonomisk förening", EF, ASF, [LOKAL], None, []),
]

NORRBYN = [
    ("Norrbyns Återbruk ekonomisk förening", EF, ASF, [SECOND], "Norrbyn", []),
    ("Bygdegårdsföreningen i Norrbyns by", IF, IDEB, [KAFE], "Norrbyns by", []),
    ("Snöfixarna i Norrbyn ekonomisk förening", EF, ASF, [SNO], "Norrbyn", []),
    ("Älvbrinken Arbetskooperativ ekonomisk förening", EF, ASF, [GRAS, FAST], None, []),
    ("Åsby Lanthandel och Kafé ekonomisk förening", EF, INNO, [KAFE], "Åsby", []),
    ("Skogsbärens Catering ekonomisk förening", EF, ASF, [CATER], None, []),
    ("Norrbyns Cykel- och Skidservice ekonomisk förening", EF, ASF, [CYKEL], "Norrbyn", []),
    ("Fjällvinden Lokalvård AB (svb)", SVB, ASF, [LOKAL], None, []),
    ("Myrhedens Tvätteri ekonomisk förening", EF, ASF, [TVATT], "Myrheden", []),
    ("Granlidens Snickeri ekonomisk förening", EF, ASF, [SNICK], "Granliden", []),
    ("Frukt & Grönt i Norrbyn ekonomisk förening", EF, ASF, [FRUKT], "Norrbyn", []),
    ("Föreningen Nya Grannar i Norrbyn", IF, IDEB, [CATER], "Norrbyn", ["Integration"]),
    ("Kyrkbackens Second Hand", IF, IDEB, [SECOND], None, []),
    ("Vedboden Norrbyn ekonomisk förening", EF, ASF, [FAST, SNO], "Norrbyn", []),
    ("Norrskenet Hemservice ekonomisk förening", EF, ASF, [FAST, LOKAL], None, ["Äldre"]),
    ("Bilvården i Norrbyns by ekonomisk förening", EF, ASF, [BIL], "Norrbyns by", []),
    ("Flyttgänget Norrbyn AB (svb)", SVB, ASF, [FLYTT], "Norrbyn", []),
    ("Kafé Tallkotten", EF, ASF, [KAFE], None, []),
    ("Trädgårdsgruppen Storvattnet ekonomisk förening", EF, ASF, [GRAS, ODLING], "Storvattnet", []),
    ("Hantverkslogen i Åsby ekonomisk förening", EF, ASF, [SNICK], "Åsby", []),
    ("Sömnadsstugan Granliden", IF, IDEB, [SNICK, SECOND], "Granliden", []),
    ("Norrbyns IT-återbruk ekonomisk förening", EF, ASF, [IT], "Norrbyn", []),
    ("Kontorshjälpen Norrbyn ekonomisk förening", EF, ASF, [KONTOR], "Norrbyn", []),
    ("Bygdens Matkasse ekonomisk förening", EF, INNO, [CATER, FRUKT], None, []),
    ("Renhållarna i Myrheden AB (svb)", SVB, ASF, [LOKAL, FAST], "Myrheden", []),
    ("Samverkanshuset Norrbyn", IF, IDEB, [KAFE, ODLING], "Norrbyn", ["Barn och unga"]),
    ("Ledservice Norr ekonomisk förening", EF, ASF, [GRAS, FAST], None, []),
    ("Gröna Gården Norrbyn ekonomisk förening", EF, ASF, [ODLING], None, ["Hälsa"]),
    ("Bakstugan i Åsby ekonomisk förening", EF, ASF, [CATER], "Åsby", []),
    ("Stiftelsen Norrbyns Folkets Hus", STIFT, IDEB, [KAFE], "Norrbyn", []),
    ("Bygdetransporten Norrbyn ekonomisk förening", EF, INNO, [FLYTT], "Norrbyn", []),
    ("Ungdomens Hus i Norrbyn", IF, IDEB, [KAFE], "Norrbyn", ["Barn och unga"]),
    ("Lokalvårdarna i Storvattnet ekonomisk förening", EF, ASF, [LOKAL], "Storvattnet", []),
    ("Reparatören Norrbyn ekonomisk förening", EF, ASF, [CYKEL, IT], "Norrbyn", []),
    ("Granlidens Byaservice ekonomisk förening", EF, ASF, [SNO, GRAS], "Granliden", []),
    ("Kvinnor i Norr Textil ekonomisk förening", EF, ASF, [SNICK], None, ["Integration"]),
    ("Fjällgårdens Omsorgstvätt ekonomisk förening", EF, ASF, [TVATT], None, ["Äldre"]),
    ("Skogens Skafferi ekonomisk förening", EF, INNO, [ODLING], None, []),
    ("Återbyggarna i Norrbyn ekonomisk förening", EF, ASF, [SNICK], None, []),
]

ENTERPRISES = {"sjostad": SJOSTAD, "norrbyn": NORRBYN}
# Being formed: no organisation number yet.
UNDER_FORMATION = {
    "Sjöstads Sociala Tjänster ekonomisk förening",
    "Skogens Skafferi ekonomisk förening",
    "Återbyggarna i Norrbyn ekonomisk förening",
}

# (town, postal-code prefix, weight); the first town is the municipality's main town.
TOWNS = {
    "sjostad": [("Sjöstad", "598 3", 6), ("Åsby", "598 9", 1), ("Lillsjö", "598 7", 1)],
    "norrbyn": [
        ("Norrbyn", "925 3", 4),
        ("Norrbyns by", "925 9", 1),
        ("Åsby", "925 8", 1),
        ("Granliden", "925 6", 1),
        ("Myrheden", "925 5", 1),
        ("Storvattnet", "925 7", 1),
    ],
}
STREETS = {
    "sjostad": [
        "Hamngatan",
        "Bryggvägen",
        "Verkstadsgatan",
        "Sjögatan",
        "Fiskartorget",
        "Ekbacksvägen",
        "Mälarstigen",
        "Industrivägen",
        "Tullgatan",
        "Stationsgatan",
        "Västra Strandgatan",
        "Lotsgatan",
    ],
    "norrbyn": [
        "Storgatan",
        "Byvägen",
        "Kyrkbacken",
        "Älvvägen",
        "Sågverksvägen",
        "Skolvägen",
        "Myrvägen",
        "Gamla Landsvägen",
        "Tallstigen",
    ],
}
OPERATES_IN = {
    "sjostad": [
        "Sjöstads kommun",
        "Sjöstad tätort",
        "Sjöstad och Åsby",
        "Sjöstads kommun och grannkommunerna",
        "Västra Sjöstad, Ekbacken",
    ],
    "norrbyn": [
        "Norrbyns kommun",
        "Norrbyn och Norrbyns by",
        "Norrbyns kommun och Storvattnet",
        "Hela länet",
    ],
}
LANDLINE = {"sjostad": "031-390 06", "norrbyn": "0980-319"}

FIRST_NAMES = [
    "Anna",
    "Lars",
    "Maria",
    "Erik",
    "Karin",
    "Johan",
    "Sara",
    "Mikael",
    "Lena",
    "Anders",
    "Elin",
    "Fredrik",
    "Emma",
    "Jonas",
    "Ingrid",
    "Peter",
    "Amina",
    "Ahmed",
    "Fatima",
    "Mohammed",
    "Leila",
    "Yusuf",
    "Sofia",
    "Daniel",
    "Helena",
    "Magnus",
    "Linnea",
    "Oskar",
    "Birgitta",
    "Tomas",
    "Aisha",
    "Dragan",
    "Selma",
    "Mattias",
    "Hanna",
    "Patrik",
    "Ulla",
    "Kerstin",
    "Nils",
    "Jenny",
]
LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Lindberg",
    "Lindström",
    "Berglund",
    "Holm",
    "Sandberg",
    "Öberg",
    "Åkesson",
    "Lundgren",
    "Forsberg",
    "Hassan",
    "Ali",
    "Mohamud",
    "Yilmaz",
    "Kovačević",
    "Nordin",
    "Sjöberg",
    "Wikström",
    "Engström",
    "Hedlund",
    "Björk",
    "Strand",
    "Ekström",
    "Lind",
    "Abdi",
    "Jovanović",
    "Sundqvist",
    "Nyström",
]
ROLES = {
    LegalForm.ECONOMIC_ASSOCIATION: [
        "Verksamhetsledare",
        "Ordförande",
        "Handledare",
        "Arbetsledare",
    ],
    LegalForm.LIMITED_COMPANY_SVB: ["VD", "Arbetsledare", "Handledare", "Styrelseordförande"],
    LegalForm.NON_PROFIT_ASSOCIATION: ["Ordförande", "Samordnare", "Kassör", "Handledare"],
    LegalForm.FOUNDATION: ["Verksamhetschef", "Styrelseordförande", "Handledare"],
}

TAGS = [
    "Upphandlingsbar",
    "Direktupphandling",
    "Dialogforum",
    "Arbetsträning",
    "Praktikplatser",
    "ESF-projekt",
    "Lönebidrag",
    "Nyanlända",
    "Unga vuxna",
    "Cirkulär ekonomi",
    "IOP-intresse",
    "Reserverad upphandling",
    "Sysselsättningskrav",
]
RURAL_TAGS = ["Landsbygd", "Bygdeutveckling"]

NOTES = {
    EnterpriseStatus.ACTIVE: [
        "Har avtal med kommunen efter direktupphandling; levererar varje vecka.",
        "Tar emot deltagare från arbetsmarknadsenheten i arbetsträning.",
        "Deltar i dialogforum för sociala företag; bra kontakt med verksamhetsledaren.",
        "Vann den reserverade upphandlingen förra året; avtalet löper två år till.",
        "Uppföljningsmöte hålls varje halvår tillsammans med Arbetsförmedlingen.",
        "Samverkar med socialtjänsten kring praktikplatser för unga vuxna.",
    ],
    EnterpriseStatus.IDENTIFIED: [
        "Hittad i leverantörsreskontran; kontakt ännu inte tagen.",
        "Tips från Coompanion; boka ett första möte.",
        "Presenterade sig på nätverksträffen för sociala företag.",
        "Kontakt via Arbetsförmedlingen; vill veta mer om kommunens upphandlingar.",
        "Behöver följas upp: skicka inbjudan till nästa dialogmöte.",
        "Okänt om kriterierna uppfylls; begär stadgar och senaste årsredovisning.",
    ],
    EnterpriseStatus.DORMANT: [
        "Verksamheten pausad i väntan på ny finansiering.",
        "Verksamhetsledaren har slutat; styrelsen ser över hur verksamheten ska drivas vidare.",
        "Tappade sitt avtal när lokalen såldes; söker nya lokaler.",
    ],
    EnterpriseStatus.ENDED: [
        "Föreningen har trätt i likvidation enligt Bolagsverket.",
        "Verksamheten avvecklades när ESF-projektet tog slut.",
        "Gick samman med en annan förening; se den nya posten i registret.",
    ],
}

CRITERIA = [
    "surplus_reinvested",
    "mission_in_statutes",
    "independent",
    "employee_participation",
]
YES_NOTES = {
    "surplus_reinvested": [
        "Stadgarna § 12; överskottet återinvesteras i verksamheten",
        "Årsredovisning 2024: ingen utdelning, överskottet balanserat",
        "Årsredovisning 2025 granskad; överskottet återinvesterat",
    ],
    "mission_in_statutes": [
        "Stadgarna § 2",
        "Stadgarna § 3 (ändamål)",
        "Stadgarna § 2: skapa arbete för personer långt från arbetsmarknaden",
    ],
    "independent": [
        "Ingen offentlig ägare; styrelsen väljs av medlemmarna",
        "Registreringsbevis och styrelseprotokoll kontrollerade",
        "Ingen kommunal representation i styrelsen",
    ],
    "employee_participation": [
        "Anställda kan bli medlemmar, stadgarna § 5",
        "Personalmöte varje månad; besluten protokollförs",
        "Skriftlig rutin för medarbetarinflytande, antagen av årsstämman",
    ],
}
SVB_YES_NOTES = {
    "surplus_reinvested": ["Bolagsordningen § 9: särskild vinstutdelningsbegränsning (svb)"],
    "mission_in_statutes": ["Bolagsordningen § 3 (verksamhet)"],
}
NON_PROFIT_YES_NOTES = {
    "surplus_reinvested": ["Ideell verksamhet; överskott går tillbaka till ändamålet (§ 1)"],
    "employee_participation": ["Deltagare och anställda är medlemmar med rösträtt på årsmötet"],
}
NO_NOTES = {
    "surplus_reinvested": ["Utdelning till ägarna 2023 enligt årsredovisningen"],
    "mission_in_statutes": ["Stadgarna nämner inte det sociala syftet"],
    "independent": ["Kommunen utser två av styrelsens ledamöter"],
    "employee_participation": ["Ingen skriftlig rutin för medarbetarinflytande"],
}
SELF_DECLARED = "Enligt företagets egen uppgift; inte kontrollerat"

FORMATION_NOTE = (
    "Under bildande: stadgar antagna på konstituerande stämma, registrering hos "
    "Bolagsverket pågår. Organisationsnummer saknas ännu."
)

ORG_PREFIXES = {
    LegalForm.ECONOMIC_ASSOCIATION: ["769"],
    LegalForm.NON_PROFIT_ASSOCIATION: ["802"],
    LegalForm.FOUNDATION: ["802"],
    LegalForm.LIMITED_COMPANY_SVB: ["556", "559"],
}

# Profile-specific probabilities and ranges.
PROFILES = {
    "far": {
        "status_weights": {
            EnterpriseStatus.ACTIVE: 50,
            EnterpriseStatus.IDENTIFIED: 28,
            EnterpriseStatus.DORMANT: 12,
            EnterpriseStatus.ENDED: 10,
        },
        # identified_on for enterprises the municipality works (or worked) with / the rest
        "known_since": (date(2019, 1, 1), date(2025, 6, 30)),
        "identified_from": date(2019, 1, 1),
        "checked": 0.85,
        "skoopi": 0.45,
        "website": 0.85,
        "contacts": [1, 2, 2, 2, 3],
        "scale": 1.0,
    },
    "start": {
        "status_weights": {
            EnterpriseStatus.IDENTIFIED: 80,
            EnterpriseStatus.ACTIVE: 10,
            EnterpriseStatus.DORMANT: 7,
            EnterpriseStatus.ENDED: 3,
        },
        "known_since": (date(2019, 1, 1), date(2025, 12, 31)),
        "identified_from": date(2024, 9, 1),
        "checked": 0.25,
        "skoopi": 0.15,
        "website": 0.5,
        "contacts": [0, 1, 1, 1, 2],
        "scale": 0.6,
    },
}
LAST_DATE = date(2026, 10, 30)  # fixed, so the data does not depend on the day it is seeded
CHECKS_FROM = date(2024, 1, 1)


def seed(*, organisation, profile, rng) -> None:
    ensure_reference_lists()
    entries = ENTERPRISES.get(organisation.slug, SJOSTAD if profile == "far" else NORRBYN)
    place = organisation.slug if organisation.slug in TOWNS else "sjostad"
    settings = PROFILES[profile]
    lookups = _reference_lists()
    phones = _phone_pool(place, rng)
    used_numbers = set(
        SocialEnterprise.objects.filter(organisation=organisation)
        .exclude(org_number="")
        .values_list("org_number", flat=True)
    )
    statuses = _status_plan(
        sum(entry[0] not in UNDER_FORMATION for entry in entries), settings, rng
    )
    for entry in entries:
        # Draw everything first so the random sequence never depends on what already exists.
        forming = entry[0] in UNDER_FORMATION
        status = EnterpriseStatus.IDENTIFIED if forming else statuses.pop()
        data, m2m = _enterprise_data(entry, status, place, settings, rng, used_numbers)
        contacts = _contacts_data(data, place, settings, rng, phones)
        same = Q(name=data["name"])
        if data["org_number"]:
            same |= Q(org_number=data["org_number"])
        if SocialEnterprise.objects.filter(same, organisation=organisation).exists():
            continue
        enterprise = SocialEnterprise(organisation=organisation, **data)
        enterprise.full_clean()
        enterprise.save()
        enterprise.categories.set([lookups["categories"][name] for name in m2m["categories"]])
        enterprise.challenges.set([lookups["challenges"][name] for name in m2m["challenges"]])
        enterprise.sdgs.set([lookups["sdgs"][number] for number in m2m["sdgs"]])
        for contact_data in contacts:
            contact = ContactPerson(
                organisation=organisation, enterprise=enterprise, **contact_data
            )
            contact.full_clean()
            contact.save()


def _reference_lists() -> dict:
    return {
        "categories": {c.name: c for c in ServiceCategory.objects.all()},
        "challenges": {c.name: c for c in SocietalChallenge.objects.all()},
        "sdgs": {g.number: g for g in SustainableDevelopmentGoal.objects.all()},
    }


def _phone_pool(place: str, rng) -> list[str]:
    mobiles = [f"070-174 06 {n:02d}" for n in range(5, 100)]
    if place == "norrbyn":
        landlines = [f"{LANDLINE[place]} {n}" for n in range(200, 300)]
    else:
        landlines = [f"{LANDLINE[place]} {n:02d}" for n in range(100)]
    pool = mobiles + landlines
    rng.shuffle(pool)
    return pool


def org_number(prefix: str, rng) -> str:
    """A random organisation number with the given prefix and a valid Luhn check digit."""
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(9 - len(prefix)))
    return complete_with_check_digit(body)


def _random_date(rng, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _status_plan(count: int, settings: dict, rng) -> list[str]:
    """Statuses in the profile's proportions (exactly, not by chance), in random order."""
    weights = settings["status_weights"]
    total = sum(weights.values())
    counts = {status: count * weight // total for status, weight in weights.items()}
    for status in sorted(weights, key=weights.get, reverse=True):
        if sum(counts.values()) < count:
            counts[status] += 1
    plan = [status for status, n in counts.items() for _ in range(n)]
    rng.shuffle(plan)
    return plan


def _domain(name: str) -> str:
    short = name.replace("AB (svb)", "")
    short = short.replace("ekonomisk förening", "")
    words = slugify(short).split("-")
    slug = ""
    for word in words:
        if len(slug) + len(word) > 28:
            break
        slug = f"{slug}-{word}" if slug else word
    return f"{slug}.example.se"


def _enterprise_data(entry, status, place, settings, rng, used_numbers):
    name, legal_form, kind, categories, town, extra_challenges = entry
    forming = name in UNDER_FORMATION

    number = ""
    if not forming:
        while not number or number in used_numbers:
            number = org_number(rng.choice(ORG_PREFIXES[legal_form]), rng)
        used_numbers.add(number)

    if status != EnterpriseStatus.IDENTIFIED:
        identified_on = _random_date(rng, *settings["known_since"])
    elif rng.random() < 0.15:  # some were known long before the municipality started its work
        identified_on = _random_date(rng, date(2019, 1, 1), LAST_DATE)
    else:
        identified_on = _random_date(rng, settings["identified_from"], LAST_DATE)

    scale = settings["scale"]
    if forming:
        places, employees, participants = 0, 0, 0
    elif kind == ASF:
        places = min(25, max(1, round(rng.triangular(1, 25, 5) * scale)))
        employees = min(40, max(1, round(rng.triangular(1, 40, 6) * scale)))
        participants = max(0, places + rng.randint(-3, 4))
    elif kind == INNO:
        places = rng.randint(0, 4)
        employees = rng.randint(1, 8)
        participants = rng.randint(0, places)
    else:  # idéburen
        places = rng.randint(0, 8)
        employees = rng.randint(1, 5)
        participants = rng.randint(0, places + 10)

    town_names = [t for t, _p, _w in TOWNS[place]]
    if town is None or town not in town_names:
        town = rng.choices(town_names, weights=[w for _t, _p, w in TOWNS[place]])[0]
    prefix = next(p for t, p, _w in TOWNS[place] if t == town)

    data = {
        "name": name,
        "org_number": number,
        "legal_form": legal_form,
        "kind": kind,
        "offer": " ".join(OFFERS[c] for c in categories),
        "cpv_codes": "",
        "work_training_places": places,
        "employees": employees,
        "participants": participants,
        "address": f"{rng.choice(STREETS[place])} {rng.randint(1, 48)}",
        "postal_code": f"{prefix}{rng.randrange(10)}",
        "postal_town": town,
        "operates_in": rng.choice(OPERATES_IN[place]),
        "status": status,
        "identified_on": identified_on,
        "notes": FORMATION_NOTE if forming else rng.choice(NOTES[status]),
        "certifications": "",
        "website": "",
        "tags": "",
    }
    data.update(_criteria(legal_form, kind, forming, identified_on, settings, rng))

    if kind == ASF and not forming and rng.random() < settings["skoopi"]:
        extra = {LOKAL: "Svanenmärkt städtjänst", CATER: "KRAV-certifierat kök"}
        certs = ["Skoopi"] + [extra[c] for c in categories if c in extra and rng.random() < 0.5]
        data["certifications"] = ", ".join(certs)
    if not forming and rng.random() < settings["website"]:
        data["website"] = f"https://www.{_domain(name)}/"

    tags = rng.sample(TAGS, rng.randint(0, 3))
    if place == "norrbyn" and rng.random() < 0.5:
        tags.append(rng.choice(RURAL_TAGS))
    if forming:
        tags.append("Under bildande")
    data["tags"] = ", ".join(tags)

    challenges = []
    if kind in (ASF, INNO):
        challenges.append("Arbetslöshet och utanförskap")
    for category in categories:
        challenges += CATEGORY_CHALLENGES.get(category, [])
    challenges += extra_challenges
    if place == "norrbyn" and town != "Norrbyn":
        challenges.append("Landsbygd")
    sdgs = [8, 10] if kind == ASF else [10] if kind == IDEB else [8]
    for category in categories:
        sdgs += CATEGORY_SDGS.get(category, [])
    m2m = {
        "categories": categories,
        "challenges": list(dict.fromkeys(challenges)),
        "sdgs": sorted(set(sdgs)),
    }
    return data, m2m


def _criteria(legal_form, kind, forming, identified_on, settings, rng) -> dict:
    """The four criteria; a checked enterprise was reviewed on one date (now and then a
    criterion is left open at the review)."""
    result = {}
    reviewed = not forming and rng.random() < settings["checked"]
    review_date = _random_date(rng, max(identified_on, CHECKS_FROM), LAST_DATE)
    for criterion in CRITERIA:
        answer, note, checked = Answer.UNKNOWN, "", None
        if forming:
            if criterion == "mission_in_statutes":
                answer, note = Answer.YES, "Stadgarna § 2 (antagna på konstituerande stämma)"
        elif reviewed and rng.random() < 0.92:
            checked = review_date
            yes_chance = 0.93 if kind == ASF else 0.8
            if (
                criterion == "employee_participation"
                and legal_form != LegalForm.ECONOMIC_ASSOCIATION
            ):
                yes_chance = 0.5
            if rng.random() < yes_chance:
                answer = Answer.YES
                notes = YES_NOTES[criterion]
                if legal_form == LegalForm.LIMITED_COMPANY_SVB:
                    notes = SVB_YES_NOTES.get(criterion, notes)
                elif legal_form in (LegalForm.NON_PROFIT_ASSOCIATION, LegalForm.FOUNDATION):
                    notes = NON_PROFIT_YES_NOTES.get(criterion, notes)
                note = rng.choice(notes)
            else:
                answer, note = Answer.NO, rng.choice(NO_NOTES[criterion])
        elif rng.random() < 0.2:
            answer, note = Answer.YES, SELF_DECLARED
        result[criterion] = answer
        result[f"{criterion}_note"] = note
        result[f"{criterion}_checked"] = checked
    return result


def _contacts_data(data, place, settings, rng, phones) -> list[dict]:
    count = rng.choice(settings["contacts"])
    if data["status"] == EnterpriseStatus.ENDED:
        count = min(count, 1)
    roles = ROLES.get(data["legal_form"], ["Kontaktperson"])
    domain = _domain(data["name"])
    contacts, seen = [], set()
    for index in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        role = roles[index] if index < len(roles) else rng.choice(roles)
        phone = phones.pop() if phones else ""
        if (first, last) in seen:
            continue
        seen.add((first, last))
        local = slugify(f"{first} {last}").replace("-", ".")
        contacts.append(
            {
                "name": f"{first} {last}",
                "role": role,
                "email": f"{local}@{domain}",
                "phone": phone,
            }
        )
    return contacts
