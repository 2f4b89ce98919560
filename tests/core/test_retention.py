from datetime import timedelta

import pytest
from django.utils import timezone

from core import retention
from core.models import ContactMessage, OutboxMessage, SubmissionReceipt
from tests.factories import ContactMessageFactory, OutboxMessageFactory

pytestmark = pytest.mark.django_db


def age(obj, days):
    type(obj).objects.filter(pk=obj.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_personal_data_past_its_retention_period_is_deleted(demo_site):
    old_message, new_message = ContactMessageFactory(), ContactMessageFactory()
    age(old_message, 400)
    sent_long_ago = OutboxMessageFactory(status="sent", sent_at=timezone.now())
    pending_long_ago = OutboxMessageFactory()
    age(sent_long_ago, 100)
    age(pending_long_ago, 100)
    receipt = SubmissionReceipt.objects.create(token="t", form="contact")
    age(receipt, 8)

    deleted = retention.apply_all()

    core_rules = {name: deleted[name] for name in ("outbox", "submission-receipts", "contact-messages")}
    assert core_rules == {"outbox": 1, "submission-receipts": 1, "contact-messages": 1}
    assert list(ContactMessage.objects.all()) == [new_message]
    assert list(OutboxMessage.objects.all()) == [pending_long_ago]  # never drop an email not yet sent
    assert not SubmissionReceipt.objects.exists()


def test_the_contact_message_period_is_a_partnership_setting(demo_site):
    from wagtail.models import Site

    from core.models import PartnershipSettings

    settings = PartnershipSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_message_retention_days = 30
    settings.save()
    message = ContactMessageFactory()
    age(message, 31)
    assert retention.apply_all()["contact-messages"] == 1


def test_every_rule_describes_itself():
    for rule in retention.rules():
        assert rule.description


def test_a_rule_can_anonymise_instead_of_deleting_and_running_it_twice_does_nothing_more():
    """Records the statistics still count are anonymised in place by the same daily run (GD-020); the rule's own
    QuerySet no longer finds them afterwards, so a second run changes nothing."""
    old, young = ContactMessageFactory(name="Sam Old"), ContactMessageFactory(name="Jo Young")
    age(old, 400)

    def past_time(now):
        return ContactMessage.objects.filter(created_at__lt=now - timedelta(days=365)).exclude(name="")

    def wipe(record, now):
        ContactMessage.objects.filter(pk=record.pk).update(name="", email="")

    rule = retention.RetentionRule(name="test", description="test", expired=past_time, anonymise=wipe)
    assert rule.dispose(timezone.now()) == 1
    assert rule.dispose(timezone.now()) == 0
    old.refresh_from_db()
    young.refresh_from_db()
    assert (old.name, old.email) == ("", "")
    assert young.name == "Jo Young"
    assert ContactMessage.objects.count() == 2
