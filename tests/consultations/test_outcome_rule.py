"""The outcome rule (issue 4, 2; EL-007, FP-011): at consult and above an activity cannot be marked complete until
its "You said, we did" outcome is published; inform can. Residents who asked to hear back are emailed, once."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from consultations import exceptions, services
from consultations.models import ConsultationPage, HearBackRequest
from core.models import OutboxMessage
from partnership.services import record_you_said_we_did
from tests.consultations.factories import ConsultationPageFactory, HearBackRequestFactory

pytestmark = pytest.mark.django_db


def outcome_for(activity, *, is_public=True):
    return record_you_said_we_did(
        you_said="The underpass lights are out most nights.",
        we_did="<p>The council replaced all 40 lights and checks them monthly.</p>",
        date=date(2026, 4, 1),
        source="consultation",
        source_page=activity,
        is_public=is_public,
    )


@pytest.mark.parametrize("level", ["consult", "involve", "co-produce"])
def test_consult_and_above_cannot_be_marked_complete_without_a_published_outcome(level):
    activity = ConsultationPageFactory(engagement_level=level)
    with pytest.raises(exceptions.OutcomeNotPublished):
        services.mark_complete(activity=activity)
    activity.is_complete = True
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "is_complete" in error.value.message_dict
    outcome_for(activity, is_public=False)  # a draft answer does not count
    with pytest.raises(exceptions.OutcomeNotPublished):
        services.mark_complete(activity=activity)
    assert not ConsultationPage.objects.get(pk=activity.pk).is_complete


def test_inform_can_be_marked_complete_without_an_outcome():
    activity = ConsultationPageFactory(engagement_level="inform")
    activity.is_complete = True
    activity.full_clean()
    services.mark_complete(activity=activity)
    assert ConsultationPage.objects.get(pk=activity.pk).is_complete


@pytest.mark.parametrize("level", ["consult", "involve", "co-produce"])
def test_with_a_published_outcome_it_can_be_completed(level):
    activity = ConsultationPageFactory(engagement_level=level)
    outcome_for(activity)
    activity.is_complete = True
    activity.full_clean()
    services.mark_complete(activity=activity)
    assert ConsultationPage.objects.get(pk=activity.pk).is_complete


def test_residents_who_asked_to_hear_back_are_emailed_once_when_the_outcome_is_published(
    django_capture_on_commit_callbacks,
):
    activity = ConsultationPageFactory(engagement_level="consult", title="Street lighting in Bletchley")
    services.ask_to_hear_back(activity=activity, email="Asha@Example.org")
    HearBackRequestFactory(activity=activity, email="ben@example.org")
    other = HearBackRequestFactory(email="someone-else@example.org")  # a different activity
    outcome_for(activity)
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_complete(activity=activity)
    told = {message.to[0]: message for message in mail.outbox}
    assert set(told) == {"asha@example.org", "ben@example.org"}
    assert "Street lighting in Bletchley" in told["asha@example.org"].subject
    assert "The underpass lights are out most nights." in told["asha@example.org"].body
    assert activity.full_url in told["asha@example.org"].body
    assert HearBackRequest.objects.filter(activity=activity, told_at__isnull=True).count() == 0
    assert HearBackRequest.objects.get(pk=other.pk).told_at is None
    # Publishing again (an edit after completion) tells no one twice.
    with django_capture_on_commit_callbacks(execute=True):
        activity = ConsultationPage.objects.get(pk=activity.pk)
        activity.save_revision().publish()
    assert OutboxMessage.objects.filter(purpose="consultation-outcome").count() == 2


def test_no_email_while_the_outcome_is_not_public():
    activity = ConsultationPageFactory(engagement_level="consult")
    HearBackRequestFactory(activity=activity)
    ConsultationPage.objects.filter(pk=activity.pk).update(is_complete=True)  # bypassing the rule on purpose
    assert services.tell_residents(activity=ConsultationPage.objects.get(pk=activity.pk)) == 0
    assert not mail.outbox


def test_hear_back_is_once_per_email_and_not_for_inform():
    activity = ConsultationPageFactory(engagement_level="consult")
    services.ask_to_hear_back(activity=activity, email="asha@example.org")
    with pytest.raises(exceptions.AlreadyAskedToHearBack):
        services.ask_to_hear_back(activity=activity, email="ASHA@example.org ")
    with pytest.raises(exceptions.NoOutcomeOwed):
        services.ask_to_hear_back(activity=ConsultationPageFactory(engagement_level="inform"), email="a@example.org")


def test_hear_back_form_on_the_site(client):
    activity = ConsultationPageFactory(engagement_level="involve")
    page = client.get(activity.url).content.decode()
    assert "Hear what came of it" in page
    url = f"/get-involved/activities/{activity.pk}/hear-back/"
    form = client.get(url)
    assert form.status_code == 200
    token = form.context["form"]["submission_token"].value()
    empty = client.post(url, {"email": "", "submission_token": token})
    assert empty.status_code == 200 and "Enter your email address" in empty.content.decode()
    token = empty.context["form"]["submission_token"].value()
    sent = client.post(url, {"email": "jo@example.org", "submission_token": token})
    assert sent.status_code == 302 and sent.url == activity.url
    assert HearBackRequest.objects.filter(activity=activity, email="jo@example.org").exists()
    inform = ConsultationPageFactory(engagement_level="inform")
    assert client.get(f"/get-involved/activities/{inform.pk}/hear-back/").status_code == 404
    assert "Hear what came of it" not in client.get(inform.url).content.decode()


def test_the_activity_page_shows_the_rung_promise_and_the_outcome(client):
    activity = ConsultationPageFactory(engagement_level="consult")
    outcome_for(activity)
    body = client.get(activity.url).content.decode()
    assert "Your say: Consult" in body
    assert "tell you how what you said influenced the decision" in body
    assert "The underpass lights are out most nights." in body
