"""Attach the College Scorecard's field-of-study earnings and debt (CIP 5108) to imported programs, by UNITID.

The Scorecard field-of-study file (Most-Recent-Cohorts-Field-of-Study_<date>.csv) has one row per
institution × 4-digit CIP × credential level. Medical assisting sits in CIP 5108, "Allied Health and Medical
Assisting Services", which covers other allied-health programs too: the figures are the field's, not the
program's. A row is matched on UNITID only (never on a name): CREDLEV 1 (undergraduate certificate) goes
to every certificate program of that school, CREDLEV 2 (associate) to its associate program. A row that
matches no imported program is counted, never guessed.

Current releases name the earnings EARN_MDN_1YR and EARN_MDN_4YR (counts EARN_COUNT_WNE_1YR, _4YR); older
ones EARN_MDN_HI_1YR and EARN_MDN_HI_2YR (counts EARN_COUNT_WNE_HI_1YR, _HI_2YR). Suppressed cells are PS
(older: PrivacySuppressed); NULL and empty cells also occur; both mean "no figure".
"""

import re
from collections import defaultdict
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from programs.awards import CREDENTIAL_LEVEL_AWARDS, CredentialLevel
from programs.importers.csvfiles import CsvFile, Summary, UnreadableValue, clean, whole_number
from programs.importers.records import record_source, update_program
from programs.models import Program

FIELD = "5108"

# (median, count, years after completing) for the later earnings point, by release vintage.
VINTAGES = {
    "current": {"1yr": ("EARN_MDN_1YR", "EARN_COUNT_WNE_1YR"), "later": ("EARN_MDN_4YR", "EARN_COUNT_WNE_4YR", 4)},
    "older": {
        "1yr": ("EARN_MDN_HI_1YR", "EARN_COUNT_WNE_HI_1YR"),
        "later": ("EARN_MDN_HI_2YR", "EARN_COUNT_WNE_HI_2YR", 2),
    },
}
DEBT = ("DEBT_ALL_STGP_EVAL_MDN", "DEBT_ALL_STGP_EVAL_N")

SCORECARD_FIELDS = (
    "scorecard_credential_level",
    "earnings_1yr_median",
    "earnings_1yr_count",
    "earnings_later_median",
    "earnings_later_count",
    "earnings_later_years",
    "debt_median",
    "debt_count",
    "scorecard_release",
    "scorecard_source_id",
)

SCORECARD_DATA = "https://collegescorecard.ed.gov/data/"


def four_digit_cip(value):
    """CIP as four digits: 5108 stays 5108, '51.08' becomes 5108, and a code that lost its leading zero gets it back."""
    value = clean(value).replace(".", "")
    return value.zfill(4) if value.isdigit() else value


class Command(BaseCommand):
    help = (
        "Attach College Scorecard field-of-study earnings and debt (CIP 5108) to the programs imported from "
        "IPEDS, matched on UNITID: CREDLEV 1 to every certificate program, 2 to the associate program."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FIELD_OF_STUDY.csv", help="Most-Recent-Cohorts-Field-of-Study_<date>.csv")
        parser.add_argument(
            "--release",
            help="How the release is named on pages, e.g. 'Most-Recent-Cohorts-Field-of-Study, April 2025'. "
            "Defaults to the file name.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; save nothing.")

    def handle(self, *args, file, release, dry_run, verbosity, **options):
        csv_file = CsvFile(
            file,
            what="a College Scorecard field-of-study file (Most-Recent-Cohorts-Field-of-Study.csv)",
            stdout=self.stdout,
            progress=self.stdout.isatty(),
        )
        vintage = "current" if csv_file.has("EARN_MDN_1YR") else "older" if csv_file.has("EARN_MDN_HI_1YR") else None
        if vintage is None:
            csv_file.require("UNITID", "CIPCODE", "CREDLEV", "EARN_MDN_1YR (or EARN_MDN_HI_1YR in older releases)")
        columns = VINTAGES[vintage]
        csv_file.require("UNITID", "CIPCODE", "CREDLEV", *columns["1yr"], *columns["later"][:2], *DEBT)
        release = (release or Path(file).stem).strip()[:120]
        try:
            self._import(csv_file, columns, vintage, release, dry_run, verbosity)
        finally:
            csv_file.close()

    def _import(self, csv_file, columns, vintage, release, dry_run, verbosity):
        summary = Summary()
        with transaction.atomic():
            source = record_source(
                key=f"scorecard-{slugify(release)[:60]}",
                publisher="U.S. Department of Education, College Scorecard",
                title=f"College Scorecard field-of-study data ({release})",
                url=SCORECARD_DATA,
                published=self._published(release),
                file_name=csv_file.name,
                command="import_scorecard",
            )
            programs = self._imported_programs()
            comment = f"Earnings and debt from the College Scorecard ({release})"
            wanted = ["UNITID", "CIPCODE", "CREDLEV", *columns["1yr"], *columns["later"][:2], *DEBT]
            for row in csv_file.rows(*wanted):
                unitid, cip, level, *figures = row
                if four_digit_cip(cip) != FIELD:
                    continue  # another field of study: most of the file
                try:
                    unitid = whole_number(unitid)
                    level = whole_number(level)
                    earn_1yr, count_1yr, earn_later, count_later, debt, debt_count = map(whole_number, figures)
                except UnreadableValue as error:
                    summary.skip(f"CIP 5108 rows with an unreadable number ({error})")
                    continue
                if level not in CREDENTIAL_LEVEL_AWARDS:
                    summary.skip(f"CIP 5108 rows at credential level {level} (not a certificate or associate degree)")
                    continue
                matched = programs.get((unitid, level), [])
                if not matched:
                    summary.skip("CIP 5108 rows whose UNITID and credential level match no imported program")
                    continue
                values = {
                    "scorecard_credential_level": level,
                    "earnings_1yr_median": earn_1yr,
                    "earnings_1yr_count": count_1yr,
                    "earnings_later_median": earn_later,
                    "earnings_later_count": count_later,
                    "earnings_later_years": columns["later"][2] if earn_later is not None else None,
                    "debt_median": debt,
                    "debt_count": debt_count,
                    "scorecard_release": release,
                    "scorecard_source_id": source.pk,
                }
                self._attach(matched, values, comment, summary)
            if dry_run:
                transaction.set_rollback(True)
        summary.info.append(
            f"{csv_file.name}: {'current' if vintage == 'current' else 'older'} column names "
            f"({columns['1yr'][0]}, {columns['later'][0]}); release “{release}”."
        )
        summary.write(
            self.stdout,
            self.style,
            dry_run=dry_run,
            show_changes="all" if verbosity >= 2 else (50 if dry_run else None),
        )

    def _published(self, release):
        """The release's date when its name carries one (…_04172025 is 17 April 2025), else 'undated'."""
        found = re.search(r"(\d{2})(\d{2})(\d{4})$", release)
        return f"{found.group(3)}-{found.group(1)}-{found.group(2)}" if found else "undated"

    def _imported_programs(self):
        """Imported programs' primary keys by (UNITID, credential level): as large as the directory, not the file."""
        level_of = {award: level for level, awards in CREDENTIAL_LEVEL_AWARDS.items() for award in awards}
        programs = defaultdict(list)
        for pk, unitid, award in Program.objects.imported().values_list("pk", "unitid", "award_level"):
            if award in level_of:
                programs[unitid, CredentialLevel(level_of[award])].append(pk)
        return programs

    def _attach(self, pks, values, comment, summary):
        for program in Program.objects.filter(pk__in=pks).order_by("pk"):
            update_program(program, values, SCORECARD_FIELDS, comment, summary)
