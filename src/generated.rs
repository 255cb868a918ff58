//! Test texts made of random pieces, for the tests that prove a fast path finds exactly
//! what the general one finds. A fixed seed keeps every run the same.

/// `count` texts, each of up to `max_pieces - 1` pieces drawn from `pieces`.
pub fn texts<'a>(pieces: &'a [&'a str], count: usize, max_pieces: u64) -> impl Iterator<Item = String> + 'a {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        // xorshift64: plenty for picking pieces.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count).map(move |_| {
        let len = next() % max_pieces;
        (0..len).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect()
    })
}
