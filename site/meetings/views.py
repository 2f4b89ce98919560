"""Public pages around a meeting (book, see or cancel a booking, ask a question, calendars) and the staff door
list. Thin: forms in, services called, DomainError messages shown next to the field."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.exceptions import DomainError
from core.forms import whole_number
from core.views import ProtectedFormView
from meetings import calendar, forms, policies, services
from meetings.forms import BookingForm, CheckInSearchForm, QuestionForm
from meetings.models import Booking, MeetingIndexPage, MeetingPage, Question
from meetings.querysets import accountability_check


def _live_meeting(meeting_id):
    return get_object_or_404(MeetingPage.objects.live(), pk=meeting_id)


class BookSeatView(ProtectedFormView):
    template_name = "meetings/book.html"
    form_class = BookingForm

    def dispatch(self, request, *args, **kwargs):
        self.meeting = _live_meeting(kwargs["meeting_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "max_seats": self.meeting.max_seats_per_booking}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting, window=self.meeting.booking_window(), full=self.meeting.seats_left == 0, **kwargs
        )

    def create(self, form):
        data = form.cleaned_data
        return services.book_seat(
            meeting=self.meeting,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            seats=data["seats"],
            adjustments=data["adjustments"],
            adjustments_detail=data["adjustments_detail"],
            question=data["question"],
        )

    def done(self, record):
        return redirect("meetings:booking", token=services.booking_token(record))


class AskQuestionView(ProtectedFormView):
    template_name = "meetings/ask.html"
    form_class = QuestionForm

    def dispatch(self, request, *args, **kwargs):
        self.meeting = _live_meeting(kwargs["meeting_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, questions_open=self.meeting.questions_open(), **kwargs)

    def create(self, form):
        data = form.cleaned_data
        return services.ask_question(meeting=self.meeting, name=data["name"], email=data["email"], text=data["text"])

    def done(self, record):
        messages.success(self.request, "Thank you: your question has been sent to the organisers.")
        return redirect(self.meeting.url)


def _booking_or_bad_link(request, token):
    booking = services.booking_from_token(token)
    if booking is None:
        response = render(request, "meetings/bad_link.html", status=404)
        return None, response
    booking.meeting = booking.meeting.specific
    return booking, None


def _check_in_url(request, booking):
    return request.build_absolute_uri(reverse("meetings:check_in_booking", args=[booking.code]))


@require_GET
def booking_detail(request, token):
    """A resident's own booking, reached only through the signed link in their email."""
    booking, bad = _booking_or_bad_link(request, token)
    if bad:
        return bad
    qr = segno.make(_check_in_url(request, booking), error="m")
    return render(
        request,
        "meetings/booking.html",
        {
            "booking": booking,
            "meeting": booking.meeting,
            "token": token,
            "qr_data_uri": qr.svg_data_uri(scale=5, border=2),
            "can_cancel": booking.is_active and booking.meeting.starts_at > timezone.now(),
        },
    )


@require_http_methods(["GET", "POST"])
def cancel_booking(request, token):
    booking, bad = _booking_or_bad_link(request, token)
    if bad:
        return bad
    error = None
    if request.method == "POST":
        try:
            services.cancel_booking(booking=booking)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, f"Your booking {booking.code} is cancelled. We have sent you an email.")
            return redirect("meetings:booking", token=token)
    return render(
        request,
        "meetings/cancel.html",
        {"booking": booking, "meeting": booking.meeting, "error": error},
        status=400 if error else 200,
    )


@require_GET
def booking_ics(request, token):
    booking, bad = _booking_or_bad_link(request, token)
    if bad:
        return bad
    body = calendar.meeting_calendar(booking.meeting, host=request.get_host(), url=booking.meeting.full_url or "")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{booking.code}.ics"'
    return response


@require_GET
def meetings_feed(request):
    """Upcoming meetings as a calendar residents can subscribe to."""
    meetings = MeetingPage.objects.live().upcoming(timezone.now()).order_by("starts_at")[:50]
    body = calendar.meetings_feed(meetings, host=request.get_host(), name="Face the Public meetings")
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _staff_only(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


@login_required(login_url="wagtailadmin_login")
@require_GET
def check_in(request, meeting_id):
    """The door list on a phone: search by name or code, see attendance so far (issue 7, 4)."""
    _staff_only(request, "meetings.check_in")
    meeting = get_object_or_404(MeetingPage.objects.specific(), pk=meeting_id)
    form = CheckInSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = Booking.objects.find_for_check_in(meeting, query) if query else []
    return render(
        request,
        "meetings/staff/check_in.html",
        {
            "meeting": meeting,
            "form": form,
            "query": query,
            "found": found,
            "attendance": Booking.objects.attendance(meeting),
        },
    )


@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def check_in_booking(request, code):
    """Where the QR code on a resident's booking page leads: one booking, one button."""
    _staff_only(request, "meetings.check_in")
    booking = Booking.objects.select_related("meeting").filter(code=policies.normalise_code(code)).first()
    if booking is None:
        raise Http404("No booking has that code.")
    error = None
    if request.method == "POST":
        try:
            services.check_in(booking=booking, user=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(
                request, f"{booking.name} is checked in ({booking.seats} seat{'s' if booking.seats > 1 else ''})."
            )
            return redirect(f"{reverse('meetings:check_in', args=[booking.meeting_id])}")
    return render(
        request,
        "meetings/staff/check_in_booking.html",
        {"booking": booking, "meeting": booking.meeting, "error": error},
        status=400 if error else 200,
    )


@login_required(login_url="wagtailadmin_login")
@require_GET
def attendees(request, meeting_id):
    """Everyone booked and waiting, with their access needs: for staff preparing the room."""
    _staff_only(request, "meetings.see_attendees")
    meeting = get_object_or_404(MeetingPage.objects.specific(), pk=meeting_id)
    bookings = Booking.objects.filter(meeting=meeting).active().order_by("status", "created_at")
    return render(
        request,
        "meetings/staff/attendees.html",
        {"meeting": meeting, "bookings": bookings, "attendance": Booking.objects.attendance(meeting)},
    )


@login_required(login_url="wagtailadmin_login")
@require_POST
def cancel_meeting(request, meeting_id):
    _staff_only(request, "meetings.cancel_meeting")
    meeting = get_object_or_404(MeetingPage.objects.specific(), pk=meeting_id)
    reason = request.POST.get("reason", "")
    try:
        told = services.cancel_meeting(meeting=meeting, reason=reason, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"The meeting is cancelled and {told} people booked or waiting are being told.")
    return redirect("meetings:attendees", meeting_id=meeting.pk)


TRIAGE = {
    "accept": (
        forms.AcceptQuestionForm,
        lambda q, d, u: services.accept_question(question=q, user=u, priority=d["priority"]),
    ),
    "merge": (forms.MergeQuestionForm, lambda q, d, u: services.merge_question(question=q, into=d["into"], user=u)),
    "decline": (
        forms.DeclineQuestionForm,
        lambda q, d, u: services.decline_question(question=q, reason=d["reason"], user=u),
    ),
    "answer": (
        forms.AnswerQuestionForm,
        lambda q, d, u: services.answer_question(
            question=q, answer=d["answer"], answered_by=d["answered_by"], follow_up=d["follow_up"], user=u
        ),
    ),
}


def _triage_form(action, question, data=None):
    form_class = TRIAGE[action][0]
    kwargs = {"question": question} if action == "merge" else {}
    return form_class(data, prefix=f"q{question.pk}-{action}", **kwargs)


@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def questions(request, meeting_id):
    """Staff triage: accept (with a priority), merge duplicates, decline with a reason, publish answers (issue 7, 5)."""
    _staff_only(request, "meetings.triage_questions")
    meeting = get_object_or_404(MeetingPage.objects.specific(), pk=meeting_id)
    failed = {}
    if request.method == "POST":
        action = request.POST.get("action")
        question_id = whole_number(request.POST.get("question"))
        if question_id is None:  # a tampered form: no such question
            raise Http404("No such question")
        question = get_object_or_404(Question, pk=question_id, meeting=meeting)
        if action in TRIAGE:
            form = _triage_form(action, question, request.POST)
            if form.is_valid():
                try:
                    TRIAGE[action][1](question, form.cleaned_data, request.user)
                except DomainError as exc:
                    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                else:
                    messages.success(request, f"Question {question.pk}: {action} done.")
                    return redirect("meetings:questions", meeting_id=meeting.pk)
            failed[(question.pk, action)] = form
    rows = []
    for question in Question.objects.filter(meeting=meeting).select_related("priority", "duplicate_of"):
        rows.append(
            {
                "question": question,
                "forms": [
                    (action, failed.get((question.pk, action)) or _triage_form(action, question)) for action in TRIAGE
                ],
            }
        )
    return render(
        request,
        "meetings/staff/questions.html",
        {"meeting": meeting, "rows": rows, "has_errors": bool(failed)},
        status=400 if failed else 200,
    )


def accountability_context(user, now=None):
    """FP-003 for this reporting year, with the meeting it rests on and, if none, where this user may add one."""
    check = accountability_check(now or timezone.now())
    meeting = MeetingPage.objects.filter(pk=check.meeting_id).first() if check.meeting_id else None
    add_url = ""
    index = MeetingIndexPage.objects.first()
    if not check.met and index and index.permissions_for_user(user).can_add_subpage():
        add_url = reverse("wagtailadmin_pages:add", args=["meetings", "meetingpage", index.pk])
    return {"check": check, "meeting": meeting, "add_url": add_url}


@login_required(login_url="wagtailadmin_login")
@require_GET
def desk(request):
    """The meetings desk: each meeting with its seats, check-in and questions, newest first."""
    _staff_only(request, "meetings.see_attendees")
    meetings = (
        MeetingPage.objects.live()
        .annotate(
            booked=Sum("bookings__seats", filter=Q(bookings__status="confirmed")),
            waiting=Count("bookings", filter=Q(bookings__status="waiting")),
            to_triage=Count("questions", filter=Q(questions__status="submitted"), distinct=True),
        )
        .order_by("-starts_at")[:50]
    )
    return render(request, "meetings/staff/desk.html", {"meetings": meetings, **accountability_context(request.user)})
