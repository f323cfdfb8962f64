//! Operating-system base layers: Debian, Ubuntu, Alpine, BusyBox.

use super::layerfs::LayerFs;
use super::texts;

/// A Debian-family release.
pub(crate) struct Debian {
    pub key: &'static str,
    pub os_release: fn() -> String,
    /// `/bin` → `usr/bin` (bookworm and Ubuntu 20.04+) or real directories (buster).
    pub merged_usr: bool,
    pub slim: bool,
    pub size: u64,
    pub mtime: i64,
    pub debian_version: &'static str,
    /// Extra passwd/group lines (Ubuntu 24.04's `ubuntu` user).
    pub extra_passwd: &'static str,
    pub extra_group: &'static str,
}

const DEB_BIN: &[(&str, u64)] = &[
    ("bash", 1_265_648),
    ("dash", 125_640),
    ("cat", 44_016),
    ("ls", 151_344),
    ("cp", 153_104),
    ("mv", 149_008),
    ("rm", 72_880),
    ("mkdir", 88_944),
    ("rmdir", 52_464),
    ("touch", 100_976),
    ("ln", 72_944),
    ("chmod", 64_752),
    ("chown", 72_944),
    ("echo", 35_664),
    ("printf", 56_080),
    ("pwd", 40_240),
    ("head", 47_504),
    ("tail", 64_720),
    ("wc", 48_272),
    ("grep", 203_152),
    ("sed", 122_224),
    ("tr", 48_272),
    ("sort", 117_040),
    ("uniq", 48_272),
    ("find", 224_848),
    ("xargs", 68_424),
    ("env", 48_336),
    ("whoami", 35_664),
    ("id", 48_304),
    ("true", 31_568),
    ("false", 31_568),
    ("sleep", 35_696),
    ("date", 108_048),
    ("tar", 531_984),
    ("gzip", 98_136),
    ("uname", 35_728),
    ("hostname", 22_760),
    ("tee", 40_336),
    ("cut", 48_336),
    ("basename", 35_696),
    ("dirname", 35_664),
    ("mktemp", 48_304),
    ("readlink", 48_304),
    ("realpath", 52_432),
    ("stat", 89_104),
    ("du", 109_200),
    ("df", 89_424),
    ("ps", 0),
    ("apt", 18_824),
    ("apt-get", 22_960),
    ("apt-cache", 92_400),
    ("dpkg", 318_696),
    ("which", 1_108),
    ("su", 72_000),
    ("login", 51_000),
    ("more", 43_000),
    ("chgrp", 64_720),
    ("md5sum", 48_336),
    ("sha256sum", 52_432),
    ("base64", 40_336),
    ("yes", 35_664),
    ("seq", 52_432),
    ("expr", 48_336),
    ("test", 48_304),
    ("[", 52_432),
    ("tac", 40_336),
    ("nl", 48_336),
    ("od", 73_000),
    ("cmp", 43_000),
    ("diff", 212_000),
    ("mawk", 158_376),
];

const DEB_SBIN: &[(&str, u64)] = &[
    ("useradd", 147_160),
    ("groupadd", 88_520),
    ("usermod", 138_000),
    ("userdel", 96_000),
    ("adduser", 40_000),
    ("addgroup", 40_000),
    ("ldconfig", 986_000),
    ("nologin", 14_000),
];

const DEB_LIBS: &[(&str, u64)] = &[
    ("libc.so.6", 1_922_136),
    ("libm.so.6", 907_784),
    ("libstdc++.so.6.0.30", 2_190_440),
    ("libssl.so.3", 695_880),
    ("libcrypto.so.3", 4_738_968),
    ("libz.so.1.2.13", 121_280),
    ("libsystemd.so.0.35.0", 920_000),
];

const DEB_PACKAGES: &[(&str, &str, u32, &str)] = &[
    ("apt", "2.6.1", 4_153, "commandline package manager"),
    ("base-files", "12.4+deb12u8", 392, "Debian base system miscellaneous files"),
    ("bash", "5.2.15-2+b7", 7_164, "GNU Bourne Again SHell"),
    ("coreutils", "9.1-1", 18_062, "GNU core utilities"),
    ("dash", "0.5.12-2", 219, "POSIX-compliant shell"),
    ("debianutils", "5.7-0.5~deb12u1", 243, "Miscellaneous utilities specific to Debian"),
    ("dpkg", "1.21.22", 6_473, "Debian package management system"),
    ("findutils", "4.9.0-4", 1_656, "utilities for finding files--find, xargs"),
    ("grep", "3.8-5", 1_107, "GNU grep, egrep and fgrep"),
    ("gzip", "1.12-1", 254, "GNU compression utilities"),
    ("hostname", "3.23+nmu1", 49, "utility to set/show the host name or domain name"),
    ("libc6", "2.36-9+deb12u9", 12_988, "GNU C Library: Shared libraries"),
    ("login", "1:4.13+dfsg1-1+b1", 2_596, "system login tools"),
    ("mawk", "1.3.4.20200120-3.1", 263, "Pattern scanning and text processing language"),
    ("passwd", "1:4.13+dfsg1-1+b1", 2_768, "change and administer password and group data"),
    ("sed", "4.9-1", 1_045, "GNU stream editor for filtering/transforming text"),
    ("tar", "1.34+dfsg-1.2+deb12u1", 3_152, "GNU version of the tar archiving utility"),
    ("tzdata", "2024a-0+deb12u1", 2_584, "time zone and daylight-saving time data"),
];

fn debian_base(rel: &Debian) -> LayerFs {
    let mut l = LayerFs::new(rel.key, rel.mtime);
    l.dirs(&["boot", "dev", "etc", "home", "media", "mnt", "opt", "proc", "run", "srv", "sys"]);
    l.dirs(&["usr/bin", "usr/sbin", "usr/lib/x86_64-linux-gnu", "usr/lib64", "usr/local/bin", "usr/local/sbin"]);
    l.dirs(&["usr/local/lib", "usr/local/share", "usr/share/doc", "var/cache/apt", "var/lib/dpkg", "var/log"]);
    l.dirs(&["var/lib/apt/lists/partial", "var/mail", "var/spool"]);
    l.dir("root", 0o700).dir("tmp", 0o1777).dir("var/tmp", 0o1777);
    let bin = if rel.merged_usr {
        l.link("bin", "usr/bin").link("sbin", "usr/sbin").link("lib", "usr/lib").link("lib64", "usr/lib64");
        "usr/bin"
    } else {
        l.dirs(&["bin", "sbin", "lib", "lib64"]);
        "bin"
    };
    for (name, size) in DEB_BIN {
        let in_usr = matches!(
            *name,
            "apt"
                | "apt-get"
                | "apt-cache"
                | "which"
                | "env"
                | "xargs"
                | "find"
                | "head"
                | "tail"
                | "wc"
                | "tr"
                | "sort"
                | "uniq"
                | "whoami"
                | "id"
                | "tee"
                | "cut"
                | "basename"
                | "dirname"
                | "realpath"
                | "stat"
                | "du"
                | "md5sum"
                | "sha256sum"
                | "base64"
                | "yes"
                | "seq"
                | "expr"
                | "test"
                | "["
                | "tac"
                | "nl"
                | "od"
                | "cmp"
                | "diff"
                | "mawk"
        );
        let dir = if in_usr { "usr/bin" } else { bin };
        if *size > 0 {
            l.bin(&format!("{dir}/{name}"), *size);
        }
    }
    // The rest of coreutils and util-linux, where the packages put them.
    let have = |n: &str| DEB_BIN.iter().chain(DEB_SBIN).any(|(b, _)| *b == n);
    for (dir, names, size) in [(bin, super::debian_programs::BIN, 63_000), ("usr/bin", super::debian_programs::USR_BIN, 55_000)] {
        for name in names.iter().filter(|n| !have(n)) {
            l.bin(&format!("{dir}/{name}"), size);
        }
    }
    for name in super::debian_programs::USR_SBIN.iter().filter(|n| !have(n)) {
        l.bin(&format!("usr/sbin/{name}"), 43_000);
    }
    l.link(&format!("{bin}/sh"), "dash");
    l.link(&format!("{bin}/gunzip"), "gzip");
    // awk is mawk through the alternatives system, as in the real images.
    l.link("etc/alternatives/awk", "/usr/bin/mawk");
    l.link("usr/bin/awk", "/etc/alternatives/awk");
    l.bins("usr/sbin", DEB_SBIN);
    l.bins("usr/lib/x86_64-linux-gnu", DEB_LIBS);
    l.link("usr/lib64/ld-linux-x86-64.so.2", "../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
    l.bin("usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", 210_968);
    l.text("usr/lib/os-release", &(rel.os_release)(), 0o644);
    l.link("etc/os-release", "../usr/lib/os-release");
    l.text("etc/debian_version", rel.debian_version, 0o644);
    l.text("etc/passwd", &format!("{}{}", texts::DEBIAN_PASSWD, rel.extra_passwd), 0o644);
    l.text("etc/group", &format!("{}{}", texts::DEBIAN_GROUP, rel.extra_group), 0o644);
    l.text("etc/shadow", "root:*:19000:0:99999:7:::\n", 0o640);
    l.text("etc/profile", "if [ \"$(id -u)\" -eq 0 ]; then\n  PATH=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\nelse\n  PATH=\"/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games\"\nfi\nexport PATH\n", 0o644);
    l.text("etc/bash.bashrc", "# System-wide .bashrc file for interactive bash(1) shells.\n[ -z \"$PS1\" ] && return\n", 0o644);
    l.text("root/.bashrc", "# ~/.bashrc: executed by bash(1) for non-login shells.\n", 0o644);
    l.text("root/.profile", "# ~/.profile: executed by Bourne-compatible login shells.\n", 0o644);
    l.text("var/lib/dpkg/status", &texts::dpkg_status(DEB_PACKAGES), 0o644);
    if !rel.slim {
        l.fill_to(rel.size * 2 / 5, "usr/share/doc", "manual", ".gz");
    }
    l.fill_to(rel.size, "usr/lib/x86_64-linux-gnu", "libdata", ".so");
    l
}

pub(crate) fn debian_layer(rel: &'static Debian) -> (String, Box<dyn Fn() -> LayerFs>) {
    (rel.key.to_string(), Box::new(move || debian_base(rel)))
}

/// An Alpine release.
pub(crate) struct Alpine {
    pub key: &'static str,
    pub version: &'static str,
    pub busybox: &'static str,
    pub size: u64,
    pub mtime: i64,
}

use super::busybox_applets::{BIN as ALPINE_BIN_APPLETS, SBIN as ALPINE_SBIN_APPLETS};
use super::busybox_applets::{USR_BIN as ALPINE_USR_BIN_APPLETS, USR_SBIN as ALPINE_USR_SBIN_APPLETS};

fn alpine_base(rel: &Alpine) -> LayerFs {
    let mut l = LayerFs::new(rel.key, rel.mtime);
    l.dirs(&["bin", "dev", "etc/apk/keys", "home", "lib/apk/db", "media/cdrom", "mnt", "opt", "proc", "run", "sbin"]);
    l.dirs(&["srv", "sys", "usr/bin", "usr/sbin", "usr/lib", "usr/local/bin", "usr/local/lib", "usr/local/share"]);
    l.dirs(&["usr/share/apk", "var/cache/apk", "var/lib", "var/log", "var/spool", "var/mail"]);
    l.dir("root", 0o700).dir("tmp", 0o1777).dir("var/tmp", 0o1777);
    l.bin("bin/busybox", 808_712);
    l.links("bin", ALPINE_BIN_APPLETS, "/bin/busybox");
    l.links("usr/bin", ALPINE_USR_BIN_APPLETS, "/bin/busybox");
    l.links("sbin", ALPINE_SBIN_APPLETS, "/bin/busybox");
    l.links("usr/sbin", ALPINE_USR_SBIN_APPLETS, "/bin/busybox");
    l.bin("sbin/apk", 118_008);
    l.bin("sbin/ldconfig", 393);
    l.bin("lib/ld-musl-x86_64.so.1", 645_712);
    l.link("lib/libc.musl-x86_64.so.1", "ld-musl-x86_64.so.1");
    l.bins("lib", &[("libapk.so.2.14.0", 218_000), ("libz.so.1.3.1", 100_000)]);
    l.bins("usr/lib", &[("libcrypto.so.3", 4_431_000), ("libssl.so.3", 625_000)]);
    l.text("etc/os-release", &texts::alpine_os_release(rel.version), 0o644);
    l.text("etc/alpine-release", &format!("{}\n", rel.version), 0o644);
    let branch = rel.version.rsplit_once('.').map_or(rel.version, |(a, _)| a);
    l.text(
        "etc/apk/repositories",
        &format!("https://dl-cdn.alpinelinux.org/alpine/v{branch}/main\nhttps://dl-cdn.alpinelinux.org/alpine/v{branch}/community\n"),
        0o644,
    );
    l.text("etc/apk/world", "alpine-baselayout\nalpine-keys\napk-tools\nbusybox\nca-certificates-bundle\nlibc-utils\n", 0o644);
    l.text("etc/passwd", texts::ALPINE_PASSWD, 0o644);
    l.text("etc/group", texts::ALPINE_GROUP, 0o644);
    l.text("etc/shadow", "root:*::0:::::\n", 0o640);
    l.text("etc/profile", "export PATH=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\n", 0o644);
    l.text("etc/hostname", "localhost\n", 0o644);
    let packages: &[(&str, &str, u32, &str)] = &[
        ("alpine-baselayout", "3.6.5-r0", 8_192, "Alpine base dir structure and init scripts"),
        ("alpine-keys", "2.4-r1", 159_744, "Public keys for Alpine Linux packages"),
        ("apk-tools", "2.14.4-r1", 258_048, "Alpine Package Keeper - package manager for alpine"),
        ("busybox", rel.busybox, 946_176, "Size optimized toolbox of many common UNIX utilities"),
        ("ca-certificates-bundle", "20240705-r0", 233_472, "Pre generated bundle of Mozilla certificates"),
        ("musl", "1.2.5-r0", 651_264, "the musl c library (libc) implementation"),
        ("musl-utils", "1.2.5-r0", 139_264, "the musl c library (libc) implementation"),
        ("scanelf", "1.3.7-r2", 86_016, "Scan ELF binaries for stuff"),
        ("zlib", "1.3.1-r1", 102_400, "A compression/decompression Library"),
    ];
    l.text("lib/apk/db/installed", &texts::apk_installed(packages), 0o644);
    l.fill_to(rel.size, "usr/lib", "libdata", ".so");
    l
}

pub(crate) fn alpine_layer(rel: &'static Alpine) -> (String, Box<dyn Fn() -> LayerFs>) {
    (rel.key.to_string(), Box::new(move || alpine_base(rel)))
}

/// The BusyBox image's single layer.
pub(crate) fn busybox_layer() -> (String, Box<dyn Fn() -> LayerFs>) {
    (
        "busybox:1.37.0-glibc".to_string(),
        Box::new(|| {
            let mut l = LayerFs::new("busybox:1.37.0", 1_727_386_302);
            l.dirs(&["dev", "etc", "home", "lib", "lib64", "tmp", "usr/sbin", "var/spool/mail", "var/www"]);
            l.dir("root", 0o700).dir("tmp", 0o1777);
            l.bin("bin/busybox", 1_159_496);
            l.links("bin", ALPINE_BIN_APPLETS, "busybox");
            l.links("bin", ALPINE_USR_BIN_APPLETS, "busybox");
            l.links("bin", ALPINE_SBIN_APPLETS, "busybox");
            l.links("bin", ALPINE_USR_SBIN_APPLETS, "busybox");
            l.bins("lib", &[("libc.so.6", 1_922_136), ("libm.so.6", 907_784), ("libresolv.so.2", 68_104)]);
            l.link("lib64/ld-linux-x86-64.so.2", "/lib/ld-linux-x86-64.so.2");
            l.bin("lib/ld-linux-x86-64.so.2", 210_968);
            l.text("etc/passwd", texts::BUSYBOX_PASSWD, 0o644);
            l.text("etc/group", texts::BUSYBOX_GROUP, 0o644);
            l.text("etc/shadow", "root::10933:0:99999:7:::\n", 0o600);
            l.text("etc/localtime", "TZif2", 0o644);
            l
        }),
    )
}
