"""Writes for the concern analysis: running and caching analyses, adding one response, importing free text,
and publishing a survey's concerns. Keyword arguments, `now=`, atomic, DomainError for the person who tried."""

import csv
import datetime
import hashlib
import io
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from core.exceptions import DomainError
from core.models import Ward
from surveys import policies as survey_policies
from surveys.analysis import cloud, policies, querysets
from surveys.analysis.models import CachedAnalysis, ConcernPublication, ImportedText, TextSet
from surveys.analysis.redaction import redact

SUPPRESSION_THRESHOLD = survey_policies.SUPPRESSION_THRESHOLD
# Analyses of up to this many texts run while the officer waits (about a second); larger ones in the background.
INLINE_LIMIT = 3000
IMPORT_LIMIT = 50_000
TEXT_COLUMNS = ("text", "question", "comment", "concern", "answer")


@dataclass(frozen=True)
class Source:
    """What is analysed: one survey's free-text question, or an imported set; and the filters."""

    survey: object = None
    question: str = ""
    text_set: object = None
    ward: object = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    theme: str = ""

    def filters(self):
        return {
            "ward": self.ward.code if self.ward else "",
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
            "theme": self.theme,
        }

    def window(self):
        return {"ward": self.ward, "date_from": self.date_from, "date_to": self.date_to}

    def texts(self, *, through=None):
        """The texts to analyse; for a survey, from responses up to `through` (a response id) if given."""
        if self.text_set is not None:
            return querysets.text_set_texts(self.text_set, **self.window())
        return querysets.survey_texts(self.survey, self.question, **self.window(), through=through)

    def newest(self):
        """For a survey, the newest response's id now: a full run reads up to it, and counts later ones as they
        arrive (see `build`). Imported sets do not change."""
        return querysets.newest_response(self.survey) if self.survey is not None else 0

    def key(self, vocab):
        data = {
            "survey": self.survey.pk if self.survey else None,
            "question": self.question,
            "text_set": self.text_set.pk if self.text_set else None,
            "filters": self.filters(),
            "vocabulary": querysets.fingerprint(vocab),
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def analysis_for(source, *, now, vocab=None, inline_limit=INLINE_LIMIT):
    """The cached analysis for `source`, made now if it is small, or queued for the background if it is large."""
    from surveys.analysis import tasks

    vocab = vocab or querysets.vocabulary()
    key = source.key(vocab)
    cached = CachedAnalysis.objects.filter(key=key).first()
    if cached is not None and cached.status != CachedAnalysis.Status.FAILED:
        return cached
    with transaction.atomic():
        cached, _created = CachedAnalysis.objects.update_or_create(
            key=key,
            defaults={
                "survey": source.survey,
                "question": source.question,
                "text_set": source.text_set,
                "filters": source.filters(),
                "status": CachedAnalysis.Status.WAITING,
                "error": "",
                "created_at": now,
            },
        )
    through = source.newest()
    texts = source.texts(through=through)
    if len(texts) <= inline_limit:
        return build(cached.pk, source=source, texts=texts, through=through, vocab=vocab, now=now)
    CachedAnalysis.objects.filter(pk=cached.pk).update(total=len(texts))
    transaction.on_commit(lambda: tasks.build_analysis.enqueue(cached.pk))
    cached.total = len(texts)
    return cached


def source_of(cached):
    filters = cached.filters or {}
    ward = Ward.objects.filter(code=filters["ward"]).first() if filters.get("ward") else None
    return Source(
        survey=cached.survey.specific if cached.survey_id else None,
        question=cached.question,
        text_set=cached.text_set,
        ward=ward,
        date_from=datetime.date.fromisoformat(filters["date_from"]) if filters.get("date_from") else None,
        date_to=datetime.date.fromisoformat(filters["date_to"]) if filters.get("date_to") else None,
        theme=filters.get("theme", ""),
    )


def build(cached_id, *, source=None, texts=None, through=None, vocab=None, now=None):
    """Count, then draw: the full analysis of a cached entry, with progress recorded as it goes. Safe to run twice
    (a finished or running entry is left alone).

    Responses keep arriving while a large analysis runs. The run reads the responses up to the newest one when it
    starts (`through`, given with `texts` when the caller has read them); when it finishes, it locks the entry and
    adds every counted response it did not read, one at a time, in the same transaction that marks it done. A
    response's own `add_response` leaves an entry that is still running to that, and waits for the lock while the
    run finishes, so each response is counted once, whether it arrives before, during or after the run.
    """
    with transaction.atomic():
        cached = CachedAnalysis.objects.select_for_update(of=("self",)).filter(pk=cached_id).first()
        if cached is None or cached.status in (CachedAnalysis.Status.DONE, CachedAnalysis.Status.RUNNING):
            return cached
        cached.status = CachedAnalysis.Status.RUNNING
        cached.save(update_fields=["status"])
    try:
        source = source or source_of(cached)
        vocab = vocab or querysets.vocabulary()
        if texts is None:
            through = source.newest()
            texts = source.texts(through=through)
        through = through or 0
        read = {t.ref for t in texts}
        # Responses up to `through` that do not count yet (waiting for email confirmation) are added when they do.
        waiting = querysets.uncounted_responses(source.survey, through) if source.survey is not None else []
        if source.theme:
            every_runs = policies.chunks_of_many([t.text for t in texts], vocab)
            texts = [
                t for t, runs in zip(texts, every_runs, strict=True) if source.theme in policies.themes_of(runs, vocab)
            ]
        total = len(texts)
        CachedAnalysis.objects.filter(pk=cached.pk).update(total=total, done=0)

        def progress(done, _total):
            CachedAnalysis.objects.filter(pk=cached.pk).update(done=min(done, total))

        analysis = policies.analyse(texts, vocab, progress=progress, every=2000)
        with transaction.atomic():
            cached = CachedAnalysis.objects.select_for_update(of=("self",)).get(pk=cached.pk)
            added = _add_arrivals(analysis, cached, source, vocab, read)
            cached.result = {
                **analysis.to_dict(),
                "through": through,  # the responses up to here were read by the full run,
                "waiting": [pk for pk in waiting if pk not in added],  # except these, which did not count yet;
                "added": added,  # these were added one at a time
            }
            _draw_all(cached, analysis)
            cached.total = cached.done = analysis.responses
            cached.status = CachedAnalysis.Status.DONE
            cached.finished_at = now or timezone.now()
            cached.save(update_fields=[*PICTURES, "result", "total", "done", "status", "finished_at"])
    except Exception as exc:
        CachedAnalysis.objects.filter(pk=cached_id).update(status=CachedAnalysis.Status.FAILED, error=str(exc)[:2000])
        raise
    return cached


def _add_arrivals(analysis, cached, source, vocab, read):
    """Add the responses that arrived (or were confirmed) while the full run was reading and counting: every
    counted response of the source the run did not read. Returns their ids."""
    if source.survey is None:
        return []
    from surveys.models import Response

    counted = querysets.counted_responses(source.survey, **source.window()).values_list("pk", flat=True)
    arrived = set(counted) - read
    added = []
    for response in Response.objects.filter(pk__in=arrived).select_related("ward").order_by("pk"):
        if _count_one(analysis, cached, source, vocab, response):
            added.append(response.pk)
    return added


def _count_one(analysis, cached, source, vocab, response, answers=None):
    """Count one response in an analysis if it belongs there: an answer to its question, within its filters."""
    answers = dict(response.answers.values_list("question", "value")) if answers is None else answers
    text = redact(answers.get(cached.question, ""))
    if not text.strip() or not _within(source, response):
        return False
    runs = policies.chunks(text, vocab)
    if source.theme and source.theme not in policies.themes_of(runs, vocab):
        return False
    ward_name = response.ward.name if response.ward_id else ""
    analysis.add(text, ward_name, timezone.localtime(response.submitted_at).date(), runs=runs)
    return True


PICTURES = ("png", "svg", "public_png", "public_svg")


def _draw_all(cached, analysis):
    """The officer's pictures (every term), and for a whole survey the public ones (terms from 5 or more)."""
    cached.png, cached.svg = draw(analysis)
    if cached.survey_id and not any(cached.filters.values()):
        cached.public_png, cached.public_svg = draw(analysis, minimum=SUPPRESSION_THRESHOLD)
    else:
        cached.public_png, cached.public_svg = b"", ""


def draw(analysis, *, minimum=1):
    """(PNG, SVG) of an analysis's cloud: its top terms mentioned by at least `minimum` responses."""
    top = analysis.top(100, minimum=minimum)
    title = cloud.alt_text(top, responses=analysis.responses)
    return cloud.render({term.label: term.count for term in top}, title=title)


def add_response(*, response, vocab=None):
    """Add one new (or newly confirmed) response to every finished analysis of its survey it belongs in, without
    recounting the rest.

    The phrases found by the last full run are kept; the counts, themes and pictures take the new answer. An
    analysis still being built is left to its build, which adds every response it did not read when it finishes
    (see `build`). Returns the number of analyses updated.
    """
    vocab = vocab or querysets.vocabulary()
    answers = dict(response.answers.values_list("question", "value"))
    updated = 0
    for cached_id in (
        CachedAnalysis.objects.filter(survey_id=response.survey_id)
        .exclude(status=CachedAnalysis.Status.FAILED)
        .values_list("pk", flat=True)
    ):
        with transaction.atomic():
            # While a build is adding what arrived during its run, this waits for it, then finds the entry done.
            cached = CachedAnalysis.objects.select_for_update(of=("self",)).filter(pk=cached_id).first()
            if cached is None or cached.status != CachedAnalysis.Status.DONE:
                continue
            source = source_of(cached)
            if cached.key != source.key(vocab):
                continue  # made with an older vocabulary: it will be rebuilt when next asked for
            if _already_counted(cached.result, response.pk):
                continue
            analysis = policies.Analysis.from_dict(cached.result, vocab)
            if not _count_one(analysis, cached, source, vocab, response, answers):
                continue
            cached.result = {
                **analysis.to_dict(),
                "through": cached.result.get("through", 0),
                "waiting": [pk for pk in cached.result.get("waiting", []) if pk != response.pk],
                "added": [*cached.result.get("added", []), response.pk],  # so running the task twice counts once
            }
            _draw_all(cached, analysis)
            cached.total = cached.done = analysis.responses
            cached.save(update_fields=[*PICTURES, "result", "total", "done"])
            updated += 1
    return updated


def _already_counted(result, response_id):
    """Whether a finished analysis has counted this response: read by its full run, or added since."""
    if response_id in result.get("added", []):
        return True
    return response_id <= result.get("through", 0) and response_id not in result.get("waiting", [])


def _within(source, response):
    if source.ward is not None and response.ward_id != source.ward.pk:
        return False
    day = timezone.localtime(response.submitted_at).date()
    if source.date_from and day < source.date_from:
        return False
    return not (source.date_to and day > source.date_to)


def forget_survey(survey_id):
    """Responses were removed: the survey's analyses are out of date and are rebuilt when next asked for."""
    CachedAnalysis.objects.filter(survey_id=survey_id).delete()


# Importing free text ------------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    text_set: TextSet | None = None
    imported: int = 0
    skipped: list = field(default_factory=list)  # [(row number, reason)]


@transaction.atomic
def import_text_set(*, name, description, csv_text, user, now):
    """Import any free text from CSV (a "text" column; optional "ward" and "date"), redacted before it is stored.

    The text column may also be called question, comment, concern or answer. Ward is an ONS code or a ward name;
    date is YYYY-MM-DD or DD/MM/YYYY. Rows with no text are skipped and reported.
    """
    if not name.strip():
        raise DomainError("Enter a name for the imported text", field="name")
    reader = csv.DictReader(io.StringIO(csv_text))
    columns = {(c or "").strip().lower(): c for c in (reader.fieldnames or [])}
    text_column = next((columns[c] for c in TEXT_COLUMNS if c in columns), None)
    if text_column is None:
        raise DomainError(
            "The CSV file needs a column called “text” (or question, comment, concern or answer)", field="file"
        )
    wards = {}
    for pk, code, ward_name in Ward.objects.values_list("pk", "code", "name"):
        wards[code.lower()] = wards[ward_name.lower()] = pk
    text_set = TextSet.objects.create(name=name.strip(), description=description, imported_at=now, imported_by=user)
    report = ImportReport(text_set=text_set)
    rows = []
    for number, row in enumerate(reader, start=2):
        if len(rows) >= IMPORT_LIMIT:
            raise DomainError(
                f"The file has more than {IMPORT_LIMIT:,} rows: split it into smaller files", field="file"
            )
        text = (row.get(text_column) or "").strip()
        if not text:
            report.skipped.append((number, "No text"))
            continue
        ward_value = (row.get(columns.get("ward", ""), "") or "").strip().lower()
        written_on, problem = _date(row.get(columns.get("date", ""), "") or "")
        if problem:
            report.skipped.append((number, problem))
            continue
        rows.append(
            ImportedText(text_set=text_set, text=redact(text), ward_id=wards.get(ward_value), written_on=written_on)
        )
    ImportedText.objects.bulk_create(rows, batch_size=2000)
    report.imported = len(rows)
    if not rows:
        raise DomainError("The file has no rows with text to import", field="file")
    return report


def _date(value):
    value = value.strip()
    if not value:
        return None, ""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date(), ""
        except ValueError:
            continue
    return None, f"“{value}” is not a date like 2026-05-31 or 31/05/2026"


# Publishing ---------------------------------------------------------------------------------------------------


@transaction.atomic
def publish_concerns(*, survey, question, show_cloud, show_table, show_themes, user, now):
    """Show (or, with nothing ticked, stop showing) a survey's concerns on its public results page."""
    references = {q.reference for q in survey.questionnaire().questions() if q.is_free_text}
    if question not in references:
        raise DomainError("Choose one of the survey's written-answer questions", field="question")
    if not (show_cloud or show_table or show_themes):
        ConcernPublication.objects.filter(survey=survey).delete()
        return None
    publication, _ = ConcernPublication.objects.update_or_create(
        survey=survey,
        defaults={
            "question": question,
            "show_cloud": show_cloud,
            "show_table": show_table,
            "show_themes": show_themes,
            "updated_at": now,
            "updated_by": user,
        },
    )
    return publication
