"""Demo data of the mentors and the programme: Sjöstad is Norrbyn's mentor municipality in
area 4, and a seminar series with two sessions, their assignments, both municipalities' teams
and one submission. Idempotent (``seed_demo`` may run again)."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from network.models import (
    Assignment,
    MentorMeeting,
    MentorPairing,
    Programme,
    ProgrammeSession,
    ProgrammeTeam,
    Submission,
)

PROGRAMME = "Seminarieserien Samverkan med sociala företag"


def seed(network, organisations) -> None:
    sjostad, norrbyn = organisations.get("sjostad"), organisations.get("norrbyn")
    if sjostad is None or norrbyn is None:
        return
    today = timezone.localdate()
    coordinator = get_user_model().objects.filter(username="natverk").first()
    pairing, created = MentorPairing.objects.get_or_create(
        network=network,
        area=4,
        mentor=sjostad,
        mentee=norrbyn,
        defaults={
            "status": MentorPairing.Status.ACTIVE,
            "confirmed_by": coordinator,
            "notes": (
                "Sjöstad delar sitt arbete med riktlinjer och handlingsplan; Norrbyn tar fram "
                "sitt första utkast under våren."
            ),
        },
    )
    if created:
        MentorMeeting.objects.create(
            pairing=pairing,
            date=today - datetime.timedelta(days=21),
            notes=(
                "Första mötet (digitalt): Sjöstad visade hur riktlinjerna förankrades i "
                "kommunstyrelsen. Norrbyn skickar sitt utkast före nästa möte."
            ),
            created_by=coordinator,
        )

    programme, created = Programme.objects.get_or_create(
        network=network,
        name=PROGRAMME,
        defaults={
            "description": (
                "En digital seminarieserie som en kurs: varje kommun deltar med ett team från "
                "flera verksamheter (näringsliv, upphandling, arbetsmarknad) och löser "
                "uppgifter tillsammans mellan träffarna."
            )
        },
    )
    if not created:
        return
    first = ProgrammeSession.objects.create(
        programme=programme,
        date=today - datetime.timedelta(days=14),
        theme="Intern samverkan och politisk förankring",
        area=3,
        material=(
            "SKR:s handbok Ny väg till innovativa välfärdslösningar, kapitel 1–3. "
            "Bilder från träffen skickas ut efteråt."
        ),
    )
    second = ProgrammeSession.objects.create(
        programme=programme,
        date=today + datetime.timedelta(days=10),
        theme="Upphandling och affärer med sociala företag",
        area=6,
        material="Upphandlingsmyndighetens vägledning om reserverad upphandling.",
    )
    mapping = Assignment.objects.create(
        session=first,
        title="Kartlägg er interna samverkan",
        instructions=(
            "Beskriv vilka förvaltningar som i dag arbetar med sociala företag, vem som "
            "samordnar och vilket politiskt beslut som finns. Max en sida."
        ),
        due_date=second.date - datetime.timedelta(days=1),
    )
    Assignment.objects.create(
        session=second,
        title="Välj en upphandling att reservera",
        instructions=(
            "Gå igenom kommande upphandlingar och välj en som kan reserveras för sociala "
            "företag. Motivera valet."
        ),
        due_date=second.date + datetime.timedelta(days=28),
    )
    teams = {
        sjostad: "Anna Lind, näringslivsutvecklare\nOmar Haddad, upphandlare\n"
        "Eva Sund, arbetsmarknadsenheten",
        norrbyn: "Per Nilsson, kommunstrateg\nLena Berg, upphandlare\nKim Ek, samordningsförbundet",
    }
    created_teams = {
        organisation: ProgrammeTeam.objects.create(
            programme=programme, organisation=organisation, members=members
        )
        for organisation, members in teams.items()
    }
    Submission.objects.create(
        assignment=mapping,
        team=created_teams[sjostad],
        text=(
            "Kommunstyrelsen har det politiska ansvaret sedan 2024. Näringslivsenheten "
            "samordnar en grupp med upphandling, arbetsmarknad och socialtjänst som träffas "
            "varje månad."
        ),
        submitted_at=timezone.now(),
        submitted_by=get_user_model().objects.filter(username="samordnare.sjostad").first(),
    )
