//! Build step: writes every route's prerendered page into a built `dist/` (scripts/post-build.mjs
//! runs it on release builds, before the pages are compressed and their scripts hashed).
//!   prerender DIST_DIR

use std::path::Path;
use std::process::ExitCode;

use yew_strapi_auth::api::StrapiClient;
use yew_strapi_auth::config::{ConfigSource, StrapiConfig};
use yew_strapi_auth::prerender::{files, fill, pages, render};

fn main() -> ExitCode {
    let Some(dist) = std::env::args().nth(1) else {
        eprintln!("usage: prerender DIST_DIR");
        return ExitCode::from(2);
    };
    match prerender(Path::new(&dist)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("prerender: {error}");
            ExitCode::FAILURE
        }
    }
}

fn prerender(dist: &Path) -> Result<(), String> {
    let index = dist.join("index.html");
    let template =
        std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    // The build-time settings; the deploy-time ones are the pages' metas, read by the app itself.
    let config = StrapiConfig::resolve(
        &ConfigSource::default(),
        &ConfigSource::from_build_env(),
        "",
    );
    for page in pages() {
        let (body, title) = render(page, StrapiClient::new(config.clone()));
        let html = fill(&template, page, &body, &title)?;
        for file in files(page) {
            let file = dist.join(file);
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&file, &html).map_err(|e| format!("{}: {e}", file.display()))?;
        }
    }
    Ok(())
}
