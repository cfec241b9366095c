"""The questionnaire: SKR's seven questions, send, answer, who answered, side by side,
export, an answer made into a good example; a member never sees another member's answers."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from network import questions
from network.models import GoodExample, Question, Questionnaire, QuestionnaireResponse
from tests.factories.network_examples import make_questionnaire

pytestmark = pytest.mark.django_db


def _url(name, network, pk=None):
    kwargs = {"network": network.slug}
    if pk is not None:
        kwargs["pk"] = pk
    return reverse(f"network:{name}", kwargs=kwargs)


def _answers(questionnaire, texts: dict[int, str], **extra):
    data = {f"q{q.pk}": texts.get(q.number, "") for q in questionnaire.questions.all()}
    data.update(extra)
    return data


def test_a_new_questionnaire_has_skrs_seven_questions(client, world):
    client.force_login(world.network_coordinator)
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    response = client.post(
        _url("questionnaire_create", world.network),
        {"title": "Enkät om samverkan", "introduction": "", "deadline": deadline.isoformat()},
    )
    assert response.status_code == 302
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.status == Questionnaire.Status.DRAFT
    texts = list(questionnaire.questions.values_list("number", "text", "example_kind"))
    assert len(texts) == 7
    assert texts[0][0] == 1 and "fungerande samverkan" in texts[0][1]
    assert texts[1][2] == GoodExample.Kind.ENTERPRISE
    assert "styrdokument" in texts[2][1] and texts[2][2] == GoodExample.Kind.DOCUMENT
    assert "önskelista" in texts[4][1]
    assert texts[6][2] == GoodExample.Kind.MEETING_PLACE
    # A draft is the coordinator's: members neither see nor answer it.
    client.force_login(world.a.coordinator)
    assert (
        "Enkät om samverkan"
        not in client.get(_url("questionnaire_list", world.network)).content.decode()
    )
    assert (
        client.get(_url("questionnaire_answer", world.network, questionnaire.pk)).status_code == 404
    )


def test_questions_are_edited_while_a_draft_and_locked_when_sent(client, world):
    questionnaire = make_questionnaire(
        world.network, status=Questionnaire.Status.DRAFT, questions=2
    )
    first, second = questionnaire.questions.all()
    client.force_login(world.network_coordinator)
    url = _url("questionnaire_update", world.network, questionnaire.pk)
    assert client.get(url).status_code == 200
    data = {
        "title": "Goda exempel 2026",
        "introduction": "",
        "deadline": questionnaire.deadline.isoformat(),
        "questions-TOTAL_FORMS": "4",
        "questions-INITIAL_FORMS": "2",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "50",
        "questions-0-id": str(first.pk),
        "questions-0-text": "Beskriv er samverkansstruktur.",
        "questions-0-example_kind": "structure",
        "questions-1-id": str(second.pk),
        "questions-1-text": "Fråga 2",
        "questions-1-DELETE": "on",
        "questions-2-text": "Vilka mötesplatser har ni?",
        "questions-2-example_kind": "meeting_place",
        "questions-3-text": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert list(questionnaire.questions.values_list("number", "text", "example_kind")) == [
        (1, "Beskriv er samverkansstruktur.", "structure"),
        (2, "Vilka mötesplatser har ni?", "meeting_place"),
    ]
    client.post(_url("questionnaire_send", world.network, questionnaire.pk))
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.SENT
    # Sent: the deadline may move, the questions stay.
    new_deadline = questionnaire.deadline + datetime.timedelta(days=7)
    data.update({"deadline": new_deadline.isoformat(), "questions-0-text": "Ändrad"})
    assert client.post(url, data).status_code == 302
    questionnaire.refresh_from_db()
    assert questionnaire.deadline == new_deadline
    assert questionnaire.questions.first().text == "Beskriv er samverkansstruktur."
    with pytest.raises(ValidationError):
        questions.save_questions(questionnaire, [{"id": None, "text": "x"}])


def test_send_answer_follow_read_export_and_make_an_example(client, world):
    questionnaire = questions.create_questionnaire(
        network=world.network,
        title="Goda exempel till handboken",
        introduction="",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
    )
    client.force_login(world.network_coordinator)
    client.post(_url("questionnaire_send", world.network, questionnaire.pk))

    # The member sees it on its home page and answers: first a draft.
    client.force_login(world.a.coordinator)
    home = reverse("collab:home")
    assert "Goda exempel till handboken" in client.get(home).content.decode()
    answer_url = _url("questionnaire_answer", world.network, questionnaire.pk)
    client.post(answer_url, _answers(questionnaire, {1: "Utkasttext"}, save="1"))
    response = QuestionnaireResponse.objects.get()
    assert response.submitted_at is None

    client.force_login(world.network_coordinator)
    detail = client.get(_url("questionnaire_detail", world.network, questionnaire.pk))
    states = {s.organisation.pk: s.state for s in detail.context["statuses"]}
    assert states == {world.a.organisation.pk: "draft", world.b.organisation.pk: "none"}
    side = _url("questionnaire_answers", world.network, questionnaire.pk)
    assert "Utkasttext" not in client.get(side).content.decode()

    # Submitted: the coordinator reads it side by side; the home page reminder is gone.
    client.force_login(world.a.coordinator)
    client.post(
        answer_url,
        _answers(
            questionnaire,
            {1: "Vårt samverkansråd träffas varannan månad.\nKontakt: Anna Berg", 2: "=1+2"},
            submit="1",
        ),
    )
    response.refresh_from_db()
    assert response.submitted_at is not None
    assert "Goda exempel till handboken" not in client.get(home).content.decode()

    client.force_login(world.network_coordinator)
    detail = client.get(_url("questionnaire_detail", world.network, questionnaire.pk))
    assert {s.organisation.pk: s.state for s in detail.context["statuses"]}[
        world.a.organisation.pk
    ] == "submitted"
    page = client.get(side)
    text = page.content.decode()
    assert "Vårt samverkansråd träffas varannan månad." in text
    assert "Alfastads kommun" in text

    csv_response = client.get(_url("questionnaire_export", world.network, questionnaire.pk))
    assert csv_response["Content-Type"].startswith("text/csv")
    csv_text = csv_response.content.decode("utf-8-sig")
    assert "Alfastads kommun" in csv_text
    assert "'=1+2" in csv_text  # never run as a formula
    assert "fungerande samverkan" in csv_text.splitlines()[0]
    xlsx = client.get(
        _url("questionnaire_export", world.network, questionnaire.pk), {"format": "xlsx"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.values)
    assert rows[1][0] == "Alfastads kommun"
    assert rows[1][2].startswith("Vårt samverkansråd")
    assert len(rows[0]) == 2 + 7

    # One click: a draft good example of the member, kind from the question.
    answer = response.answers.get(question__number=1)
    convert = _url("answer_to_example", world.network, answer.pk)
    client.post(convert)
    client.post(convert)  # twice: still one example
    example = GoodExample.objects.get()
    assert example.organisation == world.a.organisation
    assert example.status == GoodExample.Status.DRAFT
    assert example.answer == answer
    assert example.kind == GoodExample.Kind.STRUCTURE
    assert example.title == "Vårt samverkansråd träffas varannan månad."
    assert "Kontakt: Anna Berg" in example.description
    # The coordinator does not see the member's draft; the member does and can publish it.
    assert client.get(example.get_absolute_url()).status_code == 404
    client.force_login(world.a.coordinator)
    assert example.title in client.get(_url("example_list", world.network)).content.decode()
    client.post(_url("example_publish", world.network, example.pk))
    example.refresh_from_db()
    assert example.status == GoodExample.Status.PUBLISHED


def test_other_members_never_see_an_answer(client, world):
    questionnaire = make_questionnaire(world.network)
    client.force_login(world.a.coordinator)
    client.post(
        _url("questionnaire_answer", world.network, questionnaire.pk),
        _answers(questionnaire, {1: "Alfastads hemliga svar"}, submit="1"),
    )
    assert QuestionnaireResponse.objects.get().submitted_at is not None
    client.force_login(world.b.admin)
    page = client.get(_url("questionnaire_answer", world.network, questionnaire.pk))
    assert page.status_code == 200
    assert "Alfastads hemliga svar" not in page.content.decode()
    for name in ("questionnaire_answers", "questionnaire_export", "questionnaire_detail"):
        assert client.get(_url(name, world.network, questionnaire.pk)).status_code == 404
    answer = QuestionnaireResponse.objects.get().answers.get(question__number=1)
    assert client.post(_url("answer_to_example", world.network, answer.pk)).status_code == 404
    assert not GoodExample.objects.exists()


def test_answers_are_locked_after_the_deadline(client, world):
    questionnaire = make_questionnaire(world.network)
    client.force_login(world.a.coordinator)
    url = _url("questionnaire_answer", world.network, questionnaire.pk)
    client.post(url, _answers(questionnaire, {1: "Första svaret"}, submit="1"))
    Questionnaire.objects.filter(pk=questionnaire.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = client.post(url, _answers(questionnaire, {1: "För sent"}, submit="1"), follow=True)
    assert "Sista svarsdagen har passerat" in response.content.decode()
    answer = QuestionnaireResponse.objects.get().answers.get(question__number=1)
    assert answer.text == "Första svaret"
    # Closed questionnaires leave the home page.
    assert "Goda exempel 2026" not in client.get(reverse("collab:home")).content.decode()


def test_submitting_needs_an_answer(client, world):
    questionnaire = make_questionnaire(world.network)
    client.force_login(world.a.coordinator)
    response = client.post(
        _url("questionnaire_answer", world.network, questionnaire.pk),
        _answers(questionnaire, {}, submit="1"),
    )
    assert response.status_code == 200
    assert "Besvara minst en fråga" in response.content.decode()
    assert not QuestionnaireResponse.objects.filter(submitted_at__isnull=False).exists()


def test_a_sent_questionnaire_cannot_be_sent_with_a_passed_deadline(client, world):
    questionnaire = make_questionnaire(world.network, status=Questionnaire.Status.DRAFT, days=-1)
    client.force_login(world.network_coordinator)
    client.post(_url("questionnaire_send", world.network, questionnaire.pk))
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.DRAFT
    assert Question.objects.filter(questionnaire=questionnaire).count() == 2


def test_a_double_click_on_save_creates_one_questionnaire(client, world):
    client.force_login(world.network_coordinator)
    url = _url("questionnaire_create", world.network)
    page = client.get(url)
    key = page.context["form"]["_submission"].value()
    assert f'name="_submission" value="{key}"' in page.content.decode()
    deadline = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    data = {"title": "Enkät", "introduction": "", "deadline": deadline, "_submission": key}
    first = client.post(url, data)
    second = client.post(url, data)
    assert Questionnaire.objects.count() == 1
    assert first["Location"] == second["Location"]
