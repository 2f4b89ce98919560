"""Communications officers and partnership admins oversee task-and-finish groups (accept members, publish outputs,
see members) and may see who asked for alerts or to hear back; case officers hold nothing here."""

from django.db import migrations

from core.migration_operations import grant_to_groups

MODELS = [
    ("consultations", "groupmembership", ["view", "change"]),
    ("consultations", "groupoutput", ["view", "add", "change", "delete"]),
    ("consultations", "hearbackrequest", ["view"]),
    ("consultations", "alertsubscription", ["view"]),
]
GRANTS = {"Communications officers": MODELS, "Partnership admins": MODELS}


def grant(apps, schema_editor):
    grant_to_groups(apps, GRANTS)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in GRANTS:
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(*Permission.objects.filter(content_type__app_label="consultations"))


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("core", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
