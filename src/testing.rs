//! Helpers shared by unit tests: reproducible pseudo-random input, and [`lint`], a harness
//! that runs a rules file over a text through the real pipeline.

pub mod lint;

/// A reproducible stream of pseudo-random numbers (xorshift64), so failures reproduce.
pub fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// `count` texts of up to `most - 1` pieces each, drawn with `seed`.
pub fn random_texts<'a>(
    pieces: &'a [&str],
    most: usize,
    count: usize,
    seed: u64,
) -> impl Iterator<Item = String> + 'a {
    let mut next = xorshift(seed);
    (0..count).map(move |_| {
        let len = next() as usize % most;
        (0..len)
            .map(|_| pieces[next() as usize % pieces.len()])
            .collect()
    })
}
