"""Writes of the Safe Places scheme: registration, decisions, renewal, expiry, hours exceptions, concerns.

Every function takes keyword arguments and the acting user (`by`), takes time as `now`, runs in one
transaction, locks the venue row before reading its status, and raises a DomainError a person can act on.
Emails go through the outbox in the same transaction.
"""

import secrets
from datetime import timedelta

from django.db import transaction
from wagtail.models import Site

from core.exceptions import DomainError
from core.models import PartnershipSettings, Postcode
from core.notifications import queue_email
from safe_places import policies
from safe_places.exceptions import ApprovalBlocked, LocationUnknown, ReasonRequired, WrongVenueStatus
from safe_places.models import HoursException, SafePlacesSettings, Venue, VenueConcern

S = Venue.Status

# The details a venue keeps itself: everything a resident sees, plus the criteria it confirms.
VENUE_FIELDS = (
    "name", "venue_type", "address", "postcode", "phone", "website", "contact_name", "contact_email",
    "bank_holidays", "hours_note", "step_free", "accessible_toilet", "quiet_space", "hearing_loop",
    "trained_staff", "training_date", "training_provider",
    "open_to_public", "has_liability_insurance", "accessible_premises", "agrees_to_procedure",
)  # fmt: skip


class NotAllowed(DomainError):
    default_message = "Only the venue's own account can change its details."


def lock_venue(venue):
    """The venue's row, locked until the transaction ends: decisions and reminders are made one at a time."""
    return Venue.objects.select_for_update(of=("self",)).get(pk=venue.pk)


def _scheme_settings():
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None, None
    return SafePlacesSettings.for_site(site), PartnershipSettings.for_site(site)


def _notify_admins(template, context, purpose):
    scheme, partnership = _scheme_settings()
    to = (scheme and scheme.notify_email) or (partnership and partnership.email)
    if to:
        queue_email(to=to, template=template, context={**context, "partnership": partnership}, purpose=purpose)


def _notify_venue(venue, template, purpose, **context):
    to = (venue.manager.email if venue.manager else "") or venue.contact_email
    if to:
        _, partnership = _scheme_settings()
        queue_email(
            to=to,
            template=template,
            context={"venue": venue, "partnership": partnership, **context},
            purpose=purpose,
        )


def locate(*, postcode, latitude=None, longitude=None):
    """Where a venue is: the point its manager marked, else its postcode's centre; with the postcode's ward."""
    found = Postcode.objects.lookup(postcode)
    if latitude is not None and longitude is not None:
        return latitude, longitude, found.ward if found else None
    if found is None:
        raise LocationUnknown()
    return float(found.latitude), float(found.longitude), found.ward


def _apply(venue, data, week):
    for field in VENUE_FIELDS:
        if field in data:
            setattr(venue, field, data[field])
    if week is not None:
        venue.opening_hours = policies.weekly_hours_to_data(week)


@transaction.atomic
def register_venue(*, by, data, week, latitude=None, longitude=None, now):
    """A venue applies to join the scheme: it waits for an admin's decision (SP-022 "Applied")."""
    if not by.is_authenticated:
        raise NotAllowed("Sign in to register a venue.")
    venue = Venue(manager=by, status=S.PENDING)
    _apply(venue, data, week)
    venue.latitude, venue.longitude, venue.ward = locate(
        postcode=venue.postcode, latitude=latitude, longitude=longitude
    )
    venue.save()
    _notify_admins("safe_places/emails/registered_admin", {"venue": venue}, "safe_places.registered")
    _notify_venue(venue, "safe_places/emails/registered", "safe_places.registered.acknowledgement")
    return venue


@transaction.atomic
def update_venue(*, venue, by, data, week, latitude=None, longitude=None, now):
    """The venue keeps its own details current (SP-052). A venue asked for changes goes back for approval."""
    venue = lock_venue(venue)
    if not by.has_perm("safe_places.edit_venue", venue):
        raise NotAllowed()
    if venue.status in (S.DECLINED, S.WITHDRAWN):
        raise WrongVenueStatus("This venue is no longer in the scheme, so its details cannot be changed.")
    _apply(venue, data, week)
    venue.latitude, venue.longitude, venue.ward = locate(
        postcode=venue.postcode, latitude=latitude, longitude=longitude
    )
    if venue.status == S.CHANGES_REQUESTED:
        venue.status = S.PENDING
        _notify_admins("safe_places/emails/resubmitted_admin", {"venue": venue}, "safe_places.resubmitted")
    venue.save()
    return venue


def _require_admin(by, venue):
    if not by.has_perm("safe_places.decide_venue", venue):
        raise NotAllowed("Only the scheme's admins can decide on venues.")


def _require_status(venue, allowed, action):
    if venue.status not in allowed:
        raise WrongVenueStatus(
            f"This venue cannot be {action}: it is now “{venue.get_status_display().lower()}”. "
            "Someone may have decided it already; reload the page."
        )


def _reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired()
    return reason


@transaction.atomic
def approve_venue(*, venue, by, now):
    """An admin checks the venue against the criteria and makes it live (SP-022 "Checked" to "Live")."""
    _require_admin(by, venue)
    venue = lock_venue(venue)
    _require_status(venue, (S.PENDING, S.EXPIRED, S.SUSPENDED), "approved")
    problems = policies.approval_problems(criteria=venue.criteria, trained_staff=venue.trained_staff)
    if problems:
        raise ApprovalBlocked(" ".join(problems))
    venue.status = S.APPROVED
    venue.decision_reason = ""
    venue.verified_by = by
    venue.verified_at = now
    venue.next_check_due = policies.next_check_due(policies.today_in_london(now))
    venue.reminders_sent = 0
    venue.save()
    _notify_venue(venue, "safe_places/emails/approved", "safe_places.approved")
    return venue


def _decide_with_reason(*, venue, by, reason, allowed_from, to_status, verb, email):
    """An admin's decision that the venue is told the reason for: checked, locked, recorded, then emailed."""
    _require_admin(by, venue)
    reason = _reason(reason)
    venue = lock_venue(venue)
    _require_status(venue, allowed_from, verb)
    venue.status = to_status
    venue.decision_reason = reason
    venue.save()
    _notify_venue(venue, f"safe_places/emails/{email}", f"safe_places.{email}")
    return venue


@transaction.atomic
def request_changes(*, venue, by, reason, now):
    """An admin asks the venue to change something before it can be approved; the venue sees the reason."""
    return _decide_with_reason(
        venue=venue, by=by, reason=reason, allowed_from=(S.PENDING,), to_status=S.CHANGES_REQUESTED,
        verb="sent back for changes", email="changes_requested",
    )  # fmt: skip


@transaction.atomic
def decline_venue(*, venue, by, reason, now):
    """An admin turns an application down, with a reason the venue is told."""
    return _decide_with_reason(
        venue=venue, by=by, reason=reason, allowed_from=(S.PENDING, S.CHANGES_REQUESTED), to_status=S.DECLINED,
        verb="declined", email="declined",
    )  # fmt: skip


@transaction.atomic
def suspend_venue(*, venue, by, reason, now):
    """An admin takes a live venue out of the finder for now (after a concern, a closure), with a reason."""
    return _decide_with_reason(
        venue=venue, by=by, reason=reason, allowed_from=(S.APPROVED,), to_status=S.SUSPENDED,
        verb="suspended", email="suspended",
    )  # fmt: skip


@transaction.atomic
def renew_venue(*, venue, by, trained_staff, training_date, now):
    """The venue confirms each year that its details and training are current (SP-050).

    A live venue gets a year from its current due date (or from today, if that is later); an expired one goes
    back to the admins for approval.
    """
    venue = lock_venue(venue)
    if not by.has_perm("safe_places.renew_venue", venue):
        raise NotAllowed()
    _require_status(venue, (S.APPROVED, S.EXPIRED), "renewed")
    venue.trained_staff = trained_staff
    venue.training_date = training_date
    today = policies.today_in_london(now)
    if venue.status == S.APPROVED:
        venue.next_check_due = policies.next_check_due(max(today, venue.next_check_due or today))
        venue.reminders_sent = 0
    else:
        venue.status = S.PENDING
        _notify_admins("safe_places/emails/resubmitted_admin", {"venue": venue}, "safe_places.resubmitted")
    venue.save()
    return venue


@transaction.atomic
def withdraw_venue(*, venue, by, now):
    """The venue leaves the scheme (SP-052): it disappears from the finder at once."""
    venue = lock_venue(venue)
    if not by.has_perm("safe_places.withdraw_venue", venue):
        raise NotAllowed()
    _require_status(venue, (S.PENDING, S.CHANGES_REQUESTED, S.APPROVED, S.SUSPENDED, S.EXPIRED), "withdrawn")
    venue.status = S.WITHDRAWN
    venue.save()
    _notify_admins("safe_places/emails/withdrawn_admin", {"venue": venue}, "safe_places.withdrawn")
    return venue


@transaction.atomic
def set_hours_exception(*, venue, by, date, opens=None, closes=None, note="", now):
    """A date the venue keeps different hours or closes; it replaces any exception already set for that date."""
    venue = lock_venue(venue)
    if not by.has_perm("safe_places.manage_venue", venue):
        raise NotAllowed()
    if (opens is None) != (closes is None):
        raise DomainError("Give both an opening and a closing time, or neither if the venue is closed all day.")
    if date < policies.today_in_london(now):
        raise DomainError("Choose today or a date in the future.", field="date")
    exception, _ = HoursException.objects.update_or_create(
        venue=venue, date=date, defaults={"opens": opens, "closes": closes, "note": note}
    )
    return exception


@transaction.atomic
def remove_hours_exception(*, exception, by, now):
    if not by.has_perm("safe_places.manage_venue", exception.venue):
        raise NotAllowed()
    exception.delete()


def new_concern_reference():
    return "SP-" + secrets.token_hex(3).upper()


@transaction.atomic
def report_concern(*, venue, kind, details, email="", now):
    """A resident tells the partnership a Safe Place let them down or its details are wrong (no account needed)."""
    if venue.status != S.APPROVED:
        raise DomainError("You can only report a concern about a venue in the scheme.")
    concern = VenueConcern.objects.create(
        reference=new_concern_reference(), venue=venue, kind=kind, details=details, email=email
    )
    _notify_admins("safe_places/emails/concern_admin", {"concern": concern, "venue": venue}, "safe_places.concern")
    return concern


@transaction.atomic
def resolve_concern(*, concern, by, resolution, now):
    if not by.has_perm("safe_places.resolve_concern", concern):
        raise NotAllowed("Only the scheme's admins can resolve concerns.")
    concern = VenueConcern.objects.select_for_update(of=("self",)).get(pk=concern.pk)
    if concern.status == VenueConcern.Status.RESOLVED:
        raise DomainError("This concern has already been resolved.")
    concern.status = VenueConcern.Status.RESOLVED
    concern.resolution = (resolution or "").strip()
    concern.resolved_by = by
    concern.resolved_at = now
    concern.save()
    return concern


# --- the yearly clock: run daily by tasks.py; safe to run twice, or in two workers at once ------------------


def send_renewal_reminders(*, now):
    """Remind each live venue 30 and 7 days before its yearly check is due. Returns how many were sent.

    Each venue is locked and its reminder count read again before sending, so two workers running this at
    the same moment send each reminder once.
    """
    today = policies.today_in_london(now)
    window = today + timedelta(days=max(policies.REMINDER_DAYS))
    sent = 0
    due_ids = Venue.objects.filter(
        status=S.APPROVED, next_check_due__lte=window, reminders_sent__lt=len(policies.REMINDER_DAYS)
    ).values_list("pk", flat=True)
    for pk in list(due_ids):
        with transaction.atomic():
            venue = lock_venue(Venue(pk=pk))
            if venue.status != S.APPROVED:
                continue
            stage = policies.reminder_due(venue.next_check_due, today, reminders_sent=venue.reminders_sent)
            if stage is None:
                continue
            venue.reminders_sent = stage
            venue.save(update_fields=["reminders_sent", "updated_at"])
            days_left = (venue.next_check_due - today).days
            _notify_venue(venue, "safe_places/emails/renewal_reminder", "safe_places.renewal", days_left=days_left)
            sent += 1
    return sent


def expire_overdue_venues(*, now):
    """Venues not renewed within the grace period after their check was due leave the finder (SP-050)."""
    scheme, _ = _scheme_settings()
    grace = scheme.grace_days if scheme else 28
    today = policies.today_in_london(now)
    expired = 0
    overdue_ids = Venue.objects.filter(status=S.APPROVED, next_check_due__lt=today - timedelta(days=grace)).values_list(
        "pk", flat=True
    )
    for pk in list(overdue_ids):
        with transaction.atomic():
            venue = lock_venue(Venue(pk=pk))
            if venue.status != S.APPROVED or not policies.check_overdue(venue.next_check_due, today, grace_days=grace):
                continue
            venue.status = S.EXPIRED
            venue.save(update_fields=["status", "updated_at"])
            _notify_venue(venue, "safe_places/emails/expired", "safe_places.expired")
            expired += 1
    return expired
