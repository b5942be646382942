"""Security headers on every response, and the client address behind trusted proxies."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware


def _no_view(request):  # pragma: no cover - the header helpers below only process responses
    raise NotImplementedError


class SecurityHeadersMiddleware:
    """The outermost middleware: every response leaves with the security headers the settings define.

    Django turns an exception in any inner layer (a view, a middleware, the page cache) into a
    response before it reaches this one, so 500s, cached pages, static files and 304s all pass here.
    The headers Django's SecurityMiddleware, XFrameOptionsMiddleware and django-csp add are applied
    again where an inner layer never got to add them (each keeps a header already set, and a view's
    exemption); Permissions-Policy and Cross-Origin-Resource-Policy have no other home.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header_layers = (SecurityMiddleware(_no_view), XFrameOptionsMiddleware(_no_view))
        self.csp_layer = CSPMiddleware(_no_view)
        # The policy headers a response already carries when the inner django-csp layer (or the page cache,
        # which stores them with the page) got to it: rebuilding the policy for them would change nothing.
        self.csp_headers = ["Content-Security-Policy"]
        if getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None):
            self.csp_headers.append("Content-Security-Policy-Report-Only")
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.permissions_policy = ", ".join(f"{feature}={allow}" for feature, allow in policy.items())
        self.resource_policy = getattr(settings, "CROSS_ORIGIN_RESOURCE_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        for layer in self.header_layers:
            response = layer.process_response(request, response)
        if not all(header in response for header in self.csp_headers):
            response = self.csp_layer.process_response(request, response)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if self.resource_policy:
            response.headers.setdefault("Cross-Origin-Resource-Policy", self.resource_policy)
        return response


def client_ip(request):
    """The visitor's address: the peer, or the entry our own proxies added to X-Forwarded-For.

    Only the last TRUSTED_PROXY_COUNT entries were written by proxies we run; anything before
    them came from the client and could be forged to dodge the login lockout.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
