//! Writes benchmark data (see `benches/support/generate.rs`), for `scripts/bench`:
//!
//! - `bench_data rules N`: a rules file with N product names, their substitutions and banned
//!   phrases, on standard output;
//! - `bench_data content SIZE DIR`: about SIZE bytes (`1M`, `100M`, `1G`) of Markdown posts
//!   and HTML pages in DIR, in folders of a thousand files;
//! - `bench_data post`: one typical post (about 10 kB), on standard output.

#[path = "support/generate.rs"]
mod generate;

use std::io::Write;
use std::path::PathBuf;

/// Terms the content mentions: those of the 1,000-term rules file.
const TERMS: usize = 1000;

fn size(text: &str) -> Option<u64> {
    let (digits, unit) = text.split_at(text.find(|c: char| !c.is_ascii_digit())?);
    let scale = match unit {
        "" => 1,
        "K" | "k" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return None,
    };
    Some(digits.parse::<u64>().ok()? * scale)
}

fn content(total: u64, dir: PathBuf) -> std::io::Result<()> {
    let mut written = 0u64;
    let mut files = 0u64;
    while written < total {
        let folder = dir.join(format!("{:04}", files / 1000));
        if files % 1000 == 0 {
            std::fs::create_dir_all(&folder)?;
        }
        // Sizes from 2 to 30 kB, like the posts of a real blog; one file in ten a page.
        let length = 2048 + (generate::Random::new(files).next() % (28 * 1024)) as usize;
        let (name, text) = if files % 10 == 9 {
            (
                format!("page-{files}.html"),
                generate::page(files, length, TERMS),
            )
        } else {
            (
                format!("post-{files}.md"),
                generate::post(files, length, TERMS),
            )
        };
        std::fs::write(folder.join(name), &text)?;
        written += text.len() as u64;
        files += 1;
    }
    println!("{files} files, {written} bytes");
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--bench")
        .collect();
    let result = match args.as_slice() {
        ["rules", n] => {
            let terms = n.parse().expect("a number of terms");
            std::io::stdout().write_all(generate::rules(terms).as_bytes())
        }
        ["content", total, dir] => content(size(total).expect("a size"), PathBuf::from(dir)),
        ["post"] => std::io::stdout().write_all(generate::post(7, 10 * 1024, TERMS).as_bytes()),
        _ => {
            eprintln!("usage: bench_data rules N | content SIZE DIR | post  (see scripts/bench)");
            Ok(())
        }
    };
    result.expect("the data is written");
}
