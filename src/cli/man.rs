//! `brandlint man`: manual pages generated from the command-line definition (clap_mangen),
//! one for brandlint and one for each subcommand (`brandlint-check(1)`, as git names its
//! pages), each with the sections a reader looks for beyond the options: exit status, files
//! and examples.

use std::io::{self, Write};
use std::path::Path;

use clap::Command;
use roff::{bold, roman, Roff};

/// What a page says beyond its options.
struct Extra {
    /// The subcommand, or "" for brandlint itself.
    name: &'static str,
    /// Exit codes and what each means.
    exit: &'static [(&'static str, &'static str)],
    /// Files the command reads or writes.
    files: &'static [(&'static str, &'static str)],
    /// Command lines and what each does.
    examples: &'static [(&'static str, &'static str)],
}

/// The exit codes of every command but `check`.
const EXIT_PLAIN: &[(&str, &str)] = &[
    ("0", "Success."),
    (
        "2",
        "A usage error, or a rules file or input that cannot be used.",
    ),
];

/// The rules file, which most commands read.
const RULES_FILE: (&str, &str) = (
    "brandlint.toml, .brandlint.toml",
    "The rules file: the nearest one in the checked file's folder or a folder above it.",
);

const EXTRAS: &[Extra] = &[
    Extra {
        name: "",
        exit: &[
            ("0", "No error finding, and warnings within --max-warnings."),
            ("1", "Error findings, or more warnings than --max-warnings."),
            ("2", "A usage error, a rules file that cannot be used, or a budget exceeded."),
        ],
        files: &[RULES_FILE, (".brandlint-baseline.json", "Findings known before, which check leaves out.")],
        examples: &[
            ("brandlint check", "Check the current folder."),
            ("brandlint check --fix posts", "Apply the safe fixes in posts, then report what is left."),
            ("brandlint explain term/GitHub", "Say what a rule checks, and where it is defined."),
        ],
    },
    Extra {
        name: "check",
        exit: &[
            ("0", "No error finding, and warnings within --max-warnings."),
            ("1", "Error findings (a file that could not be read included), or more warnings than --max-warnings."),
            ("2", "A usage error, a rules file that cannot be used, or a budget exceeded."),
        ],
        files: &[RULES_FILE, (".brandlint-baseline.json", "Beside the rules file: findings known before, left out of the report.")],
        examples: &[
            ("brandlint check --format compact docs", "One line per finding in docs."),
            ("brandlint check --changed-since origin/main", "Only the findings on lines changed since the branch left main."),
            ("brandlint check --select term --min-severity warning", "Only name findings, warnings and errors."),
            ("cat draft.md | brandlint check --stdin-filename posts/draft.md", "Check text from standard input as if it were posts/draft.md."),
        ],
    },
    Extra {
        name: "baseline",
        exit: EXIT_PLAIN,
        files: &[RULES_FILE, (".brandlint-baseline.json", "Written beside the rules file, unless --file names another.")],
        examples: &[
            ("brandlint baseline", "Record every finding of the current folder as known."),
            ("brandlint baseline --prune", "Drop the recorded findings that are fixed or gone."),
        ],
    },
    Extra {
        name: "init",
        exit: EXIT_PLAIN,
        files: &[("brandlint.toml", "Written in the current folder; an existing one is left alone.")],
        examples: &[("brandlint init && brandlint rules --verify", "Start a rules file and test its examples.")],
    },
    Extra {
        name: "rules",
        exit: &[
            ("0", "The rules load (and, with --verify, every example passes)."),
            ("1", "With --verify: an example that fails."),
            ("2", "A rules file that cannot be used."),
        ],
        files: &[RULES_FILE],
        examples: &[
            ("brandlint rules --verify", "Run every rule's flag and pass examples."),
            ("brandlint rules --sources", "List the files the rules are read from."),
        ],
    },
    Extra {
        name: "explain",
        exit: EXIT_PLAIN,
        files: &[RULES_FILE],
        examples: &[
            ("brandlint explain", "List every kind and every rule id of the rules file."),
            ("brandlint explain voice/shouting", "What a check does, why, and its settings here."),
        ],
    },
    Extra {
        name: "completions",
        exit: EXIT_PLAIN,
        files: &[],
        examples: &[(
            "brandlint completions bash > ~/.local/share/bash-completion/completions/brandlint",
            "Install bash completions.",
        )],
    },
    Extra {
        name: "man",
        exit: EXIT_PLAIN,
        files: &[],
        examples: &[(
            "brandlint man --dir ~/.local/share/man/man1",
            "Install every page (brandlint(1), brandlint-check(1), ...).",
        )],
    },
    Extra {
        name: "merge-sarif",
        exit: EXIT_PLAIN,
        files: &[],
        examples: &[(
            "brandlint merge-sarif -o brandlint.sarif part-*.sarif",
            "Join the SARIF logs of check --shard runs into one.",
        )],
    },
];

/// Every page: its file name and its text, brandlint's first.
pub(super) fn pages(command: &Command) -> Vec<(String, Vec<u8>)> {
    let command = built(command);
    let mut pages = vec![page(&command, "")];
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name().to_string();
        let named = sub
            .clone()
            .display_name(format!("brandlint-{name}"))
            .bin_name(format!("brandlint {name}"));
        pages.push(page(&named, &name));
    }
    pages
}

/// One page: clap_mangen's sections, then exit status, files, examples and see also.
fn page(command: &Command, name: &str) -> (String, Vec<u8>) {
    let man = clap_mangen::Man::new(command.clone());
    let mut text = Vec::new();
    let _ = man.render(&mut text);
    let mut roff = Roff::new();
    if let Some(extra) = EXTRAS.iter().find(|e| e.name == name) {
        section(&mut roff, "EXIT STATUS", extra.exit);
        if !extra.files.is_empty() {
            section(&mut roff, "FILES", extra.files);
        }
        section(&mut roff, "EXAMPLES", extra.examples);
    }
    roff.control("SH", ["SEE ALSO"]);
    let others: Vec<String> = EXTRAS
        .iter()
        .filter(|e| e.name != name)
        .map(|e| match e.name {
            "" => "brandlint(1)".to_string(),
            other => format!("brandlint-{other}(1)"),
        })
        .collect();
    roff.text([roman(others.join(", "))]);
    let _ = roff.to_writer(&mut text);
    (man.get_filename(), text)
}

/// A section of tagged paragraphs: the tag in bold, its text after.
fn section(roff: &mut Roff, title: &str, items: &[(&str, &str)]) {
    roff.control("SH", [title]);
    for (tag, text) in items {
        roff.control("TP", []);
        roff.text([bold(*tag)]);
        roff.text([roman(*text)]);
    }
}

/// Writes every page into `folder` (made when missing) and says which.
pub(super) fn write_all(command: &Command, folder: &Path) -> io::Result<Vec<String>> {
    std::fs::create_dir_all(folder)?;
    let mut written = Vec::new();
    for (name, text) in pages(command) {
        std::fs::write(folder.join(&name), text)?;
        written.push(name);
    }
    Ok(written)
}

/// Writes brandlint's own page to `out`.
pub(super) fn write_main(command: &Command, out: &mut dyn Write) -> io::Result<()> {
    let (_, text) = page(&built(command), "");
    out.write_all(&text)
}

/// The command with its subcommands' arguments resolved, as the pages describe it.
fn built(command: &Command) -> Command {
    let mut command = command.clone().disable_help_subcommand(true);
    command.build();
    command
}
