"""Communications officers and partnership admins keep the concern themes, stop-words and synonyms, import free
text and choose what is published; case officers have no part in it. Reading the analysis itself follows the
survey results permission (rules.py)."""

from django.db import migrations

from core.migration_operations import grant_to_groups

KEEP = ["add", "change", "delete", "view"]
GRANTS = {
    "Communications officers": [
        ("concern_analysis", "theme", KEEP),
        ("concern_analysis", "stopword", KEEP),
        ("concern_analysis", "synonymgroup", KEEP),
        ("concern_analysis", "textset", ["add", "view", "delete"]),
        ("concern_analysis", "concernpublication", ["add", "change", "view"]),
    ],
    "Partnership admins": [
        ("concern_analysis", "theme", KEEP),
        ("concern_analysis", "stopword", KEEP),
        ("concern_analysis", "synonymgroup", KEEP),
        ("concern_analysis", "textset", KEEP),
        ("concern_analysis", "concernpublication", KEEP),
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
            group.permissions.remove(*Permission.objects.filter(content_type__app_label="concern_analysis"))


class Migration(migrations.Migration):
    dependencies = [("concern_analysis", "0001_initial"), ("core", "0003_staff_groups")]

    operations = [migrations.RunPython(grant, revoke)]
