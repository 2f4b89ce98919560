"""Writes of the Neighbourhood Watch registry: registration and approval, members, messages, the yearly review,
co-coordinators and handovers.

Every function takes keyword arguments and the acting user (`by`), takes time as `now`, runs in one
transaction, locks the scheme (or member) row before reading its state, and raises a DomainError a person can
act on. Emails go through the outbox in the same transaction.
"""

import json
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import Site

from core.models import PartnershipSettings, Postcode
from core.notifications import one_click_unsubscribe, queue_email
from watch_schemes import policies
from watch_schemes.exceptions import AlreadyAsked, AreaNotUsable, NotAllowed, UnknownCoordinator, WrongSchemeStatus
from watch_schemes.models import CoordinatorChange, Member, SchemeCoordinator, SchemeMessage, WatchScheme
from watch_schemes.policies import AreaProblem

S = WatchScheme.Status
MEMBER_SALT = "watch_schemes.member"

# The details a coordinator keeps (NW-011); the area is handled on its own.
SCHEME_FIELDS = (
    "name", "scheme_type", "description", "households", "start_date", "meeting_details", "website",
    "show_area", "show_coordinator_contact",
)  # fmt: skip


def policies_today(now):
    """The calendar date in England at the instant `now`: review dates are dates where the scheme is."""
    return now.astimezone(ZoneInfo("Europe/London")).date()


def lock_scheme(scheme):
    """The scheme's row, locked until the transaction ends: decisions, reviews and messages one at a time."""
    return WatchScheme.objects.select_for_update(of=("self",)).get(pk=scheme.pk)


def partnership():
    site = Site.objects.filter(is_default_site=True).first()
    return PartnershipSettings.for_site(site) if site else None


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def member_token(member):
    """A signed link token for one membership: unsubscribe or leave without an account (NW-071)."""
    return signing.dumps(member.pk, salt=MEMBER_SALT)


def member_from_token(token):
    """The membership a token names, or None if the token is forged or the member has gone."""
    try:
        pk = signing.loads(token, salt=MEMBER_SALT)
    except signing.BadSignature:
        return None
    return Member.objects.select_related("scheme").filter(pk=pk).first()


def _email(to, template, purpose, headers=None, **context):
    queue_email(
        to=to, template=f"watch_schemes/emails/{template}", context={"partnership": partnership(), **context},
        purpose=purpose, headers=headers,
    )  # fmt: skip


def _email_coordinators(scheme, template, purpose, **context):
    for role in scheme.coordinator_roles.select_related("user"):
        _email(role.user.email, template, purpose, scheme=scheme, coordinator=role.user, **context)


def _email_admins(template, purpose, **context):
    settings_ = partnership()
    if settings_ and settings_.email:
        _email(settings_.email, template, purpose, **context)


def _require(by, permission, scheme, message=None):
    if not by.has_perm(permission, scheme):
        raise NotAllowed(message)


def _require_status(scheme, allowed, action):
    if scheme.status not in allowed:
        raise WrongSchemeStatus(
            f"This scheme cannot be {action}: it is now “{scheme.get_status_display().lower()}”. Reload the page."
        )


def locate_area(*, postcodes_text, area_text):
    """The scheme's postcodes, drawn area (as stored text), centre and ward, from what the coordinator gave.

    A scheme needs an area (NW-010): at least one postcode, or a drawn shape. The centre is the drawn
    shape's, else the first postcode we know; the ward is that of the first known postcode.
    """
    try:
        postcodes = policies.parse_postcodes(postcodes_text)
    except AreaProblem as exc:
        raise AreaNotUsable(exc.message, field="postcodes") from exc
    try:
        ring = policies.parse_polygon(area_text)
    except AreaProblem as exc:
        raise AreaNotUsable(exc.message, field="area") from exc
    if not postcodes and ring is None:
        raise AreaNotUsable(field="postcodes")
    known = {p.postcode: p for p in Postcode.objects.filter(postcode__in=postcodes).select_related("ward")}
    first = next((known[p] for p in postcodes if p in known), None)
    if ring is not None:
        centre = policies.centroid(ring)
    elif first is not None:
        centre = float(first.latitude), float(first.longitude)
    else:
        raise AreaNotUsable(
            "We could not find any of these postcodes on our map. Check them, or draw the area on the map.",
            field="postcodes",
        )
    area = "" if ring is None else json.dumps(policies.polygon_geojson(ring))
    return postcodes, area, centre, first.ward if first else None


def _apply(scheme, data):
    for field in SCHEME_FIELDS:
        if field in data:
            setattr(scheme, field, data[field])
    if "streets" in data:
        scheme.streets = "\n".join(policies.parse_streets(data["streets"]))
    scheme.postcodes, scheme.area, (scheme.latitude, scheme.longitude), ward = locate_area(
        postcodes_text=data.get("postcodes", ""), area_text=data.get("area", "")
    )
    if ward is not None:
        scheme.ward = ward


@transaction.atomic
def register_scheme(*, by, data, accepts_code_of_conduct, accepts_data_protection, now):
    """A coordinator registers a scheme. It waits for an admin's approval before anyone can find it (NW-012,
    NW-023: the code of conduct and the data-protection rules are accepted first)."""
    if not by.is_authenticated:
        raise NotAllowed("Sign in to register a scheme.")
    if not accepts_code_of_conduct:
        raise NotAllowed("Accept the code of conduct to register a scheme.", field="accepts_code_of_conduct")
    if not accepts_data_protection:
        raise NotAllowed("Accept the data-protection rules to register a scheme.", field="accepts_data_protection")
    scheme = WatchScheme(status=S.PENDING, accepted_code_of_conduct_at=now, accepted_data_protection_at=now)
    _apply(scheme, data)
    scheme.save()
    SchemeCoordinator.objects.create(scheme=scheme, user=by, role=SchemeCoordinator.Role.MAIN)
    CoordinatorChange.objects.create(scheme=scheme, action="registered", to_user=by, by=by, at=now)
    _email_admins("registered_admin", "watch_schemes.registered", scheme=scheme)
    _email(by.email, "registered", "watch_schemes.registered.acknowledgement", scheme=scheme)
    return scheme


@transaction.atomic
def update_scheme(*, scheme, by, data, now):
    """A coordinator keeps the scheme's details and area current (NW-030)."""
    _require(by, "watch_schemes.manage_scheme", scheme)
    scheme = lock_scheme(scheme)
    _require_status(scheme, (S.PENDING, S.ACTIVE, S.INACTIVE), "changed")
    _apply(scheme, data)
    scheme.save()
    return scheme


@transaction.atomic
def approve_scheme(*, scheme, by, verification, now):
    """An admin approves a pending scheme: it goes live, and its yearly review clock starts (NW-020, NW-022)."""
    _require(by, "watch_schemes.decide_scheme", scheme, "Only the partnership's admins can approve schemes.")
    scheme = lock_scheme(scheme)
    _require_status(scheme, (S.PENDING,), "approved")
    today = policies_today(now)
    scheme.status = S.ACTIVE
    scheme.verification = verification
    scheme.approved_by, scheme.approved_at = by, now
    scheme.last_confirmed_on = today
    scheme.review_due = policies.next_review(today)
    scheme.reminders_sent = 0
    scheme.save()
    _email_coordinators(scheme, "approved", "watch_schemes.approved")
    return scheme


@transaction.atomic
def decline_scheme(*, scheme, by, reason, now):
    """An admin declines a pending scheme, saying why; it is closed and never shown."""
    _require(by, "watch_schemes.decide_scheme", scheme, "Only the partnership's admins can decline schemes.")
    reason = (reason or "").strip()
    if not reason:
        raise WrongSchemeStatus("Say why the scheme is declined: the coordinator will read it.", field="reason")
    scheme = lock_scheme(scheme)
    _require_status(scheme, (S.PENDING,), "declined")
    scheme.status, scheme.decision_reason = S.CLOSED, reason
    scheme.save()
    _email_coordinators(scheme, "declined", "watch_schemes.declined")
    return scheme


@transaction.atomic
def close_scheme(*, scheme, by, now):
    """The scheme stops. Its members' details are deleted: nobody needs them any more (NW-064)."""
    _require(by, "watch_schemes.close_scheme", scheme)
    scheme = lock_scheme(scheme)
    _require_status(scheme, (S.PENDING, S.ACTIVE, S.INACTIVE), "closed")
    scheme.status = S.CLOSED
    scheme.save()
    scheme.members.all().delete()
    return scheme


# --- members (NW-060 to NW-064) -----------------------------------------------------------------------------


@transaction.atomic
def request_to_join(*, scheme, name, email, street, consent, now):
    """A resident asks to join; the coordinators decide (NW-051). Consent is evidenced by its time (NW-060)."""
    if not consent:
        raise NotAllowed("Agree to the coordinators holding your details, or we cannot pass on your request.",
                         field="consent")  # fmt: skip
    scheme = lock_scheme(scheme)
    if not scheme.is_public:
        raise WrongSchemeStatus("This scheme is not taking new members.")
    if scheme.members.filter(email__iexact=email).exists():
        raise AlreadyAsked(field="email")
    try:
        with transaction.atomic():
            member = Member.objects.create(
                scheme=scheme, name=name.strip(), email=email.strip(), street=street.strip(),
                consented_at=now, created_at=now,
            )  # fmt: skip
    except IntegrityError as exc:
        raise AlreadyAsked(field="email") from exc
    _email_coordinators(scheme, "join_request", "watch_schemes.join_request")
    _email(member.email, "join_received", "watch_schemes.join_received", scheme=scheme, member=member,
           leave_url=leave_url(member))  # fmt: skip
    return member


def leave_url(member):
    return absolute(reverse("watch_schemes:membership", kwargs={"token": member_token(member)}))


def one_click_unsubscribe_url(member):
    """Where a mail program's own Unsubscribe button posts (RFC 8058): it stops messages, it never removes the
    member, because a button outside our pages must not do more than the person can see it says."""
    return absolute(reverse("watch_schemes:one_click_unsubscribe", kwargs={"token": member_token(member)}))


def _lock_member(member):
    return Member.objects.select_for_update(of=("self",)).select_related("scheme").get(pk=member.pk)


@transaction.atomic
def decide_member(*, member, by, accept, now):
    """A coordinator accepts a request (the member is welcomed, with their one-click unsubscribe link) or
    declines it (the request is deleted: nothing is kept about people who are not members, NW-064)."""
    try:
        member = _lock_member(member)
    except Member.DoesNotExist as exc:
        raise WrongSchemeStatus("This request has already been dealt with. Reload the page.") from exc
    _require(by, "watch_schemes.decide_member", member.scheme)
    if member.status != Member.Status.REQUESTED:
        raise WrongSchemeStatus(f"{member.name} is already a member.")
    scheme = member.scheme
    if accept:
        member.status, member.decided_at = Member.Status.ACCEPTED, now
        member.save()
        _email(member.email, "welcome", "watch_schemes.welcome", scheme=scheme, member=member,
               leave_url=leave_url(member))  # fmt: skip
        return member
    _email(member.email, "join_declined", "watch_schemes.join_declined", scheme=scheme, member=member)
    member.delete()
    return None


@transaction.atomic
def remove_member(*, member, by, now):
    """A coordinator removes a member who moved away or asked to leave: their details are deleted (NW-064)."""
    try:
        member = _lock_member(member)
    except Member.DoesNotExist:
        return None
    _require(by, "watch_schemes.see_members", member.scheme)
    member.delete()
    return None


@transaction.atomic
def leave_scheme(*, member, now):
    """A member leaves through the signed link in any message: their details are deleted at once (NW-064)."""
    Member.objects.filter(pk=member.pk).delete()


@transaction.atomic
def unsubscribe(*, member, now):
    """One click stops every message to this member; they stay a member unless they also leave (NW-071)."""
    Member.objects.filter(pk=member.pk).update(receives_messages=False)


@transaction.atomic
def resubscribe(*, member, now):
    Member.objects.filter(pk=member.pk).update(receives_messages=True)


# --- messages (NW-061, NW-072, NW-073, NW-075) ---------------------------------------------------------------


def _send_to_members(message, members, scheme_for):
    """One email per member (never a visible list of addresses, NW-061), each with its own unsubscribe link and
    the 999/101 footer (NW-075). Returns how many were queued."""
    sent = 0
    seen = set()
    for member in members:
        key = member.email.lower()
        if key in seen:
            continue
        seen.add(key)
        _email(
            member.email, "message", "watch_schemes.message", message=message, scheme=scheme_for(member),
            member=member, unsubscribe_url=leave_url(member),
            headers=one_click_unsubscribe(one_click_unsubscribe_url(member)),
        )  # fmt: skip
        sent += 1
    return sent


@transaction.atomic
def send_message(*, scheme, by, subject, body, now):
    """A coordinator emails their scheme's members who have not unsubscribed (NW-072)."""
    _require(by, "watch_schemes.message_members", scheme)
    scheme = lock_scheme(scheme)
    _require_status(scheme, (S.ACTIVE, S.INACTIVE), "used to send messages until it is approved")
    message = SchemeMessage.objects.create(scheme=scheme, subject=subject, body=body, sent_by=by, sent_at=now)
    message.recipients = _send_to_members(message, scheme.members.to_message(), lambda _m: scheme)
    message.save(update_fields=["recipients"])
    return message


@transaction.atomic
def send_ward_alert(*, by, wards, subject, body, now):
    """An admin alerts the members of every live scheme in the chosen wards (NW-073: audience by geography)."""
    if not by.has_perm("watch_schemes.send_ward_alert"):
        raise NotAllowed("Only the partnership's admins can send alerts to wards.")
    wards = list(wards)
    if not wards:
        raise NotAllowed("Choose at least one ward.", field="wards")
    message = SchemeMessage.objects.create(subject=subject, body=body, sent_by=by, sent_at=now)
    message.wards.set(wards)
    members = (
        Member.objects.to_message()
        .filter(scheme__status__in=[S.ACTIVE, S.INACTIVE], scheme__ward__in=wards)
        .select_related("scheme")
        .order_by("pk")
    )
    message.recipients = _send_to_members(message, members, lambda member: member.scheme)
    message.save(update_fields=["recipients"])
    return message


# --- the yearly review (NW-025, NW-026) ----------------------------------------------------------------------


@transaction.atomic
def confirm_review(*, scheme, by, now):
    """A coordinator confirms the scheme's details are still right: the next review is a year away, and an
    inactive scheme is active again."""
    _require(by, "watch_schemes.confirm_review", scheme)
    scheme = lock_scheme(scheme)
    _require_status(scheme, (S.ACTIVE, S.INACTIVE), "confirmed until it is approved")
    today = policies_today(now)
    scheme.status = S.ACTIVE
    scheme.last_confirmed_on = today
    scheme.review_due = policies.next_review(today)
    scheme.reminders_sent = 0
    scheme.save()
    return scheme


def run_yearly_review(*, now):
    """Remind coordinators before their review is due, and flag inactive the schemes not confirmed in time.

    Each scheme is handled in its own transaction with its row locked, so two runs (or a run and a coordinator
    confirming) never send a reminder twice or flag a scheme just confirmed. Returns (reminded, flagged).
    """
    today = policies_today(now)
    reminded = flagged = 0
    ids = WatchScheme.objects.filter(status=S.ACTIVE, review_due__isnull=False).values_list("pk", flat=True)
    for pk in list(ids):
        with transaction.atomic():
            scheme = WatchScheme.objects.select_for_update(of=("self",)).filter(pk=pk, status=S.ACTIVE).first()
            if scheme is None:
                continue
            state = policies.review_state(due=scheme.review_due, today=today, reminders_sent=scheme.reminders_sent)
            if state.flag_inactive:
                scheme.status = S.INACTIVE
                scheme.save(update_fields=["status", "updated_at"])
                _email_coordinators(scheme, "flagged_inactive", "watch_schemes.flagged_inactive")
                flagged += 1
            elif state.reminder_due:
                scheme.reminders_sent += 1
                scheme.save(update_fields=["reminders_sent", "updated_at"])
                _email_coordinators(scheme, "review_reminder", "watch_schemes.review_reminder",
                                    confirm_url=absolute(reverse("watch_schemes:review", kwargs={"pk": scheme.pk})))  # fmt: skip
                reminded += 1
    return reminded, flagged


# --- coordinators (NW-013, NW-027, NW-065) -------------------------------------------------------------------


def _account(email):
    user = get_user_model().objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is None:
        raise UnknownCoordinator(field="email")
    return user


@transaction.atomic
def add_coordinator(*, scheme, by, email, now):
    """The main coordinator adds a co-coordinator, who then sees the members too; the change is logged."""
    _require(by, "watch_schemes.change_coordinators", scheme, "Only the main coordinator can add co-coordinators.")
    scheme = lock_scheme(scheme)
    user = _account(email)
    role, created = SchemeCoordinator.objects.get_or_create(scheme=scheme, user=user)
    if not created:
        raise UnknownCoordinator(f"{user.email} already coordinates this scheme.", field="email")
    CoordinatorChange.objects.create(scheme=scheme, action="added", to_user=user, by=by, at=now)
    _email(user.email, "coordinator_added", "watch_schemes.coordinator_added", scheme=scheme, coordinator=user)
    return role


@transaction.atomic
def remove_coordinator(*, scheme, by, user, now):
    _require(by, "watch_schemes.change_coordinators", scheme, "Only the main coordinator can remove co-coordinators.")
    scheme = lock_scheme(scheme)
    deleted, _ = SchemeCoordinator.objects.filter(scheme=scheme, user=user, role="deputy").delete()
    if deleted:
        CoordinatorChange.objects.create(scheme=scheme, action="removed", from_user=user, by=by, at=now)


@transaction.atomic
def hand_over(*, scheme, by, email, note="", stay_as_co_coordinator=False, now):
    """The main coordinator hands the scheme, and with it the member list, to someone else (NW-027, NW-065).

    The transfer is logged with who, to whom and when; the new coordinator is told.
    """
    _require(by, "watch_schemes.change_coordinators", scheme, "Only the main coordinator can hand the scheme over.")
    scheme = lock_scheme(scheme)
    _require_status(scheme, (S.PENDING, S.ACTIVE, S.INACTIVE), "handed over")
    successor = _account(email)
    if successor.pk == by.pk:
        raise UnknownCoordinator("You already run this scheme. Enter the new coordinator's email.", field="email")
    SchemeCoordinator.objects.filter(scheme=scheme, role="main").delete()
    SchemeCoordinator.objects.filter(scheme=scheme, user=successor).delete()
    SchemeCoordinator.objects.create(scheme=scheme, user=successor, role="main")
    if stay_as_co_coordinator:
        SchemeCoordinator.objects.create(scheme=scheme, user=by, role="deputy")
    CoordinatorChange.objects.create(
        scheme=scheme, action="handover", from_user=by, to_user=successor, by=by, note=note, at=now
    )
    _email(successor.email, "handed_over", "watch_schemes.handed_over", scheme=scheme, coordinator=successor,
           previous=by)  # fmt: skip
    return scheme
