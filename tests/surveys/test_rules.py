"""What the public results never show; who may open what is the matrix in tests/surveys/permissions.py, run by
tests/trust/test_permissions.py."""

import pytest

from tests.surveys.test_results import add_responses

pytestmark = pytest.mark.django_db


def test_raw_free_text_never_reaches_the_public_results(client, survey):
    survey.publish_results = True
    survey.save_revision().publish()
    add_responses(survey, 30)
    page = client.get(survey.results_url).content.decode()
    from surveys.models import Answer

    for text in Answer.objects.filter(question="concerns").values_list("value", flat=True)[:20]:
        assert text not in page
