//! The php images' extension helpers (docker-library/php):
//! `docker-php-source`, `docker-php-ext-configure`, `docker-php-ext-install`,
//! `docker-php-ext-enable`, and `pecl install`. An extension builds when
//! what its `configure` looks for is installed (pkg-config files, headers:
//! what `apt-get install libzip-dev` puts there), lands in the extension
//! directory as `NAME.so`, and is enabled by an ini file in
//! `$PHP_INI_DIR/conf.d`, which the PHP model reads
//! (`crate::apps::php::loaded_extensions`). The logs are the real
//! tools' lines, shortened to one compile per extension.

use super::php_ext_data::{self, Need, PECL};
use super::Prog;
use crate::shell::interp::{Flow, Shell};
use crate::vfs::{Content, Meta};

type Out = Result<Option<i32>, Flow>;

const SRC: &str = "/usr/src/php";

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let status = match prog.name.as_str() {
        "docker-php-source" => source(sh, argv)?,
        "docker-php-ext-configure" => configure_cmd(sh, argv)?,
        "docker-php-ext-install" => install(sh, argv)?,
        "docker-php-ext-enable" => enable_cmd(sh, argv)?,
        "pecl" => pecl(sh, argv)?,
        _ => return Ok(None),
    };
    Ok(Some(status))
}

/// The PHP release's minor version ("8.2") and its extension API number.
fn api(sh: &Shell) -> (String, &'static str) {
    let version = super::php::php_version(sh);
    let minor: String = version.split('.').take(2).collect::<Vec<_>>().join(".");
    let api = crate::apps::php::extension_api(&minor);
    (minor, api)
}

fn ext_dir(sh: &Shell) -> String {
    format!("/usr/local/lib/php/extensions/no-debug-non-zts-{}", api(sh).1)
}

fn ini_dir(sh: &Shell) -> String {
    format!("{}/conf.d", sh.var("PHP_INI_DIR").unwrap_or_else(|| "/usr/local/etc/php".into()))
}

fn meta(sh: &Shell, mode: u32) -> Meta {
    Meta::new(mode, sh.now())
}

// ---------------------------------------------------------------- source ----

fn extracted(sh: &Shell) -> bool {
    sh.fs().exists(&format!("{SRC}/.docker-extracted"))
}

/// Unpacks /usr/src/php.tar.xz into /usr/src/php (the parts the helpers use:
/// each extension's directory with its config.m4).
fn extract(sh: &mut Shell) -> Result<(), String> {
    if extracted(sh) {
        return Ok(());
    }
    if !sh.fs().exists("/usr/src/php.tar.xz") {
        return Err("tar (child): /usr/src/php.tar.xz: Cannot open: No such file or directory".into());
    }
    let (minor, _) = api(sh);
    let dir = meta(sh, 0o755);
    let file = meta(sh, 0o644);
    let exe = meta(sh, 0o755);
    let fs = sh.fs_mut();
    let _ = fs.mkdir_all(&format!("{SRC}/ext"), dir.clone());
    for ext in php_ext_data::source_exts(&minor) {
        let d = format!("{SRC}/ext/{ext}");
        let _ = fs.mkdir_all(&d, dir.clone());
        let m4 =
            format!("PHP_ARG_ENABLE([{ext}])\nif test \"$PHP_{}\" != \"no\"; then\n  PHP_NEW_EXTENSION({ext})\nfi\n", ext.to_uppercase());
        let _ = fs.write(&format!("{d}/config.m4"), Content::from_bytes(m4), file.clone());
    }
    let _ = fs.write(&format!("{SRC}/configure"), Content::Generated { size: 2_700_000, seed: 0x9e37 }, exe);
    let _ = sh.fs_mut().write(&format!("{SRC}/.docker-extracted"), Content::from_bytes(Vec::new()), file);
    Ok(())
}

fn delete_source(sh: &mut Shell) {
    let _ = sh.fs_mut().remove(SRC, true);
}

fn source(sh: &mut Shell, argv: &[String]) -> Result<i32, Flow> {
    match argv.get(1).map(String::as_str) {
        Some("extract") => match extract(sh) {
            Ok(()) => Ok(0),
            Err(e) => {
                sh.err_str(&format!("{e}\n"))?;
                Ok(2)
            }
        },
        Some("delete") => {
            delete_source(sh);
            Ok(0)
        }
        _ => {
            let me = &argv[0];
            sh.out_str(&format!(
                "usage: {me} COMMAND\n\nManage php source tarball lifecycle.\n\nCommands:\n   extract  extract php source tarball into directory {SRC} if not already done.\n   delete   delete extracted php source located into {SRC} if not already deleted.\n\n"
            ))?;
            Ok(1)
        }
    }
}

// ------------------------------------------------------------- configure ----

/// The extensions `docker-php-ext-install` and `-enable` accept.
fn usage_install(sh: &Shell, me: &str) -> String {
    let (minor, _) = api(sh);
    let names = php_ext_data::source_exts(&minor).join(" ");
    format!(
        "usage: {me} [-jN] [--ini-name file.ini] ext-name [ext-name ...]\n   ie: {me} gd mysqli\n       {me} pdo pdo_mysql\n       {me} -j5 gd mbstring mysqli pdo pdo_mysql shmop\n\nif custom ./configure arguments are necessary, see docker-php-ext-configure\n\nPossible values for ext-name:\n{names}\n\nSome of the above modules are already compiled into PHP; please check\nthe output of \"php -i\" to see which modules are already loaded.\n"
    )
}

/// What pkg-config and the header search find for `need`: None when met,
/// else configure's last check lines and its error (`configure: error: …`).
fn unmet(sh: &Shell, need: &Need) -> Option<(String, String)> {
    let fs = sh.fs();
    match need {
        Need::Nothing => None,
        Need::Pkg { modules, var, requirement } => {
            let dirs = ["/usr/lib/x86_64-linux-gnu/pkgconfig", "/usr/lib/pkgconfig", "/usr/share/pkgconfig", "/usr/local/lib/pkgconfig"];
            let missing: Vec<&str> = modules.iter().copied().filter(|m| !dirs.iter().any(|d| fs.exists(&format!("{d}/{m}.pc")))).collect();
            if missing.is_empty() {
                return None;
            }
            let checks = format!("checking for {requirement}... no\n");
            let mut e = format!("configure: error: Package requirements ({requirement}) were not met:\n\n");
            for m in missing {
                e.push_str(&format!("No package '{m}' found\n"));
            }
            e.push_str(&format!("\nConsider adjusting the PKG_CONFIG_PATH environment variable if you\ninstalled software in a non-standard prefix.\n\nAlternatively, you may set the environment variables {var}_CFLAGS\nand {var}_LIBS to avoid the need to call pkg-config.\nSee the pkg-config man page for more details.\n"));
            Some((checks, e))
        }
        Need::Header { paths, checking, error } => {
            if paths.iter().any(|p| fs.exists(p)) {
                return None;
            }
            Some((format!("{checking}\n"), format!("configure: error: {error}\n")))
        }
    }
}

fn has_autoconf(sh: &Shell) -> bool {
    ["/usr/bin/autoconf", "/usr/local/bin/autoconf"].iter().any(|p| sh.fs().exists(p))
}

fn has_cc(sh: &Shell) -> bool {
    ["/usr/bin/cc", "/usr/bin/gcc"].iter().any(|p| sh.fs().exists(p))
}

fn configured(sh: &Shell, ext: &str) -> bool {
    sh.fs().exists(&format!("{SRC}/ext/{ext}/Makefile"))
}

/// phpize and ./configure in the extension's directory; the Makefile it
/// leaves records the options. Err: the status when configure failed.
fn configure(sh: &mut Shell, ext: &str, options: &[String]) -> Result<Result<(), i32>, Flow> {
    let (minor, api) = api(sh);
    let mut log =
        format!("Configuring for:\nPHP Api Version:         {api}\nZend Module Api No:      {api}\nZend Extension Api No:   4{api}\n");
    if !has_autoconf(sh) {
        sh.out_str(&log)?;
        sh.err_str("Cannot find autoconf. Please check your autoconf installation and the\n$PHP_AUTOCONF environment variable. Then, rerun this script.\n\n")?;
        return Ok(Err(1));
    }
    log.push_str(php_ext_data::CONFIGURE_HEAD);
    if !has_cc(sh) {
        log.push_str("checking for cc... no\nchecking for gcc... no\n");
        sh.out_str(&log)?;
        sh.err_str(&format!("configure: error: in `{SRC}/ext/{ext}':\nconfigure: error: no acceptable C compiler found in $PATH\nSee `config.log' for more details\n"))?;
        return Ok(Err(1));
    }
    log.push_str(&php_ext_data::configure_php_lines(api));
    let info = php_ext_data::ext(ext);
    log.push_str(&format!("checking for {} support... yes, shared\n", info.title));
    for need in php_ext_data::needs(ext, options) {
        if let Some((checks, error)) = unmet(sh, &need) {
            log.push_str(&checks);
            sh.out_str(&log)?;
            sh.err_str(&error)?;
            return Ok(Err(1));
        }
    }
    log.push_str(php_ext_data::CONFIGURE_TAIL);
    sh.out_str(&log)?;
    let makefile = format!("# Generated by configure for {ext} (PHP {minor})\n# options: {}\nall: modules/{ext}.la\n", options.join(" "));
    let d = format!("{SRC}/ext/{ext}");
    let m = meta(sh, 0o644);
    let dm = meta(sh, 0o755);
    let _ = sh.fs_mut().mkdir_all(&d, dm);
    let _ = sh.fs_mut().write(&format!("{d}/Makefile"), Content::from_bytes(makefile), m);
    Ok(Ok(()))
}

fn configure_cmd(sh: &mut Shell, argv: &[String]) -> Result<i32, Flow> {
    let me = argv[0].clone();
    if let Err(s) = unpack(sh)? {
        return Ok(s);
    }
    let Some(ext) = argv.get(1).filter(|e| !e.starts_with('-')).cloned() else {
        let (minor, _) = api(sh);
        sh.err_str(&format!(
            "usage: {me} ext-name [configure flags]\n   ie: {me} gd --with-jpeg-dir=/usr/local/something\n\nPossible values for ext-name:\n{}\n\nSome of the above modules are already compiled into PHP; please check\nthe output of \"php -i\" to see which modules are already loaded.\n",
            php_ext_data::source_exts(&minor).join(" ")
        ))?;
        return Ok(1);
    };
    if !sh.fs().exists(&format!("{SRC}/ext/{ext}")) {
        sh.err_str(&format!("error: {SRC}/ext/{ext} does not exist\n\n"))?;
        let u = usage_install(sh, &me);
        sh.err_str(&u)?;
        return Ok(1);
    }
    match configure(sh, &ext, &argv[2..])? {
        Ok(()) => Ok(0),
        Err(s) => Ok(s),
    }
}

// --------------------------------------------------------------- install ----

/// getopt's reading of `-jN`, `--jobs N`, `--ini-name X`, `-h`; Err: the
/// message of a flag it does not know.
struct Opts {
    ini: Option<String>,
    help: bool,
    names: Vec<String>,
}

fn options(argv: &[String], jobs: bool) -> Result<Opts, String> {
    let mut o = Opts { ini: None, help: false, names: Vec::new() };
    let mut it = argv[1..].iter();
    let mut rest = false;
    while let Some(a) = it.next() {
        if rest || !a.starts_with('-') || a == "-" {
            o.names.push(a.clone());
            continue;
        }
        match a.as_str() {
            "--" => rest = true,
            "-h" | "-?" | "--help" => o.help = true,
            "--ini-name" => o.ini = Some(it.next().cloned().ok_or("getopt: option '--ini-name' requires an argument")?),
            s if s.starts_with("--ini-name=") => o.ini = Some(s["--ini-name=".len()..].to_string()),
            "-j" | "--jobs" if jobs => {
                it.next().ok_or("getopt: option requires an argument -- 'j'".to_string())?;
            }
            s if jobs && (s.starts_with("-j") || s.starts_with("--jobs=")) => {}
            s if s.starts_with("--") => return Err(format!("getopt: unrecognized option '{s}'")),
            s => return Err(format!("getopt: invalid option -- '{}'", s.chars().nth(1).unwrap_or('-'))),
        }
    }
    Ok(o)
}

/// Reads the options; Err: the status after getopt's error or `--help`
/// (which print the usage `usage` gives).
fn parsed(sh: &mut Shell, argv: &[String], jobs: bool, usage: fn(&Shell, &str) -> String) -> Result<Result<Opts, i32>, Flow> {
    let me = &argv[0];
    match options(argv, jobs) {
        Err(e) => {
            let u = usage(sh, me);
            sh.err_str(&format!("{e}\n{u}"))?;
            Ok(Err(1))
        }
        Ok(o) if o.help => {
            let u = usage(sh, me);
            sh.out_str(&u)?;
            Ok(Err(0))
        }
        Ok(o) => Ok(Ok(o)),
    }
}

/// `docker-php-source extract`, marking the source for deletion when this
/// run unpacked it; Err: the status when it could not.
fn unpack(sh: &mut Shell) -> Result<Result<(), i32>, Flow> {
    let was = sh.fs().exists(SRC);
    if let Err(e) = extract(sh) {
        sh.err_str(&format!("{e}\n"))?;
        return Ok(Err(2));
    }
    if !was {
        let m = meta(sh, 0o644);
        let _ = sh.fs_mut().write(&format!("{SRC}/.docker-delete-me"), Content::from_bytes(Vec::new()), m);
    }
    Ok(Ok(()))
}

fn install(sh: &mut Shell, argv: &[String]) -> Result<i32, Flow> {
    let me = argv[0].clone();
    if let Err(s) = unpack(sh)? {
        return Ok(s);
    }
    let o = match parsed(sh, argv, true, usage_install)? {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    let mut exts = Vec::new();
    for ext in o.names.iter().filter(|e| !e.is_empty()) {
        if !sh.fs().exists(&format!("{SRC}/ext/{ext}")) {
            sh.err_str(&format!("error: {SRC}/ext/{ext} does not exist\n\n"))?;
            let u = usage_install(sh, &me);
            sh.err_str(&u)?;
            return Ok(1);
        }
        exts.push(ext.clone());
    }
    if exts.is_empty() {
        let u = usage_install(sh, &me);
        sh.err_str(&u)?;
        return Ok(1);
    }
    // Alpine: the build tools come and go with the install.
    let alpine = sh.fs().exists("/lib/apk/db/installed");
    let mut virtual_deps = None;
    if alpine {
        if let Some(deps) = sh.var("PHPIZE_DEPS").filter(|d| !d.trim().is_empty()) {
            if installed_virtual(sh, ".phpize-deps-configure") {
                virtual_deps = Some(".phpize-deps-configure");
            } else if !installed_virtual(sh, ".phpize-deps") {
                let mut add: Vec<String> = ["apk", "add", "--no-cache", "--virtual", ".phpize-deps"].map(String::from).to_vec();
                add.extend(deps.split_whitespace().map(String::from));
                let s = super::run_external(sh, &add)?;
                if s != 0 {
                    return Ok(s);
                }
                virtual_deps = Some(".phpize-deps");
            }
        }
    }
    let dir = ext_dir(sh);
    for ext in &exts {
        if !configured(sh, ext) {
            if let Err(s) = configure(sh, ext, &[])? {
                return Ok(s);
            }
        }
        if !["/usr/bin/make", "/usr/local/bin/make"].iter().any(|p| sh.fs().exists(p)) {
            sh.err_str(&format!("{me}: 1: make: not found\n"))?;
            return Ok(127);
        }
        let build = php_ext_data::make_log(ext, &sh.var("PHP_CFLAGS").unwrap_or_default());
        sh.out_str(&build)?;
        sh.err_str(&format!("+ strip --strip-all modules/{ext}.so\n"))?;
        let info = php_ext_data::ext(ext);
        let mut installed = format!("Installing shared extensions:     {dir}/\n");
        if info.headers {
            installed.push_str("Installing header files:          /usr/local/include/php/\n");
        }
        sh.out_str(&installed)?;
        write_module(sh, &dir, ext, info.size);
        let ini = o.ini.clone();
        if let Err(s) = enable(sh, std::slice::from_ref(ext), ini.as_deref())? {
            return Ok(s);
        }
        sh.out_str(php_ext_data::MAKE_CLEAN)?;
        let _ = sh.fs_mut().remove(&format!("{SRC}/ext/{ext}/Makefile"), false);
    }
    if let Some(v) = virtual_deps {
        let del: Vec<String> = ["apk", "del", "--no-network", v].map(String::from).to_vec();
        let s = super::run_external(sh, &del)?;
        if s != 0 {
            return Ok(s);
        }
    }
    if sh.fs().exists(&format!("{SRC}/.docker-delete-me")) {
        delete_source(sh);
    }
    Ok(0)
}

fn installed_virtual(sh: &Shell, name: &str) -> bool {
    sh.fs().read("/lib/apk/db/installed").is_ok_and(|db| String::from_utf8_lossy(&db).lines().any(|l| l == format!("P:{name}")))
}

fn write_module(sh: &mut Shell, dir: &str, ext: &str, size: u64) {
    let seed = ext.bytes().fold(0x5eed_u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    let (d, f) = (meta(sh, 0o755), meta(sh, 0o755));
    let _ = sh.fs_mut().mkdir_all(dir, d);
    let _ = sh.fs_mut().write(&format!("{dir}/{ext}.so"), Content::Generated { size, seed }, f);
}

// ---------------------------------------------------------------- enable ----

fn usage_enable(sh: &Shell, me: &str) -> String {
    let dir = ext_dir(sh);
    let mut mods: Vec<String> = sh
        .fs()
        .get(&dir)
        .ok()
        .and_then(|n| match n {
            crate::vfs::Node::Dir { entries, .. } => Some(entries.keys().filter(|k| k.ends_with(".so")).cloned().collect()),
            _ => None,
        })
        .unwrap_or_default();
    mods.sort();
    format!(
        "usage: {me} [options] module-name [module-name ...]\n   ie: {me} gd mysqli\n       {me} pdo pdo_mysql\n       {me} --ini-name 0-apc.ini apcu apc\n\nPossible values for module-name:\n{}\n\nSome of the above modules are already compiled into PHP; please check\nthe output of \"php -i\" to see which modules are already loaded.\n",
        mods.join(" ")
    )
}

fn enable_cmd(sh: &mut Shell, argv: &[String]) -> Result<i32, Flow> {
    let me = argv[0].clone();
    let o = match parsed(sh, argv, false, usage_enable)? {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    let names: Vec<String> = o.names.into_iter().filter(|n| !n.is_empty()).collect();
    if names.is_empty() {
        let u = usage_enable(sh, &me);
        sh.err_str(&u)?;
        return Ok(1);
    }
    let dir = ext_dir(sh);
    for m in &names {
        if !sh.fs().exists(&format!("{dir}/{m}")) && !sh.fs().exists(&format!("{dir}/{m}.so")) {
            sh.err_str(&format!("error: '{m}' does not exist\n\n"))?;
            let u = usage_enable(sh, &me);
            sh.err_str(&u)?;
            return Ok(1);
        }
    }
    Ok(match enable(sh, &names, o.ini.as_deref())? {
        Ok(()) => 0,
        Err(s) => s,
    })
}

/// Writes `extension=NAME` (`zend_extension=` for Zend extensions) to the
/// module's ini file, or warns that PHP already loads it.
fn enable(sh: &mut Shell, modules: &[String], ini_name: Option<&str>) -> Result<Result<(), i32>, Flow> {
    let loaded = crate::apps::php::loaded_extensions(sh.fs(), &sh.env());
    for module in modules {
        let ext = module.rsplit('/').next().unwrap_or(module);
        let ext = ext.split('.').next().unwrap_or(ext).to_string();
        let file = if module.ends_with(".so") { module.clone() } else { format!("{module}.so") };
        if loaded.iter().any(|l| l.eq_ignore_ascii_case(&ext)) {
            sh.err_str(&format!("\nwarning: {ext} ({file}) is already loaded!\n\n"))?;
            continue;
        }
        let key = if php_ext_data::is_zend(&ext) { "zend_extension" } else { "extension" };
        let line = format!("{key}={module}");
        let ini = match ini_name {
            Some(p) if p.starts_with('/') => p.to_string(),
            Some(n) => format!("{}/{n}", ini_dir(sh)),
            None => format!("{}/docker-php-ext-{ext}.ini", ini_dir(sh)),
        };
        let current = sh.fs().read(&ini).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        if !current.lines().any(|l| l == line || l == format!("{line}.so")) {
            let m = meta(sh, 0o644);
            if sh.fs_mut().append(&ini, format!("{line}\n").as_bytes(), m).is_err() {
                sh.err_str(&format!("{}: 1: cannot create {ini}: Directory nonexistent\n", "docker-php-ext-enable"))?;
                return Ok(Err(2));
            }
        }
    }
    Ok(Ok(()))
}

// ------------------------------------------------------------------ pecl ----

fn pecl(sh: &mut Shell, argv: &[String]) -> Result<i32, Flow> {
    let args: Vec<&str> = argv[1..].iter().map(String::as_str).collect();
    let Some((&cmd, rest)) = args.split_first() else {
        sh.err_str("dockersim: pecl without a command: not simulated (pecl install is)\n")?;
        return Ok(1);
    };
    match cmd {
        "install" | "i" => {}
        "channel-update" | "update-channels" => {
            let what = rest.first().copied().unwrap_or("pecl.php.net");
            sh.out_str(&format!("Updating channel \"{what}\"\nChannel \"{what}\" is up to date\n"))?;
            return Ok(0);
        }
        "clear-cache" => {
            sh.out_str("reading directory /tmp/pear/cache\n0 cache entries cleared\n")?;
            return Ok(0);
        }
        other => {
            sh.err_str(&format!("dockersim: pecl {other}: not simulated (pecl install is)\n"))?;
            return Ok(1);
        }
    }
    let pkgs: Vec<&str> = rest.iter().copied().filter(|a| !a.starts_with('-')).collect();
    if pkgs.is_empty() {
        sh.out_str("Package name missing\n")?;
        return Ok(1);
    }
    if !sh.fs().exists("/usr/local/bin/phpize") {
        sh.err_str("dockersim: pecl: phpize is missing from this image\n")?;
        return Ok(1);
    }
    let (_, api) = api(sh);
    let dir = ext_dir(sh);
    for spec in pkgs {
        let (name, want) = match spec.split_once('-') {
            Some((n, v)) if v.starts_with(|c: char| c.is_ascii_digit()) => (n, Some(v)),
            _ => (spec, None),
        };
        let name_lc = name.to_ascii_lowercase();
        let Some(p) = PECL.iter().find(|p| p.name == name_lc) else {
            sh.out_str(&format!("No releases available for package \"pecl.php.net/{name}\"\ninstall failed\n"))?;
            return Ok(1);
        };
        let version = match want {
            Some(v) if p.versions.contains(&v) => v,
            Some(v) => {
                sh.out_str(&format!(
                    "Failed to download pecl/{name} within preferred state \"stable\", latest release is version {}, stability \"stable\", use \"channel://pecl.php.net/{name}-{v}\" to install\ninstall failed\n",
                    p.versions[0]
                ))?;
                return Ok(1);
            }
            None => p.versions[0],
        };
        let tgz = format!("{}-{version}.tgz", p.name);
        let bytes = group_thousands(p.tgz_bytes);
        let build = format!("/tmp/pear/temp/pear-build-defaultuser{}/{}-{version}", 100_000 + (sh.now().rem_euclid(900_000)), p.name);
        let mut log = format!(
            "downloading {tgz} ...\nStarting to download {tgz} ({bytes} bytes)\n{}done: {bytes} bytes\n{} source files, building\nrunning: phpize\nConfiguring for:\nPHP Api Version:         {api}\nZend Module Api No:      {api}\nZend Extension Api No:   4{api}\n",
            ".".repeat((p.tgz_bytes / 25_000).clamp(1, 80) as usize),
            p.sources
        );
        // phpize and configure need the build tools (PHPIZE_DEPS).
        if !has_autoconf(sh) {
            log.push_str("Cannot find autoconf. Please check your autoconf installation and the\n$PHP_AUTOCONF environment variable. Then, rerun this script.\n\nERROR: `phpize' failed\n");
            sh.out_str(&log)?;
            return Ok(1);
        }
        log.push_str(p.prompts);
        let configure = format!("/tmp/pear/temp/{}/configure --with-php-config=/usr/local/bin/php-config{}", p.name, p.configure_args);
        log.push_str(&format!("building in {build}\nrunning: {configure}\n"));
        log.push_str(php_ext_data::CONFIGURE_HEAD);
        if !has_cc(sh) {
            log.push_str(&format!("checking for cc... no\nchecking for gcc... no\nconfigure: error: in `{build}':\nconfigure: error: no acceptable C compiler found in $PATH\nSee `config.log' for more details\nERROR: `{configure}' failed\n"));
            sh.out_str(&log)?;
            return Ok(1);
        }
        log.push_str(&php_ext_data::configure_php_lines(api));
        if let Some((checks, error)) = p.need.as_ref().and_then(|n| unmet(sh, n)) {
            log.push_str(&checks);
            log.push_str(&error);
            log.push_str(&format!("ERROR: `{configure}' failed\n"));
            sh.out_str(&log)?;
            return Ok(1);
        }
        log.push_str(php_ext_data::CONFIGURE_TAIL);
        log.push_str(&format!(
            "Build process completed successfully\nInstalling '{dir}/{}.so'\ninstall ok: channel://pecl.php.net/{}-{version}\nconfiguration option \"php_ini\" is not set to php.ini location\n",
            p.name, p.name
        ));
        if php_ext_data::is_zend(p.name) {
            log.push_str(&format!("You should add \"zend_extension={dir}/{}.so\" to php.ini\n", p.name));
        } else {
            log.push_str(&format!("You should add \"extension={}.so\" to php.ini\n", p.name));
        }
        sh.out_str(&log)?;
        write_module(sh, &dir, p.name, p.so_bytes);
    }
    Ok(0)
}

fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped_as_pecl_prints_them() {
        assert_eq!(super::group_thousands(371_999), "371,999");
        assert_eq!(super::group_thousands(1_234_567), "1,234,567");
        assert_eq!(super::group_thousands(999), "999");
    }
}
