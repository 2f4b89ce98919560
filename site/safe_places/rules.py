"""Who may do what to a venue: the venue's own manager for its details, the scheme's admins for decisions.

One predicate a line; views and services ask `user.has_perm("safe_places.<action>", venue)`.
"""

import rules

ADMIN_GROUP = "Partnership admins"


@rules.predicate
def is_venue_manager(user, venue):
    return venue is not None and user.is_authenticated and venue.manager_id == user.pk


@rules.predicate
def is_scheme_admin(user):
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or (user.is_staff and user.groups.filter(name=ADMIN_GROUP).exists()))
    )


rules.add_perm("safe_places.manage_venue", is_venue_manager | is_scheme_admin)
rules.add_perm("safe_places.edit_venue", is_venue_manager)
rules.add_perm("safe_places.renew_venue", is_venue_manager)
rules.add_perm("safe_places.withdraw_venue", is_venue_manager)
rules.add_perm("safe_places.decide_venue", is_scheme_admin)
rules.add_perm("safe_places.resolve_concern", is_scheme_admin)
