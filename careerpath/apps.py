"""App configuration for the career-paths domain (occupations, wages, projections, sources)."""

from django.apps import AppConfig


class CareerPathConfig(AppConfig):
    name = "careerpath"
    verbose_name = "Career paths"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deployment checks
        from .page_cache import connect_invalidation

        connect_invalidation()

        from django.conf import settings

        from .file_modes import secure_local_files

        secure_local_files(databases=settings.DATABASES, local_directory=settings.BASE_DIR / ".local")
