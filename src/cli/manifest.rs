//! `docker manifest inspect`: the manifest a registry serves for a
//! reference (Docker Hub's catalog, the learner's pushes, a local
//! `registry:2`), pretty-printed as the client prints it.

use super::flags::{self, b, Flag};
use super::{arg_error, flag_error, Out};
use crate::image::catalog;
use crate::image::reference::Reference;
use crate::image::registry::HUB;
use crate::Engine;

pub fn run(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    match args.first().map(String::as_str) {
        Some("inspect") => inspect(engine, &args[1..], out),
        Some(sub @ ("create" | "annotate" | "push" | "rm")) => {
            out.eline(format!("dockersim: docker manifest {sub} is not simulated (docker manifest inspect is)"));
            1
        }
        Some(other) => {
            out.eline(format!("docker: 'manifest {other}' is not a docker command."));
            out.eline("See 'docker --help'");
            1
        }
        None => 0,
    }
}

fn inspect(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[b("insecure", None), b("verbose", Some('v'))];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("manifest inspect", &e, out),
    };
    let Some(name) = p.args.last() else {
        return arg_error(
            "manifest inspect",
            "at least 1 argument",
            "[OPTIONS] [MANIFEST_LIST] MANIFEST",
            "Display an image manifest, or manifest list",
            out,
        );
    };
    let r = match Reference::parse(name) {
        Ok(r) => r,
        Err(e) => {
            out.eline(e);
            return 1;
        }
    };
    let tag = r.tag.clone().unwrap_or_else(|| "latest".into());
    let store = match engine.daemon.registry_store(&r.domain) {
        Ok(s) => Some(s),
        Err(_) if r.domain != "docker.io" => None,
        Err(e) => {
            out.eline(e);
            return 1;
        }
    };
    let pushed = store.as_deref().and_then(|s| engine.daemon.registries.get(s, &r.path, &tag)).map(|p| p.image.clone());
    let image = pushed.or_else(|| {
        if store.as_deref() == Some(HUB) || store.is_none() {
            catalog::pull(&format!("{}:{tag}", r.familiar_name()))
        } else {
            None
        }
    });
    let Some(image) = image else {
        out.eline(format!("no such manifest: {}/{}:{tag}", r.domain, r.path));
        return 1;
    };
    let raw = catalog::manifest_json(&image);
    let value: serde_json::Value = serde_json::from_str(&raw).unwrap_or_default();
    out.line(tab_indent(&value, 0));
    0
}

/// JSON indented with tabs (the client's `json.Indent(…, "", "\t")`).
fn tab_indent(v: &serde_json::Value, depth: usize) -> String {
    use serde_json::Value;
    let pad = "\t".repeat(depth + 1);
    let close = "\t".repeat(depth);
    match v {
        Value::Object(m) if !m.is_empty() => {
            let items: Vec<String> =
                m.iter().map(|(k, x)| format!("{pad}{}: {}", Value::String(k.clone()), tab_indent(x, depth + 1))).collect();
            format!("{{\n{}\n{close}}}", items.join(",\n"))
        }
        Value::Array(a) if !a.is_empty() => {
            let items: Vec<String> = a.iter().map(|x| format!("{pad}{}", tab_indent(x, depth + 1))).collect();
            format!("[\n{}\n{close}]", items.join(",\n"))
        }
        other => other.to_string(),
    }
}
