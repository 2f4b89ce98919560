"""What Face the Public meetings hold about residents (see `core.personal_data`)."""

from core import personal_data
from meetings.models import Booking, Question

BASIS = (
    "Public task: the partnership's duty to consult residents (Police Reform and Social Responsibility Act 2011 s.34)"
)

personal_data.register(
    "meetings.Booking",
    fields=[
        "code",
        "meeting",
        "status",
        "name",
        "email",
        "phone",
        "seats",
        "adjustments",
        "adjustments_detail",
        "created_at",
        "attended_at",
    ],
    purpose="To hold your seat at a Face the Public meeting, remind you, and arrange the adjustments you asked for.",
    lawful_basis=BASIS,
    retention="Six months after the meeting, then deleted",
    subject=lambda email: Booking.objects.filter(email__iexact=email),
)


def _anonymise_questions(questions):
    # The question and its published answer stay part of the meeting's public record; who asked does not.
    questions.update(name="A resident", email="")


personal_data.register(
    "meetings.Question",
    fields=["meeting", "name", "email", "text", "status", "created_at"],
    purpose="To put your question to the panel and send you its answer.",
    lawful_basis=BASIS,
    retention="Your name and email: six months after the meeting; the question and answer are published",
    subject=lambda email: Question.objects.filter(email__iexact=email),
    anonymise=_anonymise_questions,
)
