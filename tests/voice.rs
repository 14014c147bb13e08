//! `[voice]` and `[[override]]` as users meet them: each check with passing and failing
//! content, the tricky cases (abbreviations, decimals, ellipses, names in headings, emoji
//! sequences, template tags), and how voice checks follow scopes, channels, directives,
//! severities and overrides.

mod common;

use common::{assert_spans_exact, brandlint, check_site, json, site};

/// Runs `check --format json` on a site made of a rules file and content files, checks
/// every span against the file, and returns (rule, matched) for each finding in order.
fn findings(rules: &str, files: &[(&str, &str)]) -> Vec<(String, String)> {
    findings_with(rules, files, &[])
        .into_iter()
        .map(|(rule, matched, _)| (rule, matched))
        .collect()
}

/// As [`findings`], with extra arguments, and each finding's message too.
fn findings_with(
    rules: &str,
    files: &[(&str, &str)],
    args: &[&str],
) -> Vec<(String, String, String)> {
    check_site(rules, files, args)
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["matched"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pair(rule: &str, matched: &str) -> (String, String) {
    (rule.to_string(), matched.to_string())
}

#[test]
fn long_sentences_are_flagged_whole_and_abbreviations_decimals_and_versions_do_not_split() {
    let rules = "[voice]\nmax_sentence_words = 8\n";
    let text = "Dr. Smith paid 3.5 dollars for tea, e.g. Earl Grey at noon. Then we left.\n\n\
                Rust 1.75.0 is out today. The U.S. Army band played a very long song for us.\n";
    assert_eq!(
        findings(rules, &[("a.md", text)]),
        vec![
            pair(
                "voice/max-sentence-words",
                "Dr. Smith paid 3.5 dollars for tea, e.g. Earl Grey at noon."
            ),
            pair(
                "voice/max-sentence-words",
                "The U.S. Army band played a very long song for us."
            ),
        ]
    );
}

#[test]
fn an_ellipsis_before_a_capital_ends_a_sentence() {
    let rules = "[voice]\nmax_sentence_words = 5\n";
    let text =
        "Wait… Then the whole build finished in seconds.\n\nWait… and then it went on and on.\n";
    assert_eq!(
        findings(rules, &[("a.md", text)]),
        vec![
            pair(
                "voice/max-sentence-words",
                "Then the whole build finished in seconds."
            ),
            pair(
                "voice/max-sentence-words",
                "Wait… and then it went on and on."
            ),
        ]
    );
}

#[test]
fn sentence_length_counts_a_template_tag_as_a_word_and_code_not_at_all() {
    let rules = "[voice]\nmax_sentence_words = 4\n[files]\nemail = [\"*.html\"]\n";
    let email = "<p>Hi {{ first_name }}, welcome aboard!</p>\n<p>Run <code>cargo install brandlint --locked now</code> today.</p>\n";
    // "Hi NAME, welcome aboard!" is four words; "Run CODE today." is three.
    assert!(findings(rules, &[("welcome.html", email)]).is_empty());
    let longer = "<p>Hi {{ first_name }}, welcome aboard, friend!</p>\n";
    assert_eq!(
        findings(rules, &[("welcome.html", longer)]),
        vec![pair(
            "voice/max-sentence-words",
            "Hi {{ first_name }}, welcome aboard, friend!"
        )]
    );
}

#[test]
fn exclamations_past_the_limit_are_flagged_and_runs_count_once() {
    let rules = "[voice]\nmax_exclamations = 1\n";
    let text = "Hi! Great news!!! Run `make!` and see ![logo](x.png).\n\nDone!\n";
    assert_eq!(
        findings(rules, &[("a.md", text)]),
        vec![
            pair("voice/max-exclamations", "!!!"),
            pair("voice/max-exclamations", "!")
        ]
    );
    assert!(findings(rules, &[("b.md", "Hi! All good.\n")]).is_empty());
}

#[test]
fn template_tags_never_count_as_exclamations_or_shouting() {
    let rules = "[voice]\nmax_exclamations = 0\nshouting = true\n";
    let email = "Hi {{ FIRST_NAME | default: 'FRIEND!' }}, your *|COUPON_CODE|* is ready.\n";
    assert!(findings(rules, &[("welcome.hbs", email)]).is_empty());
}

#[test]
fn shouting_spares_acronyms_numerals_names_and_allowed_words() {
    let rules = r#"
[[term]]
name = "KUBRIX Cloud"

[voice]
shouting = true
shouting_allow = ["ACMEX"]
"#;
    let text =
        "Get it FREE. LIMITED TIME OFFER, today only. Parse JSON over HTTPS in chapter XVIII \
                with ACMEX on KUBRIX Cloud, MP4A files and the FAQ. DON'T wait.\n\n`SHOUTY_CODE`\n";
    assert_eq!(
        findings(rules, &[("a.md", text)]),
        vec![
            pair("voice/shouting", "FREE"),
            pair("voice/shouting", "LIMITED TIME OFFER"),
            pair("voice/shouting", "DON'T"),
        ]
    );
    // A paragraph whose only capitals are a contraction's is read too.
    assert_eq!(
        findings(rules, &[("b.md", "Please DON'T wait.\n")]),
        vec![pair("voice/shouting", "DON'T")]
    );
}

#[test]
fn contractions_preferred_with_fixes_that_keep_case_and_apostrophes() {
    let rules = "[voice]\ncontractions = \"prefer\"\n";
    let text = "Do not worry: you will get a receipt. It is not late. That is who you are.\n\n\
                WE WILL call. They are here, and it cannot wait.\n\n\
                The team’s note: we are ready.\n";
    let dir = site(&[("brandlint.toml", rules), ("a.md", text)]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_spans_exact(dir.path(), &report);
    let fixes: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["matched"].as_str().unwrap().to_string(),
                d["fix"]["replacement"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("Do not", "Don't"),
        ("you will", "you'll"),
        ("is not", "isn't"),
        ("That is", "That's"),
        ("WE WILL", "WE'LL"),
        ("They are", "They're"),
        ("cannot", "can't"),
        ("we are", "we’re"),
    ];
    assert_eq!(
        fixes,
        expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect::<Vec<_>>()
    );
}

#[test]
fn contractions_avoided_read_both_apostrophes() {
    let rules = "[voice]\ncontractions = \"avoid\"\n";
    let text = "Don’t worry. It's been a year and we'll call. Can't stop, won't stop.\n";
    let found = findings_with(rules, &[("a.md", text)], &[]);
    let messages: Vec<&str> = found.iter().map(|(_, _, m)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "Write \"Do not\", not \"Don’t\": the brand spells contractions out",
            "Write \"It has\", not \"It's\": the brand spells contractions out",
            "Write \"we will\", not \"we'll\": the brand spells contractions out",
            "Write \"Cannot\", not \"Can't\": the brand spells contractions out",
            "Write \"will not\", not \"won't\": the brand spells contractions out",
        ]
    );
}

#[test]
fn person_second_and_first_plural() {
    let second = "[voice]\nperson = \"second\"\n";
    let text = "The user can reset the password. Customers love it. You can too.\n";
    assert_eq!(
        findings(second, &[("a.md", text)]),
        vec![
            pair("voice/person", "The user"),
            pair("voice/person", "Customers")
        ]
    );
    assert!(findings(second, &[("b.md", "You can reset your password.\n")]).is_empty());
    let first = "[voice]\nperson = \"first-plural\"\n";
    assert_eq!(
        findings(
            first,
            &[("a.md", "The company will contact you. We will.\n")]
        ),
        vec![pair("voice/person", "The company")]
    );
}

/// A body of `sentences` copies of one sentence.
fn body(sentence: &str, sentences: usize) -> String {
    let mut text = String::from("# Notes\n\n");
    for _ in 0..sentences {
        text.push_str(sentence);
        text.push(' ');
    }
    text.push('\n');
    text
}

#[test]
fn reading_grade_is_reported_once_at_the_start_of_the_body_with_its_figure() {
    let rules = "[voice]\nreading_grade_max = 8\n";
    let dense = body(
        "Organizational interoperability necessitates comprehensive infrastructural \
         documentation, considerable institutional coordination, and continuous evaluation.",
        12,
    );
    let found = findings_with(rules, &[("dense.md", &dense)], &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    let (rule, matched, message) = &found[0];
    assert_eq!(rule, "voice/reading-grade-max");
    assert_eq!(matched, "", "a document finding has an empty span");
    assert!(
        message.starts_with("Reading grade ") && message.contains("is above 8"),
        "{message}"
    );
    let plain = body("We ship the app on time. You can use it on any phone.", 12);
    assert!(findings(rules, &[("plain.md", &plain)]).is_empty());
    let short = body(
        "Organizational interoperability necessitates documentation.",
        3,
    );
    assert!(
        findings(rules, &[("short.md", &short)]).is_empty(),
        "under 100 words is not graded"
    );
}

#[test]
fn reading_grade_finding_sits_at_the_first_paragraph() {
    let rules = "[voice]\nreading_grade_max = 1\n";
    let text = body(
        "Our thoughtful organization appreciates considerate communication.",
        20,
    );
    let dir = site(&[("brandlint.toml", rules), ("a.md", &text)]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    let d = &report["diagnostics"][0];
    assert_eq!(d["span"]["start"], 9, "just after the heading line");
    assert_eq!(d["span"]["end"], 9);
    assert_eq!(d["scope"], "paragraph");
}

#[test]
fn heading_case_keeps_term_names_and_acronyms() {
    let rules = r#"
[[term]]
name = "Acme Cloud"

[voice]
heading_case = "sentence"
"#;
    let text = "# Getting Started With Acme Cloud\n\n## Why the HTTP API moved to iPhone\n\n\
                ## Getting started with Acme Cloud\n\nBody Text Is Not A Heading.\n";
    let found = findings_with(rules, &[("a.md", text)], &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "Getting Started With Acme Cloud");
    assert_eq!(
        found[0].2,
        "Use sentence case in headings: \"Started\" → \"started\", \"With\" → \"with\""
    );
    let title = "[voice]\nheading_case = \"title\"\n";
    let html = "<h1>A guide to the Galaxy</h1><h2>What We Stand For</h2><p>all lower case here</p>";
    assert_eq!(
        findings(title, &[("a.html", html)]),
        vec![pair("voice/heading-case", "A guide to the Galaxy")]
    );
}

#[test]
fn emoji_sequences_are_one_emoji_each_with_their_whole_span() {
    let deny = "[voice]\nemoji = \"deny\"\n";
    let family = "👩\u{200D}👩\u{200D}👧";
    let text = format!("Hi {family} and 🇫🇷, Acme™ © 2024.\n");
    assert_eq!(
        findings(deny, &[("a.md", &text)]),
        vec![pair("voice/emoji", family), pair("voice/emoji", "🇫🇷")]
    );
    let one = "[voice]\nemoji = { max = 1 }\n";
    assert_eq!(
        findings(one, &[("a.md", "Welcome 👋 Enjoy 🎉\n")]),
        vec![pair("voice/emoji", "🎉")]
    );
    let allow = "[voice]\nemoji = \"allow\"\n";
    assert!(findings(allow, &[("a.md", "Welcome 👋 Enjoy 🎉\n")]).is_empty());
}

#[test]
fn voice_checks_read_prose_only() {
    let rules = "[voice]\nshouting = true\ncontractions = \"prefer\"\nemoji = \"deny\"\n";
    let text = "See <https://example.com/DO-NOT-SHOUT> and `do not` here.\n\n\
                ```\nDO NOT 🚀 do not\n```\n\n<!-- DO NOT TOUCH 🚀 -->\n";
    assert!(findings(rules, &[("a.md", text)]).is_empty());
}

#[test]
fn voice_checks_follow_channels_scopes_directives_and_min_severity() {
    let channels = "[voice]\nshouting = true\nchannels = [\"email\"]\n";
    assert!(findings(channels, &[("a.md", "Get it FREE.\n")]).is_empty());
    assert_eq!(
        findings(channels, &[("a.hbs", "<p>Get it FREE.</p>\n")]),
        vec![pair("voice/shouting", "FREE")]
    );

    let scopes = "[voice]\nshouting = true\nscopes = [\"heading\"]\n";
    assert_eq!(
        findings(scopes, &[("a.md", "# HUGE NEWS\n\nGet it FREE.\n")]),
        vec![pair("voice/shouting", "HUGE NEWS")]
    );

    let rules = "[voice]\nshouting = true\nmax_exclamations = 0\n";
    let text = "<!-- brandlint-disable voice/shouting -->\nGet it FREE!\n\n\
                <!-- brandlint-enable voice/shouting -->\nAll FREE.\n\n\
                <!-- brandlint-disable voice -->\nMORE FREE STUFF!\n";
    assert_eq!(
        findings(rules, &[("a.md", text)]),
        vec![
            pair("voice/max-exclamations", "!"),
            pair("voice/shouting", "FREE")
        ]
    );

    let info = "[voice]\nshouting = true\nseverity = \"info\"\n";
    assert!(findings_with(
        info,
        &[("a.md", "Get it FREE.\n")],
        &["--min-severity", "warning"]
    )
    .is_empty());
}

#[test]
fn overrides_change_settings_and_switch_rules_off_in_order() {
    let rules = r#"
[[banned]]
phrases = ["synergy"]

[voice]
max_sentence_words = 10
emoji = "deny"

[[override]]
files = ["social/**"]
voice.max_sentence_words = 4
voice.emoji = 1
disable = ["banned"]

[[override]]
files = ["social/legal/**"]
disable = ["voice/max-sentence-words"]
"#;
    let text = "Our synergy makes every launch feel calm 🚀 and quick 🎉.\n";
    let run = |path: &str| -> Vec<String> {
        findings(rules, &[(path, text)])
            .into_iter()
            .map(|(rule, _)| rule)
            .collect()
    };
    assert_eq!(
        run("blog/a.md"),
        ["banned/synergy", "voice/emoji", "voice/emoji"]
    );
    assert_eq!(
        run("social/a.md"),
        ["voice/max-sentence-words", "voice/emoji"]
    );
    assert_eq!(run("social/legal/a.md"), ["voice/emoji"]);
}

#[test]
fn the_spec_spelling_of_the_reading_grade_id_is_accepted_in_disable_lists() {
    let rules = "[voice]\nreading_grade_max = 1\n[[override]]\nfiles = [\"off/*.md\"]\ndisable = [\"voice/reading-grade\"]\n";
    let text = body(
        "Our thoughtful organization appreciates considerate communication.",
        20,
    );
    let found = findings(rules, &[("on/a.md", &text), ("off/a.md", &text)]);
    assert_eq!(found, vec![pair("voice/reading-grade-max", "")]);
}

#[test]
fn bad_voice_settings_are_reported_at_their_place_in_the_rules_file() {
    let cases = [
        ("[voice]\ncontractions = \"maybe\"\n", "contractions = \"maybe\""),
        ("[voice]\nemoji = \"some\"\n", "emoji = \"some\""),
        ("[voice]\nshoutin = true\n", "did you mean `shouting`?"),
        (
            "[[override]]\nfiles = [\"a\"]\ndisable = [\"voice/shoutin\"]\n[voice]\nshouting = true\n",
            "did you mean `voice/shouting`?",
        ),
        (
            "[[override]]\nfiles = [\"a\"]\nvoice.heading_case = \"upper\"\n",
            "heading_case",
        ),
    ];
    for (rules, expected) in cases {
        let dir = site(&[("brandlint.toml", rules), ("a.md", "Hi.\n")]);
        let out = brandlint(dir.path(), &["check"], None);
        assert_eq!(out.status.code(), Some(2), "{rules}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("brandlint.toml"), "{stderr}");
        assert!(stderr.contains(expected), "{rules}: {stderr}");
    }
}

#[test]
fn explain_prints_each_voice_check_with_an_example() {
    let dir = site(&[("brandlint.toml", "[voice]\nshouting = true\n")]);
    for key in [
        "max-sentence-words",
        "max-exclamations",
        "shouting",
        "contractions",
        "person",
        "reading-grade-max",
        "heading-case",
        "emoji",
    ] {
        let out = brandlint(dir.path(), &["explain", &format!("voice/{key}")], None);
        assert_eq!(out.status.code(), Some(0));
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.starts_with(&format!("`voice/{key}`")),
            "{key}: {stdout}"
        );
        assert!(stdout.contains("## Example"), "{key}");
    }
    let out = brandlint(dir.path(), &["explain", "voice/shouting"], None);
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("## This rule: voice/shouting"));
}

#[test]
fn voice_examples_run_with_rules_verify() {
    let rules = r#"
[voice]
shouting = true
contractions = "prefer"
examples = { flag = ["Get it FREE", "Do not wait"], pass = ["Get it free", "Don't wait"] }
"#;
    let dir = site(&[("brandlint.toml", rules)]);
    let out = brandlint(dir.path(), &["rules", "--verify"], None);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("4 examples, 4 passed, 0 failed"),
        "{stdout}"
    );
    let failing = rules.replace("\"Get it free\"", "\"Get it FREE too\"");
    let dir = site(&[("brandlint.toml", &failing)]);
    let out = brandlint(dir.path(), &["rules", "--verify"], None);
    assert_eq!(out.status.code(), Some(1));
}
