"""Every change to an ASB Case Review happens here: the applicant's draft and submission, and each step case officers
take. Keyword arguments, `now=`, atomic; the case is locked before its status is checked; refusals are DomainErrors
written for the person who tried; every staff change is in the audit log."""

from datetime import date

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse

from case_reviews import letters, policies
from case_reviews.exceptions import CaseReviewError, NotADraft, StepNotAllowed
from case_reviews.models import (
    AffectedPerson,
    Appeal,
    Application,
    BodyNotification,
    CaseEvent,
    CaseReviewSettings,
    Evidence,
    Incident,
    IncidentReport,
    Letter,
    PccArea,
    PccReview,
    Recommendation,
    RelevantBody,
    Status,
)
from core import audit
from core.notifications import queue_email

TOKEN_SALT = "case-reviews.application"
RESUME_LINK_DAYS = 30


# Signed links ---------------------------------------------------------------------------------------------------


def application_token(application):
    """The signed part of the applicant's link: it names the application and cannot be guessed or altered."""
    return signing.dumps(str(application.public_id), salt=TOKEN_SALT)


def application_from_token(token, *, max_age_days=RESUME_LINK_DAYS):
    """The application a link points to, or None. A draft's link lasts 30 days from when it was made (the draft is
    deleted then anyway); a sent application's link lasts as long as the case, so the applicant can follow it."""
    try:
        public_id = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    application = Application.objects.filter(public_id=public_id, anonymised_at__isnull=True).first()
    if application is None:
        return None
    if application.is_draft:
        try:
            signing.loads(token, salt=TOKEN_SALT, max_age=max_age_days * 86400)
        except signing.SignatureExpired:
            return None
    return application


def link_for(application):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("case_reviews:overview", args=[application_token(application)])


# The applicant's draft ------------------------------------------------------------------------------------------


def start_application(*, now):
    return Application.objects.create(created_at=now, updated_at=now)


def _draft(application):
    if not application.is_draft:
        raise NotADraft()


def save_answers(*, application, answers, now):
    """Store one page's answers on the draft; only the fields the page owns are passed in."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        _draft(application)
        for name, value in answers.items():
            setattr(application, name, value)
        application.updated_at = now
        application.save()
    return application


def add_incident(*, application, happened_on, what_happened, hate, report, happened_at_time=None, now):
    """One incident with the first agency it was reported to (CT-052); more agencies are added to it later."""
    with transaction.atomic():
        _draft(application)
        if application.incidents.count() >= 50:
            raise CaseReviewError("You can list up to 50 incidents. Describe the rest in your own words instead.")
        incident = Incident.objects.create(
            application=application,
            happened_on=happened_on,
            happened_at_time=happened_at_time,
            what_happened=what_happened,
            hate=hate,
        )
        if report:
            add_report(incident=incident, now=now, **report)
        Application.objects.filter(pk=application.pk).update(updated_at=now)
    return incident


def add_report(*, incident, reported_on, agency, agency_name="", officer="", reference="", action_promised="",
               outcome="", reported_by="", now):  # fmt: skip
    """Another agency the same incident was reported to: it still counts once (CT-033)."""
    _draft(incident.application)
    if reported_on < incident.happened_on:
        raise CaseReviewError("The date it was reported must be the same as or after the date it happened.",
                              field="reported_on")  # fmt: skip
    if incident.reports.count() >= 10:
        raise CaseReviewError("You can add up to 10 agencies for one incident.")
    return IncidentReport.objects.create(
        incident=incident,
        reported_on=reported_on,
        agency=agency,
        agency_name=agency_name,
        officer=officer,
        reference=reference,
        action_promised=action_promised,
        outcome=outcome,
        reported_by=reported_by,
    )


def remove_incident(*, application, incident_id, now):
    _draft(application)
    application.incidents.filter(pk=incident_id).delete()
    Application.objects.filter(pk=application.pk).update(updated_at=now)


def add_affected_person(*, application, name, contact="", consents=False, now):
    """Another person affected, named on a group application or by one of several neighbours (CT-022)."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        _draft(application)
        if not application.names_other_people:
            raise CaseReviewError("Only a group, or one of several people affected, can name other people.")
        if application.affected_people.count() >= policies.MAX_AFFECTED_PEOPLE:
            raise CaseReviewError(
                f"You can name up to {policies.MAX_AFFECTED_PEOPLE} people. Describe the rest in your own words "
                "on the page about the behaviour."
            )
        person = AffectedPerson.objects.create(
            application=application, name=name.strip(), contact=contact.strip(), consents=consents
        )
        Application.objects.filter(pk=application.pk).update(updated_at=now)
    return person


def remove_affected_person(*, application, person_id, now):
    _draft(application)
    application.affected_people.filter(pk=person_id).delete()
    Application.objects.filter(pk=application.pk).update(updated_at=now)


def group_consent_problem(application):
    """Why a group application cannot go on for want of agreement (CT-022), or "" (see policies)."""
    return policies.group_consent_problem(
        basis=application.basis,
        consenting=application.affected_people.filter(consents=True).count(),
        needed=CaseReviewSettings.load().group_consents_needed,
    )


def add_evidence(*, application, upload, kind=Evidence.Kind.EVIDENCE, now):
    """Store one file, after checking its name, type, size and first bytes (CT-057). Nothing is written for a file
    that fails: the check happens before the storage is touched."""
    _draft(application)
    head = upload.read(16)
    upload.seek(0)
    problem = policies.check_upload(
        name=upload.name or "", content_type=upload.content_type or "", size=upload.size or 0, head=head
    )
    if problem:
        raise CaseReviewError(problem, field="file")
    if application.evidence.count() >= policies.MAX_FILES:
        raise CaseReviewError(f"You can send up to {policies.MAX_FILES} files.", field="file")
    return Evidence.objects.create(
        application=application,
        kind=kind,
        file=upload,
        original_name=(upload.name or "file")[-200:],
        content_type=upload.content_type,
        size=upload.size,
        uploaded_at=now,
    )


def remove_evidence(*, application, evidence_id):
    _draft(application)
    evidence = application.evidence.filter(pk=evidence_id).first()
    if evidence:
        evidence.file.delete(save=False)
        evidence.delete()


def incident_facts(application):
    incidents = application.incidents.prefetch_related("reports")
    return [
        policies.IncidentFacts(
            happened_on=incident.happened_on,
            hate=incident.hate or False,
            label=f"Incident on {incident.happened_on:%-d %B %Y}",
            reports=tuple(
                policies.Report(reported_on=r.reported_on, agency=r.agency, reported_by=r.reported_by)
                for r in incident.reports.all()
            ),
        )
        for incident in incidents
    ]


def precheck(application, *, today):
    """The indicative pre-check the applicant sees (CT-039): advisory only, never a reason to refuse (GD-034)."""
    rules = CaseReviewSettings.load().rules()
    return policies.evaluate_threshold(incident_facts(application), applied_on=today, rules=rules)


def missing_answers(application):
    """What must be answered before sending, as (page, message). The threshold is never one of them (CT-039)."""
    missing = []
    if not application.basis:
        missing.append(("basis", "Say who is applying"))
    if not application.applicant_name.strip():
        missing.append(("applicant", "Give your name: we cannot accept an anonymous application"))
    if not (application.email or application.phone or application.address):
        missing.append(("applicant", "Give at least one way to contact you"))
    if application.basis == "on_behalf":
        if not application.victim_name.strip():
            missing.append(("victim", "Give the name of the person you are applying for"))
        if not application.victim_consent:
            missing.append(("victim", "Confirm the person you are applying for has agreed"))
    if application.names_other_people and (problem := group_consent_problem(application)):
        missing.append(("people", problem.rstrip(".")))
    if not application.contact_channel:
        missing.append(("contact", "Say how it is safe to contact you"))
    if not application.description.strip():
        missing.append(("behaviour", "Describe the behaviour"))
    if not application.declaration:
        missing.append(("declaration", "Confirm the declaration"))
    if not application.data_sharing_consent:
        missing.append(("declaration", "Agree to your details being shared with the relevant bodies"))
    return missing


def submit_application(*, application, now):
    """Send the application (CT-012, CT-039, CT-080): a reference, the pre-check kept for the officers, every
    relevant body told and logged, the applicant's receipt, and the clock started. Sending twice is harmless."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if not application.is_draft:
            return application
        missing = missing_answers(application)
        if missing:
            raise CaseReviewError(missing[0][1] + ".")
        if not application.names_other_people:
            # Named while the basis was a group, then the basis changed: nobody else's details go with it.
            application.affected_people.all().delete()
        outcome = precheck(application, today=now.date())
        application.reference = f"ASB-{now:%Y}-{application.pk:05d}"
        application.status = Status.RECEIVED
        application.submitted_at = now
        application.updated_at = now
        application.precheck = {
            "met": outcome.met,
            "route": outcome.route,
            "qualifying": outcome.qualifying,
            "needed": outcome.needed,
            "summary": outcome.summary,
            "incidents": [
                {"label": v.incident.label, "qualifies": v.qualifies, "reason": v.reason} for v in outcome.verdicts
            ],
        }
        application.pcc_area = pcc_area_for(application)
        application.save()
        CaseEvent.objects.create(application=application, status=Status.RECEIVED, at=now, note="Sent online.")
        notify_relevant_bodies(application=application, now=now)
        _write_to_applicant(application, "received", now=now)
    return application


def pcc_area_for(application):
    """The PCC area the case falls in (CT-107): by the postcode of the person affected, else the applicant's, through
    its ward's local authority. With one area configured, every case is in it; unknown otherwise."""
    from core.models import Postcode
    from core.postcodes import is_valid_postcode, normalise_postcode

    areas = list(PccArea.objects.prefetch_related("local_authorities"))
    if len(areas) <= 1:
        return areas[0] if areas else None
    for raw in (application.victim_postcode, application.postcode):
        if not is_valid_postcode(raw):
            continue
        record = Postcode.objects.lookup(normalise_postcode(raw))
        if record is None or record.ward is None:
            continue
        for area in areas:
            if any(la.pk == record.ward.local_authority_id for la in area.local_authorities.all()):
                return area
    return None


def notify_relevant_bodies(*, application, now):
    """Tell every active relevant body of the application, once each, and log when (CT-012). The email names
    the reference only: the details travel by the partnership's secure channel (GD-013)."""
    told = 0
    already = set(application.notifications.values_list("body_id", flat=True))
    for body in RelevantBody.objects.filter(active=True).exclude(pk__in=already):
        message = queue_email(
            to=body.email,
            template="case_reviews/emails/body_notified",
            context={"reference": application.reference, "submitted": application.submitted_at, "body_name": body.name},
            purpose="case-review-body-notified",
        )
        BodyNotification.objects.create(application=application, body=body, notified_at=now, message=message)
        told += 1
    return told


def _letter_values(application, *, now, **extra):
    review_settings = CaseReviewSettings.load()
    targets = targets_from(review_settings)
    due = policies.next_due(application.status, case_dates(application), targets)
    values = {
        "reference": application.reference,
        "name": application.applicant_name,
        "spoc": application.spoc.get_full_name() or application.spoc.email if application.spoc else "the case team",
        "reasons": application.threshold_reasons,
        "signposting": application.signposting or "We will explain your options.",
        "due": f"{due.due_on:%-d %B %Y}" if due else "",
        "link": link_for(application),
        "meeting": f"{application.meeting_at:%-d %B %Y at %H:%M}" if application.meeting_at else "",
        "chair": application.chair,
        "outcome": application.outcome_summary,
        "disqualifier": application.get_disqualifier_display().lower() if application.disqualifier else "",
        "disqualifier_reasons": application.disqualifier_reasons,
        "disqualifiers_explanation": review_settings.disqualifiers_explanation,
        "pcc_route": _pcc_route(review_settings, application, now=now),
    }
    values.update(extra)
    return values


def _pcc_route(review_settings, application, *, now):
    """The sentence telling the applicant they can ask the PCC to review a decision (CT-106), when it is switched
    on; empty otherwise, so a letter never offers a route the partnership does not run."""
    if not review_settings.pcc_review_enabled:
        return ""
    by = policies.add_working_days(_day(now), review_settings.pcc_request_window_days)
    return (
        f"You can also ask the {review_settings.pcc_office_name} to review this decision, by {by:%-d %B %Y}. "
        "Tell your point of contact, or contact the office directly."
    )


def _write_to_applicant(application, key, *, now, **extra):
    """Write the step's letter and keep it on the case. It is emailed when email is how it is safe to reach the
    applicant; otherwise the case says the officer must post it or read it out by phone, and the letter waits in
    the list of letters to send (the applicant's safe-contact choice comes first)."""
    subject, body = letters.letter(key, _letter_values(application, now=now, **extra))
    channel = application.contact_channel or ("email" if application.email else "letter")
    emailed = bool(application.email and channel == "email")
    Letter.objects.create(
        application=application, key=key, subject=subject, body=body, channel=channel, created_at=now,
        emailed=emailed, sent_at=now if emailed else None,
    )  # fmt: skip
    if emailed:
        queue_email(
            to=application.email,
            template="case_reviews/emails/letter",
            context={"subject": subject, "body": body, "partnership_name": CaseReviewSettings.load().contact_name},
            purpose=f"case-review-{key}",
        )
        return True
    how = "post" if channel == "letter" else application.get_contact_channel_display().lower()
    CaseEvent.objects.create(
        application=application, status=application.status, at=now, note=f"Letter to send by {how}: {subject}"
    )
    return False


def mark_letter_sent(*, letter, user, now):
    """The officer has posted the letter (or read it out by phone): it leaves the list of letters to send."""
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.emailed or letter.sent_at:
            return letter
        letter.sent_at = now
        letter.sent_by = user
        letter.save(update_fields=["sent_at", "sent_by"])
        how = "posted" if letter.channel == "letter" else "given by phone"
        CaseEvent.objects.create(
            application=letter.application, status=letter.application.status, at=now, by=user,
            note=f"Letter {how}: {letter.subject}",
        )  # fmt: skip
        audit.record(actor=user, action=audit.CHANGE, obj=letter.application, detail=f"marked letter {letter.pk} sent")
    return letter


# Clocks -----------------------------------------------------------------------------------------------------------


def targets_from(review_settings):
    return policies.Targets(
        acknowledge=review_settings.acknowledge_days,
        threshold=review_settings.threshold_days,
        meeting=review_settings.meeting_days,
        outcome=review_settings.outcome_days,
        appeal_window=review_settings.appeal_window_days,
        appeal_decision=review_settings.appeal_decision_days,
        pcc_review=review_settings.pcc_review_days,
    )


def _day(value):
    from django.utils import timezone

    return timezone.localdate(value) if value else None


def case_dates(application, open_appeal=None):
    dates = {
        "submitted": _day(application.submitted_at),
        "decided": _day(application.threshold_decided_at),
        "meeting": _day(application.meeting_at),
        "held": _day(application.review_held_at),
        "outcome": _day(application.outcome_sent_at),
    }
    if application.status == Status.APPEAL:
        appeal = open_appeal or application.appeals.filter(decided_at__isnull=True).last()
        dates["appeal"] = _day(appeal.received_at) if appeal else dates["submitted"]
    if application.status == Status.PCC_REVIEW:
        request = application.pcc_reviews.filter(decided_at__isnull=True).last()
        dates["pcc"] = _day(request.requested_at) if request else dates["submitted"]
    return dates


def due_for(application, targets, open_appeal=None):
    try:
        return policies.next_due(application.status, case_dates(application, open_appeal), targets)
    except (KeyError, TypeError):
        return None


# Officer steps ----------------------------------------------------------------------------------------------------


def _lock_for(application, action):
    locked = Application.objects.select_for_update().get(pk=application.pk)
    enabled = CaseReviewSettings.load().pcc_review_enabled
    if not policies.can(action, locked.status, pcc_review_enabled=enabled):
        raise StepNotAllowed(f"That step cannot be taken while the case is '{locked.get_status_display().lower()}'.")
    return locked


def _moved(application, status, *, user, now, note="", detail):
    application.status = status
    application.save()
    CaseEvent.objects.create(application=application, status=status, at=now, by=user, note=note)
    audit.record(actor=user, action=audit.CHANGE, obj=application, detail=detail)


def acknowledge(*, application, user, spoc, victim_support_offered=False, now):
    """Acknowledge the application and name the single point of contact (CT-083, CT-091, CT-093)."""
    if spoc is None:
        raise CaseReviewError("Choose the single point of contact for this case.", field="spoc")
    with transaction.atomic():
        application = _lock_for(application, "acknowledge")
        application.spoc = spoc
        application.acknowledged_at = now
        application.victim_support_offered = victim_support_offered
        _moved(application, Status.ACKNOWLEDGED, user=user, now=now, detail="acknowledged the application")
        _write_to_applicant(application, "acknowledged", now=now)
    return application


def decide_threshold(*, application, user, met, route, reasons, persistence="", harm="", response="",
                     signposting="", disqualifier="", disqualifier_reasons="", now):  # fmt: skip
    """Record the threshold decision with its reasons (CT-030, CT-034, CT-035, CT-081, CT-094), or that a
    disqualifier in the partnership's procedures applies, with the reasons the applicant is told (CT-038)."""
    with transaction.atomic():
        application = _lock_for(application, "decide_threshold")
        if application.spoc is None:
            raise CaseReviewError("Acknowledge the case and name its single point of contact first.")
        rules = CaseReviewSettings.load().rules()
        automatic = policies.evaluate_threshold(
            incident_facts(application), applied_on=_day(application.submitted_at), rules=rules
        )
        problems = policies.check_threshold_decision(
            met=met,
            automatic=automatic,
            reasons=reasons,
            factors={"persistence": persistence, "harm": harm, "response": response},
            disqualifier=disqualifier,
            disqualifier_reasons=disqualifier_reasons,
            rules=rules,
        )
        if met and route in ("not_met", "disqualified"):
            problems.setdefault("route", "Choose on what basis the threshold is met.")
        if not met and not signposting.strip():
            problems.setdefault("signposting", "Record the signposting or onward referral (CT-094).")
        if problems:
            field, message = next(iter(problems.items()))
            raise CaseReviewError(message, field=field)
        application.threshold_met = met
        application.threshold_route = route if met else ("disqualified" if disqualifier else "not_met")
        application.disqualifier = disqualifier
        application.disqualifier_reasons = disqualifier_reasons if disqualifier else ""
        application.threshold_reasons = reasons
        application.persistence_view = persistence
        application.harm_view = harm
        application.response_view = response
        application.signposting = signposting
        application.threshold_decided_at = now
        application.spoc = application.spoc or user
        status = Status.THRESHOLD_MET if met else Status.THRESHOLD_NOT_MET
        detail = "met" if met else (f"not met, disqualified ({disqualifier})" if disqualifier else "not met")
        _moved(application, status, user=user, now=now, detail=f"threshold decided: {detail}")
        _write_to_applicant(application, "threshold_disqualified" if disqualifier else status, now=now)
    return application


def schedule_meeting(*, application, user, meeting_at, chair, chair_independence, victim_involvement, now):
    """Fix the review meeting: when, who chairs and why they are independent, how the victim takes part (CT-089,
    CT-090, CT-092)."""
    if not chair.strip():
        raise CaseReviewError("Name the chair of the review meeting.", field="chair")
    with transaction.atomic():
        application = _lock_for(application, "schedule_meeting")
        application.meeting_at = meeting_at
        application.chair = chair
        application.chair_independence = chair_independence
        application.victim_involvement = victim_involvement
        _moved(application, Status.MEETING_SCHEDULED, user=user, now=now, detail="scheduled the review meeting")
        _write_to_applicant(application, "meeting_scheduled", now=now)
    return application


def hold_review(*, application, user, now, note=""):
    with transaction.atomic():
        application = _lock_for(application, "hold_review")
        application.review_held_at = now
        _moved(application, Status.REVIEW_HELD, user=user, now=now, note=note, detail="recorded the review as held")
    return application


def share_action_plan(*, application, user, now, note=""):
    """The victim is consulted on the draft action plan before it is final (CT-090)."""
    with transaction.atomic():
        application = _lock_for(application, "share_action_plan")
        application.action_plan_shared_at = now
        _moved(application, Status.ACTION_PLAN_SHARED, user=user, now=now, note=note, detail="shared the draft plan")
        _write_to_applicant(application, "action_plan_shared", now=now)
    return application


def send_outcome(*, application, user, summary, now):
    """Tell the applicant the outcome of the review (CT-081, CT-086)."""
    if not summary.strip():
        raise CaseReviewError("Write the outcome the applicant will be sent.", field="summary")
    with transaction.atomic():
        application = _lock_for(application, "send_outcome")
        application.outcome_summary = summary
        application.outcome_sent_at = now
        _moved(application, Status.OUTCOME_SENT, user=user, now=now, detail="sent the outcome")
        _write_to_applicant(application, "outcome_sent", now=now)
    return application


def open_appeal(*, application, user, ground, details, by_agency=False, now):
    """An appeal against the threshold decision or the conduct of the review (CT-100..CT-104)."""
    if not details.strip():
        raise CaseReviewError("Say what the appeal is about.", field="details")
    with transaction.atomic():
        application = _lock_for(application, "open_appeal")
        kind = Appeal.Kind.THRESHOLD if application.status == Status.THRESHOLD_NOT_MET else Appeal.Kind.CONDUCT
        if kind == Appeal.Kind.THRESHOLD and ground != Appeal.Ground.THRESHOLD_WRONG:
            raise CaseReviewError("An appeal against a 'not met' decision is on the threshold ground.", field="ground")
        if kind == Appeal.Kind.CONDUCT and ground == Appeal.Ground.THRESHOLD_WRONG:
            raise CaseReviewError("The threshold was met; choose what the review failed to consider.", field="ground")
        appeal = Appeal.objects.create(
            application=application, kind=kind, ground=ground, by_agency=by_agency, details=details, received_at=now
        )
        _moved(application, Status.APPEAL, user=user, now=now, detail=f"opened a {kind} appeal")
        _write_to_applicant(application, "appeal_received", now=now)
    return appeal


def decide_appeal(*, application, user, outcome, reasons, now):
    """Decide the open appeal (CT-105). Upheld: the threshold or the review is looked at again; not upheld: the
    case returns to where it was, ready to close."""
    if not reasons.strip():
        raise CaseReviewError("Give the reasons for the appeal decision.", field="reasons")
    with transaction.atomic():
        application = _lock_for(application, "decide_appeal")
        appeal = application.appeals.filter(decided_at__isnull=True).last()
        appeal.outcome = outcome
        appeal.outcome_reasons = reasons
        appeal.decided_at = now
        appeal.save()
        upheld = outcome == Appeal.Outcome.REFERRED_BACK
        if appeal.kind == Appeal.Kind.THRESHOLD:
            status = Status.ACKNOWLEDGED if upheld else Status.THRESHOLD_NOT_MET
        else:
            status = Status.THRESHOLD_MET if upheld else Status.OUTCOME_SENT
        if upheld and appeal.kind == Appeal.Kind.THRESHOLD:
            application.threshold_met = None
            application.threshold_decided_at = None
        _moved(application, status, user=user, now=now, note=reasons, detail=f"decided the appeal: {outcome}")
        _write_to_applicant(application, "appeal_decided", now=now, reasons=reasons)
    return appeal


def request_pcc_review(*, application, user, details, by_agency=False, now):
    """The applicant has asked the Police and Crime Commissioner to review a decision, or the partnership refers it
    (CT-106, CT-104): a 'threshold not met' decision or a review's outcome. The PCC's office is told by reference
    only (GD-013); the clock for its answer starts."""
    if not details.strip():
        raise CaseReviewError("Say what the PCC is asked to look at.", field="details")
    review_settings = CaseReviewSettings.load()
    with transaction.atomic():
        application = _lock_for(application, "request_pcc_review")
        about = PccReview.About.THRESHOLD if application.status == Status.THRESHOLD_NOT_MET else PccReview.About.OUTCOME
        request = PccReview.objects.create(
            application=application, about=about, by_agency=by_agency, details=details, requested_at=now
        )
        if review_settings.pcc_office_email:
            queue_email(
                to=review_settings.pcc_office_email,
                template="case_reviews/emails/pcc_review_requested",
                context={"reference": application.reference, "about": request.get_about_display().lower(),
                         "office": review_settings.pcc_office_name, "partnership_name": review_settings.contact_name},
                purpose="case-review-pcc-review-requested",
            )  # fmt: skip
            request.office_told_at = now
            request.save(update_fields=["office_told_at"])
        _moved(application, Status.PCC_REVIEW, user=user, now=now, note=details,
               detail=f"asked the PCC to review the {about} decision")  # fmt: skip
        _write_to_applicant(application, "pcc_review_requested", now=now, pcc_office=review_settings.pcc_office_name)
    return request


def record_pcc_decision(*, application, user, decision, reasons, now):
    """Record the PCC's answer (CT-106). If the PCC asks the relevant bodies to look again, a threshold decision is
    made afresh and an outcome goes back to a new review; if the decision stands, the case returns to where it was,
    ready to close."""
    if not reasons.strip():
        raise CaseReviewError("Record the PCC's reasons: the applicant is told them.", field="reasons")
    with transaction.atomic():
        application = _lock_for(application, "record_pcc_decision")
        request = application.pcc_reviews.filter(decided_at__isnull=True).last()
        request.decision = decision
        request.decision_reasons = reasons
        request.decided_at = now
        request.save()
        again = decision == PccReview.Decision.RECONSIDER
        if request.about == PccReview.About.THRESHOLD:
            status = Status.ACKNOWLEDGED if again else Status.THRESHOLD_NOT_MET
            if again:
                application.threshold_met = None
                application.threshold_decided_at = None
        else:
            status = Status.THRESHOLD_MET if again else Status.OUTCOME_SENT
        _moved(application, status, user=user, now=now, note=reasons, detail=f"recorded the PCC's decision: {decision}")
        _write_to_applicant(application, "pcc_review_decided", now=now, reasons=reasons,
                            pcc_office=CaseReviewSettings.load().pcc_office_name)  # fmt: skip
    return request


def close_case(*, application, user, reason, now):
    """Close the case with the reason the victim is told (CT-091)."""
    if not reason.strip():
        raise CaseReviewError("Give the reason for closing: the applicant will be told it.", field="reason")
    with transaction.atomic():
        application = _lock_for(application, "close")
        if application.spoc is None:
            application.spoc = user
        application.closure_reason = reason
        application.closed_at = now
        _moved(application, Status.CLOSED, user=user, now=now, note=reason, detail="closed the case")
        _write_to_applicant(application, "closed", now=now, reasons=reason)
    return application


def add_recommendation(*, application, user, text, owner, due_on, now):
    """A recommendation with its owner agency and due date (CT-082, CT-094)."""
    if not text.strip():
        raise CaseReviewError("Write the recommendation.", field="text")
    with transaction.atomic():
        application = _lock_for(application, "add_recommendation")
        recommendation = Recommendation.objects.create(
            application=application, text=text, owner=owner, due_on=due_on, created_at=now
        )
        audit.record(actor=user, action=audit.CHANGE, obj=application, detail="added a recommendation")
    return recommendation


def update_recommendation(*, recommendation, user, state, note=""):
    if state == Recommendation.State.NOT_ACCEPTED and not note.strip():
        raise CaseReviewError("Record why the recommendation was not accepted.", field="note")
    with transaction.atomic():
        recommendation.state = state
        recommendation.note = note
        recommendation.save()
        audit.record(actor=user, action=audit.CHANGE, obj=recommendation.application, detail="updated a recommendation")
    return recommendation


def change_spoc(*, application, user, spoc):
    if spoc is None:
        raise CaseReviewError("Choose the single point of contact.", field="spoc")
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        application.spoc = spoc
        application.save(update_fields=["spoc"])
        audit.record(actor=user, action=audit.CHANGE, obj=application, detail="changed the single point of contact")
    return application


# Retention (GD-020) -------------------------------------------------------------------------------------------------

PERSONAL_FIELDS = [
    "applicant_name", "organisation_name", "email", "phone", "address", "postcode", "victim_name",
    "victim_address", "victim_postcode", "victim_phone", "victim_email", "landlord", "safe_times", "description",
    "location", "witnesses", "impact", "desired_outcome", "health_or_disability", "communication_needs",
    "threshold_reasons", "persistence_view", "harm_view", "response_view", "signposting", "disqualifier_reasons",
    "chair_independence",
    "outcome_summary", "closure_reason",
]  # fmt: skip


def anonymise(*, application, now):
    """Wipe a closed case's personal data, keeping the dates and outcomes the statistics count (GD-020)."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.anonymised_at:
            return application
        for name in PERSONAL_FIELDS:
            setattr(application, name, "")
        application.hate_motivations = []
        application.equality = {}
        application.precheck = {}
        application.victim_support_referral = None
        application.anonymised_at = now
        application.save()
        for evidence in application.evidence.all():
            evidence.file.delete(save=False)
        application.evidence.all().delete()
        application.incidents.all().delete()
        application.affected_people.all().delete()
        application.events.update(note="")
        application.appeals.update(details="", outcome_reasons="")
        application.pcc_reviews.update(details="", decision_reasons="")
        application.letters.all().delete()
        application.recommendations.update(note="")
    return application


def draft_expiry(now) -> date:
    return policies.add_months(now.date(), -1)


# The daily digest (CT-088) ----------------------------------------------------------------------------------------


def due_rows(*, today):
    """Every open case's next step and due date, as (reference, Due), overdue or not."""
    targets = targets_from(CaseReviewSettings.load())
    rows = []
    for application in Application.objects.open_cases().prefetch_related("appeals"):
        open_appeal = next((a for a in reversed(list(application.appeals.all())) if a.decided_at is None), None)
        due = due_for(application, targets, open_appeal)
        if due:
            rows.append({"reference": application.reference, "due": due, "pk": application.pk})
    return rows


def send_daily_digest(*, now):
    """Email every case officer the overdue cases and those due in the next two working days, once a day. Returns
    how many emails were queued (0 when today's digest has gone already, or there is nothing to say)."""
    from django.db import IntegrityError

    from case_reviews.forms import case_staff
    from case_reviews.models import DigestRun

    today = now.date()
    soon = policies.add_working_days(today, 2)
    rows = due_rows(today=today)
    overdue = [row for row in rows if row["due"].overdue(today)]
    due_soon = [row for row in rows if not row["due"].overdue(today) and row["due"].due_on <= soon]
    if not overdue and not due_soon:
        return 0
    try:
        with transaction.atomic():
            DigestRun.objects.create(sent_on=today, cases=len(overdue) + len(due_soon))
            base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
            officers = case_staff()
            for officer in officers:
                queue_email(
                    to=officer.email,
                    template="case_reviews/emails/digest",
                    context={
                        "today": today,
                        "overdue": overdue,
                        "due_soon": due_soon,
                        "cases_url": base + reverse("case_reviews:cases"),
                    },
                    purpose="case-review-digest",
                )
            return officers.count()
    except IntegrityError:
        return 0
