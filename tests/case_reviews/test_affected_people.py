"""CT-022: several people affected on one application, and a group's agreement where the partnership asks for it
(Reigate and Banstead ask for five signatures). The step works without JavaScript: each person is added on a page
of their own and removed by a button in a form, as the incidents are. CT-021: each person's agreement is recorded.
GD-030, GD-020: the people named are in the subject-access export and go when the case is anonymised."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from case_reviews import policies, services, views
from case_reviews.models import AffectedPerson, Application, CaseReviewPage, CaseReviewSettings
from core import personal_data
from tests.case_reviews.factories import AffectedPersonFactory, ApplicationFactory

pytestmark = pytest.mark.django_db


def configure(**values):
    review_settings = CaseReviewSettings.load()
    for name, value in values.items():
        setattr(review_settings, name, value)
    review_settings.full_clean()
    review_settings.save()
    return review_settings


def link(application):
    """The applicant's link. Each is signed with the time, so a test keeps one to compare addresses."""
    return f"/case-review/apply/{services.application_token(application)}"


def add_people(application, *, agreed, not_agreed=0):
    for n in range(agreed):
        AffectedPersonFactory(application=application, name=f"Agreed {n}", consents=True)
    for n in range(not_agreed):
        AffectedPersonFactory(application=application, name=f"Not agreed {n}", consents=False)


# The step in the journey --------------------------------------------------------------------------------------------


def test_ct022_a_group_adds_lists_and_removes_people_without_javascript(client):
    start = client.post("/case-review/apply/")
    token = start.url.split("/")[3]
    url = f"/case-review/apply/{token}"
    application = Application.objects.get()
    assert client.post(f"{url}/basis/", {"basis": "group"}).url == f"{url}/applicant/"
    response = client.post(f"{url}/applicant/", {"applicant_name": "Rosa Green", "organisation_name": "Example "
                                                 "Court Residents", "email": "rosa@example.org"})  # fmt: skip
    assert response.url == f"{url}/people/"

    page = client.get(f"{url}/people/").content.decode()
    assert "You have not added anyone yet." in page and f'href="{url}/people/add/"' in page
    assert '<form method="post"' in page  # continuing is a plain form, no script needed

    refused = client.post(f"{url}/people/add/", {"name": "   ", "contact": "07700 900123"})
    assert refused.status_code == 400
    assert "Enter the name of the person affected" in refused.content.decode()
    assert not application.affected_people.exists()

    assert client.post(f"{url}/people/add/", {"name": "Tom Hill", "contact": "Flat 3", "consents": "on"}).url == (
        f"{url}/people/"
    )
    assert client.post(f"{url}/people/add/", {"name": "Ann Lee"}).url == f"{url}/people/"
    page = client.get(f"{url}/people/").content.decode()
    assert "Tom Hill" in page and "Has agreed to the application" in page
    assert "Ann Lee" in page and "Has not agreed yet" in page
    ann = application.affected_people.get(name="Ann Lee")
    assert ann.consents is False and ann.contact == ""

    assert client.post(f"{url}/people/{ann.pk}/remove/").url == f"{url}/people/"
    assert list(application.affected_people.values_list("name", flat=True)) == ["Tom Hill"]
    assert client.get(f"{url}/people/{ann.pk}/remove/").status_code == 405  # removing needs the form's POST

    assert client.post(f"{url}/people/").url == f"{url}/home/"
    assert client.post(f"{url}/people/", {"later": "1"}).url == f"{url}/saved/"


def test_ct022_the_step_is_only_for_a_group_or_one_of_several(client):
    for basis, shown in (("self", False), ("on_behalf", False), ("one_of_several", True), ("group", True)):
        application = ApplicationFactory(basis=basis)
        url = link(application)
        task_list = client.get(f"{url}/").content.decode()
        assert ("Other people affected" in task_list) == shown, basis
        assert (client.get(f"{url}/people/").status_code == 200) == shown, basis
        assert (client.get(f"{url}/people/add/").status_code == 200) == shown, basis
    with pytest.raises(services.CaseReviewError):
        services.add_affected_person(application=ApplicationFactory(basis="self"), name="X", now=timezone.now())


def test_ct022_a_person_cannot_be_removed_through_another_applications_link(client):
    mine = ApplicationFactory(basis="group")
    theirs = AffectedPersonFactory(application=ApplicationFactory(basis="group"))
    assert client.post(f"{link(mine)}/people/{theirs.pk}/remove/").status_code == 404
    assert AffectedPerson.objects.filter(pk=theirs.pk).exists()


def test_ct022_people_are_on_check_your_answers_and_the_officers_case_page(client, case_officer, relevant_bodies):
    application = ApplicationFactory(basis="one_of_several")
    AffectedPersonFactory(application=application, name="Tom Hill", contact="tom@example.org", consents=True)
    AffectedPersonFactory(application=application, name="Ann Lee", contact="", consents=False)
    url = link(application)
    check = client.get(f"{url}/check-your-answers/").content.decode()
    assert "Other people affected" in check and "Tom Hill" in check and "Ann Lee" in check
    assert f"{url}/people/?return_to_check=1" in check
    assert client.post(f"{url}/people/?return_to_check=1").url == f"{url}/check-your-answers/"

    services.submit_application(application=application, now=timezone.now())
    client.force_login(case_officer)
    page = client.get(f"/case-review/cases/{application.pk}/").content.decode()
    assert "Other people affected" in page and "Tom Hill: tom@example.org (agreed to the application)" in page
    assert "Ann Lee (has not agreed)" in page and "1 of 2 agreed to the application." in page


def test_ct022_people_named_under_a_basis_since_changed_are_not_sent(relevant_bodies):
    application = ApplicationFactory(basis="group")
    AffectedPersonFactory(application=application)
    services.save_answers(application=application, answers={"basis": "self"}, now=timezone.now())
    application.refresh_from_db()
    services.submit_application(application=application, now=timezone.now())
    assert not AffectedPerson.objects.filter(application=application).exists()


def test_ct022_no_more_than_the_limit_of_people(client):
    application = ApplicationFactory(basis="group")
    AffectedPerson.objects.bulk_create(
        AffectedPerson(application=application, name=f"P{n}") for n in range(policies.MAX_AFFECTED_PEOPLE)
    )
    response = client.post(f"{link(application)}/people/add/", {"name": "One too many"})
    assert response.status_code == 400 and "You can name up to 50 people" in response.content.decode()
    assert application.affected_people.count() == policies.MAX_AFFECTED_PEOPLE


# The group's agreement (Reigate and Banstead: five signatures) ------------------------------------------------------


def test_ct022_group_consent_rule_at_the_boundary():
    assert policies.group_consent_problem(basis="group", consenting=4, needed=5)
    assert policies.group_consent_problem(basis="group", consenting=5, needed=5) == ""
    assert policies.group_consent_problem(basis="group", consenting=0, needed=0) == ""  # 0: not required
    assert policies.group_consent_problem(basis="one_of_several", consenting=0, needed=5) == ""
    assert policies.group_consent_problem(basis="self", consenting=0, needed=5) == ""
    message = policies.group_consent_problem(basis="group", consenting=4, needed=5)
    assert "at least 5 people" in message and "add 1 more person who has agreed" in message
    assert "add 3 more people who have agreed" in policies.group_consent_problem(basis="group", consenting=2, needed=5)


def test_ct022_by_default_a_group_needs_no_signatures(client, relevant_bodies):
    assert CaseReviewSettings.load().group_consents_needed == 0
    application = ApplicationFactory(basis="group")
    url = link(application)
    assert client.post(f"{url}/people/").url == f"{url}/home/"
    assert services.submit_application(application=application, now=timezone.now()).reference


def test_ct022_a_group_with_one_fewer_than_the_signatures_needed_is_refused(client, relevant_bodies):
    configure(group_consents_needed=5)
    application = ApplicationFactory(basis="group")
    add_people(application, agreed=4, not_agreed=3)  # seven named, four agreed: not enough
    page = client.get(f"{link(application)}/people/").content.decode()
    assert "needs at least 5 people in the group, not counting you, to have agreed" in page

    refused = client.post(f"{link(application)}/people/")
    body = refused.content.decode()
    assert refused.status_code == 400 and "There is a problem" in body
    assert "This area needs at least 5 people in the group to have agreed to the application" in body
    assert "You have added 4 who have agreed: add 1 more person who has agreed" in body

    url = link(application)
    check = client.get(f"{url}/check-your-answers/").content.decode()
    assert f'href="{url}/people/"' in check and "at least 5 people" in check
    with pytest.raises(services.CaseReviewError, match="at least 5 people"):
        services.submit_application(application=application, now=timezone.now())
    assert Application.objects.get(pk=application.pk).is_draft


def test_ct022_a_group_with_exactly_the_signatures_needed_may_continue_and_send(client, relevant_bodies):
    configure(group_consents_needed=5)
    application = ApplicationFactory(basis="group")
    add_people(application, agreed=5)
    url = link(application)
    assert client.post(f"{url}/people/").url == f"{url}/home/"
    assert not [page for page, _ in services.missing_answers(application) if page == "people"]
    assert services.submit_application(application=application, now=timezone.now()).reference


def test_ct022_the_signatures_setting_holds_only_a_group_back(client, relevant_bodies):
    configure(group_consents_needed=5)
    application = ApplicationFactory(basis="one_of_several")
    url = link(application)
    page = client.get(f"{url}/people/").content.decode()
    assert "needs at least" not in page
    assert client.post(f"{url}/people/").url == f"{url}/home/"
    assert services.submit_application(application=application, now=timezone.now()).reference


def test_ct022_the_information_page_says_how_many_in_a_group_must_agree(client, demo_site):
    from case_reviews import demo

    demo.load()
    url = CaseReviewPage.objects.get().url
    assert "If you apply for a group" not in client.get(url).content.decode()
    configure(group_consents_needed=5)
    assert "at least 5 other people in the group must have agreed" in client.get(url).content.decode()


def test_ct022_the_signatures_setting_is_bounded():
    with pytest.raises(ValidationError):
        configure(group_consents_needed=policies.MAX_AFFECTED_PEOPLE + 1)
    assert configure(group_consents_needed=policies.MAX_AFFECTED_PEOPLE).group_consents_needed == 50


# Personal data ------------------------------------------------------------------------------------------------------


def test_gd030_people_affected_are_declared_and_in_the_subject_access_export():
    declared = {d.model_label: d for d in personal_data.declarations()}
    assert set(declared["case_reviews.AffectedPerson"].fields) == {"name", "contact", "consents"}
    application = ApplicationFactory(basis="group", email="rosa@example.org")
    AffectedPersonFactory(application=application, name="Tom Hill", contact="tom@example.org")
    AffectedPersonFactory(application=ApplicationFactory(basis="group", email="other@example.org"),
                          name="Someone Else")  # fmt: skip

    applicants = json.dumps(personal_data.subject_access_export("Rosa@example.org"), default=str)
    assert "Tom Hill" in applicants and "Someone Else" not in applicants
    # The person named can ask too, by the email the applicant gave for them.
    own = personal_data.subject_access_export("TOM@example.org")
    assert [r["name"] for r in own["case_reviews.AffectedPerson"]["records"]] == ["Tom Hill"]


def test_gd030_the_case_export_holds_the_people_affected(relevant_bodies):
    application = ApplicationFactory(basis="group")
    AffectedPersonFactory(application=application, name="Tom Hill", contact="Flat 3", consents=True)
    data = views.export_case(application)
    assert data["affected_people"] == [{"name": "Tom Hill", "contact": "Flat 3", "consents": True}]


def test_gd020_anonymising_a_case_deletes_the_people_affected(relevant_bodies, case_officer):
    now = timezone.now()
    application = ApplicationFactory(basis="group")
    AffectedPersonFactory(application=application, name="Tom Hill")
    kept = AffectedPersonFactory(application=ApplicationFactory(basis="group"))
    case = services.submit_application(application=application, now=now)
    services.close_case(application=case, user=case_officer, reason="Withdrawn by the applicant", now=now)
    services.anonymise(application=case, now=now)
    assert not AffectedPerson.objects.filter(application=case).exists()
    assert AffectedPerson.objects.filter(pk=kept.pk).exists()
