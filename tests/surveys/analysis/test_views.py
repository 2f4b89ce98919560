"""The officer's Concerns view, comparing rounds, importing, publishing, and the public results page with its
cloud: permissions, filters, suppression, and no personal detail anywhere it is shown (GD-013, AX-002)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys.analysis.models import CachedAnalysis, ConcernPublication
from tests.factories import StaffFactory
from tests.helpers import assert_queries_do_not_grow
from tests.surveys.analysis.factories import add_concerns

pytestmark = pytest.mark.django_db
CONCERNS = "/admin/concerns/"

PERSONAL = [
    "Speeding cars outside 14 Saxon Gate every night",
    "Speeding cars, ring me on 07700 900123",
    "speeding cars, jo.bloggs@example.org",
    "Speeding cars near MK9 3EJ",
    "speeding cars, the driver of AB12 CDE",
    "speeding cars by 22 Acacia Boulevard",
]
LEAKS = ["Saxon Gate", "07700", "900123", "jo.bloggs", "example.org", "MK9 3EJ", "AB12 CDE", "Acacia", "Boulevard"]


def source(survey):
    return f"survey:{survey.pk}:concerns"


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def main_of(response):
    """The page's own content (the footer carries the partnership's published address and phone number)."""
    return text_of(response).split("<main", 1)[1].split("</main>", 1)[0]


def test_only_survey_officers_see_concerns(client, answered, officer, sign_in):
    assert client.get(CONCERNS).status_code == 302  # to the staff sign-in
    sign_in(StaffFactory())  # staff, but in no group: no survey results, so no concerns
    assert client.get(CONCERNS).status_code in (302, 403)
    assert "speeding" not in client.get(CONCERNS).content.decode()
    assert officer.has_perm("concern_analysis.see_concerns")
    assert StaffFactory(groups=["Partnership admins"]).has_perm("concern_analysis.see_concerns")
    assert not StaffFactory(groups=["Case officers"]).has_perm("concern_analysis.see_concerns")


def test_the_officer_sees_the_cloud_the_table_and_the_themes(client, officer, answered, sign_in):
    sign_in(officer)
    response = client.get(CONCERNS, {"source": source(answered)})
    assert response.status_code == 200
    page = text_of(response)
    assert "Largest: speeding cars (10), anti-social behaviour (9)" in page  # the image's alt text
    assert (
        '<th scope="row" class="govuk-table__header">speeding cars</th> <td class="govuk-table__cell govuk-table__cell--numeric">10</td>'
        in page
    )
    assert "Themes by ward" in page and "Themes over time" in page
    cached = CachedAnalysis.objects.get()
    png = client.get(reverse("concern_analysis:cloud", args=[cached.pk, "png"]))
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    svg = client.get(reverse("concern_analysis:cloud", args=[cached.pk, "svg"]))
    assert svg["Content-Type"] == "image/svg+xml" and b"@font-face" in svg.content


def test_the_officer_filters_by_ward_and_theme(client, officer, answered, wards, sign_in):
    sign_in(officer)
    response = client.get(CONCERNS, {"source": source(answered), "ward": wards[0].code, "theme": "Drugs"})
    page = text_of(response)
    assert "<strong>5</strong> answers match these filters" in page
    assert "drug dealing" in page and "speeding cars" not in page


def test_a_wrong_date_range_is_explained(client, officer, answered, sign_in):
    sign_in(officer)
    response = client.get(CONCERNS, {"source": source(answered), "date_from": "2026-06-05", "date_to": "2026-06-01"})
    page = text_of(response)
    assert "<title>Error: Concerns" in page
    assert "The “to” date must be on or after the “from” date" in page
    assert 'href="#id_date_to"' in page


def test_two_rounds_compared(client, officer, answered, demo_site, wards, sign_in):
    from tests.surveys.factories import make_survey

    later = make_survey(demo_site, title="Safer neighbourhoods survey 2027")
    add_concerns(later, ["Drug dealing at night"] * 6 + ["Speeding cars"] * 2, ward=wards[0])
    sign_in(officer)
    response = client.get(reverse("concern_analysis:compare"), {"before": source(answered), "after": source(later)})
    page = text_of(response)
    assert re.search(r"Drugs</th> <td[^>]*>12.5% \(5\)</td> <td[^>]*>75.0% \(6\)</td> <td[^>]*>62.5</td>", page)
    assert re.search(r"Burglary</th>.*?fell", page)


def test_free_text_imported_from_csv(client, officer, sign_in):
    sign_in(officer)
    upload = SimpleUploadedFile("questions.csv", b"text\nSpeeding cars\nASB in the park, call 07700 900123\n")
    response = client.post(reverse("concern_analysis:import"), {"name": "Face the Public, March", "file": upload})
    page = text_of(response)
    assert "2 texts imported" in page
    link = re.search(r'href="(/admin/concerns/\?source=set:\d+)"', page).group(1)
    analysed = text_of(client.get(link))
    assert "07700" not in analysed and "Imported: Face the Public, March" in analysed


def test_an_import_without_a_file_says_what_to_do(client, officer, sign_in):
    sign_in(officer)
    page = text_of(client.post(reverse("concern_analysis:import"), {"name": "x"}))
    assert "Choose a CSV file" in page and "govuk-error-summary" in page


def publish(client, survey, **shown):
    data = {"question": "concerns", **{k: "on" for k, v in shown.items() if v}}
    return client.post(reverse("concern_analysis:publish", args=[survey.pk]), data)


def test_the_published_results_page_shows_what_the_officer_chose_without_small_numbers(
    client, officer, answered, sign_in
):
    answered.publish_results = True
    answered.save_revision().publish()
    assert "What concerns residents" not in text_of(client.get(answered.results_url))
    sign_in(officer)
    assert publish(client, answered, show_cloud=True, show_table=True, show_themes=True).status_code == 302
    client.logout()
    page = text_of(client.get(answered.results_url))
    assert "What concerns residents" in page
    assert "speeding cars" in page and "drug dealing" in page  # 10 and 5 residents
    assert "burglaries" not in page and "street lights" not in page  # 4 each: suppressed
    assert re.search(r"Street lighting</th> <td[^>]*>Fewer than 5</td>", page)
    picture = client.get(reverse("surveys:concern_analysis_public:cloud", args=[answered.pk, "svg"]))
    assert picture.status_code == 200
    svg = picture.content.decode()
    assert "speeding cars" in svg and "burglaries" not in svg
    publish(sign_in(officer) or client, answered, show_cloud=False, show_table=True, show_themes=False)
    client.logout()
    page = text_of(client.get(answered.results_url))
    assert "speeding cars" in page and "<img" not in page.split("What concerns residents")[1]
    assert client.get(reverse("surveys:concern_analysis_public:cloud", args=[answered.pk, "png"])).status_code == 404


def test_no_personal_detail_reaches_any_published_or_shown_output(
    client, officer, survey, wards, vocabulary_kept, sign_in
):
    """The whole pipeline: answers full of personal details, analysed, shown to the officer and published."""
    add_concerns(survey, PERSONAL * 2, ward=wards[0])
    survey.publish_results = True
    survey.save_revision().publish()
    sign_in(officer)
    publish(client, survey, show_cloud=True, show_table=True, show_themes=True)
    officer_page = main_of(client.get(CONCERNS, {"source": source(survey)}))
    cached = CachedAnalysis.objects.get()
    outputs = {
        "officer page": officer_page,
        "officer svg": cached.svg,
        "public svg": cached.public_svg,
        "cached counts": str(cached.result),
    }
    client.logout()
    outputs["results page"] = main_of(client.get(survey.results_url))
    outputs["public picture"] = client.get(
        reverse("surveys:concern_analysis_public:cloud", args=[survey.pk, "svg"])
    ).content.decode()
    assert "speeding cars" in outputs["results page"]
    for name, output in outputs.items():
        for leak in LEAKS:
            assert leak.lower() not in output.lower(), f"{leak!r} in the {name}"


def test_an_unpublished_survey_shows_no_cloud(client, answered, officer, sign_in):
    sign_in(officer)
    publish(client, answered, show_cloud=True)
    assert ConcernPublication.objects.exists()
    client.logout()
    answered.publish_results = False
    answered.save_revision().publish()
    assert client.get(answered.results_url).status_code == 404
    assert client.get(reverse("surveys:concern_analysis_public:cloud", args=[answered.pk, "png"])).status_code == 404


def test_the_results_page_costs_the_same_whatever_the_number_of_answers(client, officer, answered, wards, sign_in):
    answered.publish_results = True
    answered.save_revision().publish()
    sign_in(officer)
    publish(client, answered, show_cloud=True, show_table=True, show_themes=True)
    client.logout()
    assert_queries_do_not_grow(
        client, answered.results_url, lambda: add_concerns(answered, ["Speeding cars"] * 30, ward=wards[0]), at_most=45
    )
