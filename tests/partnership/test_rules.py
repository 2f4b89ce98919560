"""Who may publish and approve partnership content (who may open the admin's screens is the matrix in
tests/partnership/permissions.py, run by tests/trust/test_permissions.py).

Communications officers write and submit; a second officer approves; partnership admins may publish directly.
Case officers and the public may do none of it.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Workflow

from partnership.models import PriorityPage, SecondOfficerApprovalTask
from tests.factories import StaffFactory
from tests.partnership.factories import PlanPageFactory, PriorityPageFactory

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "communications officer": "Communications officers",
    "case officer": "Case officers",
    "partnership admin": "Partnership admins",
}


def make_user(role):
    group = ROLES[role]
    if group is None:
        return None
    return StaffFactory(groups=[group])


@pytest.fixture
def plan(demo_site):
    return PlanPageFactory(parent=demo_site, slug="plan")


PUBLISH = {"anonymous": False, "communications officer": False, "case officer": False, "partnership admin": True}


@pytest.mark.parametrize(("role", "allowed"), PUBLISH.items())
def test_publish_directly(plan, role, allowed):
    user = make_user(role)
    if user is None:
        assert allowed is False
        return
    assert plan.permissions_for_user(user).can_publish() is allowed


@pytest.fixture
def submitted(plan):
    """A draft priority submitted for approval by one communications officer."""
    author = StaffFactory(groups=["Communications officers"])
    page = PriorityPageFactory(parent=plan, live=False, title="Reduce fly-tipping")
    revision = page.save_revision(user=author)
    workflow = page.get_workflow()
    workflow.start(page, author)
    page.refresh_from_db()
    return page, author, revision


APPROVE = {
    "the author": False,
    "a second communications officer": True,
    "a case officer": False,
    "a partnership admin": True,
}


@pytest.mark.parametrize(("who", "allowed"), APPROVE.items())
def test_approve_a_submitted_priority(submitted, who, allowed):
    page, author, _ = submitted
    user = {
        "the author": author,
        "a second communications officer": lambda: StaffFactory(groups=["Communications officers"]),
        "a case officer": lambda: StaffFactory(groups=["Case officers"]),
        "a partnership admin": lambda: StaffFactory(groups=["Partnership admins"]),
    }[who]
    user = user() if callable(user) else user
    task = page.current_workflow_task.specific
    assert isinstance(task, SecondOfficerApprovalTask)
    actions = [name for name, _label, _modal in task.get_actions(page, user)]
    assert ("approve" in actions) is allowed
    assert (page.current_workflow_task_state in task.get_task_states_user_can_moderate(user)) is allowed


def test_a_second_officer_approves_and_the_priority_goes_live(submitted):
    page, _author, _ = submitted
    reviewer = StaffFactory(groups=["Communications officers"])
    page.current_workflow_task_state.specific.approve(user=reviewer)
    page.refresh_from_db()
    assert page.live
    assert PriorityPage.objects.current().filter(pk=page.pk).exists()


def test_the_author_cannot_approve_through_the_admin(client, submitted):
    page, author, _ = submitted
    client.force_login(author)
    state = page.current_workflow_task_state
    client.post(f"/admin/pages/{page.pk}/workflow/action/approve/{state.pk}/", {"comment": ""})
    page.refresh_from_db()
    assert not page.live


def test_the_second_officer_workflow_covers_every_page(plan):
    workflow = Workflow.objects.get(name="Second officer approval")
    assert plan.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert set(task.groups.values_list("name", flat=True)) == {"Communications officers", "Partnership admins"}


def test_communications_officers_hold_no_case_or_registry_permissions():
    """Communications officers publish content and run public meetings and surveys: they hold no permission on
    case reviews, and none on the registries' personal data (watch scheme members, Safe Places venues)."""
    group = Group.objects.get(name="Communications officers")
    registry_and_case_apps = ["case_reviews", "watch_schemes", "safe_places"]
    held = set(
        group.permissions.filter(content_type__app_label__in=registry_and_case_apps).values_list(
            "content_type__app_label", "codename"
        )
    )
    assert held == set()
