"""App configuration for the site layer: deployment checks, the page cache's invalidation, file modes."""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "careerpath"
    label = "site"
    verbose_name = "CareerPath site"

    def ready(self):
        from django.conf import settings

        from careerpath.shared.signals import relay_model_signals

        from . import checks  # noqa: F401 - registers the deployment checks
        from .file_modes import secure_local_files
        from .page_cache import connect_invalidation

        relay_model_signals()
        connect_invalidation()
        secure_local_files(databases=settings.DATABASES, local_directory=settings.BASE_DIR / ".local")
