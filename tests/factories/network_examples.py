"""Makers of the good examples and the questionnaires for the network matrix."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scopes_disabled

from collab import attachments
from collab.models import Attachment
from network.models import (
    Answer,
    GoodExample,
    GoodExampleArea,
    Question,
    Questionnaire,
    QuestionnaireResponse,
)
from tests.factories.network import network_maker

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_example(network, organisation, *, status=GoodExample.Status.PUBLISHED, **fields):
    values = {
        "title": "Reserverad upphandling av lokalvård",
        "kind": GoodExample.Kind.PROCUREMENT,
        "description": "Lokalvård reserverad för arbetsintegrerande sociala företag.",
    }
    values.update(fields)
    example = GoodExample.objects.create(
        network=network,
        organisation=organisation,
        status=status,
        published_at=timezone.now() if status == GoodExample.Status.PUBLISHED else None,
        **values,
    )
    GoodExampleArea.objects.create(example=example, area=6)
    return example


@network_maker(GoodExample)
def good_example(network, organisation):
    return make_example(network, organisation)


def attach_to_example(example, name="avtal.pdf", content=PDF_BYTES):
    """A shared attachment (``collab.attachments``) of ``example``."""
    with scopes_disabled():
        return attachments.add_attachment(
            parent=example, upload=SimpleUploadedFile(name, content), title=name
        )


@network_maker(Attachment)
def good_example_attachment(network, organisation):
    return attach_to_example(make_example(network, organisation))


def make_questionnaire(network, *, status=Questionnaire.Status.SENT, days=14, questions=2):
    questionnaire = Questionnaire.objects.create(
        network=network,
        title="Goda exempel 2026",
        deadline=timezone.localdate() + datetime.timedelta(days=days),
        status=status,
        sent_at=timezone.now() if status != Questionnaire.Status.DRAFT else None,
    )
    for number in range(1, questions + 1):
        Question.objects.create(
            questionnaire=questionnaire,
            number=number,
            text=f"Fråga {number}",
            example_kind=GoodExample.Kind.STRUCTURE,
        )
    return questionnaire


@network_maker(Questionnaire)
def questionnaire(network, organisation):
    return make_questionnaire(network)


@network_maker(Answer)
def answer(network, organisation):
    questionnaire = make_questionnaire(network)
    response = QuestionnaireResponse.objects.create(
        questionnaire=questionnaire, organisation=organisation, submitted_at=timezone.now()
    )
    return Answer.objects.create(
        response=response,
        question=questionnaire.questions.first(),
        text="Vårt samverkansråd träffas varannan månad.",
    )
