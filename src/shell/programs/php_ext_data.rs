//! What `php_ext` knows of PHP's bundled extensions and the PECL packages
//! tutorials install: which exist in each release's source, what their
//! `configure` looks for, how big the module is, and the lines of the
//! build logs.

/// The directories of `/usr/src/php/ext` that hold a config.m4, sorted.
pub fn source_exts(minor: &str) -> Vec<&'static str> {
    const COMMON: &[&str] = &[
        "bcmath",
        "bz2",
        "calendar",
        "ctype",
        "curl",
        "dba",
        "dom",
        "enchant",
        "exif",
        "ffi",
        "fileinfo",
        "filter",
        "ftp",
        "gd",
        "gettext",
        "gmp",
        "hash",
        "iconv",
        "intl",
        "json",
        "ldap",
        "mbstring",
        "mysqli",
        "mysqlnd",
        "odbc",
        "opcache",
        "openssl",
        "pcntl",
        "pcre",
        "pdo",
        "pdo_dblib",
        "pdo_firebird",
        "pdo_mysql",
        "pdo_odbc",
        "pdo_pgsql",
        "pdo_sqlite",
        "pgsql",
        "phar",
        "posix",
        "readline",
        "reflection",
        "session",
        "shmop",
        "simplexml",
        "snmp",
        "soap",
        "sockets",
        "sodium",
        "spl",
        "sqlite3",
        "standard",
        "sysvmsg",
        "sysvsem",
        "sysvshm",
        "tidy",
        "tokenizer",
        "xml",
        "xmlreader",
        "xmlwriter",
        "xsl",
        "zend_test",
        "zip",
        "zlib",
    ];
    let mut v: Vec<&'static str> = COMMON.to_vec();
    let before = |m: &str| cmp_minor(minor, m) == std::cmp::Ordering::Less;
    if before("8.4") {
        v.extend(["imap", "oci8", "pdo_oci", "pspell"]);
    }
    if !before("8.1") {
        v.push("dl_test");
    }
    if !before("8.2") {
        v.push("random");
    }
    if before("8.0") {
        v.extend(["interbase", "recode", "wddx", "xmlrpc"]);
    }
    v.sort_unstable();
    v
}

fn cmp_minor(a: &str, b: &str) -> std::cmp::Ordering {
    let n = |s: &str| s.split('.').map(|p| p.parse::<u32>().unwrap_or(0)).collect::<Vec<_>>();
    n(a).cmp(&n(b))
}

pub struct ExtInfo {
    /// What configure's "checking for … support" line calls it.
    pub title: String,
    /// Whether `make install` also installs headers.
    pub headers: bool,
    /// The stripped module's size in bytes.
    pub size: u64,
}

pub fn ext(name: &str) -> ExtInfo {
    let (title, headers, size) = match name {
        "mysqli" => ("MySQLi", true, 180_000),
        "pdo_mysql" => ("MySQL for PDO", false, 60_000),
        "pdo" => ("PDO", true, 330_000),
        "pdo_pgsql" => ("PostgreSQL for PDO", false, 70_000),
        "pgsql" => ("PostgreSQL", false, 240_000),
        "gd" => ("GD", true, 520_000),
        "zip" => ("zip", false, 110_000),
        "intl" => ("intl", false, 1_400_000),
        "opcache" => ("Zend Opcache", false, 1_300_000),
        "bcmath" => ("BCMath", false, 80_000),
        "exif" => ("EXIF", false, 100_000),
        "sockets" => ("sockets", true, 150_000),
        "soap" => ("SOAP", false, 470_000),
        "mbstring" => ("multibyte string", true, 1_700_000),
        "xsl" => ("XSL", false, 60_000),
        _ => ("", false, 70_000),
    };
    ExtInfo { title: if title.is_empty() { name.to_string() } else { title.to_string() }, headers, size }
}

/// Zend extensions are loaded with `zend_extension=`.
pub fn is_zend(ext: &str) -> bool {
    matches!(ext, "opcache" | "xdebug")
}

/// What an extension's configure looks for.
pub enum Need {
    Nothing,
    /// pkg-config modules, the variable prefix configure names, and the
    /// requirement as configure prints it.
    Pkg {
        modules: &'static [&'static str],
        var: &'static str,
        requirement: &'static str,
    },
    /// A header in one of `paths`; the check's line and the error.
    Header {
        paths: &'static [&'static str],
        checking: &'static str,
        error: &'static str,
    },
}

/// What building `ext` with the configure `options` needs.
pub fn needs(ext: &str, options: &[String]) -> Vec<Need> {
    let has = |flag: &str| options.iter().any(|o| o.starts_with(flag));
    let pkg = |modules, var, requirement| Need::Pkg { modules, var, requirement };
    let mut v = Vec::new();
    match ext {
        "zip" => v.push(pkg(&["libzip"], "LIBZIP", "libzip >= 0.11 libzip != 1.3.1 libzip != 1.7.0")),
        "gd" => {
            v.push(pkg(&["zlib"], "ZLIB", "zlib"));
            v.push(pkg(&["libpng"], "PNG", "libpng"));
            if has("--with-webp") {
                v.push(pkg(&["libwebp"], "WEBP", "libwebp >= 0.2.0"));
            }
            if has("--with-jpeg") {
                v.push(pkg(&["libjpeg"], "JPEG", "libjpeg"));
            }
            if has("--with-freetype") {
                v.push(pkg(&["freetype2"], "FREETYPE2", "freetype2"));
            }
        }
        "intl" => v.push(pkg(&["icu-uc", "icu-io", "icu-i18n"], "ICU", "icu-uc >= 50.1 icu-io icu-i18n")),
        "mbstring" => v.push(pkg(&["oniguruma"], "ONIG", "oniguruma")),
        "xsl" => v.push(pkg(&["libxslt"], "XSL", "libxslt >= 1.1.0")),
        "soap" | "xml" | "dom" | "simplexml" | "xmlreader" | "xmlwriter" => v.push(pkg(&["libxml-2.0"], "LIBXML", "libxml-2.0 >= 2.9.0")),
        "curl" => v.push(pkg(&["libcurl"], "CURL", "libcurl >= 7.29.0")),
        "sodium" => v.push(pkg(&["libsodium"], "LIBSODIUM", "libsodium >= 1.0.8")),
        "pdo_sqlite" | "sqlite3" => v.push(pkg(&["sqlite3"], "SQLITE", "sqlite3 >= 3.7.7")),
        "openssl" => v.push(pkg(&["openssl"], "OPENSSL", "openssl >= 1.0.2")),
        "zlib" => v.push(pkg(&["zlib"], "ZLIB", "zlib >= 1.2.0.4")),
        "pgsql" | "pdo_pgsql" => v.push(Need::Header {
            paths: &["/usr/include/postgresql/libpq-fe.h", "/usr/include/libpq-fe.h", "/usr/local/include/libpq-fe.h"],
            checking: "checking for pg_config... not found",
            error: "Cannot find libpq-fe.h. Please specify correct PostgreSQL installation path",
        }),
        "bz2" => v.push(Need::Header {
            paths: &["/usr/include/bzlib.h"],
            checking: "checking for BZip2 in default path... not found",
            error: "Please reinstall the BZip2 distribution",
        }),
        "gmp" => v.push(Need::Header {
            paths: &["/usr/include/gmp.h", "/usr/include/x86_64-linux-gnu/gmp.h"],
            checking: "checking for __gmpz_rootrem in -lgmp... no",
            error: "GNU MP Library version 4.2 or greater required.",
        }),
        "ldap" => v.push(Need::Header {
            paths: &["/usr/include/ldap.h"],
            checking: "checking for LDAP support... yes, shared",
            error: "Cannot find ldap.h",
        }),
        "tidy" => v.push(Need::Header {
            paths: &["/usr/include/tidy/tidy.h", "/usr/include/tidy.h"],
            checking: "checking for TIDY support... yes, shared",
            error: "Cannot find libtidy",
        }),
        "imap" => v.push(Need::Header {
            paths: &["/usr/include/c-client/rfc822.h", "/usr/include/imap/rfc822.h"],
            checking: "checking for IMAP support... yes, shared",
            error: "Cannot find rfc822.h. Please check your c-client installation.",
        }),
        _ => v.push(Need::Nothing),
    }
    v
}

/// The lines autoconf's configure prints before the PHP checks.
pub const CONFIGURE_HEAD: &str = "checking for grep that handles long lines and -e... /usr/bin/grep
checking for egrep... /usr/bin/grep -E
checking for a sed that does not truncate output... /usr/bin/sed
checking for pkg-config... /usr/bin/pkg-config
checking pkg-config is at least version 0.9.0... yes
";

/// Configure's compiler and PHP checks.
pub fn configure_php_lines(api: &str) -> String {
    format!(
        "checking for cc... cc
checking whether the C compiler works... yes
checking for C compiler default output file name... a.out
checking for suffix of executables... 
checking whether we are cross compiling... no
checking for suffix of object files... o
checking whether the compiler supports GNU C... yes
checking whether cc accepts -g... yes
checking for cc option to enable C11 features... none needed
checking how to run the C preprocessor... cc -E
checking for icc... no
checking for suncc... no
checking for system library directory... lib
checking if compiler supports -Wl,-rpath,... yes
checking build system type... x86_64-pc-linux-gnu
checking host system type... x86_64-pc-linux-gnu
checking target system type... x86_64-pc-linux-gnu
checking for PHP prefix... /usr/local
checking for PHP includes... -I/usr/local/include/php -I/usr/local/include/php/main -I/usr/local/include/php/TSRM -I/usr/local/include/php/Zend -I/usr/local/include/php/ext -I/usr/local/include/php/ext/date/lib
checking for PHP extension directory... /usr/local/lib/php/extensions/no-debug-non-zts-{api}
checking for PHP installed headers prefix... /usr/local/include/php
checking if debug is enabled... no
checking if zts is enabled... no
checking for gawk... no
checking for nawk... nawk
checking if nawk is broken... no
"
    )
}

/// Configure's libtool checks and its last lines.
pub const CONFIGURE_TAIL: &str = "checking for a sed that does not truncate output... /usr/bin/sed
checking for ld used by cc... /usr/bin/ld
checking if the linker (/usr/bin/ld) is GNU ld... yes
checking for /usr/bin/ld option to reload object files... -r
checking for BSD-compatible nm... /usr/bin/nm -B
checking whether ln -s works... yes
checking how to recognize dependent libraries... pass_all
checking for stdio.h... yes
checking for stdlib.h... yes
checking for string.h... yes
checking for inttypes.h... yes
checking for stdint.h... yes
checking for strings.h... yes
checking for sys/stat.h... yes
checking for sys/types.h... yes
checking for unistd.h... yes
checking for dlfcn.h... yes
checking the maximum length of command line arguments... 1572864
checking command to parse /usr/bin/nm -B output from cc object... ok
checking for objdir... .libs
checking for ar... ar
checking for ranlib... ranlib
checking for strip... strip
checking if cc supports -fno-rtti -fno-exceptions... no
checking for cc option to produce PIC... -fPIC
checking if cc PIC flag -fPIC works... yes
checking if cc static flag -static works... yes
checking if cc supports -c -o file.o... yes
checking whether the cc linker (/usr/bin/ld -m elf_x86_64) supports shared libraries... yes
checking whether -lc should be explicitly linked in... no
checking dynamic linker characteristics... GNU/Linux ld.so
checking how to hardcode library paths into programs... immediate
checking whether stripping libraries is possible... yes
checking if libtool supports shared libraries... yes
checking whether to build shared libraries... yes
checking whether to build static libraries... no
configure: patching config.h.in
configure: creating ./config.status
config.status: creating config.h
";

/// The sources make compiles (the main one and the others of the larger
/// extensions).
fn sources(ext: &str) -> Vec<String> {
    let list: &[&str] = match ext {
        "mysqli" => &[
            "mysqli",
            "mysqli_api",
            "mysqli_prop",
            "mysqli_nonapi",
            "mysqli_fe",
            "mysqli_report",
            "mysqli_driver",
            "mysqli_warning",
            "mysqli_exception",
            "mysqli_result_iterator",
        ],
        "pdo_mysql" => &["pdo_mysql", "mysql_driver", "mysql_statement"],
        "pdo_pgsql" => &["pdo_pgsql", "pgsql_driver", "pgsql_statement"],
        "zip" => &["php_zip", "zip_stream"],
        "gd" => &[
            "gd",
            "libgd/gd",
            "libgd/gd_gd",
            "libgd/gd_gd2",
            "libgd/gd_io",
            "libgd/gd_io_dp",
            "libgd/gd_io_file",
            "libgd/gd_png",
            "libgd/gd_jpeg",
            "libgd/gd_webp",
        ],
        "intl" => &[
            "php_intl",
            "intl_error",
            "intl_convert",
            "collator/collator_class",
            "formatter/formatter_main",
            "locale/locale_methods",
            "normalizer/normalizer_normalize",
            "transliterator/transliterator_methods",
        ],
        "bcmath" => &["bcmath", "libbcmath/src/add", "libbcmath/src/div", "libbcmath/src/init", "libbcmath/src/num2str"],
        "sockets" => &["sockets", "multicast", "conversions", "sockaddr_conv", "sendrecvmsg"],
        "opcache" => &[
            "ZendAccelerator",
            "zend_accelerator_blacklist",
            "zend_accelerator_debug",
            "zend_accelerator_hash",
            "zend_accelerator_module",
            "zend_persist",
            "zend_shared_alloc",
            "zend_file_cache",
            "shared_alloc_mmap",
        ],
        _ => &[],
    };
    if list.is_empty() {
        vec![ext.to_string()]
    } else {
        list.iter().map(|s| s.to_string()).collect()
    }
}

/// `make`'s output for `ext`: a libtool compile per source, the link, the
/// install into modules/ and libtool's notice.
pub fn make_log(ext: &str, cflags: &str) -> String {
    let d = format!("/usr/src/php/ext/{ext}");
    let inc = "-I/usr/local/include/php -I/usr/local/include/php/main -I/usr/local/include/php/TSRM -I/usr/local/include/php/Zend -I/usr/local/include/php/ext -I/usr/local/include/php/ext/date/lib";
    let mut out = String::new();
    let mut objs = Vec::new();
    for (i, src) in sources(ext).iter().enumerate() {
        let obj = src.to_string();
        out.push_str(&format!(
            "/bin/bash {d}/libtool --tag=CC --mode=compile cc -I. -I{d} -I{d}/include -I{d}/main -I{d} {inc}  {cflags} -DHAVE_CONFIG_H  {cflags} -D_GNU_SOURCE    -DZEND_COMPILE_DL_EXT=1 -c {d}/{src}.c -o {obj}.lo  -MMD -MF {obj}.dep -MT {obj}.lo\n"
        ));
        if i == 0 {
            out.push_str("mkdir .libs\n");
        }
        out.push_str(&format!(" cc -I. -I{d} -I{d}/include -I{d}/main -I{d} {inc} {cflags} -DHAVE_CONFIG_H {cflags} -D_GNU_SOURCE -DZEND_COMPILE_DL_EXT=1 -c {d}/{src}.c -MMD -MF {obj}.dep -MT {obj}.lo  -fPIC -DPIC -o .libs/{}.o\n", obj.rsplit('/').next().unwrap_or(&obj)));
        objs.push(format!("{obj}.lo"));
    }
    let libs: Vec<String> = objs.iter().map(|o| format!(".libs/{}", o.rsplit('/').next().unwrap_or(o).replace(".lo", ".o"))).collect();
    out.push_str(&format!(
        "/bin/bash {d}/libtool --tag=CC --mode=link cc -shared {inc}  {cflags} {cflags}  -Wl,-O1 -pie  -o {ext}.la -export-dynamic -avoid-version -prefer-pic -module -rpath {d}/modules  {}\n",
        objs.join(" ")
    ));
    out.push_str(&format!(
        "cc -shared  {}   -Wl,-O1 -Wl,-soname -Wl,{ext}.so -o .libs/{ext}.so\ncreating {ext}.la\n(cd .libs && rm -f {ext}.la && ln -s ../{ext}.la {ext}.la)\n/bin/bash {d}/libtool --tag=CC --mode=install cp ./{ext}.la {d}/modules\ncp ./.libs/{ext}.so {d}/modules/{ext}.so\ncp ./.libs/{ext}.lai {d}/modules/{ext}.la\nPATH=\"$PATH:/sbin\" ldconfig -n {d}/modules\n",
        libs.join(" ")
    ));
    out.push_str(&format!(
        "----------------------------------------------------------------------\nLibraries have been installed in:\n   {d}/modules\n\nIf you ever happen to want to link against installed libraries\nin a given directory, LIBDIR, you must either use libtool, and\nspecify the full pathname of the library, or use the `-LLIBDIR'\nflag during linking and do at least one of the following:\n   - add LIBDIR to the `LD_LIBRARY_PATH' environment variable\n     during execution\n   - add LIBDIR to the `LD_RUN_PATH' environment variable\n     during linking\n   - use the `-Wl,-rpath -Wl,LIBDIR' linker flag\n   - have your system administrator add LIBDIR to `/etc/ld.so.conf'\n\nSee any operating system documentation about shared libraries for\nmore information, such as the ld(1) and ld.so(8) manual pages.\n----------------------------------------------------------------------\n\nBuild complete.\nDon't forget to run 'make test'.\n\n"
    ));
    out
}

/// `make clean`'s commands.
pub const MAKE_CLEAN: &str = "find . -name \\*.gcno -o -name \\*.gcda | xargs rm -f
find . -name \\*.lo -o -name \\*.o -o -name \\*.dep | xargs rm -f
find . -name \\*.la -o -name \\*.a | xargs rm -f
find . -name \\*.so | xargs rm -f
find . -name .libs -a -type d|xargs rm -rf
rm -f libphp.la      modules/* libs/*
rm -f ext/opcache/jit/zend_jit_x86.c
rm -f ext/opcache/jit/zend_jit_arm64.c
rm -f ext/opcache/minilua
";

/// A PECL package `pecl install` knows.
pub struct Pecl {
    pub name: &'static str,
    /// Stable releases, newest first.
    pub versions: &'static [&'static str],
    pub tgz_bytes: u64,
    pub sources: u32,
    pub so_bytes: u64,
    /// The questions pecl asks and answers with their defaults.
    pub prompts: &'static str,
    pub configure_args: &'static str,
    pub need: Option<Need>,
}

pub const PECL: &[Pecl] = &[
    Pecl {
        name: "redis",
        versions: &["6.1.0", "6.0.2", "5.3.7", "5.3.4", "4.3.0"],
        tgz_bytes: 371_999,
        sources: 29,
        so_bytes: 2_300_000,
        prompts: "enable igbinary serializer support? [no] : enable lzf compression support? [no] : enable zstd compression support? [no] : enable msgpack serializer support? [no] : enable lz4 compression support? [no] : use system liblz4? [yes] : use system libzstd? [yes] : \n",
        configure_args: " --enable-redis-igbinary=no --enable-redis-lzf=no --enable-redis-zstd=no --enable-redis-msgpack=no --enable-redis-lz4=no --with-liblz4=yes --with-libzstd=yes",
        need: None,
    },
    Pecl {
        name: "xdebug",
        versions: &["3.4.0", "3.3.2", "3.2.2", "3.1.6", "2.9.8"],
        tgz_bytes: 267_930,
        sources: 62,
        so_bytes: 1_300_000,
        prompts: "",
        configure_args: "",
        need: None,
    },
    Pecl {
        name: "apcu",
        versions: &["5.1.24", "5.1.23", "5.1.22"],
        tgz_bytes: 94_524,
        sources: 17,
        so_bytes: 260_000,
        prompts: "Enable internal debugging in APCu [no] : \n",
        configure_args: " --enable-apcu-debug=no",
        need: None,
    },
    Pecl {
        name: "mongodb",
        versions: &["1.20.1", "1.19.4", "1.17.3", "1.16.2"],
        tgz_bytes: 1_836_423,
        sources: 1038,
        so_bytes: 5_100_000,
        prompts: "enable developer flags? [no] : \n",
        configure_args: " --enable-mongodb-developer-flags=no",
        need: None,
    },
    Pecl {
        name: "igbinary",
        versions: &["3.2.16", "3.2.15", "3.2.14"],
        tgz_bytes: 87_591,
        sources: 31,
        so_bytes: 150_000,
        prompts: "",
        configure_args: "",
        need: None,
    },
    Pecl {
        name: "imagick",
        versions: &["3.7.0", "3.6.0"],
        tgz_bytes: 360_138,
        sources: 88,
        so_bytes: 1_700_000,
        prompts: "Please provide the prefix of ImageMagick installation [autodetect] : \n",
        configure_args: " --with-imagick",
        need: Some(Need::Header {
            paths: &["/usr/bin/MagickWand-config", "/usr/lib/x86_64-linux-gnu/ImageMagick-6.9.11/bin-q16/MagickWand-config"],
            checking: "checking ImageMagick MagickWand API configuration program... ",
            error: "not found. Please provide a path to MagickWand-config or Wand-config program.",
        }),
    },
    Pecl {
        name: "memcached",
        versions: &["3.3.0", "3.2.0"],
        tgz_bytes: 91_123,
        sources: 24,
        so_bytes: 300_000,
        prompts: "libmemcached directory [no] : zlib directory [no] : use system fastlz [no] : enable igbinary serializer [no] : enable msgpack serializer [no] : enable json serializer [no] : enable server protocol [no] : enable sasl [yes] : enable sessions [yes] : \n",
        configure_args: " --with-libmemcached-dir=no --with-zlib-dir=no --with-system-fastlz=no --enable-memcached-igbinary=no --enable-memcached-msgpack=no --enable-memcached-json=no --enable-memcached-protocol=no --enable-memcached-sasl=yes --enable-memcached-session=yes",
        need: Some(Need::Pkg { modules: &["libmemcached"], var: "MEMCACHED", requirement: "libmemcached >= 1.0.18" }),
    },
    Pecl {
        name: "yaml",
        versions: &["2.2.4", "2.2.3"],
        tgz_bytes: 42_173,
        sources: 43,
        so_bytes: 120_000,
        prompts: "Please provide the prefix of libyaml installation [autodetect] : \n",
        configure_args: " --with-yaml",
        need: Some(Need::Pkg { modules: &["yaml-0.1"], var: "YAML", requirement: "yaml-0.1" }),
    },
    Pecl {
        name: "pcov",
        versions: &["1.0.12", "1.0.11"],
        tgz_bytes: 21_470,
        sources: 12,
        so_bytes: 60_000,
        prompts: "",
        configure_args: "",
        need: None,
    },
    Pecl {
        name: "amqp",
        versions: &["2.1.2", "1.11.0"],
        tgz_bytes: 112_512,
        sources: 57,
        so_bytes: 250_000,
        prompts: "Set the path to librabbitmq install prefix [autodetect] : \n",
        configure_args: " --with-librabbitmq-dir",
        need: Some(Need::Pkg { modules: &["librabbitmq"], var: "LIBRABBITMQ", requirement: "librabbitmq >= 0.7.1" }),
    },
];
