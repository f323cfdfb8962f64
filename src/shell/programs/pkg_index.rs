//! The built-in package index: what npm, pip, apt and apk can install.
//! Each entry: name, version, unpacked size in bytes, dependencies.

pub type Entry = (&'static str, &'static str, u64, &'static [&'static str]);

pub const NPM: &[Entry] = &[
    ("express", "4.21.2", 220_000, &["accepts", "array-flatten", "body-parser", "content-disposition", "content-type", "cookie", "cookie-signature", "debug", "depd", "encodeurl", "escape-html", "etag", "finalhandler", "fresh", "http-errors", "merge-descriptors", "methods", "on-finished", "parseurl", "path-to-regexp", "proxy-addr", "qs", "range-parser", "safe-buffer", "send", "serve-static", "setprototypeof", "statuses", "type-is", "utils-merge", "vary"]),
    ("accepts", "1.3.8", 16_000, &["mime-types", "negotiator"]),
    ("array-flatten", "1.1.1", 4_000, &[]),
    ("body-parser", "1.20.3", 60_000, &["bytes", "content-type", "debug", "depd", "destroy", "http-errors", "iconv-lite", "on-finished", "qs", "raw-body", "type-is", "unpipe"]),
    ("bytes", "3.1.2", 10_000, &[]),
    ("content-disposition", "0.5.4", 19_000, &["safe-buffer"]),
    ("content-type", "1.0.5", 10_000, &[]),
    ("cookie", "0.7.1", 17_000, &[]),
    ("cookie-signature", "1.0.6", 5_000, &[]),
    ("debug", "2.6.9", 40_000, &["ms"]),
    ("ms", "2.0.0", 6_000, &[]),
    ("depd", "2.0.0", 26_000, &[]),
    ("destroy", "1.2.0", 7_000, &[]),
    ("encodeurl", "2.0.0", 8_000, &[]),
    ("escape-html", "1.0.3", 5_000, &[]),
    ("etag", "1.8.1", 9_000, &[]),
    ("finalhandler", "1.3.1", 18_000, &["debug", "encodeurl", "escape-html", "on-finished", "parseurl", "statuses", "unpipe"]),
    ("fresh", "0.5.2", 9_000, &[]),
    ("http-errors", "2.0.0", 19_000, &["depd", "inherits", "setprototypeof", "statuses", "toidentifier"]),
    ("iconv-lite", "0.4.24", 330_000, &["safer-buffer"]),
    ("inherits", "2.0.4", 4_000, &[]),
    ("ipaddr.js", "1.9.1", 38_000, &[]),
    ("forwarded", "0.2.0", 7_000, &[]),
    ("media-typer", "0.3.0", 8_000, &[]),
    ("merge-descriptors", "1.0.3", 5_000, &[]),
    ("methods", "1.1.2", 5_000, &[]),
    ("mime", "1.6.0", 50_000, &[]),
    ("mime-db", "1.52.0", 210_000, &[]),
    ("mime-types", "2.1.35", 18_000, &["mime-db"]),
    ("negotiator", "0.6.3", 27_000, &[]),
    ("on-finished", "2.4.1", 13_000, &["ee-first"]),
    ("ee-first", "1.1.1", 6_000, &[]),
    ("parseurl", "1.3.3", 9_000, &[]),
    ("path-to-regexp", "0.1.12", 7_000, &[]),
    ("proxy-addr", "2.0.7", 15_000, &["forwarded", "ipaddr.js"]),
    ("qs", "6.13.0", 240_000, &["side-channel"]),
    ("side-channel", "1.0.6", 12_000, &["call-bind", "es-errors", "get-intrinsic", "object-inspect"]),
    ("call-bind", "1.0.8", 20_000, &["es-define-property", "es-errors", "function-bind", "get-intrinsic", "set-function-length"]),
    ("es-define-property", "1.0.0", 8_000, &["get-intrinsic"]),
    ("es-errors", "1.3.0", 10_000, &[]),
    ("function-bind", "1.1.2", 30_000, &[]),
    ("get-intrinsic", "1.2.4", 42_000, &["es-errors", "function-bind", "has-proto", "has-symbols", "hasown"]),
    ("has-proto", "1.0.3", 8_000, &[]),
    ("has-symbols", "1.0.3", 20_000, &[]),
    ("hasown", "2.0.2", 8_000, &["function-bind"]),
    ("object-inspect", "1.13.3", 90_000, &[]),
    ("set-function-length", "1.2.2", 12_000, &["define-data-property", "es-errors", "function-bind", "get-intrinsic", "gopd", "has-property-descriptors"]),
    ("define-data-property", "1.1.4", 14_000, &["es-define-property", "es-errors", "gopd"]),
    ("gopd", "1.0.1", 8_000, &["get-intrinsic"]),
    ("has-property-descriptors", "1.0.2", 8_000, &["es-define-property"]),
    ("range-parser", "1.2.1", 8_000, &[]),
    ("raw-body", "2.5.2", 20_000, &["bytes", "http-errors", "iconv-lite", "unpipe"]),
    ("safe-buffer", "5.2.1", 32_000, &[]),
    ("safer-buffer", "2.1.2", 42_000, &[]),
    ("send", "0.19.0", 48_000, &["debug", "depd", "destroy", "encodeurl", "escape-html", "etag", "fresh", "http-errors", "mime", "ms", "on-finished", "range-parser", "statuses"]),
    ("serve-static", "1.16.2", 25_000, &["encodeurl", "escape-html", "parseurl", "send"]),
    ("setprototypeof", "1.2.0", 6_000, &[]),
    ("statuses", "2.0.1", 10_000, &[]),
    ("toidentifier", "1.0.1", 5_000, &[]),
    ("type-is", "1.6.18", 18_000, &["media-typer", "mime-types"]),
    ("unpipe", "1.0.0", 5_000, &[]),
    ("utils-merge", "1.0.1", 4_000, &[]),
    ("vary", "1.1.2", 9_000, &[]),
    ("lodash", "4.17.21", 1_410_000, &[]),
    ("axios", "1.7.9", 2_100_000, &["follow-redirects", "form-data", "proxy-from-env"]),
    ("follow-redirects", "1.15.9", 30_000, &[]),
    ("form-data", "4.0.1", 40_000, &["asynckit", "combined-stream", "mime-types"]),
    ("asynckit", "0.4.0", 27_000, &[]),
    ("combined-stream", "1.0.8", 14_000, &["delayed-stream"]),
    ("delayed-stream", "1.0.0", 10_000, &[]),
    ("proxy-from-env", "1.1.0", 12_000, &[]),
    ("dotenv", "16.4.7", 80_000, &[]),
    ("cors", "2.8.5", 20_000, &["object-assign", "vary"]),
    ("object-assign", "4.1.1", 8_000, &[]),
    ("nodemon", "3.1.9", 220_000, &["chokidar", "debug4", "semver", "supports-color"]),
    ("chokidar", "3.6.0", 90_000, &[]),
    ("debug4", "4.4.0", 42_000, &[]),
    ("semver", "7.6.3", 95_000, &[]),
    ("supports-color", "5.5.0", 8_000, &[]),
    ("uuid", "11.0.3", 500_000, &[]),
    ("chalk", "5.4.1", 44_000, &[]),
    ("moment", "2.30.1", 4_350_000, &[]),
    ("react", "19.0.0", 240_000, &[]),
    ("react-dom", "19.0.0", 6_400_000, &["react", "scheduler"]),
    ("scheduler", "0.25.0", 90_000, &[]),
    ("typescript", "5.7.2", 22_900_000, &[]),
    ("jest", "29.7.0", 5_400_000, &[]),
    ("mongoose", "8.9.2", 2_700_000, &[]),
    ("pg", "8.13.1", 160_000, &[]),
    ("redis", "4.7.0", 300_000, &[]),
];

pub const PYPI: &[Entry] = &[
    ("flask", "3.1.0", 330_000, &["werkzeug", "jinja2", "itsdangerous", "click", "blinker"]),
    ("werkzeug", "3.1.3", 1_050_000, &["markupsafe"]),
    ("jinja2", "3.1.5", 900_000, &["markupsafe"]),
    ("markupsafe", "3.0.2", 60_000, &[]),
    ("itsdangerous", "2.2.0", 60_000, &[]),
    ("click", "8.1.8", 400_000, &[]),
    ("blinker", "1.9.0", 40_000, &[]),
    ("requests", "2.32.3", 250_000, &["charset-normalizer", "idna", "urllib3", "certifi"]),
    ("charset-normalizer", "3.4.1", 900_000, &[]),
    ("idna", "3.10", 450_000, &[]),
    ("urllib3", "2.3.0", 500_000, &[]),
    ("certifi", "2024.12.14", 300_000, &[]),
    ("numpy", "2.2.1", 61_000_000, &[]),
    ("pandas", "2.2.3", 70_000_000, &["numpy", "python-dateutil", "pytz", "tzdata"]),
    ("python-dateutil", "2.9.0.post0", 700_000, &["six"]),
    ("six", "1.17.0", 50_000, &[]),
    ("pytz", "2024.2", 2_800_000, &[]),
    ("tzdata", "2024.2", 1_600_000, &[]),
    ("django", "5.1.4", 34_000_000, &["asgiref", "sqlparse"]),
    ("asgiref", "3.8.1", 110_000, &[]),
    ("sqlparse", "0.5.3", 400_000, &[]),
    ("gunicorn", "23.0.0", 500_000, &["packaging"]),
    ("packaging", "24.2", 300_000, &[]),
    ("fastapi", "0.115.6", 500_000, &["starlette", "pydantic"]),
    ("starlette", "0.41.3", 300_000, &[]),
    ("pydantic", "2.10.4", 1_900_000, &[]),
    ("uvicorn", "0.34.0", 300_000, &["click", "h11"]),
    ("h11", "0.14.0", 250_000, &[]),
    ("redis", "5.2.1", 1_000_000, &[]),
    ("psycopg2-binary", "2.9.10", 9_000_000, &[]),
    ("pytest", "8.3.4", 1_600_000, &[]),
];

/// Debian packages: name, version, installed size, dependencies.
pub const APT: &[Entry] = &[
    ("curl", "7.88.1-10+deb12u8", 500_000, &["libcurl4"]),
    ("libcurl4", "7.88.1-10+deb12u8", 1_100_000, &["libnghttp2-14", "librtmp1", "libssh2-1"]),
    ("libnghttp2-14", "1.52.0-1+deb12u2", 220_000, &[]),
    ("librtmp1", "2.4+20151223.gitfa8646d.1-2+b2", 150_000, &[]),
    ("libssh2-1", "1.10.0-3+b1", 300_000, &[]),
    ("wget", "1.21.3-1+b2", 3_700_000, &["libpsl5"]),
    ("libpsl5", "0.21.2-1", 100_000, &[]),
    ("git", "1:2.39.5-0+deb12u1", 38_000_000, &["git-man", "liberror-perl", "perl"]),
    ("git-man", "1:2.39.5-0+deb12u1", 2_000_000, &[]),
    ("liberror-perl", "0.17029-2", 40_000, &[]),
    ("perl", "5.36.0-7+deb12u1", 700_000, &[]),
    ("vim", "2:9.0.1378-2", 3_800_000, &["vim-runtime"]),
    ("vim-runtime", "2:9.0.1378-2", 36_000_000, &[]),
    ("nano", "7.2-1+deb12u1", 2_700_000, &[]),
    ("python3", "3.11.2-1+b1", 90_000, &["python3.11"]),
    ("python3.11", "3.11.2-6+deb12u5", 20_000_000, &[]),
    ("python3-pip", "23.0.1+dfsg-1", 7_000_000, &["python3"]),
    ("build-essential", "12.9", 20_000, &["gcc", "make"]),
    ("gcc", "4:12.2.0-3", 40_000_000, &[]),
    ("make", "4.3-4.1", 1_500_000, &[]),
    ("ca-certificates", "20230311", 400_000, &[]),
    ("nginx", "1.22.1-9", 1_200_000, &[]),
    ("iputils-ping", "3:20221126-1", 120_000, &[]),
    ("net-tools", "2.10-0.1", 1_000_000, &[]),
    ("procps", "2:4.0.2-3", 2_400_000, &[]),
    ("unzip", "6.0-28", 400_000, &[]),
    ("jq", "1.6-2.1", 100_000, &[]),
    ("htop", "3.2.2-2", 400_000, &[]),
    ("nodejs", "18.19.0+dfsg-6~deb12u2", 60_000_000, &[]),
];

/// Alpine packages: name, version, installed size, dependencies.
pub const APK: &[Entry] = &[
    ("curl", "8.11.1-r0", 260_000, &["libcurl", "ca-certificates"]),
    ("libcurl", "8.11.1-r0", 600_000, &["nghttp2-libs", "c-ares"]),
    ("nghttp2-libs", "1.62.1-r0", 160_000, &[]),
    ("c-ares", "1.34.3-r0", 220_000, &[]),
    ("ca-certificates", "20241121-r1", 700_000, &[]),
    ("bash", "5.2.26-r0", 1_300_000, &["readline"]),
    ("readline", "8.2.10-r0", 280_000, &[]),
    ("git", "2.45.2-r0", 12_000_000, &["pcre2"]),
    ("pcre2", "10.43-r0", 700_000, &[]),
    ("python3", "3.12.8-r1", 60_000_000, &[]),
    ("py3-pip", "24.0-r2", 9_000_000, &["python3"]),
    ("vim", "9.1.0707-r0", 20_000_000, &[]),
    ("nginx", "1.26.2-r0", 1_300_000, &[]),
    ("tzdata", "2024b-r0", 1_500_000, &[]),
    ("build-base", "0.5-r3", 4_000, &["gcc", "make"]),
    ("gcc", "13.2.1_git20240309-r0", 50_000_000, &[]),
    ("make", "4.4.1-r2", 300_000, &[]),
    ("jq", "1.7.1-r0", 300_000, &[]),
    ("nodejs", "20.15.1-r0", 45_000_000, &[]),
    ("npm", "10.9.1-r0", 9_000_000, &["nodejs"]),
];

/// Finds a package by (case-insensitive for PyPI) name.
pub fn lookup(index: &'static [Entry], name: &str) -> Option<&'static Entry> {
    let wanted = name.to_ascii_lowercase().replace('_', "-");
    index.iter().find(|e| e.0 == wanted)
}

/// `names` and their dependencies, dependencies first, each once.
pub fn closure(index: &'static [Entry], names: &[&str]) -> Result<Vec<&'static Entry>, String> {
    let mut out: Vec<&'static Entry> = Vec::new();
    fn visit(index: &'static [Entry], name: &str, out: &mut Vec<&'static Entry>, depth: usize) -> Result<(), String> {
        let entry = lookup(index, name).ok_or_else(|| name.to_string())?;
        if out.iter().any(|e| e.0 == entry.0) || depth > 32 {
            return Ok(());
        }
        for dep in entry.3 {
            visit(index, dep, out, depth + 1)?;
        }
        if !out.iter().any(|e| e.0 == entry.0) {
            out.push(entry);
        }
        Ok(())
    }
    for n in names {
        visit(index, n, &mut out, 0)?;
    }
    Ok(out)
}
