"""Files that hold secrets (the SQLite database with password hashes, backups, .local/) readable by their owner only."""

import contextlib
import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIRECTORY = 0o700


def private_directory(path):
    """Create the directory (and missing parents) if needed, and make it owner-only."""
    path = Path(path)
    path.mkdir(mode=PRIVATE_DIRECTORY, parents=True, exist_ok=True)
    _chmod(path, PRIVATE_DIRECTORY)
    return path


def create_private_file(path):
    """Create the file empty if it does not exist, owner-only either way, before anything writes to it."""
    path = Path(path)
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE)
    try:
        if os.stat(descriptor).st_mode & 0o777 != PRIVATE_FILE:
            os.fchmod(descriptor, PRIVATE_FILE)
    finally:
        os.close(descriptor)
    return path


def sqlite_files(databases):
    """The database files of the SQLite connections among `databases` (no in-memory ones)."""
    for database in databases.values():
        if database.get("ENGINE") != "django.db.backends.sqlite3":
            continue
        name = str(database.get("NAME") or "")
        if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
            continue
        yield Path(name)


def secure_local_files(*, databases, local_directory):
    """At start-up: the SQLite files exist owner-only before SQLite first opens them, and so does .local/.

    SQLite gives its journal and write-ahead-log files the database file's own permissions.
    """
    for path in sqlite_files(databases):
        if path.parent.is_dir():
            create_private_file(path)
    if Path(local_directory).parent.is_dir():
        with contextlib.suppress(PermissionError):  # a read-only checkout: nothing is written there either
            private_directory(local_directory)


def _chmod(path, mode):
    try:
        if path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
    except PermissionError:
        pass  # not ours to change
