#![no_main]

libfuzzer_sys::fuzz_target!(
    init: brandlint_fuzz::let_parser_assertions_unwind(),
    |data: &[u8]| brandlint_fuzz::load_vale(data)
);
