#!/usr/bin/env python3
"""Runs fuzz targets from their saved corpus, one after another or a few at once, and prints
a row per target: how long, how many inputs, the coverage at the start and at the end, and
when coverage last grew, which tells whether the target has reached a plateau.

    RUSTC_BOOTSTRAP=1 cargo fuzz build -O          # once, from the repository root
    python3 fuzz/run.py [--seconds N] [--jobs J] [--max-len BYTES] [TARGET ...]
    python3 fuzz/run.py --summary fuzz/logs/*.log  # the rows of earlier runs

Every target runs when none is named. Each run reads and grows fuzz/corpus/TARGET, uses
fuzz/dicts/TARGET.dict, writes crash inputs to fuzz/artifacts/TARGET/ and its log, each line
prefixed with the seconds since it started, to fuzz/logs/TARGET.log. Inputs are cut to
--max-len (4096 bytes by default): small inputs run many times faster, and inputs that are
slow only when large are scaling.py's job.
"""

import argparse
import pathlib
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = pathlib.Path(__file__).resolve().parent
BINARIES = ROOT / "target" / "x86_64-unknown-linux-gnu" / "release"
TARGETS = sorted(p.stem for p in (ROOT / "fuzz_targets").glob("*.rs"))


def run(target, seconds, max_len):
    """Fuzzes one target for `seconds` and returns the path of its log."""
    logs = ROOT / "logs"
    logs.mkdir(exist_ok=True)
    (ROOT / "artifacts" / target).mkdir(parents=True, exist_ok=True)
    (ROOT / "corpus" / target).mkdir(parents=True, exist_ok=True)
    log_path = logs / f"{target}.log"
    command = [
        str(BINARIES / target),
        str(ROOT / "corpus" / target),
        f"-dict={ROOT / 'dicts' / (target + '.dict')}",
        f"-max_total_time={seconds}",
        f"-max_len={max_len}",
        "-timeout=10",
        "-rss_limit_mb=4096",
        "-print_final_stats=1",
        f"-artifact_prefix={ROOT / 'artifacts' / target}/",
    ]
    start = time.time()
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace"
        )
        for line in process.stderr:
            log.write(f"{time.time() - start:8.1f} {line}")
        process.wait()
        log.write(f"EXIT {process.returncode}\n")
    return log_path


def summary(log_path):
    """A table row from a log: target, minutes, runs, coverage at the start and the end, how
    much of that growth came in the run's last quarter (near 0 at a plateau), and whether
    the run ended on a crash."""
    start_cov = end_cov = runs = None
    seconds = 0.0
    points = []
    crashed = False
    for line in pathlib.Path(log_path).read_text(errors="replace").splitlines():
        stamp, _, rest = line.strip().partition(" ")
        try:
            at = float(stamp)
        except ValueError:
            crashed |= line.startswith("EXIT") and not line.endswith(" 0")
            continue
        seconds = at
        cov = re.search(r"cov: (\d+)", rest)
        count = re.search(r"#(\d+)", rest)
        if count:
            runs = int(count.group(1))
        if cov:
            cov = int(cov.group(1))
            if "INITED" in rest:
                start_cov = cov
            points.append((at, cov))
            end_cov = cov
        done = re.search(r"Done (\d+) runs", rest)
        if done:
            runs = int(done.group(1))
        crashed |= "ERROR: libFuzzer" in rest or "panicked" in rest
    target = pathlib.Path(log_path).name.split(".")[0]
    quarter = [cov for at, cov in points if at <= seconds * 3 / 4]
    late = end_cov - quarter[-1] if quarter and end_cov is not None else 0
    return (
        f"| {target} | {seconds / 60:.0f} min | {runs or 0:,} | {start_cov} → {end_cov} "
        f"| +{late} | {'yes' if crashed else 'no'} |"
    )


HEADER = (
    "| target | time | inputs run | coverage (edges) start → end | growth in the last quarter | crash |\n"
    "|---|---:|---:|---|---:|---|"
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--max-len", type=int, default=4096)
    parser.add_argument("--summary", action="store_true", help="only summarize the logs given")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    if args.summary:
        print(HEADER)
        for log in args.names:
            print(summary(log))
        return
    targets = args.names or TARGETS
    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        sys.exit(f"no fuzz target named {', '.join(unknown)} (there are {', '.join(TARGETS)})")
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        logs = list(pool.map(lambda t: run(t, args.seconds, args.max_len), targets))
    print(HEADER)
    for log in logs:
        print(summary(log))


main()
