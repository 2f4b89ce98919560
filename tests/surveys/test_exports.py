"""Exports (CSV and XLSX, streamed; long ones in the background) and imports that read the export back."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from surveys import exports, services
from surveys.models import Answer, ExportJob, Response
from surveys.tasks import write_export
from tests.factories import StaffFactory
from tests.surveys.factories import make_survey
from tests.surveys.test_results import add_responses

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(demo_site):
    return StaffFactory(groups=["Communications officers"])


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def answers_of(survey):
    return sorted(
        Answer.objects.filter(response__survey=survey).values_list("response__reference", "question", "value", "detail")
    )


def test_the_csv_export_streams_one_row_per_response(client, survey, officer):
    add_responses(survey, 25)
    client.force_login(officer)
    response = client.get(f"/surveys/results/{survey.pk}/responses.csv")
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(b"".join(response.streaming_content).decode())
    assert len(rows) == 25
    assert list(rows[0])[:5] == exports.FIXED_COLUMNS
    assert "connection__other" in rows[0] and "concerns" in rows[0]


def test_the_xlsx_export_has_the_same_rows(client, survey, officer):
    add_responses(survey, 12)
    client.force_login(officer)
    response = client.get(f"/surveys/results/{survey.pk}/responses.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)["Responses"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 13 and rows[0][0] == "reference"


def test_an_answer_that_looks_like_a_formula_is_defused_and_restored_on_import():
    assert exports.defuse("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert exports.defuse("-3") == "-3"
    assert exports.undo_defuse(exports.defuse("@SUM(A1)")) == "@SUM(A1)"


def test_the_csv_round_trips_through_the_import(survey, demo_site):
    add_responses(survey, 30)
    Answer.objects.filter(question="concerns").update(value="=1+1 speeding, “quoted”; and a\nnew line")
    exported = "".join(exports.csv_chunks(survey))
    copy = make_survey(demo_site, title="Copy for the import")
    before = answers_of(survey)
    Response.objects.filter(survey=survey).delete()
    report = services.import_responses(survey=copy, csv_text=exported, now=None)
    assert report.rejected == [] and len(report.imported) == 30
    assert answers_of(copy) == before
    # Importing the same file again adds nothing, and says why for every row.
    again = services.import_responses(survey=copy, csv_text=exported, now=None)
    assert again.imported == [] and len(again.rejected) == 30
    assert "already stored" in again.rejected[0][1][0]


def test_the_import_keeps_good_rows_and_reports_every_bad_one(survey, ward):
    text = (
        "reference,submitted_at,ward_code,ward,connection,crime-perception,feel-safe,victim,reported,age,date\n"
        f",2016-05-31T10:00:00+01:00,{ward.code},{ward.code},I live here,Increased a lot,Agree,No,,25 to 44,\n"
        f",not a date,E99999999,{ward.code},Somewhere,Increased a lot,Agree,No,,,\n"
        f",2016-06-01T10:00:00+01:00,{ward.code},{ward.code},I live here,,Agree,Yes,,,\n"
    )
    report = services.import_responses(survey=survey, csv_text=text, now=None)
    assert len(report.imported) == 1 and report.imported[0][0] == 2
    assert [number for number, _ in report.rejected] == [3, 4]
    row3 = report.rejected[0][1]
    assert any(p.startswith("submitted_at:") for p in row3)
    assert any("E99999999 is not a ward we know" in p for p in row3)
    assert any(p.startswith("connection: Select one of the answers") for p in row3)
    assert report.rejected[1][1] == [
        "crime-perception: this question needs an answer",
        "reported: this question needs an answer",
    ]
    assert Response.objects.get().source == "imported"


def test_the_import_page_shows_the_report(client, survey, officer):
    client.force_login(officer)
    page = client.post(
        f"/surveys/results/{survey.pk}/import/",
        {"file": SimpleUploadedFile("old.csv", b"reference,submitted_at\n,yesterday\n")},
    ).content.decode()
    assert "0 of 1 rows imported; 1 rejected" in page and "submitted_at: write the date" in page


def test_a_background_export_reports_progress_and_only_its_officer_downloads_it(
    client, survey, officer, django_capture_on_commit_callbacks
):
    add_responses(survey, 15)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(f"/surveys/results/{survey.pk}/exports/", {"format": "xlsx"})
    job = ExportJob.objects.get()
    assert started["Location"] == f"/surveys/exports/{job.pk}/"
    assert job.status == "done" and job.done == job.total == 15
    status = client.get(f"/surveys/exports/{job.pk}/status/").json()
    assert status["percent"] == 100 and status["download"].endswith("/download/")
    download = client.get(status["download"])
    assert download.status_code == 200
    assert write_export(job.pk).status == "done"  # running it again leaves the file as it is

    colleague = StaffFactory(groups=["Communications officers"])
    client.force_login(colleague)
    assert client.get(f"/surveys/exports/{job.pk}/download/").status_code == 403
    assert client.get(f"/surveys/exports/{job.pk}/").status_code == 403


def test_a_csv_background_export_matches_the_streamed_one(survey, officer):
    add_responses(survey, 8)
    job = ExportJob.objects.create(
        survey=survey, requested_by=officer, format="csv", total=8, created_at=survey.first_published_at
    )
    write_export(job.pk)
    job.refresh_from_db()
    with job.file.open("rb") as handle:
        assert handle.read().decode("utf-8") == "".join(exports.csv_chunks(survey))


def test_a_large_xlsx_export_goes_to_the_background(client, survey, officer, monkeypatch):
    from surveys import views

    monkeypatch.setattr(views, "DIRECT_XLSX_LIMIT", 5)
    add_responses(survey, 6)
    client.force_login(officer)
    response = client.get(f"/surveys/results/{survey.pk}/responses.xlsx")
    job = ExportJob.objects.get()
    assert response["Location"] == f"/surveys/exports/{job.pk}/" and job.format == "xlsx"
