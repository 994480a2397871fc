//! All integration tests in one binary (one link step instead of many).

// Test helpers fail by panicking; the lint against it is for library code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod errors;
mod febrl;
mod generated;
mod incremental;
mod properties;
