"""The writes: registering and approving, joining and leaving, messages, the yearly review, handovers."""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.models import OutboxMessage
from tests.factories import UserFactory, WardFactory
from tests.watch_schemes.factories import MemberFactory, WatchSchemeFactory, main_coordinator
from watch_schemes import services
from watch_schemes.exceptions import AlreadyAsked, AreaNotUsable, NotAllowed, UnknownCoordinator, WrongSchemeStatus
from watch_schemes.models import CoordinatorChange, Member, SchemeCoordinator, WatchScheme

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=ZoneInfo("Europe/London"))
AREA = json.dumps(
    {
        "type": "Polygon",
        "coordinates": [[[-0.77, 52.03], [-0.75, 52.03], [-0.75, 52.05], [-0.77, 52.05], [-0.77, 52.03]]],
    }
)


def details(**overrides):
    return {"name": "Mellish Court Home Watch", "scheme_type": "home", "streets": "Mellish Court",
            "postcodes": "mk9 3ej", "area": "", "households": 14, **overrides}  # fmt: skip


def register(by, **overrides):
    return services.register_scheme(
        by=by, data=details(**overrides), accepts_code_of_conduct=True, accepts_data_protection=True, now=NOW
    )


def bodies(to=None):
    messages = OutboxMessage.objects.all() if to is None else OutboxMessage.objects.filter(to=to)
    return [m.body_text for m in messages]


class TestRegistration:
    def test_registered_scheme_waits_for_approval_with_its_coordinator_nw012(self, coordinator, postcodes, ward):
        scheme = register(coordinator)
        assert scheme.status == WatchScheme.Status.PENDING
        assert scheme.postcodes == ["MK9 3EJ"]
        assert scheme.ward == ward
        assert (scheme.latitude, scheme.longitude) == (pytest.approx(52.0406), pytest.approx(-0.7594))
        assert SchemeCoordinator.objects.get(scheme=scheme).user == coordinator
        assert CoordinatorChange.objects.get(scheme=scheme).action == "registered"
        assert not WatchScheme.objects.public().exists()

    def test_code_of_conduct_and_data_protection_must_be_accepted_nw023(self, coordinator, postcodes):
        for conduct, data in ((False, True), (True, False)):
            with pytest.raises(NotAllowed):
                services.register_scheme(by=coordinator, data=details(), accepts_code_of_conduct=conduct,
                                         accepts_data_protection=data, now=NOW)  # fmt: skip
        assert not WatchScheme.objects.exists()

    def test_an_area_is_required_nw010(self, coordinator, postcodes):
        with pytest.raises(AreaNotUsable) as error:
            register(coordinator, postcodes="")
        assert error.value.field == "postcodes"

    def test_unknown_postcodes_without_a_drawn_area_are_refused(self, coordinator, postcodes):
        with pytest.raises(AreaNotUsable, match="could not find any of these postcodes"):
            register(coordinator, postcodes="MK1 9ZZ")

    def test_a_drawn_area_alone_is_enough_and_sets_the_centre_nw010(self, coordinator, postcodes):
        scheme = register(coordinator, postcodes="", area=AREA)
        assert scheme.ring is not None
        assert scheme.latitude == pytest.approx(52.04)

    def test_a_bad_drawing_is_refused_next_to_the_area(self, coordinator, postcodes):
        with pytest.raises(AreaNotUsable) as error:
            register(coordinator, area='{"type": "Point"}')
        assert error.value.field == "area"


class TestApproval:
    def test_admin_approves_and_the_review_clock_starts_nw020(self, partnership_admin):
        scheme = WatchSchemeFactory()
        scheme = services.approve_scheme(scheme=scheme, by=partnership_admin, verification="police", now=NOW)
        assert scheme.status == "active"
        assert scheme.verification == "police"
        assert scheme.review_due == date(2027, 11, 21)
        assert "is approved" in bodies(main_coordinator(scheme).email)[0]

    def test_a_coordinator_cannot_approve_their_own_scheme(self):
        scheme = WatchSchemeFactory()
        with pytest.raises(NotAllowed):
            services.approve_scheme(scheme=scheme, by=main_coordinator(scheme), verification="self", now=NOW)

    def test_approving_twice_is_refused(self, partnership_admin):
        scheme = WatchSchemeFactory(active=True)
        with pytest.raises(WrongSchemeStatus):
            services.approve_scheme(scheme=scheme, by=partnership_admin, verification="self", now=NOW)

    def test_declining_needs_a_reason_and_closes(self, partnership_admin):
        scheme = WatchSchemeFactory()
        with pytest.raises(WrongSchemeStatus):
            services.decline_scheme(scheme=scheme, by=partnership_admin, reason=" ", now=NOW)
        scheme = services.decline_scheme(scheme=scheme, by=partnership_admin, reason="Outside our area", now=NOW)
        assert scheme.status == "closed"


class TestJoiningAndLeaving:
    def test_request_to_join_records_consent_and_tells_the_coordinator_nw060(self):
        scheme = WatchSchemeFactory(active=True)
        member = services.request_to_join(scheme=scheme, name="Ann Ode", email="ann@example.net",
                                          street="Mellish Court", consent=True, now=NOW)  # fmt: skip
        assert member.status == "requested" and member.consented_at == NOW
        coordinator_mail = bodies(main_coordinator(scheme).email)[0]
        assert "asked to join" in coordinator_mail and "ann@example.net" not in coordinator_mail
        assert "/neighbourhood-watch/membership/" in bodies("ann@example.net")[0]

    def test_no_consent_no_record_nw060(self):
        scheme = WatchSchemeFactory(active=True)
        with pytest.raises(NotAllowed):
            services.request_to_join(scheme=scheme, name="A", email="a@example.net", street="S", consent=False, now=NOW)
        assert not Member.objects.exists()

    def test_asking_twice_with_the_same_email_is_refused_whatever_its_case(self):
        scheme = WatchSchemeFactory(active=True)
        services.request_to_join(scheme=scheme, name="A", email="a@example.net", street="S", consent=True, now=NOW)
        with pytest.raises(AlreadyAsked):
            services.request_to_join(scheme=scheme, name="A", email="A@Example.NET", street="S", consent=True, now=NOW)

    def test_a_pending_scheme_takes_no_members(self):
        with pytest.raises(WrongSchemeStatus):
            services.request_to_join(scheme=WatchSchemeFactory(), name="A", email="a@example.net", street="S",
                                     consent=True, now=NOW)  # fmt: skip

    def test_coordinator_accepts_and_the_member_is_welcomed_with_unsubscribe_link(self):
        member = MemberFactory()
        accepted = services.decide_member(member=member, by=main_coordinator(member.scheme), accept=True, now=NOW)
        assert accepted.status == "accepted"
        welcome = bodies(member.email)[0]
        assert "unsubscribe" in welcome.lower() and "999" in welcome and "101" in welcome

    def test_a_declined_request_is_deleted_nw064(self):
        member = MemberFactory()
        services.decide_member(member=member, by=main_coordinator(member.scheme), accept=False, now=NOW)
        assert not Member.objects.exists()

    def test_another_schemes_coordinator_cannot_decide_nw061(self):
        member = MemberFactory()
        other = main_coordinator(WatchSchemeFactory(active=True))
        with pytest.raises(NotAllowed):
            services.decide_member(member=member, by=other, accept=True, now=NOW)
        assert Member.objects.get().status == "requested"

    def test_leaving_deletes_the_member_nw064(self):
        member = MemberFactory(accepted=True)
        services.leave_scheme(member=member, now=NOW)
        assert not Member.objects.exists()

    def test_coordinator_removes_a_leaver_nw064(self):
        member = MemberFactory(accepted=True)
        services.remove_member(member=member, by=main_coordinator(member.scheme), now=NOW)
        assert not Member.objects.exists()

    def test_the_signed_link_names_one_member_and_cannot_be_forged(self):
        member = MemberFactory(accepted=True)
        token = services.member_token(member)
        assert services.member_from_token(token) == member
        assert services.member_from_token(token[:-2] + "xx") is None
        assert services.member_from_token(str(member.pk)) is None


class TestMessages:
    def test_one_email_per_subscribed_member_each_with_999_101_and_own_link_nw061_nw075(self):
        scheme = WatchSchemeFactory(active=True)
        members = MemberFactory.create_batch(3, scheme=scheme, accepted=True)
        MemberFactory(scheme=scheme)  # only asked to join
        MemberFactory(scheme=scheme, accepted=True, receives_messages=False)  # unsubscribed
        message = services.send_message(scheme=scheme, by=main_coordinator(scheme), subject="Bike thefts",
                                        body="Lock your bikes.", now=NOW)  # fmt: skip
        assert message.recipients == 3
        sent = OutboxMessage.objects.filter(purpose="watch_schemes.message")
        assert sorted(m.to for m in sent) == sorted(m.email for m in members)
        links = set()
        for mail in sent:
            assert "Lock your bikes." in mail.body_text
            assert "call 999" in mail.body_text and "call 101" in mail.body_text
            links.add(mail.body_text.split("/membership/")[1].split("/")[0])
        assert len(links) == 3

    def test_unsubscribed_member_gets_no_more_messages_nw071(self):
        member = MemberFactory(accepted=True)
        services.unsubscribe(member=member, now=NOW)
        message = services.send_message(scheme=member.scheme, by=main_coordinator(member.scheme), subject="S",
                                        body="B", now=NOW)  # fmt: skip
        assert message.recipients == 0
        assert Member.objects.filter(pk=member.pk).exists()

    def test_only_the_schemes_coordinators_message_its_members(self, partnership_admin):
        scheme = WatchSchemeFactory(active=True)
        for outsider in (main_coordinator(WatchSchemeFactory(active=True)), partnership_admin, UserFactory()):
            with pytest.raises(NotAllowed):
                services.send_message(scheme=scheme, by=outsider, subject="S", body="B", now=NOW)

    def test_a_pending_scheme_cannot_send(self):
        scheme = WatchSchemeFactory()
        with pytest.raises(WrongSchemeStatus):
            services.send_message(scheme=scheme, by=main_coordinator(scheme), subject="S", body="B", now=NOW)

    def test_ward_alert_reaches_members_of_live_schemes_in_those_wards_nw073(self, partnership_admin):
        north, south = WardFactory(), WardFactory()
        in_north = MemberFactory(scheme=WatchSchemeFactory(active=True, ward=north), accepted=True)
        MemberFactory(scheme=WatchSchemeFactory(active=True, ward=south), accepted=True)
        MemberFactory(scheme=WatchSchemeFactory(status="closed", ward=north, approved_at=NOW, review_due=date(2027, 1, 1)),
                      accepted=True)  # fmt: skip
        message = services.send_ward_alert(by=partnership_admin, wards=[north], subject="Doorstep callers",
                                           body="Be careful.", now=NOW)  # fmt: skip
        assert message.recipients == 1
        assert [m.to for m in OutboxMessage.objects.filter(purpose="watch_schemes.message")] == [in_north.email]

    def test_ward_alerts_are_for_admins_only(self):
        with pytest.raises(NotAllowed):
            services.send_ward_alert(by=UserFactory(), wards=[WardFactory()], subject="S", body="B", now=NOW)


class TestYearlyReview:
    def make(self, due, **kwargs):
        return WatchSchemeFactory(active=True, review_due=due, **kwargs)

    def test_reminders_then_flagged_inactive_nw025_nw026(self):
        scheme = self.make(date(2026, 12, 15))
        today = NOW  # 24 days before: the first reminder
        assert services.run_yearly_review(now=today) == (1, 0)
        assert services.run_yearly_review(now=today) == (0, 0)  # never twice
        assert services.run_yearly_review(now=NOW + timedelta(days=18)) == (1, 0)  # 6 days before
        assert services.run_yearly_review(now=NOW + timedelta(days=30)) == (0, 0)  # overdue, in grace
        assert services.run_yearly_review(now=NOW + timedelta(days=24 + 29)) == (0, 1)
        scheme.refresh_from_db()
        assert scheme.status == "inactive"
        assert OutboxMessage.objects.filter(purpose="watch_schemes.review_reminder").count() == 2
        assert OutboxMessage.objects.filter(purpose="watch_schemes.flagged_inactive").count() == 1

    def test_confirming_restarts_the_clock_and_reactivates(self):
        scheme = self.make(date(2026, 1, 1), status="inactive", reminders_sent=2)
        scheme = services.confirm_review(scheme=scheme, by=main_coordinator(scheme), now=NOW)
        assert (scheme.status, scheme.review_due, scheme.reminders_sent) == ("active", date(2027, 11, 21), 0)
        assert services.run_yearly_review(now=NOW) == (0, 0)

    def test_only_coordinators_confirm(self, partnership_admin):
        scheme = self.make(date(2026, 12, 1))
        with pytest.raises(NotAllowed):
            services.confirm_review(scheme=scheme, by=partnership_admin, now=NOW)


class TestCoordinators:
    def test_add_co_coordinator_logged_nw013(self):
        scheme = WatchSchemeFactory(active=True)
        deputy = UserFactory()
        services.add_coordinator(scheme=scheme, by=main_coordinator(scheme), email=deputy.email.upper(), now=NOW)
        assert deputy.has_perm("watch_schemes.see_members", scheme)
        assert not deputy.has_perm("watch_schemes.change_coordinators", scheme)
        assert scheme.coordinator_changes.filter(action="added", to_user=deputy).exists()

    def test_unknown_account_is_named(self):
        scheme = WatchSchemeFactory(active=True)
        with pytest.raises(UnknownCoordinator):
            services.add_coordinator(scheme=scheme, by=main_coordinator(scheme), email="nobody@example.org", now=NOW)

    def test_hand_over_moves_the_scheme_and_logs_it_nw027_nw065(self):
        scheme = WatchSchemeFactory(active=True)
        old, new = main_coordinator(scheme), UserFactory()
        services.hand_over(scheme=scheme, by=old, email=new.email, note="Moving to Bedford", now=NOW)
        assert main_coordinator(scheme) == new
        assert not old.has_perm("watch_schemes.see_members", scheme)
        change = scheme.coordinator_changes.get(action="handover")
        assert (change.from_user, change.to_user, change.note) == (old, new, "Moving to Bedford")
        assert "handed" in bodies(new.email)[0]

    def test_hand_over_keeping_a_co_coordinator_role(self):
        scheme = WatchSchemeFactory(active=True)
        old, new = main_coordinator(scheme), UserFactory()
        services.hand_over(scheme=scheme, by=old, email=new.email, stay_as_co_coordinator=True, now=NOW)
        assert old.has_perm("watch_schemes.see_members", scheme)
        assert not old.has_perm("watch_schemes.change_coordinators", scheme)

    def test_a_co_coordinator_cannot_hand_over(self):
        scheme = WatchSchemeFactory(active=True)
        deputy = UserFactory()
        SchemeCoordinator.objects.create(scheme=scheme, user=deputy, role="deputy")
        with pytest.raises(NotAllowed):
            services.hand_over(scheme=scheme, by=deputy, email=deputy.email, now=NOW)

    def test_closing_deletes_members(self):
        member = MemberFactory(accepted=True)
        services.close_scheme(scheme=member.scheme, by=main_coordinator(member.scheme), now=NOW)
        assert not Member.objects.exists()
