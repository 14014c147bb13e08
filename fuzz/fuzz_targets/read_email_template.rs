#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| brandlint_fuzz::read_email_template(data));
