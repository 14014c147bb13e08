//! `check --shard I/N`: one of N parts of the files, for a run spread over N machines. A
//! file's part comes from a hash of its path as printed (relative to the current folder,
//! with `/`), a hash that is the same on every machine and in every version, so each file
//! lands in exactly one part and the parts together are the whole run.

use std::fmt;
use std::str::FromStr;

/// The part of the files a run checks: the `index`-th (from 1) of `count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

impl Shard {
    /// Whether the file printed as `display_path` is in this part.
    pub fn contains(&self, display_path: &str) -> bool {
        let path = display_path.replace('\\', "/");
        crate::baseline::stable_hash(path.as_bytes()) % self.count == self.index - 1
    }
}

impl FromStr for Shard {
    type Err = String;

    /// Reads `I/N`, with 1 <= I <= N.
    fn from_str(text: &str) -> Result<Self, String> {
        let parsed = text
            .split_once('/')
            .and_then(|(i, n)| Some((i.trim().parse().ok()?, n.trim().parse().ok()?)));
        match parsed {
            Some((index, count)) if index >= 1 && index <= count => Ok(Shard { index, count }),
            _ => Err(format!(
                "`{text}` is not a shard: write I/N with 1 <= I <= N, such as 2/4"
            )),
        }
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_read_as_i_of_n() {
        assert_eq!("2/4".parse::<Shard>().unwrap().to_string(), "2/4");
        for bad in ["0/4", "5/4", "4", "a/b", "1/0", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn every_path_is_in_exactly_one_shard() {
        let shards: Vec<Shard> = (1..=4).map(|i| format!("{i}/4").parse().unwrap()).collect();
        let mut sizes = [0; 4];
        for n in 0..1000 {
            let path = format!("posts/{n}.md");
            let holding: Vec<usize> = (0..4).filter(|&s| shards[s].contains(&path)).collect();
            assert_eq!(holding.len(), 1, "{path}");
            sizes[holding[0]] += 1;
        }
        // Spread about evenly.
        assert!(sizes.iter().all(|&s| s > 180), "{sizes:?}");
        // The same on every machine and in every version: this path is in the third part.
        assert!(shards[2].contains("posts/0.md"));
        assert!(shards[2].contains("posts\\0.md"));
        let whole: Shard = "1/1".parse().unwrap();
        assert!(whole.contains("anything.md"));
    }
}
