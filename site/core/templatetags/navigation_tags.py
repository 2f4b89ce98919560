"""Site-wide navigation: `{% load navigation_tags %}{% main_navigation %}`.

The menu lists the live children of the current site's root page that have "Show in menus" ticked,
in tree order, and renders them with the GOV.UK "service navigation" component
(`components/navigation.html`).

Query budget, whatever the number of pages: the site lookup (cached on the request by Wagtail, and it
selects the root page with it), one query for the children, and the site root paths Wagtail needs for
`get_url` (cached on the request and in the cache).
"""

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from core import caching

register = template.Library()


def _current_page(context):
    """The Wagtail page being rendered, if any (`page` for page views, `self` in older templates)."""
    for name in ("page", "self"):
        candidate = context.get(name)
        if isinstance(candidate, Page):
            return candidate
    return None


def _path_is_within(path, url):
    """True when `path` is `url` or below it (`/news/2024/` is within `/news/`)."""
    if not url or url == "/":
        return path == url
    return path == url or path.startswith(url if url.endswith("/") else url + "/")


@register.inclusion_tag("components/navigation.html", takes_context=True)
def main_navigation(context, label=None):
    """Render the main menu. `label` names the <nav> landmark for assistive technology.

    The menu's entries (title, URL, tree path) are the same for every request to a site in one language, so they
    are kept in the cache until content changes (core.caching); only which entry is current is worked out per
    request.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    items = []
    if site is not None:
        current = _current_page(context)
        request_path = getattr(request, "path", "")
        entries = caching.remember(
            request, "menu", (site.pk, get_language(), request.get_host()), lambda: _menu_entries(site, request)
        )
        for entry in entries:
            if current is not None and current.pk is not None and current.path:
                is_current = current.pk == entry["pk"]
                is_active = is_current or current.path.startswith(entry["path"])
            else:
                # Views that are not Wagtail pages (forms, listings): match on the URL instead.
                is_current = request_path == entry["url"]
                is_active = is_current or _path_is_within(request_path, entry["url"])
            items.append({"title": entry["title"], "url": entry["url"], "current": is_current, "active": is_active})
    return {"items": items, "label": label or _("Menu")}


def _menu_entries(site, request):
    # In another language the menu lists that language's pages (the root's translation, if it has one).
    root = site.root_page.localized
    entries = []
    for child in root.get_children().live().in_menu():
        url = child.get_url(request=request)
        if url:
            entries.append({"pk": child.pk, "path": child.path, "title": child.title, "url": url})
    return entries
