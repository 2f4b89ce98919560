from django import template

from partnership.models import PriorityPage

register = template.Library()


@register.inclusion_tag("partnership/components/current_priorities.html", takes_context=True)
def current_priorities(context):
    """The partnership's current priorities with their progress: shown on every public page.

    Two queries whatever the number of priorities and actions: the current plans' paths, then the priorities
    with their action statuses prefetched.
    """
    priorities = list(PriorityPage.objects.current().with_progress())
    current_page = context.get("page")
    return {"priorities": priorities, "current_page_id": getattr(current_page, "pk", None)}
