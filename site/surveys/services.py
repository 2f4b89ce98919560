"""Writes: every change to surveys, responses, drafts, polls and exports happens here.

Each service takes keyword arguments and `now`, runs in one transaction and raises a DomainError (with a message
for the person who tried) when a rule says no. The database guards the invariants too: one response per
person per survey and one vote per person per poll are unique constraints, so a race cannot get round them.
"""

import csv
import hashlib
import hmac
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.exceptions import InvalidPostcode
from core.forms import whole_number
from core.models import Postcode, Ward
from core.notifications import queue_email
from core.postcodes import normalise_postcode
from surveys import policies
from surveys.exceptions import (
    AlreadyResponded,
    AlreadyVoted,
    DraftExpired,
    IncompleteAnswers,
    PollClosed,
    SurveyClosed,
    SurveyNotOpenYet,
)
from surveys.exports import undo_defuse
from surveys.forms import field_for
from surveys.models import Answer, ExportJob, PollVote, Response, SurveyDraft, WardPopulation
from surveys.policies import OTHER_SUFFIX, Kind

DRAFT_LIFETIME = timedelta(days=30)
CONFIRMATION_LIFETIME = timedelta(days=7)
DRAFT_SALT = "surveys.draft"
_SECTOR = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9]$")
CONFIRM_SALT = "surveys.confirm"


def respondent_key(*, scope, identity):
    """A keyed hash that recognises the same person again without storing who they are."""
    message = f"{scope}:{identity.strip().lower()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _check_open(survey, now):
    status = survey.status_at(now)
    if status == policies.Status.CLOSED:
        raise SurveyClosed()
    if status == policies.Status.NOT_YET_OPEN:
        raise SurveyNotOpenYet()


def _ward_for(questionnaire, answers):
    code = policies.ward_code_from(questionnaire, answers)
    if code:
        return Ward.objects.filter(code=code).first()
    postcode = policies.postcode_from(questionnaire, answers)
    if postcode:
        record = Postcode.objects.lookup(postcode)
        return record.ward if record else None
    return None


@transaction.atomic
def submit_response(*, survey, answers, respondent, now, email=""):
    """Store a resident's answers as one response, or say kindly why not.

    `respondent` identifies the resident's browser session; when the survey asks residents to confirm by email,
    the email identifies them instead (and the response counts once they click the link we send). Answers to
    questions the resident was not shown are dropped; the survey must be open at `now`.
    """
    _check_open(survey, now)
    questionnaire = survey.questionnaire()
    if policies.missing_answers(questionnaire, answers):
        raise IncompleteAnswers()
    confirming = survey.confirm_by_email
    identity = f"email:{email}" if confirming else f"session:{respondent}"
    key = respondent_key(scope=f"survey:{survey.pk}", identity=identity)
    if Response.objects.filter(survey=survey, respondent_key=key).exists():
        raise AlreadyResponded()
    response = Response(
        survey=survey,
        respondent_key=key,
        ward=_ward_for(questionnaire, answers),
        submitted_at=now,
        status=Response.Status.AWAITING_CONFIRMATION if confirming else Response.Status.SUBMITTED,
    )
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as exc:  # the same person, in a race with themselves
        raise AlreadyResponded() from exc
    _store_answers(response, policies.answer_rows(questionnaire, answers))
    if confirming:
        token = signing.dumps(response.pk, salt=CONFIRM_SALT)
        queue_email(
            to=email,
            template="surveys/emails/confirm_response",
            context={"survey": survey, "link": _link(survey, "confirm", token)},
            purpose="surveys.confirm",
        )
    return response


def _link(survey, route, token):
    return f"{survey.full_url}{survey.reverse_subpage(route)}?{urlencode({'t': token})}"


def _store_answers(response, rows):
    Answer.objects.bulk_create(
        Answer(response=response, question=row.reference, value=row.value, detail=row.detail, number=row.number)
        for row in rows
    )


@transaction.atomic
def confirm_response(*, survey, token, now):
    """The resident clicked the link in their email: their response now counts."""
    try:
        response_id = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRMATION_LIFETIME)
    except signing.BadSignature as exc:
        raise DraftExpired(
            "This confirmation link has expired or is not valid. If you still want to take part, answer the "
            "survey again."
        ) from exc
    response = Response.objects.select_for_update(of=("self",)).filter(pk=response_id, survey=survey).first()
    if response is None:
        raise DraftExpired("We could not find these answers: they may have expired. Please answer the survey again.")
    if response.status != Response.Status.SUBMITTED:
        response.status = Response.Status.SUBMITTED
        response.confirmed_at = now
        response.save(update_fields=["status", "confirmed_at"])
    return response


@transaction.atomic
def save_draft(*, survey, answers, email, now):
    """Keep a resident's answers so far and email them a signed link to come back (the email is not kept)."""
    _check_open(survey, now)
    draft = SurveyDraft.objects.create(
        survey=survey,
        answers=policies.prune(survey.questionnaire(), answers),
        created_at=now,
        expires_at=now + DRAFT_LIFETIME,
    )
    token = signing.dumps(str(draft.pk), salt=DRAFT_SALT)
    queue_email(
        to=email,
        template="surveys/emails/resume_link",
        context={
            "survey": survey,
            "link": _link(survey, "resume", token),
            "expires_at": draft.expires_at,
        },
        purpose="surveys.resume",
    )
    return draft


def resume_draft(*, survey, token, now):
    """The answers a signed resume link points to, while the link and the draft are in date."""
    try:
        draft_id = signing.loads(token, salt=DRAFT_SALT, max_age=DRAFT_LIFETIME)
    except signing.BadSignature as exc:
        raise DraftExpired() from exc
    draft = SurveyDraft.objects.filter(pk=draft_id, survey=survey, expires_at__gt=now).first()
    if draft is None:
        raise DraftExpired()
    return dict(draft.answers)


@transaction.atomic
def cast_vote(*, poll, option_id, voter, now):
    """One vote per person per poll (the database refuses a second), only while the poll is open."""
    if not poll.is_open(now):
        raise PollClosed()
    option = poll.options.filter(pk=option_id).first()
    if option is None:
        raise PollClosed("That answer is not part of this poll. Choose one of the answers shown.", field="option")
    key = respondent_key(scope=f"poll:{poll.pk}", identity=voter)
    try:
        with transaction.atomic():
            return PollVote.objects.create(poll=poll, option=option, voter_key=key, created_at=now)
    except IntegrityError as exc:
        raise AlreadyVoted() from exc


def has_voted(*, poll, voter):
    return PollVote.objects.filter(
        poll=poll, voter_key=respondent_key(scope=f"poll:{poll.pk}", identity=voter)
    ).exists()


# Exports ----------------------------------------------------------------------------------------------------


@transaction.atomic
def request_export(*, survey, user, file_format, now):
    """Start a background export for an officer; they follow its progress and download it when ready."""
    from surveys.tasks import run_export

    job = ExportJob.objects.create(
        survey=survey,
        requested_by=user,
        format=file_format,
        total=Response.objects.filter(survey=survey).counted().count(),
        created_at=now,
    )
    transaction.on_commit(lambda: run_export.enqueue(str(job.pk)))
    return job


# Imports ----------------------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import did, row by row: nothing is dropped without a line here."""

    imported: list = field(default_factory=list)  # (row number, reference)
    rejected: list = field(default_factory=list)  # (row number, [messages])

    @property
    def total(self):
        return len(self.imported) + len(self.rejected)


def _value_from_csv(question, raw):
    """A CSV cell as the answer the survey rules expect, or ValidationError with a plain-English message."""
    raw = (raw or "").strip()
    if not raw:
        return None
    if question.kind == Kind.MULTIPLE_CHOICE:
        raw = [part.strip() for part in raw.split(";") if part.strip()]
    elif question.kind == Kind.DATE:
        try:
            day = datetime.strptime(raw, "%Y-%m-%d").date()
        except ValueError as exc:
            raise forms.ValidationError("Write dates as YYYY-MM-DD, like 2016-05-31") from exc
        raw = [str(day.day), str(day.month), str(day.year)]
    elif question.kind == Kind.POSTCODE:
        if _SECTOR.match(raw.upper()):
            return raw.upper()
        try:
            return policies.postcode_sector(normalise_postcode(raw))
        except InvalidPostcode as exc:
            raise forms.ValidationError("Enter a postcode or a postcode sector, like MK9 3EJ or MK9 3") from exc
    wards = [(code, code) for code in Ward.objects.values_list("code", flat=True)] if question.kind == Kind.WARD else ()
    value = field_for(question, wards).clean(raw)
    return int(value) if question.kind == Kind.RATING else value


def import_responses(*, survey, csv_text, now):
    """Import historical responses (for example the 2016 survey) from CSV in the export's columns.

    Each row is checked like an online answer; good rows are stored, bad rows are reported with every
    problem, and a reference already stored is reported, so importing the same file twice adds nothing.
    """
    questionnaire = survey.questionnaire()
    questions = questionnaire.questions()
    report = ImportReport()
    wards = {ward.code: ward for ward in Ward.objects.all()}
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
    for number, raw_row in enumerate(reader, start=2):
        row = {key: undo_defuse(value) for key, value in raw_row.items() if key}
        problems, answers = [], {}
        reference = (row.get("reference") or "").strip()
        submitted_at = parse_datetime((row.get("submitted_at") or "").strip()) if row.get("submitted_at") else None
        if submitted_at is None:
            problems.append("submitted_at: write the date and time like 2016-05-31T14:30:00+01:00")
        elif timezone.is_naive(submitted_at):
            submitted_at = timezone.make_aware(submitted_at)
        ward_code = (row.get("ward_code") or "").strip()
        if ward_code and ward_code not in wards:
            problems.append(f"ward_code: {ward_code} is not a ward we know")
        for question in questions:
            try:
                value = _value_from_csv(question, row.get(question.reference))
            except forms.ValidationError as exc:
                problems.append(f"{question.reference}: {' '.join(exc.messages)}")
                continue
            if value not in (None, "", []):
                answers[question.reference] = value
                other = (row.get(question.reference + OTHER_SUFFIX) or "").strip()
                if other:
                    answers[question.reference + OTHER_SUFFIX] = other
        if not problems:
            for question in policies.missing_answers(questionnaire, answers):
                problems.append(f"{question.reference}: this question needs an answer")
        if not problems and reference and Response.objects.filter(reference=reference).exists():
            problems.append(f"reference: a response {reference} is already stored")
        if problems:
            report.rejected.append((number, problems))
            continue
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey,
                source=Response.Source.IMPORTED,
                ward=wards.get(ward_code) or _ward_for(questionnaire, answers),
                submitted_at=submitted_at,
                **({"reference": reference} if reference else {}),
            )
            _store_answers(response, _imported_rows(questionnaire, answers))
        report.imported.append((number, response.reference))
    return report


def _imported_rows(questionnaire, answers):
    """Imported postcodes arrive as sectors already; answer_rows keeps a sector as it is."""
    return policies.answer_rows(questionnaire, answers)


@transaction.atomic
def import_ward_populations(*, csv_text, source=""):
    """Load ward populations (ward_code, population) for the representativeness view; returns (stored, problems)."""
    wards = {ward.code: ward for ward in Ward.objects.all()}
    stored, problems = 0, []
    for number, row in enumerate(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))), start=2):
        code = (row.get("ward_code") or "").strip()
        raw = (row.get("population") or "").replace(",", "").strip()
        if code not in wards:
            problems.append((number, f"{code or 'the ward code'} is not a ward we know"))
            continue
        population = whole_number(raw)
        if population is None:
            problems.append((number, "population must be a whole number"))
            continue
        WardPopulation.objects.update_or_create(
            ward=wards[code], defaults={"population": population, "source": source[:200]}
        )
        stored += 1
    return stored, problems
