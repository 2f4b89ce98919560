from .audit import AuditEvent
from .pages import HomePage, StandardPage
from .places import LocalAuthority, Postcode, Ward
from .privacy import SubjectAccessExport
from .records import ContactMessage, OutboxMessage, SubmissionReceipt, User
from .site_settings import PartnershipSettings

__all__ = [
    "AuditEvent",
    "ContactMessage",
    "HomePage",
    "LocalAuthority",
    "OutboxMessage",
    "PartnershipSettings",
    "Postcode",
    "StandardPage",
    "SubjectAccessExport",
    "SubmissionReceipt",
    "User",
    "Ward",
]
