//! The benchmarks' package: kept apart from warta's own so that a plain `cargo test` never
//! compiles the benchmark-only dependencies (criterion, nucleo-matcher). Its library is the
//! synthetic corpus the benchmarks, the examples and some tests share.

#[path = "../../examples/common/corpus.rs"]
pub mod corpus;
