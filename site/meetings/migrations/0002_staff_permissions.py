"""Communications officers run Face the Public meetings (bookings, check-in, question triage); partnership admins
can do all of it. Case officers see no attendee data (data minimisation)."""

from django.db import migrations

GRANTS = {
    "Communications officers": [
        ("meetings", "booking", ["view", "change"]),
        ("meetings", "question", ["view", "change"]),
    ],
    "Partnership admins": [
        ("meetings", "booking", ["view", "change"]),
        ("meetings", "question", ["view", "change"]),
    ],
}


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {codename.split('_', 1)[0]} {model}"}
    )
    return perm


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, grants in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, actions in grants:
            group.permissions.add(*(permission(apps, app_label, model, f"{a}_{model}") for a in actions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in GRANTS:
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(*Permission.objects.filter(content_type__app_label="meetings"))


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("core", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
