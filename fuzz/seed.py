#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ for every fuzz target: the fixtures, the rules files, the kept
corpus under tests/fuzz-corpus, and a small sample of real content when a folder of it is
given (the sets described in tests/README: Markdown posts, email templates, HTML pages).

    python3 fuzz/seed.py [REAL_CONTENT_FOLDER]

Files larger than 32 KiB are left out: the fuzzer mutates small inputs best.
"""

import hashlib
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
LIMIT = 32 * 1024
SAMPLE_EVERY = {"md": 25, "html": 6, "txt": 6, "hbs": 1, "liquid": 1, "mjml": 1}

# The byte that chooses a kind in check_document (Markdown, HTML page, HTML email, plain-text
# email, message, MDX post), by extension.
KIND = {"md": 0, "html": 1, "htm": 1, "hbs": 2, "liquid": 2, "mjml": 2, "txt": 3, "eml": 4, "mdx": 5}

MESSAGES = [
    b"Subject: Try Acme cloud\nContent-Type: text/plain\n\nShip it with Github today!!\n",
    b"Subject: =?utf-8?q?Acme_cloud_=E2=9C=A8?=\nMIME-Version: 1.0\n"
    b"Content-Type: multipart/alternative; boundary=b\n\n--b\n"
    b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
    b"Welcome to Acme cloud. Utilize =\nGithub=2E\n--b\n"
    b"Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
    b"PHA+QWNtZSBjbG91ZCAmYW1wOyBHaXRodWI8L3A+Cg==\n--b--\n",
    b"Subject: Outer\nContent-Type: multipart/mixed; boundary=\"o\"\n\n--o\n"
    b"Content-Type: multipart/alternative; boundary=\"i\"\n\n--i\nContent-Type: text/plain\n\n"
    b"Hi {{name}}, Acme mail is here.\n--i\nContent-Type: text/html\n\n"
    b"<p style=\"color:#0066cc\">Hi {{name}}, <b>Acme</b> mail</p>\n--i--\n--o\n"
    b"Content-Type: text/plain; name=\"notes.txt\"\nContent-Disposition: attachment\n\n"
    b"Github\n--o\nContent-Type: message/rfc822\n\nSubject: Fwd\n\nGithub\n--o--\n",
    b"\xef\xbb\xbfSubject: BOM\r\nContent-Type: text/html\r\n\r\n<title>Acme OS</title>\r\n",
]

RULES = [
    b'[[term]]\nname = "Acme"\nvariants = ["ACME"]\ntrademark = "\xc2\xae"\n',
    b'[[banned]]\nphrases = ["act now", "world-class"]\nscopes = ["subject", "heading"]\n'
    b'examples = { flag = ["Act now"], pass = ["Now"] }\n',
    b'[[prefer]]\nuse = "use"\ninstead_of = ["utilize"]\nchannels = ["email"]\n',
    b'[[pattern]]\nid = "x"\nregex = "(?i)\\\\bfoo+"\nfiles = ["**/*.md"]\n',
    b'[[require]]\nany_of = ["Cheers"]\nscope = "last-paragraph"\nmin = 1\nmax = 2\n',
    b'[voice]\nmax_sentence_words = 5\nemoji = "deny"\nheading_case = "title"\n'
    b'[visual]\npalette = ["#f50", "rgb(1 2 3)"]\nfonts = ["Inter"]\nlogo_alt = "Acme"\n',
    b'[files]\nemail = ["**/*.txt"]\nignore_selectors = [".legal", "td >"]\n'
    b'[[override]]\nfiles = ["a/**"]\ndisable = ["term/Acme"]\nvoice.emoji = 2\n',
]


def write(target, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def front_matter(text):
    """The syntax byte and content of a file's front matter block, if it has one."""
    match = re.match(r"(---|\+\+\+)\r?\n(.*?)\r?\n\1\r?\n", text, re.S)
    if not match:
        return None
    return (0 if match.group(1) == "---" else 1), match.group(2)


def content(path):
    data = path.read_bytes()
    extension = path.suffix.lstrip(".").lower()
    if len(data) > LIMIT or extension not in KIND:
        return
    kind = KIND[extension]
    write("span_invariants", data)
    write("check_document", bytes([kind]) + data)
    if kind == 0:
        write("read_markdown", data)
        found = front_matter(data.decode("utf-8", "replace"))
        if found:
            syntax, block = found
            write("read_front_matter", bytes([syntax]) + block.encode())
    elif kind == 5:
        write("read_mdx", data)
    elif kind in (1, 2):
        write("read_html", data)
        write("read_email_template", data)
    elif kind == 3:
        write("read_email_template", data)
    else:
        write("read_eml", data)


def main():
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.is_file():
            content(path)
    for path in sorted(ROOT.glob("rules/**/*.toml")) + sorted(ROOT.glob("tests/data/*.toml")):
        write("load_rules", path.read_bytes())
    write("load_rules", (ROOT / "fuzz" / "rules.toml").read_bytes())
    for rules in RULES:
        write("load_rules", rules)
    for message in MESSAGES:
        write("read_eml", message)
        write("span_invariants", message)
        write("check_document", bytes([4]) + message)
    write("read_front_matter", b"\x00title: \"Acme \\u00e9 cloud\"\ndescription: >\n  Github\n")
    write("read_front_matter", b"\x01title = '''\nAcme cloud'''\n[extra]\nsummary = \"x\"\n")
    kept = ROOT / "tests" / "fuzz-corpus"
    for folder in sorted(kept.glob("*")):
        for path in sorted(folder.iterdir()):
            write(folder.name, path.read_bytes())
    if len(sys.argv) > 1:
        real = sorted(p for p in pathlib.Path(sys.argv[1]).rglob("*") if p.is_file())
        seen = {}
        for path in real:
            extension = path.suffix.lstrip(".").lower()
            seen[extension] = seen.get(extension, 0) + 1
            if seen[extension] % SAMPLE_EVERY.get(extension, 10**9) == 0:
                content(path)
    for folder in sorted(CORPUS.iterdir()):
        print(f"{folder.name}: {len(list(folder.iterdir()))} seeds")


main()
