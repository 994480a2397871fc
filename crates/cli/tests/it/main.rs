//! The one integration-test binary: the real server on a random port, over
//! HTTP, against a fresh SQLite database and a fresh PostgreSQL database.
//! (One binary keeps build and link time down; add modules, not files in
//! `tests/`.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod access;
mod accounts;
mod api;
mod audit;
mod auth;
mod backup;
mod bad_input;
mod cli;
mod duplicates;
mod governance;
mod network;
mod pages;
mod sealed_text;
mod support;
mod tls;
