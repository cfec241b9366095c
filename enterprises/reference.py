"""The shared reference lists: service categories, societal challenges, Agenda 2030 goals.

Loaded by migration 0002 and ensured again by ``seed_demo`` (a test database flushed between
browser tests loses migration data).
"""

from django.utils.text import slugify

CATEGORIES = [
    ("Snöskottning och halkbekämpning", "90620000-9, 90630000-2"),
    ("Fruktkorgar", "03222000-3"),
    ("Biltvätt", "50112300-6"),
    ("Gräsklippning och grönyteskötsel", "77314000-4, 77311000-3"),
    ("Lokalvård", "90911200-8, 90919200-4"),
    ("Catering och måltider", "55520000-1, 55321000-6"),
    ("Cykelverkstad", "50000000-5"),
    ("Second hand och återbruk", "90514000-3"),
    ("Tvätteri", "98310000-9"),
    ("Flytt och transport", "98392000-7, 60000000-8"),
    ("Fastighetsservice", "70330000-3, 50700000-2"),
    ("Kafé och servering", "55330000-2"),
    ("Snickeri och hantverk", "45421000-4"),
    ("Tryck, post och kontorsservice", "79800000-2, 79571000-7"),
    ("IT-återbruk och elektronik", "30200000-1"),
    ("Odling och trädgård", "03100000-2"),
]

CHALLENGES = [
    "Arbetslöshet och utanförskap",
    "Integration",
    "Klimat och miljö",
    "Trygghet",
    "Hälsa",
    "Äldre",
    "Barn och unga",
    "Landsbygd",
    "Annat",
]

SDGS = [
    "Ingen fattigdom",
    "Ingen hunger",
    "God hälsa och välbefinnande",
    "God utbildning för alla",
    "Jämställdhet",
    "Rent vatten och sanitet för alla",
    "Hållbar energi för alla",
    "Anständiga arbetsvillkor och ekonomisk tillväxt",
    "Hållbar industri, innovationer och infrastruktur",
    "Minskad ojämlikhet",
    "Hållbara städer och samhällen",
    "Hållbar konsumtion och produktion",
    "Bekämpa klimatförändringarna",
    "Hav och marina resurser",
    "Ekosystem och biologisk mångfald",
    "Fredliga och inkluderande samhällen",
    "Genomförande och globalt partnerskap",
]


def ensure(service_category, societal_challenge, goal) -> None:
    """Create the missing entries (idempotent). Takes the model classes, so that a migration
    can pass its historical models."""
    for name, cpv in CATEGORIES:
        service_category.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "cpv_codes": cpv}
        )
    for position, name in enumerate(CHALLENGES, start=1):
        societal_challenge.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "position": position}
        )
    for number, name in enumerate(SDGS, start=1):
        goal.objects.get_or_create(number=number, defaults={"name": name})


def ensure_reference_lists() -> None:
    from enterprises.models import ServiceCategory, SocietalChallenge, SustainableDevelopmentGoal

    ensure(ServiceCategory, SocietalChallenge, SustainableDevelopmentGoal)
