#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod api;
pub mod backoff;
pub mod config;
pub mod content;
pub mod session;
pub mod time;

/// A future this crate boxes where its heaviest async work is handed to callers. An `async fn`'s
/// state machine is compiled into every crate that awaits it, so the renewal and the HTTP
/// exchange would be in the bundle once per crate that reaches them; behind a box they are
/// compiled here once (measured: 9.6 KB gzip of wasm when the app became three crates).
pub type Pending<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + 'a>>;
