#!/usr/bin/env python3
"""Looks for inputs whose check takes more than linear time: every token of the
check_document dictionary, alone and in pairs, repeated to a small and an eight times larger
file of each kind, run through the check_document fuzz target; a pair whose larger file
takes far more than eight times as long is printed, worst first.

    RUSTC_BOOTSTRAP=1 cargo fuzz build -s none check_document
    python3 fuzz/scaling.py [SMALL_BYTES]

libFuzzer's -timeout only catches what is slow at -max_len; this catches what will be slow
on a file a hundred times larger.

Besides the dictionary's tokens, it scales shapes that repeating one token cannot write,
each of which was once quadratic:

- attributes per element: one start tag with thousands of differently named attributes
  (`<p a0=x a1=x ...>`), in an HTML page and an HTML email (a repeated name was looked for
  among all the attributes read before it);
- findings per file: a line holding a misspelled term, repeated, so that every line is a
  finding, in each kind of file (the human report, which the target renders, found each
  finding's lines by reading the file from its start).
"""

import pathlib
import random
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent
BINARY = ROOT / "target" / "x86_64-unknown-linux-gnu" / "release" / "check_document"
SMALL = int(sys.argv[1]) if len(sys.argv) > 1 else 16 * 1024
FACTOR = 8
TIMEOUT = 20
KINDS = ["markdown", "html", "html email", "text email", "message"]
PREFIXES = [b"", b"<p>", b"# ", b"- ", b"> ", b"| a |\n|---|\n| ", b"Subject: x\n\n"]


def tokens():
    found = []
    for line in (ROOT / "dicts" / "check_document.dict").read_text().splitlines():
        if line.startswith('"'):
            body = line[1:-1]
            body = re.sub(r"\\x([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), body)
            body = body.replace('\\"', '"').replace("\\\\", "\\")
            found.append(body.encode("latin-1"))
    return found


def attributes(count):
    """One start tag with `count` attributes, each named differently."""
    return b"<p " + b" ".join(b"a%d=x" % i for i in range(count)) + b">Github</p>\n"


def findings(count, kind):
    """`count` lines, each a finding of the rules' `GitHub` term; a message for kind 4."""
    header = b"Subject: x\n\n" if kind == 4 else b""
    return header + b"We use Github.\n" * count


# Shapes that grow with a count rather than by repeating a unit: (name, kind, body of a
# count). Each is written at the count that fills SMALL bytes and at FACTOR times that.
GENERATED = [
    ("attributes per element", 1, attributes),
    ("attributes per element", 2, attributes),
] + [("findings per file", kind, lambda count, kind=kind: findings(count, kind)) for kind in range(len(KINDS))]


def generated_cases(folder):
    """Files of the GENERATED shapes, as (label, kind, files)."""
    cases = []
    for n, (name, kind, body) in enumerate(GENERATED):
        per_item = max(len(body(100)) // 100, 1)
        files = []
        for size in (SMALL, SMALL * FACTOR):
            path = folder / f"generated-{n}-{size}"
            path.write_bytes(bytes([kind]) + body(size // per_item))
            files.append(path)
        cases.append((name, kind, files))
    return cases


def report(small, large, label):
    ratio = large / max(small, 1)
    if large > 100 and ratio > 2 * FACTOR:
        print(f"{ratio:6.1f}x {small:6d} ms -> {large:6d} ms  {label}")
        sys.stdout.flush()


def run(paths):
    """Milliseconds per file, as the fuzz target reports them; a file that takes longer than
    TIMEOUT seconds (which ends the run) counts as that long."""
    output = subprocess.run(
        [str(BINARY), f"-timeout={TIMEOUT}", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    ).stderr
    times = {}
    for match in re.finditer(r"Executed (\S+) in (\d+) ms", output):
        times[match.group(1)] = int(match.group(2))
    return [times.get(str(p), TIMEOUT * 1000) for p in paths]


def main():
    single = tokens()
    rng = random.Random(7)
    units = single + [t + b" word " for t in single]
    units += [rng.choice(single) + rng.choice(single) + rng.choice([b"", b" ", b"\n", b"x"]) for _ in range(400)]
    cases = []
    with tempfile.TemporaryDirectory() as folder:
        folder = pathlib.Path(folder)
        for n, unit in enumerate(units):
            kind = n % len(KINDS)
            prefix = PREFIXES[n % len(PREFIXES)]
            files = []
            for size in (SMALL, SMALL * FACTOR):
                path = folder / f"{n}-{size}"
                path.write_bytes(bytes([kind]) + prefix + unit * (size // len(unit) + 1))
                files.append(path)
            cases.append((unit, kind, prefix, files))
        generated = generated_cases(folder)
        for name, kind, files in generated:
            small, large = run(files)
            report(small, large, f"{KINDS[kind]:10s} {name}")
        for unit, kind, prefix, files in cases:
            small, large = run(files)
            report(small, large, f"{KINDS[kind]:10s} {prefix!r} {unit!r}")
    print(
        f"{len(generated)} generated and {len(cases)} repeated inputs, "
        f"{SMALL} and {SMALL * FACTOR} bytes, checked"
    )


main()
