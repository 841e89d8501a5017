#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::yaml_decode(data));
