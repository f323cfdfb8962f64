//! `docker search`: Docker Hub's search over the repositories the
//! simulation knows (the catalog's search index, loaded lazily on the page
//! like an image family) and the ones the learner pushed.

use super::flags::{self, b, v, Flag};
use super::format::{self, ellipsis, row, Listing};
use super::{arg_error, flag_error, Out};
use crate::image::catalog::data::search_index;
use crate::image::registry::HUB;
use crate::Engine;
use serde_json::Value;

pub fn run(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[v("filter", Some('f')), v("format", None), v("limit", None), b("no-trunc", None)];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("search", &e, out),
    };
    if p.args.len() != 1 {
        return arg_error("search", "exactly 1 argument", "[OPTIONS] TERM", "Search Docker Hub for images", out);
    }
    let limit = match p.value("limit") {
        None => 25,
        Some(l) => match l.parse::<i64>() {
            Ok(n) if (1..=100).contains(&n) => n as usize,
            Ok(n) => {
                out.eline(format!("Error response from daemon: limit {n} is outside the range of [1, 100]"));
                return 1;
            }
            Err(_) => {
                return flag_error(
                    "search",
                    &format!("invalid argument \"{l}\" for \"--limit\" flag: strconv.ParseInt: parsing \"{l}\": invalid syntax"),
                    out,
                )
            }
        },
    };
    let (mut min_stars, mut official_only) = (0u64, None::<bool>);
    for f in p.values("filter") {
        match f.split_once('=') {
            Some(("stars", n)) => match n.parse() {
                Ok(n) => min_stars = n,
                Err(_) => {
                    out.eline(format!("Error response from daemon: invalid filter 'stars={n}'"));
                    return 1;
                }
            },
            Some(("is-official", val)) => official_only = Some(val == "true" || val == "1"),
            Some(("is-automated", _)) => {}
            _ => {
                out.eline(format!("Error response from daemon: invalid filter '{}'", f.split('=').next().unwrap_or(f)));
                return 1;
            }
        }
    }
    let Some(index) = search_index() else {
        out.eline("dockersim: the search index is not loaded");
        return 1;
    };
    let term = p.args[0].to_ascii_lowercase();
    let mut hits: Vec<(String, String, u64, bool)> =
        index.into_iter().filter(|(name, desc, _, _)| name.contains(&term) || desc.to_ascii_lowercase().contains(&term)).collect();
    for repo in engine.daemon.registries.repositories(HUB) {
        let name = repo.strip_prefix("library/").unwrap_or(&repo).to_string();
        if name.contains(&term) && !hits.iter().any(|h| h.0 == name) {
            hits.push((name, String::new(), 0, false));
        }
    }
    hits.retain(|h| h.2 >= min_stars && official_only.is_none_or(|o| h.3 == o));
    // Hub's ranking: the exact official name first, then by popularity.
    crate::sort::sort_by(&mut hits, |a, b| (b.0 == term).cmp(&(a.0 == term)).then(b.3.cmp(&a.3)).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    hits.truncate(limit);
    let trunc = !p.on("no-trunc");
    let rows = hits
        .iter()
        .map(|(name, desc, stars, official)| {
            let desc = if trunc { ellipsis(desc, 45) } else { desc.clone() };
            row(vec![
                ("Name", Value::String(name.clone())),
                ("Description", Value::String(desc)),
                ("StarCount", Value::String(stars.to_string())),
                ("IsOfficial", Value::String(if *official { "[OK]".into() } else { String::new() })),
                ("IsAutomated", Value::String(String::new())),
            ])
        })
        .collect();
    let listing = Listing {
        default: "table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}",
        headers: &[
            ("Name", "NAME"),
            ("Description", "DESCRIPTION"),
            ("StarCount", "STARS"),
            ("IsOfficial", "OFFICIAL"),
            ("IsAutomated", "AUTOMATED"),
        ],
        type_name: "*registry.searchContext",
        rows,
    };
    format::print(&listing, p.value("format"), out)
}
