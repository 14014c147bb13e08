#!/usr/bin/env python3
"""How much of brandlint's own code each target's saved corpus reaches: every input is run
once with libFuzzer's -print_coverage=1, and the edges of the functions defined under src/
are summed. libFuzzer's own "cov" counts the dependencies' edges too, and some of those
keep growing long after brandlint's do (html5gum's generated matcher for HTML's named
character references yields new functions as the fuzzer spells new entities), so a plateau
is judged here, on brandlint's code.

    RUSTC_BOOTSTRAP=1 cargo fuzz build -O          # the binaries run.py uses
    python3 fuzz/coverage.py [--before "2026-11-24 00:53"] [--uncovered] [TARGET ...]

--before runs only the inputs saved before that time (UTC), the corpus as it was then, so
two calls show what a fuzzing run added. --uncovered lists the functions of src/ that no
input reaches; --by-file gives the edges reached in each file of src/, which tells whether a
run's growth lies in the code the target is for or in code it reaches from afar (inline
HTML's CSS from read_markdown, say) that another target feeds directly.
"""

import argparse
import datetime
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent
SOURCE = str(ROOT.parent / "src") + "/"
BINARIES = ROOT / "target" / "x86_64-unknown-linux-gnu" / "release"
TARGETS = sorted(p.stem for p in (ROOT / "fuzz_targets").glob("*.rs"))
FUNCTION = re.compile(r"^(UN)?COVERED_FUNC: hits: \d+ edges: (\d+)/(\d+) (.*) (\S+):\d+$")


def inputs(target, before):
    """The corpus files of a target, those saved before `before` when given."""
    files = sorted((ROOT / "corpus" / target).iterdir())
    if before is None:
        return files
    return [f for f in files if f.stat().st_mtime < before]


def own_coverage(target, files):
    """(covered edges, edges, reached functions, functions, the unreached functions, and
    {file: [covered edges, edges]}) of src/."""
    with tempfile.TemporaryDirectory() as folder:
        for f in files:
            (pathlib.Path(folder) / f.name).symlink_to(f)
        run = subprocess.run(
            [str(BINARIES / target), "-runs=0", "-print_coverage=1", "-timeout=10",
             "-rss_limit_mb=4096", folder],
            capture_output=True, text=True, errors="replace", check=False,
        )
    covered = edges = reached = functions = 0
    unreached = []
    by_file = {}
    for line in run.stderr.splitlines():
        found = FUNCTION.match(line)
        if not found or not found.group(5).startswith(SOURCE):
            continue
        hit, total = int(found.group(2)), int(found.group(3))
        covered += hit
        edges += total
        in_file = by_file.setdefault(found.group(5)[len(SOURCE):], [0, 0])
        in_file[0] += hit
        in_file[1] += total
        functions += 1
        if found.group(1):
            unreached.append(f"{found.group(5)[len(SOURCE):]}: {found.group(4)}")
        else:
            reached += 1
    if functions == 0:
        sys.exit(f"{target}: no coverage printed (is the binary built?)\n{run.stderr[-2000:]}")
    return covered, edges, reached, functions, unreached, by_file


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", help="only inputs saved before this UTC time")
    parser.add_argument("--uncovered", action="store_true")
    parser.add_argument("--by-file", action="store_true")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    before = None
    if args.before:
        moment = datetime.datetime.fromisoformat(args.before)
        before = moment.replace(tzinfo=datetime.timezone.utc).timestamp()
    print("| target | inputs | edges of src/ reached | functions of src/ reached |")
    print("|---|---:|---:|---:|")
    for target in args.names or TARGETS:
        files = inputs(target, before)
        covered, edges, reached, functions, unreached, by_file = own_coverage(target, files)
        print(f"| {target} | {len(files):,} | {covered:,} of {edges:,} "
              f"({100 * covered / edges:.1f}%) | {reached:,} of {functions:,} |", flush=True)
        if args.by_file:
            for name, (hit, total) in sorted(by_file.items()):
                if hit:
                    print(f"    {name}: {hit:,} of {total:,}")
        if args.uncovered:
            for name in unreached:
                print(f"    {name}")


main()
