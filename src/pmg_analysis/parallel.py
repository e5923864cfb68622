"""Independent steps side by side: the one place in the package that starts threads or
processes.

The heavy work of cleaning runs inside Arrow, numpy, hashlib and zstd, which release Python's
lock while they work, so two threads keep both cores of a small machine busy. Building report
pages is Python work (nbconvert, a kernel per notebook), so pages are built in separate
processes. Results always come back in the order the tasks were given, so output never depends
on which finishes first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def in_parallel(tasks: Iterable[Callable[[], T]], workers: int = 2) -> list[T]:
    """Run ``tasks`` (functions without arguments) on up to ``workers`` threads and return
    their results in the order of ``tasks``; an exception in a task is raised here.

    Examples
    --------
    >>> in_parallel([lambda: 1, lambda: 2, lambda: 3])
    [1, 2, 3]
    """
    tasks = list(tasks)
    if len(tasks) <= 1 or workers <= 1:
        return [task() for task in tasks]
    with ThreadPoolExecutor(min(workers, len(tasks))) as pool:
        running = [pool.submit(task) for task in tasks]
        return [job.result() for job in running]


def in_processes(tasks: Iterable[Callable[[], T]], workers: int = 2) -> list[T]:
    """Run ``tasks`` in up to ``workers`` fresh processes and return their results in the
    order of ``tasks``; an exception in a task is raised here. Each task must be picklable
    (a module-level function, or a :func:`functools.partial` of one). With one task or one
    worker the tasks run here, one after another.

    Processes are started with "spawn": a clean interpreter, whatever threads this process
    runs (forking a process that has threads can deadlock).

    Examples
    --------
    >>> from functools import partial
    >>> in_processes([partial(pow, 2, 3), partial(pow, 3, 2)], workers=1)
    [8, 9]
    """
    import multiprocessing

    tasks = list(tasks)
    if len(tasks) <= 1 or workers <= 1:
        return [task() for task in tasks]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(min(workers, len(tasks)), mp_context=context) as pool:
        running = [pool.submit(task) for task in tasks]
        try:
            return [job.result() for job in running]
        except BaseException:
            for job in running:  # a failed task stops the rest: do not start what waits
                job.cancel()
            raise


def in_background(task: Callable[[], T], name: str = "pmg") -> Future[T]:
    """Start ``task`` on a thread of its own and return at once; ``.result()`` waits for it."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
    job = pool.submit(task)
    pool.shutdown(wait=False)
    return job
