"""App configuration for the career-paths domain (occupations, wages, projections, career steps)."""

from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careerpath.careers"
    # The label the app has always had: its tables, migrations, admin URLs and fixtures say "careerpath".
    label = "careerpath"
    verbose_name = "Career paths"
