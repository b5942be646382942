"""Security headers on every response, and the client address behind trusted proxies."""

from django.conf import settings


class PolicyHeadersMiddleware:
    """Permissions-Policy and Cross-Origin-Resource-Policy, which no Django or django-csp middleware sends.

    The other security headers come from SecurityMiddleware, XFrameOptionsMiddleware and CSPMiddleware, each
    placed with this one above the page cache, whitenoise and everything that may fail (settings MIDDLEWARE),
    so each runs once on every response: cached pages, 304s, static files and 500s alike.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.permissions_policy = ", ".join(f"{feature}={allow}" for feature, allow in policy.items())
        self.resource_policy = getattr(settings, "CROSS_ORIGIN_RESOURCE_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
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
