"""An operator loads the real programs with one command: the published zips fetched, kept, checked and recorded."""

import hashlib
import io
import re
import zipfile

import pytest
from django.core.management import CommandError, call_command

from content.models import Source
from programs.models import Program

from .federal_files import C_A_COLUMNS, HD_COLUMNS, completion, school, write_csv
from .ipeds_server import Server, published_zips, shared_ipeds_or_skip, write_zip

pytestmark = pytest.mark.usefixtures("seeded")

MIAMI = {
    **school(200001, "Café Técnico de Miami", "Miami", "FL", "www.cafe.example.edu/"),
    "ADDR": "100 NW 1st Street",
    "ZIP": "33125-1234",
    "COUNTYNM": "Miami-Dade County",
    "LATITUDE": "25.7825",
    "LONGITUD": "-80.2341",
    "CONTROL": 1,
}
RENO = {**school(200002, "Sierra Career College", "Reno", "NV"), "CONTROL": 3, "LATITUDE": "39.5", "LONGITUD": "-119.8"}


def run(*args):
    out = io.StringIO()
    call_command("import_ipeds", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def web(tmp_path, settings):
    """A local server in NCES's layout, with the kept-files folder in the test's own directory."""
    root = tmp_path / "web"
    (root / "data").mkdir(parents=True)
    settings.FEDERAL_FILES_DIR = tmp_path / "kept"
    with Server(root) as server:
        settings.IPEDS_DATA_URL = server.url
        server.data = root / "data"
        yield server


def small_zips(web, tmp_path, year=2024, *, encoding="utf-8-sig", schools=(MIAMI, RENO)):
    """NCES's quoted CSVs (Windows-1252 in older years, UTF-8 with a byte-order mark now) in its zips."""
    hd = write_csv(tmp_path / "hd.csv", HD_COLUMNS, list(schools), quote_all=True)
    hd.write_bytes(hd.read_text(encoding="utf-8").encode(encoding))
    rows = [completion(200001, "51.0801", 2, 30), completion(200002, "51.0801", 3, 9)]
    ca = write_csv(tmp_path / "ca.csv", C_A_COLUMNS, rows, quote_all=True)
    published_zips(web.data, year, hd, ca)


def test_download_fetches_keeps_and_imports_the_published_zips_and_records_where_they_came_from(web, tmp_path):
    small_zips(web, tmp_path)
    output = run("--year", "2024", "--download")
    assert "Created: 2" in output
    miami = Program.objects.get(unitid=200001)
    assert miami.institution == "Café Técnico de Miami"
    assert (miami.street_address, miami.zip_code) == ("100 NW 1st Street", "33125-1234")
    assert miami.county == "Miami-Dade County"
    assert (miami.latitude, miami.longitude, miami.control) == (25.7825, -80.2341, "public")
    assert miami.website == "https://www.cafe.example.edu/"
    assert Program.objects.get(unitid=200002).control == "for-profit"
    kept = tmp_path / "kept" / "HD2024.zip"
    assert kept.exists()
    source = Source.objects.get(key="ipeds-hd2024")
    assert source.url == web.url + "HD2024.zip"
    digest = hashlib.sha256(kept.read_bytes()).hexdigest()
    assert f"SHA-256 {digest}" in source.notes
    assert re.search(r"Fetched from \S+HD2024\.zip on \d{4}-\d{2}-\d{2}", source.notes)


def test_a_rerun_reads_the_kept_files_and_changes_nothing_unless_refresh(web, tmp_path):
    small_zips(web, tmp_path)
    run("--year", "2024", "--download")
    fetched = len(web.requests)
    output = run("--year", "2024", "--download")
    assert len(web.requests) == fetched, "the kept files are read, not fetched again"
    assert "Unchanged: 2" in output and "Created: 0" in output
    run("--year", "2024", "--download", "--refresh")
    assert len(web.requests) == fetched + 2


def test_windows_1252_files_and_a_revised_csv_beside_the_original_are_read_the_revised_one_first(web, tmp_path):
    small_zips(web, tmp_path, encoding="cp1252")
    hd_rv = write_csv(tmp_path / "rv.csv", HD_COLUMNS, [{**MIAMI, "INSTNM": "Café Revised College"}, RENO])
    original = web.data / "HD2024.zip"
    with zipfile.ZipFile(original) as archive:
        first = archive.read("hd2024.csv")
    write_zip(original, {"hd2024.csv": first, "hd2024_rv.csv": hd_rv.read_bytes()})
    run("--year", "2024", "--download")
    assert Program.objects.get(unitid=200001).institution == "Café Revised College"


def test_windows_1252_accents_survive(web, tmp_path):
    small_zips(web, tmp_path, encoding="cp1252")
    run("--year", "2024", "--download")
    assert Program.objects.get(unitid=200001).institution == "Café Técnico de Miami"


@pytest.mark.parametrize("where", ["offline", "missing"])
def test_offline_or_a_404_says_the_url_and_the_manual_steps_and_changes_nothing(web, tmp_path, settings, where):
    if where == "offline":
        web.__exit__()  # nobody answers at that address any more
    with pytest.raises(CommandError) as error:
        run("--year", "2024", "--download")
    message = str(error.value)
    assert f"Could not download {settings.IPEDS_DATA_URL}HD2024.zip" in message
    assert "Nothing was changed" in message and "--directory HD2024.zip --completions C2024_A.zip" in message
    assert not Program.objects.filter(unitid__isnull=False).exists()
    assert not any((tmp_path / "kept").glob("*.zip"))
    if where == "missing":
        assert "404" in message
        assert web.requests == ["/data/HD2024.zip"], "a missing file is not asked for again"


def test_a_broken_connection_is_tried_once_more(web, tmp_path):
    small_zips(web, tmp_path)
    web.hang_up_once.add("/data/HD2024.zip")
    assert "Created: 2" in run("--year", "2024", "--download")
    assert web.requests.count("/data/HD2024.zip") == 2


def test_a_broken_zip_is_refused_before_anything_is_written_and_not_kept(web, tmp_path):
    small_zips(web, tmp_path)
    data = bytearray((web.data / "C2024_A.zip").read_bytes())
    data[40:60] = b"\0" * 20  # inside the compressed CSV: its checksum fails
    (web.data / "C2024_A.zip").write_bytes(bytes(data))
    with pytest.raises(CommandError, match="C2024_A.zip"):
        run("--year", "2024", "--download")
    assert not Program.objects.filter(unitid__isnull=False).exists()
    assert not (tmp_path / "kept" / "C2024_A.zip").exists()


def test_a_zip_whose_csv_lacks_the_columns_is_refused_naming_them(web, tmp_path):
    small_zips(web, tmp_path)
    write_zip(web.data / "HD2024.zip", {"hd2024.csv": b"UNITID,INSTNM\r\n1,X\r\n"})
    with pytest.raises(CommandError, match="missing columns CITY, STABBR, WEBADDR"):
        run("--year", "2024", "--download")
    assert not Program.objects.filter(unitid__isnull=False).exists()
    assert not Source.objects.filter(key="ipeds-hd2024").exists()


def test_a_path_to_a_zip_is_read_like_a_csv(tmp_path):
    small_dir = tmp_path / "files"
    small_dir.mkdir()

    class Folder:
        data = small_dir

    small_zips(Folder, tmp_path)
    run("--directory", str(small_dir / "HD2024.zip"), "--completions", str(small_dir / "C2024_A.zip"))
    assert Program.objects.filter(unitid__in=[200001, 200002]).count() == 2


def test_download_needs_a_year(web):
    with pytest.raises(CommandError, match="--download needs --year"):
        run("--download")


def test_the_real_2024_files_served_the_nces_way_make_1399_programs_and_a_rerun_changes_nothing(web):
    shared = shared_ipeds_or_skip()
    published_zips(web.data, 2023, shared / "hd2023_cip5108_schools.csv", shared / "c2023_a_cip5108.csv")
    published_zips(web.data, 2024, shared / "hd2024_cip5108_schools.csv", shared / "c2024_a_cip5108.csv")
    run("--year", "2023", "--download")
    before_2024 = set(Program.objects.imported().values_list("unitid", "award_level"))
    output = run("--year", "2024", "--download")
    now = Program.objects.imported()
    current = set(now.filter(no_recent_completions=False).values_list("unitid", "award_level"))
    assert len(current) == 1399
    assert len({unitid for unitid, _ in current}) == 1062
    gone = before_2024 - current
    assert gone and set(now.filter(no_recent_completions=True).values_list("unitid", "award_level")) == gone
    assert "Updated:" in output
    assert not now.filter(no_recent_completions=False, latitude__isnull=True).exists()
    rerun = run("--year", "2024", "--download")
    assert "Created: 0" in rerun and "Updated: 0" in rerun and "Unchanged: 1,399" in rerun


def test_a_newer_year_updates_where_a_school_is_and_who_runs_it(web, tmp_path):
    small_zips(web, tmp_path, 2023)
    run("--year", "2023", "--download")
    moved = {**MIAMI, "ADDR": "200 NW 2nd Street", "LATITUDE": "25.79", "LONGITUD": "-80.24", "CONTROL": 2}
    small_zips(web, tmp_path, 2024, schools=(moved, RENO))
    output = run("--year", "2024", "--download")
    miami = Program.objects.get(unitid=200001)
    assert (miami.street_address, miami.latitude, miami.longitude) == ("200 NW 2nd Street", 25.79, -80.24)
    assert miami.control == "nonprofit"
    assert "Updated: 2" in output
