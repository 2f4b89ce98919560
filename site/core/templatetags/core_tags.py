from django import template
from django.utils.safestring import mark_safe

from core.csp import GOVUK_FRONTEND_SUPPORTED_SCRIPT

register = template.Library()


@register.simple_tag
def govuk_frontend_supported_script():
    """The only inline script the Content-Security-Policy allows (by its hash): see core.csp."""
    return mark_safe(f"<script>{GOVUK_FRONTEND_SUPPORTED_SCRIPT}</script>")  # a constant, never user input
