"""Logging filters: what a hostile request can put in the log is short and at the level it deserves."""

import logging

MAX_HOST_CHARACTERS = 100


class BadHostFilter(logging.Filter):
    """django.security.DisallowedHost: one WARNING line naming the host, cut short, without a traceback.

    Django logs a request for an unknown Host at ERROR, with the whole header (twice: in the message and
    in its hint) and a traceback: about 10 KB of log for a 5 KB request. A wrong Host is a client's
    mistake or a scan, not a fault of the site.
    """

    def filter(self, record):
        host = ""
        request = getattr(record, "request", None)
        if request is not None:
            host = request.META.get("HTTP_HOST", "")
        if len(host) > MAX_HOST_CHARACTERS:
            host = f"{host[:MAX_HOST_CHARACTERS]}… ({len(host):,} characters)"
        record.msg, record.args = "Refused a request for an unknown host: %r", (host,)
        record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        record.exc_info = record.exc_text = record.stack_info = None
        return True
