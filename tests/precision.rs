//! Precision on real content, measured against a sample of findings judged by hand
//! (`tests/data/precision/`, whose README says how the sample was drawn and judged).
//!
//! Four runs over the four corpora beside the repository: the Microsoft and Google packs
//! converted from Vale (`../shared/packs`), a brand pack of real product names
//! (`brand.toml`) and the same names with every voice check on (`voice.toml`, of which only
//! the voice findings are measured). For every judged finding the test says whether it is
//! still reported, and it fails when a finding judged `real` is not: a change that gains
//! precision by losing true positives does not pass. The figures are printed; see them with
//! `scripts/precision` (or `cargo test --test precision -- --nocapture`).
//!
//! Weighted precision of a run: each kind's precision (for voice, each check's), weighted by
//! that kind's share of all the run's findings, over the kinds that have a judged finding
//! still reported: `sum(N_k * P_k) / sum(N_k)`, where `N_k` is the number of findings of kind
//! `k` in the run and `P_k = real_k / still_k` over its judged findings still reported.
//! Pooled figures weight every (rules set, kind) stratum the same way.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::{assert_spans_exact, brandlint, json};
use serde_json::Value;

/// The corpora, each a folder of `../shared/corpora`.
const CORPORA: [&str; 4] = [
    "md-rust-blog",
    "html-serde",
    "email-postmark",
    "email-mailchimp-blueprints",
];

/// The groups a false positive may be filed under (README.md in the data folder).
const GROUPS: [&str; 11] = [
    "code-like",
    "common-word",
    "wrong-sense",
    "quoted-or-discussed",
    "legal-text",
    "hidden-alt",
    "capitals",
    "bare-domain",
    "needs-case-policy",
    "needs-exception",
    "other",
];

/// The seed of the sample's draw (see [`draw_key`]).
const SEED: &str = "brandlint-precision-1";

/// One measured run: a rules set by name, its rules file, and whether only its voice
/// findings count.
struct Run {
    name: &'static str,
    rules: PathBuf,
    voice_only: bool,
}

/// The four runs, or `None` (the test skips) when the shared packs are absent.
fn runs() -> Option<Vec<Run>> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/precision");
    Some(vec![
        Run {
            name: "microsoft",
            rules: common::shared("packs/microsoft.toml")?,
            voice_only: false,
        },
        Run {
            name: "google",
            rules: common::shared("packs/google.toml")?,
            voice_only: false,
        },
        Run {
            name: "brand",
            rules: data.join("brand.toml"),
            voice_only: false,
        },
        Run {
            name: "voice",
            rules: data.join("voice.toml"),
            voice_only: true,
        },
    ])
}

/// A finding as the test identifies it: path (relative to the corpora), rule, span.
type Key = (String, String, u64, u64);

/// A finding of a run, with the stratum it is counted in.
struct Reported {
    key: Key,
    stratum: String,
}

/// The stratum of a finding: its kind, or for voice its check (`voice/emoji`).
fn stratum(kind: &str, rule: &str) -> String {
    if kind == "voice" {
        rule.to_string()
    } else {
        kind.to_string()
    }
}

/// Runs `run` over the corpora and returns the findings it measures.
fn check(corpora: &Path, run: &Run) -> Vec<Reported> {
    let rules = run.rules.display().to_string();
    let mut args = vec!["check", "--format", "json", "--rules", &rules];
    args.extend(CORPORA);
    let out = brandlint(corpora, &args, None);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}: brandlint failed: {}",
        run.name,
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert_spans_exact(corpora, &report);
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| !run.voice_only || d["kind"] == "voice")
        .map(|d| {
            let text = |key: &str| d[key].as_str().expect("a string field").to_string();
            let offset = |key: &str| d["span"][key].as_u64().expect("a span offset");
            Reported {
                key: (text("path"), text("rule"), offset("start"), offset("end")),
                stratum: stratum(&text("kind"), &text("rule")),
            }
        })
        .collect()
}

/// One judged finding of `judged.jsonl`.
struct Judged {
    rules: String,
    key: Key,
    stratum: String,
    matched: String,
    real: bool,
    /// Why a finding judged real is no longer reported on purpose: a rule of the contract
    /// that leaves its text out (`given_up` in `judged.jsonl`).
    given_up: Option<String>,
}

/// Reads `judged.jsonl`, checking each line is complete and consistent.
fn judged() -> Vec<Judged> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/precision/judged.jsonl");
    let text = std::fs::read_to_string(&path).expect("judged.jsonl is readable");
    let mut seen = BTreeSet::new();
    let mut all = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let at = format!("judged.jsonl line {}", number + 1);
        let value: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{at}: {e}"));
        let field = |key: &str| {
            value[key]
                .as_str()
                .unwrap_or_else(|| panic!("{at}: `{key}` is a string"))
                .to_string()
        };
        let offset = |key: &str| {
            value[key]
                .as_u64()
                .unwrap_or_else(|| panic!("{at}: `{key}` is a number"))
        };
        let verdict = field("verdict");
        let real = match verdict.as_str() {
            "real" => true,
            "false" => false,
            other => panic!("{at}: verdict `{other}` is neither `real` nor `false`"),
        };
        match &value["group"] {
            Value::Null => assert!(real, "{at}: a false positive is filed under a group"),
            Value::String(group) => assert!(
                !real && GROUPS.contains(&group.as_str()),
                "{at}: group `{group}` is one of {GROUPS:?}, on false positives only"
            ),
            other => panic!("{at}: group {other} is a string or null"),
        }
        assert!(
            !field("reason").is_empty(),
            "{at}: every verdict has a reason"
        );
        assert!(
            !field("context").is_empty(),
            "{at}: every finding has its context"
        );
        let key = (field("path"), field("rule"), offset("start"), offset("end"));
        assert!(
            seen.insert((field("rules"), key.clone())),
            "{at}: judged twice"
        );
        all.push(Judged {
            rules: field("rules"),
            stratum: stratum(&field("kind"), &key.1),
            key,
            matched: field("matched"),
            real,
            given_up: match &value["given_up"] {
                Value::Null => None,
                Value::String(reason) if real && !reason.is_empty() => Some(reason.clone()),
                other => panic!("{at}: given_up {other} is a reason, on real findings only"),
            },
        });
    }
    all
}

/// Counts for one stratum (or a total) of one run.
#[derive(Default, Clone, Copy)]
struct Tally {
    /// Findings of the run.
    findings: usize,
    /// Findings of the run that are not in the judged sample.
    unjudged: usize,
    /// Judged findings.
    judged: usize,
    /// Judged findings still reported.
    still: usize,
    /// Judged findings still reported and judged `real`.
    real: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.findings += other.findings;
        self.unjudged += other.unjudged;
        self.judged += other.judged;
        self.still += other.still;
        self.real += other.real;
    }

    fn precision(&self) -> Option<f64> {
        (self.still > 0).then(|| self.real as f64 / self.still as f64)
    }
}

/// Weighted precision over strata: each stratum's precision weighted by its findings, over
/// the strata that have a judged finding still reported; with the share of findings covered.
fn weighted<'a>(strata: impl IntoIterator<Item = &'a Tally>) -> Option<(f64, f64)> {
    let (mut sum, mut covered, mut total) = (0.0, 0, 0);
    for tally in strata {
        total += tally.findings;
        if let Some(precision) = tally.precision() {
            sum += precision * tally.findings as f64;
            covered += tally.findings;
        }
    }
    (covered > 0).then(|| (sum / covered as f64, covered as f64 / total as f64))
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{:.1}%", v * 100.0))
}

fn row(out: &mut String, set: &str, stratum: &str, tally: &Tally, extra: &str) {
    let line = format!(
        "{set:<10} {stratum:<26} {:>8} {:>9} {:>7} {:>6} {:>5} {:>10}  {extra}",
        tally.findings,
        tally.unjudged,
        tally.judged,
        tally.still,
        tally.real,
        percent(tally.precision()),
    );
    let _ = writeln!(out, "{}", line.trim_end());
}

fn weighted_text(strata: &[&Tally]) -> String {
    match weighted(strata.iter().copied()) {
        Some((value, coverage)) => format!(
            "weighted {} (over {:.0}% of findings)",
            percent(Some(value)),
            coverage * 100.0
        ),
        None => "weighted -".to_string(),
    }
}

#[test]
fn judged_findings_judged_real_are_still_reported_and_precision_is_printed() {
    let Some(corpora) = common::shared("corpora") else {
        return;
    };
    let Some(runs) = runs() else {
        return;
    };
    let judged = judged();
    for run in &runs {
        assert!(
            judged.iter().any(|j| j.rules == run.name),
            "the sample judges findings of {}",
            run.name
        );
    }
    for j in &judged {
        assert!(
            runs.iter().any(|run| run.name == j.rules),
            "judged finding of an unknown rules set `{}`",
            j.rules
        );
        // The corpora are unedited copies: the judged text is still where it was judged.
        let bytes = std::fs::read(corpora.join(&j.key.0)).expect("a judged file exists");
        let span = j.key.2 as usize..j.key.3 as usize;
        assert_eq!(
            bytes.get(span).map(String::from_utf8_lossy).as_deref(),
            Some(j.matched.as_str()),
            "the corpus changed under a judged finding: {:?}",
            j.key
        );
    }

    // The runs are independent processes: run them side by side.
    let reports: Vec<Vec<Reported>> = std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .iter()
            .map(|run| scope.spawn(|| check(&corpora, run)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a run"))
            .collect()
    });

    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n{:<10} {:<26} {:>8} {:>9} {:>7} {:>6} {:>5} {:>10}",
        "rules set", "kind", "findings", "unjudged", "judged", "still", "real", "precision"
    );
    let mut lost = Vec::new();
    let mut given_up = Vec::new();
    let mut stale = Vec::new();
    let mut pooled: BTreeMap<(bool, String, String), Tally> = BTreeMap::new();
    for (run, reported) in runs.iter().zip(&reports) {
        let keys: HashMap<&Key, &str> = reported
            .iter()
            .map(|r| (&r.key, r.stratum.as_str()))
            .collect();
        let mut strata: BTreeMap<String, Tally> = BTreeMap::new();
        for r in reported {
            strata.entry(r.stratum.clone()).or_default().findings += 1;
        }
        for j in judged.iter().filter(|j| j.rules == run.name) {
            let tally = strata.entry(j.stratum.clone()).or_default();
            tally.judged += 1;
            if keys.contains_key(&j.key) {
                if j.given_up.is_some() {
                    stale.push(format!("{}: {:?} `{}`", run.name, j.key, j.matched));
                }
                tally.still += 1;
                tally.real += usize::from(j.real);
            } else if let Some(reason) = j.real.then_some(()).and(j.given_up.as_ref()) {
                given_up.push(format!(
                    "{}: {:?} `{}`: {reason}",
                    run.name, j.key, j.matched
                ));
            } else if j.real {
                lost.push(format!("{}: {:?} `{}`", run.name, j.key, j.matched));
            }
        }
        let mut total = Tally::default();
        for (name, tally) in &mut strata {
            let judged_reported = judged
                .iter()
                .filter(|j| j.rules == run.name && j.stratum == *name)
                .filter(|j| keys.contains_key(&j.key))
                .count();
            tally.unjudged = tally.findings - judged_reported;
            row(&mut out, run.name, name, tally, "");
            total.add(tally);
            pooled.insert((run.voice_only, run.name.to_string(), name.clone()), *tally);
        }
        let all: Vec<&Tally> = strata.values().collect();
        row(&mut out, run.name, "(all)", &total, &weighted_text(&all));
        let _ = writeln!(out);
    }
    for (label, voice) in [
        ("phrases", Some(false)),
        ("voice", Some(true)),
        ("all", None),
    ] {
        let strata: Vec<&Tally> = pooled
            .iter()
            .filter(|((is_voice, _, _), _)| voice.is_none_or(|v| v == *is_voice))
            .map(|(_, tally)| tally)
            .collect();
        let mut total = Tally::default();
        for tally in &strata {
            total.add(tally);
        }
        row(&mut out, "pooled", label, &total, &weighted_text(&strata));
    }
    println!("{out}");
    if !given_up.is_empty() {
        println!(
            "true positives given up by a rule of the contract ({}):\n{}\n",
            given_up.len(),
            given_up.join("\n")
        );
    }
    assert!(
        stale.is_empty(),
        "finding(s) marked given_up are reported again: remove the mark\n{}",
        stale.join("\n")
    );

    assert!(
        lost.is_empty(),
        "{} finding(s) judged real are no longer reported (true positives lost):\n{}",
        lost.len(),
        lost.join("\n")
    );
}

/// How many findings of each stratum the sample drew (for voice, each check: [`VOICE_DRAW`]).
const DRAW: [(&str, &str, usize); 9] = [
    ("microsoft", "banned", 35),
    ("microsoft", "prefer", 30),
    ("google", "prefer", 30),
    ("google", "term", 10),
    ("google", "banned", 1),
    ("brand", "term", 40),
    ("brand", "banned", 20),
    ("brand", "prefer", 20),
    ("brand", "pattern", 6),
];

/// How many findings of each voice check the sample drew.
const VOICE_DRAW: usize = 20;

/// The draw's order: FNV-1a (64-bit) of the seed, rules set, path, rule, start and end
/// joined by tabs. Each stratum's findings with the lowest keys are drawn.
fn draw_key(set: &str, key: &Key) -> u64 {
    let text = format!("{SEED}\t{set}\t{}\t{}\t{}\t{}", key.0, key.1, key.2, key.3);
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Draws the sample again from the current findings and writes it, unjudged, to
/// `target/precision-draw.jsonl` (one line per finding: rules, path, rule, kind, start,
/// end). Run on the commit the sample was drawn from, it gives the findings of
/// `judged.jsonl`, in the same order; run later, a fresh sample to judge.
#[test]
#[ignore = "draws a new sample to judge; see tests/data/precision/README.md"]
fn draw_sample() {
    let Some(corpora) = common::shared("corpora") else {
        return;
    };
    let Some(runs) = runs() else {
        return;
    };
    let mut out = String::new();
    for run in &runs {
        let mut strata: BTreeMap<String, Vec<Reported>> = BTreeMap::new();
        for r in check(&corpora, run) {
            strata.entry(r.stratum.clone()).or_default().push(r);
        }
        for (name, mut findings) in strata {
            let size = if run.voice_only {
                VOICE_DRAW
            } else {
                DRAW.iter()
                    .find(|(set, kind, _)| *set == run.name && kind == &name)
                    .map_or(0, |d| d.2)
            };
            findings.sort_by_cached_key(|r| (draw_key(run.name, &r.key), r.key.clone()));
            for r in findings.iter().take(size) {
                let kind = if run.voice_only { "voice" } else { &name };
                let line = serde_json::json!({
                    "rules": run.name, "path": r.key.0, "rule": r.key.1, "kind": kind,
                    "start": r.key.2, "end": r.key.3,
                });
                let _ = writeln!(out, "{line}");
            }
        }
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/precision-draw.jsonl");
    std::fs::write(&path, &out).expect("target/ is writable");
    assert!(!out.is_empty(), "the runs have findings to draw from");
    println!("wrote {}", path.display());
}
