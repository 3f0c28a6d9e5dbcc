//! Hosts the integration tests (`tests/`) and benchmarks (`benches/`) of typed-cookies; the
//! examples are the `examples` package. Not published.
