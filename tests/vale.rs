//! Vale's configuration and styles, read natively: every configuration file and every rule
//! of the public Vale styles beside the repository (`../shared/vale`) reads, with the types
//! Vale gives them.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use brandlint::config::vale::ini::{ValeIni, FILE_NAMES};
use brandlint::config::vale::style::{load_style, RuleType};

/// Every file under `root` whose name is one of `names`.
fn files_named(root: &Path, names: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| names.contains(&n))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_vale_configuration_of_the_test_suites_reads() {
    let Some(vale) = common::shared("vale") else {
        return;
    };
    let configs = files_named(&vale, &FILE_NAMES);
    assert!(configs.len() >= 78, "{} configuration files", configs.len());
    for path in &configs {
        let text = std::fs::read_to_string(path).expect("readable");
        if let Err(error) = ValeIni::parse(path, &text) {
            panic!("{}: {}", path.display(), error.message);
        }
    }
}

#[test]
fn the_microsoft_and_google_styles_read_rule_by_rule() {
    let Some(vale) = common::shared("vale") else {
        return;
    };
    let mut types: BTreeMap<String, usize> = BTreeMap::new();
    for (styles_path, name, expected) in [
        (vale.join("microsoft"), "Microsoft", 40),
        (vale.join("google"), "Google", 31),
    ] {
        let rules = load_style(&styles_path, name)
            .expect("reads")
            .expect("there");
        assert_eq!(rules.len(), expected, "{name}");
        for (rule, _) in rules {
            assert!(rule.id.starts_with(&format!("{name}.")));
            *types.entry(format!("{:?}", rule.rule_type)).or_default() += 1;
        }
    }
    eprintln!("{types:?}");
    assert_eq!(types.get("Existence"), Some(&56));
    assert_eq!(types.get("Substitution"), Some(&10));
    assert_eq!(RuleType::from_name("sequence"), Some(RuleType::Sequence));
}

/// A repository set up for Vale: `.vale.ini`, a style of three rules, and a post.
fn vale_site(ini: &str, post: &str) -> tempfile::TempDir {
    common::site(&[
        (".vale.ini", ini),
        (
            "styles/Acme/Words.yml",
            "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\n\
             ignorecase: true\nswap:\n  utilize: use\n  '(?:e-mail|email)(?= address)': address\n",
        ),
        (
            "styles/Acme/Hedges.yml",
            "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: suggestion\n\
             tokens:\n  - very\n  - (?<!not )really\nexceptions:\n  - very well\n",
        ),
        (
            "styles/Acme/Order.yml",
            "extends: sequence\nmessage: x\ntokens: []\n",
        ),
        ("post.md", post),
    ])
}

fn lines(output: &std::process::Output) -> (Vec<String>, String) {
    let stdout = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    (stdout, String::from_utf8_lossy(&output.stderr).into_owned())
}

const INI: &str = "StylesPath = styles\nMinAlertLevel = suggestion\nVocab = Base\n\n\
                   [*.md]\nBasedOnStyles = Acme\nTransform = a.xsl\n";

#[test]
fn a_vale_configuration_beside_the_content_runs_with_vale_ids_and_messages() {
    let post = "We utilize it, very really, not really.\n\nUtilize the e-mail address.\n";
    let dir = vale_site(INI, post);
    let output = common::brandlint(dir.path(), &["check", "--format", "vale-line"], None);
    let (stdout, stderr) = lines(&output);
    assert_eq!(
        stdout,
        [
            "post.md:1:4:Acme.Words:Use 'use' instead of 'utilize'.",
            "post.md:1:16:Acme.Hedges:Avoid 'very'.",
            "post.md:1:21:Acme.Hedges:Avoid 'really'.",
            "post.md:3:1:Acme.Words:Use 'use' instead of 'Utilize'.",
            "post.md:3:13:Acme.Words:Use 'address' instead of 'e-mail'.",
        ]
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "an error-level rule fails the run"
    );
    assert!(
        stderr.contains("1 Vale rule is not run yet: Acme.Order (sequence)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the Vale settings Transform are not applied yet"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the vocabularies Base are not under StylesPath/config/vocabularies"),
        "{stderr}"
    );
}

#[test]
fn levels_and_switches_decide_what_runs() {
    let post = "We utilize it very well and very often.\n";
    let warning_up = "StylesPath = styles\nMinAlertLevel = warning\n[*.md]\nBasedOnStyles = Acme\n";
    let dir = vale_site(warning_up, post);
    let (stdout, _) = lines(&common::brandlint(
        dir.path(),
        &["check", "--format", "vale-line"],
        None,
    ));
    assert_eq!(
        stdout,
        ["post.md:1:4:Acme.Words:Use 'use' instead of 'utilize'."]
    );
    let switched =
        "StylesPath = styles\n[*.md]\nBasedOnStyles = Acme\nAcme.Words = NO\nAcme.Hedges = error\n";
    let dir = vale_site(switched, post);
    let output = common::brandlint(dir.path(), &["check", "--format", "vale-json"], None);
    let alerts = common::json(&output)["post.md"].clone();
    let brief: Vec<_> = alerts
        .as_array()
        .expect("alerts")
        .iter()
        .map(|a| {
            (
                a["Check"].as_str().map(str::to_string),
                a["Severity"].as_str().map(str::to_string),
                a["Match"].as_str().map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        brief,
        [(
            Some("Acme.Hedges".to_string()),
            Some("error".to_string()),
            Some("very".to_string())
        )],
        "very well is an exception; Words is off"
    );
}

#[test]
fn a_pattern_that_backtracks_forever_stops_and_names_its_rule() {
    let dir = common::site(&[
        (
            ".vale.ini",
            "StylesPath = styles\n[*.md]\nBasedOnStyles = Slow\n",
        ),
        (
            "styles/Slow/Split.yml",
            "extends: existence\nmessage: \"'%s'\"\nnonword: true\ntokens:\n  - '((?:a|a)+)\\1b'\n",
        ),
        ("post.md", &format!("{}\n", "a".repeat(40))),
    ]);
    let output = common::brandlint(dir.path(), &["check", "--format", "compact"], None);
    let (stdout, _) = lines(&output);
    assert_eq!(stdout.len(), 2, "{stdout:?}");
    assert!(
        stdout[0].starts_with(
            "post.md:1:1: warning: Slow.Split: its pattern backtracked past the limit"
        ),
        "{stdout:?}"
    );
}

#[test]
fn styles_outside_the_repository_are_not_read_unless_allowed() {
    let dir = common::site(&[
        ("repo/.git/HEAD", "ref: refs/heads/main\n"),
        (
            "repo/.vale.ini",
            "StylesPath = ../styles\n[*.md]\nBasedOnStyles = Acme\n",
        ),
        (
            "styles/Acme/Hedges.yml",
            "extends: existence\nmessage: \"Avoid '%s'.\"\ntokens:\n  - very\n",
        ),
        ("repo/post.md", "very\n"),
    ]);
    let repo = dir.path().join("repo");
    let output = common::brandlint(&repo, &["check", "--format", "vale-line"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("StylesPath"),
        "{:?}",
        output
    );
    let output = common::brandlint(
        &repo,
        &["check", "--format", "vale-line", "--allow-outside"],
        None,
    );
    assert_eq!(lines(&output).0, ["post.md:1:1:Acme.Hedges:Avoid 'very'."]);
}

/// A word-bounded pattern finds whole words as Unicode has them: "my" in "Rémy" is none,
/// though Go's (and so Vale's) ASCII boundaries would find it.
#[test]
fn a_word_beside_a_letter_beyond_ascii_is_no_match() {
    let dir = common::site(&[
        (
            ".vale.ini",
            "StylesPath = styles\n[*.md]\nBasedOnStyles = Acme\n",
        ),
        (
            "styles/Acme/Mine.yml",
            "extends: existence\nmessage: \"'%s'\"\nignorecase: true\ntokens:\n  - my\n",
        ),
        ("post.md", "Rémy met my friend, and myself.\n"),
    ]);
    let output = common::brandlint(dir.path(), &["check", "--format", "vale-line"], None);
    assert_eq!(lines(&output).0, ["post.md:1:10:Acme.Mine:'my'"]);
}

/// Vale's comments switch rules off and on as Vale's do, beside brandlint's own.
#[test]
fn vale_comments_switch_rules_off_and_on() {
    let post = "We utilize it.\n\n<!-- vale off -->\n\nWe utilize it very much.\n\n<!-- vale on -->\n\n\
                <!-- vale Acme.Words = NO -->\n\nWe utilize it very much.\n\n\
                <!-- vale Acme.Words = YES -->\n<!-- vale Acme = NO -->\n\nWe utilize it very much.\n\n\
                <!-- vale Acme = YES -->\n\nVery much utilize.\n";
    let dir = vale_site(INI, post);
    let output = common::brandlint(dir.path(), &["check", "--format", "vale-line"], None);
    assert_eq!(
        lines(&output).0,
        [
            "post.md:1:4:Acme.Words:Use 'use' instead of 'utilize'.",
            "post.md:11:15:Acme.Hedges:Avoid 'very'.",
            "post.md:20:11:Acme.Words:Use 'use' instead of 'utilize'.",
        ]
    );
}

/// An occurrence rule counts its token in each sentence, and flags a long one once.
#[test]
fn an_occurrence_rule_flags_a_sentence_with_too_many_words_once() {
    let dir = common::site(&[
        (".vale.ini", "StylesPath = styles\n[*.md]\nBasedOnStyles = Acme\n"),
        (
            "styles/Acme/Long.yml",
            "extends: occurrence\nmessage: Keep sentences short.\nscope: sentence\nmax: 5\ntoken: \\b(\\w+)\\b\n",
        ),
        ("post.md", "This one is short. This one has far too many words in it. Fine.\n"),
    ]);
    let output = common::brandlint(dir.path(), &["check", "--format", "vale-line"], None);
    assert_eq!(
        lines(&output).0,
        ["post.md:1:20:Acme.Long:Keep sentences short."]
    );
}

/// A brandlint rules file extends a Vale configuration: the brand's rules run on top of the
/// Vale style, and a second Vale configuration is refused.
#[test]
fn brand_rules_extend_a_vale_configuration() {
    let dir = vale_site(INI, "We utilize Github.\n");
    let rules = "[brand]\nextends = [\".vale.ini\"]\n\n[[term]]\nname = \"GitHub\"\n";
    std::fs::write(dir.path().join("brandlint.toml"), rules).expect("written");
    let output = common::brandlint(dir.path(), &["check", "--format", "vale-line"], None);
    assert_eq!(
        lines(&output).0,
        [
            "post.md:1:4:Acme.Words:Use 'use' instead of 'utilize'.",
            "post.md:1:12:term/GitHub:Write \"GitHub\", not \"Github\"",
        ]
    );
    let twice = "[brand]\nextends = [\".vale.ini\", \"vale.ini\"]\n";
    std::fs::write(dir.path().join("vale.ini"), INI).expect("written");
    std::fs::write(dir.path().join("brandlint.toml"), twice).expect("written");
    let output = common::brandlint(dir.path(), &["check"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("extends a second Vale configuration"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A repetition rule flags a word written twice in a row, over both.
#[test]
fn a_repetition_rule_flags_a_word_twice_in_a_row() {
    let dir = common::site(&[
        (".vale.ini", "StylesPath = styles\n[*.md]\nBasedOnStyles = Acme\n"),
        (
            "styles/Acme/Twice.yml",
            "extends: repetition\nmessage: \"'%s' is repeated!\"\nalpha: true\nignorecase: true\ntokens:\n  - '[^\\s]+'\n",
        ),
        ("post.md", "This is is fine. It ends. Ends here.\n"),
    ]);
    let output = common::brandlint(dir.path(), &["check", "--format", "vale-line"], None);
    assert_eq!(
        lines(&output).0,
        ["post.md:1:6:Acme.Twice:'is' is repeated!"]
    );
}

/// A vocabulary's accepted words are Vale.Terms (found in any case, right only as written)
/// and exceptions to the style's rules; its rejected words are Vale.Avoid.
#[test]
fn vocabularies_make_vale_terms_and_avoid_and_excuse_their_words() {
    let dir = common::site(&[
        (
            ".vale.ini",
            "StylesPath = styles\nVocab = Team\n[*.md]\nBasedOnStyles = Vale, Acme\n",
        ),
        (
            "styles/config/vocabularies/Team/accept.txt",
            "# names\nAcmeDB\nvery well\n",
        ),
        ("styles/config/vocabularies/Team/reject.txt", "synergy\n"),
        (
            "styles/Acme/Hedges.yml",
            "extends: existence\nmessage: \"Avoid '%s'.\"\nignorecase: true\ntokens:\n  - very\n",
        ),
        (
            "post.md",
            "Acmedb runs very well, with synergy. AcmeDB is very fast.\n",
        ),
    ]);
    let output = common::brandlint(dir.path(), &["check", "--format", "vale-line"], None);
    assert_eq!(
        lines(&output).0,
        [
            "post.md:1:1:Vale.Terms:Use 'AcmeDB' instead of 'Acmedb'.",
            "post.md:1:29:Vale.Avoid:Avoid using 'synergy'.",
            "post.md:1:48:Acme.Hedges:Avoid 'very'.",
        ]
    );
}
