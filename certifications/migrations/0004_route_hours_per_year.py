# A route in years keeps the body's own hours as hours a year, so changing its years keeps them in step.

from django.db import migrations, models


def hours_to_hours_per_year(apps, schema_editor):
    Route = apps.get_model("certifications", "EligibilityRoute")
    for route in Route.objects.filter(min_hours_experience__isnull=False, min_years_experience__gt=0):
        route.hours_per_year = round(route.min_hours_experience / route.min_years_experience)
        route.save(update_fields=["hours_per_year"])


class Migration(migrations.Migration):

    dependencies = [
        ('certifications', '0003_route_accreditors_hours_condition'),
    ]

    operations = [
        migrations.AddField(
            model_name='eligibilityroute',
            name='hours_per_year',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Where the body gives hours for its years: AMT’s 3 years are 5,616 hours, so 1,872 a year; NCCT’s 2 years are 4,160 hours, so 2,080. Blank: the years count as full-time work, 2,080 hours a year.', null=True, verbose_name='hours the body counts as a year of work'),
        ),
        migrations.RunPython(hours_to_hours_per_year, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='eligibilityroute',
            name='min_hours_experience',
        ),
    ]
