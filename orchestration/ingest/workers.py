"""Run batches in worker processes, yielding results as they complete.

Processes, not threads: header parsing is CPU-bound Python. A single-threaded caller
(the command line) forks its workers, which then start at once with everything already
imported; a caller that runs threads (a Dagster step, a web server) gets its workers from
a forkserver instead, since forking a threaded process can deadlock on a lock held at fork
time, and pays the imports once more (seconds on a small machine). At most two batches
per worker are in flight, so memory stays bounded whatever the backlog.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TypeVar

Job = TypeVar("Job")
Item = TypeVar("Item")
Result = TypeVar("Result")
IN_FLIGHT_PER_WORKER = 2


def run_batches(
    function: Callable[[Job, int, list[Item]], Result], job: Job, batches: list[list[Item]], workers: int
) -> Iterator[tuple[int, Result]]:
    """Yield (batch number, result) for every batch, in completion order."""
    if workers <= 1 or len(batches) <= 1:
        for number, batch in enumerate(batches):
            yield number, function(job, number, batch)
        return
    if threading.active_count() == 1:
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("forkserver")
        # Import the heavy modules once in the server rather than once per worker.
        context.set_forkserver_preload([function.__module__])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: dict[Future, int] = {}
        queue = iter(enumerate(batches))
        while True:
            while len(pending) < workers * IN_FLIGHT_PER_WORKER:
                try:
                    number, batch = next(queue)
                except StopIteration:
                    break
                pending[pool.submit(function, job, number, batch)] = number
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield pending.pop(future), future.result()
