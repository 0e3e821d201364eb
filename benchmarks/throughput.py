"""Throughput: bare spaCy parsing vs eventwire on 1 worker, all cores, and a 2-worker Dask cluster.

    .venv/bin/python benchmarks/throughput.py                 # 4,000 articles (the default)
    .venv/bin/python benchmarks/throughput.py --limit 300     # a quick look while developing
    .venv/bin/python benchmarks/throughput.py --only bare one --rounds 5   # the ratio, steadier

The corpus is read from ``../shared/eval/`` (never copied into the project): the MUC-3/4 wire
stories (1,500, upper case as distributed) and the one-paragraph world events of the Wikipedia
current-events portal (~10,000), interleaved so any ``--limit`` gets both kinds. It is written to
a temporary JSONL file, and every configuration runs in a fresh Python process over the same
file, one after the other in one run, so the ratios are measured side by side and each process's
peak RSS is its own:

- ``bare``: spaCy's ``nlp.pipe`` on the texts (the ceiling: parsing only);
- ``one``: ``eventwire.code_many`` in one process (parse + every extractor, no store);
- ``run1``: ``eventwire.run.run`` with one worker into a temporary SQLite store (reading,
  skipping, coding and writing, in this process): the like-for-like base for the next two;
- ``all``: ``eventwire.run.run`` with a worker per core into a temporary SQLite store; the
  workers' peak RSS is sampled with psutil (a forkserver starts them, so they are not ours to
  wait for);
- ``dask``: ``eventwire.distributed.run_dask`` on a 2-worker ``LocalCluster`` (the one
  ``--dask local:2`` starts: ``eventwire.distributed.local_cluster``) into a temporary SQLite
  store (reading on the client, coding and flattening into rows on the workers, the rows sent
  back and written by the client); each worker reports its own peak RSS.

Model loading is outside the clock for ``bare``, ``one``, ``run1`` and ``dask`` (workers warmed
before the run, by ``eventwire.pipeline.warm_up`` as a real worker is); ``all`` starts its pool
inside the clock (a few seconds), as a user sees it. eventwire's workers take the loaded model
out of the garbage collector's scans and let it run less often (``pipeline.keep_loaded``);
``bare`` runs with the same settings, so the ratio compares parsing and extraction alone.
``bare`` and ``one`` also report CPU time, which other users of a shared machine do not skew.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from itertools import zip_longest
from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
WCEP = EVAL / "wikipedia_current_events_portal" / "docs" / "_posts"
MUC = EVAL / "muc34" / "raw"
GiB = 2**30

TARGET_BARE = 0.85  # eventwire >= 85% of bare-parse throughput
TARGET_SCALE = 1.7  # 2 workers >= 1.7x one worker
TARGET_PER_HOUR = 50_000  # articles per hour on a 2-core laptop
PETRARCH2_PER_HOUR = 1_000  # PETRARCH2's deployment, for reference


# --------------------------------------------------------------------------------------------
# the corpus


_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_CITATION = re.compile(r"\s*\[\([^\]]*\)\]\([^)]*\)")
_MUC_ID = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})\b.*$", re.M)


def wcep_items(folder: Path = WCEP) -> Iterator[dict]:
    """The portal's event items, one per record: links reduced to their text, citations cut."""
    for path in sorted(folder.glob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        stated = next((ln[5:].strip() for ln in lines[:10] if ln.startswith("date:")), "")
        day = date.fromisoformat(stated[:10] or path.name[:10])
        for n, line in enumerate(lines):
            if not line.lstrip().startswith("* ") or not _CITATION.search(line):
                continue
            text = _LINK.sub(r"\1", _CITATION.sub("", line.lstrip()[2:])).strip()
            if len(text.split()) >= 5:
                yield {"id": f"wcep-{day.isoformat()}-{n}", "text": text,
                       "published": day.isoformat(), "source": f"{path.name}:{n + 1}"}


def muc_stories(folder: Path = MUC) -> Iterator[dict]:
    """The MUC-3/4 dev and test stories, one per record, as distributed (upper case)."""
    files = [*sorted((folder / "dev").glob("dev-muc3-*")), folder / "tst1" / "tst1-muc3",
             folder / "tst2" / "tst2-muc4"]
    for path in files:
        text = path.read_text(encoding="latin-1")
        heads = list(_MUC_ID.finditer(text))
        for head, following in zip_longest(heads, heads[1:]):
            body = text[head.end():following.start() if following else len(text)]
            body = " ".join(body.split())
            if body:
                yield {"id": head.group(1).lower(), "text": body, "source": path.name}


def corpus(limit: int) -> list[dict]:
    """MUC stories and portal items interleaved (one story, then items), the first ``limit``."""
    stories, items = list(muc_stories()), list(wcep_items())
    if not stories or not items:
        raise SystemExit(f"the evaluation corpus is missing under {EVAL}")
    step = max(1, len(items) // len(stories))
    mixed: list[dict] = []
    for i, story in enumerate(stories):
        mixed.append(story)
        mixed.extend(items[i * step:(i + 1) * step])
    mixed.extend(items[len(stories) * step:])
    return mixed[:limit]


# --------------------------------------------------------------------------------------------
# one configuration, in its own process


@dataclass(frozen=True, slots=True)
class Result:
    """What one configuration measured."""

    name: str
    label: str
    workers: int
    articles: int
    words: int
    seconds: float
    peak_rss: list[int]  # bytes, one per process that did the work
    cpu_seconds: float | None = None  # CPU time of every process that took part
    cpu_busiest: float | None = None  # CPU time of the busiest one of them

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds


def _rss(who: int = resource.RUSAGE_SELF) -> int:
    return resource.getrusage(who).ru_maxrss * 1024  # KiB on Linux


class _Sampler:
    """Peak RSS and CPU time of every descendant process, sampled, and this process's CPU time.

    Pool workers are not our children to wait for (a forkserver starts them), so
    ``RUSAGE_CHILDREN`` cannot see them; psutil can. CPU time already spent by a process when
    the sampler starts (a warmed Dask worker) is not counted.
    """

    def __init__(self, every: float = 0.2) -> None:
        import threading

        import psutil

        self.every = every
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self._start: dict[int, float] = {}
        self._me = psutil.Process()
        self._own = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self) -> None:
        import psutil

        for child in self._me.children(recursive=True):
            try:
                rss, times = child.memory_info().rss, child.cpu_times()
            except psutil.Error:  # it ended between listing and asking
                continue
            self.peaks[child.pid] = max(self.peaks.get(child.pid, 0), rss)
            self.cpu[child.pid] = times.user + times.system

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self._sample()

    def __enter__(self) -> _Sampler:
        self._sample()
        self._start = dict(self.cpu)
        self._own = time.process_time()
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._own = time.process_time() - self._own
        self._stop.set()
        self._thread.join()
        self._sample()

    def top(self, n: int) -> list[int]:
        """The ``n`` largest peaks: the workers (helpers such as a forkserver are small)."""
        return sorted(self.peaks.values(), reverse=True)[:n]

    def cpu_seconds(self) -> tuple[float, float]:
        """(CPU seconds of this process and its descendants, of the busiest one of them)."""
        spent = [self._own] + [c - self._start.get(pid, 0.0) for pid, c in self.cpu.items()]
        return sum(spent), max(spent)


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _words(records: list[dict]) -> int:
    return sum(len(r["text"].split()) for r in records)


def _articles(records: list[dict]) -> list:
    from eventwire.records import Article

    return [Article(id=r["id"], text=r["text"], source=r["source"],
                    published=date.fromisoformat(r["published"]) if r.get("published") else None)
            for r in records]


def measure_bare(path: Path, batch_size: int, workers: int) -> Result:
    """spaCy alone: the ceiling."""
    from eventwire import nlp
    from eventwire.pipeline import keep_loaded

    records = _read(path)
    texts = [r["text"] for r in records]
    model = nlp.load()
    list(model.pipe(texts[:8]))  # warm
    keep_loaded()  # the garbage-collector settings eventwire's workers run with
    started, cpu = time.perf_counter(), time.process_time()
    for _doc in model.pipe(texts, batch_size=batch_size):
        pass
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return Result("bare", "bare spaCy nlp.pipe", 1, len(texts), _words(records), seconds,
                  [_rss()], cpu, cpu)


def measure_one(path: Path, batch_size: int, workers: int) -> Result:
    """eventwire's whole pipeline in one process, no store."""
    from eventwire.pipeline import code_many, warm_up

    records = _read(path)
    articles = _articles(records)
    warm_up()  # as a worker starts: model, lexicons, garbage-collector settings
    started, cpu = time.perf_counter(), time.process_time()
    for _coding in code_many(articles, batch_size=batch_size):
        pass
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return Result("one", "eventwire code_many", 1, len(articles), _words(records), seconds,
                  [_rss()], cpu, cpu)


def measure_run1(path: Path, batch_size: int, workers: int) -> Result:
    """``eventwire.run.run`` with one worker (in this process) into SQLite: like for like with
    ``all`` (the same reading, skipping and writing), the model loaded before the clock starts."""
    from eventwire.pipeline import warm_up
    from eventwire.run import run as corpus_run

    records = _read(path)
    warm_up()
    with tempfile.TemporaryDirectory() as tmp:
        started, cpu = time.perf_counter(), time.process_time()
        report = corpus_run([str(path)], f"sqlite:///{tmp}/one.db", workers=1,
                            batch_size=batch_size, progress=False)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return Result("run1", "eventwire run, 1 worker (+ SQLite)", 1, report.coded,
                  _words(records), seconds, [_rss()], cpu, cpu)


def measure_all(path: Path, batch_size: int, workers: int) -> Result:
    """Every core: ``eventwire.run.run``'s process pool into SQLite, worker start-up included."""
    from eventwire.run import run as corpus_run

    records = _read(path)
    with tempfile.TemporaryDirectory() as tmp, _Sampler() as sampler:
        started = time.perf_counter()
        report = corpus_run([str(path)], f"sqlite:///{tmp}/all.db", workers=workers,
                            batch_size=batch_size, progress=False)
        seconds = time.perf_counter() - started
    return Result("all", "eventwire run, local pool (+ SQLite)", workers, report.coded,
                  _words(records), seconds, sampler.top(workers), *sampler.cpu_seconds())


def measure_dask(path: Path, batch_size: int, workers: int) -> Result:
    """``run_dask`` on a 2-worker LocalCluster into SQLite; per-worker peak RSS asked of each."""
    from distributed import Client

    from eventwire.distributed import ModelPlugin, local_cluster, run_dask

    records = _read(path)
    with (local_cluster(2) as cluster,  # the cluster `--dask local:2` starts
          Client(cluster) as client,
          tempfile.TemporaryDirectory() as tmp):
        client.register_plugin(ModelPlugin())  # start-up excluded, as for bare and one
        with _Sampler() as sampler:
            started = time.perf_counter()
            report = run_dask([str(path)], f"sqlite:///{tmp}/dask.db",
                              cluster.scheduler_address, batch_size=batch_size, progress=False)
            seconds = time.perf_counter() - started
        peaks = sorted(client.run(_rss).values())
    return Result("dask", "eventwire run_dask (2-worker LocalCluster + SQLite)", 2, report.coded,
                  _words(records), seconds, peaks, *sampler.cpu_seconds())


MEASURES = {"bare": measure_bare, "one": measure_one, "run1": measure_run1, "all": measure_all,
            "dask": measure_dask}


# --------------------------------------------------------------------------------------------
# the side-by-side run


def _in_subprocess(name: str, path: Path, batch_size: int, workers: int) -> Result:
    command = [sys.executable, __file__, "--measure", name, "--corpus", str(path),
               "--batch-size", str(batch_size), "--workers", str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{name} failed:\n{done.stderr[-3000:]}")
    return Result(**json.loads(done.stdout.strip().splitlines()[-1]))


def _verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def report(results: dict[str, Result], mean_words: float) -> list[str]:
    """The table and the ratios beside their targets."""
    lines = [f"{'configuration':<52} {'workers':>7} {'articles/s':>10} {'words/s':>9} "
             f"{'articles/h':>10} {'peak RSS/worker':>16}"]
    for r in results.values():
        peak = max(r.peak_rss) / 2**20
        lines.append(f"{r.label:<52} {r.workers:>7} {r.per_second:>10.1f} "
                     f"{r.words_per_second:>9.0f} {r.per_second * 3600:>10.0f} "
                     f"{peak:>12.0f} MiB")
    bare, one = results["bare"], results["one"]
    best = max((r for r in results.values() if r.name != "bare"), key=lambda r: r.per_second)
    of_bare = one.words_per_second / bare.words_per_second
    lines.append("")
    lines.append(f"eventwire / bare parse (1 process): {of_bare:.2f}   "
                 f"target >= {TARGET_BARE}: {_verdict(of_bare >= TARGET_BARE)}")
    if bare.cpu_seconds and one.cpu_seconds:  # CPU time: not skewed by other users' load
        by_cpu = bare.cpu_seconds / one.cpu_seconds
        lines.append(f"  the same by CPU time ({bare.cpu_seconds:.1f} s vs "
                     f"{one.cpu_seconds:.1f} s): {by_cpu:.2f}   target >= {TARGET_BARE}: "
                     f"{_verdict(by_cpu >= TARGET_BARE)}")
    for name in ("all", "dask"):
        for base in ("one", "run1"):
            if name in results and base in results:
                scale = results[name].words_per_second / results[base].words_per_second
                lines.append(f"{results[name].label} / {results[base].label}: {scale:.2f}x   "
                             f"target >= {TARGET_SCALE}x: {_verdict(scale >= TARGET_SCALE)}")
    lines.extend(_projected(results))
    peak = max(max(r.peak_rss) for r in results.values())
    lines.append(f"largest peak RSS of one process: {peak / 2**20:.0f} MiB   target <= 1 GiB: "
                 f"{_verdict(peak <= GiB)}")
    hourly = best.per_second * 3600
    lines.append(f"articles/hour, fastest configuration ({best.label}): {hourly:,.0f}   "
                 f"target {TARGET_PER_HOUR:,}: {_verdict(hourly >= TARGET_PER_HOUR)}; "
                 f"PETRARCH2 reference ~{PETRARCH2_PER_HOUR:,}")
    at_500 = best.words_per_second * 3600 / 500
    lines.append(f"  (articles here average {mean_words:.0f} words; at 500 words an article "
                 f"that is {at_500:,.0f}/hour)")
    return lines


def _projected(results: dict[str, Result]) -> list[str]:
    """Scaling projected from CPU time, for a machine whose cores are not shared with others.

    With ``cores`` free cores a run cannot take less than its total CPU time over the cores, nor
    less than its busiest process's CPU time; the one-worker run takes its own CPU time. The
    ratio of the two is what the wall-clock ratio would be on an idle machine, overheads
    (client, scheduler, pickling, the writer) included.
    """
    base = results.get("run1")
    if base is None or not base.cpu_seconds:
        return []
    cores = os.cpu_count() or 1
    per_1000 = 1000 * base.cpu_seconds / base.articles
    lines = [f"projected from CPU time on {cores} free cores (the machine was shared); "
             f"{base.label}: {per_1000:.1f} CPU s per 1,000 articles"]
    for name in ("all", "dask"):
        r = results.get(name)
        if r is None or not r.cpu_seconds or not r.cpu_busiest:
            continue
        floor = max(r.cpu_seconds / cores, r.cpu_busiest)
        scale = (base.cpu_seconds / base.articles) / (floor / r.articles)
        lines.append(f"  {r.label}: {1000 * r.cpu_seconds / r.articles:.1f} CPU s per 1,000 "
                     f"articles in all, busiest process {r.cpu_busiest:.0f} s -> {scale:.2f}x "
                     f"one worker   target >= {TARGET_SCALE}x: {_verdict(scale >= TARGET_SCALE)}")
    return lines


def main() -> None:
    """Build the corpus, measure each configuration in its own process, print side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=4000, help="articles in the corpus")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes for the all-cores configuration")
    parser.add_argument("--only", nargs="*", choices=list(MEASURES), default=list(MEASURES))
    parser.add_argument("--rounds", type=int, default=1,
                        help="measure bare and one this many times, alternating, and judge the "
                             "median ratio (the machine's run-to-run noise is a few per cent)")
    parser.add_argument("--measure", choices=list(MEASURES), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        result = MEASURES[args.measure](args.corpus, args.batch_size, args.workers)
        sys.stdout.write(json.dumps(asdict(result)) + "\n")
        return
    records = corpus(args.limit)
    muc = sum(r["id"].startswith(("dev-", "tst")) for r in records)
    words = _words(records)
    print(f"corpus: {len(records)} articles ({muc} MUC-3/4 stories, {len(records) - muc} portal "
          f"items), {words:,} words; {os.cpu_count()} cores; batch size {args.batch_size}")
    results: dict[str, Result] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        for name in args.only:
            results[name] = _in_subprocess(name, path, args.batch_size, args.workers)
            r = results[name]
            print(f"  {name}: {r.articles} articles in {r.seconds:.1f} s", flush=True)
        pairs = [(results["bare"], results["one"])] if {"bare", "one"} <= set(results) else []
        for n in range(2, args.rounds + 1 if pairs else 0):
            pair = (_in_subprocess("bare", path, args.batch_size, args.workers),
                    _in_subprocess("one", path, args.batch_size, args.workers))
            pairs.append(pair)
            print(f"  round {n}: bare {pair[0].seconds:.1f} s, one {pair[1].seconds:.1f} s",
                  flush=True)
    if pairs:
        print("\n".join(report(results, words / len(records))))
    if len(pairs) > 1:
        print("\n".join(rounds_report(pairs)))


def rounds_report(pairs: list[tuple[Result, Result]]) -> list[str]:
    """Each round's eventwire / bare ratio (wall clock and CPU time) and the median, judged."""
    wall = [one.words_per_second / bare.words_per_second for bare, one in pairs]
    cpu = [bare.cpu_seconds / one.cpu_seconds for bare, one in pairs
           if bare.cpu_seconds and one.cpu_seconds]
    lines = [f"eventwire / bare parse over {len(pairs)} alternating rounds: "
             + ", ".join(f"{w:.2f}" for w in wall)]
    middle = statistics.median(wall)
    lines.append(f"  median {middle:.2f}   target >= {TARGET_BARE}: "
                 f"{_verdict(middle >= TARGET_BARE)}")
    if cpu:
        by_cpu = statistics.median(cpu)
        lines.append(f"  median by CPU time {by_cpu:.2f}   target >= {TARGET_BARE}: "
                     f"{_verdict(by_cpu >= TARGET_BARE)}")
    return lines


if __name__ == "__main__":
    main()
