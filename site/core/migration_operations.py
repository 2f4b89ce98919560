"""Helpers for data migrations that give the staff groups their permissions.

Django creates a model's permissions only after every migration has run, so a migration that grants them creates
the rows it needs first. Every app's "grant permissions" migration uses these, with the historical `apps`.
"""


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {codename.split('_', 1)[0]} {model}"}
    )
    return perm


def grant_to_groups(apps, grants):
    """Give groups model permissions: `grants` is {group name: [(app_label, model, [action, ...]), ...]}."""
    Group = apps.get_model("auth", "Group")
    groups = {}
    for name, rows in grants.items():
        group = groups[name] = Group.objects.get_or_create(name=name)[0]
        for app_label, model, actions in rows:
            group.permissions.add(*(permission(apps, app_label, model, f"{action}_{model}") for action in actions))
    return groups
