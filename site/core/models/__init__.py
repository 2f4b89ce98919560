from .pages import HomePage, StandardPage
from .places import LocalAuthority, Postcode, Ward
from .records import ContactMessage, OutboxMessage, SubmissionReceipt, User
from .site_settings import PartnershipSettings

__all__ = [
    "ContactMessage",
    "HomePage",
    "LocalAuthority",
    "OutboxMessage",
    "PartnershipSettings",
    "Postcode",
    "StandardPage",
    "SubmissionReceipt",
    "User",
    "Ward",
]
