from django import template
from django.db.models import Count
from django.utils import timezone

from surveys import policies, services
from surveys.forms import PollForm

register = template.Library()


@register.simple_tag(takes_context=True)
def poll_state(context, poll):
    """What a poll block shows this resident: the form until they vote (or it closes), then the results."""
    request = context.get("request")
    voter = None
    if request is not None and hasattr(request, "session"):
        respondent = request.session.get("surveys:respondent")
        voter = f"session:{respondent}" if respondent else None
    voted = bool(voter) and services.has_voted(poll=poll, voter=voter)
    is_open = poll.is_open(timezone.now())
    options = list(poll.options.annotate(n=Count("votes")).order_by("sort_order", "pk"))
    total = sum(option.n for option in options)
    return {
        "show_results": voted or not is_open,
        "voted": voted,
        "open": is_open,
        "form": PollForm(poll=poll) if is_open and not voted else None,
        "total": total,
        "rows": [(option.text, option.n, policies.percentage(option.n, total)) for option in options],
    }
