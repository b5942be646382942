"""A deployer loads real schools from the IPEDS directory and completions files: a program per school and level."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from reversion.models import Version

from content.models import Source
from programs.models import Program

from .federal_files import C_A_COLUMNS, HD_COLUMNS, completion, school, write_csv

pytestmark = pytest.mark.usefixtures("seeded")

SCHOOLS = [
    school(100001, "Alpha Technical College", "Anchorage", "AK", "www.alpha.example.edu/"),
    school(100002, "Beta Career Institute", "Cheyenne", "WY", "https://beta.example.edu"),
    school(100003, "Gamma Community College", "Austin", "TX"),
]
COMPLETIONS = [
    completion(100001, "51.0801", 2, 30),  # certificate of 1–2 years
    completion(100001, "51.0801", 3, 12),  # associate degree
    completion(100001, "51.0801", 3, 5, major=2),  # second majors: never counted
    completion(100001, "51.0899", 2, 10),  # other allied health: counts in the 51.08 total only
    completion(100001, "51.0805", 2, 0),
    completion(100002, "51.0801", 21, 8, flag="P"),  # imputed by carry-forward
    completion(100002, "51.0801", 20, 4),
    completion(100002, "51.0801", 5, 3),  # a bachelor's: not a level the site lists
    completion(100003, "51.0801", 4, 6),
    completion(100003, "51.3901", 2, 40),  # practical nursing: another field
    completion(100003, "99", 99, 500),  # the school's grand total row
]


@pytest.fixture
def files(tmp_path):
    # IPEDS quotes its text cells ("51.0801") and leaves numbers bare: QUOTE_NONNUMERIC writes the same.
    return {
        "directory": str(write_csv(tmp_path / "HD2023.csv", HD_COLUMNS, SCHOOLS, quote_all=True)),
        "completions": str(write_csv(tmp_path / "C2023_A.csv", C_A_COLUMNS, COMPLETIONS, quote_all=True)),
    }


def run(*args, **options):
    out = io.StringIO()
    call_command("import_ipeds", *args, stdout=out, **options)
    return out.getvalue()


def summary_counts(output):
    return {
        name: int(line.split(":")[1].split("(")[0].strip().replace(",", ""))
        for line in output.splitlines()
        for name in ("Created", "Updated", "Unchanged", "Skipped")
        if line.startswith(f"{name}:")
    }


def test_one_program_per_school_and_award_level_with_its_completions_and_year(files):
    output = run(**files)
    assert summary_counts(output) == {"Created": 5, "Updated": 0, "Unchanged": 0, "Skipped": 2}
    alpha = Program.objects.get(unitid=100001, award_level=2)
    assert alpha.institution == "Alpha Technical College"
    assert (alpha.city, alpha.state) == ("Anchorage", "AK")
    assert alpha.website == "https://www.alpha.example.edu/"
    assert alpha.name == "Medical Assisting certificate (1 to 2 years)"
    assert alpha.path.slug == "certificate-one-to-two-years"
    assert alpha.completions == 30
    assert alpha.field_completions == 40  # 30 medical assisting + 10 other allied health + 0
    assert alpha.medical_assisting_share == 0.75
    assert alpha.completions_academic_year == "2022–23"
    associate = Program.objects.get(unitid=100001, award_level=3)
    assert associate.completions == 12  # the 5 second majors are not added
    assert associate.path.slug == "associate-degree"
    paths = dict(Program.objects.filter(unitid=100002).values_list("award_level", "path__slug"))
    assert paths == {20: "certificate-under-one-year", 21: "certificate-under-one-year"}
    assert Program.objects.get(unitid=100003).path.slug == "certificate-two-to-four-years"
    assert "1 medical assisting rows at award level 5" in output
    assert "1 medical assisting rows for second majors (MAJORNUM 2)" in output
    assert "imputed by IPEDS (XCTOTALT), used as published: 1" in output


def test_imported_programs_are_real_and_say_what_the_federal_data_do_not(files):
    run(**files)
    program = Program.objects.get(unitid=100003)
    assert not program.is_example
    assert program.delivery_format == ""
    assert program.months is None and program.total_cost is None
    assert not program.accreditor_known and program.accreditor is None
    assert program.has_externship is None and program.has_placement_help is None
    assert program.last_verified is None
    assert program.ipeds_source.key == "ipeds-c2023-a"


def test_each_file_is_recorded_as_a_source_with_its_year_and_the_date_imported(files):
    run(**files)
    completions = Source.objects.get(key="ipeds-c2023-a")
    directory = Source.objects.get(key="ipeds-hd2023")
    for source in (completions, directory):
        assert source.publisher == "National Center for Education Statistics (IPEDS)"
        assert source.provenance == Source.Provenance.DATA_FILE_COPY
        assert source.get_provenance_display() == "a copy of the official data file"
        assert "2022–23" in source.title and source.published == "collection year 2022–23"
        assert source.seen_on is not None
    assert "C2023_A.csv" in completions.notes and "HD2023.csv" in directory.notes


def test_a_rerun_updates_and_never_duplicates(files, tmp_path):
    run(**files)
    slugs = set(Program.objects.values_list("slug", flat=True))
    output = run(**files)
    assert summary_counts(output)["Unchanged"] == 5
    assert summary_counts(output)["Created"] == 0
    changed = [dict(row) for row in COMPLETIONS]
    changed[0]["CTOTALT"] = 33
    write_csv(tmp_path / "C2023_A.csv", C_A_COLUMNS, changed, quote_all=True)
    output = run(**files)
    assert summary_counts(output) == {"Created": 0, "Updated": 1, "Unchanged": 4, "Skipped": 2}
    assert Program.objects.get(unitid=100001, award_level=2).completions == 33
    assert set(Program.objects.values_list("slug", flat=True)) == slugs
    assert Program.objects.count() == 5


def test_a_school_without_completions_in_the_new_file_is_hidden_from_the_directory_but_kept(client, files, tmp_path):
    run(**files)
    newer = [row for row in COMPLETIONS if row["UNITID"] != 100003]
    write_csv(tmp_path / "C2024_A.csv", C_A_COLUMNS, newer, quote_all=True)
    output = run(directory=files["directory"], completions=str(tmp_path / "C2024_A.csv"), year=2024)
    assert "Marked “no recent completions” (hidden from the directory): 1" in output
    gamma = Program.objects.get(unitid=100003)
    assert gamma.no_recent_completions
    assert gamma.completions_year == 2023  # its last completions stay with their year
    listed = client.get(reverse("programs:program-list"), {"state": "TX"})
    assert gamma.slug not in listed.content.decode()
    assert (
        Program.objects.get(unitid=100001, award_level=2).slug
        in client.get(reverse("programs:program-list")).content.decode()
    )
    assert client.get(gamma.get_absolute_url()).status_code == 200
    # Back in a later file, it is listed again.
    run(**files)
    assert not Program.objects.get(unitid=100003).no_recent_completions


def test_examples_are_hidden_everywhere_once_a_real_program_exists_but_not_deleted(
    client, files, make_program, committed
):
    with committed():
        example = make_program("example-one", state="AK")
    assert example.slug in client.get(reverse("programs:program-list")).content.decode()
    with committed():
        run(**files)
    assert Program.objects.filter(pk=example.pk).exists()
    assert example.slug not in client.get(reverse("programs:program-list")).content.decode()
    assert client.get(example.get_absolute_url()).status_code == 404
    checklist = client.get(reverse("programs:checklist"), {"program": example.slug}).content.decode()
    assert "Example — not a real school" not in checklist
    sitemap = client.get("/sitemap.xml").content.decode()
    assert Program.objects.get(unitid=100003).get_absolute_url() in sitemap
    assert example.slug not in sitemap


def test_the_admin_history_shows_one_revision_per_program(files, editor_client):
    run(**files)
    program = Program.objects.get(unitid=100001, award_level=2)
    versions = Version.objects.get_for_object(program)
    assert versions.count() == 1
    assert "Imported from IPEDS 2022–23" in versions[0].revision.comment
    assert len({version.revision_id for version in Version.objects.get_for_model(Program)}) == 5
    history = editor_client.get(reverse("admin:programs_program_history", args=[program.pk]))
    assert "Imported from IPEDS 2022–23" in history.content.decode()


def test_a_dry_run_prints_the_counts_and_changes_nothing(files):
    output = run(dry_run=True, **files)
    assert "Dry run: nothing was saved" in output
    assert summary_counts(output)["Created"] == 5
    assert "Created: 5 (would be created)" in output
    assert "create Medical Assisting associate degree, Alpha Technical College (UNITID 100001)" in output
    assert not Program.objects.imported().exists()
    assert not Source.objects.filter(key__startswith="ipeds-c").exists()
    run(**files)
    output = run(dry_run=True, **files)
    assert summary_counts(output)["Unchanged"] == 5


def test_a_wrong_file_names_the_missing_column_and_changes_nothing(files, tmp_path):
    run(**files)
    before = list(Program.objects.order_by("pk").values_list("pk", "completions"))
    broken = tmp_path / "C2024_A.csv"
    columns = [column for column in C_A_COLUMNS if column != "MAJORNUM"]
    write_csv(broken, columns, [dict(row, CTOTALT=99) for row in COMPLETIONS], quote_all=True)
    with pytest.raises(CommandError, match=r"C2024_A.csv is not an IPEDS completions file .*missing column MAJORNUM"):
        run(directory=files["directory"], completions=str(broken))
    # The directory and completions files the other way round: the missing columns are named.
    with pytest.raises(CommandError, match=r"missing columns CIPCODE, MAJORNUM, AWLEVEL, CTOTALT"):
        run(directory=files["completions"], completions=files["directory"], year=2023)
    assert list(Program.objects.order_by("pk").values_list("pk", "completions")) == before


def test_a_failure_halfway_leaves_nothing_behind(files, tmp_path, monkeypatch):
    from programs.management.commands import import_ipeds

    calls = []

    def save_then_fail(program, comment):
        calls.append(program)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        program.save()

    monkeypatch.setattr(import_ipeds, "save_with_revision", save_then_fail)
    with pytest.raises(RuntimeError):
        run(**files)
    assert not Program.objects.imported().exists()
    assert not Source.objects.filter(key="ipeds-c2023-a").exists()


def test_the_year_comes_from_the_file_names_or_must_be_given(files, tmp_path):
    plain = tmp_path / "completions.csv"
    plain.write_bytes(Path(files["completions"]).read_bytes())
    with pytest.raises(CommandError, match="--year"):
        run(directory=str(tmp_path / "directory.csv"), completions=str(plain))
    run(directory=files["directory"], completions=str(plain), year=2022)
    assert Program.objects.get(unitid=100003).completions_academic_year == "2021–22"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"months": 61}, "The length must be between 1 and 60 months."),
        ({"total_cost": -1}, "The cost cannot be negative."),
        ({"unitid": None}, "An imported program needs both its UNITID and its award level."),
        ({"accreditor_known": False, "accreditor_id": 1}, "An accreditor is named: tick “accreditation known”"),
    ],
)
def test_model_validation_refuses_a_program_the_database_would_refuse(files, change, message):
    run(**files)
    program = Program.objects.get(unitid=100003)
    program.months = 9  # an editor fills in the length
    program.validate_constraints()
    for field, value in change.items():
        setattr(program, field, value)
    with pytest.raises(ValidationError, match=message):
        program.validate_constraints()


def test_an_editor_sees_the_federal_figures_read_only_and_fills_in_what_they_do_not_say(files, editor_client):
    run(**files)
    program = Program.objects.get(unitid=100001, award_level=2)
    page = editor_client.get(reverse("admin:programs_program_change", args=[program.pk])).content.decode()
    assert "IPEDS UNITID" in page and "100001" in page
    assert 'name="unitid"' not in page and 'name="completions"' not in page
    assert 'name="delivery_format"' in page and 'name="total_cost"' in page


def test_an_editors_csv_of_programs_leaves_the_federal_figures_to_the_import_commands():
    from programs.admin import ProgramResource

    columns = ProgramResource().get_export_headers()
    assert "accreditor_known" in columns and "has_externship" in columns
    assert not {"unitid", "completions", "earnings_1yr_median", "ipeds_source"} & set(columns)
