"""Issue 11: the personal-data registry, subject-access export, erasure, audit log and privacy notice."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from core import audit, personal_data, retention, services
from core.exceptions import DomainError
from core.models import AuditEvent, SubjectAccessExport
from core.models.audit import AuditLogIsAppendOnly
from tests.factories import ContactMessageFactory, OutboxMessageFactory, StaffFactory, UserFactory
from tests.meetings.factories import BookingFactory, QuestionFactory
from tests.safe_places.factories import VenueConcernFactory
from tests.watch_schemes.factories import MemberFactory

pytestmark = pytest.mark.django_db

PERSON = "jo.bloggs@example.org"
SOMEONE_ELSE = "other.person@example.org"


@pytest.fixture
def admin_user():
    return StaffFactory(groups=["Partnership admins"])


@pytest.fixture
def person_everywhere():
    """One resident who booked a meeting, asked a question, wrote in, joined a watch and reported a venue."""
    records = {
        "booking": BookingFactory(email=PERSON, name="Jo Bloggs"),
        "question": QuestionFactory(email=PERSON, name="Jo Bloggs"),
        "contact": ContactMessageFactory(email=PERSON, name="Jo Bloggs"),
        "email": OutboxMessageFactory(to=PERSON),
        "member": MemberFactory(email=PERSON, name="Jo Bloggs"),
        "concern": VenueConcernFactory(email=PERSON),
    }
    # Someone else's records, which must never appear in Jo's export.
    BookingFactory(email=SOMEONE_ELSE, name="Other Person")
    ContactMessageFactory(email=SOMEONE_ELSE, name="Other Person")
    MemberFactory(email=SOMEONE_ELSE, name="Other Person")
    return records


def test_every_app_holding_personal_data_declares_it():
    declared = {declaration.model_label for declaration in personal_data.declarations()}
    assert {
        "core.User", "core.ContactMessage", "core.OutboxMessage", "meetings.Booking", "meetings.Question",
        "safe_places.Venue", "safe_places.VenueConcern", "watch_schemes.Member", "watch_schemes.SchemeCoordinator",
    } <= declared  # fmt: skip
    for declaration in personal_data.declarations():
        for name in declaration.fields:
            assert hasattr(declaration.model, name) or name in {f.name for f in declaration.model._meta.get_fields()}
        assert declaration.purpose and declaration.lawful_basis and declaration.retention


def test_subject_access_export_holds_the_persons_data_from_every_app_and_nobody_elses(person_everywhere):
    export = personal_data.subject_access_export("Jo.Bloggs@example.org")
    assert set(export) >= {
        "meetings.Booking", "meetings.Question", "core.ContactMessage", "core.OutboxMessage",
        "watch_schemes.Member", "safe_places.VenueConcern",
    }  # fmt: skip
    text = json.dumps(export)
    assert "Jo Bloggs" in text
    assert SOMEONE_ELSE not in text and "Other Person" not in text
    assert export["meetings.Booking"]["records"][0]["code"] == person_everywhere["booking"].code


def test_an_admin_prepares_an_export_and_downloads_it_once(client, admin_user, person_everywhere):
    client.force_login(admin_user)
    response = client.post("/admin/personal-data/", {"email": PERSON})
    assert response.status_code == 302
    export = SubjectAccessExport.objects.get()
    assert export.record_count >= 6
    first = client.get(f"/admin/personal-data/exports/{export.pk}/download/")
    assert first.status_code == 200 and first["Content-Disposition"].startswith("attachment")
    body = json.loads(first.content)
    assert body["email"] == PERSON and "watch_schemes.Member" in body["data"]
    second = client.get(f"/admin/personal-data/exports/{export.pk}/download/")
    assert second.status_code == 302  # already collected: sent back with an explanation
    export.refresh_from_db()
    assert export.content is None and export.downloaded_at is not None
    actions = list(AuditEvent.objects.for_object(export).values_list("action", flat=True))
    assert sorted(actions) == ["download", "export"]


def test_only_the_admin_who_prepared_an_export_may_collect_it(admin_user, person_everywhere):
    export = services.prepare_subject_access_export(email=PERSON, requested_by=admin_user)
    other_admin = StaffFactory(groups=["Partnership admins"])
    with pytest.raises(DomainError):
        services.collect_subject_access_export(export_id=export.pk, user=other_admin)


def test_an_export_not_collected_within_seven_days_is_gone(admin_user, person_everywhere):
    export = services.prepare_subject_access_export(email=PERSON, requested_by=admin_user)
    later = timezone.now() + timedelta(days=7, minutes=1)
    with pytest.raises(DomainError):
        services.collect_subject_access_export(export_id=export.pk, user=admin_user, now=later)
    retention.apply_all(now=later)
    assert not SubjectAccessExport.objects.filter(pk=export.pk).exists()


@pytest.mark.parametrize(
    ("groups", "allowed"),
    [
        (["Partnership admins"], True),
        (["Communications officers"], False),
        (["Case officers"], False),
        ([], False),
    ],
)
def test_only_partnership_admins_handle_personal_data_requests(client, groups, allowed, person_everywhere):
    client.force_login(StaffFactory(groups=groups))
    for url in ("/admin/personal-data/", "/admin/snippets/core/auditevent/"):
        response = client.get(url)
        assert (response.status_code == 200) is allowed, url
    response = client.post("/admin/personal-data/erase/", {"erase-email": PERSON, "erase-confirm": "on"})
    assert (response.status_code == 302 and response.url == "/admin/personal-data/") is allowed
    assert BookingFactory._meta.model.objects.filter(email=PERSON).exists() is not allowed


def test_erasure_removes_what_the_law_allows_and_says_what_is_kept(admin_user, person_everywhere):
    coordinator = UserFactory(email=PERSON)
    from tests.watch_schemes.factories import WatchSchemeFactory

    scheme = WatchSchemeFactory()
    scheme.coordinator_roles.create(user=coordinator, role="deputy")
    result = services.erase_personal_data(email=PERSON, actor=admin_user)
    assert personal_data.subject_access_export(PERSON).keys() == {"watch_schemes.SchemeCoordinator", "core.User"}
    assert set(result.kept) == {
        "watch_schemes.SchemeCoordinator",
        "core.User",
    }  # the account stays while it runs a scheme
    question = person_everywhere["question"]
    question.refresh_from_db()
    assert question.text and question.name == "A resident"  # the public record stays; who asked does not
    scheme.coordinator_roles.all().delete()  # once the scheme is handed over, the account goes too
    services.erase_personal_data(email=PERSON, actor=admin_user)
    coordinator.refresh_from_db()
    assert not coordinator.is_active and PERSON not in coordinator.email
    # Someone else's records are untouched.
    assert personal_data.subject_access_export(SOMEONE_ELSE)
    assert AuditEvent.objects.filter(action="delete", actor=admin_user).count() >= len(result.erased) > 0


def test_the_audit_log_is_append_only(admin_user, person_everywhere):
    event = audit.record(actor=admin_user, action=audit.VIEW, obj=person_everywhere["booking"])
    assert event.object_label == f"Booking {person_everywhere['booking'].pk}"  # the type and number, never the name
    event.detail = "rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.update(detail="x")
    assert list(audit.events_for(person_everywhere["booking"])) == [event]


def test_the_audit_log_keeps_six_years_and_then_its_own_rule_trims_it(admin_user):
    old = audit.record(actor=admin_user, action=audit.VIEW, label="Booking 1")
    young = audit.record(actor=admin_user, action=audit.VIEW, label="Booking 2")
    with connection.cursor() as cursor:  # the app cannot age an event, so the test does it in SQL
        table = AuditEvent._meta.db_table
        cursor.execute(
            f"UPDATE {table} SET at = %s WHERE id = %s", [timezone.now() - timedelta(days=6 * 366 + 1), old.pk]
        )
    retention.apply_all()
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [young.pk]


def test_the_privacy_notice_is_generated_from_the_registry(client):
    response = client.get("/privacy/what-we-keep/")
    assert response.status_code == 200
    body = response.content.decode()
    for declaration in personal_data.declarations():
        assert declaration.purpose.replace("'", "&#x27;") in body
    assert "Six months after the meeting" in body


def test_an_erasure_request_without_the_identity_check_is_refused_in_plain_english(
    client, admin_user, person_everywhere
):
    client.force_login(admin_user)
    response = client.post("/admin/personal-data/erase/", {"erase-email": PERSON})
    assert response.status_code == 200
    assert "Confirm that you have checked the person&#x27;s identity and the law." in response.content.decode()
    assert BookingFactory._meta.model.objects.filter(email=PERSON).exists()
