"""Values read from the content once per content version in each process, instead of on every request.

The certification rules, the selection factors and the current wage medians are read by many pages and
change only when the content does. A function decorated with `per_content_version` keeps its last
result in this process together with the content version it was read under, and reads again when:

- the content version has moved on: any process's committed write sets a new one (the site layer owns
  the version and registers how to read it, see `use_version_reader`; this layer may not import it);
- this process wrote content itself: the "content changed" signal, sent on the write, drops every kept
  value at once (even before the commit, and inside a test's transaction that never commits). Until that
  write's transaction has ended, nothing read is kept: it may hold rows that will be rolled back.

When no reader is registered, or the version cannot be read (a shared cache that is down), the function
reads afresh each time. A kept value is shared by every request of the process: callers must not change it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections

from .signals import content_changed

logger = logging.getLogger(__name__)

T = TypeVar("T")

_version_reader: Callable[[], str | None] | None = None
# qualified function name → (content version, value)
_kept: dict[str, tuple[str, Any]] = {}
# Database aliases on which this process wrote content inside a transaction that may not have ended yet.
_unsettled: set[str] = set()


def use_version_reader(reader: Callable[[], str | None] | None) -> None:
    """Register the function that returns the current content version (None when it cannot be read)."""
    global _version_reader
    _version_reader = reader
    _kept.clear()


def forget() -> None:
    """Drop every kept value in this process: the next call of each reads the content again."""
    _kept.clear()
    _unsettled.clear()


def _on_content_changed(sender: Any = None, using: str | None = None, **_kwargs: Any) -> None:
    _kept.clear()
    alias = using or DEFAULT_DB_ALIAS
    if connections[alias].in_atomic_block:
        _unsettled.add(alias)


content_changed.connect(_on_content_changed, dispatch_uid="content-memo-forget")


def _may_keep() -> bool:
    """Whether a value just read may be kept: no transaction that wrote content is still open."""
    for alias in list(_unsettled):
        if connections[alias].in_atomic_block:
            return False
        _unsettled.discard(alias)  # committed (the version moves on) or rolled back: either way, settled
    return True


def _current_version() -> str | None:
    if _version_reader is None:
        return None
    try:
        return _version_reader()
    except Exception:  # noqa: BLE001 - the version's store failed: read the content afresh instead
        logger.warning("Could not read the content version; reading the content afresh.", exc_info=True)
        return None


def per_content_version(function: Callable[[], T]) -> Callable[[], T]:
    """Keep a function's result (it takes no arguments) until the content changes; see the module."""
    key = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def wrapper() -> T:
        version = _current_version()
        if version is None:
            return function()
        kept = _kept.get(key)
        if kept is not None and kept[0] == version:
            return kept[1]
        value = function()
        if _may_keep():
            _kept[key] = (version, value)
        return value

    return wrapper
