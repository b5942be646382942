"""Error pages: the site's 500 and 503, and those the reverse proxy answers with.

A request that could not reach the database in time (it hung, was stopped, or stayed locked) gets
the 503 page with Retry-After instead of a 500: the visitor is told to try again, a load balancer
knows the instance is not healthy, and nothing is wrong with the page itself.

The proxy's pages are rendered by Django so they carry the site's look and headers.

nginx (deploy/nginx/) refuses some requests before they reach gunicorn: too many requests with a
query string from one address (429) and bodies over the limit (413). Its `error_page` fetches the
page from here instead of showing its own bare one, and keeps it a minute in a small cache of its
own, so a flood costs one render a minute. The security headers stay where every other response
gets them: Django's settings and middleware.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

# Seconds a visitor who was rate-limited is asked to wait; the limit refills ten requests a second.
RETRY_AFTER_SECONDS = 5
# Seconds a visitor is asked to wait when the database did not answer.
DATABASE_RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def server_error(request):
    """handler500: the 503 page when the database could not be reached in time, else Django's 500 page.

    Django calls it while handling the exception, so sys.exc_info() names what went wrong. It renders
    without the request's context processors, so it needs no database.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        body = loader.render_to_string("503.html", {"retry_after": DATABASE_RETRY_AFTER_SECONDS})
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request)


@require_safe
def too_many_requests(request):
    response = render(request, "429.html", {"retry_after": RETRY_AFTER_SECONDS}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@require_safe
def request_too_large(request):
    return render(request, "413.html", status=413)
