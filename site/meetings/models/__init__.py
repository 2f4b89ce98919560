from .pages import MeetingAdvert, MeetingIndexPage, MeetingPage, PanelMember
from .records import Adjustment, Booking, Question

__all__ = ["Adjustment", "Booking", "MeetingAdvert", "MeetingIndexPage", "MeetingPage", "PanelMember", "Question"]
