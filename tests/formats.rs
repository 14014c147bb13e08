//! The CI formats (`github`, `sarif`, `checkstyle`, `markdown`, Vale's two) and `--report`, read back
//! the way the tools that consume them read them.

mod common;

use common::{brandlint, json, site};
use quick_xml::events::Event;

/// A rules file whose messages hold every character the formats must escape.
const RULES: &str = r#"
[[term]]
name = "GitHub"
severity = "error"

[[term]]
name = "Acme Cloud"
severity = "warning"

[[banned]]
phrases = ["utilize"]
severity = "warning"
message = "100% avoidable: \"{match}\"\nsay: use, not <utilize> | ever"
help = "Plain words win."
url = "https://brand.example/words#utilize"

[[banned]]
phrases = ["synergy"]
severity = "info"
"#;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn github_commands_escape_properties_and_messages() {
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("dir,x/a:b 100%.md", "We utilize it.\n"),
    ]);
    let output = brandlint(dir.path(), &["check", "--format", "github"], None);
    let text = stdout(&output);
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "::warning file=dir%2Cx/a%3Ab 100%25.md,line=1,endLine=1,col=4,endColumn=11,\
         title=banned/utilize::100%25 avoidable: \"utilize\"%0Asay: use, not <utilize> | ever\
         %0Ahelp: Plain words win."
    );
    assert_eq!(output.status.code(), Some(0), "warnings only");
}

#[test]
fn github_annotates_errors_first_and_counts_what_it_cannot_show() {
    let mut body = String::from("The acme\ncloud spans lines.\n");
    for _ in 0..12 {
        body.push_str("We utilize it.\n");
    }
    for _ in 0..13 {
        body.push_str("Github is here.\n");
    }
    body.push_str("Pure synergy.\n");
    let dir = site(&[("brandlint.toml", RULES), ("post.md", &body)]);
    let output = brandlint(dir.path(), &["check", "--format", "github"], None);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let levels: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("::"))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    let mut expected = vec!["error"; 10];
    expected.extend(vec!["warning"; 10]);
    expected.push("notice");
    assert_eq!(levels, expected, "{text}");
    // The annotations past the limit stay in the log, in the compact layout behind a prefix.
    let plain: Vec<&&str> = lines
        .iter()
        .filter(|l| l.starts_with("brandlint: post.md:"))
        .collect();
    assert_eq!(plain.len(), 3 + 3, "{text}");
    assert!(
        plain[0].starts_with("brandlint: post.md:25:1: error: "),
        "{text}"
    );
    assert!(text.contains(
        "brandlint: 3 errors and 3 warnings not shown as annotations (GitHub shows 10 of each level per step)"
    ));
    assert!(text.ends_with("13 errors, 13 warnings, 1 info in 1 file (13 fixable with --fix)\n"));
    // A span across lines has no columns: GitHub reads them only on one line.
    let across = lines
        .iter()
        .find(|l| l.contains("title=term/Acme Cloud") && l.starts_with("::"))
        .expect("the multi-line term is annotated");
    assert!(across.contains("line=1,endLine=2,title="), "{across}");
    assert_eq!(output.status.code(), Some(1));
}

/// The workflow commands a GitHub runner would find in a log: a line whose text after
/// leading white space starts with `::`, else `##[` anywhere in a line. Returns each
/// command's name with the line it came from.
fn runner_commands(log: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for line in log.lines() {
        let trimmed = line.trim_start();
        let name = if let Some(rest) = trimmed.strip_prefix("::") {
            rest.split([' ', ':']).next()
        } else {
            line.split_once("##[")
                .map(|(_, rest)| rest.split([' ', ']', ';']).next().unwrap_or(""))
        };
        if let Some(name) = name {
            found.push((name.to_string(), line.to_string()));
        }
    }
    found
}

/// File names, a rule id and a message written to form workflow commands, as a hostile
/// pull request would: with more findings than GitHub annotates, every one past the limit
/// is printed as a plain line, and none of those lines, nor the notices, form a command.
#[test]
fn github_lines_past_the_limit_and_notices_form_no_command() {
    let rules = "[[term]]\nname = \"GitHub\"\nseverity = \"error\"\n\n\
                 [[pattern]]\nid = \"x\\n::add-mask::rule\"\nregex = \"Gitlab\"\n\
                 severity = \"error\"\nmessage = \"##[warning]{match} ::error::m\\n::set-output name=a::b\"\n";
    let many = "Github.\n\n".repeat(11) + "Gitlab ##[error]x.\n";
    let names = [
        "::error title=Forged::All checks passed.md",
        "::stop-commands::tok.md",
        "::set-output name=sarif-file::evil.md",
        "a\n::add-mask::secret.md",
        "b ##[warning]w.md",
        "c\r::error::cr.md",
        "skipped\n::error::notice.txt",
    ];
    let mut files = vec![("brandlint.toml", rules.to_string())];
    for name in names {
        files.push((name, many.clone()));
    }
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let dir = site(&files);
    let mut args = vec!["check", "--format", "github", "--"];
    args.extend(names);
    let output = brandlint(dir.path(), &args, None);
    assert_eq!(output.status.code(), Some(1));
    let log = stdout(&output) + &String::from_utf8_lossy(&output.stderr);
    let commands = runner_commands(&log);
    // Only the annotations: ten errors, each well formed, each for a real finding.
    assert_eq!(commands.len(), 10, "{log}");
    for (name, line) in &commands {
        assert_eq!(name, "error", "{line}");
        assert!(line.starts_with("::error file="), "{line}");
    }
    // The rest are in the log all the same, one line each.
    let plain = log.lines().filter(|l| l.starts_with("brandlint: ")).count();
    // Past the limit, the line saying so, and the notice of the skipped file.
    assert_eq!(plain, 6 * 12 - 10 + 2, "{log}");
    assert!(
        log.contains("brandlint: a%0A::add-mask::secret.md:3:1: error: Write \"GitHub\""),
        "{log}"
    );
    assert!(
        log.contains(": error: #%23[warning]Gitlab ::error::m%0A::set-output name=a::b [x%0A::add-mask::rule]"),
        "{log}"
    );
    assert!(
        log.contains("brandlint: skipped%0A::error::notice.txt: skipped: not a known kind"),
        "{log}"
    );
}

/// A rules file that cannot be used is an annotation at its place, and the detailed report,
/// which quotes the rules file, forms no command.
#[test]
fn github_reports_a_broken_rules_file_as_one_annotation() {
    let rules = "[[term]]\nname = \"GitHub\"\n\n# ##[set-output name=sarif-file;]/etc/shadow\n\
                 ::error::forged\n";
    let dir = site(&[("brandlint.toml", rules), ("a.md", "Github\n")]);
    let output = brandlint(dir.path(), &["check", "--format", "github"], None);
    assert_eq!(output.status.code(), Some(2));
    let out = stdout(&output);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        out.starts_with("::error file=brandlint.toml,line=5,col=1,title=brandlint::"),
        "{out}"
    );
    assert!(
        err.contains("#%23[set-output name=sarif-file;]/etc/shadow"),
        "{err}"
    );
    let log = format!("{out}{err}");
    let commands = runner_commands(&log);
    assert_eq!(commands.len(), 1, "{log}");
}

#[test]
fn checkstyle_is_well_formed_xml_with_every_finding() {
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("a&b.md", "We utilize Github.\n\nPure synergy.\n"),
        ("clean.md", "Nothing to see.\n"),
    ]);
    let output = brandlint(dir.path(), &["check", "--format", "checkstyle"], None);
    let text = stdout(&output);
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut files = Vec::new();
    let mut errors = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let attr = |name: &str| {
                    e.try_get_attribute(name).unwrap().map(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned()
                    })
                };
                match e.name().as_ref() {
                    b"file" => files.push(attr("name").unwrap()),
                    b"error" => errors.push(
                        ["line", "column", "severity", "source", "message"]
                            .map(|n| attr(n).unwrap()),
                    ),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert_eq!(files, ["a&b.md", "clean.md"]);
    assert_eq!(
        errors,
        [
            [
                "1",
                "4",
                "warning",
                "banned/utilize",
                "100% avoidable: \"utilize\"\nsay: use, not <utilize> | ever"
            ],
            [
                "1",
                "12",
                "error",
                "term/GitHub",
                "Write \"GitHub\", not \"Github\""
            ],
            ["3", "6", "info", "banned/synergy", "Avoid \"synergy\""],
        ]
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn markdown_lists_errors_first_and_keeps_the_table_whole() {
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("a.md", "We utilize it.\n\nGithub.\n"),
    ]);
    let output = brandlint(dir.path(), &["check", "--format", "markdown"], None);
    let text = stdout(&output);
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("| ")).collect();
    assert_eq!(
        rows,
        [
            "| | File | Line | Rule | Message |",
            "| ❌ error | `a.md` | 3:1 | `term/GitHub` | Write \"GitHub\", not \"Github\" |",
            "| ⚠️ warning | `a.md` | 1:4 | `banned/utilize` | 100% avoidable: \"utilize\" say: use, not &lt;utilize&gt; \\| ever |",
        ]
    );
    assert!(text.contains("1 error, 1 warning in 1 file (1 fixable with --fix)"));
}

#[test]
fn markdown_caps_long_tables() {
    let body = "Github.\n".repeat(brandlint::report::markdown::MAX_ROWS + 7);
    let dir = site(&[("brandlint.toml", RULES), ("a.md", &body)]);
    let text = stdout(&brandlint(
        dir.path(),
        &["check", "--format", "markdown"],
        None,
    ));
    let rows = text.lines().filter(|l| l.starts_with("| ❌")).count();
    assert_eq!(rows, brandlint::report::markdown::MAX_ROWS);
    assert!(
        text.contains("\n7 more not listed;"),
        "{}",
        &text[text.len() - 200..]
    );
}

#[test]
fn sarif_describes_rules_regions_and_fixes() {
    let dir = site(&[
        ("brandlint.toml", RULES),
        (
            "posts/a b.md",
            "Héllo: we utilize Github.\n\nPure synergy.\n",
        ),
    ]);
    let sarif = json(&brandlint(
        dir.path(),
        &["check", "--format", "sarif"],
        None,
    ));
    let plain = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    let run = &sarif["runs"][0];
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["banned/utilize", "term/GitHub", "banned/synergy"]);
    assert_eq!(rules[0]["helpUri"], "https://brand.example/words#utilize");
    assert!(rules[0]["help"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Plain words win.\n\n`banned`: phrases the brand never uses"));
    assert_eq!(rules[1]["defaultConfiguration"]["level"], "error");
    assert_eq!(rules[2]["defaultConfiguration"]["level"], "note");

    let results = run["results"].as_array().unwrap();
    let diagnostics = plain["diagnostics"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    for (result, diagnostic) in results.iter().zip(diagnostics) {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(result["ruleId"], diagnostic["rule"]);
        assert_eq!(result["message"]["text"], diagnostic["message"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "posts/a%20b.md");
        let region = &location["region"];
        let span = &diagnostic["span"];
        assert_eq!(region["startLine"], span["line"]);
        assert_eq!(region["startColumn"], span["column"]);
        assert_eq!(region["endLine"], span["end_line"]);
        assert_eq!(region["endColumn"], span["end_column"]);
        assert_eq!(region["byteOffset"], span["start"]);
        assert_eq!(region["snippet"]["text"], diagnostic["matched"]);
        match diagnostic.get("fix") {
            Some(fix) => {
                let replacement = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
                assert_eq!(replacement["insertedContent"]["text"], fix["replacement"]);
                assert_eq!(replacement["deletedRegion"]["byteOffset"], span["start"]);
            }
            None => assert!(result.get("fixes").is_none(), "{result}"),
        }
    }
    // Columns count characters: "Héllo: we utilize" puts "utilize" at character 11.
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startColumn"],
        11
    );
}

#[test]
fn report_writes_more_formats_beside_the_output() {
    let dir = site(&[("brandlint.toml", RULES), ("a.md", "Github.\n")]);
    let output = brandlint(
        dir.path(),
        &[
            "check",
            "--format",
            "compact",
            "--report",
            "sarif=out/results.sarif",
            "--report",
            "markdown=summary.md",
        ],
        None,
    );
    // A missing folder is not created: the run says so and fails as a usage error.
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("cannot write the sarif report to out/results.sarif"));

    std::fs::create_dir(dir.path().join("out")).unwrap();
    let output = brandlint(
        dir.path(),
        &[
            "check",
            "--format",
            "compact",
            "--report",
            "sarif=out/results.sarif",
            "--report",
            "markdown=summary.md",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output)
        .starts_with("a.md:1:1: error: Write \"GitHub\", not \"Github\" [term/GitHub]\n"));
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/results.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "term/GitHub");
    let summary = std::fs::read_to_string(dir.path().join("summary.md")).unwrap();
    assert!(
        summary.contains("| ❌ error | `a.md` | 1:1 | `term/GitHub` |"),
        "{summary}"
    );
}

/// A report file is never written through a symbolic link: in a pull request's checkout,
/// `brandlint.sarif -> ../home/.gitconfig` would overwrite a file outside it.
#[cfg(unix)]
#[test]
fn report_refuses_to_write_through_a_link() {
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("a.md", "Github\n"),
        ("target.txt", "keep\n"),
    ]);
    std::os::unix::fs::symlink("target.txt", dir.path().join("brandlint.sarif")).unwrap();
    let output = brandlint(
        dir.path(),
        &["check", "--report", "sarif=brandlint.sarif"],
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot write the sarif report to brandlint.sarif: it is a symbolic link"),
        "{stderr}"
    );
    let kept = std::fs::read_to_string(dir.path().join("target.txt")).unwrap();
    assert_eq!(kept, "keep\n");
}

#[test]
fn report_rejects_unknown_formats() {
    let dir = site(&[("a.md", "Hi.\n")]);
    let output = brandlint(dir.path(), &["check", "--report", "yaml=x"], None);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no format `yaml`; formats are human, compact, json, sarif, github, checkstyle, markdown, vale-line, vale-json"), "{stderr}");
}

/// The official SARIF 2.1.0 schema (see tests/data/sarif-schema-2.1.0.md), compiled
/// offline, with format checks (URIs) on.
fn sarif_validator() -> jsonschema::Validator {
    const SCHEMA: &str = include_str!("data/sarif-schema-2.1.0.json");
    // The one Errata 01 change the shipped copy lacks: a stray `]` in the language pattern.
    const PRE_ERRATA: &str = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    const ERRATA_01: &str = r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#;
    assert!(
        SCHEMA.contains(PRE_ERRATA),
        "the shipped schema is the expected copy"
    );
    let schema: serde_json::Value =
        serde_json::from_str(&SCHEMA.replace(PRE_ERRATA, ERRATA_01)).unwrap();
    jsonschema::draft7::options()
        .offline()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, sarif: &serde_json::Value) {
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}: {e}", e.instance_path(), e.schema_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

#[test]
fn sarif_output_is_valid_against_the_official_schema() {
    let validator = sarif_validator();
    // The validator is strict enough to catch what matters.
    let broken = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {
        "name": "x", "rules": [{"id": "a", "helpUri": "not a uri"}]}},
        "results": [{"level": "fatal", "message": {"text": "m"}}]}]});
    assert_eq!(validator.iter_errors(&broken).count(), 2);

    let rules = format!(
        "{RULES}\n[[prefer]]\nuse = \"sign in\"\ninstead_of = [\"log in\"]\nurl = \"see the guide\"\n"
    );
    let dir = site(&[
        ("brandlint.toml", &rules),
        (
            "posts/a b#ü.md",
            "Héllo: we utilize Github.\n\nPure synergy. Log in now.\n",
        ),
        ("pages/index.html", "<p>Our acme\ncloud.</p>\n"),
        ("empty.md", ""),
    ]);
    std::fs::write(dir.path().join("latin1.md"), b"caf\xe9\n").unwrap();
    let output = brandlint(dir.path(), &["check", "--format", "sarif"], None);
    let sarif = json(&output);
    assert_valid_sarif(&validator, &sarif);
    // Written a result at a time, the log is still exactly serde_json's pretty form, with
    // results and without.
    let pretty = |value: &serde_json::Value| serde_json::to_string_pretty(value).unwrap() + "\n";
    assert_eq!(stdout(&output), pretty(&sarif));
    let clean = brandlint(
        dir.path(),
        &["check", "--format", "sarif", "empty.md"],
        None,
    );
    let clean_sarif = json(&clean);
    assert_eq!(clean_sarif["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(stdout(&clean), pretty(&clean_sarif));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let rules: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"io/encoding") && rules.contains(&"prefer/sign in"),
        "{rules:?}"
    );
    // A url that is not an absolute URI is not a helpUri; it stays in the help text.
    let driver_rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let prefer = driver_rules
        .iter()
        .find(|r| r["id"] == "prefer/sign in")
        .unwrap();
    assert!(prefer.get("helpUri").is_none(), "{prefer}");
    assert!(prefer["help"]["text"]
        .as_str()
        .unwrap()
        .contains("see the guide"));

    // No findings at all is a valid log too.
    let clean = site(&[("a.md", "Fine.\n")]);
    let empty = json(&brandlint(
        clean.path(),
        &["check", "--format", "sarif"],
        None,
    ));
    assert_valid_sarif(&validator, &empty);
    assert_eq!(empty["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn compact_keeps_each_finding_on_one_line() {
    let dir = site(&[("brandlint.toml", RULES), ("a.md", "We utilize it.\n")]);
    let output = brandlint(dir.path(), &["check", "--format", "compact", "-q"], None);
    assert_eq!(
        stdout(&output),
        "a.md:1:4: warning: 100% avoidable: \"utilize\" say: use, not <utilize> | ever [banned/utilize]\n"
    );
}

/// Escape sequences in a file's text, name or a rule's id and message never reach a
/// terminal through the compact format: they could retitle the window or hide text.
#[test]
fn compact_lines_hold_no_control_characters() {
    let rules = "[[pattern]]\nid = \"a\\u001bb\"\nregex = \"red\"\nmessage = \"m \\u001b]0;x\\u0007 {match}\"\n";
    let dir = site(&[
        ("brandlint.toml", rules),
        ("a\u{1b}[31m.md", "\u{1b}[31mred\n"),
    ]);
    let output = brandlint(dir.path(), &["check", "--format", "compact"], None);
    assert_eq!(
        stdout(&output),
        "a\u{FFFD}[31m.md:1:6: warning: m \u{FFFD}]0;x\u{FFFD} red [a\u{FFFD}b]\n\
         0 errors, 1 warning in 1 file\n"
    );
}

/// The human format shows a file's snippet with its control characters as `?`, byte for
/// byte, so the label still stands under the finding, and no escape sequence from a file,
/// its name or a rule reaches the terminal.
#[test]
fn human_reports_print_no_control_characters() {
    let rules = "[[term]]\nname = \"GitHub\"\nmessage = \"Write {expected} \\u001b[2J\"\n";
    let dir = site(&[
        ("brandlint.toml", rules),
        (
            "a\u{1b}[8m.md",
            "Hi \u{1b}]0;pwned\u{7} and\r \u{85}Github.\n",
        ),
    ]);
    let output = brandlint(dir.path(), &["check", "--color", "never"], None);
    let text = stdout(&output);
    assert!(
        !text.contains(|c: char| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains("⚠ Write GitHub \u{FFFD}[2J"), "{text}");
    assert!(text.contains("╭─[a\u{FFFD}[8m.md:1:21]"), "{text}");
    assert!(
        text.contains(
            " 1 │ Hi ?]0;pwned? and? ??Github.\n   \
             ·                      ───┬──\n"
        ),
        "{text}"
    );
}

/// Vale's line format, as `vale --output=line` writes it: a tool that parses it (reviewdog
/// with `-efm="%f:%l:%c:%m"`) reads one finding a line, a message's line break a space,
/// and nothing else on standard output.
#[test]
fn vale_line_is_path_line_column_rule_message_and_nothing_else() {
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("a.md", "We utilize it.\n\nGithub and synergy.\n"),
    ]);
    let output = brandlint(dir.path(), &["check", "--format", "vale-line"], None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "a.md:1:4:banned/utilize:100% avoidable: \"utilize\" say: use, not <utilize> | ever\n\
         a.md:3:1:term/GitHub:Write \"GitHub\", not \"Github\"\n\
         a.md:3:12:banned/synergy:Avoid \"synergy\"\n"
    );
}

/// Vale's JSON: the fields a Vale integration reads, with Vale's severity names and the fix
/// as a replace action.
#[test]
fn vale_json_has_vale_fields_and_severities() {
    let dir = site(&[("brandlint.toml", RULES), ("a.md", "Github and synergy.\n")]);
    let output = brandlint(dir.path(), &["check", "--format", "vale-json"], None);
    let value = json(&output);
    let alerts = value["a.md"].as_array().expect("a.md's alerts");
    let brief: Vec<_> = alerts
        .iter()
        .map(|a| {
            (
                a["Check"].as_str(),
                a["Severity"].as_str(),
                a["Line"].as_u64(),
                a["Span"].clone(),
                a["Action"]["Name"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            (
                Some("term/GitHub"),
                Some("error"),
                Some(1),
                serde_json::json!([1, 6]),
                Some("replace")
            ),
            (
                Some("banned/synergy"),
                Some("suggestion"),
                Some(1),
                serde_json::json!([12, 18]),
                Some("")
            ),
        ]
    );
    assert_eq!(alerts[0]["Action"]["Params"], serde_json::json!(["GitHub"]));
}

/// Escape sequences in a file's name or a rule's id and message never reach a terminal or a
/// line parser through `vale-line`, and a line break in them cannot forge a finding.
#[test]
fn vale_lines_hold_no_control_characters() {
    let rules = "[[pattern]]\nid = \"a\\u001bb\"\nregex = \"red\"\nmessage = \"m \\u001b]0;x\\u0007\\nb.md:1:1:forged:x {match}\"\n";
    let dir = site(&[("brandlint.toml", rules), ("a\u{1b}[31m.md", "red\n")]);
    let output = brandlint(dir.path(), &["check", "--format", "vale-line"], None);
    assert_eq!(
        stdout(&output),
        "a\u{FFFD}[31m.md:1:1:a\u{FFFD}b:m \u{FFFD}]0;x\u{FFFD} b.md:1:1:forged:x red\n"
    );
}
