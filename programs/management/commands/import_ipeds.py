"""Create or update one program per school and award level from the IPEDS directory and completions files.

IPEDS (National Center for Education Statistics) publishes, per collection year, the institutional directory
HD<year>.csv (UNITID, INSTNM, CITY, STABBR, WEBADDR, …) and completions by program C<year>_A.csv (UNITID,
CIPCODE, MAJORNUM, AWLEVEL, XCTOTALT, CTOTALT, …). A school that awarded medical assisting credentials
(CIP 51.0801, first majors) at an award level gets one program for that level, keyed by UNITID and award
level so a rerun updates it. What the files do not say (format, length, cost, accreditor, externship,
placement help) is left unknown.
"""

import re
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from programs.awards import AWARD_LEVEL_PATHS, AWARD_LEVEL_PROGRAM_NAMES, academic_year
from programs.importers.csvfiles import CsvFile, Summary, UnreadableValue, clean, whole_number
from programs.importers.download import fetch, sha256_of
from programs.importers.ipeds import (
    AWARD_SLUGS,
    CONTROLS,
    FIELD_PREFIX,
    FIRST_MAJOR,
    IMPUTED_FLAGS,
    IPEDS_FIELDS,
    LOCATION_COLUMNS,
    MEDICAL_ASSISTING,
    NCES_DATA_FILES,
    NEWEST_YEAR,
    cip_code,
    coordinate,
    manual_steps,
    website,
)
from programs.importers.records import record_source, save_with_revision, update_program
from programs.models import EducationPath, Program


class Command(BaseCommand):
    help = (
        "Import medical assisting programs (CIP 51.0801) from the IPEDS directory (HD<year>.csv) and "
        "completions (C<year>_A.csv) files: one program per school and award level, updated on a rerun."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", metavar="HD.csv", help="The IPEDS HD<year>.csv file, or the HD<year>.zip that holds it."
        )
        parser.add_argument(
            "--completions", metavar="C_A.csv", help="The IPEDS C<year>_A.csv file, or the C<year>_A.zip that holds it."
        )
        parser.add_argument(
            "--download",
            action="store_true",
            help="Fetch HD<year>.zip and C<year>_A.zip (with --year) from CAREERPATH_IPEDS_URL (default NCES) and "
            "keep them in .local/federal/; a rerun reads the kept files.",
        )
        parser.add_argument("--refresh", action="store_true", help="With --download: fetch again, even if kept.")
        parser.add_argument(
            "--year",
            type=int,
            help="The IPEDS collection year, e.g. 2023 for awards from July 2022 to June 2023 (shown as 2022–23). "
            "Read from the file names when they carry it.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; save nothing.")

    def handle(self, *args, directory, completions, year, dry_run, verbosity, download, refresh, **options):
        progress = self.stdout.isatty()
        origins = {}
        if download:
            if directory or completions:
                raise CommandError("Give either --download or --directory and --completions, not both.")
            if not year:
                raise CommandError(f"--download needs --year (e.g. --year {NEWEST_YEAR}).")
            if not 1980 <= year <= 2100:
                raise CommandError(f"--year {year} is not an IPEDS collection year.")
            directory, completions, origins = self._download(year, refresh=refresh, progress=progress)
        elif not (directory and completions):
            raise CommandError(
                "Give --directory and --completions (the HD and C_A files, csv or zip), or --download with --year."
            )
        year = year or self._year_from_names(directory, completions)
        if not 1980 <= year <= 2100:
            raise CommandError(f"--year {year} is not an IPEDS collection year.")
        self.origins = origins
        # Both files are checked before anything is read or saved.
        completions_file = CsvFile(
            completions, what="an IPEDS completions file (C<year>_A.csv)", stdout=self.stdout, progress=progress
        )
        completions_file.require("UNITID", "CIPCODE", "MAJORNUM", "AWLEVEL", "CTOTALT")
        directory_file = CsvFile(
            directory, what="an IPEDS directory file (HD<year>.csv)", stdout=self.stdout, progress=progress
        )
        try:
            directory_file.require("UNITID", "INSTNM", "CITY", "STABBR", "WEBADDR")
        except CommandError:
            completions_file.close()
            raise
        try:
            self._import(completions_file, directory_file, year, dry_run, verbosity, completions, directory)
        finally:
            completions_file.close()
            directory_file.close()

    def _download(self, year, *, refresh, progress):
        """Both zips, kept in FEDERAL_FILES_DIR: (directory path, completions path, {path: KeptFile})."""
        base = settings.IPEDS_DATA_URL.rstrip("/") + "/"
        kept = {}
        for name in (f"HD{year}.zip", f"C{year}_A.zip"):
            copy = fetch(
                base + name,
                Path(settings.FEDERAL_FILES_DIR) / name,
                manual_steps=manual_steps(year),
                stdout=self.stdout,
                progress=progress,
                refresh=refresh,
            )
            kept[str(copy.path)] = copy
        directory, completions = kept
        return directory, completions, kept

    def _origin(self, path):
        """(URL, SHA-256, date fetched or None) of a file read: a downloaded one's, or the file given's own hash."""
        copy = self.origins.get(str(path))
        if copy is not None:
            return copy.url, copy.sha256, copy.fetched_on
        return NCES_DATA_FILES, sha256_of(path), None

    def _import(self, completions_file, directory_file, year, dry_run, verbosity, completions_path, directory_path):
        paths = self._paths()
        summary = Summary()
        origins = {"c": self._origin(completions_path), "hd": self._origin(directory_path)}
        with transaction.atomic():
            awards, field_totals = self._read_completions(completions_file, summary)
            schools = self._read_directory(directory_file, {unitid for unitid, _ in awards})
            completions_source = record_source(
                key=f"ipeds-c{year}-a",
                publisher="National Center for Education Statistics (IPEDS)",
                title=f"IPEDS completions by program, {academic_year(year)} (C{year}_A)",
                url=origins["c"][0],
                published=f"collection year {academic_year(year)}",
                file_name=completions_file.name,
                command="import_ipeds",
                sha256=origins["c"][1],
                fetched_on=origins["c"][2],
            )
            record_source(
                key=f"ipeds-hd{year}",
                publisher="National Center for Education Statistics (IPEDS)",
                title=f"IPEDS institutional directory, {academic_year(year)} (HD{year})",
                url=origins["hd"][0],
                published=f"collection year {academic_year(year)}",
                file_name=directory_file.name,
                command="import_ipeds",
                sha256=origins["hd"][1],
                fetched_on=origins["hd"][2],
            )
            comment = f"Imported from IPEDS {academic_year(year)} ({completions_file.name}, {directory_file.name})"
            self._save_programs(awards, field_totals, schools, paths, year, completions_source, comment, summary)
            self._mark_no_recent_completions(set(awards), year, comment, summary)
            if dry_run:
                transaction.set_rollback(True)
        summary.write(
            self.stdout,
            self.style,
            dry_run=dry_run,
            show_changes="all" if verbosity >= 2 else (50 if dry_run else None),
        )

    def _year_from_names(self, *names):
        for name in names:
            found = re.search(r"(?:HD|C)(\d{4})", str(name).rsplit("/", 1)[-1], re.IGNORECASE)
            if found:
                return int(found.group(1))
        raise CommandError("Give --year (e.g. --year 2023): the file names do not say the collection year.")

    def _paths(self):
        paths = {path.slug: path for path in EducationPath.objects.filter(slug__in=set(AWARD_LEVEL_PATHS.values()))}
        missing = sorted(set(AWARD_LEVEL_PATHS.values()) - set(paths))
        if missing:
            raise CommandError(
                f"The education paths {', '.join(missing)} are missing: run manage.py load_content first."
            )
        return {level: paths[slug] for level, slug in AWARD_LEVEL_PATHS.items()}

    def _read_completions(self, file, summary):
        """Medical assisting completions per (UNITID, award level), and the school's CIP 51.08 totals per level."""
        awards = defaultdict(int)
        field_totals = defaultdict(int)
        has_flag = file.has("XCTOTALT")
        columns = ["UNITID", "CIPCODE", "MAJORNUM", "AWLEVEL", "CTOTALT"] + (["XCTOTALT"] if has_flag else [])
        for row in file.rows(*columns):
            unitid, cip, major, level, total = row[:5]
            cip = cip_code(cip)
            if not cip.startswith(FIELD_PREFIX) or len(cip) != 7:
                continue  # another field of study, or a total row: not ours to count
            try:
                unitid = whole_number(unitid)
                major = whole_number(major)
                level = whole_number(level)
                total = whole_number(total)
            except UnreadableValue as error:
                summary.skip(f"rows with an unreadable number ({error})")
                continue
            if unitid is None or level is None:
                summary.skip("rows without a UNITID or award level")
                continue
            if major != FIRST_MAJOR:
                if cip == MEDICAL_ASSISTING:
                    summary.skip("medical assisting rows for second majors (MAJORNUM 2), not counted twice")
                continue
            if level not in AWARD_LEVEL_PATHS:
                if cip == MEDICAL_ASSISTING:
                    summary.skip(
                        f"medical assisting rows at award level {level} (not a certificate or associate degree)"
                    )
                continue
            if total is None:
                if cip == MEDICAL_ASSISTING:
                    summary.skip("medical assisting rows without a count (CTOTALT)")
                continue
            field_totals[unitid, level] += total
            if cip == MEDICAL_ASSISTING:
                if has_flag and clean(row[5]).upper() in IMPUTED_FLAGS:
                    summary.note("Medical assisting counts imputed by IPEDS (XCTOTALT), used as published")
                awards[unitid, level] += total
        # A level with no award in the year is no recent completion: not a program to list.
        for key in [key for key, total in awards.items() if total <= 0]:
            del awards[key]
            summary.skip("medical assisting rows with 0 completions")
        return awards, field_totals

    def _read_directory(self, file, wanted):
        """Name, place, coordinates, control and website of the schools that award medical assisting credentials."""
        schools = {}
        extra = [column for column in LOCATION_COLUMNS if file.has(column)]
        for row in file.rows("UNITID", "INSTNM", "CITY", "STABBR", "WEBADDR", *extra):
            unitid, name, city, state, web = row[:5]
            cells = dict(zip(extra, row[5:], strict=True))
            try:
                unitid = whole_number(unitid)
            except UnreadableValue:
                continue
            if unitid in wanted:
                latitude = coordinate(cells.get("LATITUDE", ""), 90)
                longitude = coordinate(cells.get("LONGITUD", ""), 180)
                if latitude is None or longitude is None:
                    latitude = longitude = None
                try:
                    control = CONTROLS.get(whole_number(cells.get("CONTROL", "")), "")
                except UnreadableValue:  # -3, "not available", or anything else: unknown
                    control = ""
                schools[unitid] = {
                    "institution": clean(name)[:200],
                    "city": clean(city)[:100],
                    "state": clean(state).upper()[:2],
                    "website": website(web),
                    "street_address": clean(cells.get("ADDR", ""))[:200],
                    "zip_code": clean(cells.get("ZIP", ""))[:10],
                    "county": clean(cells.get("COUNTYNM", ""))[:100],
                    "latitude": latitude,
                    "longitude": longitude,
                    "control": control,
                }
        return schools

    def _save_programs(self, awards, field_totals, schools, paths, year, source, comment, summary):
        existing = {
            (program.unitid, program.award_level): program
            for program in Program.objects.filter(unitid__in={unitid for unitid, _ in awards})
        }
        for (unitid, level), completions in sorted(awards.items()):
            school = schools.get(unitid)
            if school is None or not school["institution"] or len(school["state"]) != 2:
                summary.skip("schools not in the directory file (HD), or without a name or state there")
                continue
            values = {
                **school,
                "name": AWARD_LEVEL_PROGRAM_NAMES[level],
                "path_id": paths[level].pk,
                "completions": completions,
                "field_completions": field_totals[unitid, level],
                "completions_year": year,
                "no_recent_completions": False,
                "ipeds_source_id": source.pk,
            }
            program = existing.get((unitid, level))
            if program is None:
                program = Program(
                    unitid=unitid,
                    award_level=level,
                    slug=f"{slugify(school['institution'])[:130].strip('-')}-{school['state'].lower()}-{unitid}-"
                    f"{AWARD_SLUGS[level]}",
                    # What the federal data do not say stays unknown.
                    delivery_format="",
                    accreditor_known=False,
                    accreditor=None,
                    total_cost=None,
                    months=None,
                    has_externship=None,
                    has_placement_help=None,
                    last_verified=None,
                    is_example=False,
                    **values,
                )
                save_with_revision(program, comment)
                summary.created += 1
                summary.change(f"create {program.name}, {program.institution} (UNITID {unitid})")
                continue
            update_program(program, values, IPEDS_FIELDS, comment, summary)

    def _mark_no_recent_completions(self, found, year, comment, summary):
        """Imported programs the new file gives no completions for: hidden from the directory, kept by address."""
        # Keys first, programs after, in chunks: SQLite must not write to a table while a cursor reads it.
        gone = [
            pk
            for pk, unitid, level in Program.objects.imported()
            .filter(no_recent_completions=False)
            .values_list("pk", "unitid", "award_level")
            if (unitid, level) not in found
        ]
        for start in range(0, len(gone), 500):
            for program in Program.objects.filter(pk__in=gone[start : start + 500]).order_by("pk"):
                program.no_recent_completions = True
                save_with_revision(program, f"{comment}: no medical assisting completions in {academic_year(year)}")
                summary.note("Marked “no recent completions” (hidden from the directory)")
                summary.change(
                    f"mark no recent completions: {program.name}, {program.institution} (UNITID {program.unitid})"
                )
