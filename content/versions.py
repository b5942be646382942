"""The content's version as the database keeps it: written in the same transaction as the content it stamps.

Every write to published content writes a new stamp (careerpath/page_cache.py does, on the content signal),
so a committed edit always has a committed stamp beside it, whoever made it: the admin, an import, the shell
with or without the cache's address, or raw SQL followed by `manage.py bump_content_version`. The page
cache keeps a copy of the stamp where every process reads it quickly (the shared cache, or a file), and each
process compares that copy with this one at most once a second (`stamp_in_time`): a copy that missed a
bump (the cache was down, or the writer could not reach it) is repaired from here.
"""

from __future__ import annotations

import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as NoAnswerInTime

from django.db import DatabaseError, connection, models

# How long a request waits for the stamp before it carries on with the copy it has (a hung database).
STAMP_WAIT_SECONDS = 0.25


class ContentVersion(models.Model):
    """The one row holding the content's current stamp."""

    stamp = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return self.stamp


def write_new_stamp(using=None):
    """A new stamp, written now in the caller's transaction (committed with it, or rolled back with it)."""
    stamp = uuid.uuid4().hex
    rows = ContentVersion.objects.using(using).filter(pk=1).update(stamp=stamp)
    if not rows:
        ContentVersion.objects.using(using).update_or_create(pk=1, defaults={"stamp": stamp})
    return stamp


def _read_stamp():
    try:
        return ContentVersion.objects.filter(pk=1).values_list("stamp", flat=True).first()
    except DatabaseError:
        return None
    finally:
        connection.close_if_unusable_or_obsolete()


_reader = {"pid": None, "pool": None}


def stamp_in_time(wait=STAMP_WAIT_SECONDS):
    """The committed stamp, read on a thread of this process's own, or None if the database did not answer
    within `wait` seconds (a hung database holds that thread only, until its own time limits end the query)."""
    if _reader["pid"] != os.getpid():  # a forked worker gets its own thread
        _reader.update(pid=os.getpid(), pool=ThreadPoolExecutor(max_workers=1, thread_name_prefix="content-stamp"))
    try:
        return _reader["pool"].submit(_read_stamp).result(timeout=wait)
    except NoAnswerInTime:
        return None
