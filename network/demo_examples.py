"""Demo data of the good examples and the questionnaire (``seed_demo``; idempotent).

Three published good examples (one featured; two copy a source record of Sjöstad's own) and a
questionnaire with SKR's seven questions, sent, with Sjöstad's submitted answer."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scope

from collab import files
from network import examples, questions
from network.models import GoodExample, Questionnaire

QUESTIONNAIRE_TITLE = "Goda exempel på samverkan med sociala företag"

EXAMPLES = [
    {
        "slug": "sjostad",
        "source": examples.PROCUREMENT,
        "source_title": "Skötsel av stadsdelsparker 2024–2026",
        "featured": True,
        "title": "Reserverad upphandling av parkskötsel",
        "kind": GoodExample.Kind.PROCUREMENT,
        "areas": [6],
        "description": (
            "Kommunen reserverade upphandlingen av skötseln av stadsdelsparkerna för "
            "leverantörer vars huvudsakliga syfte är att integrera personer med "
            "funktionsnedsättning eller som står långt från arbetsmarknaden (LOU 4 kap. 18 §)."
        ),
        "achieved": "Tolv personer fick anställning under avtalets första år.",
        "how": (
            "Marknadsdialog med tre sociala företag, uppdelning i två delområden och ett "
            "sysselsättningskrav som följs upp halvårsvis."
        ),
        "prerequisites": "En upphandlare och en arbetsmarknadsenhet som planerade tillsammans.",
        "contact_name": "Samir Haddad",
        "contact_email": "samir.haddad@sjostad.example.se",
    },
    {
        "slug": "sjostad",
        "source": examples.PARTNERSHIP,
        "source_title": "Arbetsträning i återbruksbutiken",
        "featured": False,
        "title": "IOP om arbetsträning i återbruket",
        "kind": GoodExample.Kind.CONTRACT,
        "areas": [5, 6],
        "description": (
            "Ett idéburet offentligt partnerskap där en förening driver återbruket och tar "
            "emot deltagare i arbetsträning, med kommunens och föreningens insatser beskrivna."
        ),
        "achieved": "Arton deltagare per år, varav en tredjedel går vidare till arbete.",
        "how": "Avsiktsförklaring, gemensam behovsanalys och beslut i socialnämnden.",
        "prerequisites": "En tydlig samverkansstruktur och politiskt stöd.",
        "contact_name": "Samir Haddad",
        "contact_email": "samir.haddad@sjostad.example.se",
    },
    {
        "slug": "norrbyn",
        "source": "",
        "source_title": "",
        "featured": False,
        "title": "Träffpunkt socialt företagande i biblioteket",
        "kind": GoodExample.Kind.MEETING_PLACE,
        "areas": [3, 5],
        "description": (
            "En återkommande mötesplats i huvudbiblioteket där sociala företag, "
            "näringslivsenheten och förvaltningarna träffas fyra gånger per år."
        ),
        "achieved": "Fyra nya samarbeten mellan förvaltningar och sociala företag.",
        "how": "Näringslivsenheten bjuder in; varje träff har ett tema från handlingsplanen.",
        "prerequisites": "En samordnare med tid avsatt och en lokal som alla hittar till.",
        "contact_name": "Eva Järvinen",
        "contact_email": "eva.jarvinen@norrbyn.example.se",
    },
]

ANSWERS = {
    1: (
        "Vårt samverkansråd med sociala företag träffas varannan månad. Skötseln av "
        "stadsdelsparkerna upphandlades reserverat för arbetsintegrerande sociala företag.\n"
        "Kontaktperson: Samir Haddad, samir.haddad@sjostad.example.se"
    ),
    2: "Återbruket i Sjöstad, ett arbetsintegrerande socialt företag med arton deltagare.",
    3: "Program för samverkan med sociala företag, antaget av kommunfullmäktige 2025.",
    4: "Politiskt stöd, en samordnande funktion och upphandlare som känner till sociala företag.",
}


def _source_value(organisation, kind: str, title: str) -> str:
    """The record of ``kind`` named ``title`` (else the first of that kind), as a choice."""
    options = [
        (value, name)
        for _label, group in examples.source_choices(organisation)
        for value, name in group
        if value.startswith(f"{kind}:")
    ]
    named = [value for value, name in options if name == title]
    return (named or [value for value, _name in options] or [""])[0]


def seed(network, organisations) -> None:
    for data in EXAMPLES:
        organisation = organisations.get(data["slug"])
        if organisation is None:
            continue
        if GoodExample.objects.filter(
            network=network, organisation=organisation, title=data["title"]
        ).exists():
            continue
        with scope(organisation=organisation.pk):
            source = (
                _source_value(organisation, data["source"], data["source_title"])
                if data["source"]
                else ""
            )
            example = GoodExample(
                network=network,
                organisation=organisation,
                **{
                    key: data[key]
                    for key in (
                        "title",
                        "kind",
                        "description",
                        "achieved",
                        "how",
                        "prerequisites",
                        "contact_name",
                        "contact_email",
                    )
                },
            )
            examples.save_example(example=example, areas=data["areas"], source=source)
            if data["featured"]:
                # A file on the featured example, which the network's members may download.
                summary = files.simple_pdf([data["title"], organisation.name, data["description"]])
                examples.add_attachment(example, SimpleUploadedFile("sammanfattning.pdf", summary))
        GoodExample.objects.filter(pk=example.pk).update(
            status=GoodExample.Status.PUBLISHED,
            published_at=timezone.now(),
            featured=data["featured"],
        )

    if Questionnaire.objects.filter(network=network, title=QUESTIONNAIRE_TITLE).exists():
        return
    today = timezone.localdate()
    questionnaire = questions.create_questionnaire(
        network=network,
        title=QUESTIONNAIRE_TITLE,
        introduction=(
            "Hjälp oss att samla goda exempel på samverkan med sociala företag. Svaren blir "
            "underlag till nätverkets bibliotek av goda exempel."
        ),
        deadline=today + datetime.timedelta(days=30),
    )
    questions.send(questionnaire, today)
    sjostad = organisations.get("sjostad")
    if sjostad is None:
        return
    texts = {q.pk: ANSWERS.get(q.number, "") for q in questionnaire.questions.all()}
    questions.save_response(
        questionnaire=questionnaire,
        organisation=sjostad,
        texts=texts,
        submit=True,
        user=None,
        today=today,
    )
