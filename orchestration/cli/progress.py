"""Progress bars and messages for long work on the command line.

The bars refresh from the caller's thread (no auto-refresh thread), so the command line
stays single-threaded and may fork its worker processes (see orchestration/ingest/workers.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

console = Console(stderr=True)
REFRESH_EVERY_S = 0.1


class _ThrottledRefresh:
    def __init__(self, progress: Progress) -> None:
        self.progress, self.last = progress, 0.0

    def __call__(self) -> None:
        now = time.monotonic()
        if now - self.last >= REFRESH_EVERY_S:
            self.progress.refresh()
            self.last = now


@contextmanager
def progress_bar(description: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """Yield `advance(n)`; the bar shows done/total, elapsed and remaining time."""
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, auto_refresh=False) as progress:
        task = progress.add_task(description, total=total)
        refresh = _ThrottledRefresh(progress)

        def advance(count: int = 1) -> None:
            progress.advance(task, count)
            refresh()

        yield advance
        progress.refresh()


@contextmanager
def stepped_bar(description: str) -> Iterator[Callable[[int, int, str], None]]:
    """Yield `update(done, total, label)` for work that learns its total as it goes."""
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, TextColumn("{task.fields[label]}"), console=console, auto_refresh=False) as progress:
        task = progress.add_task(description, total=None, label="")
        refresh = _ThrottledRefresh(progress)

        def update(done: int, total: int, label: str) -> None:
            progress.update(task, completed=done, total=total or None, label=label)
            refresh()

        yield update
        progress.refresh()
