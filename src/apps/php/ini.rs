//! php.ini as PHP reads it: `$PHP_INI_DIR/php.ini`, then the `.ini` files
//! of `$PHP_INI_DIR/conf.d` in name order, over PHP's built-in defaults and
//! the SAPI's overrides. `ini_get`, `phpinfo()`, `php --ini`, the error
//! settings of the web SAPIs and the list of loaded extensions read it.

use crate::vfs::Fs;
use std::collections::BTreeMap;

/// PHP's built-in defaults of the directives tutorials read or phpinfo()
/// shows in its Core section; an empty value is PHP's "no value".
const DEFAULTS: &[(&str, &str)] = &[
    ("allow_url_fopen", "1"),
    ("allow_url_include", "0"),
    ("arg_separator.input", "&"),
    ("arg_separator.output", "&"),
    ("auto_append_file", ""),
    ("auto_prepend_file", ""),
    ("date.timezone", "UTC"),
    ("default_charset", "UTF-8"),
    ("default_mimetype", "text/html"),
    ("default_socket_timeout", "60"),
    ("disable_classes", ""),
    ("disable_functions", ""),
    ("display_errors", "1"),
    ("display_startup_errors", "1"),
    ("doc_root", ""),
    ("enable_dl", "1"),
    ("error_log", ""),
    ("error_reporting", ""),
    ("expose_php", "1"),
    ("file_uploads", "1"),
    ("html_errors", "1"),
    ("implicit_flush", "0"),
    ("include_path", ".:/usr/local/lib/php"),
    ("log_errors", "0"),
    ("max_execution_time", "30"),
    ("max_file_uploads", "20"),
    ("max_input_time", "-1"),
    ("max_input_vars", "1000"),
    ("memory_limit", "128M"),
    ("mysqli.default_host", ""),
    ("mysqli.default_port", "3306"),
    ("mysqli.default_pw", ""),
    ("mysqli.default_socket", ""),
    ("mysqli.default_user", ""),
    ("open_basedir", ""),
    ("opcache.enable", "1"),
    ("opcache.enable_cli", "0"),
    ("opcache.memory_consumption", "128"),
    ("output_buffering", "0"),
    ("pdo_mysql.default_socket", "/tmp/mysql.sock"),
    ("post_max_size", "8M"),
    ("precision", "14"),
    ("register_argc_argv", "1"),
    ("request_order", ""),
    ("serialize_precision", "-1"),
    ("session.cookie_lifetime", "0"),
    ("session.gc_divisor", "100"),
    ("session.gc_maxlifetime", "1440"),
    ("session.name", "PHPSESSID"),
    ("session.save_handler", "files"),
    ("session.save_path", ""),
    ("session.use_cookies", "1"),
    ("short_open_tag", "1"),
    ("sys_temp_dir", ""),
    ("upload_max_filesize", "2M"),
    ("upload_tmp_dir", ""),
    ("user_agent", ""),
    ("variables_order", "EGPCS"),
    ("zend.assertions", "1"),
    ("zend.exception_ignore_args", "0"),
];

/// What both shipped files (`php.ini-production`, `php.ini-development`)
/// change from the defaults, and then what each sets on its own.
const SHIPPED: &[(&str, &str)] = &[
    ("max_input_time", "60"),
    ("output_buffering", "4096"),
    ("register_argc_argv", ""),
    ("request_order", "GP"),
    ("session.gc_divisor", "1000"),
    ("short_open_tag", ""),
    ("variables_order", "GPCS"),
    ("log_errors", "1"),
];
const PRODUCTION: &[(&str, &str)] =
    &[("display_errors", ""), ("display_startup_errors", ""), ("zend.assertions", "-1"), ("zend.exception_ignore_args", "1")];
const DEVELOPMENT: &[(&str, &str)] = &[("display_errors", "1"), ("display_startup_errors", "1"), ("error_reporting", "32767")];

/// Directives phpinfo() shows as On/Off.
pub const BOOLEAN: &[&str] = &[
    "allow_url_fopen",
    "allow_url_include",
    "display_startup_errors",
    "enable_dl",
    "expose_php",
    "file_uploads",
    "html_errors",
    "implicit_flush",
    "log_errors",
    "register_argc_argv",
    "short_open_tag",
    "zend.exception_ignore_args",
    "opcache.enable",
    "opcache.enable_cli",
    "session.use_cookies",
];

/// The configuration a PHP process starts with.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Ini {
    /// `Configuration File (php.ini) Path`.
    pub dir: String,
    /// The php.ini read, if there is one.
    pub loaded: Option<String>,
    /// The `conf.d` files read, in order.
    pub scanned: Vec<String>,
    /// Every directive's value (defaults, then the files, then the SAPI).
    pub values: BTreeMap<String, String>,
    /// The values before the SAPI's overrides (phpinfo's "Master Value").
    pub master: BTreeMap<String, String>,
    /// `extension=` and `zend_extension=` values, in the order read.
    pub extensions: Vec<String>,
}

impl Ini {
    /// The configuration of `sapi` (`cli`, `apache2handler`, `fpm-fcgi`).
    pub fn load(fs: &Fs, env: &BTreeMap<String, String>, sapi: &str) -> Ini {
        let dir = env.get("PHP_INI_DIR").map_or("/usr/local/etc/php", String::as_str).to_string();
        let mut ini = Ini { dir: dir.clone(), ..Ini::default() };
        let mut values: BTreeMap<String, String> = DEFAULTS.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let version = env.get("PHP_VERSION").map_or("8.2", String::as_str);
        values.insert("extension_dir".into(), format!("/usr/local/lib/php/extensions/no-debug-non-zts-{}", super::extension_api(version)));
        let main = format!("{dir}/php.ini");
        if let Ok(text) = fs.read(&main) {
            let shipped = |name: &str| fs.read(&format!("{dir}/{name}")).is_ok_and(|t| t == text);
            let own = if shipped("php.ini-production") {
                Some(PRODUCTION)
            } else if shipped("php.ini-development") {
                Some(DEVELOPMENT)
            } else {
                None
            };
            match own {
                Some(own) => {
                    for (k, v) in SHIPPED.iter().chain(own) {
                        values.insert(k.to_string(), v.to_string());
                    }
                    if values.get("error_reporting").is_some_and(String::is_empty) {
                        // Production's: E_ALL & ~E_DEPRECATED (& ~E_STRICT before 8.4).
                        let strict = !env.get("PHP_VERSION").is_some_and(|v| v.starts_with("8.4"));
                        values.insert("error_reporting".into(), (32767 & !8192 & if strict { !2048 } else { !0 }).to_string());
                    }
                }
                None => ini.read(&String::from_utf8_lossy(&text), &mut values),
            }
            ini.loaded = Some(main);
        }
        let scan = format!("{dir}/conf.d");
        let mut names: Vec<String> = match fs.get(&scan) {
            Ok(crate::vfs::Node::Dir { entries, .. }) => entries.keys().filter(|k| k.ends_with(".ini")).cloned().collect(),
            _ => Vec::new(),
        };
        names.sort();
        for name in names {
            let path = format!("{scan}/{name}");
            if let Ok(text) = fs.read(&path) {
                ini.read(&String::from_utf8_lossy(&text), &mut values);
                ini.scanned.push(path);
            }
        }
        if sapi == "cli" {
            // The CLI's hard-coded settings, which no ini file changes.
            for (k, v) in [
                ("html_errors", "0"),
                ("implicit_flush", "1"),
                ("max_execution_time", "0"),
                ("output_buffering", "0"),
                ("register_argc_argv", "1"),
                ("max_input_time", "-1"),
            ] {
                values.insert(k.into(), v.into());
            }
        }
        ini.master = values.clone();
        ini.values = values;
        ini
    }

    /// One file's `key = value` lines into `values`.
    fn read(&mut self, text: &str, values: &mut BTreeMap<String, String>) {
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with(';') || line.starts_with('#') || line.starts_with('[') {
                continue;
            }
            let Some((key, raw)) = line.split_once('=') else { continue };
            let key = key.trim();
            let value = parse_value(raw);
            if matches!(key, "extension" | "zend_extension") {
                self.extensions.push(value);
            } else if !key.is_empty() {
                values.insert(key.to_string(), value);
            }
        }
    }

    /// A directive's value, as `ini_get` returns it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// Whether a boolean directive is on.
    pub fn on(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| !matches!(v.to_ascii_lowercase().as_str(), "" | "0" | "off" | "no" | "false" | "none"))
    }
}

/// A value as PHP's ini scanner gives it: quotes removed, a comment after
/// an unquoted value dropped, On/Yes/True as "1" and Off/No/False/None as
/// "", and an expression of `E_*` constants as its number.
fn parse_value(raw: &str) -> String {
    let raw = raw.trim();
    if let Some(rest) = raw.strip_prefix('"') {
        return rest.split('"').next().unwrap_or("").to_string();
    }
    let v = raw.split(';').next().unwrap_or("").trim();
    match v.to_ascii_lowercase().as_str() {
        "on" | "yes" | "true" => return "1".into(),
        "off" | "no" | "false" | "none" => return String::new(),
        _ => {}
    }
    if v.contains("E_") {
        return error_level(v).to_string();
    }
    v.to_string()
}

/// `E_ALL & ~E_DEPRECATED & ~E_STRICT` as a number (`&`, `|`, `^`, `~`,
/// left to right as PHP's ini scanner reads these lines).
pub fn error_level(expr: &str) -> i64 {
    let constant = |name: &str| -> i64 {
        match name {
            "E_ERROR" => 1,
            "E_WARNING" => 2,
            "E_PARSE" => 4,
            "E_NOTICE" => 8,
            "E_CORE_ERROR" => 16,
            "E_CORE_WARNING" => 32,
            "E_COMPILE_ERROR" => 64,
            "E_COMPILE_WARNING" => 128,
            "E_USER_ERROR" => 256,
            "E_USER_WARNING" => 512,
            "E_USER_NOTICE" => 1024,
            "E_STRICT" => 2048,
            "E_RECOVERABLE_ERROR" => 4096,
            "E_DEPRECATED" => 8192,
            "E_USER_DEPRECATED" => 16384,
            "E_ALL" => 32767,
            n => n.parse().unwrap_or(0),
        }
    };
    let mut acc = 0i64;
    let mut op = '|';
    let mut negate = false;
    let mut word = String::new();
    let apply = |word: &mut String, negate: &mut bool, op: char, acc: &mut i64| {
        if word.is_empty() {
            return;
        }
        let mut v = constant(word);
        if *negate {
            v = !v;
        }
        *acc = match op {
            '&' => *acc & v,
            '^' => *acc ^ v,
            _ => *acc | v,
        };
        word.clear();
        *negate = false;
    };
    for c in expr.chars() {
        match c {
            '&' | '|' | '^' => {
                apply(&mut word, &mut negate, op, &mut acc);
                op = c;
            }
            '~' => negate = true,
            c if c.is_whitespace() || c == '(' || c == ')' => apply(&mut word, &mut negate, op, &mut acc),
            c => word.push(c),
        }
    }
    apply(&mut word, &mut negate, op, &mut acc);
    acc
}
