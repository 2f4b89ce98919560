"""Survey permissions for the staff roles: communications officers build surveys and read results.

Viewing responses (`view_response`) is what opens results, exports and imports (surveys/rules.py); case
officers have no part in surveys.
"""

from django.db import migrations

MODEL_PERMISSIONS = {
    "Communications officers": [
        ("surveys", "response", ["view"]),
        ("surveys", "poll", ["add", "change", "delete", "view"]),
        ("surveys", "wardpopulation", ["add", "change", "view"]),
    ],
    "Partnership admins": [
        ("surveys", "response", ["view", "delete"]),
        ("surveys", "poll", ["add", "change", "delete", "view"]),
        ("surveys", "wardpopulation", ["add", "change", "delete", "view"]),
    ],
}


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.split('_', 1)[0]} {model}"},
    )
    return perm


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, grants in MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, actions in grants:
            group.permissions.add(*(permission(apps, app_label, model, f"{a}_{model}") for a in actions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in MODEL_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, model, actions in grants:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=[f"{a}_{model}" for a in actions]
                )
            )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial"), ("core", "0003_staff_groups")]

    operations = [migrations.RunPython(grant, revoke)]
