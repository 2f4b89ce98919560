"""A second language: interface strings through Django i18n, page content through translated pages."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual_demo(demo_site):
    from partnership.demo import load

    load()


def switcher_links(body):
    return dict(re.findall(r'href="([^"]+)" lang="([\w-]+)" hreflang', body))


def test_polish_pages_declare_their_language_and_translate_the_interface(client, bilingual_demo):
    body = client.get("/pl/").content.decode()
    assert '<html lang="pl"' in body
    assert "Przejdź do treści głównej" in body
    assert "Bezpieczniejsze sąsiedztwa w Milton Keynes" in body
    assert "Nasze priorytety" in body and "Zaangażowanie społeczności" in body


def test_english_stays_english_whatever_the_browser_asks_for(client, bilingual_demo):
    body = client.get("/", headers={"accept-language": "pl"}).content.decode()
    assert '<html lang="en-gb"' in body
    assert "Skip to main content" in body
    assert "Our priorities" in body and "Community engagement" in body
    assert "Zaangażowanie" not in body


def test_the_switcher_keeps_the_page(client, bilingual_demo):
    links = switcher_links(client.get("/about/").content.decode())
    assert links == {"/pl/about/": "pl"}
    links = switcher_links(client.get("/pl/plan/community-engagement/").content.decode())
    assert links == {"/plan/community-engagement/": "en-gb"}


def test_a_page_without_a_translation_switches_to_that_language_home(client, bilingual_demo):
    links = switcher_links(client.get("/news/").content.decode())
    assert links == {"/pl/": "pl"}


def test_forms_switch_language_at_the_same_address(client, bilingual_demo):
    assert switcher_links(client.get("/contact/").content.decode()) == {"/pl/contact/": "pl"}
    body = client.get("/pl/contact/").content.decode()
    assert '<html lang="pl"' in body
    assert switcher_links(body) == {"/contact/": "en-gb"}


def test_translations_compile_without_gnu_gettext(tmp_path, settings):
    po = tmp_path / "pl" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Menu"\nmsgstr "Menu"\n')
    settings.LOCALE_PATHS = [tmp_path]
    call_command("compile_translations", verbosity=0)
    assert po.with_suffix(".mo").stat().st_size > 0
