"""The one inline script the public site allows, and its Content-Security-Policy hash.

GOV.UK Frontend styles its components for JavaScript only once `govuk-frontend-supported` is on <body>;
setting it inline, before the first paint, avoids a flash of unstyled components. The policy names this
exact text by its SHA-256 hash, so no other inline script can run.
"""

import base64
import hashlib

GOVUK_FRONTEND_SUPPORTED_SCRIPT = (
    "document.body.className += ' js-enabled' + "
    "('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');"
)

GOVUK_FRONTEND_SUPPORTED_SCRIPT_HASH = (
    f"'sha256-{base64.b64encode(hashlib.sha256(GOVUK_FRONTEND_SUPPORTED_SCRIPT.encode()).digest()).decode()}'"
)
