"""Run batches in worker processes, yielding results as they complete.

Processes, not threads: header parsing is CPU-bound Python. Workers come from a
forkserver (a clean, single-threaded parent), since forking a process that already runs
threads (a Dagster step, a web server) can deadlock on a lock held at fork time. At most
two batches per worker are in flight, so memory stays bounded whatever the backlog.
"""

from __future__ import annotations

import multiprocessing
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
