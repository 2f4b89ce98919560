from django import template
from django.utils.safestring import mark_safe

from core import caching
from core.csp import GOVUK_FRONTEND_SUPPORTED_SCRIPT

register = template.Library()


@register.simple_tag
def govuk_frontend_supported_script():
    """The only inline script the Content-Security-Policy allows (by its hash): see core.csp."""
    return mark_safe(f"<script>{GOVUK_FRONTEND_SUPPORTED_SCRIPT}</script>")  # a constant, never user input


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every other language the site speaks, keeping the page where it can.

    A Wagtail page links to its own translation; where it has none, to the home page in that language. Other
    views (forms, listings) link to the same address under the language's prefix.
    """
    from django.conf import settings
    from django.utils.translation import get_language
    from wagtail.models import Page

    request = context.get("request")
    if request is None or len(settings.LANGUAGES) < 2:
        return {"links": []}
    current = get_language()
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    if page is not None and page.pk:
        # A page's links are the same for every reader: kept until content changes (core.caching).
        links = caching.remember(
            request, "languages", (page.pk, current, request.get_host()), lambda: _page_links(request, page, current)
        )
        return {"links": links}
    return {"links": _links(request, None, {}, current)}


def _page_links(request, page, current):
    translations = {}
    for translation in page.get_translations(inclusive=True).live().select_related("locale"):
        translations[translation.locale.language_code] = translation
    return _links(request, page, translations, current)


def _links(request, page, translations, current):
    from django.conf import settings
    from django.urls import translate_url

    from core.locales import all_locales

    locales = all_locales()
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None and code in translations:
            url = translations[code].get_url(request=request)
        elif page is not None and code in locales:
            home = _home_in(request, locales[code])
            url = home.get_url(request=request) if home else None
        else:
            url = translate_url(request.get_full_path(), code)
        if url:
            links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


def _home_in(request, locale):
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.get_translation_or_none(locale)
