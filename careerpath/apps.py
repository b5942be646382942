"""The site's app: deployment checks, the page cache's invalidation, the content memo's version, file modes."""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "careerpath"
    verbose_name = "CareerPath site"

    def ready(self):
        from django.conf import settings

        from content import memo

        from . import checks  # noqa: F401 - registers the deployment checks
        from .file_modes import secure_local_files
        from .page_cache import connect_invalidation, content_version_or_none

        connect_invalidation()
        # Values read from the content (rules, medians) are kept per content version, which the page cache owns.
        memo.use_version_reader(content_version_or_none)
        secure_local_files(databases=settings.DATABASES, local_directory=settings.BASE_DIR / ".local")
