"""Registration, decisions, renewal and expiry of Safe Places venues (SP-020 to SP-024, SP-050, SP-052)."""

from datetime import UTC, date, datetime, time

import pytest

from core.models import OutboxMessage
from safe_places import services
from safe_places.exceptions import ApprovalBlocked, LocationUnknown, ReasonRequired, WrongVenueStatus
from safe_places.models import Venue, VenueConcern
from safe_places.policies import Period
from tests.factories import PostcodeFactory, UserFactory
from tests.safe_places.factories import VenueFactory, VenueTypeFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
WEEK = tuple([(Period(time(9), time(17)),)] * 6 + [()])


def application(**overrides):
    data = {
        "name": "Bean There Café",
        "venue_type": VenueTypeFactory(name="Café", slug="cafe"),
        "address": "12 Silbury Arcade, Central Milton Keynes",
        "postcode": "MK9 3EJ",
        "phone": "01908 111222",
        "trained_staff": 2,
        "training_date": date(2026, 10, 1),
        "open_to_public": True,
        "has_liability_insurance": True,
        "accessible_premises": True,
        "agrees_to_procedure": True,
        "step_free": True,
    }
    return {**data, **overrides}


def test_a_venue_registers_and_waits_for_approval_sp022(venue_manager, demo_site):
    PostcodeFactory(postcode="MK9 3EJ", latitude="52.041000", longitude="-0.758000")
    venue = services.register_venue(by=venue_manager, data=application(), week=WEEK, now=NOW)
    assert venue.status == Venue.Status.PENDING
    assert venue.manager == venue_manager
    assert (venue.latitude, venue.longitude) == (52.041, -0.758)
    assert venue.opening_hours[0] == [["09:00", "17:00"]]
    purposes = set(OutboxMessage.objects.values_list("purpose", flat=True))
    assert purposes == {"safe_places.registered", "safe_places.registered.acknowledgement"}


def test_a_marked_location_wins_over_the_postcode_centre(venue_manager):
    venue = services.register_venue(
        by=venue_manager, data=application(postcode="MK9 9ZZ"), week=WEEK, latitude=52.05, longitude=-0.76, now=NOW
    )
    assert (venue.latitude, venue.longitude) == (52.05, -0.76)


def test_an_unknown_postcode_without_a_location_is_refused_in_plain_english(venue_manager):
    with pytest.raises(LocationUnknown) as caught:
        services.register_venue(by=venue_manager, data=application(postcode="MK9 9ZZ"), week=WEEK, now=NOW)
    assert caught.value.field == "postcode"
    assert "We do not know where this postcode is" in caught.value.message


def test_an_admin_approves_and_the_yearly_check_starts_sp050(scheme_admin):
    venue = VenueFactory()
    venue = services.approve_venue(venue=venue, by=scheme_admin, now=NOW)
    assert venue.status == Venue.Status.APPROVED
    assert venue.next_check_due == date(2027, 11, 18)
    assert venue.verified_by == scheme_admin
    assert OutboxMessage.objects.get(purpose="safe_places.approved").to == venue.manager.email


def test_approval_is_blocked_until_the_criteria_are_met_sp020_sp021(scheme_admin):
    venue = VenueFactory(has_liability_insurance=False, trained_staff=0)
    with pytest.raises(ApprovalBlocked) as caught:
        services.approve_venue(venue=venue, by=scheme_admin, now=NOW)
    assert "insurance" in caught.value.message and "trained" in caught.value.message
    venue.refresh_from_db()
    assert venue.status == Venue.Status.PENDING


def test_asking_for_changes_needs_a_reason_and_the_venue_sees_it(scheme_admin):
    venue = VenueFactory()
    with pytest.raises(ReasonRequired):
        services.request_changes(venue=venue, by=scheme_admin, reason="  ", now=NOW)
    venue = services.request_changes(venue=venue, by=scheme_admin, reason="Add your Sunday hours.", now=NOW)
    assert venue.status == Venue.Status.CHANGES_REQUESTED
    assert "Add your Sunday hours." in OutboxMessage.objects.get(purpose="safe_places.changes_requested").body_text


def test_an_edit_after_changes_were_requested_sends_the_venue_back_for_approval(scheme_admin):
    venue = VenueFactory(status=Venue.Status.CHANGES_REQUESTED, decision_reason="Add hours")
    venue = services.update_venue(
        venue=venue, by=venue.manager, data={"name": "Corner Shop"}, week=WEEK, latitude=52.04, longitude=-0.76,
        now=NOW,
    )  # fmt: skip
    assert venue.status == Venue.Status.PENDING


def test_declining_needs_a_reason_and_cannot_follow_an_approval(scheme_admin):
    venue = VenueFactory()
    services.approve_venue(venue=venue, by=scheme_admin, now=NOW)
    with pytest.raises(WrongVenueStatus):
        services.decline_venue(venue=venue, by=scheme_admin, reason="Too late", now=NOW)


def test_only_the_venues_own_account_edits_it(scheme_admin):
    venue = VenueFactory()
    other = UserFactory()
    for intruder in (other, scheme_admin):
        with pytest.raises(services.NotAllowed):
            services.update_venue(venue=venue, by=intruder, data={"name": "Hijacked"}, week=None, now=NOW)
    venue.refresh_from_db()
    assert venue.name != "Hijacked"


def test_a_resident_cannot_decide_on_a_venue(venue_manager):
    venue = VenueFactory(manager=venue_manager)
    with pytest.raises(services.NotAllowed):
        services.approve_venue(venue=venue, by=venue_manager, now=NOW)


def test_renewal_adds_a_year_from_the_due_date_and_resets_reminders_sp050(scheme_admin):
    venue = VenueFactory(approved=True, next_check_due=date(2026, 12, 1), reminders_sent=1)
    venue = services.renew_venue(
        venue=venue, by=venue.manager, trained_staff=3, training_date=date(2026, 11, 1), now=NOW
    )
    assert venue.next_check_due == date(2027, 12, 1)
    assert venue.reminders_sent == 0 and venue.trained_staff == 3


def test_an_expired_venue_renewing_goes_back_to_the_admins():
    venue = VenueFactory(status=Venue.Status.EXPIRED, next_check_due=date(2026, 9, 1))
    venue = services.renew_venue(venue=venue, by=venue.manager, trained_staff=1, training_date=None, now=NOW)
    assert venue.status == Venue.Status.PENDING


def test_reminders_go_once_each_30_and_7_days_before_the_check_sp050(demo_site):
    venue = VenueFactory(approved=True, next_check_due=date(2026, 12, 10))
    assert services.send_renewal_reminders(now=NOW) == 1  # 22 days left: the 30-day reminder
    assert services.send_renewal_reminders(now=NOW) == 0  # run twice: nothing more
    assert services.send_renewal_reminders(now=datetime(2026, 12, 4, 9, tzinfo=UTC)) == 1
    assert services.send_renewal_reminders(now=datetime(2026, 12, 5, 9, tzinfo=UTC)) == 0
    assert OutboxMessage.objects.filter(purpose="safe_places.renewal", to=venue.manager.email).count() == 2


def test_a_venue_not_renewed_expires_after_the_grace_period_sp050(demo_site):
    venue = VenueFactory(approved=True, next_check_due=date(2026, 10, 1))
    assert services.expire_overdue_venues(now=datetime(2026, 10, 29, 12, tzinfo=UTC)) == 0  # day 28 of grace
    assert services.expire_overdue_venues(now=datetime(2026, 10, 30, 12, tzinfo=UTC)) == 1
    assert services.expire_overdue_venues(now=datetime(2026, 10, 30, 12, tzinfo=UTC)) == 0
    venue.refresh_from_db()
    assert venue.status == Venue.Status.EXPIRED


def test_a_venue_leaves_the_scheme_sp052():
    venue = VenueFactory(approved=True)
    venue = services.withdraw_venue(venue=venue, by=venue.manager, now=NOW)
    assert venue.status == Venue.Status.WITHDRAWN
    with pytest.raises(WrongVenueStatus):
        services.update_venue(venue=venue, by=venue.manager, data={}, week=None, now=NOW)


def test_hours_exceptions_replace_one_another_for_a_date():
    venue = VenueFactory(approved=True)
    day = date(2026, 12, 24)
    services.set_hours_exception(venue=venue, by=venue.manager, date=day, now=NOW)
    services.set_hours_exception(venue=venue, by=venue.manager, date=day, opens=time(9), closes=time(13), now=NOW)
    assert venue.hours_exceptions.get().periods == (Period(time(9), time(13)),)


def test_a_concern_reaches_the_admin_queue_sp051(demo_site):
    venue = VenueFactory(approved=True)
    concern = services.report_concern(venue=venue, kind="closed", details="Locked at 3pm.", email="", now=NOW)
    assert concern.status == VenueConcern.Status.NEW
    assert concern.reference.startswith("SP-")
    assert OutboxMessage.objects.filter(purpose="safe_places.concern").exists()


def test_resolving_a_concern_records_who_and_when(scheme_admin):
    venue = VenueFactory(approved=True)
    concern = services.report_concern(venue=venue, kind="closed", details="Locked.", now=NOW)
    concern = services.resolve_concern(concern=concern, by=scheme_admin, resolution="Spoke to the manager.", now=NOW)
    assert concern.resolved_by == scheme_admin and concern.resolved_at == NOW


def test_the_database_refuses_an_approved_venue_without_a_check_date():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        VenueFactory(status=Venue.Status.APPROVED, next_check_due=None)


def test_the_database_refuses_a_declined_venue_without_a_reason():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        VenueFactory(status=Venue.Status.DECLINED, decision_reason="")
