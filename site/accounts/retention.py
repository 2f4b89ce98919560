"""What front-end accounts must forget, and when (see core.retention)."""

from datetime import timedelta

from accounts.querysets import never_confirmed_accounts
from core import retention

UNCONFIRMED_ACCOUNT_DAYS = 30


@retention.register(
    "accounts-never-confirmed",
    f"Sign-ups whose email address was never confirmed: {UNCONFIRMED_ACCOUNT_DAYS} days after signing up.",
)
def _expired_unconfirmed_accounts(now):
    return never_confirmed_accounts(joined_before=now - timedelta(days=UNCONFIRMED_ACCOUNT_DAYS))
