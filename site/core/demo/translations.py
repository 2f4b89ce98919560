"""The demo's second language: Polish, the largest community language in Milton Keynes after English.

Pages are copied into the Polish locale (as wagtail-localize does when an editor starts a translation) and
given Polish text, so the language switcher has somewhere to go.
"""

from wagtail.models import Locale, Page

POLISH = {
    "home": {
        "title": "Bezpieczniejsze sąsiedztwa w Milton Keynes",
        "seo_title": "Partnerstwo SaferMK",
        "intro": "Rada miasta, policja, straż pożarna, służba zdrowia, kuratorzy, mieszkalnictwo i organizacje "
        "społeczne pracują razem z mieszkańcami, aby zapobiegać przestępczości.",
        "body": [
            ("heading", {"heading_text": "Razem dla bezpieczniejszych sąsiedztw", "size": "l"}),
            (
                "paragraph",
                "<p>Mieszkańcy najlepiej znają swoją okolicę. Chcemy wiedzieć, co Państwa niepokoi, informować o "
                "naszych działaniach i wspólnie szukać rozwiązań.</p>",
            ),
            (
                "warning_text",
                "Aby zgłosić przestępstwo lub zachowanie antyspołeczne, zadzwoń pod numer 101, a w nagłych "
                "wypadkach pod numer 999.",
            ),
        ],
    },
    "about": {
        "title": "O partnerstwie",
        "intro": "Kim jesteśmy, z kim współpracujemy i jak decydujemy, co robić.",
        "body": [
            (
                "paragraph",
                "<p>Członkami partnerstwa są Rada Miasta Milton Keynes, policja Thames Valley, straż pożarna "
                "Buckinghamshire i Milton Keynes, służba kuratorska oraz lokalna służba zdrowia.</p>",
            ),
        ],
    },
}


def translate_demo_pages(home, stdout=None):
    polish, _ = Locale.objects.get_or_create(language_code="pl")
    translated_home = _translate(home, polish, POLISH["home"])
    about = Page.objects.child_of(home).filter(slug="about").first()
    if about is not None:
        _translate(about.specific, polish, POLISH["about"])
    if stdout:
        stdout.write("Polish: home page and About the partnership")
    return translated_home


def _translate(page, locale, fields):
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation
