"""Responses as rows: the columns of the CSV and XLSX exports (which the importer reads back), written streaming.

Rows come from the database in chunks (`iterator(chunk_size=...)` with each chunk's answers prefetched), and
each format writes a row and forgets it, so memory stays flat at 100,000 responses (bench/surveys_export.py).
"""

import csv
from collections import defaultdict

from django.db.models import Prefetch
from openpyxl import Workbook

from surveys.models import Answer, Response
from surveys.policies import OTHER_SUFFIX, RESERVED_REFERENCES, Kind

FIXED_COLUMNS = list(RESERVED_REFERENCES)
CHUNK_SIZE = 2000
# Spreadsheets run a cell starting with these as a formula: a resident's answer must never do that.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def columns(questionnaire):
    names = list(FIXED_COLUMNS)
    for question in questionnaire.questions():
        names.append(question.reference)
        if question.allow_other:
            names.append(question.reference + OTHER_SUFFIX)
    return names


def defuse(cell):
    """Stop a spreadsheet reading an answer as a formula (a leading apostrophe); numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        try:
            float(cell)
        except ValueError:
            return "'" + cell
    return cell


def undo_defuse(cell):
    """The importer's side of `defuse`."""
    if isinstance(cell, str) and cell.startswith("'") and cell[1:2] and cell[1:].startswith(_FORMULA_STARTS):
        return cell[1:]
    return cell


def response_rows(survey, responses=None):
    """Every counted response of the survey as a list of cells in `columns` order, one chunk at a time."""
    questionnaire = survey.questionnaire()
    questions = questionnaire.questions()
    if responses is None:
        responses = Response.objects.filter(survey=survey).counted()
    responses = (
        responses.select_related("ward")
        .only("reference", "submitted_at", "source", "ward__code", "ward__name")
        .prefetch_related(
            Prefetch(
                "answers", queryset=Answer.objects.only("response_id", "question", "value", "detail").order_by("pk")
            )
        )
        .order_by("submitted_at", "pk")
    )
    for response in responses.iterator(chunk_size=CHUNK_SIZE):
        values, details = defaultdict(list), {}
        for answer in response.answers.all():
            values[answer.question].append(answer.value)
            if answer.detail:
                details[answer.question] = answer.detail
        row = [
            response.reference,
            response.submitted_at.isoformat(),
            response.ward.code if response.ward else "",
            response.ward.name if response.ward else "",
            response.source,
        ]
        for question in questions:
            given = values.get(question.reference, [])
            row.append("; ".join(given) if question.kind == Kind.MULTIPLE_CHOICE else (given[0] if given else ""))
            if question.allow_other:
                row.append(details.get(question.reference, ""))
        yield [defuse(cell) for cell in row]


class _Echo:
    """A file-like object that hands back what csv.writer writes, so each row can be streamed."""

    def write(self, value):
        return value


def csv_chunks(survey, responses=None):
    """The CSV export as a stream of strings (UTF-8 with a byte-order mark, so Excel reads accents right)."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(columns(survey.questionnaire()))
    for row in response_rows(survey, responses):
        yield writer.writerow(row)


def write_csv(survey, handle, *, progress=None, every=1000):
    writer = csv.writer(handle)
    handle.write("\ufeff")
    writer.writerow(columns(survey.questionnaire()))
    for count, row in enumerate(response_rows(survey), start=1):
        writer.writerow(row)
        if progress and count % every == 0:
            progress(count)


def write_xlsx(survey, handle, *, responses=None, progress=None, every=1000):
    """The XLSX export, written by openpyxl's write-only workbook (rows go to disk as they are appended)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Responses")
    sheet.append(columns(survey.questionnaire()))
    for count, row in enumerate(response_rows(survey, responses), start=1):
        sheet.append(row)
        if progress and count % every == 0:
            progress(count)
    workbook.save(handle)
