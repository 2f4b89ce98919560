"""Partnership admins run the scheme: they get its permissions. The usual kinds of Safe Place are created
so that a venue can register on a new site before anyone has edited the list (SP-024)."""

from django.db import migrations

from core.migration_operations import grant_to_groups

GRANTS = {
    "Partnership admins": [
        ("safe_places", "venue", ["view", "change"]),
        ("safe_places", "venuetype", ["add", "change", "delete", "view"]),
        ("safe_places", "venueconcern", ["view", "change"]),
        ("safe_places", "safeplacessettings", ["change"]),
    ],
}

VENUE_TYPES = [
    ("Café", "cafe"),
    ("Community centre", "community-centre"),
    ("Council office", "council-office"),
    ("GP surgery", "gp-surgery"),
    ("Library", "library"),
    ("Pharmacy", "pharmacy"),
    ("Place of worship", "place-of-worship"),
    ("Police station", "police-station"),
    ("Shop", "shop"),
    ("Sports or leisure centre", "leisure-centre"),
    ("Other", "other"),
]


def grant(apps, schema_editor):
    grant_to_groups(apps, GRANTS)
    VenueType = apps.get_model("safe_places", "VenueType")
    for name, slug in VENUE_TYPES:
        VenueType.objects.get_or_create(slug=slug, defaults={"name": name})


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in GRANTS:
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(*Permission.objects.filter(content_type__app_label="safe_places"))


class Migration(migrations.Migration):
    dependencies = [
        ("safe_places", "0001_initial"),
        ("core", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
