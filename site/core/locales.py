"""The site's languages as Wagtail Locale rows, looked up once per process instead of once per use.

Pages, menus and the priorities panel all ask for the active locale several times a request; locales change
only when an administrator adds a language, which clears this memory (see core.signals).
"""

from django.utils.translation import get_language
from wagtail.models import Locale

_by_code: dict[str, Locale] = {}


def all_locales():
    if not _by_code:
        _by_code.update({locale.language_code: locale for locale in Locale.objects.all()})
    return dict(_by_code)


def active_locale():
    """The Locale of the language being shown, falling back to the default one."""
    locales = all_locales()
    code = get_language()
    return locales.get(code) or locales.get(Locale.get_default().language_code) or Locale.get_default()


def forget_locales(**kwargs):
    _by_code.clear()
