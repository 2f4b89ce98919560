from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict policy everywhere the public goes; a looser one for the Wagtail admin.

    Wagtail's editor still relies on inline styles and a few inline scripts, and shows page previews in a
    same-origin frame. The admin is for signed-in staff only, so it alone gets those allowances.
    """

    admin_prefixes = ("/admin/", "/django-admin/")

    def process_response(self, request, response):
        if request.path.startswith(self.admin_prefixes) and not getattr(response, "_csp_replace", None):
            # No hash here: a browser ignores 'unsafe-inline' in any directive that also lists a hash or nonce.
            response._csp_replace = {
                "script-src": [SELF, UNSAFE_INLINE],
                "style-src": [SELF, UNSAFE_INLINE],
                "frame-ancestors": [SELF],
                "frame-src": [SELF],
            }
        return super().process_response(request, response)
