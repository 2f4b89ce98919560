"""The partnership's staff roles, as Wagtail groups with the permissions each role needs from day one.

Feature apps add their own permissions to these groups in their own migrations (a case officer's access to
case reviews comes with the case_reviews app).
"""

from django.db import migrations

from core.migration_operations import permission

PAGE_PERMISSIONS = {
    "Communications officers": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Partnership admins": [
        "add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page",
    ],
}  # fmt: skip

COLLECTION_PERMISSIONS = {
    "Communications officers": [
        ("wagtailimages", "image", ["add", "change", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "choose"]),
    ],
    "Partnership admins": [
        ("wagtailimages", "image", ["add", "change", "delete", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "delete", "choose"]),
    ],
}

MODEL_PERMISSIONS = {
    "Communications officers": [
        ("core", "contactmessage", ["view", "change"]),
    ],
    "Case officers": [],
    "Partnership admins": [
        ("core", "user", ["add", "change", "delete", "view"]),
        ("auth", "group", ["view"]),
        ("core", "partnershipsettings", ["change"]),
        ("core", "ward", ["add", "change", "delete", "view"]),
        ("core", "localauthority", ["add", "change", "delete", "view"]),
        ("core", "postcode", ["add", "change", "delete", "view"]),
        ("core", "outboxmessage", ["view"]),
        ("core", "contactmessage", ["view", "change", "delete"]),
        ("wagtailredirects", "redirect", ["add", "change", "delete"]),
    ],
}


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")

    for name, grants in MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for app_label, model, actions in grants:
            group.permissions.add(*(permission(apps, app_label, model, f"{a}_{model}") for a in actions))
        if root_page:
            for codename in PAGE_PERMISSIONS.get(name, []):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission(apps, "wagtailcore", "page", codename)
                )
        if root_collection:
            for app_label, model, actions in COLLECTION_PERMISSIONS.get(name, []):
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=permission(apps, app_label, model, f"{action}_{model}"),
                    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=MODEL_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_places_pages_outbox"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
