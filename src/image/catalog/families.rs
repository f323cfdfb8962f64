//! The catalog's images: which layers each is made of, its history and config.

use super::os::{self, Alpine, Debian};
use super::runtimes as rt;
use super::texts;
use super::{classic, Spec, Step};
use crate::image::config::DEFAULT_PATH;
use crate::image::ContainerConfig;

/// Every `name:tag` the catalog answers.
pub(crate) const ALL_REFERENCES: &[&str] = &[
    "busybox:latest",
    "busybox:1.37",
    "alpine:3.19",
    "alpine:3.20",
    "alpine:latest",
    "debian:bookworm",
    "debian:bookworm-slim",
    "debian:12",
    "debian:latest",
    "debian:buster",
    "debian:buster-slim",
    "ubuntu:20.04",
    "ubuntu:22.04",
    "ubuntu:24.04",
    "ubuntu:latest",
    "ubuntu:focal",
    "ubuntu:jammy",
    "ubuntu:noble",
    "node:14",
    "node:14-alpine",
    "node:14-slim",
    "node:18",
    "node:18-alpine",
    "node:18-slim",
    "node:20",
    "node:20-alpine",
    "node:20-slim",
    "node:22",
    "node:22-alpine",
    "node:22-slim",
    "node:latest",
    "node:alpine",
    "node:slim",
    "node:lts",
    "node:lts-alpine",
    "node:lts-slim",
    "python:3.8",
    "python:3.8-slim",
    "python:3.8-alpine",
    "python:3.12",
    "python:3.12-slim",
    "python:3.12-alpine",
    "python:3.13",
    "python:latest",
    "python:slim",
    "python:alpine",
    "nginx:latest",
    "nginx:alpine",
    "nginx:1.27",
    "nginx:1.27-alpine",
    "nginx:stable",
    "golang:1.22",
    "golang:1.22-alpine",
    "httpd:latest",
    "httpd:2.4",
    "httpd:2",
    "httpd:2.4.62",
    "diamol/ch03-web-ping:latest",
    "diamol/node:latest",
    "buildpack-deps:bookworm",
    "buildpack-deps:12",
    "buildpack-deps:latest",
    "buildpack-deps:bookworm-curl",
    "buildpack-deps:bookworm-scm",
    "buildpack-deps:buster",
    "buildpack-deps:buster-curl",
    "buildpack-deps:buster-scm",
];

const BOOKWORM_T: i64 = 1_734_912_000;
const BUSTER_T: i64 = 1_686_528_000;
const ALPINE_T: i64 = 1_725_624_336;
const IMAGE_T: i64 = 1_735_004_300;

static BOOKWORM: Debian = Debian {
    key: "debian:bookworm",
    os_release: || texts::debian_os_release("12", "bookworm"),
    merged_usr: true,
    slim: false,
    size: 116_500_000,
    mtime: BOOKWORM_T,
    debian_version: "12.8\n",
    extra_passwd: "",
    extra_group: "",
};
static BOOKWORM_SLIM: Debian = Debian {
    key: "debian:bookworm-slim",
    os_release: || texts::debian_os_release("12", "bookworm"),
    merged_usr: true,
    slim: true,
    size: 74_800_000,
    mtime: BOOKWORM_T,
    debian_version: "12.8\n",
    extra_passwd: "",
    extra_group: "",
};
static BUSTER: Debian = Debian {
    key: "debian:buster",
    os_release: || texts::debian_os_release("10", "buster"),
    merged_usr: false,
    slim: false,
    size: 114_100_000,
    mtime: BUSTER_T,
    debian_version: "10.13\n",
    extra_passwd: "",
    extra_group: "",
};
static BUSTER_SLIM: Debian = Debian {
    key: "debian:buster-slim",
    os_release: || texts::debian_os_release("10", "buster"),
    merged_usr: false,
    slim: true,
    size: 69_300_000,
    mtime: BUSTER_T,
    debian_version: "10.13\n",
    extra_passwd: "",
    extra_group: "",
};
static NOBLE: Debian = Debian {
    key: "ubuntu:24.04",
    os_release: || texts::ubuntu_os_release("24.04.1", "24.04", "Noble Numbat", "noble"),
    merged_usr: true,
    slim: false,
    size: 78_100_000,
    mtime: 1_728_616_885,
    debian_version: "trixie/sid\n",
    extra_passwd: "ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n",
    extra_group: "ubuntu:x:1000:\n",
};
static JAMMY: Debian = Debian {
    key: "ubuntu:22.04",
    os_release: || texts::ubuntu_os_release("22.04.5", "22.04", "Jammy Jellyfish", "jammy"),
    merged_usr: true,
    slim: false,
    size: 77_900_000,
    mtime: 1_726_070_602,
    debian_version: "bookworm/sid\n",
    extra_passwd: "",
    extra_group: "",
};
static FOCAL: Debian = Debian {
    key: "ubuntu:20.04",
    os_release: || texts::ubuntu_os_release("20.04.6", "20.04", "Focal Fossa", "focal"),
    merged_usr: true,
    slim: false,
    size: 72_800_000,
    mtime: 1_728_616_881,
    debian_version: "bullseye/sid\n",
    extra_passwd: "",
    extra_group: "",
};
static ALPINE_320: Alpine = Alpine { key: "alpine:3.20", version: "3.20.3", busybox: "1.36.1-r29", size: 7_800_000, mtime: ALPINE_T };
static ALPINE_319: Alpine = Alpine { key: "alpine:3.19", version: "3.19.4", busybox: "1.36.1-r20", size: 7_380_000, mtime: ALPINE_T };

fn layer(entry: (String, Box<dyn Fn() -> super::LayerFs>), created_by: String) -> Step {
    let (key, build) = entry;
    Step::Layer { key, created_by, build }
}

fn lay(key: String, created_by: &str, build: impl Fn() -> super::LayerFs + 'static) -> Step {
    Step::Layer { key, created_by: created_by.to_string(), build: Box::new(build) }
}

fn meta(created_by: &str) -> Step {
    Step::Meta(created_by.to_string())
}

fn env(pairs: &[(&str, &str)]) -> Vec<String> {
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect()
}

fn argv(items: &[&str]) -> Option<Vec<String>> {
    Some(items.iter().map(|s| s.to_string()).collect())
}

/// The base image's own history (as `docker history debian:bookworm` shows it).
fn debian_steps(rel: &'static Debian) -> Vec<Step> {
    let (name, tag) = rel.key.split_once(':').unwrap_or((rel.key, ""));
    let codename = tag.trim_end_matches("-slim");
    if name == "ubuntu" {
        // Ubuntu's Dockerfile: ARGs, OCI labels, the rootfs tarball, CMD (classic builder).
        let mut steps = vec![meta("ARG RELEASE"), meta("ARG LAUNCHPAD_BUILD_ARCH")];
        steps.push(meta("LABEL org.opencontainers.image.ref.name=ubuntu"));
        steps.push(meta(&format!("LABEL org.opencontainers.image.version={tag}")));
        steps.push(layer(os::debian_layer(rel), "ADD ubuntu-rootfs.tar.gz /".into()));
        steps.push(meta("CMD [\"/bin/bash\"]"));
        return classic::steps(steps);
    }
    let steps = vec![
        layer(os::debian_layer(rel), format!("# debian.sh --arch 'amd64' out/ '{codename}' '@{}'", rel.mtime)),
        meta("CMD [\"bash\"]"),
    ];
    if codename == "buster" {
        classic::steps(steps)
    } else {
        steps
    }
}

fn alpine_steps(rel: &'static Alpine) -> Vec<Step> {
    vec![layer(os::alpine_layer(rel), "ADD alpine-minirootfs-x86_64.tar.gz / # buildkit".to_string()), meta("CMD [\"/bin/sh\"]")]
}

fn buildpack_steps(rel: &'static Debian, sizes: [u64; 3]) -> Vec<Step> {
    let release = rel.key.split(':').nth(1).unwrap_or("").to_string();
    let t = rel.mtime;
    let mut steps = debian_steps(rel);
    let r = release.clone();
    steps.push(lay(format!("buildpack:{release}:curl"), "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tcurl \t\tgnupg \t\tnetbase \t\tsq \t\twget \t; \trm -rf /var/lib/apt/lists/* # buildkit", move || rt::buildpack(&r, "curl", sizes[0], t)));
    let r = release.clone();
    steps.push(lay(format!("buildpack:{release}:scm"), "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgit \t\tmercurial \t\topenssh-client \t\tsubversion \t\t\t\tprocps \t; \trm -rf /var/lib/apt/lists/* # buildkit", move || rt::buildpack(&r, "scm", sizes[1], t)));
    let r = release.clone();
    steps.push(lay(format!("buildpack:{release}:full"), "RUN /bin/sh -c set -ex; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tautoconf \t\tautomake \t\tbzip2 \t\tdefault-libmysqlclient-dev \t\tdpkg-dev \t\tfile \t\tg++ \t\tgcc \t\timagemagick \t\tlibbz2-dev \t\tlibc6-dev \t\tlibcurl4-openssl-dev \t\tlibffi-dev \t\tlibssl-dev \t\tmake \t\tpatch \t\tunzip \t\txz-utils \t\tzlib1g-dev \t; \trm -rf /var/lib/apt/lists/* # buildkit", move || rt::buildpack(&r, "full", sizes[2], t)));
    steps
}

struct NodeLine {
    version: &'static str,
    npm: &'static str,
    yarn: &'static str,
    debian: &'static Debian,
    slim: &'static Debian,
    alpine: &'static Alpine,
    /// Sizes of the node layer: full, slim, alpine.
    sizes: [u64; 3],
}

static NODE_14: NodeLine = NodeLine {
    version: "14.21.3",
    npm: "6.14.18",
    yarn: "1.22.19",
    debian: &BUSTER,
    slim: &BUSTER_SLIM,
    alpine: &ALPINE_319,
    sizes: [215_000_000, 160_000_000, 104_900_000],
};
static NODE_18: NodeLine = NodeLine {
    version: "18.20.5",
    npm: "10.8.2",
    yarn: "1.22.22",
    debian: &BOOKWORM,
    slim: &BOOKWORM_SLIM,
    alpine: &ALPINE_320,
    sizes: [180_000_000, 142_000_000, 117_000_000],
};
static NODE_20: NodeLine = NodeLine {
    version: "20.18.1",
    npm: "10.8.2",
    yarn: "1.22.22",
    debian: &BOOKWORM,
    slim: &BOOKWORM_SLIM,
    alpine: &ALPINE_320,
    sizes: [190_700_000, 150_000_000, 126_000_000],
};
static NODE_22: NodeLine = NodeLine {
    version: "22.12.0",
    npm: "10.9.0",
    yarn: "1.22.22",
    debian: &BOOKWORM,
    slim: &BOOKWORM_SLIM,
    alpine: &ALPINE_320,
    sizes: [210_000_000, 168_000_000, 144_000_000],
};
static NODE_23: NodeLine = NodeLine {
    version: "23.4.0",
    npm: "10.9.2",
    yarn: "1.22.22",
    debian: &BOOKWORM,
    slim: &BOOKWORM_SLIM,
    alpine: &ALPINE_320,
    sizes: [214_000_000, 171_000_000, 147_000_000],
};

fn node_image(line: &'static NodeLine, variant: &str) -> Spec {
    let t = IMAGE_T;
    let alpine = variant == "alpine";
    let (mut steps, passwd, group, base_key): (Vec<Step>, &str, &str, &str) = match variant {
        "alpine" => (alpine_steps(line.alpine), texts::ALPINE_PASSWD, texts::ALPINE_GROUP, line.alpine.key),
        "slim" => (debian_steps(line.slim), texts::DEBIAN_PASSWD, texts::DEBIAN_GROUP, line.slim.key),
        _ => {
            let sizes = if line.debian.key == "debian:buster" {
                [17_600_000, 51_300_000, 510_900_000]
            } else {
                [24_100_000, 120_400_000, 588_600_000]
            };
            (buildpack_steps(line.debian, sizes), texts::DEBIAN_PASSWD, texts::DEBIAN_GROUP, line.debian.key)
        }
    };
    let user_cmd = if alpine {
        "RUN /bin/sh -c addgroup -g 1000 node     && adduser -u 1000 -G node -s /bin/sh -D node # buildkit"
    } else {
        "RUN /bin/sh -c groupadd --gid 1000 node   && useradd --uid 1000 --gid node --shell /bin/bash --create-home node # buildkit"
    };
    let bk = base_key.to_string();
    steps.push(lay(format!("node-user:{base_key}"), user_cmd, move || rt::node_user(&bk, alpine, passwd, group, t)));
    steps.push(meta(&format!("ENV NODE_VERSION={}", line.version)));
    let size = match variant {
        "alpine" => line.sizes[2],
        "slim" => line.sizes[1],
        _ => line.sizes[0],
    };
    let flavour = if alpine { "musl" } else { "glibc" };
    let (version, npm) = (line.version, line.npm);
    steps.push(lay(
        format!("node:{version}:{flavour}:{variant}"),
        "RUN /bin/sh -c ARCH= && dpkgArch=\"$(dpkg --print-architecture)\"   && case \"${dpkgArch##*-}\" in amd64) ARCH='x64';; esac   && set -ex   && curl -fsSLO --compressed \"node-v$NODE_VERSION-linux-$ARCH.tar.xz\"   && tar -xJf \"node-v$NODE_VERSION-linux-$ARCH.tar.xz\" -C /usr/local --strip-components=1 --no-same-owner   && ln -s /usr/local/bin/node /usr/local/bin/nodejs   && node --version   && npm --version # buildkit",
        move || rt::node(version, npm, alpine, size, t),
    ));
    steps.push(meta(&format!("ENV YARN_VERSION={}", line.yarn)));
    let yarn = line.yarn;
    let yarn_size = if yarn == "1.22.19" { 7_600_000 } else { 5_300_000 };
    steps.push(lay(format!("yarn:{yarn}"), "RUN /bin/sh -c set -ex   && for key in     6A010C5166006599AA17F08146C2130DFD2497F5   ; do     gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys \"$key\" ;   done   && curl -fsSLO --compressed \"yarn-v$YARN_VERSION.tar.gz\"   && mkdir -p /opt   && tar -xzf yarn-v$YARN_VERSION.tar.gz -C /opt/   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarnpkg /usr/local/bin/yarnpkg   && yarn --version # buildkit", move || rt::yarn(yarn, yarn_size, t)));
    steps.push(lay("node-entrypoint".into(), "COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", move || rt::node_entrypoint(t)));
    steps.push(meta("ENTRYPOINT [\"docker-entrypoint.sh\"]"));
    steps.push(meta("CMD [\"node\"]"));
    // node:14 was last built in 2023, by the classic builder.
    let classic = line.version.starts_with("14.");
    Spec {
        created: if classic { "2023-04-12T05:43:06Z" } else { "2024-12-24T01:38:20Z" }.into(),
        steps: if classic { classic::steps(steps) } else { steps },
        config: ContainerConfig {
            env: vec![DEFAULT_PATH.into(), format!("NODE_VERSION={}", line.version), format!("YARN_VERSION={}", line.yarn)],
            entrypoint: argv(&["docker-entrypoint.sh"]),
            cmd: argv(&["node"]),
            ..Default::default()
        },
        comment: if classic { None } else { Some("buildkit.dockerfile.v0".into()) },
    }
}

struct PythonLine {
    version: &'static str,
    gpg: &'static str,
    sizes: [u64; 3],
}

static PY_38: PythonLine =
    PythonLine { version: "3.8.20", gpg: "E3FF2839C048B25C084DEBE9B26995E310250568", sizes: [62_000_000, 48_000_000, 42_000_000] };
static PY_312: PythonLine =
    PythonLine { version: "3.12.8", gpg: "7169605F62C751356D054A26A821E680E5FA6305", sizes: [82_000_000, 46_400_000, 45_600_000] };
static PY_313: PythonLine =
    PythonLine { version: "3.13.1", gpg: "7169605F62C751356D054A26A821E680E5FA6305", sizes: [86_000_000, 48_800_000, 47_600_000] };

fn python_image(line: &'static PythonLine, variant: &str) -> Spec {
    let t = IMAGE_T;
    let (mut steps, deps_key, deps_cmd, deps_size) = match variant {
        "alpine" => (alpine_steps(&ALPINE_320), "py-deps:alpine", "RUN /bin/sh -c set -eux; \tapk add --no-cache \t\tca-certificates \t\ttzdata \t; # buildkit", 1_700_000),
        "slim" => (debian_steps(&BOOKWORM_SLIM), "py-deps:slim", "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tnetbase \t\ttzdata \t; \trm -rf /var/lib/apt/lists/* # buildkit", 9_600_000),
        _ => (buildpack_steps(&BOOKWORM, [24_100_000, 120_400_000, 588_600_000]), "py-deps:bookworm", "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tlibbluetooth-dev \t\ttk-dev \t\tuuid-dev \t; \trm -rf /var/lib/apt/lists/* # buildkit", 18_200_000),
    };
    steps.push(meta("ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    steps.push(meta("ENV LANG=C.UTF-8"));
    steps.push(lay(deps_key.to_string(), deps_cmd, move || rt::packages(deps_key, "usr/lib/x86_64-linux-gnu", deps_size, t)));
    steps.push(meta(&format!("ENV GPG_KEY={}", line.gpg)));
    steps.push(meta(&format!("ENV PYTHON_VERSION={}", line.version)));
    let size = match variant {
        "alpine" => line.sizes[2],
        "slim" => line.sizes[1],
        _ => line.sizes[0],
    };
    let (version, flavour) = (line.version, variant.to_string());
    steps.push(lay(format!("python:{version}:{variant}"), "RUN /bin/sh -c set -eux; \t\twget -O python.tar.xz \"Python-$PYTHON_VERSION.tar.xz\"; \tmkdir -p /usr/src/python; \ttar --extract --directory /usr/src/python --strip-components=1 --file python.tar.xz; \tcd /usr/src/python; \t./configure --enable-loadable-sqlite-extensions --enable-optimizations --enable-option-checking=fatal --enable-shared --with-lto --with-ensurepip; \tmake -j \"$nproc\"; \tmake install; \tpython3 --version # buildkit", move || rt::python(version, &flavour, size, t)));
    steps.push(lay(format!("python-links:{version}"), "RUN /bin/sh -c set -eux; \tfor src in idle3 pip3 pydoc3 python3 python3-config; do \t\tdst=\"$(echo \"$src\" | tr -d 3)\"; \t\t[ -s \"/usr/local/bin/$src\" ]; \t\t[ ! -e \"/usr/local/bin/$dst\" ]; \t\tln -svT \"$src\" \"/usr/local/bin/$dst\"; \tdone # buildkit", move || rt::python_links(version, t)));
    steps.push(meta("CMD [\"python3\"]"));
    Spec {
        created: "2024-12-24T02:47:30Z".into(),
        steps,
        config: ContainerConfig {
            env: env(&[
                ("PATH", "/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                ("LANG", "C.UTF-8"),
                ("GPG_KEY", line.gpg),
                ("PYTHON_VERSION", line.version),
            ]),
            cmd: argv(&["python3"]),
            ..Default::default()
        },
        comment: Some("buildkit.dockerfile.v0".into()),
    }
}

fn nginx_image(alpine: bool) -> Spec {
    let t = 1_733_429_211;
    let (mut steps, pkg, size) =
        if alpine { (alpine_steps(&ALPINE_320), "1", 13_400_000) } else { (debian_steps(&BOOKWORM_SLIM), "1~bookworm", 112_600_000) };
    steps.push(meta("LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>"));
    steps.push(meta("ENV NGINX_VERSION=1.27.3"));
    steps.push(meta("ENV NJS_VERSION=0.8.7"));
    steps.push(meta(&format!("ENV NJS_RELEASE={pkg}")));
    steps.push(meta(&format!("ENV PKG_RELEASE={pkg}")));
    steps.push(meta(&format!("ENV DYNPKG_RELEASE={pkg}")));
    let flavour = if alpine { "alpine" } else { "debian" };
    steps.push(lay(format!("nginx:{flavour}"), "RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment \"nginx user\" --shell /bin/false --uid 101 nginx     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y nginx=${NGINX_VERSION}-${PKG_RELEASE}     && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr /var/log/nginx/error.log # buildkit", move || rt::nginx(flavour, size, t)));
    for script in [
        "docker-entrypoint.sh",
        "10-listen-on-ipv6-by-default.sh",
        "15-local-resolvers.envsh",
        "20-envsubst-on-templates.sh",
        "30-tune-worker-processes.sh",
    ] {
        let dest = if script == "docker-entrypoint.sh" { "/" } else { "/docker-entrypoint.d" };
        steps.push(lay(format!("nginx-script:{script}"), &format!("COPY {script} {dest} # buildkit"), move || rt::nginx_script(script, t)));
    }
    if alpine {
        steps.push(lay("nginx:alpine-njs".into(), "RUN /bin/sh -c set -x     && apkArch=\"$(cat /etc/apk/arch)\"     && apk add --no-cache --virtual .nginx-rundeps nginx-module-njs=${NGINX_VERSION}.${NJS_VERSION}-r${NJS_RELEASE} # buildkit", move || rt::packages("nginx:alpine-njs", "usr/lib/nginx/modules", 26_100_000, t)));
    }
    steps.push(meta("ENTRYPOINT [\"/docker-entrypoint.sh\"]"));
    steps.push(meta("EXPOSE map[80/tcp:{}]"));
    steps.push(meta("STOPSIGNAL SIGQUIT"));
    steps.push(meta("CMD [\"nginx\" \"-g\" \"daemon off;\"]"));
    let mut envs = vec![DEFAULT_PATH.to_string()];
    envs.extend(env(&[
        ("NGINX_VERSION", "1.27.3"),
        ("NJS_VERSION", "0.8.7"),
        ("NJS_RELEASE", pkg),
        ("PKG_RELEASE", pkg),
        ("DYNPKG_RELEASE", pkg),
    ]));
    Spec {
        created: "2024-12-05T20:06:51Z".into(),
        steps,
        config: ContainerConfig {
            exposed_ports: crate::btree::map([("80/tcp".to_string(), Default::default())]),
            env: envs,
            entrypoint: argv(&["/docker-entrypoint.sh"]),
            cmd: argv(&["nginx", "-g", "daemon off;"]),
            labels: crate::btree::map([("maintainer".to_string(), "NGINX Docker Maintainers <docker-maint@nginx.com>".to_string())]),
            stop_signal: "SIGQUIT".into(),
            ..Default::default()
        },
        comment: Some("buildkit.dockerfile.v0".into()),
    }
}

fn golang_image(alpine: bool) -> Spec {
    let t = 1_733_274_763;
    let mut steps = if alpine {
        let mut s = alpine_steps(&ALPINE_320);
        s.push(lay("go-deps:alpine".into(), "RUN /bin/sh -c apk add --no-cache ca-certificates # buildkit", move || {
            rt::packages("go-deps:alpine", "etc/ssl/certs", 560_000, t)
        }));
        s
    } else {
        let mut s = buildpack_steps(&BOOKWORM, [24_100_000, 120_400_000, 588_600_000]);
        s.truncate(4);
        s.push(lay("go-deps:bookworm".into(), "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tg++ \t\tgcc \t\tlibc6-dev \t\tmake \t\tpkg-config \t; \trm -rf /var/lib/apt/lists/* # buildkit", move || rt::packages("go-deps:bookworm", "usr/lib/gcc/x86_64-linux-gnu/12", 182_000_000, t)));
        s
    };
    steps.push(meta("ENV GOLANG_VERSION=1.22.10"));
    steps.push(meta("ENV GOTOOLCHAIN=local"));
    steps.push(meta("ENV GOPATH=/go"));
    steps.push(meta("ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    steps.push(lay("go:1.22.10".into(), "COPY /target/ / # buildkit", move || rt::golang("1.22.10", 220_000_000, t)));
    steps.push(lay(
        "gopath".into(),
        "RUN /bin/sh -c mkdir -p \"$GOPATH/src\" \"$GOPATH/bin\" && chmod -R 1777 \"$GOPATH\" # buildkit",
        move || rt::gopath(t),
    ));
    steps.push(lay("workdir:go".into(), "WORKDIR /go", move || rt::workdir("go", t)));
    Spec {
        created: "2024-12-04T01:12:43Z".into(),
        steps,
        config: ContainerConfig {
            env: env(&[
                ("PATH", "/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                ("GOLANG_VERSION", "1.22.10"),
                ("GOTOOLCHAIN", "local"),
                ("GOPATH", "/go"),
            ]),
            working_dir: "/go".into(),
            cmd: if alpine { argv(&["/bin/sh"]) } else { argv(&["bash"]) },
            ..Default::default()
        },
        comment: Some("buildkit.dockerfile.v0".into()),
    }
}

fn httpd_image() -> Spec {
    let t = 1_735_178_995;
    let mut steps = debian_steps(&BOOKWORM_SLIM);
    steps.push(meta("ENV HTTPD_PREFIX=/usr/local/apache2"));
    steps.push(meta("ENV PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    steps.push(lay("workdir:httpd".into(), "WORKDIR /usr/local/apache2", move || rt::workdir("usr/local/apache2", t)));
    steps.push(lay("httpd-deps".into(), "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tlibaprutil1-ldap \t\tlibldap-common \t; \trm -rf /var/lib/apt/lists/* # buildkit", move || rt::packages("httpd-deps", "usr/lib/x86_64-linux-gnu", 10_300_000, t)));
    steps.push(meta("ENV HTTPD_VERSION=2.4.62"));
    steps.push(lay("httpd:2.4.62".into(), "RUN /bin/sh -c set -eux; \tsavedAptMark=\"$(apt-mark showmanual)\"; \tapt-get update; \t./configure --build=\"$gnuArch\" --prefix=\"$HTTPD_PREFIX\" --enable-mods-shared=reallyall --enable-mpms-shared=all; \tmake -j \"$(nproc)\"; \tmake install; \thttpd -v # buildkit", move || rt::httpd(62_400_000, t)));
    steps.push(meta("STOPSIGNAL SIGWINCH"));
    steps.push(lay("httpd-foreground".into(), "COPY httpd-foreground /usr/local/bin/ # buildkit", move || rt::httpd_foreground(t)));
    steps.push(meta("EXPOSE map[80/tcp:{}]"));
    steps.push(meta("CMD [\"httpd-foreground\"]"));
    Spec {
        created: "2024-12-26T02:09:55Z".into(),
        steps,
        config: ContainerConfig {
            exposed_ports: crate::btree::map([("80/tcp".to_string(), Default::default())]),
            env: env(&[
                ("PATH", "/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                ("HTTPD_PREFIX", "/usr/local/apache2"),
                ("HTTPD_VERSION", "2.4.62"),
            ]),
            working_dir: "/usr/local/apache2".into(),
            cmd: argv(&["httpd-foreground"]),
            stop_signal: "SIGWINCH".into(),
            ..Default::default()
        },
        comment: Some("buildkit.dockerfile.v0".into()),
    }
}

fn web_ping_image() -> Spec {
    let mut base = node_image(&NODE_14, "alpine");
    let t = 1_607_969_100;
    base.steps.push(meta("ENV TARGET=blog.sixeyed.com METHOD=HEAD INTERVAL=3000"));
    base.steps.push(lay("workdir:web-ping".into(), "WORKDIR /web-ping", move || rt::workdir("web-ping", t)));
    base.steps.push(lay("web-ping-app".into(), "COPY app.js . # buildkit", move || rt::web_ping_app(t)));
    base.steps.push(meta("CMD [\"node\" \"/web-ping/app.js\"]"));
    base.created = "2020-12-14T18:05:00Z".into();
    base.config.env.extend(env(&[("TARGET", "blog.sixeyed.com"), ("METHOD", "HEAD"), ("INTERVAL", "3000")]));
    base.config.working_dir = "/web-ping".into();
    base.config.cmd = argv(&["node", "/web-ping/app.js"]);
    base
}

fn os_image(steps: Vec<Step>, created: &'static str, cmd: &[&str]) -> Spec {
    Spec {
        created: created.into(),
        steps,
        config: ContainerConfig { env: vec![DEFAULT_PATH.into()], cmd: argv(cmd), ..Default::default() },
        comment: None,
    }
}

fn ubuntu_image(steps: Vec<Step>, created: &'static str) -> Spec {
    let mut spec = os_image(steps, created, &["/bin/bash"]);
    let version = spec.steps.iter().find_map(|s| match s {
        Step::Meta(by) => by.split("image.version=").nth(1).map(str::to_string),
        _ => None,
    });
    spec.config.labels.insert("org.opencontainers.image.ref.name".into(), "ubuntu".into());
    spec.config.labels.insert("org.opencontainers.image.version".into(), version.unwrap_or_default());
    spec
}

/// The spec for a normalised `name:tag`, or `None` if the catalog lacks it.
pub(crate) fn spec(reference: &str) -> Option<Spec> {
    let (name, tag) = reference.rsplit_once(':')?;
    Some(match (name, tag) {
        ("busybox", "latest" | "1.37") => {
            let mut s = os_image(
                vec![layer(os::busybox_layer(), "BusyBox 1.37.0 (glibc), Debian 12".into()), meta("CMD [\"sh\"]")],
                "2024-09-26T21:31:42Z",
                &["sh"],
            );
            s.comment = Some("buildkit.dockerfile.v0".into());
            s
        }
        ("alpine", "3.20" | "latest") => os_image(alpine_steps(&ALPINE_320), "2024-09-06T12:05:36Z", &["/bin/sh"]),
        ("alpine", "3.19") => os_image(alpine_steps(&ALPINE_319), "2024-09-06T12:05:36Z", &["/bin/sh"]),
        ("debian", "bookworm" | "12" | "latest") => os_image(debian_steps(&BOOKWORM), "2024-12-23T00:00:00Z", &["bash"]),
        ("debian", "bookworm-slim") => os_image(debian_steps(&BOOKWORM_SLIM), "2024-12-23T00:00:00Z", &["bash"]),
        ("debian", "buster") => os_image(debian_steps(&BUSTER), "2023-06-12T00:00:00Z", &["bash"]),
        ("debian", "buster-slim") => os_image(debian_steps(&BUSTER_SLIM), "2023-06-12T00:00:00Z", &["bash"]),
        ("ubuntu", "24.04" | "latest" | "noble") => ubuntu_image(debian_steps(&NOBLE), "2024-10-11T03:21:25Z"),
        ("ubuntu", "22.04" | "jammy") => ubuntu_image(debian_steps(&JAMMY), "2024-09-11T16:03:22Z"),
        ("ubuntu", "20.04" | "focal") => ubuntu_image(debian_steps(&FOCAL), "2024-10-11T03:21:21Z"),
        ("node", tag) => {
            let (version, variant) = tag.split_once('-').unwrap_or((tag, "full"));
            let (version, variant) = match (version, variant) {
                ("alpine" | "slim", _) => ("latest", version),
                other => other,
            };
            let line = match version {
                "14" => &NODE_14,
                "18" => &NODE_18,
                "20" => &NODE_20,
                "22" | "lts" => &NODE_22,
                "latest" => &NODE_23,
                _ => return None,
            };
            if !matches!(variant, "full" | "alpine" | "slim") {
                return None;
            }
            node_image(line, variant)
        }
        ("python", tag) => {
            let (version, variant) = tag.split_once('-').unwrap_or((tag, "full"));
            let (version, variant) = match (version, variant) {
                ("alpine" | "slim", _) => ("latest", version),
                other => other,
            };
            let line = match version {
                "3.8" => &PY_38,
                "3.12" => &PY_312,
                "3.13" | "latest" => &PY_313,
                _ => return None,
            };
            if !matches!(variant, "full" | "alpine" | "slim") {
                return None;
            }
            python_image(line, variant)
        }
        ("nginx", "latest" | "1.27" | "stable") => nginx_image(false),
        ("nginx", "alpine" | "1.27-alpine") => nginx_image(true),
        ("golang", "1.22") => golang_image(false),
        ("golang", "1.22-alpine") => golang_image(true),
        ("httpd", "latest" | "2.4" | "2" | "2.4.62") => httpd_image(),
        ("diamol/ch03-web-ping", "latest") => web_ping_image(),
        ("buildpack-deps", tag) => {
            let (release, part) = tag.split_once('-').unwrap_or((tag, "full"));
            let (rel, sizes, created) = match release {
                "bookworm" | "12" | "latest" => (&BOOKWORM, [24_100_000, 120_400_000, 588_600_000], "2024-12-23T00:00:00Z"),
                "buster" => (&BUSTER, [17_600_000, 51_300_000, 510_900_000], "2023-06-12T00:00:00Z"),
                _ => return None,
            };
            let mut steps = buildpack_steps(rel, sizes);
            match part {
                "curl" => steps.truncate(3),
                "scm" => steps.truncate(4),
                "full" => {}
                _ => return None,
            }
            let mut s = os_image(steps, created, &["bash"]);
            s.comment = Some("buildkit.dockerfile.v0".into());
            s
        }
        // The book's base image (note 003): Node.js 14 on Alpine.
        ("diamol/node", "latest") => node_image(&NODE_14, "alpine"),
        _ => return None,
    })
}
