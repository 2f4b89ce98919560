"""A resident answers a survey without an account: sections, conditions, check answers, send, reference."""

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.utils import timezone

from core.models import OutboxMessage
from core.protection import issue_token
from surveys import services
from surveys.models import Answer, Response, SurveyDraft
from tests.surveys.conftest import answer_everything, section_post, submit_post
from tests.surveys.factories import make_survey, question, section

pytestmark = pytest.mark.django_db


def test_the_start_page_shows_the_ladder_promise_and_a_start_button(client, survey):
    page = client.get(survey.url).content.decode()
    assert "Start now" in page
    assert survey.level.promise in page
    assert f'href="{survey.url}section/1/"' in page


def test_a_resident_completes_the_survey_and_gets_a_reference(client, survey, ward):
    last = answer_everything(client, survey, ward)
    assert last["Location"] == f"{survey.url}check-your-answers/"
    check = client.get(last["Location"]).content.decode()
    assert "Check your answers before sending them" in check
    assert "Increased a lot" in check and ward.name in check
    sent = client.post(f"{survey.url}check-your-answers/", submit_post(), follow=True)
    response = Response.objects.get()
    assert response.reference in sent.content.decode()
    assert response.ward == ward and response.status == "submitted"
    assert set(response.answers.values_list("question", flat=True)) == {
        "ward", "connection", "crime-perception", "feel-safe", "victim", "concerns", "seen", "age",
    }  # fmt: skip
    assert response.answers.filter(question="seen").count() == 2


def test_the_conditional_section_appears_only_for_victims(client, survey, ward):
    client.post(f"{survey.url}section/1/", section_post(ward=ward.code, connection="I live here"))
    after = client.post(
        f"{survey.url}section/2/",
        section_post(**{"crime-perception": "Don't know", "feel-safe": "Agree", "victim": "No"}),
    )
    assert after["Location"] == f"{survey.url}section/4/"
    assert client.get(f"{survey.url}section/3/")["Location"] == f"{survey.url}section/4/"

    after = client.post(
        f"{survey.url}section/2/",
        section_post(**{"crime-perception": "Don't know", "feel-safe": "Agree", "victim": "Yes"}),
    )
    assert after["Location"] == f"{survey.url}section/3/"
    assert "Did you report it to the police?" in client.get(f"{survey.url}section/3/").content.decode()


def test_a_stale_conditional_answer_is_dropped_when_the_resident_changes_their_mind(client, survey, ward):
    answer_everything(client, survey, ward, victim="Yes")
    client.post(
        f"{survey.url}section/2/",
        section_post(**{"crime-perception": "Don't know", "feel-safe": "Agree", "victim": "No"}),
    )
    check = client.get(f"{survey.url}check-your-answers/").content.decode()
    assert "Did you report it to the police?" not in check
    client.post(f"{survey.url}check-your-answers/", submit_post())
    assert not Answer.objects.filter(question__in=["reported", "report-handling"]).exists()


def test_errors_are_listed_and_shown_next_to_each_question(client, survey):
    page = client.post(f"{survey.url}section/2/", section_post(victim="Maybe"))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("govuk-error-message") == 3
    assert "<title>Error: Crime and safety" in html
    assert 'href="#id_crime-perception_0"' in html
    assert "Select one of the answers to “Have you been a victim" in html


def test_check_answers_sends_a_resident_back_to_the_first_unanswered_question(client, survey, ward):
    client.post(f"{survey.url}section/1/", section_post(ward=ward.code, connection="I live here"))
    assert client.get(f"{survey.url}check-your-answers/")["Location"] == f"{survey.url}section/2/"


def test_a_second_response_from_the_same_person_is_refused_kindly(client, survey, ward):
    answer_everything(client, survey, ward)
    client.post(f"{survey.url}check-your-answers/", submit_post())
    # They come back to the survey: it thanks them and quotes their reference instead of starting again.
    reference = Response.objects.get().reference
    assert reference in client.get(survey.url).content.decode()
    assert client.get(f"{survey.url}section/1/")["Location"] == f"{survey.url}sent/"
    # The service itself refuses the same respondent twice, in words for them.
    with pytest.raises(services.AlreadyResponded) as refused:
        services.submit_response(
            survey=survey,
            answers={
                "ward": ward.code,
                "connection": "I live here",
                "crime-perception": "Don't know",
                "feel-safe": "Agree",
                "victim": "No",
                "age": "25 to 44",
            },
            respondent=client.session["surveys:respondent"],
            now=timezone.now(),
        )
    assert "already answered this survey" in refused.value.message
    assert Response.objects.count() == 1


def test_the_closing_time_is_enforced_on_submit(client, survey, ward):
    answer_everything(client, survey, ward)
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.save_revision().publish()
    page = client.post(f"{survey.url}check-your-answers/", submit_post())
    assert "This survey has closed" in page.content.decode()
    assert not Response.objects.exists()


def test_the_service_refuses_answers_after_closing_even_if_the_page_was_open(survey, ward):
    survey.closes_at = timezone.now()
    with pytest.raises(services.SurveyClosed):
        services.submit_response(survey=survey, answers={}, respondent="r", now=survey.closes_at)


def test_a_closed_survey_says_so_and_links_to_the_outcome(client, survey, demo_site):
    outcome = demo_site.get_children().get(slug="about")
    survey.closes_at = timezone.now() - timedelta(days=1)
    survey.outcome_page = outcome
    survey.save_revision().publish()
    page = client.get(survey.url).content.decode()
    assert "This survey closed on" in page and outcome.url in page
    assert "Start now" not in page


def test_save_and_resume_by_an_emailed_signed_link(client, survey, ward, django_capture_on_commit_callbacks):
    client.post(f"{survey.url}section/1/", section_post(ward=ward.code, connection="I live here"))
    saved = client.post(
        f"{survey.url}section/2/", section_post(**{"crime-perception": "Increased a little", "victim": "", "save": "1"})
    )
    assert saved["Location"] == f"{survey.url}save/"
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            saved["Location"],
            {"email": "sam@example.org", "website": "", "submission_token": issue_token("survey-save")},
        )
    assert "We have emailed you a link" in page.content.decode()
    draft = SurveyDraft.objects.get()
    assert draft.answers == {"ward": ward.code, "connection": "I live here", "crime-perception": "Increased a little"}
    assert "sam@example.org" not in str(draft.answers)
    message = OutboxMessage.objects.get(purpose="surveys.resume")
    link = next(line for line in message.body_text.splitlines() if "/resume/" in line).strip()
    assert len(mail.outbox) == 1

    other_browser = client.__class__()
    back = other_browser.get(link.replace("http://localhost", ""), follow=True)
    html = back.content.decode()
    assert "Welcome back" in html
    assert "Increased a little" in html  # on the section page it was sent back to, the answer is filled in
    assert back.redirect_chain[-1][0] == f"{survey.url}section/2/"


def test_a_resume_link_expires(client, survey):
    draft = SurveyDraft.objects.create(
        survey=survey, answers={}, created_at=timezone.now(), expires_at=timezone.now() + timedelta(days=30)
    )
    token = signing.dumps(str(draft.pk), salt=services.DRAFT_SALT)
    with pytest.raises(services.DraftExpired):
        services.resume_draft(survey=survey, token=token, now=timezone.now() + timedelta(days=31))
    page = client.get(f"{survey.url}resume/?t=not-a-real-token")
    assert page.status_code == 410 and "expired or is not valid" in page.content.decode()


def test_email_confirmation_counts_a_response_once_the_link_is_clicked(client, survey, ward):
    survey.confirm_by_email = True
    survey.save_revision().publish()
    answer_everything(client, survey, ward)
    client.post(f"{survey.url}check-your-answers/", submit_post(email="sam@example.org"))
    response = Response.objects.get()
    assert response.status == "awaiting-confirmation"
    assert not Response.objects.counted().exists()
    link = next(
        line
        for line in OutboxMessage.objects.get(purpose="surveys.confirm").body_text.splitlines()
        if "/confirm/" in line
    )
    page = client.get(link.strip().replace("http://localhost", ""))
    assert "Answers confirmed" in page.content.decode()
    assert Response.objects.counted().count() == 1
    # The same email cannot answer again from another browser.
    other = client.__class__()
    answer_everything(other, survey, ward)
    again = other.post(f"{survey.url}check-your-answers/", submit_post(email="SAM@example.org"))
    assert "already answered this survey" in again.content.decode()
    assert Response.objects.count() == 1


def test_a_survey_not_yet_open_refuses_answers(client, demo_site):
    later = make_survey(
        demo_site,
        sections=[section("Only", question("short_text", "name-it"))],
        opens_at=timezone.now() + timedelta(days=2),
    )
    assert "This survey is not open yet" in client.get(f"{later.url}section/1/").content.decode()
    with pytest.raises(services.SurveyNotOpenYet):
        services.submit_response(survey=later, answers={"name-it": "x"}, respondent="r", now=timezone.now())
