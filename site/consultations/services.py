"""Every change around engagement activities happens here: the outcome rule and the emails it owes, alerts,
and task-and-finish group membership and outputs. Atomic; emails are queued in the same transaction (outbox)."""

import logging

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from consultations import exceptions, policies
from consultations import rules as group_rules
from consultations.models import (
    AlertDispatch,
    AlertSubscription,
    ConsultationPage,
    GroupMembership,
    GroupOutput,
    HearBackRequest,
)
from core.notifications import one_click_unsubscribe, queue_email

logger = logging.getLogger(__name__)

CONFIRM_SALT = "consultations.alerts.confirm"
UNSUBSCRIBE_SALT = "consultations.alerts.unsubscribe"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7


def _root_url(page=None):
    """The site's address for links in emails: the page's own site, else the default site."""
    if page is not None:
        parts = page.get_url_parts()
        if parts and parts[1]:
            return parts[1]
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


# The outcome rule ------------------------------------------------------------------------------------------------


def ask_to_hear_back(*, activity, email, now=None):
    """A resident who took part asks to be told what came of an activity at consult or above (EL-002)."""
    now = now or timezone.now()
    if not activity.owes_outcome:
        raise exceptions.NoOutcomeOwed()
    email = email.strip().lower()
    try:
        with transaction.atomic():
            return HearBackRequest.objects.create(activity=activity, email=email, created_at=now)
    except IntegrityError as exc:
        raise exceptions.AlreadyAskedToHearBack(field="email") from exc


def mark_complete(*, activity, user=None, now=None):
    """Mark an activity complete and publish that, under the outcome rule (EL-007, FP-011).

    Consult and above are refused until a published "You said, we did" answer names the activity as its source;
    inform is not. Publishing tells residents who asked to hear back (`page_published` -> `tell_residents`).
    """
    activity = activity.specific
    if not policies.may_mark_complete(
        level=activity.engagement_level, outcome_published=activity.outcome_answers().exists()
    ):
        raise exceptions.OutcomeNotPublished()
    with transaction.atomic():
        activity = ConsultationPage.objects.select_for_update().get(pk=activity.pk).specific
        activity.is_complete = True
        revision = activity.save_revision(user=user, log_action=True)
        revision.publish(user=user)
    return activity


def tell_residents(*, activity, now=None):
    """Email everyone who asked to hear back, once each, that the activity's outcome is published.

    Does nothing unless the activity is complete and its outcome public, so a premature call cannot send an empty
    promise. Safe to run twice: each request is stamped when its email is queued. Returns how many were told.
    """
    now = now or timezone.now()
    activity = activity.specific
    if not activity.is_complete or not activity.owes_outcome:
        return 0
    answers = list(activity.outcome_answers().order_by("-date", "-pk")[:10])
    if not answers:
        return 0
    url = activity.full_url or ""
    told = 0
    with transaction.atomic():
        waiting = HearBackRequest.objects.select_for_update().filter(activity=activity, told_at__isnull=True)
        for request in waiting:
            queue_email(
                to=request.email,
                template="consultations/emails/outcome_published",
                context={"activity": activity, "answers": answers, "activity_url": url},
                purpose="consultation-outcome",
            )
            request.told_at = now
            request.save(update_fields=["told_at"])
            told += 1
    return told


# Alerts ------------------------------------------------------------------------------------------------------------


def confirm_token(subscription):
    return signing.dumps(subscription.key, salt=CONFIRM_SALT)


def unsubscribe_token(subscription):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(subscription.key)


def subscribe(*, email, wards=(), topics=(), now=None):
    """Start a subscription to alerts and send the confirmation email (double opt-in). Nothing is sent to the
    address until its owner confirms; an unconfirmed subscription is deleted after a week."""
    now = now or timezone.now()
    wards, topics = list(wards), list(topics)
    if not wards and not topics:
        raise exceptions.ChooseWardOrTopic(field="wards")
    with transaction.atomic():
        subscription = AlertSubscription.objects.create(email=email.strip().lower(), created_at=now)
        subscription.wards.set(wards)
        subscription.topics.set(topics)
        root = _root_url()
        queue_email(
            to=subscription.email,
            template="consultations/emails/confirm_alerts",
            context={
                "wards": wards,
                "topics": topics,
                "confirm_url": f"{root}{reverse('consultations:confirm_alerts', args=[confirm_token(subscription)])}",
            },
            purpose="consultation-alerts-confirm",
        )
    return subscription


def confirm(*, token, now=None):
    """The resident clicked the link in the confirmation email: alerts start. A newer confirmed subscription
    replaces any older one for the same address. Clicking twice is harmless."""
    now = now or timezone.now()
    try:
        key = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature as exc:
        raise exceptions.BadLink() from exc
    with transaction.atomic():
        subscription = AlertSubscription.objects.select_for_update().filter(key=key).first()
        if subscription is None:
            raise exceptions.BadLink()
        if subscription.confirmed_at is None:
            subscription.confirmed_at = now
            subscription.save(update_fields=["confirmed_at"])
            AlertSubscription.objects.filter(email=subscription.email).exclude(pk=subscription.pk).delete()
    return subscription


def unsubscribe(*, token):
    """One click from any alert email: the subscription and its email address are deleted. Returns True if there
    was one (a second click finds nothing and says so kindly)."""
    try:
        key = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature as exc:
        raise exceptions.BadLink() from exc
    deleted, _ = AlertSubscription.objects.filter(key=key).delete()
    return bool(deleted)


def send_alerts(*, activity, now=None):
    """Tell confirmed subscribers about a newly published activity in their wards or on their topics.

    At most once per activity (AlertDispatch is unique per activity and written in the same transaction as the
    emails), and only while the activity is upcoming or open: there is no point alerting about the past.
    Returns how many were alerted, or None if alerts had already gone.
    """
    now = now or timezone.now()
    activity = ConsultationPage.objects.filter(pk=activity.pk).live().first()
    if activity is None or activity.status_at(now) not in (policies.Status.UPCOMING, policies.Status.OPEN):
        return 0
    ward_ids = list(activity.wards.values_list("pk", flat=True))
    topic_ids = list(activity.tags.values_list("pk", flat=True))
    try:
        with transaction.atomic():
            dispatch = AlertDispatch.objects.create(activity=activity, sent_at=now)
            subscriptions = AlertSubscription.objects.matching(ward_ids=ward_ids, topic_ids=topic_ids)
            url = activity.full_url or ""
            wards = list(activity.wards.all())
            for subscription in subscriptions:
                unsubscribe_url = (
                    f"{_root_url(activity)}"
                    f"{reverse('consultations:unsubscribe', args=[unsubscribe_token(subscription)])}"
                )
                queue_email(
                    to=subscription.email,
                    template="consultations/emails/new_activity",
                    context={
                        "activity": activity,
                        "wards": wards,
                        "activity_url": url,
                        "unsubscribe_url": unsubscribe_url,
                    },
                    purpose="consultation-alert",
                    headers=one_click_unsubscribe(unsubscribe_url),
                )
                dispatch.recipients += 1
            dispatch.save(update_fields=["recipients"])
    except IntegrityError:
        return None
    return dispatch.recipients


# Task-and-finish groups ----------------------------------------------------------------------------------------------


def _group_lead_emails(group):
    emails = set()
    if group.lead_officer_id and group.lead_officer.email:
        emails.add(group.lead_officer.email)
    emails.update(
        GroupMembership.objects.accepted()
        .filter(group=group, role=GroupMembership.Role.LEAD)
        .values_list("user__email", flat=True)
    )
    return sorted(emails)


def ask_to_join(*, group, user, message="", now=None):
    """A signed-in resident asks to join a task-and-finish group; the lead is told."""
    now = now or timezone.now()
    if not group.accepting_members:
        raise exceptions.NotAcceptingMembers()
    with transaction.atomic():
        existing = GroupMembership.objects.select_for_update().filter(group=group, user=user).first()
        if existing and existing.status in (GroupMembership.Status.REQUESTED, GroupMembership.Status.ACCEPTED):
            raise exceptions.AlreadyAskedToJoin()
        if existing:  # asked again after leaving or being declined
            existing.status = GroupMembership.Status.REQUESTED
            existing.message = message.strip()
            existing.created_at = now
            existing.decided_at = None
            existing.decided_by = None
            existing.save()
            membership = existing
        else:
            membership = GroupMembership.objects.create(group=group, user=user, message=message.strip(), created_at=now)
        members_url = f"{_root_url(group)}{reverse('consultations:members', args=[group.pk])}"
        for to in _group_lead_emails(group):
            queue_email(
                to=to,
                template="consultations/emails/join_request",
                context={"group": group, "members_url": members_url},
                purpose="task-group-request",
            )
    return membership


def decide(*, membership, accept, user, now=None):
    """The group's lead (or an officer) accepts or declines a request to join; the resident is told."""
    now = now or timezone.now()
    group = membership.group
    if not group_rules.can(user, policies.GroupAction.ACCEPT, group):
        raise exceptions.NotAllowed()
    with transaction.atomic():
        membership = GroupMembership.objects.select_for_update().select_related("user", "group").get(pk=membership.pk)
        if membership.status != GroupMembership.Status.REQUESTED:
            raise exceptions.AlreadyDecided()
        if accept and GroupMembership.objects.accepted().filter(group=group).count() >= group.places:
            raise exceptions.GroupFull()
        membership.status = GroupMembership.Status.ACCEPTED if accept else GroupMembership.Status.DECLINED
        membership.decided_at = now
        membership.decided_by = user
        membership.save(update_fields=["status", "decided_at", "decided_by"])
        queue_email(
            to=membership.user.email,
            template="consultations/emails/join_decided",
            context={"group": membership.group, "accepted": accept, "group_url": membership.group.full_url or ""},
            purpose="task-group-decision",
        )
    return membership


def leave(*, group, user, now=None):
    """A resident leaves a group (or withdraws their request). Their message goes at once; the row is deleted
    after six months (retention), and they may ask to join again."""
    membership = GroupMembership.objects.filter(
        group=group, user=user, status__in=[GroupMembership.Status.REQUESTED, GroupMembership.Status.ACCEPTED]
    ).first()
    if membership is None:
        raise exceptions.NotAllowed("You are not in this group.")
    membership.status = GroupMembership.Status.LEFT
    membership.role = GroupMembership.Role.MEMBER
    membership.message = ""
    membership.decided_at = now or timezone.now()
    membership.decided_by = user
    membership.save(update_fields=["status", "role", "message", "decided_at", "decided_by"])
    return membership


def make_lead(*, membership, user):
    """An officer gives a member the lead role (the issue's "a resident given the role")."""
    if not group_rules.is_consultations_officer(user):
        raise exceptions.NotAllowed()
    if membership.status != GroupMembership.Status.ACCEPTED:
        raise exceptions.NotAllowed("Only a member of the group can be made its lead.")
    membership.role = GroupMembership.Role.LEAD
    membership.save(update_fields=["role"])
    return membership


def publish_output(*, group, user, title, summary, link="", now=None):
    """The lead (or an officer) publishes what the group produced on the group's page."""
    if not group_rules.can(user, policies.GroupAction.PUBLISH, group):
        raise exceptions.NotAllowed()
    return GroupOutput.objects.create(
        group=group,
        title=title.strip(),
        summary=summary.strip(),
        link=link,
        published_at=now or timezone.now(),
        published_by=user,
    )
