"""Communications officers run Face the Public meetings (bookings, check-in, question triage); partnership admins
can do all of it. Case officers see no attendee data (data minimisation)."""

from django.db import migrations

from core.migration_operations import grant_to_groups

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


def grant(apps, schema_editor):
    grant_to_groups(apps, GRANTS)


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
