//! Deterministic benchmark data: a realistic rules file of any size and Markdown posts and
//! HTML pages that use its names, right and wrong. The same seed always gives the same bytes,
//! so figures taken on different days compare; nothing here is committed as data.

use std::fmt::Write;

/// A small, fast, deterministic random source (SplitMix64).
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Self {
        Random(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Real product names as content writes them, with the misspellings a style guide lists.
const REAL_TERMS: &[(&str, &[&str])] = &[
    ("GitHub", &["Git Hub"]),
    ("GitLab", &["Git Lab"]),
    ("Bitbucket", &["BitBucket Cloud"]),
    ("JavaScript", &["Java Script"]),
    ("TypeScript", &["Type Script"]),
    ("WebAssembly", &["Web Assembly"]),
    ("PostgreSQL", &["Postgre SQL", "Postgres SQL"]),
    ("MySQL", &["My SQL"]),
    ("SQLite", &["SQL Lite"]),
    ("MongoDB", &["Mongo DB"]),
    ("Redis", &[]),
    ("Docker", &[]),
    ("Kubernetes", &["Kubernates"]),
    ("macOS", &["Mac OS X", "OS X", "Mac OS"]),
    ("iOS", &[]),
    ("Linux", &[]),
    ("Ubuntu", &[]),
    ("Debian", &[]),
    ("FreeBSD", &["Free BSD"]),
    ("Android", &[]),
    ("npm", &[]),
    ("Node.js", &["NodeJS", "Node JS"]),
    ("Python", &[]),
    ("rustup", &["Rust up"]),
    ("Clippy", &[]),
    ("rustfmt", &["rust fmt"]),
    ("rust-analyzer", &["rust analyzer", "RustAnalyzer"]),
    ("crates.io", &["crates io"]),
    ("docs.rs", &["docsrs"]),
    ("LLVM", &[]),
    ("Clang", &[]),
    ("WebGPU", &["Web GPU"]),
    ("OpenGL", &["Open GL"]),
    ("Vulkan", &[]),
    ("Firefox", &["FireFox"]),
    ("Chromium", &[]),
    ("Safari", &[]),
    ("Mozilla", &[]),
    ("Microsoft", &[]),
    ("Google", &[]),
    ("AWS", &[]),
    ("Azure", &[]),
    ("Cloudflare", &["CloudFlare"]),
    ("DigitalOcean", &["Digital Ocean"]),
    ("Netlify", &[]),
    ("Zulip", &[]),
    ("Discord", &[]),
    ("Reddit", &[]),
    ("YouTube", &["Youtube"]),
    ("LinkedIn", &["Linked In"]),
    ("Mastodon", &[]),
    ("Stack Overflow", &["StackOverflow"]),
    ("Visual Studio Code", &["VSCode", "VS code"]),
    ("IntelliJ IDEA", &["IntelliJ Idea"]),
    ("Neovim", &["NeoVim"]),
    ("Emacs", &[]),
    ("Xcode", &["XCode"]),
    ("Homebrew", &["HomeBrew"]),
    ("Jenkins", &[]),
    ("CircleCI", &["Circle CI"]),
    ("GitHub Actions", &["Github Action"]),
    ("Dependabot", &[]),
    ("Mailchimp", &["MailChimp"]),
    ("Postmark", &[]),
    ("Serde", &[]),
    ("Tokio", &[]),
    ("WASI", &[]),
    ("Wasmtime", &["WasmTime"]),
    ("Cranelift", &["CraneLift"]),
    ("Miri", &[]),
    ("OpenSSL", &["Open SSL"]),
    ("JSON", &[]),
    ("YAML", &[]),
    ("TOML", &[]),
    ("GraphQL", &["Graph QL"]),
    ("gRPC", &[]),
    ("OAuth", &[]),
    ("Unicode", &[]),
    ("UTF-8", &["UTF8"]),
    ("Dropbox", &["DropBox"]),
    ("PayPal", &["Paypal"]),
    ("Shopify", &[]),
    ("WordPress", &["Wordpress"]),
    ("jQuery", &[]),
    ("Svelte", &[]),
    ("Deno", &[]),
];

/// Parts of made-up product names: a brand word, a product word, an edition.
const BRANDS: &[&str] = &[
    "Acme", "Nimbus", "Orbit", "Quanta", "Vertex", "Zephyr", "Helix", "Lumen", "Nova", "Pulsar",
    "Cobalt", "Falcon", "Granite", "Harbor", "Indigo", "Juniper", "Kestrel", "Lattice", "Meridian",
    "Nebula", "Onyx", "Prism", "Quartz", "Raven", "Sierra", "Tundra", "Umbra", "Vanta", "Willow",
    "Xenon", "Yonder", "Zenith", "Aurora", "Beacon", "Cinder", "Delta", "Ember", "Fjord",
    "Glacier", "Horizon", "Iris", "Jasper", "Kinetic", "Lyric", "Mosaic", "Nimble", "Oasis",
    "Pioneer", "Quill", "Ripple", "Summit", "Tango", "Unity", "Velvet", "Wander", "Axiom",
    "Bramble", "Cascade", "Drift", "Echo", "Flint", "Grove", "Hollow", "Ivory",
];
const PRODUCTS: &[&str] = &[
    "Cloud", "DB", "Studio", "Sync", "Vault", "Flow", "Hub", "Desk", "Pay", "Mail", "Drive",
    "Guard", "Lens", "Forge", "Stack", "Grid", "Cast", "Link", "Base", "Board", "Chat", "Code",
    "Dash", "Edge", "Feed", "Gate", "Hive", "Kit", "Lab", "Map", "Note", "Pilot", "Point", "Press",
    "Queue", "Route", "Scope", "Shift", "Signal", "Spark", "Stream", "Track", "View", "Wave",
    "Works", "Yard", "Pulse", "Mint",
];
const EDITIONS: &[&str] = &["", " Pro", " Lite", " Edge", " Plus", " Max", " Go", " One"];

/// One made-up product name: "NimbusDB", "Nimbus DB Pro" ..., with its variants.
struct Product {
    name: String,
    variants: Vec<String>,
}

fn product(i: usize) -> Product {
    let brand = BRANDS[i % BRANDS.len()];
    let product = PRODUCTS[(i / BRANDS.len()) % PRODUCTS.len()];
    let edition = EDITIONS[(i / (BRANDS.len() * PRODUCTS.len())) % EDITIONS.len()];
    let round = i / (BRANDS.len() * PRODUCTS.len() * EDITIONS.len());
    let suffix = if round == 0 {
        String::new()
    } else {
        format!(" {}", round + 1)
    };
    // Every other product is written in one word ("NimbusDB"), the rest in two.
    if i % 2 == 0 {
        Product {
            name: format!("{brand}{product}{edition}{suffix}"),
            variants: vec![
                format!("{brand} {product}{edition}{suffix}"),
                format!("{brand}-{product}{edition}{suffix}"),
            ],
        }
    } else {
        Product {
            name: format!("{brand} {product}{edition}{suffix}"),
            variants: vec![format!("{brand}{product}{edition}{suffix}")],
        }
    }
}

/// The name of term `i` of a generated rules file: the real names first, then made-up ones.
pub fn term_name(i: usize) -> String {
    match REAL_TERMS.get(i) {
        Some((name, _)) => name.to_string(),
        None => product(i - REAL_TERMS.len()).name,
    }
}

/// House-style substitutions from plain-language guides: the wording to use and the ones
/// it replaces.
const SUBSTITUTIONS: &[(&str, &[&str])] = &[
    ("email", &["e-mail", "E-Mail"]),
    ("website", &["web site", "web-site"]),
    ("sign in", &["log in", "login to", "logon"]),
    ("sign out", &["log out", "logout of"]),
    ("use", &["utilize", "utilise", "make use of"]),
    ("to", &["in order to", "so as to"]),
    ("before", &["prior to"]),
    ("start", &["commence"]),
    ("help", &["assist", "facilitate"]),
    ("about", &["approximately", "in the region of"]),
    (
        "because",
        &["due to the fact that", "owing to the fact that"],
    ),
    ("now", &["at this point in time", "at the present time"]),
    ("if", &["in the event that"]),
    ("buy", &["purchase"]),
    ("end", &["terminate"]),
    ("show", &["demonstrate"]),
    ("enough", &["sufficient"]),
    ("try", &["endeavour", "endeavor"]),
    ("get", &["obtain"]),
    ("need", &["require"]),
    ("many", &["numerous"]),
    ("often", &["frequently"]),
    ("later", &["subsequently"]),
    ("first", &["firstly"]),
    ("set up", &["setup your", "set-up"]),
    ("open source", &["open-sourced", "opensource"]),
    ("real time", &["realtime"]),
    ("dropdown", &["drop-down"]),
    ("checkbox", &["check box", "tick box"]),
    ("username", &["user name", "user-name"]),
    ("double-click", &["double click"]),
    ("select", &["click on"]),
    ("press", &["hit enter"]),
    ("app", &["application program"]),
    ("internet", &["world wide web"]),
    ("online", &["on-line"]),
    ("cannot", &["can not"]),
    ("for example", &["for instance"]),
    ("all", &["each and every"]),
    ("whether", &["whether or not"]),
];

/// Phrases a brand never writes.
const BANNED: &[&str] = &[
    "world-class",
    "best-in-class",
    "cutting-edge",
    "game-changer",
    "synergy",
    "blazing fast",
    "blazingly fast",
    "revolutionary",
    "disruptive",
    "next-generation",
    "paradigm shift",
    "bleeding-edge",
    "seamless integration",
    "industry-leading",
    "mission-critical",
    "robust solution",
    "leverage our",
    "click here",
    "rockstar",
    "ninja",
];

/// A rules file with `terms` product names (about a tenth of them real), a substitution per
/// five terms and a banned phrase per twenty, in the style a brand team writes. The email
/// corpora beside the repository are email templates, as `tests/data/corpus-terms.toml` says.
pub fn rules(terms: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Generated: {terms} product names, with substitutions and banned phrases.\n\
         [defaults]\nseverity = \"warning\"\n\n\
         [files]\nemail = [\"**/email-postmark/**\", \"**/email-mailchimp-blueprints/**\"]\n"
    );
    for i in 0..terms {
        let (name, variants) = match REAL_TERMS.get(i) {
            Some((name, variants)) => (
                name.to_string(),
                variants.iter().map(|v| v.to_string()).collect(),
            ),
            None => {
                let p = product(i - REAL_TERMS.len());
                (p.name, p.variants)
            }
        };
        let _ = writeln!(out, "[[term]]\nname = {name:?}");
        if !variants.is_empty() {
            let _ = writeln!(out, "variants = {variants:?}");
        }
        if i % 50 == 7 && i >= REAL_TERMS.len() {
            let _ = writeln!(out, "trademark = \"™\"");
        }
        if i % 10 == 3 {
            let _ = writeln!(out, "no_possessive = true");
        }
        out.push('\n');
    }
    // Substitutions: the real ones, then one per made-up product ("NimbusDB console"
    // instead of "NimbusDB dashboard").
    for i in 0..terms / 5 {
        match SUBSTITUTIONS.get(i) {
            Some((use_, instead_of)) => {
                let _ = writeln!(
                    out,
                    "[[prefer]]\nuse = {use_:?}\ninstead_of = {instead_of:?}\n"
                );
            }
            None => {
                let name = term_name(REAL_TERMS.len() + i - SUBSTITUTIONS.len());
                let _ = writeln!(
                    out,
                    "[[prefer]]\nuse = \"{name} console\"\ninstead_of = [\"{name} dashboard\", \"{name} admin panel\"]\n"
                );
            }
        }
    }
    let banned: Vec<String> = (0..(terms / 20).max(1))
        .map(|i| match BANNED.get(i) {
            Some(phrase) => phrase.to_string(),
            None => format!("{} killer", term_name(REAL_TERMS.len() + i)),
        })
        .collect();
    let _ = writeln!(out, "[[banned]]\nphrases = {banned:?}");
    out
}

const OPENINGS: &[&str] = &[
    "We are happy to announce",
    "Today we are releasing",
    "This post looks at",
    "Over the last months we worked on",
    "Many of you asked about",
    "The team has been busy with",
    "It is time to talk about",
];
const TOPICS: &[&str] = &[
    "a faster build pipeline",
    "the new release process",
    "better error messages",
    "support for more platforms",
    "incremental compilation",
    "the documentation site",
    "our community survey",
    "the security response policy",
];
const CLAUSES: &[&str] = &[
    "which makes it easier to ship code you can trust",
    "so that teams can move without breaking things",
    "and you can try it today",
    "although there is still work to do",
    "because the old approach did not scale",
    "thanks to many contributors",
    "and we would love your feedback",
    "while keeping backwards compatibility",
    "so that nobody has to wait for a new version",
    "which was the most requested change this year",
    "with help from the documentation team",
];
/// Sentences that break a house-style rule.
const SLIPS: &[&str] = &[
    "This was a world-class effort by the whole team!",
    "The new e-mail settings are on the web site.",
    "Our blazingly fast parser is a real game-changer.",
    "Please log in to update your settings.",
];
/// Plain sentences.
const FILLER: &[&str] = &[
    "The change is small but it touches every part of the toolchain.",
    "Performance improved by about 15 percent on our benchmarks.",
    "You can read the full details in the release notes.",
    "Thanks to everyone who tested the beta and reported issues.",
    "If you run into problems, please open an issue.",
    "Most users will not notice any difference.",
    "We plan to stabilize the feature in the next release.",
    "Some of these changes were proposed years ago.",
    "The old behaviour stays available behind a flag for one more release.",
    "Builds on the main branch now run twice a day.",
    "Each new version is tested against every published package.",
    "We would like to thank the people who reviewed the design.",
    "The list of supported platforms did not change.",
    "There are no breaking changes in this release.",
    "A few warnings were reworded to be clearer.",
    "The installer now checks for updates on its own.",
    "Most of the work happened in small pull requests.",
    "We also fixed a number of rare crashes.",
    "Questions are welcome on the forum and in the chat.",
];

/// A name as a writer may get it: right most of the time, now and then in another casing
/// or as a listed variant.
fn mention(random: &mut Random, terms: usize) -> String {
    let name = term_name(random.below(terms.max(1)));
    match random.below(200) {
        0 => name.to_lowercase(),
        1 => name.to_uppercase(),
        2 => name.replace(' ', ""),
        _ => name,
    }
}

/// A sentence: about one in thirty has a finding, as in a blog that is mostly right.
fn sentence(random: &mut Random, terms: usize) -> String {
    match random.below(100) {
        0 => random.pick(SLIPS).to_string(),
        1..=16 => format!(
            "{} {} with {}, {}.",
            random.pick(OPENINGS),
            random.pick(TOPICS),
            mention(random, terms),
            random.pick(CLAUSES)
        ),
        17..=33 => format!(
            "{} now works with {} and {}.",
            mention(random, terms),
            mention(random, terms),
            mention(random, terms)
        ),
        _ => random.pick(FILLER).to_string(),
    }
}

fn paragraph(random: &mut Random, terms: usize) -> String {
    let count = 2 + random.below(5);
    (0..count)
        .map(|_| sentence(random, terms))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A blog post in Markdown of about `size` bytes: TOML front matter, headings, paragraphs
/// with links and inline code, lists, quotes and code blocks, mentioning names of a
/// `terms`-term rules file.
pub fn post(seed: u64, size: usize, terms: usize) -> String {
    let mut random = Random::new(seed);
    let mut out = format!(
        "+++\ntitle = \"Announcing {} {}\"\nauthor = \"The Release Team\"\n+++\n\n",
        mention(&mut random, terms),
        seed % 100
    );
    while out.len() < size {
        match random.below(10) {
            0 => {
                let _ = write!(out, "## {}\n\n", random.pick(TOPICS));
            }
            1 => {
                let _ = write!(
                    out,
                    "```rust\nfn main() {{\n    println!(\"{}\");\n}}\n```\n\n",
                    mention(&mut random, terms)
                );
            }
            2 => {
                for _ in 0..3 {
                    let _ = writeln!(out, "- {}", sentence(&mut random, terms));
                }
                out.push('\n');
            }
            3 => {
                let _ = write!(out, "> {}\n\n", sentence(&mut random, terms));
            }
            4 => {
                let _ = write!(
                    out,
                    "See [the guide](https://example.com/{}/guide) and run `cargo update -p {}`. {}\n\n",
                    random.below(1000),
                    random.below(1000),
                    paragraph(&mut random, terms)
                );
            }
            _ => {
                let _ = write!(out, "{}\n\n", paragraph(&mut random, terms));
            }
        }
    }
    out
}

/// An HTML page of about `size` bytes: head, navigation, sections with paragraphs, lists and
/// code, a footer.
pub fn page(seed: u64, size: usize, terms: usize) -> String {
    let mut random = Random::new(seed);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{} guide</title>\
         <style>body {{ color: #333333; font-family: Helvetica, Arial, sans-serif }}</style></head>\n\
         <body><nav><a href=\"/\">Home</a> <a href=\"/docs\">Docs</a></nav><main>\n",
        mention(&mut random, terms)
    );
    while out.len() < size {
        match random.below(6) {
            0 => {
                let _ = writeln!(out, "<h2>{}</h2>", random.pick(TOPICS));
            }
            1 => {
                let _ = writeln!(
                    out,
                    "<pre><code>let x = {}; // {}</code></pre>",
                    random.below(100),
                    mention(&mut random, terms)
                );
            }
            2 => {
                out.push_str("<ul>");
                for _ in 0..3 {
                    let _ = write!(out, "<li>{}</li>", sentence(&mut random, terms));
                }
                out.push_str("</ul>\n");
            }
            _ => {
                let _ = writeln!(
                    out,
                    "<p>{} <a href=\"/p/{}\">Read&nbsp;more</a> &amp; <em>enjoy</em>.</p>",
                    paragraph(&mut random, terms),
                    random.below(1000)
                );
            }
        }
    }
    out.push_str("</main><footer>&copy; Example Inc.</footer></body></html>\n");
    out
}
