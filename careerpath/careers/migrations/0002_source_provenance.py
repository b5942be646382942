"""Sources say where each fact was read (the issuer's page, a copy of an official data file, a third party).

The two-value confidence label said "reported by a third party" for facts read on the issuer's own
page; existing rows get their provenance from what is known of them, most cautious first.
"""

from django.db import migrations, models

ISSUER_PAGE = "issuer-page"
DATA_FILE_COPY = "data-file-copy"
THIRD_PARTY = "third-party"

# The seeded sources whose provenance their old confidence did not tell (fixtures/careerpath.json).
SEEDED = {
    "bls-2021-via-article": DATA_FILE_COPY,
    "third-party-bls-medical-assistants": DATA_FILE_COPY,
    "third-party-bls-medical-records-specialists": DATA_FILE_COPY,
    "aama-cma-eligibility-no-work-route": ISSUER_PAGE,
    "amt-stay-certified": ISSUER_PAGE,
    "ncct-site": ISSUER_PAGE,
    "seed-article": THIRD_PARTY,
}


def set_provenance(apps, schema_editor):
    Source = apps.get_model("careerpath", "Source")
    for source in Source.objects.all():
        # Otherwise "high" was defined as read on the issuing body's or the government's own page.
        source.provenance = SEEDED.get(source.key, ISSUER_PAGE if source.confidence == "high" else THIRD_PARTY)
        if source.key == "seed-article" and source.publisher == "CareerPath seed article":
            # The article names no publisher; it is cited by its title, not as the site's own content.
            source.publisher = ""
        source.save(update_fields=["provenance", "publisher"])


def clear_provenance(apps, schema_editor):
    Source = apps.get_model("careerpath", "Source")
    Source.objects.filter(key="seed-article", publisher="").update(publisher="CareerPath seed article")


class Migration(migrations.Migration):
    dependencies = [
        ("careerpath", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="source",
            name="provenance",
            field=models.CharField(
                choices=[
                    ("issuer-page", "the issuer's own page"),
                    ("data-file-copy", "a copy of the official data file"),
                    ("third-party", "a third-party summary"),
                ],
                default="",
                help_text="Shown beside every citation. The issuer's own page: the body that sets the rule or "
                "publishes the figure says it on its own site (an official page of AAMA, AMT, NCCT, NHA, CAAHEP, "
                "ABHES or bls.gov). A copy of the official data file: a government data file (e.g. a BLS table) "
                "read in a copy. A third-party summary: anyone else reporting the fact (a blog, an exam-prep "
                "page, an article).",
                max_length=20,
                verbose_name="where it was read",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="source",
            name="confidence",
            field=models.CharField(
                choices=[
                    ("high", "High — read on the issuing body's or the government's own page"),
                    ("medium", "Medium — not confirmed on the issuing body's own page, consistent across sources"),
                ],
                default="high",
                help_text="For editors: how sure we are of the fact. Pages show where it was read instead.",
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="publisher",
            field=models.CharField(
                blank=True,
                help_text="Who published it, e.g. U.S. Bureau of Labor Statistics. Leave blank for an article "
                "that does not name its publisher: it is then cited by its title, as an article.",
                max_length=200,
            ),
        ),
        migrations.RunPython(set_provenance, clear_provenance),
        migrations.AlterField(
            model_name="careerstep",
            name="experience",
            field=models.CharField(
                blank=True,
                help_text="Only as the source says it; pages show it as what medical assistants may advance with, "
                "never as a fixed rule. Leave blank if the source says nothing.",
                max_length=300,
                verbose_name="experience needed",
            ),
        ),
        migrations.AlterField(
            model_name="careerstep",
            name="further_education",
            field=models.CharField(
                blank=True,
                help_text="Only as the source says it.",
                max_length=300,
                verbose_name="further education needed",
            ),
        ),
        migrations.AlterField(
            model_name="careerstep",
            name="licensure",
            field=models.CharField(
                blank=True, help_text="Only as the source says it.", max_length=300, verbose_name="licensure needed"
            ),
        ),
    ]
