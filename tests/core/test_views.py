import pytest
from django.urls import reverse

from core.models import OutboxMessage
from tests.factories import StandardPageFactory
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_partnership(client, demo_site):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Safer neighbourhoods in Milton Keynes" in body
    assert "SaferMK Partnership" in body
    assert 'class="govuk-skip-link"' in body
    assert 'href="#main-content"' in body
    assert 'id="main-content"' in body


def test_standard_page_has_breadcrumbs_and_body(client, demo_site):
    response = client.get("/about/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Who is in the partnership" in body
    assert "govuk-breadcrumbs" in body


def test_footer_links_the_accessibility_statement_privacy_notice_and_contact(client, demo_site):
    body = client.get("/").content.decode()
    assert 'href="/accessibility-statement/"' in body
    assert 'href="/privacy/"' in body
    assert f'href="{reverse("core:contact")}"' in body
    assert "999" in body and "101" in body


def test_missing_page_uses_the_site_404(client, demo_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_500_page_renders_without_a_database_or_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert "999" in html


def test_sitemap_lists_every_public_page(client, demo_site):
    body = client.get("/sitemap.xml").content.decode()
    for path in ("/", "/about/", "/accessibility-statement/", "/privacy/"):
        assert f"<loc>http://localhost{path}</loc>" in body


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_contact_form_queues_the_copy_and_acknowledgement_in_the_outbox(client, demo_site):
    from core.protection import issue_token

    client.post(
        reverse("core:contact"),
        {
            "name": "Sam",
            "email": "sam@example.org",
            "message": "Hello",
            "website": "",
            "submission_token": issue_token("contact"),
        },
    )
    purposes = sorted(OutboxMessage.objects.values_list("purpose", flat=True))
    assert purposes == ["contact.acknowledgement", "contact.received"]


def test_contact_sent_page_without_a_message_goes_back_to_the_form(client, demo_site):
    response = client.get(reverse("core:contact_sent"))
    assert response.status_code == 302
    assert response["Location"] == reverse("core:contact")


@pytest.mark.parametrize("url", ["/", "/about/"])
def test_page_queries_do_not_grow_with_the_number_of_pages(client, demo_site, url):
    def add_pages():
        for _ in range(15):
            StandardPageFactory(parent=demo_site, show_in_menus=True)

    assert_queries_do_not_grow(client, url, add_pages, at_most=25)
