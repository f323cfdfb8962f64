//! MongoDB's query language on documents: filters (`{age: {$gt: 20}}`,
//! `$and`/`$or`, `$in`, `$regex`, …), BSON's comparison order, update
//! operators (`$set`, `$inc`, `$push`, …), projections, sorts and the
//! aggregation stages tutorials use (`$match`, `$group`, `$sort`, …).

use super::{err, number, Doc, Res};
use serde_json::{Map, Value as J};
use std::cmp::Ordering;

/// The value at a dotted path (`address.city`, `items.0`).
pub fn get_path(d: &Doc, path: &str) -> Option<J> {
    let mut parts = path.split('.');
    let mut cur = d.get(parts.next()?)?.clone();
    for p in parts {
        cur = match cur {
            J::Object(o) => o.get(p)?.clone(),
            J::Array(a) => match p.parse::<usize>() {
                Ok(i) => a.get(i)?.clone(),
                // `tags.name` on an array of documents: each one's field.
                Err(_) => J::Array(a.iter().filter_map(|x| x.as_object().and_then(|o| o.get(p)).cloned()).collect()),
            },
            _ => return None,
        };
    }
    Some(cur)
}

pub fn set_path(d: &mut Doc, path: &str, v: J) {
    match path.split_once('.') {
        None => {
            d.insert(path.to_string(), v);
        }
        Some((head, rest)) => {
            let slot = d.entry(head.to_string()).or_insert_with(|| J::Object(Map::new()));
            match slot {
                J::Object(o) => set_path(o, rest, v),
                J::Array(a) => {
                    if let Ok(i) = rest.split('.').next().unwrap_or("").parse::<usize>() {
                        if i < 100_000 {
                            while a.len() <= i {
                                a.push(J::Null);
                            }
                            if rest.contains('.') {
                                if let J::Object(o) = &mut a[i] {
                                    set_path(o, rest.split_once('.').map_or("", |x| x.1), v);
                                }
                            } else {
                                a[i] = v;
                            }
                        }
                    }
                }
                other => {
                    let mut o = Map::new();
                    set_path(&mut o, rest, v);
                    *other = J::Object(o);
                }
            }
        }
    }
}

fn unset_path(d: &mut Doc, path: &str) -> bool {
    match path.split_once('.') {
        None => d.shift_remove(path).is_some(),
        Some((head, rest)) => match d.get_mut(head) {
            Some(J::Object(o)) => unset_path(o, rest),
            _ => false,
        },
    }
}

fn rank(v: &J) -> u8 {
    match v {
        J::Null => 1,
        J::Number(_) => 2,
        J::String(_) => 3,
        J::Object(o) if o.contains_key("$oid") && o.len() == 1 => 7,
        J::Object(o) if o.contains_key("$date") && o.len() == 1 => 9,
        J::Object(_) => 4,
        J::Array(_) => 5,
        J::Bool(_) => 8,
    }
}

/// BSON's order: null < numbers < strings < documents < arrays < ObjectId < booleans < dates.
pub fn cmp(a: &J, b: &J) -> Ordering {
    let (ra, rb) = (rank(a), rank(b));
    if ra != rb {
        return ra.cmp(&rb);
    }
    match (a, b) {
        (J::Number(x), J::Number(y)) => x.as_f64().unwrap_or(0.0).partial_cmp(&y.as_f64().unwrap_or(0.0)).unwrap_or(Ordering::Equal),
        (J::String(x), J::String(y)) => x.cmp(y),
        (J::Bool(x), J::Bool(y)) => x.cmp(y),
        (J::Array(x), J::Array(y)) => {
            for (p, q) in x.iter().zip(y) {
                let c = cmp(p, q);
                if c != Ordering::Equal {
                    return c;
                }
            }
            x.len().cmp(&y.len())
        }
        (J::Object(x), J::Object(y)) => {
            for ((ka, va), (kb, vb)) in x.iter().zip(y) {
                let c = cmp(va, vb).then_with(|| ka.cmp(kb));
                if c != Ordering::Equal {
                    return c;
                }
            }
            x.len().cmp(&y.len())
        }
        _ => Ordering::Equal,
    }
}

fn is_operator_doc(v: &J) -> bool {
    v.as_object().is_some_and(|o| !o.is_empty() && o.keys().all(|k| k.starts_with('$')) && !is_special(o))
}

fn is_special(o: &Doc) -> bool {
    o.len() == 1 && (o.contains_key("$oid") || o.contains_key("$date"))
}

/// Whether document `d` matches `filter`.
pub fn matches(d: &Doc, filter: &Doc) -> Res<bool> {
    for (k, cond) in filter {
        let ok = match k.as_str() {
            "$and" | "$or" | "$nor" => {
                let Some(list) = cond.as_array().filter(|l| !l.is_empty()) else {
                    return err(format!("{k} argument must be a non-empty array"));
                };
                let mut results = Vec::new();
                for f in list {
                    results.push(matches(d, f.as_object().ok_or_else(|| super::ServerErr(format!("{k} argument's entries must be objects")))?)?);
                }
                match k.as_str() {
                    "$and" => results.iter().all(|x| *x),
                    "$or" => results.iter().any(|x| *x),
                    _ => !results.iter().any(|x| *x),
                }
            }
            "$expr" | "$where" | "$text" => return err(format!("dockersim: the query operator {k} is not simulated")),
            _ if k.starts_with('$') => return err(format!("unknown top level operator: {k}. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.")),
            path => field_matches(get_path(d, path).as_ref(), cond)?,
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

fn equals(v: Option<&J>, want: &J) -> bool {
    match v {
        None => want.is_null(),
        Some(J::Array(a)) if !want.is_array() => a.iter().any(|x| cmp(x, want).is_eq()),
        Some(J::Array(a)) => cmp(&J::Array(a.clone()), want).is_eq() || a.iter().any(|x| cmp(x, want).is_eq()),
        Some(x) => cmp(x, want).is_eq(),
    }
}

fn field_matches(v: Option<&J>, cond: &J) -> Res<bool> {
    if !is_operator_doc(cond) {
        return Ok(equals(v, cond));
    }
    let ops = cond.as_object().cloned().unwrap_or_default();
    for (op, arg) in &ops {
        let ok = match op.as_str() {
            "$eq" => equals(v, arg),
            "$ne" => !equals(v, arg),
            "$gt" | "$gte" | "$lt" | "$lte" => {
                let test = |x: &J| {
                    rank(x) == rank(arg) && {
                        let c = cmp(x, arg);
                        match op.as_str() {
                            "$gt" => c.is_gt(),
                            "$gte" => c.is_ge(),
                            "$lt" => c.is_lt(),
                            _ => c.is_le(),
                        }
                    }
                };
                match v {
                    Some(J::Array(a)) => a.iter().any(test),
                    Some(x) => test(x),
                    None => false,
                }
            }
            "$in" | "$nin" => {
                let Some(list) = arg.as_array() else { return err(format!("{op} needs an array")) };
                let any = list.iter().any(|w| equals(v, w));
                if op == "$in" {
                    any
                } else {
                    !any
                }
            }
            "$exists" => v.is_some() == arg_truthy(arg),
            "$size" => matches!(v, Some(J::Array(a)) if arg.as_f64() == Some(a.len() as f64)),
            "$all" => {
                let Some(list) = arg.as_array() else { return err("$all needs an array") };
                list.iter().all(|w| equals(v, w))
            }
            "$not" => !field_matches(v, arg)?,
            "$regex" => {
                let opts = ops.get("$options").and_then(J::as_str).unwrap_or("");
                let re = crate::regex::Regex::new(arg.as_str().unwrap_or(""), crate::regex::Syntax::Ere, opts.contains('i'))
                    .map_err(|_| super::ServerErr(format!("Regular expression is invalid: {}", arg.as_str().unwrap_or(""))))?;
                match v {
                    Some(J::String(s)) => re.is_match(s),
                    Some(J::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(|s| re.is_match(s))),
                    _ => false,
                }
            }
            "$options" => true,
            "$elemMatch" => {
                let f = arg.as_object().cloned().unwrap_or_default();
                match v {
                    Some(J::Array(a)) => a.iter().any(|x| match x {
                        J::Object(o) if !is_operator_doc(arg) => matches(o, &f).unwrap_or(false),
                        other => field_matches(Some(other), arg).unwrap_or(false),
                    }),
                    _ => false,
                }
            }
            "$type" => return err("dockersim: the query operator $type is not simulated"),
            other => return err(format!("unknown operator: {other}")),
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

fn arg_truthy(v: &J) -> bool {
    match v {
        J::Bool(b) => *b,
        J::Number(n) => n.as_f64() != Some(0.0),
        J::Null => false,
        _ => true,
    }
}

/// Sorts by a spec like `{age: -1, name: 1}` (stable).
pub fn sort(docs: &mut [Doc], spec: &Doc) {
    docs.sort_by(|a, b| {
        for (k, dir) in spec {
            let (x, y) = (get_path(a, k).unwrap_or(J::Null), get_path(b, k).unwrap_or(J::Null));
            let c = cmp(&x, &y);
            let c = if dir.as_f64().unwrap_or(1.0) < 0.0 { c.reverse() } else { c };
            if c != Ordering::Equal {
                return c;
            }
        }
        Ordering::Equal
    });
}

/// A replacement document keeps the old `_id`.
pub fn replace(old: &Doc, new: &Doc) -> Res<Doc> {
    let mut d = Map::new();
    if let Some(id) = old.get("_id") {
        if new.get("_id").is_some_and(|n| !cmp(n, id).is_eq()) {
            return err("Performing an update on the path '_id' would modify the immutable field '_id'");
        }
        d.insert("_id".into(), id.clone());
    }
    for (k, v) in new {
        if k != "_id" || !d.contains_key("_id") {
            d.insert(k.clone(), v.clone());
        }
    }
    Ok(d)
}

/// Applies `$set`, `$unset`, `$inc`, `$mul`, `$push`, `$addToSet`, `$pull`,
/// `$pop`, `$rename`, `$min`, `$max`, `$setOnInsert` (`insert`: an upsert).
pub fn apply_update(old: &Doc, update: &Doc, insert: bool) -> Res<Doc> {
    let mut d = old.clone();
    for (op, fields) in update {
        let Some(fields) = fields.as_object() else {
            return err(format!(
                "Modifiers operate on fields but we found type {} instead. For example: {{$mod: {{<field>: ...}}}} not {{{op}: {}}}",
                type_name(fields),
                fields
            ));
        };
        for (path, arg) in fields {
            if path == "_id" && op != "$setOnInsert" && !insert {
                return err("Performing an update on the path '_id' would modify the immutable field '_id'");
            }
            let cur = get_path(&d, path);
            match op.as_str() {
                "$set" => set_path(&mut d, path, arg.clone()),
                "$setOnInsert" => {
                    if insert {
                        set_path(&mut d, path, arg.clone())
                    }
                }
                "$unset" => {
                    unset_path(&mut d, path);
                }
                "$inc" | "$mul" => {
                    let Some(by) = arg.as_f64() else {
                        return err(format!(
                            "Cannot {} with non-numeric argument: {{{path}: {arg}}}",
                            if op == "$inc" { "increment" } else { "multiply" }
                        ));
                    };
                    let base = match &cur {
                        None => 0.0,
                        Some(J::Number(n)) => n.as_f64().unwrap_or(0.0),
                        Some(other) => {
                            let id = d.get("_id").map(|i| format::inspect(&format::show(i, false), 100)).unwrap_or_default();
                            return err(format!("Cannot apply {op} to a value of non-numeric type. {{_id: {id}}} has the field '{path}' of non-numeric type {}", type_name(other)));
                        }
                    };
                    let v = if op == "$inc" {
                        base + by
                    } else if cur.is_none() {
                        0.0
                    } else {
                        base * by
                    };
                    set_path(&mut d, path, number(v));
                }
                "$min" | "$max" => {
                    let take = match &cur {
                        None => true,
                        Some(c) => {
                            let o = cmp(arg, c);
                            if op == "$min" {
                                o.is_lt()
                            } else {
                                o.is_gt()
                            }
                        }
                    };
                    if take {
                        set_path(&mut d, path, arg.clone());
                    }
                }
                "$push" | "$addToSet" => {
                    let mut list = match cur {
                        None => Vec::new(),
                        Some(J::Array(a)) => a,
                        Some(other) => {
                            return err(format!(
                                "The field '{path}' must be an array but is of type {} in document {{_id: {}}}",
                                type_name(&other),
                                d.get("_id").map(|i| format::inspect(&format::show(i, false), 100)).unwrap_or_default()
                            ))
                        }
                    };
                    let items = match arg.as_object().and_then(|o| o.get("$each")) {
                        Some(J::Array(e)) => e.clone(),
                        _ => vec![arg.clone()],
                    };
                    for it in items {
                        if op == "$push" || !list.iter().any(|x| cmp(x, &it).is_eq()) {
                            list.push(it);
                        }
                    }
                    set_path(&mut d, path, J::Array(list));
                }
                "$pull" => {
                    if let Some(J::Array(a)) = cur {
                        let kept: Vec<J> = a
                            .into_iter()
                            .filter(|x| {
                                let hit = if is_operator_doc(arg) {
                                    field_matches(Some(x), arg).unwrap_or(false)
                                } else if let (Some(f), J::Object(o)) = (arg.as_object().filter(|f| !is_special(f)), x) {
                                    matches(o, f).unwrap_or(false)
                                } else {
                                    cmp(x, arg).is_eq()
                                };
                                !hit
                            })
                            .collect();
                        set_path(&mut d, path, J::Array(kept));
                    }
                }
                "$pop" => {
                    if let Some(J::Array(mut a)) = cur {
                        if arg.as_f64().unwrap_or(1.0) < 0.0 {
                            if !a.is_empty() {
                                a.remove(0);
                            }
                        } else {
                            a.pop();
                        }
                        set_path(&mut d, path, J::Array(a));
                    }
                }
                "$rename" => {
                    if let (Some(v), Some(to)) = (cur, arg.as_str()) {
                        unset_path(&mut d, path);
                        set_path(&mut d, to, v);
                    }
                }
                "$currentDate" => {
                    let mut m = Map::new();
                    m.insert("$date".into(), J::from(0));
                    set_path(&mut d, path, J::Object(m));
                }
                other => {
                    return err(format!(
                        "Unknown modifier: {other}. Expected a valid update modifier or pipeline-style update specified as an array"
                    ))
                }
            }
        }
    }
    Ok(d)
}

use super::format;

pub fn type_name(v: &J) -> &'static str {
    match v {
        J::Null => "null",
        J::Bool(_) => "bool",
        J::Number(_) => "double",
        J::String(_) => "string",
        J::Array(_) => "array",
        J::Object(o) if o.contains_key("$oid") => "objectId",
        J::Object(o) if o.contains_key("$date") => "date",
        J::Object(_) => "object",
    }
}

/// A find projection: `{name: 1, _id: 0}` or `{password: 0}`.
pub fn project(d: &Doc, proj: &Doc) -> Res<Doc> {
    if proj.is_empty() {
        return Ok(d.clone());
    }
    let including = proj.iter().any(|(k, v)| k != "_id" && arg_truthy(v));
    let excluding = proj.iter().any(|(k, v)| k != "_id" && !arg_truthy(v));
    if including && excluding {
        let field = proj.iter().find(|(k, v)| *k != "_id" && !arg_truthy(v)).map(|(k, _)| k.clone()).unwrap_or_default();
        return err(format!("Cannot do exclusion on field {field} in inclusion projection"));
    }
    let keep_id = proj.get("_id").is_none_or(arg_truthy);
    let mut out = Map::new();
    if including {
        if keep_id {
            if let Some(id) = d.get("_id") {
                out.insert("_id".into(), id.clone());
            }
        }
        for (k, v) in proj {
            if k == "_id" {
                continue;
            }
            if let Some(s) = v.as_str().and_then(|s| s.strip_prefix('$')) {
                out.insert(k.clone(), get_path(d, s).unwrap_or(J::Null));
            } else if let Some(x) = get_path(d, k) {
                set_path(&mut out, k, x);
            }
        }
    } else {
        out = d.clone();
        for k in proj.keys() {
            if k != "_id" || !keep_id {
                unset_path(&mut out, k);
            }
        }
    }
    Ok(out)
}

/// An aggregation expression: `"$field"`, a literal, or a few operators.
fn expr(d: &Doc, e: &J) -> J {
    match e {
        J::String(s) if s.starts_with('$') => get_path(d, &s[1..]).unwrap_or(J::Null),
        J::Object(o) if o.len() == 1 && o.keys().next().is_some_and(|k| k.starts_with('$')) && !is_special(o) => {
            let (op, arg) = o.iter().next().map(|(k, v)| (k.as_str(), v)).unwrap_or(("", &J::Null));
            let args: Vec<J> = match arg {
                J::Array(a) => a.iter().map(|x| expr(d, x)).collect(),
                x => vec![expr(d, x)],
            };
            let nums: Vec<f64> = args.iter().map(|x| x.as_f64().unwrap_or(0.0)).collect();
            match op {
                "$add" => number(nums.iter().sum()),
                "$multiply" => number(nums.iter().product()),
                "$subtract" if nums.len() == 2 => number(nums[0] - nums[1]),
                "$divide" if nums.len() == 2 && nums[1] != 0.0 => number(nums[0] / nums[1]),
                "$concat" => J::String(args.iter().map(|x| x.as_str().unwrap_or("").to_string()).collect()),
                "$toUpper" => J::String(args.first().and_then(J::as_str).unwrap_or("").to_uppercase()),
                "$toLower" => J::String(args.first().and_then(J::as_str).unwrap_or("").to_lowercase()),
                "$size" => match args.first() {
                    Some(J::Array(a)) => J::from(a.len()),
                    _ => J::Null,
                },
                _ => J::Null,
            }
        }
        J::Object(o) if !is_special(o) => J::Object(o.iter().map(|(k, v)| (k.clone(), expr(d, v))).collect()),
        other => other.clone(),
    }
}

/// Runs an aggregation pipeline over a collection's documents.
pub fn aggregate(mut docs: Vec<Doc>, pipeline: &[J]) -> Res<Vec<Doc>> {
    for stage in pipeline {
        let Some((name, arg)) = stage.as_object().filter(|o| o.len() == 1).and_then(|o| o.iter().next()) else {
            return err("A pipeline stage specification object must contain exactly one field.");
        };
        let obj = || arg.as_object().cloned().unwrap_or_default();
        docs = match name.as_str() {
            "$match" => {
                let f = obj();
                let mut out = Vec::new();
                for d in docs {
                    if matches(&d, &f)? {
                        out.push(d);
                    }
                }
                out
            }
            "$sort" => {
                sort(&mut docs, &obj());
                docs
            }
            "$limit" => docs.into_iter().take(arg.as_f64().unwrap_or(0.0).max(0.0) as usize).collect(),
            "$skip" => docs.into_iter().skip(arg.as_f64().unwrap_or(0.0).max(0.0) as usize).collect(),
            "$count" => {
                let mut m = Map::new();
                m.insert(arg.as_str().unwrap_or("count").to_string(), J::from(docs.len()));
                if docs.is_empty() {
                    Vec::new()
                } else {
                    vec![m]
                }
            }
            "$project" | "$addFields" | "$set" => {
                let spec = obj();
                let mut out = Vec::new();
                for d in docs {
                    if name == "$project" && spec.values().all(|v| matches!(v, J::Number(_) | J::Bool(_))) {
                        out.push(project(&d, &spec)?);
                        continue;
                    }
                    let mut n = if name == "$project" {
                        let mut m = Map::new();
                        if spec.get("_id").is_none_or(arg_truthy) {
                            if let Some(id) = d.get("_id") {
                                m.insert("_id".into(), id.clone());
                            }
                        }
                        m
                    } else {
                        d.clone()
                    };
                    for (k, v) in &spec {
                        match v {
                            J::Number(_) | J::Bool(_) if name == "$project" => {
                                if arg_truthy(v) && k != "_id" {
                                    if let Some(x) = get_path(&d, k) {
                                        set_path(&mut n, k, x);
                                    }
                                }
                            }
                            _ => set_path(&mut n, k, expr(&d, v)),
                        }
                    }
                    out.push(n);
                }
                out
            }
            "$unwind" => {
                let path = match arg {
                    J::String(s) => s.clone(),
                    J::Object(o) => o.get("path").and_then(J::as_str).unwrap_or("").to_string(),
                    _ => String::new(),
                };
                let path = path.trim_start_matches('$').to_string();
                let mut out = Vec::new();
                for d in docs {
                    match get_path(&d, &path) {
                        Some(J::Array(a)) => {
                            for x in a {
                                let mut n = d.clone();
                                set_path(&mut n, &path, x);
                                out.push(n);
                            }
                        }
                        Some(J::Null) | None => {}
                        Some(_) => out.push(d),
                    }
                }
                out
            }
            "$group" => group(docs, &obj())?,
            other => return err(format!("dockersim: the aggregation stage {other} is not simulated")),
        };
        if docs.len() > super::MAX_DOCS {
            return err("dockersim: the pipeline made more than 100,000 documents");
        }
    }
    Ok(docs)
}

fn group(docs: Vec<Doc>, spec: &Doc) -> Res<Vec<Doc>> {
    let Some(id) = spec.get("_id") else { return err("a group specification must include an _id") };
    let mut groups: Vec<(J, Vec<Doc>)> = Vec::new();
    for d in docs {
        let key = expr(&d, id);
        match groups.iter_mut().find(|(k, _)| cmp(k, &key).is_eq()) {
            Some((_, list)) => list.push(d),
            None => groups.push((key, vec![d])),
        }
    }
    let mut out = Vec::new();
    for (key, list) in groups {
        let mut m = Map::new();
        m.insert("_id".into(), key);
        for (field, acc) in spec {
            if field == "_id" {
                continue;
            }
            let Some((op, arg)) = acc.as_object().and_then(|o| o.iter().next()) else {
                return err(format!("The field '{field}' must be an accumulator object"));
            };
            let vals: Vec<J> = list.iter().map(|d| expr(d, arg)).collect();
            let nums: Vec<f64> = vals.iter().filter_map(J::as_f64).collect();
            let v = match op.as_str() {
                "$sum" => number(nums.iter().sum()),
                "$avg" if nums.is_empty() => J::Null,
                "$avg" => number(nums.iter().sum::<f64>() / nums.len() as f64),
                "$min" => vals.iter().filter(|v| !v.is_null()).min_by(|a, b| cmp(a, b)).cloned().unwrap_or(J::Null),
                "$max" => vals.iter().max_by(|a, b| cmp(a, b)).cloned().unwrap_or(J::Null),
                "$push" => J::Array(vals),
                "$addToSet" => {
                    let mut set: Vec<J> = Vec::new();
                    for v in vals {
                        if !set.iter().any(|x| cmp(x, &v).is_eq()) {
                            set.push(v);
                        }
                    }
                    J::Array(set)
                }
                "$first" => vals.first().cloned().unwrap_or(J::Null),
                "$last" => vals.last().cloned().unwrap_or(J::Null),
                "$count" => J::from(list.len()),
                other => return err(format!("Unknown group operator '{other}'")),
            };
            m.insert(field.clone(), v);
        }
        out.push(m);
    }
    Ok(out)
}
