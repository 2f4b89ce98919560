"""Case officers and partnership admins handle ASB Case Reviews; partnership admins also keep the relevant bodies,
the rules and the letters. Communications officers get nothing here: case data is not theirs to see (GD-013)."""

from django.db import migrations

from core.migration_operations import grant_to_groups

CASE_WORK = [
    ("case_reviews", "application", ["view", "change", "export"]),
    ("case_reviews", "recommendation", ["view", "add", "change"]),
    ("case_reviews", "lettertemplate", ["view", "add", "change"]),
    ("case_reviews", "yearnote", ["view", "add", "change", "delete"]),
    ("case_reviews", "relevantbody", ["view"]),
]
GRANTS = {
    "Case officers": CASE_WORK,
    "Partnership admins": [
        *CASE_WORK,
        ("case_reviews", "relevantbody", ["add", "change", "delete"]),
        ("case_reviews", "casereviewsettings", ["change"]),
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
            group.permissions.remove(*Permission.objects.filter(content_type__app_label="case_reviews"))


class Migration(migrations.Migration):
    dependencies = [
        ("case_reviews", "0001_initial"),
        ("core", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
