//! Hosts the integration tests (`tests/`), examples (`examples/`) and benchmarks (`benches/`)
//! of typed-cookies. Not published.
