from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import caching
from partnership.models import PriorityPage

register = template.Library()

TEMPLATE = "partnership/components/current_priorities.html"


@register.simple_tag(takes_context=True)
def current_priorities(context):
    """The partnership's current priorities with their progress: shown on every public page.

    Rendered once per language, day and content generation and then served from the cache (core.caching):
    publishing a priority, its plan or its actions forgets it. The panel is the same on every page except a
    priority's own, which marks its link as the current page, so that page has a copy of its own. Uncached, it
    costs two queries whatever the number of priorities and actions: the current plans' paths, then the
    priorities with their action statuses prefetched.
    """
    request = context.get("request")
    current_page = context.get("page")
    current_id = current_page.pk if isinstance(current_page, PriorityPage) else None

    def build():
        priorities = list(PriorityPage.objects.current().with_progress())
        return render_to_string(
            TEMPLATE, {"priorities": priorities, "current_page_id": current_id, "request": request}, request=None
        )

    if request is None:
        return mark_safe(build())  # rendered by our own template from escaped values
    parts = (get_language(), timezone.localdate().isoformat(), current_id or "-", request.get_host())
    return mark_safe(caching.remember(request, "priorities", parts, build))  # rendered by our own template
