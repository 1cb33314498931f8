//! One component per route.

mod dashboard;
mod home;
pub mod login;
mod not_found;

pub use dashboard::Dashboard;
pub use home::Home;
pub use login::Login;
pub use not_found::NotFound;
