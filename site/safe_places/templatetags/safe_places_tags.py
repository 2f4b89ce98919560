from django import template

from safe_places import policies

register = template.Library()


@register.filter
def clock(value):
    """A time as residents read it: 9am, 5:30pm, midnight."""
    return policies.format_time(value) if value is not None else ""
