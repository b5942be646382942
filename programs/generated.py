"""Generated example data in the shape import_ipeds and import_scorecard leave: for benchmarks and query budgets.

Every row is an example (is_example, "Example" in its name and school), never a real school: its UNITID
is outside the six-digit range IPEDS assigns, and every figure is made up from the row's number. The
rows are unsaved, for one bulk_create.
"""

from careers.areas import POSTAL_PLACES

from .awards import AWARD_LEVEL_PATHS, AWARD_LEVEL_PROGRAM_NAMES, AwardLevel
from .models import EducationPath, Program

# Seven digits: IPEDS UNITIDs have six, so a generated row can never carry a real school's identifier.
FIRST_UNITID = 9_000_000
GENERATED_RELEASE = "Generated example data, not a College Scorecard release"
LEVELS = list(AwardLevel)
CONTROLS = list(Program.Control)
# Where generated schools cluster, as real ones do around cities (Miami first: the benchmarks search near 33125);
# every other row is spread over the lower 48 states' box.
METROS = [(25.78, -80.23), (29.76, -95.37), (41.88, -87.63), (34.05, -118.24), (40.71, -74.01), (33.45, -112.07)]


def coordinates(n):
    """A made-up but plausible place for row n: half near a metro (within about 20 miles), half anywhere."""
    jitter_lat = ((n * 37) % 61 - 30) / 100
    jitter_lon = ((n * 53) % 61 - 30) / 100
    if n % 2 == 0:
        lat, lon = METROS[(n // 2) % len(METROS)]
        return round(lat + jitter_lat, 5), round(lon + jitter_lon, 5)
    return round(25 + (n * 7919) % 2400 / 100, 5), round(-124 + (n * 104729) % 5700 / 100, 5)


def imported_shaped_programs(count, *, start=0, prefix="generated"):
    """`count` example programs shaped like imported ones: unknowns where the federal data say nothing.

    Across the rows: every award level, every state, a share with Scorecard earnings and debt, a few
    with no recent completions. The same numbers always give the same rows.
    """
    paths = {path.slug: path for path in EducationPath.objects.filter(slug__in=set(AWARD_LEVEL_PATHS.values()))}
    states = [code for code, _ in POSTAL_PLACES]
    rows = []
    for n in range(start, start + count):
        level = LEVELS[n % len(LEVELS)]
        completions = 5 + (n * 13) % 120
        has_earnings = n % 5 < 3
        has_debt = n % 10 < 7
        rows.append(
            Program(
                name=f"Example {AWARD_LEVEL_PROGRAM_NAMES[level]}",
                institution=f"Example Institute {n:05d}",
                slug=f"{prefix}-{n}",
                city="Exampleville",
                latitude=coordinates(n)[0],
                longitude=coordinates(n)[1],
                control=CONTROLS[n % len(CONTROLS)],
                state=states[n % len(states)],
                delivery_format="",
                path=paths[AWARD_LEVEL_PATHS[level]],
                accreditor_known=False,
                accreditor=None,
                total_cost=None,
                months=None,
                has_externship=None,
                has_placement_help=None,
                last_verified=None,
                is_example=True,
                unitid=FIRST_UNITID + n,
                award_level=level,
                completions=completions,
                field_completions=completions + (n * 7) % 90,
                completions_year=2023,
                no_recent_completions=n % 20 == 19,
                earnings_1yr_median=22_000 + (n * 97) % 18_000 if has_earnings else None,
                earnings_1yr_count=20 + n % 200 if has_earnings else None,
                debt_median=4_000 + (n * 53) % 9_000 if has_debt else None,
                debt_count=25 + n % 150 if has_debt else None,
                scorecard_release=GENERATED_RELEASE if has_earnings or has_debt else "",
                scorecard_credential_level=(2 if level == AwardLevel.ASSOCIATE else 1)
                if has_earnings or has_debt
                else None,
            )
        )
    return rows
