"""A deployer attaches the College Scorecard's field-of-study earnings and debt to the imported programs, by UNITID."""

import io

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from content.models import Source
from programs.models import Program

from .federal_files import (
    C_A_COLUMNS,
    HD_COLUMNS,
    SCORECARD_CURRENT_COLUMNS,
    SCORECARD_OLDER_COLUMNS,
    completion,
    field_of_study,
    school,
    write_csv,
)
from .test_import_ipeds import summary_counts

pytestmark = pytest.mark.usefixtures("seeded")

RELEASE = "Most-Recent-Cohorts-Field-of-Study_04172025"


@pytest.fixture
def imported(tmp_path):
    """Alpha has two certificates and an associate degree; Beta one certificate; Gamma is not imported."""
    write_csv(
        tmp_path / "HD2023.csv",
        HD_COLUMNS,
        [school(100001, "Alpha Technical College", "Anchorage", "AK"), school(100002, "Beta Institute", "Boise", "ID")],
        quote_all=True,
    )
    rows = [
        completion(100001, "51.0801", 21, 20),
        completion(100001, "51.0801", 2, 30),
        completion(100001, "51.0801", 3, 12),
        completion(100002, "51.0801", 2, 9),
    ]
    write_csv(tmp_path / "C2023_A.csv", C_A_COLUMNS, rows, quote_all=True)
    call_command(
        "import_ipeds",
        directory=str(tmp_path / "HD2023.csv"),
        completions=str(tmp_path / "C2023_A.csv"),
        stdout=io.StringIO(),
    )
    return tmp_path


def run(path, **options):
    out = io.StringIO()
    call_command("import_scorecard", str(path), stdout=out, **options)
    return out.getvalue()


def current_file(path, rows):
    return write_csv(path / f"{RELEASE}.csv", SCORECARD_CURRENT_COLUMNS, rows)


CURRENT_ROWS = [
    field_of_study(100001, 1, earn_1yr=31250, count_1yr=48, earn_later=36100, count_later=35, debt=9500, debt_count=52),
    field_of_study(100001, 2, earn_1yr="PS", count_1yr="PS", earn_later="", count_later="", debt=12000, debt_count=21),
    # Another allied-health field at the same school: not CIP 5108, never attached.
    field_of_study(100001, 1, cip="5109", earn_1yr=1, count_1yr=1, earn_later=1, count_later=1, debt=1, debt_count=1),
    # A school with no imported program: counted, never guessed by its name.
    field_of_study(
        100099,
        1,
        earn_1yr=25000,
        count_1yr=30,
        earn_later=1,
        count_later=1,
        debt=1,
        debt_count=1,
        name="Alpha Technical College",
    ),
    # Beta has no associate program.
    field_of_study(100002, 2, earn_1yr=40000, count_1yr=30, earn_later=1, count_later=1, debt=1, debt_count=1),
]


def test_credential_level_1_goes_to_every_certificate_and_2_to_the_associate_degree(imported):
    output = run(current_file(imported, CURRENT_ROWS))
    certificates = Program.objects.filter(unitid=100001, award_level__in=[21, 2])
    assert certificates.count() == 2
    for program in certificates:
        assert program.earnings_1yr_median == 31250 and program.earnings_1yr_count == 48
        assert program.earnings_later_median == 36100 and program.earnings_later_count == 35
        assert program.earnings_later_years == 4
        assert program.debt_median == 9500 and program.debt_count == 52
        assert program.scorecard_credential_level == 1
        assert program.scorecard_release == RELEASE
    associate = Program.objects.get(unitid=100001, award_level=3)
    assert associate.scorecard_credential_level == 2
    assert associate.earnings_1yr_median is None and associate.earnings_1yr_count is None  # PS
    assert associate.earnings_later_median is None and associate.earnings_later_years is None  # empty
    assert associate.debt_median == 12000
    assert Program.objects.get(unitid=100002).earnings_1yr_median is None
    assert summary_counts(output) == {"Created": 0, "Updated": 3, "Unchanged": 0, "Skipped": 2}
    assert "2 CIP 5108 rows whose UNITID and credential level match no imported program" in output


def test_an_older_release_with_its_own_column_names_and_suppression_marker(imported):
    rows = [
        field_of_study(
            100001,
            1,
            vintage="older",
            earn_1yr=28900,
            count_1yr=40,
            earn_later="PrivacySuppressed",
            count_later="PrivacySuppressed",
            debt="NULL",
            debt_count="NULL",
        ),
        field_of_study(
            100001,
            2,
            vintage="older",
            earn_1yr="PrivacySuppressed",
            count_1yr=9,
            earn_later=30100,
            count_later=22,
            debt=11000,
            debt_count=18,
        ),
    ]
    path = write_csv(imported / "Most-Recent-Cohorts-Field-of-Study.csv", SCORECARD_OLDER_COLUMNS, rows)
    output = run(path, release="Most-Recent-Cohorts-Field-of-Study, 2019–20 release")
    assert "older column names (EARN_MDN_HI_1YR, EARN_MDN_HI_2YR)" in output
    certificate = Program.objects.get(unitid=100001, award_level=2)
    assert certificate.earnings_1yr_median == 28900
    assert certificate.earnings_later_median is None and certificate.debt_median is None
    associate = Program.objects.get(unitid=100001, award_level=3)
    assert associate.earnings_1yr_median is None
    # The older release measured later earnings 2 years after completing, not 4: stored as such.
    assert (associate.earnings_later_median, associate.earnings_later_years) == (30100, 2)
    assert associate.scorecard_release == "Most-Recent-Cohorts-Field-of-Study, 2019–20 release"


def test_a_cipcode_written_as_a_number_or_with_its_dot_still_matches_only_5108(imported):
    from programs.management.commands.import_scorecard import four_digit_cip

    # A code written as a number loses its leading zero (0108 becomes 108): it gets it back, and is never 5108.
    assert four_digit_cip("108") == "0108"
    assert four_digit_cip('"5108"') == "5108"
    assert four_digit_cip("51.08") == "5108"
    rows = [
        field_of_study(
            100001, 1, cip="108", earn_1yr=1, count_1yr=1, earn_later=1, count_later=1, debt=1, debt_count=1
        ),
        field_of_study(
            100001, 2, cip="51.08", earn_1yr=33000, count_1yr=20, earn_later=1, count_later=1, debt=1, debt_count=1
        ),
    ]
    run(current_file(imported, rows))
    assert Program.objects.get(unitid=100001, award_level=3).earnings_1yr_median == 33000
    assert Program.objects.get(unitid=100001, award_level=2).earnings_1yr_median is None


def test_a_rerun_updates_the_figures_and_leaves_unchanged_ones_alone(imported):
    run(current_file(imported, CURRENT_ROWS))
    output = run(current_file(imported, CURRENT_ROWS))
    assert summary_counts(output)["Unchanged"] == 3
    assert summary_counts(output)["Updated"] == 0
    newer = [dict(CURRENT_ROWS[0], EARN_MDN_1YR=32000), *CURRENT_ROWS[1:]]
    output = run(current_file(imported, newer))
    assert summary_counts(output)["Updated"] == 2
    assert set(
        Program.objects.filter(unitid=100001, award_level__in=[21, 2]).values_list("earnings_1yr_median", flat=True)
    ) == {32000}


def test_the_file_is_recorded_as_a_source_and_each_program_gets_a_revision(imported):
    run(current_file(imported, CURRENT_ROWS))
    source = Source.objects.get(key="scorecard-most-recent-cohorts-field-of-study_04172025")
    assert source.publisher == "U.S. Department of Education, College Scorecard"
    assert source.get_provenance_display() == "a copy of the official data file"
    assert source.published == "2025-04-17"
    program = Program.objects.get(unitid=100001, award_level=3)
    assert program.scorecard_source == source
    comments = [version.revision.comment for version in Version.objects.get_for_object(program)]
    assert comments[0].startswith("Earnings and debt from the College Scorecard")
    assert len(comments) == 2  # the IPEDS import, then this one


def test_a_dry_run_prints_the_counts_and_saves_nothing(imported):
    output = run(current_file(imported, CURRENT_ROWS), dry_run=True)
    assert "Dry run: nothing was saved" in output
    assert "Updated: 3 (would be updated)" in output
    assert "update Medical Assisting associate degree, Alpha Technical College (UNITID 100001)" in output
    assert not Program.objects.filter(scorecard_source__isnull=False).exists()
    assert not Source.objects.filter(key__startswith="scorecard-").exists()


def test_a_malformed_file_names_the_missing_column_and_changes_nothing(imported):
    run(current_file(imported, CURRENT_ROWS))
    before = list(Program.objects.order_by("pk").values_list("pk", "earnings_1yr_median", "debt_median"))
    columns = [column for column in SCORECARD_CURRENT_COLUMNS if column != "DEBT_ALL_STGP_EVAL_MDN"]
    broken = write_csv(imported / "broken.csv", columns, [dict(row, EARN_MDN_1YR=1) for row in CURRENT_ROWS])
    with pytest.raises(CommandError, match="missing column DEBT_ALL_STGP_EVAL_MDN"):
        run(broken)
    no_earnings = [column for column in SCORECARD_CURRENT_COLUMNS if not column.startswith("EARN_")]
    with pytest.raises(CommandError, match=r"EARN_MDN_1YR \(or EARN_MDN_HI_1YR in older releases\)"):
        run(write_csv(imported / "no-earnings.csv", no_earnings, CURRENT_ROWS))
    assert list(Program.objects.order_by("pk").values_list("pk", "earnings_1yr_median", "debt_median")) == before


def test_an_unreadable_figure_skips_its_row_and_says_so(imported):
    rows = [dict(CURRENT_ROWS[0], EARN_MDN_1YR="about 30k"), CURRENT_ROWS[1]]
    output = run(current_file(imported, rows))
    assert "1 CIP 5108 rows with an unreadable number (about 30k)" in output
    assert Program.objects.get(unitid=100001, award_level=2).earnings_1yr_median is None
    assert Program.objects.get(unitid=100001, award_level=3).debt_median == 12000
