//! Runtime layers: buildpack-deps toolchains, Node.js, Yarn, Python, nginx,
//! Go and httpd, in the places the official images put them.

use super::layerfs::LayerFs;
use super::texts;

/// buildpack-deps' three layers on a Debian release: curl, scm, full toolchain.
pub(crate) fn buildpack(release: &str, part: &str, size: u64, mtime: i64) -> LayerFs {
    let mut l = LayerFs::new(&format!("buildpack:{release}:{part}"), mtime);
    match part {
        "curl" => {
            l.bins("usr/bin", &[("curl", 260_328), ("wget", 520_000), ("gpg", 1_130_000), ("dirmngr", 520_000)]);
            l.bins("usr/lib/x86_64-linux-gnu", &[("libcurl.so.4.8.0", 700_000), ("libgnutls.so.30", 2_060_000)]);
            l.generated("etc/ssl/certs/ca-certificates.crt", 213_777, 0o644);
            l.fill_to(size, "usr/share/ca-certificates", "certs", ".crt");
        }
        "scm" => {
            l.bins("usr/bin", &[("git", 3_920_000), ("ssh", 900_000), ("svn", 300_000), ("hg", 3_000), ("ps", 150_000)]);
            l.bins("usr/bin", &[("top", 130_000), ("free", 30_000), ("kill", 30_000)]);
            l.fill_to(size, "usr/lib/git-core", "git-", "");
        }
        _ => {
            l.bins("usr/bin", &[("gcc-12", 1_200_000), ("g++-12", 1_200_000), ("make", 250_000), ("pkg-config", 40_000)]);
            l.bins("usr/bin", &[("python3.11", 6_800_000), ("perl", 3_900_000), ("patch", 200_000), ("file", 30_000)]);
            l.link("usr/bin/gcc", "gcc-12").link("usr/bin/g++", "g++-12").link("usr/bin/cc", "gcc").link("usr/bin/python3", "python3.11");
            l.dirs(&["usr/include"]);
            l.fill_to(size * 3 / 10, "usr/include", "headers", ".h");
            l.fill_to(size, "usr/lib/x86_64-linux-gnu", "libdev", ".a");
        }
    }
    l
}

/// The `node` user the official node images add (uid/gid 1000).
pub(crate) fn node_user(base_key: &str, alpine: bool, passwd: &str, group: &str, mtime: i64) -> LayerFs {
    let mut l = LayerFs::new(&format!("node-user:{base_key}"), mtime);
    if alpine {
        l.text("etc/passwd", &format!("{passwd}node:x:1000:1000:Linux User,,,:/home/node:/bin/sh\n"), 0o644);
        l.text("etc/group", &format!("{group}node:x:1000:node\n"), 0o644);
        l.text("etc/shadow", "root:*::0:::::\nnode:!:20000:0:99999:7:::\n", 0o640);
    } else {
        l.text("etc/passwd", &format!("{passwd}node:x:1000:1000::/home/node:/bin/bash\n"), 0o644);
        l.text("etc/group", &format!("{group}node:x:1000:\n"), 0o644);
        l.text("etc/shadow", "root:*:19000:0:99999:7:::\nnode:!:20000:0:99999:7:::\n", 0o640);
        l.text("home/node/.bashrc", "# ~/.bashrc: executed by bash(1) for non-login shells.\n", 0o644);
        l.text("home/node/.profile", "# ~/.profile: executed by the command interpreter for login shells.\n", 0o644);
        l.text("home/node/.bash_logout", "# ~/.bash_logout: executed by bash(1) when login shell exits.\n", 0o644);
    }
    l.dir("home/node", 0o755);
    own_tree(&mut l, "home/node", 1000);
    l
}

fn own_tree(l: &mut LayerFs, path: &str, id: u32) {
    let abs = format!("/{path}");
    let mut paths = vec![abs.clone()];
    for (p, _) in l.fs.walk() {
        let p = format!("/{p}");
        if p.starts_with(&format!("{abs}/")) {
            paths.push(p);
        }
    }
    for p in paths {
        if let Ok(node) = l.fs.get_nofollow(&p) {
            let mut node = node.clone();
            if let crate::vfs::Node::Dir { entries, .. } = &mut node {
                entries.clear();
            }
            node.meta_mut().uid = id;
            node.meta_mut().gid = id;
            let _ = l.fs.insert(&p, node);
        }
    }
}

/// Node.js itself under /usr/local, with npm, npx and corepack.
pub(crate) fn node(version: &str, npm: &str, alpine: bool, size: u64, mtime: i64) -> LayerFs {
    let mut l = LayerFs::new(&format!("node:{version}:{}", if alpine { "musl" } else { "glibc" }), mtime);
    let binary = size * 7 / 10;
    l.bin("usr/local/bin/node", binary);
    if !alpine {
        l.link("usr/local/bin/nodejs", "/usr/local/bin/node");
    }
    let npm_dir = "usr/local/lib/node_modules/npm";
    l.text(&format!("{npm_dir}/package.json"), &format!("{{\n  \"name\": \"npm\",\n  \"version\": \"{npm}\",\n  \"bin\": {{\n    \"npm\": \"bin/npm-cli.js\",\n    \"npx\": \"bin/npx-cli.js\"\n  }}\n}}\n"), 0o644);
    l.text(&format!("{npm_dir}/bin/npm-cli.js"), "#!/usr/bin/env node\nrequire('../lib/cli.js')(process)\n", 0o755);
    l.text(&format!("{npm_dir}/bin/npx-cli.js"), "#!/usr/bin/env node\nrequire('../lib/cli.js')(process)\n", 0o755);
    l.link("usr/local/bin/npm", "../lib/node_modules/npm/bin/npm-cli.js");
    l.link("usr/local/bin/npx", "../lib/node_modules/npm/bin/npx-cli.js");
    let major: u32 = version.split('.').next().and_then(|m| m.parse().ok()).unwrap_or(0);
    if major >= 16 {
        l.text("usr/local/lib/node_modules/corepack/package.json", "{\n  \"name\": \"corepack\"\n}\n", 0o644);
        l.text(
            "usr/local/lib/node_modules/corepack/dist/corepack.js",
            "#!/usr/bin/env node\nrequire('./lib/corepack.cjs').runMain(process.argv.slice(2));\n",
            0o755,
        );
        l.link("usr/local/bin/corepack", "../lib/node_modules/corepack/dist/corepack.js");
    }
    let (maj, rest) = version.split_once('.').unwrap_or((version, "0.0"));
    let (min, patch) = rest.split_once('.').unwrap_or((rest, "0"));
    l.text(
        "usr/local/include/node/node_version.h",
        &format!("#define NODE_MAJOR_VERSION {maj}\n#define NODE_MINOR_VERSION {min}\n#define NODE_PATCH_VERSION {patch}\n"),
        0o644,
    );
    l.fill_to(size, npm_dir, "lib/chunk", ".js");
    l
}

/// Yarn classic under /opt, linked into /usr/local/bin.
pub(crate) fn yarn(version: &str, size: u64, mtime: i64) -> LayerFs {
    let mut l = LayerFs::new(&format!("yarn:{version}"), mtime);
    let dir = format!("opt/yarn-v{version}");
    l.text(&format!("{dir}/bin/yarn"), "#!/bin/sh\nexec node \"$(dirname \"$0\")/yarn.js\" \"$@\"\n", 0o755);
    l.text(&format!("{dir}/bin/yarn.js"), "#!/usr/bin/env node\nrequire('../lib/cli.js');\n", 0o755);
    l.text(&format!("{dir}/package.json"), &format!("{{\n  \"name\": \"yarn\",\n  \"version\": \"{version}\"\n}}\n"), 0o644);
    l.link("usr/local/bin/yarn", &format!("/{dir}/bin/yarn"));
    l.link("usr/local/bin/yarnpkg", &format!("/{dir}/bin/yarn"));
    l.fill_to(size, &format!("{dir}/lib"), "cli", ".js");
    l
}

/// node's `docker-entrypoint.sh`.
pub(crate) fn node_entrypoint(mtime: i64) -> LayerFs {
    let mut l = LayerFs::new("node-entrypoint", mtime);
    l.text("usr/local/bin/docker-entrypoint.sh", texts::NODE_ENTRYPOINT, 0o755);
    l
}

/// Python built from source under /usr/local.
pub(crate) fn python(version: &str, flavour: &str, size: u64, mtime: i64) -> LayerFs {
    let mut l = LayerFs::new(&format!("python:{version}:{flavour}"), mtime);
    let minor: String = version.split('.').take(2).collect::<Vec<_>>().join(".");
    l.bin(&format!("usr/local/bin/python{minor}"), 17_192);
    l.link("usr/local/bin/python3", &format!("python{minor}"));
    l.text(
        &format!("usr/local/bin/pip{minor}"),
        "#!/usr/local/bin/python3\nimport sys\nfrom pip._internal.cli.main import main\nsys.exit(main())\n",
        0o755,
    );
    l.link("usr/local/bin/pip3", &format!("pip{minor}"));
    l.bin(&format!("usr/local/lib/libpython{minor}.so.1.0"), size / 5);
    let lib = format!("usr/local/lib/python{minor}");
    l.text(&format!("{lib}/os.py"), "r\"\"\"OS routines for NT or Posix depending on what system we're on.\"\"\"\n", 0o644);
    l.text(
        &format!("{lib}/site-packages/README.txt"),
        "This directory exists so that 3rd party packages can be installed\nhere.  Read the source for site.py for more details.\n",
        0o644,
    );
    l.dirs(&[&format!("{lib}/site-packages/pip")]);
    l.fill_to(size * 9 / 10, &lib, "stdlib", ".pyc");
    l.fill_to(size, &format!("{lib}/site-packages/pip"), "_vendor", ".py");
    l
}

/// The official image's `python`/`pip` convenience symlinks.
pub(crate) fn python_links(version: &str, mtime: i64) -> LayerFs {
    let mut l = LayerFs::new(&format!("python-links:{version}"), mtime);
    for (src, dst) in [("idle3", "idle"), ("pip3", "pip"), ("pydoc3", "pydoc"), ("python3", "python"), ("python3-config", "python-config")]
    {
        l.link(&format!("usr/local/bin/{dst}"), src);
    }
    l
}

/// nginx with its configuration, welcome page and entrypoint scripts.
pub(crate) fn nginx(flavour: &str, size: u64, mtime: i64) -> LayerFs {
    let stock = |n: &str| crate::apps::nginx_conf::stock_file(n).unwrap_or_default();
    let mut l = LayerFs::new(&format!("nginx:{flavour}"), mtime);
    l.bin("usr/sbin/nginx", 1_358_000);
    l.link("usr/sbin/nginx-debug", "nginx");
    l.text("etc/nginx/nginx.conf", texts::NGINX_CONF, 0o644);
    l.text("etc/nginx/conf.d/default.conf", texts::NGINX_DEFAULT_CONF, 0o644);
    l.text("etc/nginx/mime.types", stock("mime.types"), 0o644);
    l.text("etc/nginx/fastcgi_params", stock("fastcgi_params"), 0o644);
    l.text("etc/nginx/scgi_params", stock("scgi_params"), 0o644);
    l.text("etc/nginx/uwsgi_params", stock("uwsgi_params"), 0o644);
    l.link("etc/nginx/modules", "/usr/lib/nginx/modules");
    l.text("usr/share/nginx/html/index.html", stock("index.html"), 0o644);
    l.text("usr/share/nginx/html/50x.html", stock("50x.html"), 0o644);
    l.dirs(&["var/cache/nginx", "var/log/nginx", "docker-entrypoint.d"]);
    l.link("var/log/nginx/access.log", "/dev/stdout");
    l.link("var/log/nginx/error.log", "/dev/stderr");
    let (passwd, group) =
        if flavour == "alpine" { (texts::ALPINE_PASSWD, texts::ALPINE_GROUP) } else { (texts::DEBIAN_PASSWD, texts::DEBIAN_GROUP) };
    l.text("etc/passwd", &format!("{passwd}nginx:x:101:101:nginx user:/nonexistent:/bin/false\n"), 0o644);
    l.text("etc/group", &format!("{group}nginx:x:101:\n"), 0o644);
    l.fill_to(size, "usr/lib/nginx/modules", "module", ".so");
    l
}

/// One of nginx's small COPY layers (`/docker-entrypoint.sh` and `/docker-entrypoint.d/*`).
pub(crate) fn nginx_script(path: &str, mtime: i64) -> LayerFs {
    let mut l = LayerFs::new(&format!("nginx-script:{path}"), mtime);
    if path == "docker-entrypoint.sh" {
        l.text(path, texts::NGINX_ENTRYPOINT, 0o755);
    } else {
        l.text(&format!("docker-entrypoint.d/{path}"), "#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n\nexit 0\n", 0o755);
    }
    l
}

/// A generic layer of `size` bytes under `dir` (apt/apk dependency installs).
pub(crate) fn packages(key: &str, dir: &str, size: u64, mtime: i64) -> LayerFs {
    let mut l = LayerFs::new(key, mtime);
    l.fill_to(size, dir, "pkg", ".so");
    l
}

/// The Go toolchain under /usr/local/go.
pub(crate) fn golang(version: &str, size: u64, mtime: i64) -> LayerFs {
    let mut l = LayerFs::new(&format!("go:{version}"), mtime);
    l.bins("usr/local/go/bin", &[("go", 14_900_000), ("gofmt", 3_300_000)]);
    l.text("usr/local/go/VERSION", &format!("go{version}\ntime 2024-12-02T19:05:42Z\n"), 0o644);
    l.fill_to(size, "usr/local/go/pkg/tool/linux_amd64", "tool", "");
    l
}

/// `mkdir -p /go/src /go/bin` (GOPATH), world-writable as the official image makes it.
pub(crate) fn gopath(mtime: i64) -> LayerFs {
    let mut l = LayerFs::new("gopath", mtime);
    l.dir("go", 0o1777).dir("go/src", 0o1777).dir("go/bin", 0o1777);
    l
}

/// Apache httpd under /usr/local/apache2.
pub(crate) fn httpd(size: u64, mtime: i64) -> LayerFs {
    let mut l = LayerFs::new("httpd:2.4.62", mtime);
    l.bin("usr/local/apache2/bin/httpd", 2_600_000);
    l.text("usr/local/apache2/htdocs/index.html", texts::HTTPD_INDEX, 0o644);
    l.generated("usr/local/apache2/conf/httpd.conf", 20_891, 0o644);
    l.dirs(&["usr/local/apache2/logs", "usr/local/apache2/cgi-bin"]);
    l.fill_to(size, "usr/local/apache2/modules", "mod_", ".so");
    l
}

pub(crate) fn httpd_foreground(mtime: i64) -> LayerFs {
    let mut l = LayerFs::new("httpd-foreground", mtime);
    l.text("usr/local/bin/httpd-foreground", texts::HTTPD_FOREGROUND, 0o755);
    l
}

/// `WORKDIR` layers: an empty directory.
pub(crate) fn workdir(path: &str, mtime: i64) -> LayerFs {
    let mut l = LayerFs::new(&format!("workdir:{path}"), mtime);
    l.dir(path, 0o755);
    l
}

/// diamol/ch03-web-ping's application.
pub(crate) fn web_ping_app(mtime: i64) -> LayerFs {
    let mut l = LayerFs::new("web-ping-app", mtime);
    l.text("web-ping/app.js", texts::WEB_PING_APP, 0o644);
    l
}
