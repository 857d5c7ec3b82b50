"""Errors in words a user can act on: never a traceback on screen.

The traceback of an unexpected error goes to the log (stderr); the window shows one sentence.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from cpdesk.domain.errors import CpdeskError
from cpdesk.models.db import database_error_message, is_lost_race

log = logging.getLogger("cpdesk")


def describe(exc: BaseException) -> str:
    """One or two plain sentences about what went wrong."""
    if isinstance(exc, CpdeskError):
        return str(exc)
    if is_lost_race(exc):
        return ("Someone else changed this record while you had it open. Nothing has been "
                "saved from the last action: open the record again to see their change.")
    first = database_error_message(exc)
    if first is not None:
        return f"The database could not be read: {first}. Check the connection and try again."
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}"
    return ("Something went wrong that cpdesk did not expect. Nothing has been saved from the "
            "last action. The details are in the log.")


def log_exception(exc: BaseException) -> None:
    log.error("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))


def install_excepthook(show: object) -> None:
    """Route uncaught errors in slots to `show(message)` (and the log) instead of stderr alone."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("".join(traceback.format_exception(kind, exc, tb)))
        if callable(show):
            show(describe(exc))

    sys.excepthook = hook
