"""What the IPEDS files hold for this site, and how their cells are read (import_ipeds uses it all).

The field and award levels read, the fields the import owns on a program, where NCES publishes the files,
and the readers of the cells that need more than a trim: CIP codes, coordinates, a school's website.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from programs.awards import AwardLevel
from programs.importers.csvfiles import clean
from programs.models import Program

MEDICAL_ASSISTING = "51.0801"
FIELD_PREFIX = "51.08"  # Allied Health and Medical Assisting Services: the field the Scorecard reports on.
FIRST_MAJOR = 1

# The slug's ending for each award level (the school's name, state and UNITID come first).
AWARD_SLUGS = {
    AwardLevel.UNDER_ONE_YEAR: "certificate-under-1-year",
    AwardLevel.UNDER_12_WEEKS: "certificate-under-12-weeks",
    AwardLevel.TWELVE_WEEKS_TO_ONE_YEAR: "certificate-12-weeks-to-1-year",
    AwardLevel.ONE_TO_TWO_YEARS: "certificate-1-to-2-years",
    AwardLevel.TWO_TO_FOUR_YEARS: "certificate-2-to-4-years",
    AwardLevel.ASSOCIATE: "associate-degree",
}

# IPEDS imputation flags (the X… column beside each count) that mean the count was not reported as it stands.
IMPUTED_FLAGS = frozenset("CGJKLNP")

# The fields this command owns on a program; what an editor adds (format, cost, accreditor …) is never touched.
IPEDS_FIELDS = (
    "institution",
    "name",
    "city",
    "state",
    "website",
    "street_address",
    "zip_code",
    "county",
    "latitude",
    "longitude",
    "control",
    "path_id",
    "completions",
    "field_completions",
    "completions_year",
    "no_recent_completions",
    "ipeds_source_id",
)

NCES_DATA_FILES = "https://nces.ed.gov/ipeds/datacenter/DataFiles.aspx"
# The newest collection year whose files this command has been run on; `make real-programs` loads it.
NEWEST_YEAR = 2024
# HD's CONTROL: 1 public, 2 private nonprofit, 3 private for-profit (-3: not available).
CONTROLS = {1: Program.Control.PUBLIC, 2: Program.Control.NONPROFIT, 3: Program.Control.FOR_PROFIT}
# Where each school is: read when the directory file has them (every published HD file does).
LOCATION_COLUMNS = ("ADDR", "ZIP", "COUNTYNM", "LATITUDE", "LONGITUD", "CONTROL")


def manual_steps(year):
    return (
        f"To load the files by hand, download HD{year}.zip (Institutional Characteristics → Directory information) "
        f"and C{year}_A.zip (Completions → Awards/degrees conferred by program, 6-digit CIP code) from "
        f"{NCES_DATA_FILES}, then run: manage.py import_ipeds --directory HD{year}.zip --completions C{year}_A.zip"
    )


def coordinate(value, limit):
    try:
        number = float(clean(value))
    except ValueError:
        return None
    return number if -limit <= number <= limit and number == number else None


validate_url = URLValidator(schemes=["http", "https"])


def cip_code(value):
    """A CIP code as NN.NNNN, whatever the file did to it ("51.0801", =\"51.0801\", 51.08010, 1.0101)."""
    value = clean(value)
    if "." not in value:
        return value  # a total (99) or a malformed code: never a 6-digit code
    series, _, detail = value.partition(".")
    if not (series.isdigit() and detail.isdigit()):
        return value
    return f"{int(series):02d}.{detail}"


def website(value):
    """The school's address as a link: IPEDS gives it without a scheme (www.example.edu/)."""
    value = clean(value)
    if not value:
        return ""
    if not re.match(r"^https?://", value, re.IGNORECASE):
        value = f"https://{value}"
    try:
        validate_url(value)
    except ValidationError:
        return ""
    return value if len(value) <= 300 else ""
