"""Who may do what to a scheme: its own coordinators for its details and members, the partnership's admins for
approval, the audit and ward alerts. Nobody else sees members, admins included (NW-061).

One predicate a line; views and services ask `user.has_perm("watch_schemes.<action>", scheme)`.
"""

import rules

ADMIN_GROUP = "Partnership admins"


@rules.predicate
def is_coordinator(user, scheme):
    return (
        scheme is not None
        and user.is_authenticated
        and user.is_active
        and scheme.coordinator_roles.filter(user_id=user.pk).exists()
    )


@rules.predicate
def is_main_coordinator(user, scheme):
    return (
        scheme is not None
        and user.is_authenticated
        and user.is_active
        and scheme.coordinator_roles.filter(user_id=user.pk, role="main").exists()
    )


@rules.predicate
def is_partnership_admin(user):
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or (user.is_staff and user.groups.filter(name=ADMIN_GROUP).exists()))
    )


rules.add_perm("watch_schemes.preview_scheme", is_coordinator | is_partnership_admin)
rules.add_perm("watch_schemes.manage_scheme", is_coordinator)
rules.add_perm("watch_schemes.see_members", is_coordinator)
rules.add_perm("watch_schemes.decide_member", is_coordinator)
rules.add_perm("watch_schemes.message_members", is_coordinator)
rules.add_perm("watch_schemes.confirm_review", is_coordinator)
rules.add_perm("watch_schemes.change_coordinators", is_main_coordinator)
rules.add_perm("watch_schemes.close_scheme", is_main_coordinator | is_partnership_admin)
rules.add_perm("watch_schemes.decide_scheme", is_partnership_admin)
rules.add_perm("watch_schemes.audit", is_partnership_admin)
rules.add_perm("watch_schemes.send_ward_alert", is_partnership_admin)
