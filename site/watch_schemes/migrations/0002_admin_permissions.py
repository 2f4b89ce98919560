"""Partnership admins run the registry: they see and approve schemes and read the audit. Nobody on the staff gets
permissions on members: their details are for their scheme's coordinators only (NW-061)."""

from django.db import migrations

GRANTS = {
    "Partnership admins": [
        ("watch_schemes", "watchscheme", ["view_watchscheme", "change_watchscheme", "audit_watchscheme"]),
        ("watch_schemes", "schememessage", ["view_schememessage", "add_schememessage"]),
        ("watch_schemes", "coordinatorchange", ["view_coordinatorchange"]),
    ],
}


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {codename.replace('_', ' ')}"}
    )
    return perm


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, grants in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, codenames in grants:
            group.permissions.add(*(permission(apps, app_label, model, codename) for codename in codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in GRANTS:
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(*Permission.objects.filter(content_type__app_label="watch_schemes"))


class Migration(migrations.Migration):
    dependencies = [
        ("watch_schemes", "0001_initial"),
        ("core", "0003_staff_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
