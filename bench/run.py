"""Load benchmark: the site's pages against a bare Django view, in one gunicorn run with production settings.

    .venv/bin/python bench/run.py                      # PostgreSQL database "bench", 2 workers, 6 rounds of 3 s
    .venv/bin/python bench/run.py --database sqlite --url /about/

Steps: a fresh database (migrate + demo data), collectstatic into a temporary STATIC_ROOT, gunicorn (sync
workers, `bench.settings` = production + `/bench/bare/`) on a free loopback port, then the targets measured
interleaved (bare, home, extra URLs, bare, home, ...). For each target it reports requests per second and the
gunicorn processes' CPU time per request; CPU per request is the figure to compare (see bench/README.md).
gunicorn is always stopped, by its PID, whatever happens.
"""

import argparse
import contextlib
import ctypes
import datetime
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
RESULTS = ROOT / "bench" / "results"
BARE_PATH = "/bench/bare/"
HOME_PATH = "/"
HOST = "127.0.0.1"
CLK_TCK = os.sysconf("SC_CLK_TCK")
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench"
REQUEST_HEADERS = {
    "Host": HOST,
    "X-Forwarded-Proto": "https",
    "User-Agent": "safer-neighbourhoods-bench",
    "Accept": "text/html",
}
# Settings read from the environment that would make the run depend on the caller's shell.
SCRUBBED_ENV = (
    "DJANGO_SETTINGS_MODULE",
    "REDIS_URL",
    "TASKS_USE_RQ",
    "MEDIA_BUCKET",
    "MEDIA_CUSTOM_DOMAIN",
    "AWS_S3_ENDPOINT_URL",
    "FRONTEND_CACHE_PURGE_URL",
    "SECURE_SSL_REDIRECT",
    "CSRF_TRUSTED_ORIGINS",
)


class BenchError(Exception):
    pass


def say(message=""):
    print(message, flush=True)


# --- command line -----------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=3.0, help="seconds per target per round [3]")
    parser.add_argument("--rounds", type=int, default=6, help="rounds; each measures every target once [6]")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured seconds per target first [1]")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads, one keep-alive connection each [4]")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers [2]")
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres", help="[postgres]")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL),
        help=f"dropped and recreated each run; its name must start with 'bench' [{DEFAULT_POSTGRES_URL}]",
    )
    parser.add_argument(
        "--url", action="append", default=[], metavar="PATH", help="another path to measure (repeatable)"
    )
    parser.add_argument("--port", type=int, default=0, help="loopback port for gunicorn [a free one]")
    parser.add_argument(
        "--static-root", type=Path, help="collectstatic into this folder instead of a temporary one (kept)"
    )
    parser.add_argument("--keep-temp", action="store_true", help="keep the temporary folder (logs, SQLite file)")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.duration <= 0 or args.concurrency < 1 or args.workers < 1:
        parser.error("--rounds, --duration, --concurrency and --workers must be positive")
    for path in args.url:
        if not path.startswith("/"):
            parser.error(f"--url takes a path starting with '/', not {path!r}")
    return args


# --- /proc --------------------------------------------------------------------------------------------------


@dataclass
class ProcStat:
    ppid: int
    utime: int
    stime: int
    cutime: int
    cstime: int
    starttime: int


def read_stat(pid):
    """Fields of /proc/<pid>/stat (in clock ticks), or None when the process is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = raw[raw.rindex(")") + 2 :].split()  # the command name may contain spaces and parentheses
    return ProcStat(
        ppid=int(fields[1]),
        utime=int(fields[11]),
        stime=int(fields[12]),
        cutime=int(fields[13]),
        cstime=int(fields[14]),
        starttime=int(fields[19]),
    )


def rss_mib(pid):
    """Resident memory of a process in MiB, or None when it is gone."""
    with contextlib.suppress(FileNotFoundError, ProcessLookupError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


def children_of(pid):
    pids = set()
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            pids.update(int(child) for child in (task / "children").read_text().split())
        return pids
    except FileNotFoundError:
        pass
    for entry in Path("/proc").iterdir():  # kernels without /proc/<pid>/task/<tid>/children
        if entry.name.isdigit():
            stat = read_stat(entry.name)
            if stat and stat.ppid == pid:
                pids.add(int(entry.name))
    return pids


class GunicornCPU:
    """CPU ticks used so far by a gunicorn master and its workers.

    A worker that exits and is reaped adds its time to the master's cutime/cstime, so nothing is lost when
    gunicorn replaces one mid-round. Every worker seen is remembered (PID and start time) for the clean-up.
    """

    def __init__(self, master_pid):
        self.master_pid = master_pid
        self.workers_seen = {}

    def ticks(self):
        master = read_stat(self.master_pid)
        if master is None:
            raise BenchError(f"gunicorn master {self.master_pid} has exited")
        total = master.utime + master.stime + master.cutime + master.cstime
        for pid in children_of(self.master_pid):
            stat = read_stat(pid)
            if stat is not None and stat.ppid == self.master_pid:
                self.workers_seen[pid] = stat.starttime
                total += stat.utime + stat.stime + stat.cutime + stat.cstime
        return total


class PostgresBackendCPU:
    """CPU ticks of the PostgreSQL backends serving the benchmark database, when the server is on this machine.

    Backends are found in pg_stat_activity at each reading; one that starts and ends between two readings is
    missed, so the figure is exact only with persistent connections (DATABASE_CONN_MAX_AGE > 0).
    """

    def __init__(self, url):
        import psycopg

        parts = urlsplit(url)
        self.database = parts.path.lstrip("/")
        self.connection = psycopg.connect(url, autocommit=True)

    def readings(self):
        rows = self.connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [self.database]
        ).fetchall()
        readings = {}
        for (pid,) in rows:
            stat = read_stat(pid) if self.is_local_postgres(pid) else None
            if stat is not None:
                readings[pid] = stat.utime + stat.stime
        return readings

    @staticmethod
    def is_local_postgres(pid):
        """Whether this PID on this machine is a PostgreSQL process (a remote server's PIDs mean nothing here)."""
        try:
            return Path(f"/proc/{pid}/comm").read_text().strip() in {"postgres", "postmaster"}
        except OSError:
            return False

    def available(self):
        return bool(self.readings())

    @staticmethod
    def ticks_between(before, after):
        return sum(ticks - before.get(pid, 0) for pid, ticks in after.items())

    def close(self):
        self.connection.close()


# --- preparing the site ----------------------------------------------------------------------------------


def timed(label):
    @contextlib.contextmanager
    def step():
        started = time.perf_counter()
        print(f"{label} ...", end=" ", flush=True)
        try:
            yield
        except BaseException:
            say("stopped")
            raise
        say(f"{time.perf_counter() - started:.1f} s")

    return step()


def recreate_postgres_database(url):
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("bench"):
        raise BenchError(f"refusing to drop database {name!r}: the benchmark database's name must start with 'bench'")
    maintenance_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance_url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def site_environment(*, database_url, media_root, static_root):
    environment = {key: value for key, value in os.environ.items() if key not in SCRUBBED_ENV}
    environment.update(
        PYTHONPATH=os.pathsep.join([str(ROOT), str(SITE)]),
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        BENCH_STATIC_ROOT=str(static_root),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        WAGTAILADMIN_BASE_URL=f"https://{HOST}",
        DEFAULT_FROM_EMAIL="Safer Neighbourhoods bench <bench@localhost>",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    return environment


def manage(environment, settings, *arguments):
    command = [sys.executable, str(ROOT / "manage.py"), *arguments]
    completed = subprocess.run(
        command,
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": settings},
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        raise BenchError(
            f"`manage.py {' '.join(arguments)}` ({settings}) failed with exit code {completed.returncode}:\n"
            f"{completed.stdout[-3000:]}{completed.stderr[-5000:]}"
        )


def check_front_end_built():
    build = SITE / "static" / "build"
    if not (build / "app.css").exists() or not (build / "app.js").exists():
        raise BenchError(f"{build.relative_to(ROOT)} has no app.css/app.js: run `make frontend` first")


# --- gunicorn ------------------------------------------------------------------------------------------------


def port_is_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def choose_port(requested):
    if requested:
        if not port_is_free(requested):
            raise BenchError(f"port {requested} on {HOST} is in use")
        return requested
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def die_with_parent():
    """In the child before exec: receive SIGTERM if this script dies, even by SIGKILL (Linux only)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Gunicorn:
    def __init__(self, *, port, workers, environment, log_path):
        self.port = port
        self.workers = workers
        self.log_path = log_path
        self.command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--chdir",
            str(ROOT),
            "--pythonpath",
            f"{ROOT},{SITE}",
            "--env",
            "DJANGO_SETTINGS_MODULE=bench.settings",
            "--error-logfile",
            str(log_path),
            "--graceful-timeout",
            "5",
            "--no-control-socket",  # gunicorn 25+ otherwise shares ~/.gunicorn/gunicorn.ctl with every other one
        ]
        self.environment = {**environment, "DJANGO_SETTINGS_MODULE": "bench.settings"}
        self.process = None
        self.cpu = None

    def start(self, timeout=90):
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl+C reaches this script only; it stops gunicorn in order
            preexec_fn=die_with_parent,
        )
        self.cpu = GunicornCPU(self.process.pid)
        listening = f"Listening at: http://{HOST}:{self.port} ({self.process.pid})"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited with code {self.process.returncode}:\n{self.log_tail()}")
            log = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
            booted = log.count("Booting worker with pid")
            if listening in log and booted >= self.workers and len(children_of(self.process.pid)) >= self.workers:
                self.cpu.ticks()  # remember the workers' PIDs for the clean-up
                return
            time.sleep(0.2)
        raise BenchError(f"gunicorn did not start within {timeout} s:\n{self.log_tail()}")

    def log_tail(self, characters=4000):
        if not self.log_path.exists():
            return "(no gunicorn log)"
        return self.log_path.read_text(errors="replace")[-characters:]

    def stop(self):
        """Stop the master (which stops its workers), then any worker of ours that outlived it: by PID only."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.cpu is None:
            return
        for pid, starttime in self.cpu.workers_seen.items():
            stat = read_stat(pid)
            if stat is not None and stat.starttime == starttime:  # the same process, not a reused PID
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


# --- load ---------------------------------------------------------------------------------------------------


@dataclass
class Round:
    requests: int
    seconds: float
    cpu_ticks: int
    db_ticks: int | None
    response_bytes: int
    latencies_ms: list = field(repr=False)

    @property
    def requests_per_second(self):
        return self.requests / self.seconds

    @property
    def cpu_ms_per_request(self):
        return self.cpu_ticks * 1000 / CLK_TCK / self.requests


class ResponseError(BenchError):
    pass


def fetch(connection, path):
    connection.request("GET", path, headers=REQUEST_HEADERS)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        location = response.getheader("Location")
        raise ResponseError(
            f"GET {path} answered {response.status} {response.reason}"
            + (f" (Location: {location})" if location else "")
            + f"; body starts:\n{body[:1500].decode('utf-8', 'replace')}"
        )
    return body


def describe_page(port, path):
    """Size and <title> of one response: proof the run measures the page it means to."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        body = fetch(connection, path)
    finally:
        connection.close()
    title = re.search(rb"<title[^>]*>(.*?)</title>", body, re.DOTALL | re.IGNORECASE)
    text = title.group(1) if title else body[:60]
    return f"{len(body)} bytes, {' '.join(text.decode('utf-8', 'replace').split())!r}"


def load(port, path, *, seconds, concurrency, stop):
    """Requests from `concurrency` keep-alive connections for `seconds`; returns (requests, wall, bytes, latencies)."""
    counts = [0] * concurrency
    sizes = [0] * concurrency
    latencies = [[] for _ in range(concurrency)]
    failures = []
    deadline = time.perf_counter() + seconds

    def client(index):
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        try:
            while not stop.is_set():
                started = time.perf_counter()
                if started >= deadline:
                    break
                sizes[index] += len(fetch(connection, path))
                latencies[index].append((time.perf_counter() - started) * 1000)
                counts[index] += 1
        except Exception as error:
            failures.append(error)
            stop.set()
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(index,), daemon=True) for index in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    if failures:
        error = failures[0]
        if isinstance(error, BenchError):
            raise error
        raise BenchError(f"GET {path} failed: {error!r}") from error
    requests = sum(counts)
    if requests == 0:
        raise BenchError(f"no request to {path} completed in {seconds} s")
    return requests, wall, sum(sizes), [latency for per_thread in latencies for latency in per_thread]


def measure(gunicorn, database_cpu, path, *, seconds, concurrency, stop):
    db_before = database_cpu.readings() if database_cpu else None
    cpu_before = gunicorn.cpu.ticks()
    requests, wall, size, latencies = load(gunicorn.port, path, seconds=seconds, concurrency=concurrency, stop=stop)
    cpu_after = gunicorn.cpu.ticks()
    db_ticks = database_cpu.ticks_between(db_before, database_cpu.readings()) if database_cpu else None
    return Round(requests, wall, cpu_after - cpu_before, db_ticks, size, latencies)


# --- report -------------------------------------------------------------------------------------------------


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def summarise(rounds):
    requests = sum(r.requests for r in rounds)
    seconds = sum(r.seconds for r in rounds)
    ticks = sum(r.cpu_ticks for r in rounds)
    latencies = [latency for r in rounds for latency in r.latencies_ms]
    db = None if rounds[0].db_ticks is None else sum(r.db_ticks for r in rounds) * 1000 / CLK_TCK / requests
    return {
        "requests": requests,
        "seconds": round(seconds, 3),
        "requests_per_second": round(requests / seconds, 1),
        "cpu_ms_per_request": round(ticks * 1000 / CLK_TCK / requests, 3),
        "db_cpu_ms_per_request": None if db is None else round(db, 3),
        "latency_ms_p50": round(percentile(latencies, 0.5), 2),
        "latency_ms_p95": round(percentile(latencies, 0.95), 2),
        "bytes_per_response": round(sum(r.response_bytes for r in rounds) / requests),
        "rounds": [
            {
                "requests": r.requests,
                "seconds": round(r.seconds, 3),
                "requests_per_second": round(r.requests_per_second, 1),
                "cpu_ms_per_request": round(r.cpu_ms_per_request, 3),
            }
            for r in rounds
        ],
    }


def ratios(target, bare):
    per_round_cpu = [
        t["cpu_ms_per_request"] / b["cpu_ms_per_request"] for t, b in zip(target["rounds"], bare["rounds"], strict=True)
    ]
    per_round_rps = [
        t["requests_per_second"] / b["requests_per_second"]
        for t, b in zip(target["rounds"], bare["rounds"], strict=True)
    ]
    return {
        "cpu_per_request": round(target["cpu_ms_per_request"] / bare["cpu_ms_per_request"], 2),
        "cpu_per_request_rounds": {
            "min": round(min(per_round_cpu), 2),
            "max": round(max(per_round_cpu), 2),
            "stdev_percent": round(100 * statistics.pstdev(per_round_cpu) / statistics.mean(per_round_cpu), 1),
        },
        "requests_per_second": round(target["requests_per_second"] / bare["requests_per_second"], 4),
        "requests_per_second_rounds": {
            "min": round(min(per_round_rps), 4),
            "max": round(max(per_round_rps), 4),
            "stdev_percent": round(100 * statistics.pstdev(per_round_rps) / statistics.mean(per_round_rps), 1),
        },
    }


def print_table(report):
    targets = report["targets"]
    show_db = any(t["db_cpu_ms_per_request"] is not None for t in targets.values())
    columns = ["target", "requests", "req/s", "CPU ms/req"] + (["DB CPU ms/req"] if show_db else [])
    columns += ["p50 ms", "p95 ms", "KiB/resp"]
    rows = []
    for path, summary in targets.items():
        row = [
            path,
            str(summary["requests"]),
            f"{summary['requests_per_second']:.1f}",
            f"{summary['cpu_ms_per_request']:.3f}",
        ]
        if show_db:
            db = summary["db_cpu_ms_per_request"]
            row.append("-" if db is None else f"{db:.3f}")
        row += [
            f"{summary['latency_ms_p50']:.1f}",
            f"{summary['latency_ms_p95']:.1f}",
            f"{summary['bytes_per_response'] / 1024:.1f}",
        ]
        rows.append(row)
    widths = [max(len(column), *(len(row[i]) for row in rows)) for i, column in enumerate(columns)]
    say()
    say("  ".join(column.ljust(widths[0]) if i == 0 else column.rjust(widths[i]) for i, column in enumerate(columns)))
    for row in rows:
        say("  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
    say()
    say(f"ratios against the bare view ({BARE_PATH}), whole run [per-round min-max]:")
    for path, ratio in report["ratios"].items():
        cpu, rps = ratio["cpu_per_request_rounds"], ratio["requests_per_second_rounds"]
        say(
            f"  {path}: CPU/request {ratio['cpu_per_request']:.1f}x [{cpu['min']:.1f}-{cpu['max']:.1f}]"
            f"   req/s {ratio['requests_per_second']:.3f}x [{rps['min']:.3f}-{rps['max']:.3f}]"
        )


def machine_description():
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"cpus": os.cpu_count(), "cpu_model": model, "platform": platform.platform()}


def versions():
    found = {"python": platform.python_version()}
    for package in ("django", "wagtail", "gunicorn", "psycopg", "whitenoise"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[package] = metadata.version(package)
    return found


def git_revision():
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    return None


def load_average():
    return [float(value) for value in Path("/proc/loadavg").read_text().split()[:3]]


# --- main ---------------------------------------------------------------------------------------------------


def run(args, temp, stop):
    check_front_end_built()
    if args.port and not port_is_free(args.port):
        raise BenchError(f"port {args.port} on {HOST} is in use")
    if args.database == "postgres":
        database_url = args.postgres_url
        with timed(f"Recreating PostgreSQL database {urlsplit(database_url).path.lstrip('/')!r}"):
            recreate_postgres_database(database_url)
    else:
        database_url = f"sqlite:///{temp / 'bench.sqlite3'}"
    static_root = args.static_root.resolve() if args.static_root else temp / "static"
    environment = site_environment(database_url=database_url, media_root=temp / "media", static_root=static_root)
    with timed("Migrating"):
        manage(environment, "config.settings.dev", "migrate", "--noinput")
    with timed("Loading demo data"):
        manage(environment, "config.settings.dev", "load_demo_data")
    with timed(f"Collecting static files into {static_root}"):
        manage(environment, "bench.settings", "collectstatic", "--noinput", "--verbosity", "0")

    port = choose_port(args.port)
    gunicorn = Gunicorn(port=port, workers=args.workers, environment=environment, log_path=temp / "gunicorn.log")
    database_cpu = None
    try:
        with timed(f"Starting gunicorn ({args.workers} sync workers) on {HOST}:{port}"):
            gunicorn.start()
        say(f"gunicorn master PID {gunicorn.process.pid}, workers {sorted(gunicorn.cpu.workers_seen)}")
        targets = [BARE_PATH, HOME_PATH, *(path for path in args.url if path not in (BARE_PATH, HOME_PATH))]
        with timed(f"Warming up ({args.warmup:g} s per target)"):
            for path in targets:
                load(port, path, seconds=args.warmup, concurrency=args.concurrency, stop=stop)
        for path in targets:
            say(f"  GET {path}: 200, {describe_page(port, path)}")
        if args.database == "postgres":
            database_cpu = PostgresBackendCPU(database_url)
            if not database_cpu.available():
                say("(PostgreSQL's backends are not processes on this machine: no DB CPU column)")
                database_cpu.close()
                database_cpu = None
        started_at = datetime.datetime.now().astimezone()
        load_before = load_average()
        measured = {path: [] for path in targets}
        say(
            f"Measuring {args.rounds} rounds x {len(targets)} targets x {args.duration:g} s, {args.concurrency} clients"
        )
        for number in range(1, args.rounds + 1):
            line = []
            for path in targets:
                result = measure(
                    gunicorn, database_cpu, path, seconds=args.duration, concurrency=args.concurrency, stop=stop
                )
                measured[path].append(result)
                line.append(f"{path} {result.requests_per_second:7.1f} req/s {result.cpu_ms_per_request:7.3f} ms CPU")
            say(f"  round {number}: " + " | ".join(line))
        if gunicorn.process.poll() is not None:
            raise BenchError(f"gunicorn exited during the run:\n{gunicorn.log_tail()}")
        worker_rss = [rss_mib(pid) for pid in sorted(children_of(gunicorn.process.pid))]
    finally:
        if database_cpu:
            database_cpu.close()
        stop.set()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C must not cut the clean-up short
        try:
            with timed("Stopping gunicorn"):
                gunicorn.stop()
        finally:
            signal.signal(signal.SIGINT, previous)

    summaries = {path: summarise(rounds) for path, rounds in measured.items()}
    report = {
        "date": started_at.isoformat(timespec="seconds"),
        "machine": machine_description(),
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "versions": versions(),
        "git_revision": git_revision(),
        "settings": "bench.settings (config.settings.production + /bench/bare/)",
        "options": {
            "database": args.database,
            "workers": args.workers,
            "worker_class": "sync",
            "concurrency": args.concurrency,
            "rounds": args.rounds,
            "duration": args.duration,
            "warmup": args.warmup,
            "conn_max_age": os.environ.get("DATABASE_CONN_MAX_AGE", "600"),
        },
        "worker_rss_mib": worker_rss,
        "bare_path": BARE_PATH,
        "targets": summaries,
        "ratios": {
            path: ratios(summary, summaries[BARE_PATH]) for path, summary in summaries.items() if path != BARE_PATH
        },
    }
    print_table(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    output = RESULTS / f"bench-{started_at:%Y%m%d-%H%M%S}-{args.database}.json"
    output.write_text(json.dumps(report, indent=2) + "\n")
    say(f"gunicorn workers' resident memory: {', '.join(f'{rss} MiB' for rss in report['worker_rss_mib'])}")
    say(f"\nWritten {output.relative_to(ROOT)}")
    return report


def main(argv=None):
    args = parse_args(argv)

    def exit_on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, exit_on_signal)
    signal.signal(signal.SIGHUP, exit_on_signal)
    stop = threading.Event()
    temp = Path(tempfile.mkdtemp(prefix="safer-bench-"))
    try:
        run(args, temp, stop)
    except BenchError as error:
        say(f"\nbench failed: {error}")
        return 1
    except KeyboardInterrupt:
        say("\ninterrupted")
        return 130
    finally:
        stop.set()
        if args.keep_temp:
            say(f"Temporary files kept in {temp}")
        else:
            shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
