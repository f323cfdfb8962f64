//! The learner's machine as it is first booted: Ubuntu 24.04 with Docker
//! Engine installed from Docker's apt repository, as cloud machines and the
//! install guides leave it. Its programs are the simulator's own (a file on
//! `PATH` names the program that runs); dpkg's database lists what is
//! installed, so `sudo apt install jq` installs from the package index and
//! `apt install docker-ce` finds it already there.

use crate::vfs::{Content, Fs, Meta};

/// The learner's home directory on the simulated host.
pub const HOME: &str = "/home/learner";

const OS_RELEASE: &str = "PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\nVERSION=\"24.04.1 LTS (Noble Numbat)\"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL=\"https://www.ubuntu.com/\"\nSUPPORT_URL=\"https://help.ubuntu.com/\"\nBUG_REPORT_URL=\"https://bugs.launchpad.net/ubuntu/\"\nPRIVACY_POLICY_URL=\"https://www.ubuntu.com/legal/terms-and-policies/privacy-policy\"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n";

const LSB_RELEASE: &str = "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=24.04\nDISTRIB_CODENAME=noble\nDISTRIB_DESCRIPTION=\"Ubuntu 24.04.1 LTS\"\n";

/// Programs in `/bin`.
const BIN: &[&str] = &["sh", "bash", "ls", "cat", "echo", "mkdir", "rm", "cp", "mv", "touch", "pwd", "env", "true", "false"];

/// Programs in `/usr/bin`.
const USR_BIN: &[&str] = &[
    "docker",
    "curl",
    "wget",
    "git",
    "clear",
    "grep",
    "egrep",
    "fgrep",
    "head",
    "tail",
    "wc",
    "sort",
    "sed",
    "awk",
    "tr",
    "uniq",
    "cut",
    "find",
    "xargs",
    "tee",
    "ln",
    "chmod",
    "chown",
    "basename",
    "dirname",
    "date",
    "sleep",
    "printf",
    "seq",
    "id",
    "whoami",
    "groups",
    "uname",
    "hostname",
    "realpath",
    "readlink",
    "[",
    "test",
    "yes",
    "du",
    "df",
    "nl",
    "paste",
    "rev",
    "tac",
    "od",
    "base64",
    "sha256sum",
    "md5sum",
    "stat",
    "file",
    "split",
    "fold",
    "comm",
    "column",
    "tar",
    "gzip",
    "gunzip",
    "zcat",
    "dd",
    "truncate",
    "less",
    "more",
    "diff",
    "cmp",
    "sudo",
    "which",
    "systemctl",
    "tree",
    "usermod",
    "apt",
    "apt-get",
    "apt-cache",
    "dpkg",
    "dpkg-query",
    "lsb_release",
    "python3",
    "python3.12",
    "ps",
    "top",
    "nano",
    "vim",
    "vi",
    "ping",
    "expr",
    "mktemp",
    "rmdir",
    "uptime",
    "free",
    "nproc",
];

/// dpkg's database: the packages that make these programs, and Docker
/// Engine's (name, version, architecture, installed KiB, description).
const PACKAGES: &[(&str, &str, &str, u32, &str)] = &[
    ("adduser", "3.137ubuntu1", "all", 612, "add and remove users and groups"),
    ("apt", "2.7.14build2", "amd64", 4156, "commandline package manager"),
    ("base-files", "13ubuntu10.1", "amd64", 394, "Debian base system miscellaneous files"),
    ("bash", "5.2.21-2ubuntu4", "amd64", 1872, "GNU Bourne Again SHell"),
    ("ca-certificates", "20240203", "all", 381, "Common CA certificates"),
    ("containerd.io", "1.7.24-1", "amd64", 124_012, "An open and reliable container runtime"),
    ("coreutils", "9.4-3ubuntu6", "amd64", 7120, "GNU core utilities"),
    ("curl", "8.5.0-2ubuntu10.6", "amd64", 520, "command line tool for transferring data with URL syntax"),
    ("diffutils", "1:3.10-1build1", "amd64", 1608, "File comparison utilities"),
    ("docker-buildx-plugin", "0.19.3-1~ubuntu.24.04~noble", "amd64", 132_360, "Docker Buildx cli plugin."),
    ("docker-ce", "5:27.4.1-1~ubuntu.24.04~noble", "amd64", 111_240, "Docker: the open-source application container engine"),
    ("docker-ce-cli", "5:27.4.1-1~ubuntu.24.04~noble", "amd64", 37_652, "Docker CLI: the open-source application container engine"),
    ("docker-ce-rootless-extras", "5:27.4.1-1~ubuntu.24.04~noble", "amd64", 25_396, "Rootless support for Docker."),
    ("docker-compose-plugin", "2.32.1-1~ubuntu.24.04~noble", "amd64", 70_240, "Docker Compose (V2) plugin for the Docker CLI."),
    ("dpkg", "1.22.6ubuntu6.1", "amd64", 6668, "Debian package management system"),
    ("findutils", "4.9.0-5build1", "amd64", 1672, "utilities for finding files--find, xargs"),
    ("git", "1:2.43.0-1ubuntu7.1", "amd64", 21_300, "fast, scalable, distributed revision control system"),
    ("gnupg", "2.4.4-2ubuntu17", "all", 1110, "GNU privacy guard - a free PGP replacement"),
    ("grep", "3.11-4build1", "amd64", 1102, "GNU grep, egrep and fgrep"),
    ("gzip", "1.12-1ubuntu3", "amd64", 262, "GNU compression utilities"),
    ("iputils-ping", "3:20240117-1build1", "amd64", 107, "Tools to test the reachability of network hosts"),
    ("less", "590-2ubuntu2.1", "amd64", 356, "pager program similar to more"),
    ("lsb-release", "12.0-2", "all", 17, "Linux Standard Base version reporting utility (minimal implementation)"),
    ("mawk", "1.3.4.20240123-1build1", "amd64", 240, "Pattern scanning and text processing language"),
    ("nano", "7.2-2ubuntu0.1", "amd64", 881, "small, friendly text editor inspired by Pico"),
    ("procps", "2:4.0.4-4ubuntu3.2", "amd64", 1568, "/proc file system utilities"),
    ("python3", "3.12.3-0ubuntu2", "amd64", 92, "interactive high-level object-oriented language (default python3 version)"),
    ("python3.12", "3.12.3-1ubuntu0.3", "amd64", 647, "Interactive high-level object-oriented language (version 3.12)"),
    ("sed", "4.9-2build1", "amd64", 552, "GNU stream editor for filtering/transforming text"),
    ("sudo", "1.9.15p5-3ubuntu5", "amd64", 3944, "Provide limited super user privileges to specific users"),
    ("tar", "1.35+dfsg-3build1", "amd64", 2940, "GNU version of the tar archiving utility"),
    ("tree", "2.1.1-2ubuntu3", "amd64", 111, "displays an indented directory tree, in color"),
    ("vim", "2:9.1.0016-1ubuntu7.5", "amd64", 4188, "Vi IMproved - enhanced vi editor"),
    ("wget", "1.21.4-1ubuntu4.1", "amd64", 972, "retrieves files from the web"),
];

/// Files the learner owns are uid/gid 1000.
pub fn owned(mut meta: Meta) -> Meta {
    meta.uid = 1000;
    meta.gid = 1000;
    meta
}

/// dpkg's status file for [`PACKAGES`].
fn dpkg_status() -> String {
    let mut text = String::new();
    for (name, version, arch, kib, description) in PACKAGES {
        text.push_str(&format!(
            "Package: {name}\nStatus: install ok installed\nPriority: optional\nInstalled-Size: {kib}\nArchitecture: {arch}\nVersion: {version}\nDescription: {description}\n\n"
        ));
    }
    text
}

/// The host's filesystem at boot.
pub fn filesystem(now: i64) -> Fs {
    let mut fs = Fs::new();
    let dir = Meta::new(0o755, now);
    for d in ["/bin", "/usr/bin", "/usr/local/bin", "/etc", "/tmp", "/var", "/var/lib/apt/lists/partial", "/var/cache/apt/archives"] {
        let _ = fs.mkdir_all(d, dir.clone());
    }
    let _ = fs.mkdir_all(HOME, owned(dir.clone()));
    crate::container::dev::populate(&mut fs, now);
    let exe = Meta::new(0o755, now);
    for (dir, names) in [("/bin", BIN), ("/usr/bin", USR_BIN)] {
        for p in names {
            let _ = fs.write(&format!("{dir}/{p}"), Content::from_bytes(Vec::new()), exe.clone());
        }
    }
    let file = Meta::new(0o644, now);
    for (path, text) in [
        ("/etc/hostname", "dockersim\n".to_string()),
        ("/etc/os-release", OS_RELEASE.to_string()),
        ("/etc/lsb-release", LSB_RELEASE.to_string()),
        ("/etc/group", "root:x:0:\nsudo:x:27:learner\ndocker:x:999:learner\nlearner:x:1000:\nnogroup:x:65534:\n".to_string()),
        (
            "/etc/passwd",
            "root:x:0:0:root:/root:/bin/bash\nlearner:x:1000:1000:learner:/home/learner:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
                .to_string(),
        ),
        ("/var/lib/dpkg/status", dpkg_status()),
    ] {
        if let Some(i) = path.rfind('/').filter(|&i| i > 0) {
            let _ = fs.mkdir_all(&path[..i], dir.clone());
        }
        let _ = fs.write(path, Content::from_bytes(text), file.clone());
    }
    // The machine has run `apt update` before (cloud images do at first boot).
    let lists = "/var/lib/apt/lists/archive.ubuntu.com_ubuntu_dists_noble_main_binary-amd64_Packages";
    let _ = fs.write(lists, Content::Generated { size: 1_782_512, seed: 24 }, file);
    fs
}
