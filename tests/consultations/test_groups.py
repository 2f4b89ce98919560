"""Task-and-finish groups (issue 4, 4): residents ask to join, the lead accepts, outputs go on the group's page.
The permission matrix is written as data: role x action -> allowed, checked through the real pages."""

import pytest
from django.core import mail

from consultations import exceptions, services
from consultations.models import GroupMembership, GroupOutput
from tests.consultations.factories import GroupMembershipFactory, TaskGroupPageFactory
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "requested", "member", "resident lead", "staff lead", "officer", "case officer"]

# role -> (accept a request, publish an output, see the member list)
MATRIX = {
    "anonymous": (False, False, False),
    "resident": (False, False, False),
    "requested": (False, False, False),  # asked to join, not yet accepted
    "member": (False, False, True),
    "resident lead": (True, True, True),
    "staff lead": (True, True, True),
    "officer": (True, True, True),
    "case officer": (False, False, False),  # staff without the groups role is a resident here
}


@pytest.fixture
def group(db):
    return TaskGroupPageFactory()


def person(role, group):
    if role == "anonymous":
        return None
    if role == "officer":
        return StaffFactory(groups=["Communications officers"])
    if role == "case officer":
        return StaffFactory(groups=["Case officers"])
    if role == "staff lead":
        lead = StaffFactory()
        group.lead_officer = lead
        group.save_revision().publish()
        return lead
    user = UserFactory()
    if role == "requested":
        GroupMembershipFactory(group=group, user=user, status="requested")
    elif role == "member":
        GroupMembershipFactory(group=group, user=user)
    elif role == "resident lead":
        GroupMembershipFactory(group=group, user=user, role="lead")
    return user


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, group, role):
    may_accept, may_publish, may_see = MATRIX[role]
    user = person(role, group)
    if user:
        client.force_login(user)
    applicant = GroupMembershipFactory(group=group, status="requested", message="I walk through it every day")
    members_url = f"/get-involved/groups/{group.pk}/members/"

    seen = client.get(members_url)
    if role == "anonymous":
        assert seen.status_code == 302 and "/accounts/login/" in seen.url
    else:
        assert seen.status_code == (200 if may_see else 403)
    if may_see:
        body = seen.content.decode()
        # Only those who decide see who is asking, their email and message.
        assert (applicant.user.email in body) is may_accept
        assert ("I walk through it every day" in body) is may_accept

    decided = client.post(members_url, {"membership": applicant.pk, "action": "accept"})
    applicant.refresh_from_db()
    assert (applicant.status == "accepted") is may_accept
    if not may_accept:
        assert decided.status_code in (302, 403) and (decided.status_code == 302) is (role == "anonymous")

    published = client.post(
        f"/get-involved/groups/{group.pk}/outputs/new/", {"title": "Recommendations", "summary": "Light the underpass."}
    )
    assert GroupOutput.objects.filter(group=group).exists() is may_publish
    if may_publish:
        assert published.status_code == 302
        assert "Light the underpass." in client.get(group.url).content.decode()


def test_a_resident_asks_to_join_and_the_lead_accepts(client, group, django_capture_on_commit_callbacks):
    lead = UserFactory(email="lead@example.org")
    GroupMembershipFactory(group=group, user=lead, role="lead")
    resident = UserFactory(email="resident@example.org", first_name="Jo", last_name="Bloggs")
    client.force_login(resident)
    assert "Ask to join this group" in client.get(group.url).content.decode()
    url = f"/get-involved/groups/{group.pk}/join/"
    token = client.get(url).context["form"]["submission_token"].value()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "I run the residents' association", "submission_token": token})
    assert response.status_code == 302
    membership = GroupMembership.objects.get(group=group, user=resident)
    assert membership.status == "requested"
    assert [m.to for m in mail.outbox] == [["lead@example.org"]]
    assert "You have asked to join" in client.get(group.url).content.decode()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.decide(membership=membership, accept=True, user=lead)
    membership.refresh_from_db()
    assert membership.status == "accepted" and membership.decided_by == lead
    assert mail.outbox[0].to == ["resident@example.org"] and "Welcome" in mail.outbox[0].subject
    with pytest.raises(exceptions.AlreadyDecided):
        services.decide(membership=membership, accept=False, user=lead)


def test_joining_needs_an_account_and_an_open_group(client, group):
    url = f"/get-involved/groups/{group.pk}/join/"
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    closed = TaskGroupPageFactory(accepting_members=False)
    with pytest.raises(exceptions.NotAcceptingMembers):
        services.ask_to_join(group=closed, user=UserFactory())


def test_a_full_group_accepts_no_more(group):
    group.places = 1
    group.save_revision().publish()
    officer = StaffFactory(groups=["Partnership admins"])
    GroupMembershipFactory(group=group)
    waiting = GroupMembershipFactory(group=group, status="requested")
    with pytest.raises(exceptions.GroupFull):
        services.decide(membership=waiting, accept=True, user=officer)


def test_an_officer_makes_a_member_lead_who_can_then_accept(client, group):
    officer = StaffFactory(groups=["Communications officers"])
    member = GroupMembershipFactory(group=group)
    client.force_login(officer)
    client.post(f"/get-involved/groups/{group.pk}/members/", {"membership": member.pk, "action": "make-lead"})
    member.refresh_from_db()
    assert member.role == "lead"
    waiting = GroupMembershipFactory(group=group, status="requested")
    services.decide(membership=waiting, accept=False, user=member.user)
    waiting.refresh_from_db()
    assert waiting.status == "declined"
    with pytest.raises(exceptions.NotAllowed):
        services.make_lead(membership=waiting, user=member.user)


def test_staff_seeing_members_is_audited(client, group):
    from core.models import AuditEvent

    officer = StaffFactory(groups=["Communications officers"])
    client.force_login(officer)
    client.get(f"/get-involved/groups/{group.pk}/members/")
    assert AuditEvent.objects.filter(actor=officer, action="view").exists()


def test_group_page_shows_no_member_to_the_public(client, group):
    GroupMembershipFactory(group=group, user=UserFactory(first_name="Private", last_name="Person"))
    body = client.get(group.url).content.decode()
    assert "Private Person" not in body and "See the members" not in body


def test_your_account_lists_your_groups(client, group):
    resident = UserFactory()
    GroupMembershipFactory(group=group, user=resident, status="requested")
    client.force_login(resident)
    body = client.get("/get-involved/groups/mine/").content.decode()
    assert group.title in body and "Waiting for the lead" in body
    account = client.get("/accounts/").content.decode()
    assert "Your task-and-finish groups" in account


def test_a_member_leaves_and_their_message_goes(client, group):
    membership = GroupMembershipFactory(group=group, message="My phone number is 07700 900123")
    client.force_login(membership.user)
    assert "Leave this group" in client.get(group.url).content.decode()
    response = client.post(f"/get-involved/groups/{group.pk}/leave/")
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "left" and membership.message == ""
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.post(f"/get-involved/groups/{group.pk}/leave/").status_code == 403
    assert not GroupMembership.objects.filter(user=stranger).exists()


@pytest.mark.parametrize("tampered", ["", "abc", "12x", "²", "9" * 40])
def test_found_by_fuzzing_a_tampered_membership_id_is_a_404_not_a_server_error(client, group, tampered):
    client.force_login(StaffFactory(groups=["Communications officers"]))
    response = client.post(f"/get-involved/groups/{group.pk}/members/", {"membership": tampered, "action": "accept"})
    assert response.status_code == 404
