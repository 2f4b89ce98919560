"""Who may do what in a task-and-finish group (issue 4, 4). The matrix itself is pure data in
`policies.GROUP_PERMISSIONS`; this module works out a person's role in one group.

- officer: a staff user whose group holds `consultations.change_groupmembership` (communications officers and
  partnership admins oversee every group);
- lead: the group's lead officer, or a resident the partnership made lead;
- member: a resident whose request to join was accepted;
- resident: anyone else, signed in or not.
"""

import rules

from consultations import policies
from consultations.policies import GroupRole


@rules.predicate
def is_consultations_officer(user):
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and (
            user.is_superuser
            or user.groups.filter(
                permissions__codename="change_groupmembership", permissions__content_type__app_label="consultations"
            ).exists()
        )
    )


def role_in(user, group):
    """The strongest role `user` holds in `group`."""
    if user is None or not user.is_authenticated or not user.is_active:
        return GroupRole.RESIDENT
    if is_consultations_officer(user):
        return GroupRole.OFFICER
    if group.lead_officer_id and group.lead_officer_id == user.pk:
        return GroupRole.LEAD
    from consultations.models import GroupMembership

    membership = GroupMembership.objects.filter(group_id=group.pk, user=user, status="accepted").first()
    if membership is None:
        return GroupRole.RESIDENT
    return GroupRole.LEAD if membership.role == "lead" else GroupRole.MEMBER


def can(user, action, group):
    return policies.group_may(role_in(user, group), action)


def _predicate(action):
    @rules.predicate(name=f"may_{action}")
    def check(user, group):
        return group is not None and can(user, action, group)

    return check


rules.add_perm("consultations.accept_members", _predicate(policies.GroupAction.ACCEPT))
rules.add_perm("consultations.publish_outputs", _predicate(policies.GroupAction.PUBLISH))
rules.add_perm("consultations.see_members", _predicate(policies.GroupAction.SEE_MEMBERS))
rules.add_perm("consultations.see_ladder_report_admin", is_consultations_officer)
