"""Alerts about new activities (issue 4, 3): double opt-in, matching by ward and topic, one-click unsubscribe."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from freezegun import freeze_time
from taggit.models import Tag

from consultations import exceptions, services
from consultations.models import AlertDispatch, AlertSubscription
from core.models import OutboxMessage
from tests.consultations.factories import AlertSubscriptionFactory, ConsultationPageFactory

pytestmark = pytest.mark.django_db


def tag(name):
    return Tag.objects.get_or_create(name=name, slug=name.lower().replace(" ", "-"))[0]


def links_in(body):
    return re.findall(r"https?://\S+", body)


def test_double_opt_in_nothing_is_sent_until_confirmed(wards, client, django_capture_on_commit_callbacks):
    bletchley = wards["Bletchley East"]
    with django_capture_on_commit_callbacks(execute=True):
        subscription = services.subscribe(email="Asha@Example.org", wards=[bletchley])
    assert subscription.confirmed_at is None and subscription.email == "asha@example.org"
    (confirmation,) = mail.outbox
    assert "Bletchley East" in confirmation.body
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        ConsultationPageFactory(wards=[bletchley]).save_revision().publish()
    assert not mail.outbox, "an unconfirmed address must get no alerts"

    confirm_url = links_in(confirmation.body)[0]
    response = client.get(confirm_url.replace("http://localhost", ""))
    assert response.status_code == 200 and "Your alerts are on" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    # A second click is harmless.
    assert client.get(confirm_url.replace("http://localhost", "")).status_code == 200

    activity = ConsultationPageFactory(wards=[bletchley], title="Bletchley underpass lighting")
    with django_capture_on_commit_callbacks(execute=True):
        activity.save_revision().publish()  # as an editor publishes it in the admin
    (alert,) = mail.outbox
    assert alert.to == ["asha@example.org"] and "Bletchley underpass lighting" in alert.subject
    assert activity.full_url in alert.body


def test_a_confirmation_link_that_was_altered_or_expired_does_nothing(wards, client):
    subscription = services.subscribe(email="a@example.org", wards=[wards["Wolverton"]])
    token = services.confirm_token(subscription)
    assert client.get(f"/get-involved/alerts/confirm/{token}x/").status_code == 404
    with freeze_time(timezone.now() + timedelta(days=8)), pytest.raises(exceptions.BadLink):
        services.confirm(token=token)
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


def test_confirming_replaces_an_older_subscription_for_the_same_email(wards):
    old = AlertSubscriptionFactory(email="asha@example.org", wards=[wards["Wolverton"]])
    new = services.subscribe(email="asha@example.org", wards=[wards["Bletchley East"]])
    assert AlertSubscription.objects.filter(email="asha@example.org").count() == 2
    services.confirm(token=services.confirm_token(new))
    assert list(AlertSubscription.objects.filter(email="asha@example.org")) == [new]
    assert not AlertSubscription.objects.filter(pk=old.pk).exists()


def test_alerts_match_by_ward_and_by_topic(wards):
    bletchley, wolverton, newport = wards["Bletchley East"], wards["Wolverton"], wards["Newport Pagnell North"]
    asb, lighting = tag("Anti-social behaviour"), tag("Street lighting")
    in_bletchley = AlertSubscriptionFactory(wards=[bletchley])
    in_wolverton = AlertSubscriptionFactory(wards=[wolverton])
    on_asb = AlertSubscriptionFactory(topics=[asb])
    on_lighting = AlertSubscriptionFactory(topics=[lighting])
    newport_or_asb = AlertSubscriptionFactory(wards=[newport], topics=[asb])
    AlertSubscriptionFactory(wards=[bletchley], confirmed_at=None)  # never confirmed

    def alerted_for(activity):
        services.send_alerts(activity=activity)
        sent = OutboxMessage.objects.filter(purpose="consultation-alert", subject__contains=activity.title)
        return set(sent.values_list("to", flat=True))

    activity = ConsultationPageFactory(wards=[bletchley], topics=["Anti-social behaviour"], title="One")
    assert alerted_for(activity) == {in_bletchley.email, on_asb.email, newport_or_asb.email}
    activity = ConsultationPageFactory(wards=[wolverton], topics=["Street lighting"], title="Two")
    assert alerted_for(activity) == {in_wolverton.email, on_lighting.email}
    borough_wide = ConsultationPageFactory(topics=["Street lighting"], title="Three")
    assert alerted_for(borough_wide) == {
        in_bletchley.email,
        in_wolverton.email,
        on_lighting.email,
        newport_or_asb.email,
    }


def test_alerts_go_once_per_activity_and_never_for_the_past(wards):
    subscriber = AlertSubscriptionFactory(wards=[wards["Wolverton"]])
    activity = ConsultationPageFactory(wards=[wards["Wolverton"]])
    assert services.send_alerts(activity=activity) == 1
    assert services.send_alerts(activity=activity) is None
    assert AlertDispatch.objects.get(activity=activity).recipients == 1
    past = ConsultationPageFactory(
        wards=[wards["Wolverton"]],
        opens_at=timezone.now() - timedelta(days=60),
        closes_at=timezone.now() - timedelta(days=30),
    )
    assert services.send_alerts(activity=past) == 0
    assert OutboxMessage.objects.filter(to=subscriber.email).count() == 1


def test_one_click_unsubscribe_deletes_the_subscription(wards, client):
    subscriber = AlertSubscriptionFactory(wards=[wards["Wolverton"]])
    services.send_alerts(activity=ConsultationPageFactory(wards=[wards["Wolverton"]]))
    alert = OutboxMessage.objects.get(to=subscriber.email)
    unsubscribe_url = next(link for link in links_in(alert.body_text) if "unsubscribe" in link)
    response = client.get(unsubscribe_url.replace("http://localhost", ""))
    assert response.status_code == 200 and "You are unsubscribed" in response.content.decode()
    assert not AlertSubscription.objects.filter(pk=subscriber.pk).exists()
    again = client.get(unsubscribe_url.replace("http://localhost", ""))
    assert again.status_code == 200 and "already unsubscribed" in again.content.decode()
    assert client.get("/get-involved/alerts/unsubscribe/not-a-real-token/").status_code == 404


def test_a_mail_programs_own_unsubscribe_button_works_without_cookies(wards):
    """Alerts carry List-Unsubscribe and List-Unsubscribe-Post (RFC 8058): the mail program POSTs to the link with
    no session and no CSRF token, and the subscription is gone."""
    from django.test import Client

    subscriber = AlertSubscriptionFactory(wards=[wards["Wolverton"]])
    services.send_alerts(activity=ConsultationPageFactory(wards=[wards["Wolverton"]]))
    alert = OutboxMessage.objects.get(to=subscriber.email)
    body_link = next(link for link in links_in(alert.body_text) if "unsubscribe" in link)
    assert alert.headers == {
        "List-Unsubscribe": f"<{body_link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        body_link.replace("http://localhost", ""), "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )  # fmt: skip
    assert response.status_code == 200
    assert not AlertSubscription.objects.filter(pk=subscriber.pk).exists()


def test_the_alerts_form_needs_a_ward_or_topic_and_confirms_by_email(wards, client):
    form = client.get("/get-involved/alerts/")
    assert form.status_code == 200
    token = form.context["form"]["submission_token"].value()
    nothing = client.post("/get-involved/alerts/", {"email": "jo@example.org", "submission_token": token})
    assert nothing.status_code == 200
    assert "Select at least one ward or topic to hear about" in nothing.content.decode()
    token = nothing.context["form"]["submission_token"].value()
    sent = client.post(
        "/get-involved/alerts/",
        {"email": "jo@example.org", "wards": [wards["Wolverton"].pk], "submission_token": token},
    )
    assert sent.status_code == 302
    page = client.get(sent.url)
    assert "Check your email" in page.content.decode() and "jo@example.org" in page.content.decode()
    subscription = AlertSubscription.objects.get(email="jo@example.org")
    assert list(subscription.wards.all()) == [wards["Wolverton"]] and subscription.confirmed_at is None


def test_unconfirmed_subscriptions_are_forgotten_after_a_week(wards):
    from consultations.retention import unconfirmed_alerts

    stale = AlertSubscriptionFactory(confirmed_at=None, created_at=timezone.now() - timedelta(days=8))
    AlertSubscriptionFactory(confirmed_at=None)
    AlertSubscriptionFactory(created_at=timezone.now() - timedelta(days=400))
    assert list(unconfirmed_alerts(timezone.now())) == [stale]
