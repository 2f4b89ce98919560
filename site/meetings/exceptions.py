"""What can stop a booking, a cancellation or a question, in words a resident can act on."""

from core.exceptions import DomainError


class BookingClosed(DomainError):
    default_message = "Booking for this meeting has closed. You can still watch or send a question if the page says so."


class BookingNotYetOpen(DomainError):
    default_message = "Booking for this meeting has not opened yet. Please come back later."


class MeetingCancelled(DomainError):
    default_message = "This meeting has been cancelled, so you cannot book a seat."


class AlreadyBooked(DomainError):
    default_message = (
        "You have already booked for this meeting with this email address. "
        "Use the link in your confirmation email to see or cancel your booking."
    )


class TooManySeats(DomainError):
    default_message = "You can book up to 4 seats for this meeting."


class BookingAlreadyCancelled(DomainError):
    default_message = "This booking has already been cancelled."


class QuestionsClosed(DomainError):
    default_message = "Questions for this meeting have closed."


class TriageError(DomainError):
    default_message = "That question cannot be changed in that way."
