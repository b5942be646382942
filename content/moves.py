"""Models that changed app when the apps were split into layers (December 2026), old label to new.

Their tables kept their names; what carried the old label is rewritten: content types (and so
permissions, admin history and saved versions) by each app's migration `relabel(...)`, and backups
made before the split by restore_content (`current_labels`).
"""

import re

from django.db import migrations

MOVED = {
    "careerpath.source": "content.source",
    "careerpath.statement": "content.statement",
    "careerpath.importpreview": "content.importpreview",
    "careerpath.occupation": "careers.occupation",
    "careerpath.duty": "careers.duty",
    "careerpath.wagefigure": "careers.wagefigure",
    "careerpath.employmentprojection": "careers.employmentprojection",
    "careerpath.careerstep": "careers.careerstep",
    "careerpath_accounts.signinfailure": "accounts.signinfailure",
    "careerpath_accounts.signinlockout": "accounts.signinlockout",
    "programs.accreditor": "certifications.accreditor",
}

_MODEL_FIELD = re.compile(r'("model"\s*:\s*")([a-z_]+\.[a-z]+)(")')


def current_labels(serialized: str) -> str:
    """A JSON dump (a backup, a saved version) with every moved model's old label replaced by its new one."""
    return _MODEL_FIELD.sub(lambda match: match[1] + MOVED.get(match[2], match[2]) + match[3], serialized)


def relabel(app_label):
    """A migration operation: the content types of the models moved into `app_label` take its label.

    Their permissions, admin history and django-reversion versions point at the content type, so they
    follow; the versions' saved JSON names the model too, and is rewritten. Nothing to do on a new database.
    """
    moves = [(old.split("."), new.split(".")[1]) for old, new in MOVED.items() if new.startswith(f"{app_label}.")]

    def forwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Version = apps.get_model("reversion", "Version")
        db = schema_editor.connection.alias
        for (old_app, model), _ in moves:
            if ContentType.objects.using(db).filter(app_label=app_label, model=model).exists():
                continue
            moved = ContentType.objects.using(db).filter(app_label=old_app, model=model)
            if moved.update(app_label=app_label):
                versions = Version.objects.using(db).filter(
                    content_type__app_label=app_label, content_type__model=model
                )
                for version in versions.iterator():
                    version.serialized_data = current_labels(version.serialized_data)
                    version.save(update_fields=["serialized_data"])

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)
