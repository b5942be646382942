# The sign-in records, moved here from the career-paths app: state only, the tables already exist
# (created by careerpath 0004_sign_in_lockout, and keep their names).

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("careerpath", "0004_sign_in_lockout"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SignInLockout",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        (
                            "scope",
                            models.CharField(
                                choices=[
                                    ("pair", "this username from this address"),
                                    ("address", "every username from this address"),
                                    ("username", "this username from every address"),
                                ],
                                max_length=10,
                            ),
                        ),
                        ("ip_address", models.GenericIPAddressField(blank=True, null=True)),
                        ("username", models.CharField(blank=True, max_length=255)),
                        ("began_at", models.DateTimeField()),
                        ("ends_at", models.DateTimeField(db_index=True)),
                    ],
                    options={"db_table": "careerpath_signinlockout", "ordering": ["-began_at"]},
                ),
                migrations.CreateModel(
                    name="SignInFailure",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("ip_address", models.GenericIPAddressField(blank=True, null=True)),
                        ("username", models.CharField(blank=True, max_length=255)),
                        ("attempted_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                    ],
                    options={
                        "db_table": "careerpath_signinfailure",
                        "ordering": ["-attempted_at"],
                        "indexes": [
                            models.Index(fields=["ip_address", "attempted_at"], name="signin_failure_address"),
                            models.Index(fields=["username", "attempted_at"], name="signin_failure_username"),
                        ],
                    },
                ),
            ],
        ),
    ]
