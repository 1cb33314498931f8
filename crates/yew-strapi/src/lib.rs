#![doc = include_str!("../README.md")]

pub mod dom;
pub mod form;
#[cfg(feature = "router")]
pub mod guards;
pub mod redirect;
pub mod session;
pub mod takeover;

// The client's modules under the names this crate's code uses.
use strapi_client::{api, time};
