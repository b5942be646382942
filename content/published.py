"""Which models are published content: the rows visitors read, which editors write.

A model is content when its class is decorated with @published; nothing is content by its app label.
Everything that treats the content as a whole reads this one list: the content signal (and so the page
cache's invalidation and the content memo), backup_content and restore_content. Editors' import
previews, sign-in records and sessions are not content: writing them throws away no cached page.
"""

from django.db import models

_PUBLISHED: list[type[models.Model]] = []

# The seeded content's fixtures in fixtures/, lowest layer first, so sources come before what cites them.
FIXTURES = ("content", "careers", "certifications", "programs")


def published(model: type[models.Model]) -> type[models.Model]:
    """Class decorator: the model's rows are published content."""
    _PUBLISHED.append(model)
    return model


def is_content(model: type[models.Model]) -> bool:
    return model in _PUBLISHED


def content_models() -> list[type[models.Model]]:
    """Every content model, in the order their apps' models were defined."""
    return list(_PUBLISHED)
