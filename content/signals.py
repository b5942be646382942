"""The "content changed" signal: the one way the site learns that published content was written."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

from .published import is_content

# Sent with `sender` (the model) and `using` (the database alias) after any write to content: a save,
# delete or many-to-many change (relayed from Django's model signals below) and the bulk writes of
# ContentQuerySet, which send no model signals. The page cache listens to it.
content_changed = Signal()


def _relay_write(sender, using=None, **kwargs):
    if is_content(sender):
        content_changed.send(sender=sender, using=using)


def _relay_m2m(sender, action, instance, using=None, **kwargs):
    if action.startswith("post_") and is_content(type(instance)):
        content_changed.send(sender=type(instance), using=using)


def relay_model_signals():
    """Announce every save, delete and many-to-many change of a content model (called from AppConfig.ready)."""
    post_save.connect(_relay_write, dispatch_uid="content-changed-post-save")
    post_delete.connect(_relay_write, dispatch_uid="content-changed-post-delete")
    m2m_changed.connect(_relay_m2m, dispatch_uid="content-changed-m2m")
