"""App configuration for the career-paths domain (occupations, wages, projections, sources)."""

from django.apps import AppConfig


class CareerPathConfig(AppConfig):
    name = "careerpath"
    verbose_name = "Career paths"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deployment checks
        from .page_cache import connect_invalidation

        connect_invalidation()
