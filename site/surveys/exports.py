"""Responses as rows: the columns of the CSV and XLSX exports (which the importer reads back), written streaming.

Rows come from the database a chunk of responses at a time (with that chunk's answers), and
each format writes a row and forgets it, so memory stays flat at 100,000 responses (bench/surveys_export.py).
"""

import csv
from collections import defaultdict

from django.db.models import Q
from openpyxl import Workbook

from core.models import Ward
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
    """Every counted response of the survey as a list of cells in `columns` order, one chunk at a time.

    Plain rows, not model instances (ten times cheaper per answer), read a chunk of responses at a time by
    keyset pagination on (submitted_at, id), with that chunk's answers in one more query.
    """
    questions = survey.questionnaire().questions()
    if responses is None:
        responses = Response.objects.filter(survey=survey).counted()
    responses = responses.order_by("submitted_at", "pk")
    wards = {pk: (code, name) for pk, code, name in Ward.objects.values_list("pk", "code", "name")}
    last = None
    while True:
        page = responses
        if last is not None:
            page = page.filter(Q(submitted_at__gt=last[0]) | Q(submitted_at=last[0], pk__gt=last[1]))
        chunk = list(page.values_list("pk", "reference", "submitted_at", "ward_id", "source")[:CHUNK_SIZE])
        if not chunk:
            return
        values, details = defaultdict(lambda: defaultdict(list)), defaultdict(dict)
        for response_id, question, value, detail in (
            Answer.objects.filter(response_id__in=[row[0] for row in chunk])
            .order_by("pk")
            .values_list("response_id", "question", "value", "detail")
        ):
            values[response_id][question].append(value)
            if detail:
                details[response_id][question] = detail
        for response_id, reference, submitted_at, ward_id, source in chunk:
            ward_code, ward_name = wards.get(ward_id, ("", ""))
            given, other = values.get(response_id, {}), details.get(response_id, {})
            row = [reference, submitted_at.isoformat(), ward_code, ward_name, source]
            for question in questions:
                answered = given.get(question.reference, [])
                if question.kind == Kind.MULTIPLE_CHOICE:
                    row.append("; ".join(answered))
                else:
                    row.append(answered[0] if answered else "")
                if question.allow_other:
                    row.append(other.get(question.reference, ""))
            yield [defuse(cell) for cell in row]
        last = (chunk[-1][2], chunk[-1][0])


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
