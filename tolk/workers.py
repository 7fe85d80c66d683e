"""Worker processes that parse article files for big jobs (a search index build, a first scan
of a big library), one per core, so that the parsing runs beside the writing (and beside the
reader's own thread) instead of taking turns with both on one interpreter lock.

Each worker is a fresh `python -c` that reads which parser it runs (one of `PARSERS`), then
batches of files to parse from its stdin, and writes what it made of them to its stdout, both
pickled. Not `multiprocessing`: its "spawn"
starts a resource tracker that needs a real stderr (a Textual app has none: it failed with "bad
value(s) in fds_to_keep") and runs the parent's main script again in every worker; a fork of
the reader would copy its threads' locks in whatever state they are. Only this process ever
writes to a worker, and it sends nothing but lists of paths, so unpickling here is safe.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Generator, Iterable, Sequence
from importlib import import_module
from typing import Any

if sys.platform != "win32":
    import fcntl

__all__ = ["PARSERS", "parsed_batches", "serve", "usable_cores"]

# What a worker may run: a name, and the function (`module:function`, taking a list of files
# to parse and giving a list of what was made of them) imported in the worker (and here, where
# no worker can be started).
PARSERS = {
    "search": "tolk.search.parsing:parse_batch",
    "library": "tolk.library.articles:summarize_batch",
}

# An answer is its length in this many bytes, then the pickled list of parsed files.
_LENGTH_BYTES = 8
# The answers' pipe is asked to hold this much (Linux; the default is 64 KiB).
_PIPE_BYTES = 1 << 20
# A worker's first message is the parent's import path, so it imports this very code.
_WORKER_CODE = (
    "import pickle, sys; sys.path[:] = pickle.load(sys.stdin.buffer); "
    "from tolk.workers import serve; serve()"
)


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return max(os.cpu_count() or 1, 1)


def _parser(name: str) -> Any:
    module, function = PARSERS[name].split(":")
    return getattr(import_module(module), function)


def parsed_batches(
    batches: Sequence[Sequence[Any]], processes: int, parser: str
) -> Generator[tuple[list[Any], bool], None, None]:
    """Each batch parsed by `parser` (a name in `PARSERS`), in order, and whether a worker
    process parsed it: `processes` of them do, or none where that is 0 (or where they cannot be
    started or die: what is left is parsed here then). Closing the iterator early stops the
    workers."""
    workers = _start(min(processes, len(batches)))
    if not workers:
        yield from _here(batches, parser)
        return
    # Batch i goes to worker i % n, which answers its batches in order: reading the workers
    # in turn gives the batches in order. A worker writes its next answer only once the last
    # was read (a pipe holds little), so parsed text never piles up ahead of the writer.
    feeders = [
        threading.Thread(
            target=_feed, args=(worker, parser, batches[number :: len(workers)]), daemon=True
        )
        for number, worker in enumerate(workers)
    ]
    for feeder in feeders:
        feeder.start()
    try:
        for done in range(len(batches)):
            answer = _answer(workers[done % len(workers)])
            if answer is None:
                # A worker died (out of memory, killed): the rest is parsed here.
                yield from _here(batches[done:], parser)
                return
            yield answer, True
    finally:
        _stop(workers)


def _here(
    batches: Sequence[Sequence[Any]], parser: str
) -> Generator[tuple[list[Any], bool], None, None]:
    parse = _parser(parser)
    for batch in batches:
        yield parse(batch), False


def _start(count: int) -> list[subprocess.Popen[bytes]]:
    started: list[subprocess.Popen[bytes]] = []
    if count <= 0 or not sys.executable:
        return started
    for _ in range(count):
        try:
            worker = subprocess.Popen(
                [sys.executable, "-c", _WORKER_CODE],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # never over the reader's screen
            )
        except OSError:
            break  # process limits: those started do the work
        started.append(worker)
        # Room in the pipe for a whole answer, so that one read mostly takes all of it.
        if sys.platform == "linux" and worker.stdout is not None:
            with contextlib.suppress(OSError):  # above the system's limit: the default
                fcntl.fcntl(worker.stdout.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    return started


def _feed(worker: subprocess.Popen[bytes], parser: str, batches: Iterable[Sequence[Any]]) -> None:
    """Send `worker` the import path, the parser's name, then its batches (a thread each: a
    write blocks while the worker is busy), then end its input."""
    pipe = worker.stdin
    assert pipe is not None
    with contextlib.suppress(OSError, ValueError):  # the worker died, or was stopped
        pickle.dump(sys.path, pipe)
        pickle.dump(parser, pipe)
        for batch in batches:
            pickle.dump(list(batch), pipe)
            pipe.flush()
        pipe.close()


def _answer(worker: subprocess.Popen[bytes]) -> list[Any] | None:
    """The worker's next answer; None where it died before giving it. Read straight from the
    pipe in as few reads as it takes: each read lets go of the interpreter lock, and getting it
    back behind a busy thread (the reader's language job, say) can take a switch interval."""
    pipe = worker.stdout
    assert pipe is not None
    head = _read_exactly(pipe.fileno(), _LENGTH_BYTES)
    body = None if head is None else _read_exactly(pipe.fileno(), int.from_bytes(head, "little"))
    if body is None:
        return None
    try:
        answer: list[Any] = pickle.loads(body)
    except (pickle.UnpicklingError, EOFError, ValueError):
        return None
    return answer


def _read_exactly(fd: int, size: int) -> bytes | None:
    """`size` bytes from `fd`; None where it ends (or fails) first."""
    got = bytearray()
    try:
        while len(got) < size:
            chunk = os.read(fd, size - len(got))
            if not chunk:
                return None
            got += chunk
    except OSError:
        return None
    return bytes(got)


def _stop(workers: list[subprocess.Popen[bytes]]) -> None:
    """End the workers: they only read files, so nothing is lost by ending them at once."""
    for worker in workers:
        worker.kill()
    for worker in workers:
        for pipe in (worker.stdin, worker.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()
        worker.wait()


def serve() -> None:
    """A worker's life: parse each batch read from stdin, answer each on stdout, until stdin
    ends."""
    # At the reader's own priority, not niced: in the reader on this project's 2 busy cores,
    # workers niced by 5 made a build of 10,000 up to twice as long (beside the language job and
    # other people's work), and the reader's longest stalls were no shorter.
    source, answers = sys.stdin.buffer, sys.stdout.buffer
    try:
        parse = _parser(pickle.load(source))
    except (EOFError, KeyError, ValueError, ImportError):
        return
    while True:
        try:
            batch: Any = pickle.load(source)
        except EOFError:
            return
        answer = pickle.dumps(parse(batch), pickle.HIGHEST_PROTOCOL)
        answers.write(len(answer).to_bytes(_LENGTH_BYTES, "little") + answer)
        answers.flush()
