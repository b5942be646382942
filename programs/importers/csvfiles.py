"""Read a published CSV file row by row, whatever its size: memory stays flat and a terminal sees progress.

The federal files are large (IPEDS completions: hundreds of thousands of rows; the Scorecard field-of-study
file: about 200,000 rows and a few hundred columns), so nothing here holds a file in memory: lines are
decoded one at a time (UTF-8, or Windows-1252 where a line is not UTF-8, as older IPEDS files are) and
handed to the csv module, which joins quoted fields that span lines.
"""

import csv
import time
import zipfile
from collections import Counter
from pathlib import Path

from django.core.management.base import CommandError

# What the publishers put in a cell that has no figure: Scorecard's privacy suppression (PS in current
# releases, PrivacySuppressed in older ones), NULL, and an empty cell; IPEDS uses a dot for "not applicable".
NO_FIGURE = frozenset({"", "NULL", "PS", "PRIVACYSUPPRESSED", "NA", "N/A", "."})


class WrongFile(CommandError):
    """The file is not the one the command reads: its message names what is missing."""


class UnreadableValue(ValueError):
    """A cell that should hold a number holds something else."""


def clean(value):
    """A cell as the publisher meant it: no surrounding spaces, quotes or spreadsheet ="…" wrapper."""
    value = (value or "").strip()
    if value.startswith('="') and value.endswith('"'):
        value = value[2:-1]
    return value.strip().strip('"').strip()


def whole_number(value):
    """The cell as a whole number, or None where the publisher gives no figure (PS, PrivacySuppressed, NULL, empty)."""
    value = clean(value)
    if value.upper() in NO_FIGURE:
        return None
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        raise UnreadableValue(value) from None
    if number != number or number < 0:  # NaN or a negative count or amount
        raise UnreadableValue(value)
    return round(number)


class _Lines:
    """The file's lines as text, one at a time, counting the bytes read for the progress bar."""

    def __init__(self, binary):
        self.binary = binary
        self.bytes_read = 0
        self.first = True

    def __iter__(self):
        return self

    def __next__(self):
        raw = self.binary.readline()
        if not raw:
            raise StopIteration
        self.bytes_read += len(raw)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        if self.first:
            self.first = False
            text = text.lstrip("\ufeff")
        return text


class Progress:
    """A one-line progress bar, drawn only on a terminal and at most five times a second."""

    WIDTH = 30

    def __init__(self, stdout, label, total, *, enabled, interval=0.2, unit="rows"):
        self.unit = unit
        self.stdout = stdout
        self.label = label
        self.total = max(total, 1)
        self.enabled = enabled
        self.interval = interval
        self.last = 0.0
        self.drawn = False

    def update(self, done, rows):
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            self._draw(done, rows)

    def finish(self, rows):
        if self.enabled:
            self._draw(self.total, rows)
            self.stdout.write("")

    def _draw(self, done, rows):
        fraction = min(done / self.total, 1.0)
        filled = int(fraction * self.WIDTH)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stdout.write(f"\r{self.label} [{bar}] {fraction:4.0%} {rows:,} {self.unit}", ending="")
        self.stdout.flush()
        self.drawn = True


def zip_member(archive, *, name):
    """The CSV a published zip holds: the revised one (`*_rv.csv`) where NCES put one beside the original.

    NCES names the files inside in lower case (hd2024.csv, c2024_a_rv.csv); any case is read.
    """
    members = [info for info in archive.infolist() if info.filename.lower().endswith(".csv") and not info.is_dir()]
    if not members:
        raise WrongFile(f"{name} holds no CSV file.")
    revised = [info for info in members if info.filename.lower().endswith("_rv.csv")]
    return (revised or members)[0]


def open_zip_member(path):
    """(the member's name, its size, a binary stream of it), after checking every member's checksum."""
    name = Path(path).name
    try:
        archive = zipfile.ZipFile(path)
        broken = archive.testzip()
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise WrongFile(f"{name} is not a readable zip file ({error}): download it again.") from error
    if broken is not None:
        archive.close()
        raise WrongFile(f"{name} is damaged ({broken} fails its checksum): download it again.")
    member = zip_member(archive, name=name)
    return member.filename.rsplit("/", 1)[-1], member.file_size, _ZipStream(archive, member)


class _ZipStream:
    """A member of a zip read as a binary file; closing it closes the archive too."""

    def __init__(self, archive, member):
        self.archive = archive
        self.stream = archive.open(member)

    def readline(self):
        return self.stream.readline()

    def close(self):
        self.stream.close()
        self.archive.close()


class CsvFile:
    """A published CSV file, or the CSV in a published zip: its columns checked up front, then its rows streamed."""

    def __init__(self, path, *, what, stdout, progress=False):
        self.path = Path(path)
        self.name = self.path.name
        self.what = what
        self.stdout = stdout
        self.progress_enabled = progress
        self.rows_read = 0
        try:
            if zipfile.is_zipfile(self.path) or self.path.suffix.lower() == ".zip":
                member, self.size, self._binary = open_zip_member(self.path)
                self.name = f"{self.path.name} ({member})"
            else:
                self.size = self.path.stat().st_size
                self._binary = self.path.open("rb")
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error.strerror or error}).") from error
        self._lines = _Lines(self._binary)
        self._reader = csv.reader(self._lines)
        try:
            header = next(self._reader)
        except StopIteration:
            self.close()
            raise WrongFile(f"{self.name} is empty: expected {what}.") from None
        except csv.Error as error:
            self.close()
            raise WrongFile(f"{self.name} is not a CSV file ({error}): expected {what}.") from error
        self.columns = [clean(name).upper() for name in header]
        self._index = {name: position for position, name in reversed(list(enumerate(self.columns)))}

    def has(self, column):
        return column in self._index

    def require(self, *columns):
        """Stop, naming every missing column, unless the file has them all."""
        missing = [column for column in columns if column not in self._index]
        if missing:
            self.close()
            found = ", ".join(self.columns[:8]) + (", …" if len(self.columns) > 8 else "")
            raise WrongFile(
                f"{self.name} is not {self.what}: missing column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)}. Its first columns are: {found or 'none'}."
            )

    def rows(self, *columns):
        """Each row as a tuple of the named columns' cells (a short row gives empty cells), streamed."""
        positions = [self._index[column] for column in columns]
        progress = Progress(self.stdout, f"Reading {self.name}", self.size, enabled=self.progress_enabled)
        try:
            for row in self._reader:
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                self.rows_read += 1
                width = len(row)
                yield tuple(row[position] if position < width else "" for position in positions)
                progress.update(self._lines.bytes_read, self.rows_read)
        except csv.Error as error:
            raise WrongFile(f"{self.name}, line {self._reader.line_num}: {error}.") from error
        finally:
            progress.finish(self.rows_read)
            self.close()

    def close(self):
        self._binary.close()


class Summary:
    """What an import did (or, in a dry run, would do): created, updated, unchanged, skipped with reasons."""

    def __init__(self):
        self.created = 0
        self.updated = 0
        self.unchanged = 0
        self.skipped = Counter()
        self.notes = Counter()
        self.changes = []
        self.info = []

    def skip(self, reason, count=1):
        self.skipped[reason] += count

    def note(self, what, count=1):
        self.notes[what] += count

    def change(self, line):
        self.changes.append(line)

    def write(self, stdout, style, *, dry_run, show_changes):
        for line in self.info:
            stdout.write(line)
        if dry_run:
            stdout.write(style.WARNING("Dry run: nothing was saved. The import would make these changes:"))
        if show_changes is not None:
            shown = self.changes if show_changes == "all" else self.changes[:show_changes]
            for line in shown:
                stdout.write(f"  {line}")
            if len(shown) < len(self.changes):
                stdout.write(f"  … and {len(self.changes) - len(shown):,} more (run with -v 2 to see them all)")
        would = "would be " if dry_run else ""
        stdout.write(f"Created: {self.created:,}" + (f" ({would}created)" if dry_run else ""))
        stdout.write(f"Updated: {self.updated:,}" + (f" ({would}updated)" if dry_run else ""))
        stdout.write(f"Unchanged: {self.unchanged:,}")
        for what, count in sorted(self.notes.items()):
            stdout.write(f"{what}: {count:,}")
        stdout.write(f"Skipped: {sum(self.skipped.values()):,}")
        for reason, count in sorted(self.skipped.items(), key=lambda item: (-item[1], item[0])):
            stdout.write(f"  {count:,} {reason}")
