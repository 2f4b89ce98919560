from django.db import migrations

from core.migration_operations import grant_to_groups, permission


def grant(apps, schema_editor):
    # Partnership admins answer subject-access and erasure requests and read the audit log; no one else does.
    groups = grant_to_groups(
        apps,
        {
            "Partnership admins": [
                ("core", "auditevent", ["view"]),
                ("core", "subjectaccessexport", ["add", "view"]),
            ]
        },
    )
    groups["Partnership admins"].permissions.add(permission(apps, "core", "subjectaccessexport", "erase_personal_data"))


class Migration(migrations.Migration):
    dependencies = [("core", "0005_audit_log_and_subject_access")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
