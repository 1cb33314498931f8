#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod dom;
pub mod form;
#[cfg(feature = "router")]
#[cfg_attr(docsrs, doc(cfg(feature = "router")))]
pub mod guards;
pub mod redirect;
pub mod session;
pub mod takeover;

// The client's modules under the names this crate's code uses.
use strapi_client::{api, time};
