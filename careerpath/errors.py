"""Error pages the reverse proxy answers with, rendered by Django so they carry the site's look and headers.

nginx (deploy/nginx/) refuses some requests before they reach gunicorn: too many requests with a
query string from one address (429) and bodies over the limit (413). Its `error_page` fetches the
page from here instead of showing its own bare one, and keeps it a minute in a small cache of its
own, so a flood costs one render a minute. The security headers stay where every other response
gets them: Django's settings and middleware.
"""

from django.shortcuts import render
from django.views.decorators.http import require_safe

# Seconds a visitor who was rate-limited is asked to wait; the limit refills ten requests a second.
RETRY_AFTER_SECONDS = 5


@require_safe
def too_many_requests(request):
    response = render(request, "429.html", {"retry_after": RETRY_AFTER_SECONDS}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@require_safe
def request_too_large(request):
    return render(request, "413.html", status=413)
