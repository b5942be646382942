"""Forwarded headers are believed only from our own reverse proxies (settings.TRUSTED_PROXIES).

A request whose peer (REMOTE_ADDR) is not a trusted proxy loses every X-Forwarded-* and Forwarded
header before anything reads it, so a client reaching gunicorn directly cannot claim another
address (to dodge the sign-in lockout) or https (SECURE_PROXY_SSL_HEADER). gunicorn's own
forwarded_allow_ips defaults to the same list (gunicorn.conf.py).
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

# The default for TRUSTED_PROXIES and gunicorn's forwarded_allow_ips: a proxy on this machine.
DEFAULT_TRUSTED_PROXIES = "127.0.0.1,::1"

FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_SSL",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


@lru_cache(maxsize=8)
def _networks(proxies):
    networks = []
    for entry in proxies:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            continue  # an unreadable entry trusts nobody
    return tuple(networks)


def _address(value):
    try:
        return ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None


def is_trusted_proxy(address):
    """True when `address` is one of settings.TRUSTED_PROXIES (addresses or networks)."""
    parsed = _address(address)
    if parsed is None:
        return False
    return any(parsed in network for network in _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()))))


def client_ip(request):
    """The visitor's address: the peer, or the X-Forwarded-For entry our own proxies wrote.

    Only when the peer is a trusted proxy, and only the entry TRUSTED_PROXY_COUNT from the end
    (the ones before it came from the client and could say anything).
    """
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0 and is_trusted_proxy(peer):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies and _address(forwarded[-proxies]) is not None:
            return forwarded[-proxies]
    return peer


class TrustedProxyMiddleware:
    """Removes forwarded headers from requests that did not come through one of our proxies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR")):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)
