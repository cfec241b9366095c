"""Questionnaires: SKR's seven questions (the default) and the questionnaire's services.

SKR collected good examples for its handbook with a questionnaire of seven questions (the
invitation "SKR och Sociala företag", 2019–2020). They are data: a new questionnaire gets a copy
of them, which the network coordinator may edit, add to and remove from while it is a draft.
Each question names the kind of good example its answer becomes (``example_kind``).

A coordinator sends a questionnaire to the network's members; a member (``Access.EDIT``)
answers in the app, saves a draft and submits, and may change its answers until the deadline.
The coordinator reads the submitted answers side by side and turns one into a draft good
example of that member. A member sees only its own answers.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collab.models import NetworkMembership
from network.models import (
    Answer,
    GoodExample,
    Question,
    Questionnaire,
    QuestionnaireResponse,
)

Kind = GoodExample.Kind

# SKR's questions, in its own words (Swedish data, not user-interface text).
SKR_QUESTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "Kan du ge några exempel på fungerande samverkan (samverkans- och mötesstrukturer, "
        "konkreta upphandlingar och avtal eller andra typer av samarbeten) mellan "
        "kommuner/regionorganisationer och sociala företag?",
        "Ange namn och e-postadress till kontaktperson.",
        Kind.STRUCTURE,
    ),
    (
        "Kan du ge några exempel på framgångsrika sociala företag?",
        "Ange namn och e-postadress till kontaktperson.",
        Kind.ENTERPRISE,
    ),
    (
        "Kan du ge några goda exempel på kommunala och/eller regionala styrdokument som handlar "
        "om socialt företagande?",
        "Ange namn och e-postadress till kontaktperson.",
        Kind.DOCUMENT,
    ),
    (
        "Vilka förutsättningar krävs för att en samverkan mellan kommun/region och sociala "
        "företag ska fungera? Varför?",
        "",
        Kind.OTHER,
    ),
    (
        "Om du fick skicka en önskelista till regeringen och samtliga svenska kommuner och "
        "regioner med önskemål om hur samverkan med sociala företag kunde "
        "utvecklas/förbättras, vad skulle du skriva på den listan?",
        "",
        Kind.OTHER,
    ),
    (
        "Vad ser du för möjligheter och hinder i de juridiska och ekonomiska möjligheter som "
        "idag finns till samverkan mellan kommuner/regioner och sociala företag?",
        "Till exempel upphandling, reserverad upphandling, IOP och bidrag.",
        Kind.CONTRACT,
    ),
    (
        "Hur kan kommuner och regioner skapa/bygga mötesplatser med aktörer utanför den egna "
        "organisationen så att förutsättningarna för samverkan med sociala företag stärks? Hur "
        "kan sådana mötesplatser se ut?",
        "",
        Kind.MEETING_PLACE,
    ),
)


# --- reading ----------------------------------------------------------------------------------


def is_open(questionnaire: Questionnaire, today: datetime.date) -> bool:
    """Sent and the deadline not passed: members may answer and change their answers."""
    return questionnaire.status == Questionnaire.Status.SENT and today <= questionnaire.deadline


def visible_to_members(network):
    """The questionnaires the members see: sent (or closed), never a draft."""
    return Questionnaire.objects.filter(network=network).exclude(status=Questionnaire.Status.DRAFT)


def response_of(questionnaire, organisation) -> QuestionnaireResponse | None:
    return QuestionnaireResponse.objects.filter(
        questionnaire=questionnaire, organisation=organisation
    ).first()


@dataclass
class MemberStatus:
    organisation: object
    response: QuestionnaireResponse | None

    @property
    def state(self) -> str:
        if self.response is None:
            return "none"
        return "submitted" if self.response.submitted_at else "draft"


def member_statuses(questionnaire) -> list[MemberStatus]:
    """Every active member of the network: answered (submitted), draft or not answered."""
    responses = {
        r.organisation_id: r
        for r in QuestionnaireResponse.objects.filter(questionnaire=questionnaire)
    }
    members = (
        NetworkMembership.objects.filter(
            network_id=questionnaire.network_id, status=NetworkMembership.Status.ACTIVE
        )
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return [MemberStatus(m.organisation, responses.get(m.organisation_id)) for m in members]


def submitted_responses(questionnaire) -> list[QuestionnaireResponse]:
    """The submitted responses (drafts are the member's own until submitted), by name."""
    return list(
        QuestionnaireResponse.objects.filter(
            questionnaire=questionnaire, submitted_at__isnull=False
        )
        .select_related("organisation")
        .prefetch_related("answers__good_examples")
        .order_by("organisation__name")
    )


def side_by_side(questionnaire) -> tuple[list[Question], list[QuestionnaireResponse], list]:
    """Question by question, each submitting member's answer: ``[(question, [(response,
    answer or None), ...]), ...]``."""
    questions = list(questionnaire.questions.all())
    responses = submitted_responses(questionnaire)
    by_response = {
        response.pk: {answer.question_id: answer for answer in response.answers.all()}
        for response in responses
    }
    rows = [
        (question, [(r, by_response[r.pk].get(question.pk)) for r in responses])
        for question in questions
    ]
    return questions, responses, rows


def export_rows(questionnaire) -> list[list]:
    """One row per submitting member: organisation, submitted, then one column per question."""
    questions, responses, _rows = side_by_side(questionnaire)
    header = [_("Organisation"), _("Submitted")] + [f"{q.number}. {q.text}" for q in questions]
    table = [header]
    for response in responses:
        answers = {a.question_id: a.text for a in response.answers.all()}
        table.append(
            [
                response.organisation.name,
                timezone.localtime(response.submitted_at).replace(tzinfo=None),
            ]
            + [answers.get(q.pk, "") for q in questions]
        )
    return table


# --- writing ----------------------------------------------------------------------------------


def create_questionnaire(*, network, title, introduction, deadline) -> Questionnaire:
    """A draft questionnaire with SKR's seven questions."""
    with transaction.atomic():
        questionnaire = Questionnaire(
            network=network, title=title, introduction=introduction, deadline=deadline
        )
        questionnaire.full_clean()
        questionnaire.save()
        Question.objects.bulk_create(
            Question(
                questionnaire=questionnaire,
                number=number,
                text=text,
                help_text=help_text,
                example_kind=kind,
            )
            for number, (text, help_text, kind) in enumerate(SKR_QUESTIONS, start=1)
        )
    return questionnaire


def save_questions(questionnaire, rows: list[dict]) -> None:
    """Replace a draft questionnaire's questions: ``rows`` in order, each with ``id`` (None for
    a new one), ``text``, ``help_text``, ``example_kind``; questions not in ``rows`` are
    removed. Numbered 1, 2, … in the given order."""
    with transaction.atomic():
        questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if questionnaire.status != Questionnaire.Status.DRAFT:
            raise ValidationError(_("The questions cannot be changed once it has been sent."))
        existing = {q.pk: q for q in questionnaire.questions.all()}
        keep = {row["id"] for row in rows if row.get("id") in existing}
        questionnaire.questions.exclude(pk__in=keep).delete()
        # Free the numbers first: the unique (questionnaire, number) holds at every save.
        for index, pk in enumerate(sorted(keep)):
            Question.objects.filter(pk=pk).update(number=10_000 + index)
        for number, row in enumerate(rows, start=1):
            question = existing.get(row.get("id")) or Question(questionnaire=questionnaire)
            question.number = number
            question.text = row["text"]
            question.help_text = row.get("help_text", "")
            question.example_kind = row.get("example_kind", "")
            question.full_clean(validate_constraints=False)
            question.save()


def send(questionnaire, today: datetime.date) -> Questionnaire:
    """Send a draft questionnaire to the members (they see it on their home page)."""
    with transaction.atomic():
        questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if questionnaire.status != Questionnaire.Status.DRAFT:
            raise ValidationError(_("The questionnaire has already been sent."))
        if not questionnaire.questions.exists():
            raise ValidationError(_("Add at least one question before sending."))
        if questionnaire.deadline < today:
            raise ValidationError(
                _("The deadline has passed. Choose a later deadline before sending.")
            )
        questionnaire.status = Questionnaire.Status.SENT
        questionnaire.sent_at = timezone.now()
        questionnaire.save(update_fields=["status", "sent_at"])
    return questionnaire


def save_response(
    *, questionnaire, organisation, texts: dict[int, str], submit: bool, user, today
) -> QuestionnaireResponse:
    """Save a member's answers (``texts``: question id → answer); ``submit`` sends them to
    the coordinator. Allowed while the questionnaire is open (sent, deadline not passed)."""
    with transaction.atomic():
        questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if not is_open(questionnaire, today):
            raise ValidationError(
                _("The deadline has passed: the answers can no longer be changed.")
            )
        response, _created = QuestionnaireResponse.objects.get_or_create(
            questionnaire=questionnaire, organisation=organisation
        )
        questions = {q.pk: q for q in questionnaire.questions.all()}
        existing = {a.question_id: a for a in response.answers.all()}
        for question_id, text in texts.items():
            if question_id not in questions:
                continue
            answer = existing.get(question_id)
            if answer is None:
                Answer.objects.create(response=response, question_id=question_id, text=text)
            elif answer.text != text:
                answer.text = text
                answer.save(update_fields=["text"])
        if submit:
            if not any(text.strip() for text in texts.values()):
                raise ValidationError(_("Answer at least one question before submitting."))
            response.submitted_at = timezone.now()
            response.submitted_by = user
        response.save()
    return response


def example_from_answer(answer: Answer, user=None) -> tuple[GoodExample, bool]:
    """A draft good example of the answering member from a submitted answer (title and
    description from the answer, kind from the question). The same answer twice gives the
    example made the first time: ``(example, created)``."""
    with transaction.atomic():
        answer = (
            Answer.objects.select_for_update(of=("self",))
            .select_related("response__questionnaire", "question")
            .get(pk=answer.pk)
        )
        existing = answer.good_examples.first()
        if existing is not None:
            return existing, False
        if answer.response.submitted_at is None or not answer.text.strip():
            raise ValidationError(_("Only a submitted answer with text can become an example."))
        text = answer.text.strip()
        first_line = text.splitlines()[0].strip()
        title = first_line if len(first_line) <= 120 else first_line[:119].rstrip() + "…"
        example = GoodExample.objects.create(
            network_id=answer.response.questionnaire.network_id,
            organisation_id=answer.response.organisation_id,
            title=title,
            kind=answer.question.example_kind or GoodExample.Kind.OTHER,
            description=text,
            status=GoodExample.Status.DRAFT,
            answer=answer,
            created_by=user,
        )
    return example, True
