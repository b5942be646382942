"""Content types of the models that moved into this app when the apps were split take its label."""

from django.db import migrations

from content.moves import relabel


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [relabel("content")]
