//! `phpinfo()` and `php -i`: the build, the configuration (from `ini.rs`),
//! each loaded module's section, the environment and the request's
//! variables, as text on the command line and as PHP's HTML page under a
//! web SAPI.

use super::eval::Php;
use super::value::{Key, V};

/// One piece of the report.
enum Part {
    /// A heading between parts (`Configuration`, `Environment`).
    Title(&'static str),
    /// A module's section heading.
    Module(String),
    /// A table header row.
    Head(Vec<String>),
    /// Rows of name and values.
    Rows(Vec<Vec<String>>),
    /// A paragraph (the engine's notice, the licence).
    Text(String),
    /// The rule before the configuration.
    Rule,
}

/// The Zend Engine's version in a PHP release ("8.3.15" → "4.3.15").
fn zend_version(version: &str) -> String {
    let mut parts = version.splitn(3, '.');
    let (major, minor, patch) = (parts.next().unwrap_or("8"), parts.next().unwrap_or("0"), parts.next().unwrap_or("0"));
    match major {
        "7" => format!("3.{minor}.0"),
        _ => format!("4.{minor}.{patch}"),
    }
}

/// The `--with`/`--enable` switches the official image's build passes.
fn configure_command(sapi: &str) -> String {
    let mut flags = vec![
        "--build=x86_64-linux-gnu",
        "--with-config-file-path=/usr/local/etc/php",
        "--with-config-file-scan-dir=/usr/local/etc/php/conf.d",
        "--enable-option-checking=fatal",
        "--with-mhash",
        "--with-pic",
        "--enable-ftp",
        "--enable-mbstring",
        "--enable-mysqlnd",
        "--with-password-argon2",
        "--with-sodium=shared",
        "--with-pdo-sqlite=/usr",
        "--with-sqlite3=/usr",
        "--with-curl",
        "--with-iconv",
        "--with-openssl",
        "--with-readline",
        "--with-zlib",
        "--disable-phpdbg",
        "--with-pear",
        "--with-libdir=lib/x86_64-linux-gnu",
    ];
    match sapi {
        "fpm-fcgi" => flags.extend(["--disable-cgi", "--enable-fpm", "--with-fpm-user=www-data", "--with-fpm-group=www-data"]),
        "apache2handler" => flags.extend(["--disable-cgi", "--with-apxs2"]),
        _ => flags.push("--disable-cgi"),
    }
    flags.push("build_alias=x86_64-linux-gnu");
    let quoted: Vec<String> = std::iter::once("./configure").chain(flags).map(|f| format!("'{f}'")).collect();
    format!(" {}", quoted.join(" "))
}

fn server_api(sapi: &str) -> &'static str {
    match sapi {
        "apache2handler" => "Apache 2.0 Handler",
        "fpm-fcgi" => "FPM/FastCGI",
        _ => "Command Line Interface",
    }
}

/// How phpinfo() shows a directive's value (`cli`: display_errors names
/// its stream there).
fn shown(name: &str, value: Option<&String>, cli: bool) -> String {
    match value {
        Some(v) if super::ini::BOOLEAN.contains(&name) => if matches!(v.as_str(), "" | "0") { "Off" } else { "On" }.to_string(),
        Some(v) if name == "display_errors" && !matches!(v.as_str(), "" | "0") && !cli => "On".into(),
        Some(v) if name == "display_errors" && v.eq_ignore_ascii_case("stderr") => "STDERR".into(),
        Some(v) if name == "display_errors" && !matches!(v.as_str(), "" | "0") => "STDOUT".into(),
        Some(_) if name == "display_errors" => "Off".into(),
        Some(v) if !v.is_empty() => v.clone(),
        _ => "no value".into(),
    }
}

fn ini_rows(p: &Php, prefix: &str) -> Vec<Vec<String>> {
    p.ini
        .values
        .iter()
        .filter(|(k, _)| if prefix.is_empty() { !k.contains('.') || k.starts_with("arg_separator.") } else { k.starts_with(prefix) })
        .map(|(k, v)| {
            let cli = p.sapi == "cli";
            vec![k.clone(), shown(k, Some(v), cli), shown(k, p.ini.master.get(k), cli)]
        })
        .collect()
}

/// A module's own rows ("… support => enabled") and its directives' prefix.
fn module_rows(p: &Php, module: &str) -> (Vec<Vec<String>>, Option<&'static str>) {
    let row = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
    let enabled = |what: &str| vec![row(what, "enabled")];
    match module {
        "date" => (
            vec![
                row("date/time support", "enabled"),
                row("timelib version", "2022.12"),
                row("\"Olson\" Timezone Database Version", "2024.2"),
                row("Timezone Database", "internal"),
                row("Default timezone", p.ini.get("date.timezone").filter(|t| !t.is_empty()).unwrap_or("UTC")),
            ],
            Some("date."),
        ),
        "mysqli" => (vec![row("MysqlI Support", "enabled"), row("Client API library version", "mysqlnd 8.3.15")], Some("mysqli.")),
        "mysqlnd" => (vec![row("mysqlnd", "enabled"), row("Version", &format!("mysqlnd {}", p.version))], None),
        "PDO" => {
            let mut drivers = vec!["sqlite"];
            if super::has_extension(&p.modules, "pdo_mysql") {
                drivers.insert(0, "mysql");
            }
            if super::has_extension(&p.modules, "pdo_pgsql") {
                drivers.push("pgsql");
            }
            (vec![row("PDO support", "enabled"), row("PDO drivers", &drivers.join(", "))], None)
        }
        "pdo_mysql" => {
            (vec![row("PDO Driver for MySQL", "enabled"), row("Client API version", &format!("mysqlnd {}", p.version))], Some("pdo_mysql."))
        }
        "pdo_sqlite" => (vec![row("PDO Driver for SQLite 3.x", "enabled"), row("SQLite Library", "3.40.1")], None),
        "session" => (vec![row("Session Support", "enabled"), row("Registered save handlers", "files user")], Some("session.")),
        "Zend OPcache" => (vec![row("Opcode Caching", "Up and Running")], Some("opcache.")),
        "json" => (enabled("json support"), None),
        "mbstring" => (vec![row("Multibyte Support", "enabled"), row("Multibyte string engine", "libmbfl")], None),
        "openssl" => (vec![row("OpenSSL support", "enabled"), row("OpenSSL Library Version", "OpenSSL 3.0.15 3 Sep 2024")], None),
        "pcre" => (
            vec![row("PCRE (Perl Compatible Regular Expressions) Support", "enabled"), row("PCRE Library Version", "10.42 2022-12-11")],
            None,
        ),
        "curl" => (vec![row("cURL support", "enabled"), row("cURL Information", "7.88.1")], None),
        "zlib" => (vec![row("ZLib Support", "enabled"), row("Compiled Version", "1.2.13")], None),
        "standard" => (vec![row("Dynamic Library Support", "enabled"), row("Path to sendmail", "/usr/sbin/sendmail -t -i")], None),
        "Core" => (vec![row("PHP Version", &p.version)], Some("")),
        other => (enabled(&format!("{other} support")), None),
    }
}

/// The sections `what` asks for (phpinfo's INFO_* flags).
fn report(p: &Php, what: i64) -> Vec<Part> {
    let sapi = p.sapi.as_str();
    let api = super::extension_api(&p.version);
    let row = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
    let mut parts = Vec::new();
    let system = format!("Linux {} {} {} x86_64", p.hostname, crate::apps::KERNEL, crate::apps::KERNEL_VERSION);
    let mut general = vec![
        row("System", &system),
        row("Build Date", "Dec 19 2024 21:24:14"),
        row("Configure Command", &configure_command(sapi)),
        row("Server API", server_api(sapi)),
        row("Virtual Directory Support", "disabled"),
        row("Configuration File (php.ini) Path", &p.ini.dir),
        row("Loaded Configuration File", p.ini.loaded.as_deref().unwrap_or("(none)")),
        row("Scan this dir for additional .ini files", &format!("{}/conf.d", p.ini.dir)),
        row("Additional .ini files parsed", &if p.ini.scanned.is_empty() { "(none)".to_string() } else { p.ini.scanned.join(",\n") }),
        row("PHP API", api),
        row("PHP Extension", api),
        row("Zend Extension", &format!("4{api}")),
        row("Zend Extension Build", &format!("API4{api},NTS")),
        row("PHP Extension Build", &format!("API{api},NTS")),
        row("Debug Build", "no"),
        row("Thread Safety", "disabled"),
        row("Zend Signal Handling", "enabled"),
        row("Zend Memory Manager", "enabled"),
        row("Zend Multibyte Support", "provided by mbstring"),
    ];
    if !p.version.starts_with('7') && !p.version.starts_with("8.0") {
        general.push(row("Zend Max Execution Timers", "disabled"));
    }
    general.extend([
        row("IPv6 Support", "enabled"),
        row("DTrace Support", "disabled"),
        row("Registered PHP Streams", "https, ftps, compress.zlib, php, file, glob, data, http, ftp, phar"),
        row("Registered Stream Socket Transports", "tcp, udp, unix, udg, ssl, tls, tlsv1.0, tlsv1.1, tlsv1.2, tlsv1.3"),
        row(
            "Registered Stream Filters",
            "zlib.*, convert.iconv.*, string.rot13, string.toupper, string.tolower, convert.*, consumed, dechunk",
        ),
    ]);
    if what & 1 != 0 {
        parts.push(Part::Rows(general));
        parts.push(Part::Text(format!(
            "This program makes use of the Zend Scripting Language Engine:\nZend Engine v{}, Copyright (c) Zend Technologies",
            zend_version(&p.version)
        )));
    }
    if what & 4 != 0 {
        parts.push(Part::Rule);
        parts.push(Part::Title("Configuration"));
        if what & 8 == 0 {
            // The core's directives alone.
            parts.push(Part::Module("PHP Core".into()));
            parts.push(Part::Head(vec!["Directive".into(), "Local Value".into(), "Master Value".into()]));
            parts.push(Part::Rows(ini_rows(p, "")));
        }
    }
    let mut modules = p.modules.clone();
    modules.sort_by_key(|m| (m != "Core", m.to_ascii_lowercase()));
    if what & 8 == 0 {
        modules.clear();
    }
    for m in modules {
        let (rows, prefix) = module_rows(p, &m);
        parts.push(Part::Module(m));
        parts.push(Part::Rows(rows));
        if let Some(prefix) = prefix {
            let ini = ini_rows(p, prefix);
            if !ini.is_empty() {
                parts.push(Part::Head(vec!["Directive".into(), "Local Value".into(), "Master Value".into()]));
                parts.push(Part::Rows(ini));
            }
        }
    }
    if what & 16 != 0 {
        parts.push(Part::Title("Environment"));
        parts.push(Part::Head(vec!["Variable".into(), "Value".into()]));
        parts.push(Part::Rows(p.env.iter().map(|(k, v)| row(k, v)).collect()));
    }
    if what & 32 == 0 {
        return license(parts, what);
    }
    parts.push(Part::Title("PHP Variables"));
    parts.push(Part::Head(vec!["Variable".into(), "Value".into()]));
    let mut vars = Vec::new();
    if let Some(V::Arr(server)) = p.superglobals.get("_SERVER") {
        for (k, v) in &server.items {
            let key = match k {
                Key::I(i) => i.to_string(),
                Key::S(s) => s.to_string(),
            };
            let value = match v {
                V::Arr(_) => "Array".to_string(),
                V::Int(i) => i.to_string(),
                V::Float(f) => super::value::fmt_float(*f, 14, 'E'),
                V::Str(s) => s.to_string(),
                _ => String::new(),
            };
            vars.push(row(&format!("$_SERVER['{key}']"), &value));
        }
    }
    parts.push(Part::Rows(vars));
    license(parts, what)
}

fn license(mut parts: Vec<Part>, what: i64) -> Vec<Part> {
    if what & 64 == 0 {
        return parts;
    }
    parts.push(Part::Title("PHP License"));
    parts.push(Part::Text(
        "This program is free software; you can redistribute it and/or modify\nit under the terms of the PHP License as published by the PHP Group\nand included in the distribution in the file:  LICENSE\n\nThis program is distributed in the hope that it will be useful,\nbut WITHOUT ANY WARRANTY; without even the implied warranty of\nMERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.\n\nIf you did not receive a copy of the PHP license, or have any\nquestions about PHP licensing, please contact license@php.net."
            .into(),
    ));
    parts
}

/// The report in the SAPI's format: the sections `what` asks for.
pub fn render(p: &Php, what: i64) -> String {
    let parts = report(p, what);
    if p.sapi == "cli" {
        text(p, &parts, what)
    } else {
        html(p, &parts, what)
    }
}

fn text(p: &Php, parts: &[Part], what: i64) -> String {
    let mut out = String::from("phpinfo()\n");
    if what & 1 != 0 {
        out.push_str(&format!("PHP Version => {}\n", p.version));
    }
    let mut after_head = false;
    for part in parts {
        match part {
            Part::Rule => out.push_str("\n\n _______________________________________________________________________\n\n"),
            Part::Title(t) => out.push_str(&format!("\n{t}\n")),
            Part::Module(m) => out.push_str(&format!("\n{m}\n")),
            Part::Head(cols) => out.push_str(&format!("\n{}\n", cols.join(" => "))),
            Part::Rows(rows) => {
                if !after_head {
                    out.push('\n');
                }
                for r in rows {
                    out.push_str(&format!("{}\n", r.join(" => ")));
                }
            }
            // The licence follows its title directly.
            Part::Text(t) if t.contains("\n\n") => out.push_str(&format!("{t}\n")),
            Part::Text(t) => out.push_str(&format!("\n{t}\n")),
        }
        after_head = matches!(part, Part::Head(_));
    }
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn cell(v: &str, class: &str) -> String {
    if v == "no value" {
        format!("<td class=\"{class}\"><i>no value</i></td>")
    } else {
        format!("<td class=\"{class}\">{} </td>", esc(v))
    }
}

fn html(p: &Php, parts: &[Part], what: i64) -> String {
    let mut out = String::from(
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"DTD/xhtml1-transitional.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head>\n<style type=\"text/css\">\n",
    );
    out.push_str(CSS);
    out.push_str(&format!(
        "</style>\n<title>PHP {v} - phpinfo()</title><meta name=\"ROBOTS\" content=\"NOINDEX,NOFOLLOW,NOARCHIVE\" /></head>\n<body><div class=\"center\">\n",
        v = esc(&p.version)
    ));
    if what & 1 != 0 {
        out.push_str(&format!(
            "<table>\n<tr class=\"h\"><td>\n<h1 class=\"p\">PHP Version {}</h1>\n</td></tr>\n</table>\n",
            esc(&p.version)
        ));
    }
    for part in parts {
        match part {
            Part::Rule => out.push_str("<hr />\n"),
            Part::Title(t) => out.push_str(&format!("<h1>{t}</h1>\n")),
            Part::Module(m) => {
                out.push_str(&format!("<h2><a name=\"module_{}\">{}</a></h2>\n", m.to_ascii_lowercase().replace(' ', "_"), esc(m)))
            }
            Part::Head(cols) => {
                out.push_str("<table>\n<tr class=\"h\">");
                for c in cols {
                    out.push_str(&format!("<th>{c}</th>"));
                }
                out.push_str("</tr>\n");
            }
            Part::Rows(rows) => {
                if !out.ends_with("</tr>\n") || out.ends_with("</table>\n") {
                    out.push_str("<table>\n");
                }
                for r in rows {
                    out.push_str("<tr>");
                    for (i, v) in r.iter().enumerate() {
                        out.push_str(&cell(v, if i == 0 { "e" } else { "v" }));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
            Part::Text(t) if t.contains("\n\n") => {
                // Paragraphs (the licence).
                out.push_str("<table>\n<tr class=\"v\"><td>\n");
                for para in t.split("\n\n") {
                    out.push_str(&format!("<p>\n{}\n</p>\n", esc(para)));
                }
                out.push_str("</td></tr>\n</table>\n");
            }
            Part::Text(t) => {
                out.push_str("<table>\n<tr class=\"v\"><td>\n");
                out.push_str(&esc(t).replace('\n', "<br />"));
                out.push_str("\n</td></tr>\n</table>\n");
            }
        }
    }
    out.push_str("</div></body></html>");
    out
}

/// The page's look: a centred column of tables, grey names, light values.
const CSS: &str = "body {background-color: #fff; color: #222; font-family: sans-serif;}
pre {margin: 0; font-family: monospace;}
a:link {color: #009; text-decoration: none; background-color: #fff;}
table {border-collapse: collapse; border: 0; width: 934px; box-shadow: 1px 2px 3px rgba(0, 0, 0, 0.2);}
.center {text-align: center;}
.center table {margin: 1em auto; text-align: left;}
.center th {text-align: center !important;}
td, th {border: 1px solid #666; font-size: 75%; vertical-align: baseline; padding: 4px 5px;}
th {position: sticky; top: 0; background: inherit;}
h1 {font-size: 150%;}
h2 {font-size: 125%;}
h2 a:link, h2 a:visited {color: inherit; background: inherit;}
.p {text-align: left;}
.e {background-color: #ccf; width: 300px; font-weight: bold;}
.h {background-color: #99c; font-weight: bold;}
.v {background-color: #ddd; max-width: 300px; overflow-x: auto; word-wrap: break-word;}
.v i {color: #999;}
";
