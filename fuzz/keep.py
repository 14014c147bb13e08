#!/usr/bin/env python3
"""Chooses the few inputs of a target's corpus kept under tests/fuzz-corpus/<target>/: those
that together reach the most coverage features, preferring small ones, within a count and
a size budget. libFuzzer's set cover merge reports the features of each input.

    RUSTC_BOOTSTRAP=1 cargo fuzz build -s none TARGET
    python3 fuzz/keep.py TARGET [COUNT [BYTES]]

The corpus read is fuzz/corpus/TARGET (minimize it first with `cargo fuzz cmin`). Files
already kept are replaced.
"""

import hashlib
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent
TARGET = sys.argv[1]
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 25
BYTES = int(sys.argv[3]) if len(sys.argv) > 3 else 240 * 1024
SIZE_WEIGHT = int(sys.argv[4]) if len(sys.argv) > 4 else 8192
BINARY = ROOT / "target" / "x86_64-unknown-linux-gnu" / "release" / TARGET
CORPUS = ROOT / "corpus" / TARGET
KEPT = ROOT.parent / "tests" / "fuzz-corpus" / TARGET


def features():
    """Each input of the corpus with the features it reaches."""
    with tempfile.TemporaryDirectory() as empty:
        control = pathlib.Path(empty) / "control"
        out = pathlib.Path(empty) / "out"
        out.mkdir()
        subprocess.run(
            [str(BINARY), "-set_cover_merge=1", f"-merge_control_file={control}", "-rss_limit_mb=4096",
             str(out), str(CORPUS)],
            capture_output=True,
            check=False,
        )
        lines = control.read_text().splitlines()
    count = int(lines[0])
    files = lines[2 : 2 + count]
    reached = {}
    for line in lines[2 + count :]:
        parts = line.split()
        if parts and parts[0] == "FT":
            reached[files[int(parts[1])]] = set(map(int, parts[2:]))
    return reached


def main():
    reached = features()
    covered = set()
    chosen = []
    size = 0
    while len(chosen) < COUNT:
        def gain(path):
            return len(reached[path] - covered) / (pathlib.Path(path).stat().st_size + SIZE_WEIGHT)

        candidates = [p for p in reached if p not in chosen
                      and size + pathlib.Path(p).stat().st_size <= BYTES]
        if not candidates:
            break
        best = max(candidates, key=gain)
        if not reached[best] - covered:
            break
        chosen.append(best)
        covered |= reached[best]
        size += pathlib.Path(best).stat().st_size
    everything = set().union(*reached.values())
    KEPT.mkdir(parents=True, exist_ok=True)
    for old in KEPT.iterdir():
        old.unlink()
    for path in chosen:
        data = pathlib.Path(path).read_bytes()
        (KEPT / hashlib.sha1(data).hexdigest()).write_bytes(data)
    print(f"{TARGET}: kept {len(chosen)} of {len(reached)} inputs, {size} bytes, "
          f"{len(covered)} of {len(everything)} features")


main()
