//! Entry point of the wasm binary: mount the app, nothing else.

fn main() {
    yew_strapi_auth::start();
}
