//! One component per route.

mod dashboard;
mod home;
pub mod login;
mod not_found;
pub mod sessions;

pub use dashboard::Dashboard;
pub use home::Home;
pub use login::Login;
pub use not_found::NotFound;
pub use sessions::Sessions;
