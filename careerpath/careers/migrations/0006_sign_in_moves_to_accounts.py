# The sign-in records moved to the editors' accounts app (careerpath/accounts); their tables stay.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("careerpath", "0005_figures_area_and_detail"),
        ("careerpath_accounts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="SignInFailure"),
                migrations.DeleteModel(name="SignInLockout"),
            ],
        ),
    ]
