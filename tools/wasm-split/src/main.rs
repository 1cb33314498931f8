//! The release build's split step: `ysa-wasm-split IN.wasm OUT_DIR NAME`.
//! IN.wasm is the app as rustc linked it with `-Clink-arg=--emit-relocs`; OUT_DIR receives
//! NAME_split.wasm (the main module, for wasm-bindgen), one .wasm per chunk, the loader
//! `__wasm_split.js` (which imports `initSync` from `./NAME.js`, wasm-bindgen's glue) and
//! `__wasm_split_manifest.json` (split name -> the chunk files it needs, for prefetching).
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, out_dir, name] = &args[..] else {
        eprintln!("usage: ysa-wasm-split IN.wasm OUT_DIR NAME");
        std::process::exit(2);
    };
    let wasm = std::fs::read(input).unwrap_or_else(|e| panic!("{input}: {e}"));
    let out_dir = Path::new(out_dir);
    let main_out = out_dir.join(format!("{name}_split.wasm"));
    let main_module = format!("./{name}.js");
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&wasm);
        opts.output_dir = out_dir;
        opts.main_out_path = &main_out;
        opts.main_module = &main_module;
        opts.link_name = "./__wasm_split.js";
        opts.target.web();
        opts.verbose = std::env::var_os("WASM_SPLIT_VERBOSE").is_some();
        opts
    })
    .unwrap_or_else(|e| {
        eprintln!("wasm-split: {e:?}");
        std::process::exit(1);
    });
    let manifest = serde_json::to_string_pretty(&split.prefetch_map).unwrap();
    std::fs::write(out_dir.join("__wasm_split_manifest.json"), manifest).unwrap();
    for path in &split.split_modules {
        println!("{}", path.display());
    }
}
