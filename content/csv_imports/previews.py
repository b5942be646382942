"""An uploaded import file waiting, in the database, between an editor's preview and their confirm."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# How long an editor has between the preview and the confirm; after that the file must be uploaded again.
PREVIEW_LIFETIME = timedelta(hours=1)


def session_fingerprint(request):
    """A digest of the request's session key: binds a preview to one sign-in without storing the key."""
    key = getattr(getattr(request, "session", None), "session_key", None) or ""
    return hashlib.sha256(key.encode()).hexdigest() if key else ""


class ImportPreviewQuerySet(models.QuerySet):
    def expired(self, *, now=None):
        return self.filter(expires_at__lte=now or timezone.now())

    def live(self, *, now=None):
        return self.filter(expires_at__gt=now or timezone.now())


class ImportPreview(models.Model):
    """One previewed CSV file: kept in the database so it survives cache evictions and reaches every instance.

    The file is bound to the editor's session once its preview succeeded; only that session can
    confirm it, within PREVIEW_LIFETIME. `manage.py clear_import_previews` removes expired ones.
    """

    name = models.CharField(max_length=64, unique=True)
    data = models.BinaryField()
    original_name = models.CharField(max_length=255, blank=True)
    session_hash = models.CharField(max_length=64, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)
    # A digest of the rows the file would change, as they were at the preview: the confirm compares it.
    rows_fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    objects = ImportPreviewQuerySet.as_manager()

    class Meta:
        db_table = "careerpath_importpreview"  # its name from before the apps were split (README: Layout)
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import preview of {self.original_name or self.name}"

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = self.created_at + PREVIEW_LIFETIME
        super().save(*args, **kwargs)

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    def belongs_to(self, request):
        fingerprint = session_fingerprint(request)
        return bool(self.session_hash) and fingerprint == self.session_hash and self.user_id == request.user.pk
