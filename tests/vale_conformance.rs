//! Vale's own tests, run against brandlint: the Gherkin scenarios of the Microsoft and
//! Google styles (`../shared/vale/*/features/rules.feature`) and the vocabulary scenarios of
//! Vale's test suite, each a fixture folder with its
//! `.vale.ini` and the exact `vale --output=line` lines it must print. brandlint runs in the
//! folder with `--format vale-line`, and its output must equal those lines.
//!
//! The figures are printed per feature file; the test fails when fewer scenarios pass than
//! [`PASSING`] says, so a change can only keep or raise them.

mod common;

use std::path::Path;

/// The feature files run: a name, the feature file and the folder its fixtures are under
/// (both relative to `../shared/vale`), and how many of its scenarios pass today, a floor
/// raised as more pass. Of Vale's own test suite, only `misc.feature`'s scenarios of the
/// forms read here (`When I test`, `When I use Vocab`) run so far; most need rule types or
/// settings not built yet.
const FEATURES: [(&str, &str, &str, usize); 3] = [
    (
        "microsoft",
        "microsoft/features/rules.feature",
        "microsoft/fixtures",
        16,
    ),
    (
        "google",
        "google/features/rules.feature",
        "google/fixtures",
        10,
    ),
    (
        "vale misc.feature",
        "testsuite/testdata/features/misc.feature",
        "testsuite/testdata/fixtures",
        1,
    ),
];

/// A scenario: its name, the fixture folder it tests, and the lines it expects.
struct Scenario {
    name: String,
    fixture: String,
    expected: Vec<String>,
}

/// The scenarios of a feature file of the form `When I test "X"` / `Then the output should
/// contain exactly:` with the lines between `"""` marks; commented lines are not read.
fn scenarios(feature: &str) -> Vec<Scenario> {
    let mut found = Vec::new();
    let mut lines = feature
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with('#'));
    let mut name = String::new();
    let mut fixture = None;
    while let Some(line) = lines.next() {
        if let Some(rest) = line.strip_prefix("Scenario:") {
            name = rest.trim().to_string();
        } else if let Some(rest) = line.strip_prefix("When I test \"") {
            fixture = rest.strip_suffix('"').map(str::to_string);
        } else if let Some(rest) = line.strip_prefix("When I use Vocab \"") {
            fixture = rest.strip_suffix('"').map(|name| format!("vocab/{name}"));
        } else if line.starts_with("When ") {
            fixture = None;
        } else if line == "Then the output should contain exactly:" {
            assert_eq!(lines.next(), Some("\"\"\""), "{name}: a block follows");
            let expected = lines
                .by_ref()
                .take_while(|line| *line != "\"\"\"")
                .map(str::to_string)
                .collect();
            if let Some(fixture) = fixture.take() {
                found.push(Scenario {
                    name: name.clone(),
                    fixture,
                    expected,
                });
            }
        }
    }
    found
}

/// brandlint's lines for a fixture folder, run in it as Vale's steps run Vale.
fn output(folder: &Path) -> Vec<String> {
    let output = common::brandlint(
        folder,
        &["check", "--format", "vale-line", "--allow-outside", "."],
        None,
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_microsoft_and_google_scenarios_print_what_vale_prints() {
    let Some(vale) = common::shared("vale") else {
        return;
    };
    let mut failures = Vec::new();
    for (style, feature, fixtures, floor) in FEATURES {
        let feature = std::fs::read_to_string(vale.join(feature)).expect("the feature file");
        let all = scenarios(&feature);
        let mut passed = 0;
        for scenario in &all {
            let got = output(&vale.join(fixtures).join(&scenario.fixture));
            if got == scenario.expected {
                passed += 1;
            } else {
                let missing: Vec<_> = scenario
                    .expected
                    .iter()
                    .filter(|l| !got.contains(l))
                    .collect();
                let extra: Vec<_> = got
                    .iter()
                    .filter(|l| !scenario.expected.contains(l))
                    .collect();
                eprintln!(
                    "{style}: {} ({}): missing {missing:#?}, extra {extra:#?}",
                    scenario.name, scenario.fixture
                );
            }
        }
        eprintln!("{style}: {passed} of {} scenarios pass", all.len());
        if passed < floor {
            failures.push(format!("{style}: {passed} pass, fewer than {floor}"));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}
