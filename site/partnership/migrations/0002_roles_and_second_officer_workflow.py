"""Communications officers write and submit; a second officer approves before anything is published.

Communications officers lose the right to publish directly: pages reach residents through the "Second officer
approval" workflow, whose task lets any communications officer or partnership admin approve, except the author.
Partnership admins keep direct publishing for urgent corrections.
"""

from django.db import migrations

from core.migration_operations import permission

GRANTS = {
    "Communications officers": {
        "yousaidwedid": ["add", "change", "delete", "view"],
        "partneragency": ["add", "change", "view"],
        "advicetopic": ["add", "change", "view"],
        "searchsynonym": ["add", "change", "delete", "view"],
    },
    "Partnership admins": {
        "yousaidwedid": ["add", "change", "delete", "view"],
        "partneragency": ["add", "change", "delete", "view"],
        "advicetopic": ["add", "change", "delete", "view"],
        "searchsynonym": ["add", "change", "delete", "view"],
    },
}


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("partnership", "SecondOfficerApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GRANTS}
    for name, models in GRANTS.items():
        for model, actions in models.items():
            groups[name].permissions.add(*(permission(apps, "partnership", model, f"{a}_{model}") for a in actions))

    GroupPagePermission.objects.filter(
        group=groups["Communications officers"], permission__codename="publish_page"
    ).delete()

    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    task_type, _ = ContentType.objects.get_or_create(app_label="partnership", model="secondofficerapprovaltask")
    task = Task.objects.create(name="Second officer approval", content_type=task_type, active=True)
    task.groups.set(groups.values())
    workflow = Workflow.objects.create(name="Second officer approval", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def backwards(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name="Second officer approval").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partnership", "0001_initial"),
        ("core", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
