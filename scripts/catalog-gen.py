#!/usr/bin/env python3
"""Generates the data catalog from the tables below.

Writes catalog/<family>.json (one file per image family), catalog/index.json
(reference -> family), src/image/catalog/data_files.rs (the native build's
include_str! list) and docs/images-list.md (every covered reference).
Pinned layer DiffIDs come from catalog/pins.txt, which
`UPDATE_EXPECT=1 cargo test --lib data_pins` rewrites (then run this again).

    python3 scripts/catalog-gen.py          # write
    python3 scripts/catalog-gen.py --check  # exit 1 if an output is stale

Sizes are what `docker images` shows for the real image (amd64); history
rows are those of `docker history`.
"""
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAT = os.path.join(ROOT, "catalog")
PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
BK = "buildkit.dockerfile.v0"

FAMILIES = {}  # family -> {"images": {}, "layers": {}, "programs": {}}
PINS = {}


def fam(name):
    return FAMILIES.setdefault(name, {"family": name, "images": {}, "layers": {}, "programs": {}})


def add_layer(family, key, mtime, size, files):
    fam(family)["layers"][key] = {"mtime": mtime, "size": size, "diff_id": PINS.get(key), "files": files}


def add_image(family, refs, *, history, config, created, comment=BK, base=None, real_size=None, rows=None):
    repo_tags = refs if isinstance(refs, list) else [refs]
    first = repo_tags[0]
    fam(family)["images"][first] = {
        "created": created, "comment": comment, "from": base, "real_size": real_size,
        "history_rows": rows, "history": history, "config": config,
    }
    for alias in repo_tags[1:]:
        fam(family)["images"][alias] = {"alias_of": first, "real_size": real_size, "history_rows": rows}


def classic_add(key, dest="/"):
    return "/bin/sh -c #(nop) ADD file:%s in %s " % (hashlib.sha256(key.encode()).hexdigest(), dest)


# ---------------------------------------------------------------- texts

ALPINE_PASSWD = (
    "root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\n"
    "adm:x:3:4:adm:/var/adm:/sbin/nologin\nlp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\nsync:x:5:0:sync:/sbin:/bin/sync\n"
    "shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\nhalt:x:7:0:halt:/sbin:/sbin/halt\nmail:x:8:12:mail:/var/mail:/sbin/nologin\n"
    "news:x:9:13:news:/usr/lib/news:/sbin/nologin\nuucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin\n"
    "operator:x:11:0:operator:/root:/sbin/nologin\nman:x:13:15:man:/usr/man:/sbin/nologin\n"
    "postmaster:x:14:12:postmaster:/var/mail:/sbin/nologin\ncron:x:16:16:cron:/var/spool/cron:/sbin/nologin\n"
    "ftp:x:21:21::/var/lib/ftp:/sbin/nologin\nsshd:x:22:22:sshd:/dev/null:/sbin/nologin\n"
    "at:x:25:25:at:/var/spool/cron/atjobs:/sbin/nologin\nsquid:x:31:31:Squid:/var/cache/squid:/sbin/nologin\n"
    "xfs:x:33:33:X Font Server:/etc/X11/fs:/sbin/nologin\ngames:x:35:35:games:/usr/games:/sbin/nologin\n"
    "cyrus:x:85:12::/usr/cyrus:/sbin/nologin\nvpopmail:x:89:89::/var/vpopmail:/sbin/nologin\n"
    "ntp:x:123:123:NTP:/var/empty:/sbin/nologin\nsmmsp:x:209:209:smmsp:/var/spool/mqueue:/sbin/nologin\n"
    "guest:x:405:100:guest:/dev/null:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n"
)
ALPINE_GROUP = (
    "root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nsys:x:3:root,bin,adm\nadm:x:4:root,adm,daemon\n"
    "tty:x:5:\ndisk:x:6:root,adm\nlp:x:7:lp\nmem:x:8:\nkmem:x:9:\nwheel:x:10:root\nfloppy:x:11:root\nmail:x:12:mail\n"
    "news:x:13:news\nuucp:x:14:uucp\nman:x:15:man\ncron:x:16:cron\nconsole:x:17:\naudio:x:18:\ncdrom:x:19:\n"
    "dialout:x:20:root\nftp:x:21:\nsshd:x:22:\ninput:x:23:\nat:x:25:at\ntape:x:26:root\nvideo:x:27:root\n"
    "netdev:x:28:\nreadproc:x:30:\nsquid:x:31:squid\nxfs:x:33:xfs\nkvm:x:34:kvm\ngames:x:35:\nshadow:x:42:\n"
    "cdrw:x:80:\nwww-data:x:82:\nusers:x:100:games\nvpopmail:x:89:\nntp:x:123:\nsmmsp:x:209:smmsp\n"
    "nogroup:x:65533:\nnobody:x:65534:\n"
)
DEBIAN_PASSWD = (
    "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\n"
    "sys:x:3:3:sys:/dev:/usr/sbin/nologin\nsync:x:4:65534:sync:/bin:/bin/sync\ngames:x:5:60:games:/usr/games:/usr/sbin/nologin\n"
    "man:x:6:12:man:/var/cache/man:/usr/sbin/nologin\nlp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin\n"
    "mail:x:8:8:mail:/var/mail:/usr/sbin/nologin\nnews:x:9:9:news:/var/spool/news:/usr/sbin/nologin\n"
    "uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin\nproxy:x:13:13:proxy:/bin:/usr/sbin/nologin\n"
    "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nbackup:x:34:34:backup:/var/backups:/usr/sbin/nologin\n"
    "list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin\nirc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin\n"
    "_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
)
DEBIAN_GROUP = (
    "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nnews:x:9:\n"
    "uucp:x:10:\nman:x:12:\nproxy:x:13:\nkmem:x:15:\ndialout:x:20:\nfax:x:21:\nvoice:x:22:\ncdrom:x:24:\nfloppy:x:25:\n"
    "tape:x:26:\nsudo:x:27:\naudio:x:29:\ndip:x:30:\nwww-data:x:33:\nbackup:x:34:\noperator:x:37:\nlist:x:38:\n"
    "irc:x:39:\nsrc:x:40:\nshadow:x:42:\nutmp:x:43:\nvideo:x:44:\nsasl:x:45:\nplugdev:x:46:\nstaff:x:50:\n"
    "games:x:60:\nusers:x:100:\nnogroup:x:65534:\n"
)

# The links Alpine's busybox package makes (`busybox --list-full` of its
# busybox 1.36, Alpine 3.18-3.20; `busybox --install -s` runs at install):
# the one source for every alpine tag and busybox:latest. Also written to
# src/image/catalog/busybox_applets.rs for the Rust catalog.
BUSYBOX_APPLETS = {
    "bin": ("arch ash base64 bbconfig cat chattr chgrp chmod chown cp date dd df dmesg dnsdomainname dumpkmap echo ed "
            "egrep false fatattr fdflush fgrep fsync getopt grep gunzip gzip hostname ionice iostat ipcalc kbd_mode kill "
            "link linux32 linux64 ln login ls lsattr lzop makemime mkdir mknod mktemp more mount mountpoint mpstat mv "
            "netstat nice pidof ping ping6 pipe_progress printenv ps pwd reformime rev rm rmdir run-parts sed setpriv "
            "setserial sh sleep stat stty su sync tar touch true umount uname usleep watch zcat").split(),
    "sbin": ("acpid adjtimex arp blkid blockdev depmod fbsplash fdisk findfs fsck fstrim getty halt hwclock ifconfig "
             "ifdown ifenslave ifup init inotifyd insmod ip ipaddr iplink ipneigh iproute iprule iptunnel klogd loadkmap "
             "logread losetup lsmod mdev mkdosfs mkfs.vfat mkswap modinfo modprobe nameif nologin pivot_root poweroff "
             "raidautorun reboot rmmod route setconsole slattach swapoff swapon switch_root sysctl syslogd tunctl udhcpc "
             "vconfig watchdog").split(),
    "usr/bin": ("[ [[ awk basename bc beep blkdiscard bunzip2 bzcat bzip2 cal chvt cksum clear cmp comm cpio crontab "
                "cryptpw cut dc deallocvt diff dirname dos2unix du eject env expand expr factor fallocate find flock fold "
                "free fuser groups hd head hexdump hostid id install ipcrm ipcs killall last less logger lsof lsusb lzcat "
                "lzma lzopcat md5sum mesg microcom mkfifo mkpasswd nc nl nmeter nohup nproc nsenter nslookup od openvt "
                "passwd paste pgrep pkill pmap printf pscan pstree pwdx readlink realpath renice reset resize seq "
                "setkeycodes setsid sha1sum sha256sum sha3sum sha512sum showkey shred shuf sort split strings sum tac tail "
                "tee test time timeout top tr traceroute traceroute6 truncate tty ttysize udhcpc6 unexpand uniq unix2dos "
                "unlink unlzma unlzop unshare unxz unzip uptime uudecode uuencode vi vlock volname wc wget which who "
                "whoami whois xargs xxd xzcat yes").split(),
    "usr/sbin": ("add-shell addgroup adduser arping brctl chpasswd chroot crond delgroup deluser ether-wake fbset "
                 "killall5 loadfont nanddump nandwrite nbd-client ntpd partprobe rdate rdev readahead remove-shell rfkill "
                 "sendmail setfont setlogcons").split(),
}
ALPINE_BIN = BUSYBOX_APPLETS["bin"]
ALPINE_USR_BIN = BUSYBOX_APPLETS["usr/bin"]
ALPINE_SBIN = BUSYBOX_APPLETS["sbin"]
ALPINE_USR_SBIN = BUSYBOX_APPLETS["usr/sbin"]
# A short applet set for the images not yet given their own (distroless's
# debug busybox, the BusyBox 1.24 of jpetazzo/clock).
SHORT_BUSYBOX_BIN = ("sh ash cat ls cp mv rm mkdir rmdir touch ln chmod chown chgrp echo pwd grep egrep fgrep sed sleep date "
                     "tar gzip gunzip zcat hostname ps kill mount umount df dd more stat sync su login uname true false "
                     "watch ping netstat base64 printenv mktemp nice pidof rev usleep dmesg getopt ipcalc run-parts").split()
SHORT_BUSYBOX_USR_BIN = ("env head tail wc tr sort uniq find whoami id xargs wget printf which tee cut basename dirname "
                         "readlink realpath du md5sum sha256sum yes seq expr test [ [[ tac nl od cmp diff awk less vi unzip "
                         "nc nslookup top free uptime clear reset time timeout install patch bzip2 bunzip2 xz unxz").split()
SHORT_BUSYBOX_SBIN = "ifconfig init reboot poweroff halt mdev sysctl syslogd".split()
DEB_BIN = ("bash cat ls cp mv rm mkdir rmdir touch ln chmod chown chgrp echo pwd grep sed sleep date tar gzip uname "
           "hostname su login more dash true false").split()
DEB_USR_BIN = ("apt apt-get apt-cache env head tail wc tr sort uniq find xargs whoami id tee cut basename dirname readlink "
               "realpath stat du md5sum sha256sum base64 yes seq expr test [ tac nl od cmp diff which mktemp printf").split()
DEB_USR_SBIN = "useradd groupadd usermod userdel adduser addgroup nologin".split()
# GNU coreutils 9.1 and the util-linux programs of Debian's and Ubuntu's
# base images, by where they live before the /usr merge: the one source for
# every Debian/Ubuntu tag (also written to src/image/catalog/debian_programs.rs).
DEBIAN_PROGRAMS = {
    "bin": ("cat chgrp chmod chown cp date dd df dir echo false ln ls mkdir mknod mktemp mv pwd readlink rm rmdir sleep "
            "stty sync touch true uname vdir dmesg findmnt lsblk more mountpoint").split(),
    "usr/bin": ("[ arch b2sum base32 base64 basename basenc chcon cksum comm csplit cut dircolors dirname du env expand "
                "expr factor fmt fold groups head hostid id install join link logname md5sum mkfifo nice nl nohup nproc "
                "numfmt od paste pathchk pinky pr printenv printf ptx realpath runcon seq sha1sum sha224sum sha256sum "
                "sha384sum sha512sum shred shuf sort split stat stdbuf sum tac tail tee test timeout tr truncate tsort tty "
                "unexpand uniq unlink users who whoami yes chrt fallocate flock getopt ionice ipcmk ipcrm ipcs lscpu "
                "mcookie mesg namei nsenter prlimit renice rev script setarch setsid setterm taskset unshare whereis").split(),
    "usr/sbin": ["chroot"],
}
DEB_BIN += [n for n in DEBIAN_PROGRAMS["bin"] if n not in DEB_BIN and n not in DEB_USR_BIN]
DEB_USR_BIN += [n for n in DEBIAN_PROGRAMS["usr/bin"] if n not in DEB_USR_BIN and n not in DEB_BIN]
DEB_USR_SBIN += [n for n in DEBIAN_PROGRAMS["usr/sbin"] if n not in DEB_USR_SBIN]
RHEL_BIN = ("bash cat ls cp mv rm mkdir rmdir touch ln chmod chown chgrp echo pwd grep sed sleep date tar gzip uname "
            "hostname su more true false env head tail wc tr sort uniq find xargs whoami id tee cut basename dirname "
            "readlink realpath stat du md5sum sha256sum base64 yes seq expr test [ tac nl od cmp diff which mktemp "
            "printf rpm").split()


def alpine_release(version):
    return ('NAME="Alpine Linux"\nID=alpine\nVERSION_ID=%s\nPRETTY_NAME="Alpine Linux v%s"\n'
            'HOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n'
            % (version, ".".join(version.split(".")[:2]) if version[0].isdigit() else "edge"))


def debian_release(version, codename, full=None):
    """/etc/os-release; base-files 13 (trixie) adds DEBIAN_VERSION_FULL."""
    return ('PRETTY_NAME="Debian GNU/Linux %s (%s)"\nNAME="Debian GNU/Linux"\nVERSION_ID="%s"\nVERSION="%s (%s)"\n'
            'VERSION_CODENAME=%s\n%sID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\n'
            'BUG_REPORT_URL="https://bugs.debian.org/"\n' % (version, codename, version, version, codename, codename,
                                                              "DEBIAN_VERSION_FULL=%s\n" % full if full else ""))


def ubuntu_release(version, version_id, long, codename):
    return ('NAME="Ubuntu"\nVERSION="%s (%s)"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu %s"\nVERSION_ID="%s"\n'
            'HOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\n'
            'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nVERSION_CODENAME=%s\nUBUNTU_CODENAME=%s\n'
            % (version, long, version, version_id, codename, codename))


def rhel_release(name, version, id_, like, pretty):
    return ('NAME="%s"\nVERSION="%s"\nID="%s"\nID_LIKE="%s"\nVERSION_ID="%s"\nPRETTY_NAME="%s"\n'
            % (name, version, id_, like, version.split(" ")[0], pretty))


def alpine_files(version):
    apk = "https://dl-cdn.alpinelinux.org/alpine/%s" % ("edge" if version == "edge" else "v" + ".".join(version.split(".")[:2]))
    return [
        ["dir", "dev", 0o755], ["dir", "home", 0o755], ["dir", "media/cdrom", 0o755], ["dir", "mnt", 0o755],
        ["dir", "opt", 0o755], ["dir", "proc", 0o755], ["dir", "run", 0o755], ["dir", "srv", 0o755], ["dir", "sys", 0o755],
        ["dir", "usr/local/bin", 0o755], ["dir", "usr/local/lib", 0o755], ["dir", "var/cache/apk", 0o755],
        ["dir", "var/log", 0o755], ["dir", "root", 0o700], ["dir", "tmp", 0o1777], ["dir", "var/tmp", 0o1777],
        ["bin", "bin/busybox", 808712],
        ["links", "bin", "/bin/busybox", ALPINE_BIN], ["links", "usr/bin", "/bin/busybox", ALPINE_USR_BIN],
        ["links", "sbin", "/bin/busybox", ALPINE_SBIN], ["links", "usr/sbin", "/bin/busybox", ALPINE_USR_SBIN],
        ["bin", "sbin/apk", 118008], ["bin", "lib/ld-musl-x86_64.so.1", 645712],
        ["link", "lib/libc.musl-x86_64.so.1", "ld-musl-x86_64.so.1"],
        ["text", "etc/os-release", alpine_release(version), 0o644],
        ["text", "etc/alpine-release", version + "\n", 0o644],
        ["text", "etc/apk/repositories", "%s/main\n%s/community\n" % (apk, apk), 0o644],
        ["text", "etc/apk/world", "alpine-baselayout\nalpine-keys\napk-tools\nbusybox\nlibc-utils\n", 0o644],
        ["text", "etc/passwd", ALPINE_PASSWD, 0o644], ["text", "etc/group", ALPINE_GROUP, 0o644],
        ["text", "etc/shadow", "root:*::0:::::\n", 0o640],
        ["text", "etc/profile", 'export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\n', 0o644],
        ["text", "etc/hostname", "localhost\n", 0o644],
        ["text", "lib/apk/db/installed", "C:Q1\nP:busybox\nV:%s\nA:x86_64\nT:Size optimized toolbox of many common UNIX utilities\n\n" % version, 0o644],
        ["fill", "usr/lib", "libdata", ".so"],
    ]


def debian_like_files(os_release, passwd=DEBIAN_PASSWD, group=DEBIAN_GROUP, merged=True, debian_version=None):
    b = "usr/bin" if merged else "bin"
    files = [["dir", d, 0o755] for d in ["boot", "dev", "etc", "home", "media", "mnt", "opt", "proc", "run", "srv", "sys",
                                         "usr/local/bin", "usr/local/sbin", "var/lib/dpkg", "var/log", "var/lib/apt/lists/partial"]]
    files += [["dir", "root", 0o700], ["dir", "tmp", 0o1777], ["dir", "var/tmp", 0o1777]]
    if merged:
        files += [["link", "bin", "usr/bin"], ["link", "sbin", "usr/sbin"], ["link", "lib", "usr/lib"], ["link", "lib64", "usr/lib64"]]
    files += [["bin", "%s/%s" % (b, n), 120000] for n in DEB_BIN]
    files += [["bin", "usr/bin/%s" % n, 60000] for n in DEB_USR_BIN]
    files += [["bin", "usr/sbin/%s" % n, 90000] for n in DEB_USR_SBIN]
    files += [["link", "%s/sh" % b, "dash"], ["bin", "usr/lib/x86_64-linux-gnu/libc.so.6", 1922136],
              ["text", "usr/lib/os-release", os_release, 0o644], ["link", "etc/os-release", "../usr/lib/os-release"],
              ["text", "etc/passwd", passwd, 0o644], ["text", "etc/group", group, 0o644],
              ["text", "etc/shadow", "root:*:19000:0:99999:7:::\n", 0o640],
              ["text", "var/lib/dpkg/status", "Package: base-files\nStatus: install ok installed\nPriority: required\n\n", 0o644]]
    if debian_version:
        files.append(["text", "etc/debian_version", debian_version, 0o644])
    files.append(["fill", "usr/lib/x86_64-linux-gnu", "libdata", ".so"])
    return files


def rhel_files(os_release, pkg="dnf"):
    files = [["dir", d, 0o755] for d in ["dev", "etc", "home", "media", "mnt", "opt", "proc", "run", "srv", "sys", "usr/local/bin", "var/log"]]
    files += [["dir", "root", 0o550], ["dir", "tmp", 0o1777], ["link", "bin", "usr/bin"], ["link", "sbin", "usr/sbin"],
              ["link", "lib", "usr/lib"], ["link", "lib64", "usr/lib64"], ["link", "usr/bin/sh", "bash"]]
    files += [["bin", "usr/bin/%s" % n, 90000] for n in RHEL_BIN + [pkg]]
    files += [["bin", "usr/sbin/%s" % n, 90000] for n in ["useradd", "groupadd", "usermod", "userdel"]]
    files += [["text", "etc/os-release", os_release, 0o644],
              ["text", "etc/passwd", "root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nnobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin\n", 0o644],
              ["text", "etc/group", "root:x:0:\nbin:x:1:\ndaemon:x:2:\nwheel:x:10:\nnobody:x:65534:\n", 0o644],
              ["fill", "usr/lib64", "libdata", ".so"]]
    return files


# ---------------------------------------------------------------- base OS families

T2024 = 1733270400

ALPINES = [  # version, full patch version, size (docker images), date, buildkit
    ("3.5", "3.5.3", 3_990_000, "2019-03-07T22:19:53Z", False),
    ("3.6", "3.6.5", 4_030_000, "2019-03-07T22:19:46Z", False),
    ("3.7", "3.7.3", 4_210_000, "2019-03-07T22:19:40Z", False),
    ("3.8", "3.8.5", 4_410_000, "2020-01-23T16:53:18Z", False),
    ("3.9", "3.9.6", 5_530_000, "2020-04-24T01:06:35Z", False),
    ("3.10", "3.10.9", 5_580_000, "2021-11-12T17:19:52Z", False),
    ("3.11", "3.11.13", 5_620_000, "2021-11-12T17:20:08Z", False),
    ("3.12", "3.12.12", 5_590_000, "2022-04-05T00:19:59Z", False),
    ("3.13", "3.13.12", 5_620_000, "2022-08-09T17:19:53Z", False),
    ("3.14", "3.14.10", 5_600_000, "2023-03-29T18:19:37Z", False),
    ("3.15", "3.15.11", 5_610_000, "2024-01-27T00:30:48Z", False),
    ("3.16", "3.16.9", 5_540_000, "2024-01-27T00:30:53Z", False),
    ("3.17", "3.17.10", 7_080_000, "2024-06-20T20:16:55Z", False),
    ("3.18", "3.18.9", 7_380_000, "2024-09-06T12:05:35Z", True),
    ("3.21", "3.21.0", 7_830_000, "2024-12-05T12:49:04Z", True),
    ("3.22", "3.22.2", 8_310_000, "2025-10-08T11:06:21Z", True),
    ("edge", "3.21_alpha20241203", 7_840_000, "2024-12-05T12:49:08Z", True),
]


def stamp(date):
    import calendar
    import time
    return calendar.timegm(time.strptime(date, "%Y-%m-%dT%H:%M:%SZ"))


def alpine_base(version):
    """History entries of alpine:<version> (data or the Rust catalog's 3.19/3.20)."""
    for v, full, size, date, bk in ALPINES:
        if v == version:
            key = "alpine:%s" % full
            add_layer("alpine", key, stamp(date), size, alpine_files(full))
            if bk:
                return [[key, "ADD alpine-minirootfs-%s-x86_64.tar.gz / # buildkit" % full], [None, 'CMD ["/bin/sh"]']], date
            return [[key, classic_add(key)], [None, '/bin/sh -c #(nop)  CMD ["/bin/sh"]']], date
    raise KeyError(version)


for v, full, size, date, bk in ALPINES:
    hist, _ = alpine_base(v)
    tags = ["alpine:" + v] + (["alpine:" + full] if full != v and v != "edge" else [])
    add_image("alpine", tags, history=hist, config={"Env": [PATH], "Cmd": ["/bin/sh"]}, created=date,
              comment=BK if bk else None, real_size=size, rows=2)
add_image("alpine", ["alpine:3.20.3"], history=[], config={}, created="", base=None, real_size=7_800_000, rows=2)
fam("alpine")["images"]["alpine:3.20.3"] = {"alias_of": "alpine:3.20", "real_size": 7_800_000, "history_rows": 2}
fam("alpine")["images"]["alpine:3.19.4"] = {"alias_of": "alpine:3.19", "real_size": 7_380_000, "history_rows": 2}

DEBIANS = [  # codename, version, debian_version, size, slim size, date, merged /usr
    ("jessie", "8", "8.11\n", 129_000_000, 81_400_000, "2020-04-23T00:20:32Z", False),
    ("stretch", "9", "9.13\n", 101_000_000, 55_300_000, "2022-06-23T00:20:32Z", False),
    ("bullseye", "11", "11.11\n", 124_000_000, 80_600_000, "2024-12-23T00:00:00Z", False),
    ("trixie", "13", "13.2\n", 120_300_000, 78_600_000, "2025-11-17T00:00:00Z", True),
]


def debian_base(codename, slim=False):
    if codename in ("bookworm", "buster"):
        return None
    for c, v, dv, size, slim_size, date, merged in DEBIANS:
        if c == codename:
            key = "debian:%s%s" % (c, "-slim" if slim else "")
            add_layer("debian", key, stamp(date), slim_size if slim else size,
                      debian_like_files(debian_release(v, c, dv.strip() if c == "trixie" else None), merged=merged, debian_version=dv))
            if c in ("bullseye", "trixie"):
                return [[key, "# debian.sh --arch 'amd64' out/ '%s' '@%d'" % (c, stamp(date))], [None, 'CMD ["bash"]']]
            return [[key, classic_add(key)], [None, '/bin/sh -c #(nop)  CMD ["bash"]']]
    raise KeyError(codename)


for c, v, dv, size, slim_size, date, merged in DEBIANS:
    for slim in (False, True):
        sfx = "-slim" if slim else ""
        add_image("debian", ["debian:%s%s" % (c, sfx), "debian:%s%s" % (v, sfx)], history=debian_base(c, slim),
                  config={"Env": [PATH], "Cmd": ["bash"]}, created=date, comment=None,
                  real_size=slim_size if slim else size, rows=2)
for alias, target, size in [("debian:10", "debian:buster", 114_100_000), ("debian:10-slim", "debian:buster-slim", 69_300_000),
                            ("debian:12-slim", "debian:bookworm-slim", 74_800_000), ("debian:stable", "debian:bookworm", 116_500_000),
                            ("debian:stable-slim", "debian:bookworm-slim", 74_800_000),
                            ("debian:13.2", "debian:trixie", 120_300_000), ("debian:13.2-slim", "debian:trixie-slim", 78_600_000)]:
    fam("debian")["images"][alias] = {"alias_of": target, "real_size": size, "history_rows": 2}

UBUNTUS = [  # version, full, long name, codename, size, date
    ("12.04", "12.04.5", "Precise Pangolin", "precise", 103_600_000, "2017-04-25T00:47:23Z"),
    ("14.04", "14.04.6", "Trusty Tahr", "trusty", 197_000_000, "2019-03-07T22:19:54Z"),
    ("16.04", "16.04.7", "Xenial Xerus", "xenial", 135_000_000, "2021-08-31T01:21:24Z"),
    ("18.04", "18.04.6", "Bionic Beaver", "bionic", 63_100_000, "2023-05-30T09:32:09Z"),
]
for v, full, long, code, size, date in UBUNTUS:
    key = "ubuntu:%s" % v
    rel = ubuntu_release("%s LTS, %s" % (full, long) if False else full + " LTS", v, long, code)
    files = debian_like_files(rel, merged=False, debian_version="%s/sid\n" % {"precise": "wheezy", "trusty": "jessie", "xenial": "stretch", "bionic": "buster"}[code])
    if v in ("18.04",):
        add_layer("ubuntu", key, stamp(date), size, files)
        hist = [[None, "/bin/sh -c #(nop)  ARG RELEASE"], [None, "/bin/sh -c #(nop)  ARG LAUNCHPAD_BUILD_ARCH"],
                [None, "/bin/sh -c #(nop)  LABEL org.opencontainers.image.ref.name=ubuntu"],
                [None, "/bin/sh -c #(nop)  LABEL org.opencontainers.image.version=%s" % v],
                [key, classic_add(key)], [None, '/bin/sh -c #(nop)  CMD ["/bin/bash"]']]
        labels = {"org.opencontainers.image.ref.name": "ubuntu", "org.opencontainers.image.version": v}
    else:
        add_layer("ubuntu", key, stamp(date), size - 1000, files)
        add_layer("ubuntu", key + ":policy", stamp(date), 745, [["text", "usr/sbin/policy-rc.d", "#!/bin/sh\nexit 101\n", 0o755]])
        add_layer("ubuntu", key + ":lists", stamp(date), 0, [["dir", "var/lib/apt/lists", 0o755]])
        add_layer("ubuntu", key + ":systemd", stamp(date), 7, [["text", "run/systemd/container", "docker\n", 0o644]])
        hist = [[key, classic_add(key)],
                [key + ":policy", "/bin/sh -c set -xe \t\t&& echo '#!/bin/sh' > /usr/sbin/policy-rc.d \t&& echo 'exit 101' >> /usr/sbin/policy-rc.d \t&& chmod +x /usr/sbin/policy-rc.d"],
                [key + ":lists", "/bin/sh -c rm -rf /var/lib/apt/lists/*"],
                [key + ":systemd", "/bin/sh -c mkdir -p /run/systemd && echo 'docker' > /run/systemd/container"],
                [None, '/bin/sh -c #(nop)  CMD ["/bin/bash"]']]
        labels = None
    cfg = {"Env": [PATH], "Cmd": ["/bin/bash"]}
    if labels:
        cfg["Labels"] = labels
    add_image("ubuntu", ["ubuntu:" + v, "ubuntu:" + code], history=hist, config=cfg, created=date, comment=None,
              real_size=size, rows=len(hist))

# ---------------------------------------------------------------- hello-world, busybox tags

HELLO = """
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/

"""
fam("hello-world")["programs"]["hello"] = {"stdout": HELLO, "exit": 0}
add_layer("hello-world", "hello-world:hello", stamp("2023-05-02T16:49:27Z"), 13256, [["bin", "hello", 13256, "hello"]])
add_image("hello-world", ["hello-world:latest", "hello-world:linux"],
          history=[["hello-world:hello", "COPY hello / # buildkit"], [None, 'CMD ["/hello"]']],
          config={"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], "Cmd": ["/hello"]},
          created="2023-05-02T16:49:27Z", real_size=13256, rows=2)

# ---------------------------------------------------------------- node

NODE_SCRIPT = "RUN /bin/sh -c ARCH= && dpkgArch=\"$(dpkg --print-architecture)\"   && case \"${dpkgArch##*-}\" in amd64) ARCH='x64';; esac   && set -ex   && curl -fsSLO --compressed \"node-v$NODE_VERSION-linux-$ARCH.tar.xz\"   && tar -xJf \"node-v$NODE_VERSION-linux-$ARCH.tar.xz\" -C /usr/local --strip-components=1 --no-same-owner   && ln -s /usr/local/bin/node /usr/local/bin/nodejs   && node --version   && npm --version # buildkit"
YARN_SCRIPT = "RUN /bin/sh -c set -ex   && curl -fsSLO --compressed \"yarn-v$YARN_VERSION.tar.gz\"   && mkdir -p /opt   && tar -xzf yarn-v$YARN_VERSION.tar.gz -C /opt/   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarnpkg /usr/local/bin/yarnpkg   && yarn --version # buildkit"
NODE_ENTRYPOINT = '#!/bin/sh\nset -e\n\n# Run command with node if the first argument contains a "-" or is not a system command. The last\n# part inside the "{}" is a workaround for the following bug in ash/dash:\n# https://bugs.debian.org/cgi-bin/bugreport.cgi?bug=874264\nif [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then\n  set -- node "$@"\nfi\n\nexec "$@"\n'

# major: version, npm, yarn, default debian, alpine, [full MB, slim MB, alpine MB], extra debian variants, date
NODES = [
    ("10", "10.24.1", "6.14.12", "1.22.5", "buster", "3.11", [911, 148, 83], ["stretch", "buster"], "2021-04-10T10:30:00Z"),
    ("11", "11.15.0", "6.7.0", "1.16.0", "stretch", "3.9", [904, 151, 76], ["stretch"], "2019-05-11T07:33:51Z"),
    ("12", "12.22.12", "6.14.16", "1.22.18", "buster", "3.15", [918, 143, 91], ["stretch", "buster", "bullseye"], "2022-04-20T10:15:00Z"),
    ("13", "13.14.0", "6.14.4", "1.22.4", "buster", "3.11", [943, 159, 114], ["stretch", "buster"], "2020-05-05T00:00:00Z"),
    ("15", "15.14.0", "7.7.6", "1.22.5", "buster", "3.13", [936, 157, 112], ["stretch", "buster"], "2021-04-10T10:30:00Z"),
    ("16", "16.20.2", "8.19.4", "1.22.19", "bullseye", "3.18", [910, 175, 115], ["buster", "bullseye", "bookworm"], "2023-08-09T00:00:00Z"),
    ("17", "17.9.1", "8.11.0", "1.22.19", "bullseye", "3.15", [993, 205, 171], ["buster", "bullseye"], "2022-06-02T00:00:00Z"),
    ("19", "19.9.0", "9.6.3", "1.22.19", "bookworm", "3.17", [1110, 246, 179], ["buster", "bullseye", "bookworm"], "2023-04-12T00:00:00Z"),
    ("21", "21.7.3", "10.5.0", "1.22.19", "bookworm", "3.19", [1100, 206, 137], ["bullseye", "bookworm"], "2024-04-11T00:00:00Z"),
]
# extra variants of the majors the Rust catalog already has (node:18 etc.)
NODE_RUST = {"14": ("14.21.3", "6.14.18", "1.22.19", "buster", [912, 149, 119], "2023-04-12T05:43:06Z"),
             "18": ("18.20.5", "10.8.2", "1.22.22", "bookworm", [1090, 219, 127], "2024-12-24T01:38:20Z"),
             "20": ("20.18.1", "10.8.2", "1.22.22", "bookworm", [1100, 226, 135], "2024-12-24T01:38:20Z"),
             "22": ("22.12.0", "10.9.0", "1.22.22", "bookworm", [1120, 245, 153], "2024-12-24T01:38:20Z")}

BASE_SIZE = {"stretch": 101, "buster": 114, "bullseye": 124, "bookworm": 116, "trixie": 120.3}
BASE_SLIM = {"stretch": 55, "buster": 69, "bullseye": 80, "bookworm": 75, "trixie": 78.6}
BUILDPACK = {  # curl, scm, full layer sizes (MB)
    "stretch": (18, 52, 500), "buster": (17.6, 51.3, 510.9), "bullseye": (18.6, 54.6, 517.0), "bookworm": (24.1, 120.4, 588.6),
    "trixie": (26.2, 125.1, 612.4),
}
BUILDPACK_DATE = {"trixie": "2025-11-17T00:00:00Z"}
# buildpack-deps' Dockerfiles since bookworm (sq in curl, default-libmysqlclient-dev in the full image).
BUILDPACK_RUN_NEW = {
    "curl": "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tcurl \t\tgnupg \t\tnetbase \t\tsq \t\twget \t; \trm -rf /var/lib/apt/lists/* # buildkit",
    "scm": "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgit \t\tmercurial \t\topenssh-client \t\tsubversion \t\t\t\tprocps \t; \trm -rf /var/lib/apt/lists/* # buildkit",
    "full": "RUN /bin/sh -c set -ex; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tautoconf \t\tautomake \t\tbzip2 \t\tdefault-libmysqlclient-dev \t\tdpkg-dev \t\tfile \t\tg++ \t\tgcc \t\timagemagick \t\tlibbz2-dev \t\tlibc6-dev \t\tlibcurl4-openssl-dev \t\tlibffi-dev \t\tlibssl-dev \t\tmake \t\tpatch \t\tunzip \t\txz-utils \t\tzlib1g-dev \t; \trm -rf /var/lib/apt/lists/* # buildkit",
}


def buildpack_history(codename):
    """buildpack-deps:<codename> history (Rust catalog for bookworm/buster)."""
    if codename in ("bookworm", "buster"):
        return None, "buildpack-deps:" + codename
    hist = debian_base(codename)
    curl, scm, full = BUILDPACK[codename]
    t = stamp(BUILDPACK_DATE.get(codename, "2024-12-23T00:00:00Z"))
    parts = [("curl", curl, [["bin", "usr/bin/curl", 260328], ["bin", "usr/bin/wget", 520000], ["bin", "usr/bin/gpg", 1130000],
                              ["fill", "usr/share/ca-certificates", "certs", ".crt"]],
              "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tcurl \t\tgnupg \t\tnetbase \t\twget \t; \trm -rf /var/lib/apt/lists/* # buildkit"),
             ("scm", scm, [["bin", "usr/bin/git", 3920000], ["bin", "usr/bin/ssh", 900000], ["bin", "usr/bin/ps", 150000],
                            ["fill", "usr/lib/git-core", "git-", ""]],
              "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgit \t\tmercurial \t\topenssh-client \t\tsubversion \t\t\t\tprocps \t; \trm -rf /var/lib/apt/lists/* # buildkit"),
             ("full", full, [["bin", "usr/bin/gcc", 1200000], ["bin", "usr/bin/g++", 1200000], ["bin", "usr/bin/make", 250000],
                             ["bin", "usr/bin/python3", 6800000], ["bin", "usr/bin/perl", 3900000], ["link", "usr/bin/cc", "gcc"],
                             ["fill", "usr/lib/x86_64-linux-gnu", "libdev", ".a"]],
              "RUN /bin/sh -c set -ex; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tautoconf \t\tautomake \t\tbzip2 \t\tdpkg-dev \t\tfile \t\tg++ \t\tgcc \t\timagemagick \t\tlibbz2-dev \t\tlibc6-dev \t\tlibcurl4-openssl-dev \t\tlibffi-dev \t\tlibssl-dev \t\tmake \t\tpatch \t\tunzip \t\txz-utils \t\tzlib1g-dev \t; \trm -rf /var/lib/apt/lists/* # buildkit")]
    for part, mb, files, by in parts:
        key = "buildpack:%s:%s" % (codename, part)
        add_layer("debian", key, t, int(mb * 1_000_000), files)
        hist.append([key, BUILDPACK_RUN_NEW[part] if codename in BUILDPACK_DATE else by])
    return hist, None


for _code in ("stretch", "bullseye", "trixie"):
    _hist, _ = buildpack_history(_code)
    for _part, _n in (("-curl", 3), ("-scm", 4), ("", 5)):
        _mb = BASE_SIZE[_code] + sum(BUILDPACK[_code][:_n - 2])
        add_image("debian", ["buildpack-deps:%s%s" % (_code, _part)], history=_hist[:_n], config={"Env": [PATH], "Cmd": ["bash"]},
                  created=BUILDPACK_DATE.get(_code, "2024-12-23T00:00:00Z"), real_size=int(_mb * 1_000_000), rows=_n)


def node_family_image(major, version, npm, yarn, variant, size_mb, date, yarn_key=None):
    """node:<major>[-variant]: base + node user + node + yarn + entrypoint."""
    t = stamp(date)
    alpine = variant.startswith("alpine")
    if alpine:
        aver = variant[len("alpine"):] or None
        hist, _ = alpine_base(aver) if aver and aver not in ("3.19", "3.20") else (None, None)
        base = None if hist else "alpine:" + (aver or "3.20")
        hist = hist or []
        base_mb = {"3.9": 5.5, "3.11": 5.6, "3.13": 5.6, "3.15": 5.6, "3.17": 7.1, "3.18": 7.4, "3.19": 7.4, "3.20": 7.8, "3.21": 7.8, "3.22": 8.3}.get(aver or "3.20", 7.8)
        user = "RUN /bin/sh -c addgroup -g 1000 node     && adduser -u 1000 -G node -s /bin/sh -D node # buildkit"
        passwd, group = ALPINE_PASSWD + "node:x:1000:1000:Linux User,,,:/home/node:/bin/sh\n", ALPINE_GROUP + "node:x:1000:node\n"
        base_key = "alpine" + (aver or "3.20")
        deps = 0
    else:
        codename, slim = (variant.split("-")[0], variant.endswith("slim"))
        if slim:
            if codename in ("bookworm", "buster"):
                hist, base = [], "debian:%s-slim" % codename
            else:
                hist, base = debian_base(codename, True), None
            base_mb = BASE_SLIM[codename]
        else:
            hist, base = buildpack_history(codename)
            hist = hist or []
            base_mb = BASE_SIZE[codename] + sum(BUILDPACK[codename])
        user = "RUN /bin/sh -c groupadd --gid 1000 node   && useradd --uid 1000 --gid node --shell /bin/bash --create-home node # buildkit"
        passwd, group = DEBIAN_PASSWD + "node:x:1000:1000::/home/node:/bin/bash\n", DEBIAN_GROUP + "node:x:1000:\n"
        base_key = variant
    node_mb = max(size_mb - base_mb - 6, 20)
    k = "node:%s:%s" % (version, variant)
    add_layer("node", "node-user:%s" % base_key, t, 0, [["text", "etc/passwd", passwd, 0o644], ["text", "etc/group", group, 0o644],
                                                      ["dir", "home/node", 0o755], ["owner", "home/node", 1000]])
    files = [["bin", "usr/local/bin/node", int(node_mb * 700_000)],
             ["text", "usr/local/lib/node_modules/npm/package.json", '{\n  "name": "npm",\n  "version": "%s"\n}\n' % npm, 0o644],
             ["text", "usr/local/lib/node_modules/npm/bin/npm-cli.js", "#!/usr/bin/env node\nrequire('../lib/cli.js')(process)\n", 0o755],
             ["text", "usr/local/lib/node_modules/npm/bin/npx-cli.js", "#!/usr/bin/env node\nrequire('../lib/cli.js')(process)\n", 0o755],
             ["link", "usr/local/bin/npm", "../lib/node_modules/npm/bin/npm-cli.js"],
             ["link", "usr/local/bin/npx", "../lib/node_modules/npm/bin/npx-cli.js"]]
    if not alpine:
        files.append(["link", "usr/local/bin/nodejs", "/usr/local/bin/node"])
    files.append(["fill", "usr/local/lib/node_modules/npm", "lib/chunk", ".js"])
    add_layer("node", k, t, int(node_mb * 1_000_000), files)
    ydir = "opt/yarn-v%s" % yarn
    yarn_key = yarn_key or "yarn:%s" % yarn
    add_layer("node", yarn_key, t, 5_300_000, [
        ["text", ydir + "/bin/yarn", "#!/bin/sh\nexec node \"$(dirname \"$0\")/yarn.js\" \"$@\"\n", 0o755],
        ["text", ydir + "/package.json", '{\n  "name": "yarn",\n  "version": "%s"\n}\n' % yarn, 0o644],
        ["link", "usr/local/bin/yarn", "/%s/bin/yarn" % ydir], ["link", "usr/local/bin/yarnpkg", "/%s/bin/yarn" % ydir],
        ["fill", ydir + "/lib", "cli", ".js"]])
    add_layer("node", "node-entrypoint:data", t, 0, [["text", "usr/local/bin/docker-entrypoint.sh", NODE_ENTRYPOINT, 0o755]])
    hist = hist + [["node-user:%s" % base_key, user], [None, "ENV NODE_VERSION=%s" % version], [k, NODE_SCRIPT],
                   [None, "ENV YARN_VERSION=%s" % yarn], [yarn_key, YARN_SCRIPT],
                   ["node-entrypoint:data", "COPY docker-entrypoint.sh /usr/local/bin/ # buildkit"],
                   [None, 'ENTRYPOINT ["docker-entrypoint.sh"]'], [None, 'CMD ["node"]']]
    rows = len(hist) + (2 if base and base.startswith(("alpine", "debian")) else 5 if base else 0)
    return hist, base, rows


def node_variants(major, extra):
    out = [("", None), ("-alpine", "alpine"), ("-slim", None)]
    for e in extra:
        out += [("-" + e, e), ("-" + e + "-slim", e + "-slim")]
    return out


for major, version, npm, yarn, default, aver, sizes, extra, date in NODES:
    full, slim, alp = sizes
    variants = [("", default, full), ("-slim", default + "-slim", slim), ("-alpine", "alpine" + aver, alp),
                ("-alpine" + aver, "alpine" + aver, alp)]
    for e in extra:
        if e != default:
            variants += [("-" + e, e, full + (BASE_SIZE[e] + sum(BUILDPACK[e]) - BASE_SIZE[default] - sum(BUILDPACK[default]))),
                         ("-" + e + "-slim", e + "-slim", slim + BASE_SLIM[e] - BASE_SLIM[default])]
        else:
            variants += [("-" + e, e, full), ("-" + e + "-slim", e + "-slim", slim)]
    seen = {}
    for sfx, variant, mb in variants:
        if variant in seen:
            tags = ["node:%s%s" % (major, sfx), "node:%s%s" % (version, sfx)]
            for t_ in tags:
                fam("node")["images"][t_] = {"alias_of": seen[variant], "real_size": int(mb * 1_000_000), "history_rows": None}
            continue
        hist, base, rows = node_family_image(major, version, npm, yarn, variant, mb, date)
        refs = ["node:%s%s" % (major, sfx), "node:%s%s" % (version, sfx)]
        add_image("node", refs, history=hist, base=base, created=date,
                  config={"Env": [PATH, "NODE_VERSION=" + version, "YARN_VERSION=" + yarn],
                          "Entrypoint": ["docker-entrypoint.sh"], "Cmd": ["node"]},
                  real_size=int(mb * 1_000_000), rows=None)
        seen[variant] = refs[0]
for major, (version, npm, yarn, default, sizes, date) in NODE_RUST.items():
    # Patch-version aliases and the codename tags of the majors in the Rust catalog.
    for sfx in ["", "-alpine", "-slim"]:
        fam("node")["images"]["node:%s%s" % (version, sfx)] = {"alias_of": "node:%s%s" % (major, sfx), "real_size": None, "history_rows": None}
    fam("node")["images"]["node:%s-%s" % (major, default)] = {"alias_of": "node:" + major, "real_size": None, "history_rows": None}
    fam("node")["images"]["node:%s-%s-slim" % (major, default)] = {"alias_of": "node:%s-slim" % major, "real_size": None, "history_rows": None}

# Node.js 23, 24 and 25 as docker-node published them (its versions.json at
# each release: the variants, the default Debian and Alpine), tagged as its
# stackbrew.js tags them: every variant under the full version, major.minor,
# major and LTS codename; the default Alpine also as -alpine, the default
# Debian bare and as -slim. node:latest, node:lts and node:current stay the
# pinned snapshot's. Until July 2026 docker-node kept bookworm the
# default Debian of every line (trixie only as -trixie), so node:24 is bookworm.
NODE_LINES = [
    # major, version, npm, date, codename, debian default, alpine default, variants,
    # [full, slim, alpine] MB of the default variants, whether the major/codename tags point here
    ("23", "23.11.1", "10.9.2", "2025-05-15T00:00:00Z", None, "bookworm", "alpine3.21",
     ["alpine3.20", "alpine3.21", "bookworm", "bookworm-slim", "bullseye", "bullseye-slim"], [1050, 250, 160], True),
    # the Docker React.js guide's node:24.7.0-alpine; its other variants resolve through patches.rs
    ("24", "24.7.0", "11.5.1", "2025-08-28T00:00:00Z", None, "bookworm", "alpine3.22", ["alpine3.22", "bookworm", "bookworm-slim"],
     [1054, 254, 164], False),
    ("24", "24.11.1", "11.6.2", "2025-11-18T00:00:00Z", "krypton", "bookworm", "alpine3.22",
     ["alpine3.21", "alpine3.22", "bookworm", "bookworm-slim", "bullseye", "bullseye-slim", "trixie", "trixie-slim"],
     [1073, 255, 164], True),
    ("25", "25.2.1", "11.6.2", "2025-11-18T00:00:00Z", None, "bookworm", "alpine3.22",
     ["alpine3.21", "alpine3.22", "bookworm", "bookworm-slim", "bullseye", "bullseye-slim", "trixie", "trixie-slim"],
     [1062, 262, 171], True),
]
ALPINE_MB = {"3.20": 7.8, "3.21": 7.8, "3.22": 8.3}


def node_line_tags(major, version, codename, variant, debian, alpine, major_tags):
    names = [version, version.rsplit(".", 1)[0]] + ([major] + ([codename] if codename else []) if major_tags else [])
    out = []
    for n in names:
        out.append("node:%s-%s" % (n, variant))
        if variant == alpine:
            out.append("node:%s-alpine" % n)
        if variant == debian:
            out.append("node:" + n)
        if variant == debian + "-slim":
            out.append("node:%s-slim" % n)
    return out


_NODE_LAYERS_BEFORE = dict(fam("node")["layers"])  # shared layers (node-user:bookworm, the entrypoint) keep their dates
for major, version, npm, date, codename, debian, alpine, variants, sizes, major_tags in NODE_LINES:
    full, slim, alp = sizes
    for variant in variants:
        tags = node_line_tags(major, version, codename, variant, debian, alpine, major_tags)
        if variant.startswith("alpine"):
            mb = alp + ALPINE_MB[variant[len("alpine"):]] - ALPINE_MB[alpine[len("alpine"):]]
        elif variant.endswith("-slim"):
            mb = slim + BASE_SLIM[variant[:-5]] - BASE_SLIM[debian]
        else:
            mb = full + BASE_SIZE[variant] + sum(BUILDPACK[variant]) - BASE_SIZE[debian] - sum(BUILDPACK[debian])
        # The Rust catalog's node images have their own "yarn:1.22.22" layer.
        hist, base, rows = node_family_image(major, version, npm, "1.22.22", variant, mb, date, yarn_key="yarn:1.22.22:data")
        add_image("node", tags, history=hist, base=base, created=date,
                  config={"Env": [PATH, "NODE_VERSION=" + version, "YARN_VERSION=1.22.22"],
                          "Entrypoint": ["docker-entrypoint.sh"], "Cmd": ["node"]},
                  real_size=int(mb * 1_000_000), rows=None)
fam("node")["layers"].update(_NODE_LAYERS_BEFORE)

# ---------------------------------------------------------------- generic images (servers, languages, tools)

# Each: family, refs, base reference (data or Rust catalog), real size MB, created,
# layers [(created_by, MB, files)], config, programs
GENERIC = []



# Families whose command did not resolve in the image (tini, entrypoint scripts
# or the program missing from PATH) until `resolve_command` completed them.
UNRESOLVED = {"adminer", "cassandra", "consul", "couchbase", "couchdb", "elasticsearch", "grafana", "groovy", "haskell", "jenkins",
              "julia", "kibana", "mongo-express", "neo4j", "perl", "r-base", "rabbitmq", "ruby", "solr", "sonarqube", "tomcat",
              "varnish", "vault", "zookeeper"}


def resolve_command(config, files, binpath, cmd, ep, prog=None):
    """Makes the image's command resolvable as on the real image: tini and the
    entrypoint scripts named in ENTRYPOINT exist, and CMD's program is on PATH
    under the name CMD uses (its directory added to PATH, as the real images
    set it, or a copy of the binary in /usr/local/bin)."""
    ep = ep or []
    first = (cmd or [None])[0]
    if first and first.startswith("/") and not any(f[1] == first.lstrip("/") for f in files):
        # An absolute command (`/usr/local/bin/kibana-docker`): the program itself.
        files.append(["bin", first.lstrip("/"), 1_000_000] + ([prog] if prog else []))
    for i, word in enumerate(ep):
        name = word.rsplit("/", 1)[-1]
        if name in ("tini", "tini-static") and i == 0:
            files.append(["bin", word.lstrip("/") if "/" in word else "usr/bin/" + word, 24_000])
        elif "/" in word and (word.endswith(".sh") or "entrypoint" in name) and not any(f[1] == word.lstrip("/") for f in files):
            files.append(["text", word.lstrip("/"), "#!/bin/sh\nset -e\nexec \"$@\"\n", 0o755])
    first = (cmd or [None])[0]
    if not first or "/" in first or first in ("sh", "bash", "/bin/sh", "/bin/bash") or first.startswith("-"):
        return
    env = config.setdefault("Env", [PATH])
    path = next((e for e in env if e.startswith("PATH=")), PATH)
    dirs = path[len("PATH="):].split(":")
    bindir = "/" + os.path.dirname(binpath)
    if binpath.rsplit("/", 1)[-1] == first:
        if bindir not in dirs:
            config["Env"] = ["PATH=%s:%s" % (bindir, path[len("PATH="):]) if e.startswith("PATH=") else e for e in env]
    elif not any(f[0] in ("bin", "text") and f[1].rsplit("/", 1)[-1] == first and "/" + os.path.dirname(f[1]) in dirs for f in files):
        files.append(["bin", "usr/local/bin/" + first, 1_000_000] + ([prog] if prog else []))


def generic(family, refs, base, size_mb, created, layers, config, programs=None, base_mb=0.0, meta_before=(), meta_after=()):
    GENERIC.append((family, refs, base, size_mb, created, layers, config, programs or {}, base_mb, meta_before, meta_after))


def ready(*lines, ports=(), serve=True, body=None, server=""):
    d = {"stdout": "".join(l + "\n" for l in lines), "serve": serve, "ports": list(ports)}
    if body:
        d["http_body"] = body
        d["server"] = server
    return d


def env_of(*pairs, path=PATH):
    return [path] + ["%s=%s" % p for p in pairs]


PG_READY = lambda v: ready(
    "The files belonging to this database system will be owned by user \"postgres\".",
    "This user must also own the server process.",
    "",
    "The database cluster will be initialized with locale \"en_US.utf8\".",
    "The default database encoding has accordingly been set to \"UTF8\".",
    "The default text search configuration will be set to \"english\".",
    "",
    "Success. You can now start the database server using:",
    "",
    "    pg_ctl -D /var/lib/postgresql/data -l logfile start",
    "",
    "PostgreSQL init process complete; ready for start up.",
    "",
    "2026-01-01 00:00:02.000 UTC [1] LOG:  starting PostgreSQL %s on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit" % v,
    "2026-01-01 00:00:02.000 UTC [1] LOG:  listening on IPv4 address \"0.0.0.0\", port 5432",
    "2026-01-01 00:00:02.000 UTC [1] LOG:  listening on IPv6 address \"::\", port 5432",
    "2026-01-01 00:00:02.001 UTC [1] LOG:  listening on Unix socket \"/var/run/postgresql/.s.PGSQL.5432\"",
    "2026-01-01 00:00:02.004 UTC [1] LOG:  database system is ready to accept connections",
    ports=[5432])

for v, full, mb, deb in [("17", "17.2", 435, "bookworm"), ("16", "16.6", 432, "bookworm"), ("15", "15.10", 425, "bookworm"),
                         ("14", "14.15", 422, "bookworm"), ("13", "13.18", 419, "bookworm"), ("12", "12.22", 409, "bookworm"),
                         ("11", "11.22", 422, "bookworm"), ("10", "10.23", 380, "bullseye"), ("9.6", "9.6.24", 200, "bullseye")]:
    for alpine in (False, True):
        refs = ["postgres:%s%s" % (v, "-alpine" if alpine else ""), "postgres:%s%s" % (full, "-alpine" if alpine else "")]
        if v == "17":
            refs.append("postgres:%s" % ("alpine" if alpine else "latest"))
        size = {"17": 273, "16": 271, "15": 248, "14": 247, "13": 242, "12": 236, "11": 230, "10": 79, "9.6": 39}[v] if alpine else mb
        generic("postgres", refs, "alpine:3.20" if alpine else "debian:%s-slim" % deb, size, "2024-11-22T00:00:00Z",
                [("RUN /bin/sh -c set -eux; \tgroupadd -r postgres --gid=999; \tuseradd -r -g postgres --uid=999 --home-dir=/var/lib/postgresql --shell=/bin/bash postgres; \tmkdir -p /var/lib/postgresql; \tchown -R postgres:postgres /var/lib/postgresql # buildkit", 0.004,
                  [["text", "etc/passwd", (ALPINE_PASSWD if alpine else DEBIAN_PASSWD) + "postgres:x:999:999::/var/lib/postgresql:/bin/bash\n", 0o644],
                   ["text", "etc/group", (ALPINE_GROUP if alpine else DEBIAN_GROUP) + "postgres:x:999:\n", 0o644]]),
                 ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \"postgresql-$PG_MAJOR=$PG_VERSION\" # buildkit", 0.85,
                  [["bin", "usr/lib/postgresql/%s/bin/postgres" % v.split(".")[0], 9_800_000, "postgres"],
                   ["bin", "usr/lib/postgresql/%s/bin/psql" % v.split(".")[0], 700_000],
                   ["bin", "usr/lib/postgresql/%s/bin/initdb" % v.split(".")[0], 160_000],
                   ["bin", "usr/lib/postgresql/%s/bin/pg_isready" % v.split(".")[0], 75_000],
                   ["bin", "usr/lib/postgresql/%s/bin/pg_dump" % v.split(".")[0], 450_000],
                   ["fill", "usr/share/postgresql", "data", ".dat"]]),
                 ("RUN /bin/sh -c install --verbose --directory --owner postgres --group postgres --mode 3777 /var/run/postgresql # buildkit", 0.0,
                  [["dir", "var/run/postgresql", 0o3777]]),
                 ("COPY docker-entrypoint.sh docker-ensure-initdb.sh /usr/local/bin/ # buildkit", 0.02,
                  [["text", "usr/local/bin/docker-entrypoint.sh", "#!/usr/bin/env bash\nset -Eeo pipefail\n", 0o755]])],
                {"Env": env_of(("GOSU_VERSION", "1.17"), ("LANG", "en_US.utf8"), ("PG_MAJOR", v.split(".")[0]), ("PG_VERSION", full), ("PGDATA", "/var/lib/postgresql/data"),
                               path="PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/%s/bin" % v.split(".")[0]),
                 "Entrypoint": ["docker-entrypoint.sh"], "Cmd": ["postgres"], "ExposedPorts": {"5432/tcp": {}},
                 "Volumes": {"/var/lib/postgresql/data": {}}, "StopSignal": "SIGINT"},
                {"postgres": PG_READY(full)}, base_mb=7.8 if alpine else 74.8,
                meta_after=['ENV PGDATA=/var/lib/postgresql/data', 'VOLUME [/var/lib/postgresql/data]', 'ENTRYPOINT ["docker-entrypoint.sh"]',
                            'STOPSIGNAL SIGINT', 'EXPOSE map[5432/tcp:{}]', 'CMD ["postgres"]'])

REDIS_READY = lambda v: ready(
    "1:C 01 Jan 2026 00:00:01.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
    "1:C 01 Jan 2026 00:00:01.000 * Redis version=%s, bits=64, commit=00000000, modified=0, pid=1, just started" % v,
    "1:C 01 Jan 2026 00:00:01.000 # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf",
    "1:M 01 Jan 2026 00:00:01.000 * monotonic clock: POSIX clock_gettime",
    "1:M 01 Jan 2026 00:00:01.000 * Running mode=standalone, port=6379.",
    "1:M 01 Jan 2026 00:00:01.000 * Server initialized",
    "1:M 01 Jan 2026 00:00:01.000 * Ready to accept connections tcp", ports=[6379])
for v, full, mb, amb in [("7.4", "7.4.1", 117, 45), ("7.2", "7.2.6", 117, 41), ("7.0", "7.0.15", 117, 30), ("6.2", "6.2.16", 105, 30),
                         ("6", "6.2.16", 105, 30), ("5", "5.0.14", 110, 23)]:
    for alpine in (False, True):
        sfx = "-alpine" if alpine else ""
        refs = ["redis:%s%s" % (v, sfx)]
        if full != v and v != "6":
            refs.append("redis:%s%s" % (full, sfx))
        if v == "7.4":
            refs += ["redis:7%s" % sfx, "redis:%s" % ("alpine" if alpine else "latest")]
        generic("redis", refs, "alpine:3.20" if alpine else "debian:bookworm-slim", amb if alpine else mb, "2024-12-10T00:00:00Z",
                [("RUN /bin/sh -c set -eux; \tgroupadd -r -g 999 redis; \tuseradd -r -g redis -u 999 redis # buildkit", 0.004,
                  [["text", "etc/passwd", (ALPINE_PASSWD if alpine else DEBIAN_PASSWD) + "redis:x:999:999::/home/redis:/bin/sh\n", 0o644],
                   ["text", "etc/group", (ALPINE_GROUP if alpine else DEBIAN_GROUP) + "redis:x:999:\n", 0o644]]),
                 ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends tzdata; \trm -rf /var/lib/apt/lists/* # buildkit", 0.05,
                  [["fill", "usr/share/zoneinfo", "zone", ""]]),
                 ("RUN /bin/sh -c set -eux; \twget -O redis.tar.gz \"$REDIS_DOWNLOAD_URL\"; \tmake -C /usr/src/redis -j \"$(nproc)\" all; \tmake -C /usr/src/redis install; \tredis-cli --version; \tredis-server --version # buildkit", 0.9,
                  [["bin", "usr/local/bin/redis-server", 12_000_000, "redis-server"], ["bin", "usr/local/bin/redis-cli", 5_000_000],
                   ["link", "usr/local/bin/redis-sentinel", "redis-server"], ["fill", "usr/local/bin", "redis-benchmark", ""]]),
                 ("RUN /bin/sh -c mkdir /data && chown redis:redis /data # buildkit", 0.0, [["dir", "data", 0o755], ["owner", "data", 999]]),
                 ("WORKDIR /data", 0.0, [["dir", "data", 0o755]]),
                 ("COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", 0.00065,
                  [["text", "usr/local/bin/docker-entrypoint.sh", "#!/bin/sh\nset -e\nexec \"$@\"\n", 0o755]])],
                {"Env": env_of(("GOSU_VERSION", "1.17"), ("REDIS_VERSION", full)), "Entrypoint": ["docker-entrypoint.sh"],
                 "Cmd": ["redis-server"], "ExposedPorts": {"6379/tcp": {}}, "Volumes": {"/data": {}}, "WorkingDir": "/data"},
                {"redis-server": REDIS_READY(full)}, base_mb=7.8 if alpine else 74.8,
                meta_after=["VOLUME [/data]", 'ENTRYPOINT ["docker-entrypoint.sh"]', "EXPOSE map[6379/tcp:{}]", 'CMD ["redis-server"]'])

MYSQL_READY = lambda v: ready(
    "2026-01-01 00:00:01+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server %s-1.el9 started." % v,
    "2026-01-01 00:00:01+00:00 [Note] [Entrypoint]: Switching to dedicated user 'mysql'",
    "2026-01-01 00:00:01+00:00 [Note] [Entrypoint]: Initializing database files",
    "2026-01-01 00:00:05+00:00 [Note] [Entrypoint]: MySQL init process done. Ready for start up.",
    "2026-01-01T00:00:06.000000Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '%s'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL." % v,
    ports=[3306, 33060])
for v, full, mb, base in [("8.0", "8.0.40", 573, "oraclelinux:8-slim"), ("8.4", "8.4.3", 586, "oraclelinux:9-slim"),
                          ("9.1", "9.1.0", 593, "oraclelinux:9-slim"), ("5.7", "5.7.44", 501, "oraclelinux:7-slim")]:
    refs = ["mysql:" + v, "mysql:" + full] + (["mysql:latest", "mysql:9"] if v == "9.1" else ["mysql:8"] if v == "8.4" else ["mysql:5"] if v == "5.7" else [])
    generic("mysql", refs, base, mb, "2024-10-15T00:00:00Z",
            [("RUN /bin/sh -c set -eux; \tgroupadd --system --gid 999 mysql; \tuseradd --system --uid 999 --gid 999 --home-dir /var/lib/mysql --no-create-home mysql # buildkit", 0.003,
              [["text", "etc/passwd", "root:x:0:0:root:/root:/bin/bash\nmysql:x:999:999::/var/lib/mysql:/bin/bash\n", 0o644]]),
             ("RUN /bin/sh -c set -eux; \tarch=\"$(uname -m)\"; \tcurl -fL -o /usr/local/bin/gosu \"$GOSU_URL\"; \tchmod +x /usr/local/bin/gosu # buildkit", 0.003,
              [["bin", "usr/local/bin/gosu", 2_300_000]]),
             ("RUN /bin/sh -c set -eux; \tmicrodnf install -y \t\tbzip2 \t\tgzip \t\topenssl \t\txz \t\tzstd \t\tfindutils \t; \tmicrodnf clean all # buildkit", 5.0,
              [["fill", "usr/lib64", "deps", ".so"]]),
             ("RUN /bin/sh -c set -eux; \tmicrodnf install -y \"mysql-community-server-minimal-$MYSQL_VERSION\"; \tmicrodnf clean all; \tmysqld --version # buildkit", 0.80,
              [["bin", "usr/sbin/mysqld", 60_000_000, "mysqld"], ["bin", "usr/bin/mysqladmin", 6_000_000],
               ["fill", "usr/lib64/mysql", "plugin", ".so"]]),
             ("RUN /bin/sh -c set -eux; \tmicrodnf install -y \"mysql-shell-$MYSH_VERSION\"; \tmicrodnf clean all; \tmysqlsh --version # buildkit", 0.19,
              [["bin", "usr/bin/mysql", 7_000_000], ["bin", "usr/bin/mysqlsh", 30_000_000], ["fill", "usr/lib/mysqlsh", "lib", ".so"]]),
             ("VOLUME [/var/lib/mysql]", 0.0, []) if False else ("COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", 0.016,
              [["text", "usr/local/bin/docker-entrypoint.sh", "#!/bin/bash\nset -eo pipefail\n", 0o755]])],
            {"Env": env_of(("GOSU_VERSION", "1.17"), ("MYSQL_MAJOR", ".".join(full.split(".")[:2])), ("MYSQL_VERSION", full + "-1.el9")),
             "Entrypoint": ["docker-entrypoint.sh"], "Cmd": ["mysqld"], "ExposedPorts": {"3306/tcp": {}, "33060/tcp": {}},
             "Volumes": {"/var/lib/mysql": {}}},
            {"mysqld": MYSQL_READY(full)}, base_mb=115,
            meta_after=["VOLUME [/var/lib/mysql]", 'ENTRYPOINT ["docker-entrypoint.sh"]', "EXPOSE map[3306/tcp:{} 33060/tcp:{}]", 'CMD ["mysqld"]'])

# Oracle Linux slim bases for mysql
for v, mb, date in [("7-slim", 133, "2024-06-01T00:00:00Z"), ("8-slim", 110, "2024-11-20T00:00:00Z"), ("9-slim", 115, "2024-11-20T00:00:00Z"),
                    ("8", 229, "2024-11-20T00:00:00Z"), ("9", 225, "2024-11-20T00:00:00Z")]:
    key = "oraclelinux:" + v
    ver = v.split("-")[0]
    add_layer("oraclelinux", key, stamp(date), mb * 1_000_000,
              rhel_files(rhel_release("Oracle Linux Server", ver + ".10", "ol", "fedora", "Oracle Linux Server %s.10" % ver), "microdnf" if "slim" in v else "dnf"))
    add_image("oraclelinux", [key], history=[[key, classic_add(key)], [None, '/bin/sh -c #(nop)  CMD ["/bin/bash"]']],
              config={"Env": [PATH], "Cmd": ["/bin/bash"]}, created=date, comment=None, real_size=mb * 1_000_000, rows=2)

MONGO_READY = lambda v: ready(
    '{"t":{"$date":"2026-01-01T00:00:01.000+00:00"},"s":"I",  "c":"CONTROL",  "id":23285,   "ctx":"main","msg":"Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols \'none\'"}',
    '{"t":{"$date":"2026-01-01T00:00:01.000+00:00"},"s":"I",  "c":"CONTROL",  "id":4615611, "ctx":"initandlisten","msg":"MongoDB starting","attr":{"pid":1,"port":27017,"dbPath":"/data/db","architecture":"64-bit","host":"mongo"}}',
    '{"t":{"$date":"2026-01-01T00:00:01.000+00:00"},"s":"I",  "c":"CONTROL",  "id":23403,   "ctx":"initandlisten","msg":"Build Info","attr":{"buildInfo":{"version":"%s"}}}' % v,
    '{"t":{"$date":"2026-01-01T00:00:02.000+00:00"},"s":"I",  "c":"NETWORK",  "id":23015,   "ctx":"listener","msg":"Listening on","attr":{"address":"0.0.0.0"}}',
    '{"t":{"$date":"2026-01-01T00:00:02.000+00:00"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}',
    ports=[27017])
for v, full, mb, ub in [("8.0", "8.0.4", 853, "ubuntu:24.04"), ("7.0", "7.0.16", 797, "ubuntu:22.04"), ("6.0", "6.0.19", 750, "ubuntu:22.04"),
                        ("5.0", "5.0.30", 726, "ubuntu:20.04"), ("4.4", "4.4.29", 432, "ubuntu:20.04")]:
    refs = ["mongo:" + v, "mongo:" + full, "mongo:" + v.split(".")[0]] + (["mongo:latest"] if v == "8.0" else [])
    generic("mongo", refs, ub, mb, "2024-12-01T00:00:00Z",
            [("RUN /bin/sh -c set -eux; \tgroupadd --gid 999 --system mongodb; \tuseradd --uid 999 --system --gid mongodb --home-dir /data/db mongodb; \tmkdir -p /data/db /data/configdb; \tchown -R mongodb:mongodb /data/db /data/configdb # buildkit", 0.004,
              [["text", "etc/passwd", DEBIAN_PASSWD + "mongodb:x:999:999::/data/db:/bin/sh\n", 0o644], ["dir", "data/db", 0o755], ["dir", "data/configdb", 0o755]]),
             ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tjq \t\tnumactl \t\tprocps \t; \trm -rf /var/lib/apt/lists/* # buildkit", 0.012,
              [["fill", "usr/lib/x86_64-linux-gnu", "deps", ".so"]]),
             ("RUN /bin/sh -c set -ex; \tapt-get update; \tapt-get install -y \t\t${MONGO_PACKAGE}=$MONGO_VERSION \t\t${MONGO_PACKAGE}-server=$MONGO_VERSION \t\t${MONGO_PACKAGE}-shell=$MONGO_VERSION \t\t${MONGO_PACKAGE}-mongos=$MONGO_VERSION \t\t${MONGO_PACKAGE}-tools=$MONGO_VERSION \t; \trm -rf /var/lib/apt/lists/* # buildkit", 0.98,
              # The legacy `mongo` shell up to 5.0; mongosh from 5.0 on.
              [["bin", "usr/bin/mongod", 180_000_000, "mongod"]] + ([["bin", "usr/bin/mongo", 25_000_000]] if v in ("4.4", "5.0") else [])
              + ([["bin", "usr/bin/mongosh", 110_000_000]] if v != "4.4" else []) + [["bin", "usr/bin/mongos", 100_000_000],
               ["fill", "usr/bin", "mongo-tool", ""]]),
             ("COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", 0.0002,
              [["text", "usr/local/bin/docker-entrypoint.sh", "#!/bin/bash\nset -Eeuo pipefail\n", 0o755]])],
            {"Env": env_of(("GOSU_VERSION", "1.17"), ("JSYAML_VERSION", "3.13.1"), ("MONGO_PACKAGE", "mongodb-org"), ("MONGO_MAJOR", v), ("MONGO_VERSION", full)),
             "Entrypoint": ["docker-entrypoint.sh"], "Cmd": ["mongod"], "ExposedPorts": {"27017/tcp": {}},
             "Volumes": {"/data/db": {}, "/data/configdb": {}}},
            {"mongod": MONGO_READY(full)}, base_mb={"ubuntu:24.04": 78, "ubuntu:22.04": 78, "ubuntu:20.04": 73}[ub],
            meta_after=["VOLUME [/data/db /data/configdb]", 'ENTRYPOINT ["docker-entrypoint.sh"]', "EXPOSE map[27017/tcp:{}]", 'CMD ["mongod"]'])

# Simple servers and tools: (family, refs, base, MB, binary path, program, ports, ready lines, env, cmd, entrypoint)
SIMPLE = [
    ("memcached", ["memcached:latest", "memcached:1.6", "memcached:1"], "debian:bookworm-slim", 85, "usr/local/bin/memcached", ["memcached"], [11211], [], [("MEMCACHED_VERSION", "1.6.33")], None, ["docker-entrypoint.sh"], "memcache"),
    ("memcached", ["memcached:alpine", "memcached:1.6-alpine"], "alpine:3.20", 10, "usr/local/bin/memcached", ["memcached"], [11211], [], [("MEMCACHED_VERSION", "1.6.33")], None, ["docker-entrypoint.sh"], "memcache"),
    ("rabbitmq", ["rabbitmq:latest", "rabbitmq:4", "rabbitmq:4.0", "rabbitmq:3"], "ubuntu:24.04", 225, "opt/rabbitmq/sbin/rabbitmq-server", ["rabbitmq-server"], [4369, 5671, 5672, 15691, 15692, 25672],
     ["2026-01-01 00:00:05.000000+00:00 [info] <0.9.0>  Server startup complete; 0 plugins started.", "2026-01-01 00:00:05.000000+00:00 [info] <0.9.0> Time to start RabbitMQ: 5000 ms"], [("RABBITMQ_VERSION", "4.0.4"), ("RABBITMQ_HOME", "/opt/rabbitmq"), ("HOME", "/var/lib/rabbitmq")], None, ["docker-entrypoint.sh"], None),
    ("rabbitmq", ["rabbitmq:management", "rabbitmq:4-management", "rabbitmq:3-management", "rabbitmq:4.0-management"], "ubuntu:24.04", 256, "opt/rabbitmq/sbin/rabbitmq-server", ["rabbitmq-server"], [4369, 5671, 5672, 15671, 15672, 15691, 15692, 25672],
     ["2026-01-01 00:00:05.000000+00:00 [info] <0.9.0> Server startup complete; 3 plugins started.", "2026-01-01 00:00:05.000000+00:00 [info] <0.9.0>  * rabbitmq_management"], [("RABBITMQ_VERSION", "4.0.4"), ("RABBITMQ_HOME", "/opt/rabbitmq"), ("HOME", "/var/lib/rabbitmq")], None, ["docker-entrypoint.sh"], None),
    ("mariadb", ["mariadb:latest", "mariadb:11", "mariadb:11.4"], "ubuntu:24.04", 407, "usr/sbin/mariadbd", ["mariadbd"], [3306],
     ["2026-01-01  0:00:06 0 [Note] mariadbd: ready for connections.", "Version: '11.4.4-MariaDB-ubu2404'  socket: '/run/mysqld/mysqld.sock'  port: 3306  mariadb.org binary distribution"], [("MARIADB_VERSION", "1:11.4.4+maria~ubu2404")], None, ["docker-entrypoint.sh"], None),
    ("mariadb", ["mariadb:10.11", "mariadb:10"], "ubuntu:22.04", 403, "usr/sbin/mariadbd", ["mariadbd"], [3306],
     ["2026-01-01  0:00:06 0 [Note] mariadbd: ready for connections.", "Version: '10.11.10-MariaDB-ubu2204'  socket: '/run/mysqld/mysqld.sock'  port: 3306  mariadb.org binary distribution"], [("MARIADB_VERSION", "1:10.11.10+maria~ubu2204")], None, ["docker-entrypoint.sh"], None),
    ("traefik", ["traefik:latest", "traefik:v3", "traefik:v3.2"], "alpine:3.20", 187, "usr/local/bin/traefik", ["traefik"], [80],
     ['time="2026-01-01T00:00:01Z" level=info msg="Traefik version 3.2.3 built on 2024-12-16T15:33:04Z" version=3.2.3', 'time="2026-01-01T00:00:01Z" level=info msg="Starting provider aggregator aggregator.ProviderAggregator"'], [], None, ["/entrypoint.sh"], None),
    ("traefik", ["traefik:v2", "traefik:v2.11"], "alpine:3.20", 172, "usr/local/bin/traefik", ["traefik"], [80],
     ['time="2026-01-01T00:00:01Z" level=info msg="Configuration loaded from flags."'], [], None, ["/entrypoint.sh"], None),
    ("caddy", ["caddy:latest", "caddy:2", "caddy:2-alpine", "caddy:alpine"], "alpine:3.20", 48, "usr/bin/caddy", ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"], [80, 443, 2019],
     ['{"level":"info","ts":1767225601.0,"msg":"serving initial configuration"}'], [("CADDY_VERSION", "v2.8.4"), ("XDG_CONFIG_HOME", "/config"), ("XDG_DATA_HOME", "/data")], "/srv", None, "caddy"),
    ("haproxy", ["haproxy:latest", "haproxy:3.1", "haproxy:3", "haproxy:lts", "haproxy:2.8"], "debian:bookworm-slim", 104, "usr/local/sbin/haproxy", ["haproxy", "-f", "/usr/local/etc/haproxy/haproxy.cfg"], [],
     ["[NOTICE]   (1) : New worker (8) forked", "[NOTICE]   (1) : Loading success."], [("HAPROXY_VERSION", "3.1.1")], None, ["docker-entrypoint.sh"], None),
    ("registry", ["registry:2", "registry:latest", "registry:2.8"], "alpine:3.20", 25, "bin/registry", ["/etc/docker/registry/config.yml"], [5000],
     ['time="2026-01-01T00:00:01Z" level=info msg="listening on [::]:5000" go.version=go1.20.8 instance.id=00000000-0000-0000-0000-000000000000 service=registry version=2.8.3'], [], None, ["/entrypoint.sh"], None),
    ("tomcat", ["tomcat:latest", "tomcat:10", "tomcat:10.1", "tomcat:10-jdk17"], "eclipse-temurin:21-jre", 468, "usr/local/tomcat/bin/catalina.sh", ["catalina.sh", "run"], [8080],
     ["01-Jan-2026 00:00:02.000 INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [800] milliseconds"], [("CATALINA_HOME", "/usr/local/tomcat"), ("TOMCAT_MAJOR", "10"), ("TOMCAT_VERSION", "10.1.34")], "/usr/local/tomcat", None, None),
    ("tomcat", ["tomcat:9", "tomcat:9.0", "tomcat:9-jdk11", "tomcat:9-jdk17", "tomcat:8.5", "tomcat:8"], "eclipse-temurin:17-jre", 458, "usr/local/tomcat/bin/catalina.sh", ["catalina.sh", "run"], [8080],
     ["01-Jan-2026 00:00:02.000 INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [800] milliseconds"], [("CATALINA_HOME", "/usr/local/tomcat"), ("TOMCAT_MAJOR", "9"), ("TOMCAT_VERSION", "9.0.98")], "/usr/local/tomcat", None, None),
    ("wordpress", ["wordpress:latest", "wordpress:6", "wordpress:php8.2-apache", "wordpress:6-apache"], "php:8.2-apache", 700, "usr/local/bin/apache2-foreground", ["apache2-foreground"], [80],
     ["AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using 172.17.0.2. Set the 'ServerName' directive globally to suppress this message", "[Wed Jan 01 00:00:01.000000 2026] [core:notice] [pid 1:tid 1] AH00094: Command line: 'apache2 -D FOREGROUND'"], [("WORDPRESS_VERSION", "6.7.1")], "/var/www/html", ["docker-entrypoint.sh"], None),
    ("nextcloud", ["nextcloud:latest", "nextcloud:30", "nextcloud:apache"], "php:8.2-apache", 1_300, "usr/local/bin/apache2-foreground", ["apache2-foreground"], [80], ["AH00094: Command line: 'apache2 -D FOREGROUND'"], [("NEXTCLOUD_VERSION", "30.0.4")], "/var/www/html", ["/entrypoint.sh"], None),
    ("ghost", ["ghost:latest", "ghost:5", "ghost:5-alpine", "ghost:alpine"], "node:18-alpine", 580, "usr/local/bin/ghost-start", ["node", "current/index.js"], [2368],
     ["[2026-01-01 00:00:03] INFO Ghost booted in 2.5s", "[2026-01-01 00:00:03] INFO Your site is now available on http://localhost:2368/"], [("GHOST_VERSION", "5.105.0"), ("NODE_ENV", "production")], "/var/lib/ghost", ["docker-entrypoint.sh"], None),
    ("drupal", ["drupal:latest", "drupal:10", "drupal:11"], "php:8.2-apache", 600, "usr/local/bin/apache2-foreground", ["apache2-foreground"], [80], ["AH00094: Command line: 'apache2 -D FOREGROUND'"], [("DRUPAL_VERSION", "11.1.0")], "/opt/drupal", None, None),
    ("joomla", ["joomla:latest", "joomla:5", "joomla:4"], "php:8.2-apache", 660, "usr/local/bin/apache2-foreground", ["apache2-foreground"], [80], ["AH00094: Command line: 'apache2 -D FOREGROUND'"], [("JOOMLA_VERSION", "5.2.2")], "/var/www/html", ["/entrypoint.sh"], None),
    ("adminer", ["adminer:latest", "adminer:4", "adminer:standalone"], "php:8.2-cli-alpine", 118, "usr/local/bin/php", ["php", "-S", "[::]:8080", "-t", "/var/www/html"], [8080],
     ["[Wed Jan  1 00:00:01 2026] PHP 8.2.26 Development Server (http://[::]:8080) started"], [("ADMINER_VERSION", "4.8.1")], "/var/www/html", ["entrypoint.sh", "docker-php-entrypoint"], "php-server"),
    ("phpmyadmin", ["phpmyadmin:latest", "phpmyadmin:5", "phpmyadmin/phpmyadmin:latest"], "php:8.2-apache", 562, "usr/local/bin/apache2-foreground", ["apache2-foreground"], [80], ["AH00094: Command line: 'apache2 -D FOREGROUND'"], [("PMA_VERSION", "5.2.1")], "/var/www/html", ["/docker-entrypoint.sh"], None),
    ("influxdb", ["influxdb:latest", "influxdb:2", "influxdb:2.7"], "debian:bookworm-slim", 387, "usr/bin/influxd", ["influxd"], [8086],
     ['ts=2026-01-01T00:00:02.000000Z lvl=info msg=Listening log_id=0 service=tcp-listener transport=http addr=:8086 port=8086'], [("INFLUXDB_VERSION", "2.7.11")], None, ["/entrypoint.sh"], None),
    ("influxdb", ["influxdb:1.8", "influxdb:1.11"], "debian:bookworm-slim", 307, "usr/bin/influxd", ["influxd"], [8086], ['ts=2026-01-01T00:00:02.000000Z lvl=info msg="Listening on HTTP" service=httpd addr=[::]:8086'], [("INFLUXDB_VERSION", "1.8.10")], None, ["/entrypoint.sh"], None),
    ("telegraf", ["telegraf:latest", "telegraf:1.33"], "buildpack-deps:bookworm-curl", 406, "usr/bin/telegraf", ["telegraf"], [8092, 8094, 8125], ["2026-01-01T00:00:01Z I! Starting Telegraf 1.33.0"], [("TELEGRAF_VERSION", "1.33.0")], None, ["/entrypoint.sh"], None),
    ("grafana", ["grafana/grafana:latest", "grafana/grafana:11.4.0", "grafana/grafana-oss:latest", "grafana/grafana-enterprise:latest"], "alpine:3.20", 478, "usr/share/grafana/bin/grafana", ["grafana", "server"], [3000],
     ['logger=http.server t=2026-01-01T00:00:03.000000Z level=info msg="HTTP Server Listen" address=[::]:3000 protocol=http subUrl= socket='], [("GF_PATHS_HOME", "/usr/share/grafana"), ("GF_PATHS_DATA", "/var/lib/grafana")], "/usr/share/grafana", ["/run.sh"], None),
    ("prometheus", ["prom/prometheus:latest", "prom/prometheus:v3.0.1", "prom/prometheus:v2.55.1"], "busybox:latest", 292, "bin/prometheus", ["prometheus", "--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"], [9090],
     ['time=2026-01-01T00:00:02.000Z level=INFO source=main.go:1000 msg="Server is ready to receive web requests."'], [], "/prometheus", None, None),
    ("consul", ["hashicorp/consul:latest", "hashicorp/consul:1.20", "consul:1.15", "consul:latest"], "alpine:3.20", 169, "bin/consul", ["agent", "-dev", "-client", "0.0.0.0"], [8300, 8301, 8302, 8500, 8600],
     ["==> Consul agent running!"], [("HASHICORP_RELEASES", "https://releases.hashicorp.com")], None, ["docker-entrypoint.sh"], None),
    ("vault", ["hashicorp/vault:latest", "hashicorp/vault:1.18", "vault:1.13.3", "vault:latest"], "alpine:3.20", 467, "bin/vault", ["server", "-dev"], [8200],
     ["==> Vault server started! Log data will stream in below:"], [("VAULT_ADDR", "http://0.0.0.0:8200")], None, ["docker-entrypoint.sh"], None),
    ("zookeeper", ["zookeeper:latest", "zookeeper:3.9", "zookeeper:3.8"], "eclipse-temurin:17-jre", 320, "apache-zookeeper-3.9.3-bin/bin/zkServer.sh", ["zkServer.sh", "start-foreground"], [2181, 2888, 3888, 8080],
     ["2026-01-01 00:00:02,000 [myid:] - INFO  [main:o.a.z.s.NIOServerCnxnFactory@652] - binding to port 0.0.0.0/0.0.0.0:2181"], [("ZOO_CONF_DIR", "/conf"), ("ZOO_DATA_DIR", "/data")], "/apache-zookeeper-3.9.3-bin", ["/docker-entrypoint.sh"], None),
    ("cassandra", ["cassandra:latest", "cassandra:5", "cassandra:5.0", "cassandra:4", "cassandra:4.1"], "eclipse-temurin:17-jre", 395, "opt/cassandra/bin/cassandra", ["cassandra", "-f"], [7000, 7001, 7199, 9042, 9160],
     ["INFO  [main] 2026-01-01 00:00:20,000 CassandraDaemon.java:755 - Startup complete", "INFO  [main] 2026-01-01 00:00:20,000 PipelineConfigurator.java:125 - Starting listening for CQL clients on /0.0.0.0:9042 (unencrypted)..."], [("CASSANDRA_HOME", "/opt/cassandra"), ("CASSANDRA_VERSION", "5.0.2")], None, ["docker-entrypoint.sh"], None),
    ("couchdb", ["couchdb:latest", "couchdb:3", "couchdb:3.4"], "debian:bookworm-slim", 241, "opt/couchdb/bin/couchdb", ["/opt/couchdb/bin/couchdb"], [4369, 5984, 9100],
     ["[notice] 2026-01-01T00:00:02.000000Z nonode@nohost <0.9.0> -------- Apache CouchDB has started on http://any:5984/"], [("COUCHDB_VERSION", "3.4.2")], None, ["tini", "--", "/docker-entrypoint.sh"], None),
    ("neo4j", ["neo4j:latest", "neo4j:5", "neo4j:5-community", "neo4j:4.4"], "eclipse-temurin:17-jre", 565, "var/lib/neo4j/bin/neo4j", ["neo4j"], [7473, 7474, 7687],
     ["2026-01-01 00:00:05.000+0000 INFO  Remote interface available at http://localhost:7474/", "2026-01-01 00:00:05.000+0000 INFO  Started."], [("NEO4J_HOME", "/var/lib/neo4j")], "/var/lib/neo4j", ["tini", "-g", "--", "/startup/docker-entrypoint.sh"], None),
    ("solr", ["solr:latest", "solr:9", "solr:9.7", "solr:8"], "eclipse-temurin:17-jre", 579, "opt/solr/bin/solr", ["solr-foreground"], [8983],
     ["2026-01-01 00:00:05.000 INFO  (main) [] o.e.j.s.Server Started Server@1 {STARTED}[10.0.22,sto=0] @5000ms"], [("SOLR_HOME", "/var/solr/data")], "/opt/solr", ["docker-entrypoint.sh"], None),
    ("elasticsearch", ["elasticsearch:8.17.0", "elasticsearch:8.16.1", "elasticsearch:7.17.26", "docker.elastic.co/elasticsearch/elasticsearch:8.17.0"], "ubuntu:24.04", 1_310, "usr/share/elasticsearch/bin/elasticsearch", ["eswrapper"], [9200, 9300],
     ['{"@timestamp":"2026-01-01T00:00:20.000Z", "log.level": "INFO", "message":"started {elasticsearch}{00000000}", "ecs.version": "1.2.0","service.name":"ES_ECS","event.dataset":"elasticsearch.server","process.thread.name":"main","log.logger":"org.elasticsearch.node.Node"}'], [("ELASTIC_CONTAINER", "true")], "/usr/share/elasticsearch", ["/bin/tini", "--", "/usr/local/bin/docker-entrypoint.sh"], None),
    ("kibana", ["kibana:8.17.0", "kibana:8.16.1", "kibana:7.17.26", "docker.elastic.co/kibana/kibana:8.17.0"], "ubuntu:24.04", 1_180, "usr/share/kibana/bin/kibana", ["/usr/local/bin/kibana-docker"], [5601],
     ['[2026-01-01T00:00:20.000+00:00][INFO ][http.server.Kibana] http server running at http://0.0.0.0:5601'], [("ELASTIC_CONTAINER", "true")], "/usr/share/kibana", ["/bin/tini", "--"], None),
    ("jenkins", ["jenkins/jenkins:latest", "jenkins/jenkins:lts", "jenkins/jenkins:lts-jdk17", "jenkins/jenkins:jdk17", "jenkins/jenkins:2.479.2"], "debian:bookworm", 466, "usr/local/bin/jenkins.sh", ["/usr/local/bin/jenkins.sh"], [8080, 50000],
     ["2026-01-01 00:00:10.000+0000 [id=30]\tINFO\thudson.lifecycle.Lifecycle#onReady: Jenkins is fully up and running"], [("JENKINS_HOME", "/var/jenkins_home"), ("JENKINS_VERSION", "2.479.2"), ("JAVA_HOME", "/opt/java/openjdk")], None, ["/usr/bin/tini", "--", "/usr/local/bin/jenkins.sh"], None),
    ("sonarqube", ["sonarqube:latest", "sonarqube:community", "sonarqube:lts", "sonarqube:lts-community", "sonarqube:10-community"], "ubuntu:22.04", 759, "opt/sonarqube/bin/sonar.sh", ["/opt/sonarqube/docker/entrypoint.sh"], [9000],
     ["2026.01.01 00:00:30 INFO  app[][o.s.a.SchedulerImpl] SonarQube is operational"], [("SONARQUBE_HOME", "/opt/sonarqube")], "/opt/sonarqube", ["/opt/sonarqube/docker/entrypoint.sh"], None),
    ("portainer", ["portainer/portainer-ce:latest", "portainer/portainer-ce:2.21.5", "portainer/portainer:latest"], "busybox:latest", 306, "portainer", ["/portainer"], [8000, 9000, 9443],
     ["2026/01/01 00:00:01AM INF github.com/portainer/portainer/api/cmd/portainer/main.go:823 > starting Portainer | build_number=1 image_tag=2.21.5 version=2.21.5", "2026/01/01 00:00:01AM INF http/server.go:363 > starting HTTPS server | bind_address=:9443"], [], "/", None, None),
    ("kong", ["kong:latest", "kong:3.9", "kong/kong-gateway:3.9"], "ubuntu:24.04", 302, "usr/local/bin/kong", ["kong", "docker-start"], [8000, 8001, 8443, 8444],
     ["2026/01/01 00:00:02 [notice] 1#0: start worker processes"], [("KONG_VERSION", "3.9.0")], None, ["/docker-entrypoint.sh"], None),
    ("nats", ["nats:latest", "nats:2", "nats:2.10", "nats:alpine"], "alpine:3.20", 19, "nats-server", ["--config", "nats-server.conf"], [4222, 6222, 8222],
     ["[1] 2026/01/01 00:00:01.000000 [INF] Starting nats-server", "[1] 2026/01/01 00:00:01.000000 [INF] Listening for client connections on 0.0.0.0:4222", "[1] 2026/01/01 00:00:01.000000 [INF] Server is ready"], [], None, ["/nats-server"], None),
    ("eclipse-mosquitto", ["eclipse-mosquitto:latest", "eclipse-mosquitto:2", "eclipse-mosquitto:2.0", "eclipse-mosquitto:1.6"], "alpine:3.20", 12, "usr/sbin/mosquitto", ["/usr/sbin/mosquitto", "-c", "/mosquitto/config/mosquitto.conf"], [1883],
     ["1767225601: mosquitto version 2.0.20 starting", "1767225601: Config loaded from /mosquitto/config/mosquitto.conf.", "1767225601: Opening ipv4 listen socket on port 1883.", "1767225601: mosquitto version 2.0.20 running"], [("VERSION", "2.0.20")], None, ["/docker-entrypoint.sh"], None),
    ("varnish", ["varnish:latest", "varnish:7", "varnish:7.6", "varnish:stable", "varnish:6.0"], "debian:bookworm-slim", 297, "usr/sbin/varnishd", ["varnishd", "-F", "-f", "/etc/varnish/default.vcl"], [80, 8443],
     ["Debug: Version: varnish-7.6.1 revision 0", "Child launched OK"], [("VARNISH_SIZE", "100M")], "/etc/varnish", ["/usr/local/bin/docker-varnish-entrypoint"], None),
    ("percona", ["percona:latest", "percona:8", "percona:8.0", "percona:5.7", "percona/percona-server:8.0"], "oraclelinux:9-slim", 777, "usr/sbin/mysqld", ["mysqld"], [3306, 33060],
     ["2026-01-01T00:00:06.000000Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.0.39-30'  socket: '/var/lib/mysql/mysql.sock'  port: 3306  Percona Server (GPL), Release 30, Revision 00000000."], [("PS_VERSION", "8.0.39-30.1")], None, ["/docker-entrypoint.sh"], None),
    ("couchbase", ["couchbase:latest", "couchbase:community", "couchbase:enterprise-7.6.4", "couchbase/server:latest"], "ubuntu:22.04", 1_020, "opt/couchbase/bin/couchbase-server", ["couchbase-server"], [8091, 8092, 8093, 8094, 8095, 8096, 11207, 11210, 11211, 18091, 18092, 18093],
     ["Starting Couchbase Server -- Web UI available at http://<ip>:8091", "and logs available in /opt/couchbase/var/lib/couchbase/logs"], [], "/opt/couchbase", ["/entrypoint.sh"], None),
    ("mongo-express", ["mongo-express:latest", "mongo-express:1", "mongo-express:1.0"], "node:18-alpine", 182, "app/app.js", ["mongo-express"], [8081],
     ["Mongo Express server listening at http://0.0.0.0:8081", "Server is open to allow connections from anyone (0.0.0.0)"], [("ME_CONFIG_MONGODB_URL", "mongodb://mongo:27017")], "/app", ["/sbin/tini", "--", "/docker-entrypoint.sh"], None),
    ("getting-started", ["docker/getting-started:latest", "docker/getting-started:pwd"], "nginx:alpine", 47, "usr/sbin/nginx-tutorial", ["nginx", "-g", "daemon off;"], [80], [], [], None, ["/docker-entrypoint.sh"], "nginx"),
    ("welcome-to-docker", ["docker/welcome-to-docker:latest"], "nginx:alpine", 50, "usr/sbin/nginx-welcome", ["nginx", "-g", "daemon off;"], [80], [], [], None, ["/docker-entrypoint.sh"], "nginx"),
]

for family, refs, base, mb, binpath, cmd, ports, lines, env, wd, ep, kind in SIMPLE:
    prog = binpath.rsplit("/", 1)[-1]
    behaviour = ready(*lines, ports=ports) if kind not in ("nginx",) else None
    config = {"Env": env_of(*env), "Cmd": cmd}
    if ep:
        config["Entrypoint"] = ep
    if wd:
        config["WorkingDir"] = wd
    if ports:
        config["ExposedPorts"] = {"%d/tcp" % p: {} for p in ports}
    files = [["bin", binpath, 2_000_000, prog if behaviour else None], ["fill", os.path.dirname(binpath) or "opt", "lib", ".so"]]
    if family in UNRESOLVED:
        resolve_command(config, files, binpath, cmd, [w for w in (ep or []) if w.rsplit("/", 1)[-1] in ("tini", "tini-static") or "/" in w], prog if behaviour else None)
    layers = [("RUN /bin/sh -c set -eux; install the release of %s # buildkit" % family, 1.0, files)]
    if ep and ep[0].endswith(".sh") and not ep[0].startswith("/opt"):
        path = ep[0] if ep[0].startswith("/") else "/usr/local/bin/" + ep[0]
        layers.append(("COPY %s %s # buildkit" % (os.path.basename(path), os.path.dirname(path) + "/"), 0.002,
                       [["text", path.lstrip("/"), "#!/bin/sh\nset -e\nexec \"$@\"\n", 0o755]]))
    metas = []
    if ep:
        metas.append("ENTRYPOINT %s" % json.dumps(ep).replace(", ", " ").replace("[", "[").replace("]", "]").replace('" "', '" "'))
    if ports:
        metas.append("EXPOSE map[%s]" % " ".join("%d/tcp:{}" % p for p in ports))
    metas.append("CMD %s" % json.dumps(cmd).replace('", "', '" "'))
    generic(family, refs, base, mb, "2024-12-01T00:00:00Z", layers, config, {prog: behaviour} if behaviour else {},
            base_mb=0.0, meta_after=metas)

# Language runtimes and tools: (family, refs, base, MB, binary, cmd, env, workdir)
LANGS = []
for v, full, mb, amb, deb in [("3.4", "3.4.1", 1_010, 99, "bookworm"), ("3.3", "3.3.6", 1_000, 94, "bookworm"), ("3.2", "3.2.6", 989, 80, "bookworm"),
                              ("3.1", "3.1.6", 840, 80, "bookworm"), ("3.0", "3.0.7", 900, 80, "bullseye"), ("2.7", "2.7.8", 880, 60, "bullseye")]:
    for sfx, base, size in [("", "buildpack-deps:bookworm", mb), ("-slim", "debian:bookworm-slim", 220), ("-alpine", "alpine:3.20", amb)]:
        refs = ["ruby:" + v + sfx, "ruby:" + full + sfx] + (["ruby:latest" if not sfx else "ruby" + sfx.replace("-", ":")] if v == "3.4" else [])
        LANGS.append(("ruby", refs, base, size, "usr/local/bin/ruby", ["irb"], [("LANG", "C.UTF-8"), ("RUBY_VERSION", full), ("GEM_HOME", "/usr/local/bundle"), ("BUNDLE_SILENCE_ROOT_WARNING", "1"), ("BUNDLE_APP_CONFIG", "/usr/local/bundle")], None))
# Each line's last release (the image's GCC_VERSION).
for v, full, mb in [("14", "14.2.0", 1_420), ("13", "13.3.0", 1_400), ("12", "12.4.0", 1_360), ("11", "11.5.0", 1_300), ("10", "10.5.0", 1_250), ("9", "9.5.0", 1_150)]:
    LANGS.append(("gcc", ["gcc:" + v] + (["gcc:latest"] if v == "14" else []), "buildpack-deps:bookworm", mb, "usr/local/bin/gcc", ["bash"], [("GCC_VERSION", full)], None))
# docker-library/php: what its images set and ship besides php (the extension
# build helpers, the source tarball they unpack, Debian's Apache layout).
PHPIZE_DEPS = "autoconf \t\tdpkg-dev \t\tfile \t\tg++ \t\tgcc \t\tlibc-dev \t\tmake \t\tpkg-config \t\tre2c"
PHPIZE_DEPS_ALPINE = "autoconf \t\tdpkg-dev dpkg \t\tfile \t\tg++ \t\tgcc \t\tlibc-dev \t\tmake \t\tpkgconf \t\tre2c"
PHP_FLAGS = [("PHP_CFLAGS", "-fstack-protector-strong -fpic -fpie -O2 -D_LARGEFILE_SOURCE -D_FILE_OFFSET_BITS=64"),
             ("PHP_CPPFLAGS", "-fstack-protector-strong -fpic -fpie -O2 -D_LARGEFILE_SOURCE -D_FILE_OFFSET_BITS=64"),
             ("PHP_LDFLAGS", "-Wl,-O1 -pie")]
# The Zend module API number of each minor release (the extension directory's name).
PHP_API = {"7.4": "20190902", "8.0": "20200930", "8.1": "20210902", "8.2": "20220829", "8.3": "20230831", "8.4": "20240924"}
APACHE_MODS = ("access_compat actions alias allowmethods asis auth_basic auth_digest auth_form authn_anon authn_core authn_dbd authn_dbm "
               "authn_file authn_socache authnz_fcgi authnz_ldap authz_core authz_dbd authz_dbm authz_groupfile authz_host authz_owner "
               "authz_user autoindex brotli buffer cache cache_disk cache_socache cern_meta cgi cgid charset_lite data dav dav_fs dav_lock "
               "dbd deflate dialup dir dump_io echo env expires ext_filter file_cache filter headers heartbeat heartmonitor http2 ident "
               "imagemap include info lbmethod_bybusyness lbmethod_byrequests lbmethod_bytraffic lbmethod_heartbeat ldap log_debug "
               "log_forensic lua macro md mime mime_magic mpm_event mpm_prefork mpm_worker negotiation proxy proxy_ajp proxy_balancer "
               "proxy_connect proxy_express proxy_fcgi proxy_fdpass proxy_ftp proxy_hcheck proxy_html proxy_http proxy_http2 proxy_scgi "
               "proxy_uwsgi proxy_wstunnel ratelimit reflector remoteip reqtimeout request rewrite sed session session_cookie session_crypto "
               "session_dbd setenvif slotmem_plain slotmem_shm socache_dbm socache_memcache socache_redis socache_shmcb speling ssl status "
               "substitute suexec unique_id userdir usertrack vhost_alias xml2enc").split()
# Debian's defaults, with the php image's switch from mpm_event to mpm_prefork.
APACHE_ENABLED = ("access_compat alias auth_basic authn_core authn_file authz_core authz_host authz_user autoindex deflate dir env "
                  "filter mime mpm_prefork negotiation reqtimeout setenvif status").split()
APACHE_SITE = """<VirtualHost *:80>
\t# The ServerName directive sets the request scheme, hostname and port that
\t# the server uses to identify itself. This is used when creating
\t# redirection URLs. In the context of virtual hosts, the ServerName
\t# specifies what hostname must appear in the request's Host: header to
\t# match this virtual host. For the default virtual host (this file) this
\t# value is not decisive as it is used as a last resort host regardless.
\t# However, you must set it for any further virtual host explicitly.
\t#ServerName www.example.com

\tServerAdmin webmaster@localhost
\tDocumentRoot /var/www/html

\t# Available loglevels: trace8, ..., trace1, debug, info, notice, warn,
\t# error, crit, alert, emerg.
\t# It is also possible to configure the loglevel for particular
\t# modules, e.g.
\t#LogLevel info ssl:warn

\tErrorLog ${APACHE_LOG_DIR}/error.log
\tCustomLog ${APACHE_LOG_DIR}/access.log combined

\t# For most configuration files from conf-available/, which are
\t# enabled or disabled at a global level, it is possible to
\t# include a line for only one particular virtual host. For example the
\t# following line enables the CGI configuration for this host only
\t# after it has been globally disabled with "a2disconf".
\t#Include conf-available/serve-cgi-bin.conf
</VirtualHost>
"""
APACHE2_CONF = """# This is the main Apache server configuration file.  It contains the
# configuration directives that give the server its instructions.
# See http://httpd.apache.org/docs/2.4/ for detailed information about
# the directives and /usr/share/doc/apache2/README.Debian about Debian specific
# hints.

DefaultRuntimeDir ${APACHE_RUN_DIR}
PidFile ${APACHE_PID_FILE}
Timeout 300
KeepAlive On
MaxKeepAliveRequests 100
KeepAliveTimeout 5

User ${APACHE_RUN_USER}
Group ${APACHE_RUN_GROUP}

HostnameLookups Off
ErrorLog ${APACHE_LOG_DIR}/error.log
LogLevel warn

IncludeOptional mods-enabled/*.load
IncludeOptional mods-enabled/*.conf

Include ports.conf

<Directory />
\tOptions FollowSymLinks
\tAllowOverride None
\tRequire all denied
</Directory>

<Directory /usr/share>
\tAllowOverride None
\tRequire all granted
</Directory>

<Directory /var/www/>
\tOptions Indexes FollowSymLinks
\tAllowOverride None
\tRequire all granted
</Directory>

AccessFileName .htaccess

<FilesMatch "^\\.ht">
\tRequire all denied
</FilesMatch>

LogFormat "%v:%p %h %l %u %t \\"%r\\" %>s %O \\"%{Referer}i\\" \\"%{User-Agent}i\\"" vhost_combined
LogFormat "%h %l %u %t \\"%r\\" %>s %O \\"%{Referer}i\\" \\"%{User-Agent}i\\"" combined
LogFormat "%h %l %u %t \\"%r\\" %>s %O" common
LogFormat "%{Referer}i -> %U" referer
LogFormat "%{User-agent}i" agent

IncludeOptional conf-enabled/*.conf
IncludeOptional sites-enabled/*.conf
"""
APACHE_ENVVARS = """# envvars - default environment variables for apache2ctl

# this won't be correct after changing uid
unset HOME

: ${APACHE_RUN_USER:=www-data}
export APACHE_RUN_USER
: ${APACHE_RUN_GROUP:=www-data}
export APACHE_RUN_GROUP
: ${APACHE_PID_FILE:=/var/run/apache2$SUFFIX/apache2.pid}
export APACHE_PID_FILE
: ${APACHE_RUN_DIR:=/var/run/apache2$SUFFIX}
export APACHE_RUN_DIR
: ${APACHE_LOCK_DIR:=/var/lock/apache2$SUFFIX}
export APACHE_LOCK_DIR
: ${APACHE_LOG_DIR:=/var/log/apache2$SUFFIX}
export APACHE_LOG_DIR

: ${LANG:=C}
export LANG
"""
DOCKER_PHP_CONF = """<FilesMatch \\.php$>
\tSetHandler application/x-httpd-php
</FilesMatch>

DirectoryIndex disabled
DirectoryIndex index.php index.html

<Directory /var/www/>
\tOptions -Indexes
\tAllowOverride All
</Directory>
"""


def php_files(version, variant, alpine):
    """The php image's files besides the binary: helpers, source, extensions, Apache."""
    api = PHP_API[version]
    files = []
    if not alpine:
        # Debian's variants keep PHPIZE_DEPS installed (Alpine's add them per build).
        files += [["bin", "usr/bin/" + t, 900_000] for t in ["gcc-12", "g++-12", "make", "autoconf", "pkgconf", "re2c", "dpkg-architecture"]]
        files += [["link", "usr/bin/gcc", "gcc-12"], ["link", "usr/bin/cc", "gcc"], ["link", "usr/bin/g++", "g++-12"],
                  ["link", "usr/bin/pkg-config", "pkgconf"]]
    files += [["bin", "usr/local/bin/" + h, 4_000] for h in ["docker-php-ext-configure", "docker-php-ext-enable", "docker-php-ext-install", "docker-php-source"]]
    files += [["bin", "usr/local/bin/" + t, 40_000] for t in ["pecl", "pear", "peardev", "phpize", "php-config"]]
    files += [["data", "usr/src/php.tar.xz", 12_600_000 if version >= "8" else 10_300_000, 0o644],
              ["dir", "usr/local/lib/php/extensions/no-debug-non-zts-" + api, 0o755],
              ["data", "usr/local/lib/php/extensions/no-debug-non-zts-%s/opcache.so" % api, 1_300_000, 0o755],
              ["data", "usr/local/lib/php/extensions/no-debug-non-zts-%s/sodium.so" % api, 90_000, 0o755],
              ["text", "usr/local/etc/php/conf.d/docker-php-ext-sodium.ini", "extension=sodium\n", 0o644],
              ["dir", "var/www/html", 0o1777], ["owner", "var/www/html", 33]]
    if variant == "-apache":
        conf = "etc/apache2/"
        files += [["bin", "usr/sbin/" + t, 30_000] for t in ["a2enmod", "a2dismod", "a2ensite", "a2dissite", "a2enconf", "a2disconf", "apache2", "apache2ctl"]]
        files += [["text", conf + "apache2.conf", APACHE2_CONF, 0o644], ["text", conf + "ports.conf", "Listen 80\n\n<IfModule ssl_module>\n\tListen 443\n</IfModule>\n\n<IfModule mod_gnutls.c>\n\tListen 443\n</IfModule>\n", 0o644],
                  ["text", conf + "envvars", APACHE_ENVVARS, 0o644], ["dir", conf + "mods-enabled", 0o755], ["dir", conf + "conf-enabled", 0o755],
                  ["text", conf + "sites-available/000-default.conf", APACHE_SITE, 0o644], ["data", conf + "sites-available/default-ssl.conf", 6_338, 0o644],
                  ["link", conf + "sites-enabled/000-default.conf", "../sites-available/000-default.conf"],
                  ["text", conf + "conf-available/docker-php.conf", DOCKER_PHP_CONF, 0o644],
                  ["link", conf + "conf-enabled/docker-php.conf", "../conf-available/docker-php.conf"],
                  ["dir", "var/log/apache2", 0o1777]]
        for m in APACHE_MODS:
            files.append(["text", conf + "mods-available/%s.load" % m, "LoadModule %s_module /usr/lib/apache2/modules/mod_%s.so\n" % (m, m), 0o644])
        for m in APACHE_ENABLED:
            files.append(["link", conf + "mods-enabled/%s.load" % m, "../mods-available/%s.load" % m])
    return files


# The last release of each line; 7.4 and 8.0 were last built on Debian
# bullseye and Alpine 3.16, the newer lines on bookworm and Alpine 3.20.
# The newest of each major also answers to the major alone (php:8-fpm,
# php:7-apache), as Docker Hub tags it.
for v, full in [("8.4", "8.4.2"), ("8.3", "8.3.15"), ("8.2", "8.2.27"), ("8.1", "8.1.31"), ("8.0", "8.0.30"), ("7.4", "7.4.33")]:
    deb, alp = ("debian:bullseye-slim", "alpine:3.16") if v in ("7.4", "8.0") else ("debian:bookworm-slim", "alpine:3.20")
    for sfx, base, size, cmd, bin_ in [("-apache", deb, 510, ["apache2-foreground"], "usr/local/bin/apache2-foreground"),
                                       ("-fpm", deb, 495, ["php-fpm"], "usr/local/sbin/php-fpm"),
                                       ("-cli", deb, 490, ["php", "-a"], "usr/local/bin/php"),
                                       ("", deb, 490, ["php", "-a"], "usr/local/bin/php"),
                                       ("-alpine", alp, 100, ["php", "-a"], "usr/local/bin/php"),
                                       ("-cli-alpine", alp, 100, ["php", "-a"], "usr/local/bin/php"),
                                       ("-fpm-alpine", alp, 105, ["php-fpm"], "usr/local/sbin/php-fpm")]:
        refs = ["php:%s%s" % (v, sfx), "php:%s%s" % (full, sfx)] + (["php%s" % (":" + sfx[1:] if sfx else ":latest")] if v == "8.4" else [])
        if v in ("8.4", "7.4"):
            refs.append("php:" + v[0] + sfx)
        if v in ("7.4", "8.0"):
            refs.append("php:%s%s" % (v, sfx.replace("alpine", "alpine3.16") if "alpine" in sfx else sfx + "-bullseye"))
        apache = [("APACHE_CONFDIR", "/etc/apache2"), ("APACHE_ENVVARS", "/etc/apache2/envvars")] if sfx == "-apache" else []
        LANGS.append(("php", refs, base, size, bin_, cmd, [("PHPIZE_DEPS", PHPIZE_DEPS_ALPINE if "alpine" in sfx else PHPIZE_DEPS), ("PHP_INI_DIR", "/usr/local/etc/php")] + apache + PHP_FLAGS + [("PHP_VERSION", full)], "/var/www/html"))
# Eclipse Temurin's releases by feature version, and the Env its images set.
TEMURIN = {"8": "8u432-b06", "11": "11.0.25+9", "17": "17.0.13+11", "21": "21.0.5+11"}
JAVA_PATH = "PATH=/opt/java/openjdk/bin:" + PATH[len("PATH="):]


def temurin_env(jdk):
    return [("JAVA_HOME", "/opt/java/openjdk"), ("LANG", "en_US.UTF-8"), ("LANGUAGE", "en_US:en"), ("LC_ALL", "en_US.UTF-8"),
            ("JAVA_VERSION", ("jdk" if jdk == "8" else "jdk-") + TEMURIN[jdk])]


MAVEN_RELEASES = {"3.9": "3.9.9", "3.8": "3.8.8", "3.6": "3.6.3"}
for v, mb in [("3.9", 500), ("3.8", 480), ("3.6", 470)]:
    for jdk, base in [("21", "eclipse-temurin:21-jdk"), ("17", "eclipse-temurin:17-jdk"), ("11", "eclipse-temurin:11-jdk"), ("8", "eclipse-temurin:8-jdk")]:
        refs = ["maven:%s-eclipse-temurin-%s" % (v, jdk), "maven:%s-jdk-%s" % (v, jdk)]
        if jdk in ("8", "11", "17"):
            refs += ["maven:%s-openjdk-%s" % (v, jdk)]
        if v == "3.9" and jdk == "21":
            refs += ["maven:latest", "maven:3", "maven:3.9"]
        LANGS.append(("maven", refs, base, mb + (0 if jdk == "21" else -40), "usr/share/maven/bin/mvn", ["mvn"],
                      temurin_env(jdk) + [("MAVEN_HOME", "/usr/share/maven"), ("MAVEN_CONFIG", "/root/.m2")], None))
for v, jdk, base, mb in [("8.12", "21", "eclipse-temurin:21-jdk", 830), ("8.12", "17", "eclipse-temurin:17-jdk", 800), ("7.6", "17", "eclipse-temurin:17-jdk", 760), ("8.5", "17", "eclipse-temurin:17-jdk", 780)]:
    refs = ["gradle:%s-jdk%s" % (v, jdk), "gradle:%s.0-jdk%s" % (v, jdk)] + (["gradle:latest", "gradle:jdk21"] if v == "8.12" and jdk == "21" else ["gradle:jdk17"] if v == "8.12" else [])
    LANGS.append(("gradle", refs, base, mb, "opt/gradle/bin/gradle", ["gradle"], temurin_env(jdk) + [("GRADLE_HOME", "/opt/gradle"), ("GRADLE_VERSION", v)], "/home/gradle"))
for v, full, jdkmb, jremb in [("8", "8u432-b06", 348, 225), ("11", "11.0.25_9", 450, 270), ("17", "17.0.13_11", 440, 270), ("21", "21.0.5_11", 466, 287)]:
    env = temurin_env(v)
    for sfx, base, size in [("-jdk", "ubuntu:24.04", jdkmb), ("", "ubuntu:24.04", jdkmb), ("-jre", "ubuntu:24.04", jremb),
                            ("-jdk-alpine", "alpine:3.20", jdkmb - 150), ("-jre-alpine", "alpine:3.20", jremb - 100), ("-alpine", "alpine:3.20", jdkmb - 150),
                            ("-jdk-jammy", "ubuntu:22.04", jdkmb), ("-jre-jammy", "ubuntu:22.04", jremb), ("-jdk-focal", "ubuntu:20.04", jdkmb - 5), ("-jre-focal", "ubuntu:20.04", jremb - 5)]:
        refs = ["eclipse-temurin:%s%s" % (v, sfx)] + (["eclipse-temurin:latest"] if v == "21" and sfx == "" else [])
        LANGS.append(("eclipse-temurin", refs, base, size, "opt/java/openjdk/bin/java", ["jshell"] if "jdk" in sfx or sfx in ("", "-alpine") else ["bash"], env, None))
for v, full, mb, slim, jre in [("8", "8u342", 526, 0, 273), ("11", "11.0.16", 654, 423, 300), ("17", "17.0.2", 471, 408, 0)]:
    env = [("JAVA_HOME", "/usr/local/openjdk-" + v), ("LANG", "C.UTF-8"), ("JAVA_VERSION", full)]
    LANGS.append(("openjdk", ["openjdk:" + v, "openjdk:%s-jdk" % v], "buildpack-deps:buster-scm" if v != "17" else "oraclelinux:8", mb, "usr/local/openjdk-%s/bin/java" % v, ["jshell"] if v != "8" else ["bash"], env, None))
    if slim:
        LANGS.append(("openjdk", ["openjdk:%s-jdk-slim" % v, "openjdk:%s-slim" % v], "debian:bullseye-slim", slim, "usr/local/openjdk-%s/bin/java" % v, ["jshell"], env, None))
    if jre:
        LANGS.append(("openjdk", ["openjdk:%s-jre" % v, "openjdk:%s-jre-slim" % v], "debian:bullseye-slim", jre, "usr/local/openjdk-%s/bin/java" % v, ["bash"], env, None))
# Microsoft's .NET images (mcr.microsoft.com/dotnet, built from dotnet/dotnet-docker's
# Dockerfiles): runtime-deps <- runtime <- aspnet <- sdk, one layer set per step.
# .NET 8 brought APP_UID and port 8080; .NET 10's default distribution is Ubuntu 24.04.
# (major, runtime release, SDK release, default base, alpine base, sizes MB: deps, runtime, aspnet, sdk, alpine sdk)
DOTNET = [("10.0", "10.0.0", "10.0.100", "ubuntu:24.04", "alpine:3.21", (128, 197, 230, 930, 780)),
          ("9.0", "9.0.0", "9.0.101", "debian:bookworm-slim", "alpine:3.20", (117, 190, 222, 877, 722)),
          ("8.0", "8.0.11", "8.0.404", "debian:bookworm-slim", "alpine:3.20", (117, 193, 217, 858, 711)),
          ("7.0", "7.0.20", "7.0.410", "debian:bookworm-slim", "alpine:3.20", (117, 191, 215, 826, 680)),
          ("6.0", "6.0.36", "6.0.428", "debian:bookworm-slim", "alpine:3.20", (117, 189, 213, 780, 640))]
DOTNET_HOME = "usr/share/dotnet"
for major, rt, sdkv, deb, alp, (deps_mb, rt_mb, asp_mb, sdk_mb, asdk_mb) in DOTNET:
    new_ports = major not in ("6.0", "7.0")
    for alpine in (False, True):
        base = alp if alpine else deb
        ubuntu = base.startswith("ubuntu")
        sfx = "-alpine" if alpine else ""
        cmd = ["/bin/sh"] if alpine else (["/bin/bash"] if ubuntu else ["bash"])
        distro = "Alpine-3.20" if alpine else ("Ubuntu-24.04" if ubuntu else "Debian-12")
        scale = 0.48 if alpine else 1.0  # the musl images are smaller
        def refs(img):
            r = ["mcr.microsoft.com/dotnet/%s:%s%s" % (img, major, sfx), "mcr.microsoft.com/dotnet/%s:%s%s" % (img, sdkv if img == "sdk" else rt, sfx)]
            if not alpine and not ubuntu:
                r.append("mcr.microsoft.com/dotnet/%s:%s-bookworm-slim" % (img, major))
            if ubuntu:
                r.append("mcr.microsoft.com/dotnet/%s:%s-noble" % (img, major))
            if major == "10.0" and not alpine:
                r.append("mcr.microsoft.com/dotnet/%s:latest" % img)
            return r
        port_env = [("APP_UID", "1654"), ("ASPNETCORE_HTTP_PORTS", "8080")] if new_ports else [("ASPNETCORE_URLS", "http://+:80")]
        deps_env = port_env + [("DOTNET_RUNNING_IN_CONTAINER", "true")]
        if alpine:
            deps_env.append(("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "false"))
        passwd = (ALPINE_PASSWD if alpine else DEBIAN_PASSWD)
        group = (ALPINE_GROUP if alpine else DEBIAN_GROUP)
        user_files = []
        if new_ports:
            user_files = [["text", "etc/passwd", passwd + ("app:x:1654:1654:Linux User,,,:/home/app:/sbin/nologin\n" if alpine else "app:x:1654:1654::/home/app:/bin/sh\n"), 0o644],
                          ["text", "etc/group", group + "app:x:1654:\n", 0o644], ["dir", "home/app", 0o755], ["owner", "home/app", 1654]]
        install = ("RUN /bin/sh -c apk add --upgrade --no-cache ca-certificates-bundle libgcc libssl3 libstdc++ zlib # buildkit" if alpine else
                   "RUN /bin/sh -c apt-get update     && apt-get install -y --no-install-recommends         ca-certificates                 libc6         libgcc-s1         libicu%s         libssl3         libstdc++6         tzdata         zlib1g     && rm -rf /var/lib/apt/lists/* # buildkit" % ("74" if ubuntu else "72"))
        deps_layers = [(install, 0.96, [["fill", "usr/lib/x86_64-linux-gnu" if not alpine else "usr/lib", "icu", ".so"]])]
        if new_ports:
            deps_layers.append(("RUN /bin/sh -c " + ("addgroup         --gid=$APP_UID         app     && adduser         --uid=$APP_UID         --ingroup=app         --disabled-password         app # buildkit" if alpine else
                                "groupadd         --gid=$APP_UID         app     && useradd -l         --uid=$APP_UID         --gid=$APP_UID         --create-home         app # buildkit"), 0.04, user_files))
        config = {"Env": env_of(*deps_env), "Cmd": cmd}
        generic("dotnet", refs("runtime-deps"), base, deps_mb * (0.12 if alpine else 1.0), "2024-12-03T00:00:00Z", deps_layers, config,
                meta_before=["ENV %s=%s" % e for e in deps_env], meta_after=[])
        rt_env = deps_env + [("DOTNET_VERSION", rt)]
        runtime_files = [["bin", DOTNET_HOME + "/dotnet", 70_456], ["text", DOTNET_HOME + "/LICENSE.txt", "The MIT License (MIT)\n\nCopyright (c) .NET Foundation and Contributors\n", 0o644],
                         ["data", DOTNET_HOME + "/host/fxr/%s/libhostfxr.so" % rt, 493_000, 0o644], ["fill", DOTNET_HOME + "/shared/Microsoft.NETCore.App/" + rt, "System", ".dll"]]
        generic("dotnet", refs("runtime"), refs("runtime-deps")[0], rt_mb * scale, "2024-12-03T00:00:00Z",
                [("COPY /dotnet /usr/share/dotnet # buildkit", 1.0, runtime_files),
                 ("RUN /bin/sh -c ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet # buildkit", 0.0, [["link", "usr/bin/dotnet", "/usr/share/dotnet/dotnet"]])],
                {"Env": env_of(*rt_env), "Cmd": cmd}, meta_before=["ENV DOTNET_VERSION=" + rt], meta_after=[])
        asp_env = rt_env + [("ASPNET_VERSION", rt)]
        generic("dotnet", refs("aspnet"), refs("runtime")[0], asp_mb * scale, "2024-12-03T00:00:00Z",
                [("COPY /dotnet /usr/share/dotnet # buildkit", 1.0, [["fill", DOTNET_HOME + "/shared/Microsoft.AspNetCore.App/" + rt, "Microsoft.AspNetCore", ".dll"]])],
                {"Env": env_of(*asp_env), "Cmd": cmd}, meta_before=["ENV ASPNET_VERSION=" + rt], meta_after=[])
        sdk_extra = ([("ASPNETCORE_URLS", "")] if not new_ports else []) + [
            ("DOTNET_GENERATE_ASPNET_CERTIFICATE", "false"), ("DOTNET_NOLOGO", "true"), ("DOTNET_SDK_VERSION", sdkv),
            ("DOTNET_USE_POLLING_FILE_WATCHER", "true"), ("NUGET_XMLDOC_MODE", "skip"), ("POWERSHELL_DISTRIBUTION_CHANNEL", "PSDocker-DotnetSDK-" + distro)]
        sdk_env = [e for e in asp_env if e[0] != "ASPNETCORE_URLS" or new_ports] + sdk_extra
        tools = ("RUN /bin/sh -c apk add --upgrade --no-cache         curl         git         icu-data-full         icu-libs         tzdata # buildkit" if alpine else
                 "RUN /bin/sh -c apt-get update     && apt-get install -y --no-install-recommends         curl         git         libatomic1         wget     && rm -rf /var/lib/apt/lists/* # buildkit")
        sdk_files = [["data", DOTNET_HOME + "/packs/Microsoft.NETCore.App.Ref/%s/data/FrameworkList.xml" % rt, 110_000, 0o644],
                     ["data", DOTNET_HOME + "/templates/%s/microsoft.dotnet.common.projecttemplates.%s.nupkg" % (sdkv, major), 120_000, 0o644],
                     ["dir", DOTNET_HOME + "/sdk-manifests", 0o755], ["fill", DOTNET_HOME + "/sdk/" + sdkv, "Microsoft.Build", ".dll"]]
        generic("dotnet", refs("sdk"), refs("aspnet")[0], (asdk_mb if alpine else sdk_mb), "2024-12-03T00:00:00Z",
                [(tools, 0.08, [["bin", "usr/bin/git", 3_900_000], ["bin", "usr/bin/curl", 260_000]] + ([] if alpine else [["bin", "usr/bin/wget", 500_000]])),
                 ("COPY /dotnet /usr/share/dotnet # buildkit", 0.72, sdk_files),
                 ("RUN /bin/sh -c ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet     && dotnet help # buildkit", 0.0, [["link", "usr/bin/dotnet", "/usr/share/dotnet/dotnet"]]),
                 ("RUN /bin/sh -c powershell_version=7.4.6     && dotnet tool install --add-source / --tool-path /usr/share/powershell --version $powershell_version PowerShell.Linux.x64     && ln -s /usr/share/powershell/pwsh /usr/bin/pwsh # buildkit", 0.20,
                  [["bin", "usr/share/powershell/pwsh", 75_000], ["link", "usr/bin/pwsh", "/usr/share/powershell/pwsh"]])],
                {"Env": env_of(*sdk_env), "Cmd": cmd}, meta_before=["ENV %s=%s" % e for e in sdk_extra], meta_after=[])
DISTROLESS = [("static", 2, None), ("base", 20, None), ("cc", 23, None), ("java17", 226, "/usr/bin/java"), ("nodejs20", 164, "/nodejs/bin/node"), ("python3", 53, "/usr/bin/python3")]
for name, mb, runtime in DISTROLESS:
    for deb in ("", "-debian11", "-debian12"):
        for tag in ("latest", "nonroot", "debug", "debug-nonroot"):
            refs = ["gcr.io/distroless/%s%s:%s" % (name, deb, tag)]
            LANGS.append(("distroless", refs, None, mb + (1 if "debug" in tag else 0), runtime.lstrip("/") if runtime else "etc/os-release-distroless",
                          ([runtime] if runtime else None) if "debug" not in tag else ["/busybox/sh"],
                          [("SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt")], "/home/nonroot" if "nonroot" in tag else None))
for fam_name, refs, base, mb, binary, cmd, env in [
    ("perl", ["perl:latest", "perl:5", "perl:5.40", "perl:5.38"], "buildpack-deps:bookworm", 890, "usr/local/bin/perl", ["perl5.40.0", "-de0"], []),
    ("perl", ["perl:slim", "perl:5-slim", "perl:5.40-slim"], "debian:bookworm-slim", 143, "usr/local/bin/perl", ["perl5.40.0", "-de0"], []),
    ("r-base", ["r-base:latest", "r-base:4.4.2"], "debian:bookworm", 830, "usr/lib/R/bin/R", ["R"], [("R_BASE_VERSION", "4.4.2"), ("LANG", "en_US.UTF-8")]),
    ("julia", ["julia:latest", "julia:1", "julia:1.11"], "debian:bookworm-slim", 840, "usr/local/julia/bin/julia", ["julia"], [("JULIA_PATH", "/usr/local/julia"), ("JULIA_VERSION", "1.11.2")]),
    ("erlang", ["erlang:latest", "erlang:27", "erlang:26"], "buildpack-deps:bookworm", 1_270, "usr/local/bin/erl", ["erl"], [("OTP_VERSION", "27.2")]),
    ("elixir", ["elixir:latest", "elixir:1.17", "elixir:1.18", "elixir:1.16"], "buildpack-deps:bookworm", 1_550, "usr/local/bin/iex", ["iex"], [("ELIXIR_VERSION", "v1.17.3"), ("LANG", "C.UTF-8")]),
    ("haskell", ["haskell:latest", "haskell:9", "haskell:9.10"], "buildpack-deps:bookworm", 4_100, "opt/ghc/bin/ghci", ["ghci"], [("LANG", "C.UTF-8"), ("GHC", "9.10.1")]),
    ("clojure", ["clojure:latest", "clojure:temurin-21-lein", "clojure:lein"], "eclipse-temurin:21-jdk", 590, "usr/local/bin/lein", ["lein", "repl"], [("LEIN_VERSION", "2.11.2")]),
    ("groovy", ["groovy:latest", "groovy:4.0", "groovy:jdk17"], "eclipse-temurin:17-jdk", 540, "opt/groovy/bin/groovysh", ["groovysh"], [("GROOVY_HOME", "/opt/groovy"), ("GROOVY_VERSION", "4.0.24")]),
    ("swift", ["swift:latest", "swift:6.0", "swift:5.10"], "ubuntu:22.04", 2_800, "usr/bin/swift", ["/bin/bash"], [("SWIFT_VERSION", "swift-6.0.3-RELEASE")]),
    ("dart", ["dart:latest", "dart:stable", "dart:3.6"], "debian:bookworm-slim", 850, "usr/lib/dart/bin/dart", None, [("DART_SDK", "/usr/lib/dart")]),
    ("centos", ["centos:latest", "centos:8", "centos:7", "centos:centos7"], None, 231, "usr/bin/bash", ["/bin/bash"], []),
    ("fedora", ["fedora:latest", "fedora:41", "fedora:40", "fedora:39"], None, 226, "usr/bin/bash", ["/bin/bash"], [("DISTTAG", "f41container"), ("FGC", "f41"), ("FBR", "f41")]),
    ("amazonlinux", ["amazonlinux:latest", "amazonlinux:2023", "amazonlinux:2"], None, 144, "usr/bin/bash", ["/bin/bash"], []),
    ("rockylinux", ["rockylinux:9", "rockylinux:8", "rockylinux:9-minimal", "rockylinux/rockylinux:9"], None, 176, "usr/bin/bash", ["/bin/bash"], []),
    ("almalinux", ["almalinux:latest", "almalinux:9", "almalinux:8", "almalinux:9-minimal"], None, 190, "usr/bin/bash", ["/bin/bash"], []),
    ("archlinux", ["archlinux:latest", "archlinux:base", "archlinux:base-devel"], None, 438, "usr/bin/bash", ["/usr/bin/bash"], [("LANG", "C.UTF-8")]),
    ("busybox-tags", ["busybox:1.36", "busybox:musl", "busybox:uclibc", "busybox:glibc", "busybox:stable"], "busybox:latest", 5.3, "bin/busybox-extra", ["sh"], []),
    ("nginx-tags", ["nginx:1.26", "nginx:1.25", "nginx:1.24", "nginx:1.23", "nginx:mainline", "nginx:stable-alpine", "nginx:mainline-alpine", "nginx:1.26-alpine", "nginx:1.25-alpine", "nginx:alpine-slim", "nginx:1.27-alpine-slim"], "nginx:latest", 192, "usr/share/nginx/html/.version", ["nginx", "-g", "daemon off;"], []),
    ("httpd-tags", ["httpd:alpine", "httpd:2.4-alpine", "httpd:2-alpine", "httpd:2.4.62-alpine", "httpd:alpine3.20"], "alpine:3.20", 62, "usr/local/apache2/bin/httpd", ["httpd-foreground"], [("HTTPD_PREFIX", "/usr/local/apache2"), ("HTTPD_VERSION", "2.4.62")]),
]:
    LANGS.append((fam_name, refs, base, mb, binary, cmd, env, None))

OS_RELEASES = {
    "centos": rhel_release("CentOS Linux", "8", "centos", "rhel fedora", "CentOS Linux 8"),
    "fedora": rhel_release("Fedora Linux", "41 (Container Image)", "fedora", "", "Fedora Linux 41 (Container Image)"),
    "amazonlinux": rhel_release("Amazon Linux", "2023", "amzn", "fedora", "Amazon Linux 2023.6.20241212"),
    "rockylinux": rhel_release("Rocky Linux", "9.3 (Blue Onyx)", "rocky", "rhel centos fedora", "Rocky Linux 9.3 (Blue Onyx)"),
    "almalinux": rhel_release("AlmaLinux", "9.5 (Teal Serval)", "almalinux", "rhel centos fedora", "AlmaLinux 9.5 (Teal Serval)"),
    "archlinux": 'NAME="Arch Linux"\nPRETTY_NAME="Arch Linux"\nID=arch\nBUILD_ID=rolling\n',
}

for family, refs, base, mb, binary, cmd, env, wd in LANGS:
    config = {"Env": env_of(*env)}
    if cmd:
        config["Cmd"] = cmd
    if wd:
        config["WorkingDir"] = wd
    if family == "distroless":
        config["Env"] = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" + (":/busybox" if "debug" in refs[0] else "")] + ["%s=%s" % e for e in env]
        if "nonroot" in refs[0]:
            config["User"] = "65532"
        files = [["text", "etc/os-release", 'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\nVERSION="Debian GNU/Linux 12 (bookworm)"\nHOME_URL="https://github.com/GoogleContainerTools/distroless"\n', 0o644],
                 ["text", "etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n", 0o644],
                 ["text", "etc/group", "root:x:0:\nnobody:x:65534:\ntty:x:5:\nstaff:x:50:\nnonroot:x:65532:\n", 0o644],
                 ["dir", "home/nonroot", 0o700], ["owner", "home/nonroot", 65532], ["dir", "tmp", 0o1777],
                 ["data", "etc/ssl/certs/ca-certificates.crt", 213777, 0o644]]
        if "debug" in refs[0]:
            files += [["bin", "busybox/busybox", 1_159_496], ["links", "busybox", "busybox", SHORT_BUSYBOX_BIN + SHORT_BUSYBOX_USR_BIN]]
        if name != "static":
            # glibc's dynamic loader: what a dynamically linked binary needs (`base`, `cc`: Rust's).
            files.append(["bin", "lib64/ld-linux-x86-64.so.2", 210_968])
        if binary != "etc/os-release-distroless":
            files.append(["bin", binary, 1_000_000])
        files.append(["fill", "usr/lib", "lib", ".so"])
        first = refs[0]
        key = "distroless:" + first.split("/")[-1]
        add_layer("distroless", key, stamp("2024-12-01T00:00:00Z"), int(mb * 1_000_000), files)
        add_image("distroless", refs, history=[[key, "bazel build //%s" % first.split("/")[-1]]], config=config,
                  created="1970-01-01T00:00:00Z", comment=None, real_size=int(mb * 1_000_000), rows=1)
        continue
    if base is None:
        key = "%s:%s" % (family, refs[0].split(":")[1])
        osr = OS_RELEASES.get(family, "")
        add_layer(family, key, stamp("2024-12-01T00:00:00Z"), int(mb * 1_000_000), rhel_files(osr, "pacman" if family == "archlinux" else "dnf"))
        add_image(family, refs, history=[[key, "ADD %s-rootfs.tar.xz / # buildkit" % family], [None, "CMD %s" % json.dumps(cmd).replace('", "', '" "')]],
                  config=config, created="2024-12-01T00:00:00Z", real_size=int(mb * 1_000_000), rows=2)
        continue
    files = [["bin", binary, 1_000_000], ["fill", os.path.dirname(binary), "lib", ".so"]]
    if family in ("eclipse-temurin", "openjdk", "maven", "gradle"):
        home = os.path.dirname(os.path.dirname(binary)) if family in ("eclipse-temurin", "openjdk") else "opt/java/openjdk"
        config["Env"] = env_of(*env, path=JAVA_PATH if home == "opt/java/openjdk" else "PATH=/%s/bin:%s" % (home, PATH[len("PATH="):]))
        jre = any("-jre" in r for r in refs) and family in ("eclipse-temurin", "openjdk")
        if family in ("eclipse-temurin", "openjdk"):
            files += [["bin", home + "/bin/" + tool, 20_000] for tool in ([] if jre else ["javac", "jar", "jshell"]) + ["keytool"]]
    if family == "maven":
        files += [["link", "usr/bin/mvn", "../share/maven/bin/mvn"],
                  ["data", "usr/share/maven/lib/maven-core-%s.jar" % MAVEN_RELEASES[refs[0].split(":")[1][:3]], 720_000, 0o644],
                  ["dir", "root/.m2", 0o755]]
    if family == "gradle":
        # The image renames Ubuntu's user 1000 to gradle.
        files += [["link", "usr/bin/gradle", "/opt/gradle/bin/gradle"], ["dir", "home/gradle", 0o755], ["owner", "home/gradle", 1000],
                  ["text", "etc/passwd", DEBIAN_PASSWD + "gradle:x:1000:1000:Ubuntu:/home/gradle:/bin/bash\n", 0o644],
                  ["text", "etc/group", DEBIAN_GROUP + "gradle:x:1000:\n", 0o644]]
    if family in UNRESOLVED:
        resolve_command(config, files, binary, cmd, None)
    if family == "httpd-tags":
        # docker-library/httpd's alpine variant: httpd-foreground, the default page, STOPSIGNAL SIGWINCH.
        config["Env"] = env_of(*env, path="PATH=/usr/local/apache2/bin:" + PATH[len("PATH="):])
        config["WorkingDir"] = "/usr/local/apache2"
        config["StopSignal"] = "SIGWINCH"
        config["ExposedPorts"] = {"80/tcp": {}}
        files += [["text", "usr/local/bin/httpd-foreground", '#!/bin/sh\nset -e\n\n# Apache gets grumpy about PID files pre-existing\nrm -f /usr/local/apache2/logs/httpd.pid\n\nexec httpd -DFOREGROUND "$@"\n', 0o755],
                  ["text", "usr/local/apache2/htdocs/index.html", "<html><body><h1>It works!</h1></body></html>\n", 0o644],
                  ["data", "usr/local/apache2/conf/httpd.conf", 20_891, 0o644], ["dir", "usr/local/apache2/logs", 0o755]]
    if family == "ruby":
        # RubyGems, Bundler and the default gems' commands, next to ruby.
        files += [["bin", "usr/local/bin/" + tool, 600] for tool in ["bundle", "bundler", "erb", "gem", "irb", "rake", "rdoc", "ri"]]
        files += [["dir", "usr/local/bundle", 0o777]]
    if family == "php":
        # The configurations the official image ships ("mv php.ini-production php.ini").
        files += [["dir", "usr/local/etc/php/conf.d", 0o755], ["data", "usr/local/etc/php/php.ini-development", 73_000, 0o644],
                  ["data", "usr/local/etc/php/php.ini-production", 73_000, 0o644]]
        if binary != "usr/local/bin/php":
            # Every variant has the CLI too (`docker exec web php -v`, `RUN php -r …`).
            files.append(["bin", "usr/local/bin/php", 1_000_000])
        tag = refs[0].split(":")[1]
        files += php_files(tag[:3], "-apache" if tag.endswith("-apache") else "", "alpine" in tag)
        # docker-php-entrypoint puts the variant's server (or php) in front of options.
        server = "apache2-foreground" if "apache" in tag else "php-fpm" if "fpm" in tag else "php"
        files.append(["text", "usr/local/bin/docker-php-entrypoint",
                      '#!/bin/sh\nset -e\n\n# first arg is `-f` or `--some-option`\nif [ "${1#-}" != "$1" ]; then\n\tset -- %s "$@"\nfi\n\nexec "$@"\n' % server, 0o755])
        config["Entrypoint"] = ["docker-php-entrypoint"]
        if "fpm" in tag:
            config["StopSignal"] = "SIGQUIT"
            config["ExposedPorts"] = {"9000/tcp": {}}
            etc = "usr/local/etc/"
            files += [["data", etc + "php-fpm.conf", 5_300, 0o644], ["data", etc + "php-fpm.d/www.conf", 20_600, 0o644],
                      ["text", etc + "php-fpm.d/docker.conf", "[global]\nerror_log = /proc/self/fd/2\n\n; https://github.com/docker-library/php/pull/725#issuecomment-443540114\nlog_limit = 8192\n\n[www]\n; php-fpm closes STDOUT on startup, so sending logs to /proc/self/fd/1 does not work.\n; https://bugs.php.net/bug.php?id=73886\naccess.log = /proc/self/fd/2\n\nclear_env = no\n\n; Ensure worker stdout and stderr are sent to the main error log.\ncatch_workers_output = yes\ndecorate_workers_output = no\n", 0o644],
                      ["text", etc + "php-fpm.d/zz-docker.conf", "[global]\ndaemonize = no\n\n[www]\nlisten = 9000\n", 0o644]]
        elif "apache" in tag:
            config["StopSignal"] = "SIGWINCH"
            config["ExposedPorts"] = {"80/tcp": {}}
    metas = ["ENV %s=%s" % e for e in env]
    if family == "php":
        metas.append('ENTRYPOINT ["docker-php-entrypoint"]')
    if wd:
        metas.append("WORKDIR %s" % wd)
    if config.get("StopSignal") and family == "php":
        metas.append("STOPSIGNAL %s" % config["StopSignal"])
        metas += ["EXPOSE map[%s:{}]" % p for p in config["ExposedPorts"]]
    if cmd:
        metas.append("CMD %s" % json.dumps(cmd).replace('", "', '" "'))
    generic(family, refs, base, mb, "2024-12-01T00:00:00Z",
            [("RUN /bin/sh -c set -eux; install %s # buildkit" % refs[0], 1.0, files)], config, {}, base_mb=0.0, meta_before=metas[:-1] if cmd else metas, meta_after=metas[-1:] if cmd else [])

# Rust: the official images (docker-library/rust): rustup's toolchain in
# /usr/local/rustup, its proxies in /usr/local/cargo/bin (cargo, rustc... are
# all rustup, named by argv[0]); the alpine variants add gcc but not musl-dev.
RUST_RELEASES = [("1.92", 1_550, 900, 880, "3.21"), ("1.91", 1_540, 895, 875, "3.21"), ("1.90", 1_530, 890, 870, "3.21"),
                 ("1.89", 1_520, 885, 865, "3.21"), ("1.88", 1_510, 880, 860, "3.21"), ("1.87", 1_500, 875, 855, "3.21"),
                 ("1.86", 1_500, 870, 850, "3.21"), ("1.85", 1_490, 860, 845, "3.21"), ("1.84", 1_480, 850, 840, "3.21"),
                 ("1.83", 1_470, 840, 830, "3.20"), ("1.82", 1_460, 830, 820, "3.20"), ("1.80", 1_450, 820, 810, "3.20"),
                 ("1.75", 1_400, 790, 780, "3.19"), ("1.70", 1_300, 760, 750, "3.18")]
RUST_TOOLS = ["cargo", "cargo-clippy", "cargo-fmt", "clippy-driver", "rust-gdb", "rust-lldb", "rustc", "rustdoc", "rustfmt", "rustup"]
for v, mb, slim_mb, alpine_mb, aver in RUST_RELEASES:
    full = v + ".0"
    latest = v == RUST_RELEASES[0][0]
    env = [("RUSTUP_HOME", "/usr/local/rustup"), ("CARGO_HOME", "/usr/local/cargo"), ("RUST_VERSION", full)]
    for sfx, base, size in [("", "buildpack-deps:bookworm", mb), ("-slim", "debian:bookworm-slim", slim_mb), ("-alpine", "alpine:" + aver, alpine_mb)]:
        host = "x86_64-unknown-linux-musl" if sfx == "-alpine" else "x86_64-unknown-linux-gnu"
        refs = []
        for tag in [v, full] + (["1", "latest"] if latest else []):
            if sfx == "":
                refs += ["rust:" + tag if tag != "latest" else "rust:latest", "rust:%s-bookworm" % tag if tag != "latest" else "rust:bookworm"]
            elif sfx == "-slim":
                refs += ["rust:%s-slim" % tag if tag != "latest" else "rust:slim", "rust:%s-slim-bookworm" % tag if tag != "latest" else "rust:slim-bookworm"]
            else:
                refs += ["rust:%s-alpine" % tag if tag != "latest" else "rust:alpine", "rust:%s-alpine%s" % (tag, aver) if tag != "latest" else "rust:alpine" + aver]
        toolchain = "usr/local/rustup/toolchains/%s-%s" % (full, host)
        files = [["bin", "usr/local/cargo/bin/rustup", 8_000_000]] + [["link", "usr/local/cargo/bin/" + t, "rustup"] for t in RUST_TOOLS if t != "rustup"]
        files += [["text", "usr/local/rustup/settings.toml", 'version = "12"\ndefault_toolchain = "%s-%s"\nprofile = "minimal"\n\n[overrides]\n' % (full, host), 0o644],
                  ["bin", toolchain + "/bin/rustc", 600_000], ["bin", toolchain + "/bin/cargo", 30_000_000],
                  ["fill", toolchain + "/lib/rustlib/%s/lib" % host, "libstd", ".rlib"], ["dir", "usr/local/cargo/registry", 0o777]]
        if sfx == "-alpine":
            pre = ("RUN /bin/sh -c apk add --no-cache ca-certificates gcc # buildkit", 0.12, [["fill", "usr/libexec/gcc/x86_64-alpine-linux-musl", "cc1", ""]])
        elif sfx == "-slim":
            pre = ("RUN /bin/sh -c set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates gcc libc6-dev wget; rm -rf /var/lib/apt/lists/* # buildkit", 0.15,
                   [["fill", "usr/lib/gcc/x86_64-linux-gnu/12", "cc1", ""]])
        else:
            pre = None
        install = ("RUN /bin/sh -c set -eux; url=\"https://static.rust-lang.org/rustup/archive/1.27.1/%s/rustup-init\"; wget \"$url\"; chmod +x rustup-init; ./rustup-init -y --no-modify-path --profile minimal --default-toolchain $RUST_VERSION --default-host %s; rm rustup-init; chmod -R a+w $RUSTUP_HOME $CARGO_HOME; rustup --version; cargo --version; rustc --version; # buildkit" % (host, host), 1.0, files)
        layers = ([pre] if pre else []) + [install]
        metas = ["ENV RUSTUP_HOME=/usr/local/rustup CARGO_HOME=/usr/local/cargo PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin RUST_VERSION=" + full]
        generic("rust", refs, base, size, "2024-12-04T00:00:00Z", layers,
                {"Env": env_of(*env, path="PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), "Cmd": ["/bin/sh"] if sfx == "-alpine" else ["bash"]}, {},
                meta_before=metas, meta_after=["CMD [\"/bin/sh\"]" if sfx == "-alpine" else "CMD [\"bash\"]"])

# python and golang extra versions
for v, full, mb, slim, amb, deb, aver in [("2.7", "2.7.18", 902, 148, 71, "buster", "3.11"), ("3.6", "3.6.15", 902, 122, 50, "bullseye", "3.15"),
                                          ("3.7", "3.7.17", 994, 125, 49, "bookworm", "3.18"), ("3.9", "3.9.21", 999, 125, 55, "bookworm", "3.21"),
                                          ("3.10", "3.10.16", 1_000, 127, 56, "bookworm", "3.21"), ("3.11", "3.11.11", 1_010, 130, 57, "bookworm", "3.21")]:
    env = [("LANG", "C.UTF-8"), ("PYTHON_VERSION", full)]
    cmd = ["python2"] if v == "2.7" else ["python3"]
    binpath = "usr/local/bin/python%s" % v
    for sfx, base, size in [("", "buildpack-deps:" + deb, mb), ("-slim", "debian:%s-slim" % deb, slim), ("-alpine", "alpine:" + aver, amb),
                            ("-" + deb, "buildpack-deps:" + deb, mb), ("-slim-" + deb, "debian:%s-slim" % deb, slim), ("-alpine" + aver, "alpine:" + aver, amb)]:
        refs = ["python:%s%s" % (v, sfx), "python:%s%s" % (full, sfx)]
        files = [["bin", binpath, 17_192], ["link", "usr/local/bin/python" + v[0], "python" + v], ["link", "usr/local/bin/python", "python" + v[0]],
                 ["text", "usr/local/bin/pip" + v[0], "#!/usr/local/bin/python\nimport sys\nfrom pip._internal.cli.main import main\nsys.exit(main())\n", 0o755],
                 ["link", "usr/local/bin/pip", "pip" + v[0]], ["fill", "usr/local/lib/python" + v, "stdlib", ".pyc"]]
        generic("python", refs, base, size, "2024-12-04T00:00:00Z", [("RUN /bin/sh -c set -eux; \t\twget -O python.tar.xz \"Python-$PYTHON_VERSION.tar.xz\"; \t./configure --enable-optimizations --enable-shared --with-ensurepip; \tmake install # buildkit", 1.0, files)],
                {"Env": env_of(*env, path="PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), "Cmd": cmd}, {},
                meta_before=["ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "ENV LANG=C.UTF-8", "ENV PYTHON_VERSION=" + full],
                meta_after=["CMD %s" % json.dumps(cmd)])

for v, full, mb, deb, amb, aver in [("1.7", "1.7.6", 672, "stretch", 250, "3.6"), ("1.8", "1.8.7", 712, "stretch", 257, "3.6"), ("1.9", "1.9.7", 750, "stretch", 270, "3.7"),
                                    ("1.10", "1.10.8", 760, "stretch", 359, "3.9"), ("1.11", "1.11.13", 796, "stretch", 312, "3.10"), ("1.12", "1.12.17", 809, "buster", 347, "3.11"),
                                    ("1.13", "1.13.15", 810, "buster", 370, "3.13"), ("1.14", "1.14.15", 810, "buster", 370, "3.13"), ("1.15", "1.15.15", 839, "buster", 299, "3.14"),
                                    ("1.16", "1.16.15", 919, "bullseye", 404, "3.15"), ("1.17", "1.17.13", 941, "bullseye", 315, "3.16"), ("1.18", "1.18.10", 965, "bullseye", 330, "3.18"),
                                    ("1.19", "1.19.13", 992, "bookworm", 359, "3.18"), ("1.20", "1.20.14", 1_010, "bookworm", 375, "3.19"), ("1.21", "1.21.13", 814, "bookworm", 256, "3.20"),
                                    ("1.23", "1.23.4", 823, "bookworm", 252, "3.21")]:
    env = [("GOLANG_VERSION", full), ("GOPATH", "/go")]
    gopath = "PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    extras = ["golang:%s.3" % v] if v in ("1.7", "1.8", "1.9", "1.10", "1.11") else []
    for sfx, base, size in [("", "buildpack-deps:%s-scm" % deb, mb), ("-alpine", "alpine:" + aver, amb), ("-" + deb, "buildpack-deps:%s-scm" % deb, mb), ("-alpine" + aver, "alpine:" + aver, amb)]:
        refs = ["golang:%s%s" % (v, sfx), "golang:%s%s" % (full, sfx)] + [e + sfx for e in extras]
        if v == "1.23" and sfx in ("", "-alpine"):
            refs += ["golang:latest" if not sfx else "golang:alpine", "golang:1" + sfx]
        files = [["bin", "usr/local/go/bin/go", 14_900_000], ["bin", "usr/local/go/bin/gofmt", 3_300_000],
                 ["text", "usr/local/go/VERSION", "go%s\n" % full, 0o644], ["fill", "usr/local/go/pkg/tool/linux_amd64", "tool", ""]]
        generic("golang", refs, base, size, "2024-12-04T00:00:00Z",
                [("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tg++ \t\tgcc \t\tlibc6-dev \t\tmake \t\tpkg-config \t; \trm -rf /var/lib/apt/lists/* # buildkit" if "alpine" not in sfx else "RUN /bin/sh -c apk add --no-cache ca-certificates # buildkit", 0.45, [["fill", "usr/lib/gcc", "cc", ".a"]]),
                 ("RUN /bin/sh -c set -eux; \turl=\"go$GOLANG_VERSION.linux-amd64.tar.gz\"; \twget -O go.tgz \"$url\"; \ttar -C /usr/local -xzf go.tgz; \tgo version # buildkit", 0.55, files),
                 ("RUN /bin/sh -c mkdir -p \"$GOPATH/src\" \"$GOPATH/bin\" && chmod -R 1777 \"$GOPATH\" # buildkit", 0.0, [["dir", "go/src", 0o1777], ["dir", "go/bin", 0o1777]]),
                 ("WORKDIR /go", 0.0, [["dir", "go", 0o1777]])],
                {"Env": [gopath] + ["%s=%s" % e for e in env], "WorkingDir": "/go", "Cmd": ["/bin/sh"] if "alpine" in sfx else ["bash"]}, {},
                meta_before=["ENV GOLANG_VERSION=" + full, "ENV GOPATH=/go", "ENV " + gopath], meta_after=[])

# ---------------------------------------------------------------- images public tutorials run

# Third-party images the classic tutorials use (docs.docker.com's old
# walkthroughs, docker-curriculum, Kubernetes and Traefik quick starts).
# Histories and sizes follow the published images as far as they could be
# established (docs/images.md); programs say what `docker run` prints and
# what their port answers (`http_body` with {placeholders}, see
# src/container/service.rs `Service::Canned`).

TRUSTY_2015 = "2015-04-21T00:00:00Z"


def trusty_2015(family):
    """ubuntu:14.04 as published in spring 2015 (ADD, policy-rc.d, universe, CMD): the base of whalesay and training/webapp."""
    key = "ubuntu:14.04.2-2015"
    rel = ubuntu_release("14.04.2 LTS", "14.04", "Trusty Tahr", "trusty")
    add_layer(family, key, stamp(TRUSTY_2015), 188_100_000,
              debian_like_files(rel, merged=False, debian_version="jessie/sid\n"))
    add_layer(family, key + ":policy", stamp(TRUSTY_2015), 194_500,
              [["text", "usr/sbin/policy-rc.d", "#!/bin/sh\nexit 101\n", 0o755],
               ["text", "etc/dpkg/dpkg.cfg.d/docker-apt-speedup", "force-unsafe-io\n", 0o644],
               ["fill", "sbin", "initctl", ""]])
    add_layer(family, key + ":universe", stamp(TRUSTY_2015), 1_895,
              [["text", "etc/apt/sources.list", "deb http://archive.ubuntu.com/ubuntu/ trusty main restricted\ndeb http://archive.ubuntu.com/ubuntu/ trusty universe\n", 0o644]])
    return [[key, classic_add(key)],
            [key + ":policy", "/bin/sh -c echo '#!/bin/sh' > /usr/sbin/policy-rc.d \t&& echo 'exit 101' >> /usr/sbin/policy-rc.d \t&& chmod +x /usr/sbin/policy-rc.d \t\t&& dpkg-divert --local --rename --add /sbin/initctl \t&& cp -a /usr/sbin/policy-rc.d /sbin/initctl \t&& sed -i 's/^exit.*/exit 0/' /sbin/initctl \t\t&& echo 'force-unsafe-io' > /etc/dpkg/dpkg.cfg.d/docker-apt-speedup"],
            [key + ":universe", "/bin/sh -c sed -i 's/^#\\s*\\(deb.*universe\\)$/\\1/g' /etc/apt/sources.list"],
            [None, '/bin/sh -c #(nop) CMD ["/bin/bash"]']]


# docker/whalesay: cowsay 3.03 installed from source with the Docker whale as
# its default cow (the image on the Hub is the 2015 build, before the
# repository moved to alpine). The cow is the image's file; cowsay itself is
# simulated (src/shell/programs/cowsay.rs).
WHALE_COW = (
    "##\n## Docker Cow\n##\n$the_cow = <<EOC;\n    $thoughts\n     $thoughts\n      $thoughts     \n"
    "                    ##        .            \n"
    "              ## ## ##       ==            \n"
    "           ## ## ## ##      ===            \n"
    "       /\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\\___/ ===        \n"
    "  ~~~ {~~ ~~~~ ~~~ ~~~~ ~~ ~ /  ===- ~~~   \n"
    "       \\\\______ o          __/            \n"
    "        \\\\    \\\\        __/             \n"
    "          \\\\____\\\\______/   \n"
    "EOC\n")
WHALESAY_DATE = "2015-05-25T22:04:23Z"
_hist = trusty_2015("whalesay")
_t = stamp(WHALESAY_DATE)
add_layer("whalesay", "whalesay:apt", _t, 58_600_000,
          [["bin", "usr/bin/perl", 1_863_000], ["bin", "usr/bin/git", 1_790_000], ["link", "usr/bin/perl5.18.2", "perl"],
           ["fill", "usr/share/perl/5.18", "module", ".pm"]])
add_layer("whalesay", "whalesay:clone", _t, 89_900,
          [["dir", "cowsay", 0o755], ["text", "cowsay/cows/docker.cow", WHALE_COW, 0o644],
           ["data", "cowsay/cowsay", 4_605, 0o755], ["data", "cowsay/install.sh", 3_061, 0o755],
           ["fill", "cowsay/.git/objects", "pack", ".pack"]])
add_layer("whalesay", "whalesay:reset", _t, 43_300, [["fill", "cowsay/.git", "index", ""]])
add_layer("whalesay", "whalesay:install", _t, 30_400,
          [["bin", "usr/local/bin/cowsay", 4_605], ["link", "usr/local/bin/cowthink", "cowsay"],
           ["text", "usr/local/share/cows/default.cow", WHALE_COW, 0o644],
           ["text", "usr/local/share/cows/docker.cow", WHALE_COW, 0o644],
           ["fill", "usr/local/man/man1", "cowsay", ".1"]])
_path = "PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
_hist += [["whalesay:apt", "/bin/sh -c apt-get -y update && apt-get install -y git perl"],
          ["whalesay:clone", "/bin/sh -c git clone https://github.com/moxiegirl/cowsay.git"],
          [None, "/bin/sh -c #(nop) WORKDIR /cowsay"],
          ["whalesay:reset", "/bin/sh -c git reset --hard origin/master"],
          ["whalesay:install", "/bin/sh -c sh install.sh /usr/local"],
          [None, "/bin/sh -c #(nop) ENV " + _path]]
add_image("whalesay", ["docker/whalesay:latest"], history=_hist, created=WHALESAY_DATE, comment=None,
          config={"Env": [_path], "Cmd": ["/bin/bash"], "WorkingDir": "/cowsay"}, real_size=247_000_000, rows=len(_hist))
fam("whalesay")["images"]["docker/whalesay:latest"]["schema1"] = True

# training/webapp: the Flask app of Docker's 2014-15 user guide (python app.py
# on port 5000 answering "Hello world!"; PROVIDER replaces "world").
TRAINING_APP = (
    "import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\n@app.route('/')\ndef hello():\n"
    "    provider = str(os.environ.get('PROVIDER', 'world'))\n    return 'Hello '+provider+'!'\n\n"
    "if __name__ == '__main__':\n    # Bind to PORT if defined, otherwise default to 5000.\n"
    "    port = int(os.environ.get('PORT', 5000))\n    app.run(host='0.0.0.0', port=port)\n")
WEBAPP_DATE = "2015-05-07T21:23:39Z"
_hist = trusty_2015("training-webapp")
_t = stamp(WEBAPP_DATE)
add_layer("training-webapp", "webapp:update", _t, 21_300_000, [["fill", "var/lib/apt/lists", "archive.ubuntu.com_ubuntu_dists_trusty", "_Packages"]])
add_layer("training-webapp", "webapp:python", _t, 137_600_000,
          [["bin", "usr/bin/python2.7", 3_345_416], ["link", "usr/bin/python", "python2.7"], ["link", "usr/bin/python2", "python2.7"],
           ["text", "usr/bin/pip", "#!/usr/bin/python\n# EASY-INSTALL-ENTRY-SCRIPT: 'pip==1.5.4','console_scripts','pip'\n", 0o755],
           ["fill", "usr/lib/python2.7", "module", ".pyc"]])
add_layer("training-webapp", "webapp:requirements", _t, 20, [["text", "tmp/requirements.txt", "Flask\n", 0o644]])
add_layer("training-webapp", "webapp:pip", _t, 1_870_000,
          [["text", "usr/local/lib/python2.7/dist-packages/flask/__init__.py", "__version__ = '0.10.1'\n", 0o644],
           ["text", "usr/local/lib/python2.7/dist-packages/werkzeug/__init__.py", "__version__ = '0.10.4'\n", 0o644],
           ["fill", "usr/local/lib/python2.7/dist-packages/jinja2", "module", ".py"]])
add_layer("training-webapp", "webapp:app", _t, 688,
          [["dir", "opt/webapp", 0o755], ["text", "opt/webapp/app.py", TRAINING_APP, 0o644],
           ["text", "opt/webapp/Procfile", "web: python app.py\n", 0o644],
           ["text", "opt/webapp/requirements.txt", "Flask\n", 0o644], ["text", "opt/webapp/tests.py", "import unittest\n", 0o644]])
_hist += [["webapp:update", "/bin/sh -c apt-get update"],
          ["webapp:python", "/bin/sh -c DEBIAN_FRONTEND=noninteractive apt-get install -y -q python-all python-pip"],
          ["webapp:requirements", "/bin/sh -c #(nop) ADD file:%s in /tmp/requirements.txt" % hashlib.sha256(b"webapp:requirements").hexdigest()],
          ["webapp:pip", "/bin/sh -c pip install -qr /tmp/requirements.txt"],
          ["webapp:app", "/bin/sh -c #(nop) ADD dir:%s in /opt/webapp" % hashlib.sha256(b"webapp:app").hexdigest()],
          [None, "/bin/sh -c #(nop) WORKDIR /opt/webapp"],
          [None, "/bin/sh -c #(nop) EXPOSE 5000/tcp"],
          [None, '/bin/sh -c #(nop) CMD ["python" "app.py"]']]
add_image("training-webapp", ["training/webapp:latest"], history=_hist, created=WEBAPP_DATE, comment=None,
          config={"Env": [PATH], "Cmd": ["python", "app.py"], "WorkingDir": "/opt/webapp", "ExposedPorts": {"5000/tcp": {}}},
          real_size=348_800_000, rows=len(_hist))
fam("training-webapp")["images"]["training/webapp:latest"]["schema1"] = True


# prakhar1989/static-site: docker-curriculum's page, nginx 1.9 (debian:jessie)
# with wrapper.sh printing "Nginx is running..." before exec'ing nginx.
STATIC_INDEX = (
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n\n  <!-- Basic Page Needs\n  \u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013 -->\n"
    "  <meta charset=\"utf-8\">\n  <title>Docker :)</title>\n  <meta name=\"description\" content=\"\">\n  <meta name=\"author\" content=\"\">\n\n"
    "  <!-- Mobile Specific Metas\n  " + "\u2013" * 50 + " -->\n  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\n"
    "  <!-- FONT\n  " + "\u2013" * 50 + " -->\n  <link href=\"//fonts.googleapis.com/css?family=Raleway:400,300,600\" rel=\"stylesheet\" type=\"text/css\">\n\n"
    "  <!-- CSS\n  " + "\u2013" * 50 + " -->\n  <link rel=\"stylesheet\" href=\"css/normalize.css\">\n  <link rel=\"stylesheet\" href=\"css/skeleton.css\">\n\n"
    "  <!-- Favicon\n  " + "\u2013" * 50 + " -->\n  <link rel=\"icon\" type=\"image/png\" href=\"images/favicon.png\">\n\n</head>\n<body>\n\n"
    "  <!-- Primary Page Layout\n  " + "\u2013" * 50 + " -->\n  <div class=\"container\">\n    <div class=\"row\">\n"
    "      <div class=\"one-half column\" style=\"margin-top: 25%\">\n        <h4>Hello Docker!</h4>\n"
    "        <p>This is being served from a <strong>docker</strong> container running <a href=\"https://www.nginx.com/\">Nginx</a>.</p>\n"
    "      </div>\n    </div>\n  </div>\n\n<!-- End Document\n  " + "\u2013" * 50 + " -->\n</body>\n</html>\n")
STATIC_DATE = "2016-01-02T22:33:30Z"
_t = stamp("2015-12-09T00:00:00Z")
add_layer("static-site", "nginx:1.9.9-jessie:key", _t, 4_500, [["fill", "etc/apt/trusted.gpg.d", "nginx", ".gpg"]])
add_layer("static-site", "nginx:1.9.9-jessie:repo", _t, 59, [["text", "etc/apt/sources.list.d/nginx.list", "deb http://nginx.org/packages/mainline/debian/ jessie nginx\n", 0o644]])
# The nginx packages' configuration (the files the simulated nginx reads; nginx
# 1.9-1.11 logged at `warn`).
def _nginx_file(name):
    with open(os.path.join(ROOT, "src", "apps", "nginx_files", name)) as fh:
        return fh.read()
NGINX_OLD_CONF = [["text", "etc/nginx/nginx.conf", _nginx_file("nginx.conf").replace(" notice;", " warn;"), 0o644]] + \
    [["text", "etc/nginx/" + n, _nginx_file(n), 0o644] for n in ["mime.types", "fastcgi_params", "scgi_params", "uwsgi_params"]]
add_layer("static-site", "nginx:1.9.9-jessie:nginx", _t, 8_700_000,
          [["bin", "usr/sbin/nginx", 892_000], ["dir", "etc/nginx/conf.d", 0o755]] + NGINX_OLD_CONF + [
           ["text", "etc/nginx/conf.d/default.conf", "server {\n    listen       80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n", 0o644],
           ["dir", "var/log/nginx", 0o755], ["dir", "var/cache/nginx", 0o755], ["fill", "usr/share/nginx/html", "50x", ".html"]])
add_layer("static-site", "nginx:1.9.9-jessie:logs", _t, 22,
          [["link", "var/log/nginx/access.log", "/dev/stdout"], ["link", "var/log/nginx/error.log", "/dev/stderr"]])
add_layer("static-site", "static-site:wrapper", stamp(STATIC_DATE), 69,
          [["text", "wrapper.sh", "#!/bin/bash\n\necho \"Nginx is running...\"\n\nexec nginx -g \"daemon off;\"\n", 0o755]])
add_layer("static-site", "static-site:html", stamp(STATIC_DATE), 22_210,
          [["text", "usr/share/nginx/html/index.html", STATIC_INDEX, 0o644],
           ["data", "usr/share/nginx/html/css/normalize.css", 7_797, 0o644], ["data", "usr/share/nginx/html/css/skeleton.css", 11_452, 0o644],
           ["data", "usr/share/nginx/html/images/favicon.png", 883, 0o644]])
add_image("static-site", ["prakhar1989/static-site:latest"], base="debian:jessie", created=STATIC_DATE, comment=None,
          history=[[None, '/bin/sh -c #(nop) MAINTAINER NGINX Docker Maintainers "docker-maint@nginx.com"'],
                   ["nginx:1.9.9-jessie:key", "/bin/sh -c apt-key adv --keyserver hkp://pgp.mit.edu:80 --recv-keys 573BFD6B3D8FBC641079A6ABABF5BD827BD9BF62"],
                   ["nginx:1.9.9-jessie:repo", '/bin/sh -c echo "deb http://nginx.org/packages/mainline/debian/ jessie nginx" >> /etc/apt/sources.list'],
                   [None, "/bin/sh -c #(nop) ENV NGINX_VERSION=1.9.9-1~jessie"],
                   ["nginx:1.9.9-jessie:nginx", "/bin/sh -c apt-get update &&     apt-get install -y ca-certificates nginx=${NGINX_VERSION} gettext-base &&     rm -rf /var/lib/apt/lists/*"],
                   ["nginx:1.9.9-jessie:logs", "/bin/sh -c ln -sf /dev/stdout /var/log/nginx/access.log \t&& ln -sf /dev/stderr /var/log/nginx/error.log"],
                   [None, "/bin/sh -c #(nop) VOLUME [/var/cache/nginx]"],
                   [None, "/bin/sh -c #(nop) EXPOSE 443/tcp 80/tcp"],
                   [None, '/bin/sh -c #(nop) CMD ["nginx" "-g" "daemon off;"]'],
                   ["static-site:wrapper", "/bin/sh -c #(nop) COPY file:%s in /" % hashlib.sha256(b"static-site:wrapper").hexdigest()],
                   ["static-site:html", "/bin/sh -c #(nop) COPY dir:%s in /usr/share/nginx/html" % hashlib.sha256(b"static-site:html").hexdigest()],
                   [None, '/bin/sh -c #(nop) CMD ["./wrapper.sh"]']],
          config={"Env": [PATH, "NGINX_VERSION=1.9.9-1~jessie"], "Cmd": ["./wrapper.sh"], "ExposedPorts": {"443/tcp": {}, "80/tcp": {}},
                  "Volumes": {"/var/cache/nginx": {}}},
          real_size=133_900_000, rows=14)

# Go demo servers: whoami (traefik/whoami, formerly containous/whoami),
# hashicorp/http-echo, Google's hello-app. Scratch or distroless images
# with one binary; their answers are templates (service.rs `Canned`).
WHOAMI_BODY = ("Hostname: {hostname}\nIP: 127.0.0.1\nIP: ::1\nIP: {ip}\nRemoteAddr: {remote}\n"
               "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n")
for fam_name, refs, version, date, size in [
        ("whoami", ["traefik/whoami:latest", "traefik/whoami:v1.10", "traefik/whoami:v1.10.3"], "1.10.3", "2024-09-05T09:25:04Z", 6_880_000),
        ("whoami", ["containous/whoami:latest", "containous/whoami:v1.5.0"], "1.5.0", "2020-04-06T16:39:36Z", 7_370_000)]:
    slug = refs[0].split(":")[0].replace("/", "_")
    t = stamp(date)
    add_layer(fam_name, slug + ":zoneinfo", t, 450_000, [["fill", "usr/share/zoneinfo", "zone", ""]])
    add_layer(fam_name, slug + ":certs", t, 220_000, [["data", "etc/ssl/certs/ca-certificates.crt", 219_000, 0o644]])
    add_layer(fam_name, slug + ":bin", t, size - 670_000, [["bin", "whoami", size - 670_000, "whoami"]])
    fam(fam_name)["programs"][slug + ":whoami"] = {"stderr": "{logdate} Starting up on port {port}\n", "serve": True, "ports": [80], "listen_arg": "port", "term_exit": 2,
                                                   "http_body": WHOAMI_BODY, "content_type": "text/plain; charset=utf-8"}
    fam(fam_name)["layers"][slug + ":bin"]["files"][0][3] = slug + ":whoami"
    hist = [[slug + ":zoneinfo", "COPY /usr/share/zoneinfo /usr/share/zoneinfo # buildkit"],
            [slug + ":certs", "COPY /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ # buildkit"],
            [slug + ":bin", "COPY /go/whoami/whoami . # buildkit"],
            [None, 'ENTRYPOINT ["/whoami"]'], [None, "EXPOSE map[80/tcp:{}]"]]
    add_image(fam_name, refs, history=hist, created=date, config={"Env": [PATH], "Entrypoint": ["/whoami"], "ExposedPorts": {"80/tcp": {}}},
              real_size=size, rows=len(hist))

_t = stamp("2023-10-05T17:01:36Z")
add_layer("http-echo", "http-echo:1.0.0", _t, 6_500_000, [["bin", "http-echo", 6_490_000, "http-echo"]])
add_layer("http-echo", "http-echo:1.0.0:license", _t, 16_726, [["data", "usr/share/doc/http-echo/LICENSE.txt", 16_726, 0o644]])
fam("http-echo")["programs"]["http-echo"] = {
    "stderr": "{logdate} [INFO] server is listening on {listen}\n", "serve": True, "ports": [5678], "exit": 127,
    "http_body": "{text}\n", "content_type": "text/plain; charset=utf-8", "body_arg": "text", "body_env": "ECHO_TEXT",
    "missing": "Missing -text option or ECHO_TEXT env var!\n", "listen_arg": "listen",
    "term_exit": 2, "term_log": "{logdate} [INFO] received interrupt, shutting down...\n",
    "access_log": "{logdate} {host} {remote} \"GET {path} HTTP/1.1\" 200 {length} \"curl/8.5.0\" 31.5\u00b5s"}
add_image("http-echo", ["hashicorp/http-echo:latest", "hashicorp/http-echo:1.0", "hashicorp/http-echo:1.0.0"], base="gcr.io/distroless/static-debian12:nonroot",
          created="2023-10-05T17:01:36Z",
          history=[[None, "ARG TARGETOS"], [None, "ARG TARGETARCH"], [None, "ARG PRODUCT_VERSION"], [None, "ARG BIN_NAME"],
                   [None, "ENV PRODUCT_NAME=http-echo"],
                   [None, "LABEL name=http-echo maintainer=HashiCorp Consul Team <consul@hashicorp.com> vendor=HashiCorp version=1.0.0 release=1.0.0 licenses=MPL-2.0 summary=A test webserver that echos a response. You know, for kids."],
                   ["http-echo:1.0.0", "COPY dist/linux/amd64/http-echo / # buildkit"],
                   ["http-echo:1.0.0:license", "COPY LICENSE /usr/share/doc/http-echo/LICENSE.txt # buildkit"],
                   [None, "EXPOSE map[5678/tcp:{}]"], [None, "ENV ECHO_TEXT=hello-world"], [None, 'ENTRYPOINT ["/http-echo"]']],
          config={"Env": [PATH, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt", "PRODUCT_NAME=http-echo", "ECHO_TEXT=hello-world"],
                  "User": "65532", "WorkingDir": "/home/nonroot", "Entrypoint": ["/http-echo"], "ExposedPorts": {"5678/tcp": {}},
                  "Labels": {"licenses": "MPL-2.0", "maintainer": "HashiCorp Consul Team <consul@hashicorp.com>", "name": "http-echo",
                             "release": "1.0.0", "summary": "A test webserver that echos a response. You know, for kids.",
                             "vendor": "HashiCorp", "version": "1.0.0"}},
          real_size=8_560_000, rows=12)

for version, date in [("1.0", "2021-05-17T20:31:35Z"), ("2.0", "2021-05-17T20:32:23Z")]:
    t = stamp(date)
    key = "hello-app:" + version
    add_layer("hello-app", key, t, 6_080_000, [["bin", "hello-app", 6_080_000, key]])
    fam("hello-app")["programs"][key] = {
        "stderr": "{logdate} Server listening on port 8080\n", "serve": True, "ports": [8080],
        "http_body": "Hello, world!\nVersion: %s.0\nHostname: {hostname}\n" % version, "content_type": "text/plain; charset=utf-8",
        "access_log": "{logdate} Serving request: {path}", "term_exit": 2}
    add_image("hello-app", ["gcr.io/google-samples/hello-app:" + version], base="alpine:3.13",
              created=date, history=[[key, "COPY /go/bin/hello-app . # buildkit"], [None, "ENV PORT=8080"], [None, 'CMD ["./hello-app"]']],
              config={"Env": [PATH, "PORT=8080"], "Cmd": ["./hello-app"]}, real_size=11_700_000, rows=5)

# jpetazzo/clock: prints the date every second (a shell loop on the
# busybox:latest of early 2016, 1.1 MB: one layer of BusyBox 1.24).
_t = stamp("2016-01-15T18:06:41Z")
add_layer("clock", "busybox:1.24.1-2016", _t, 1_113_000,
          [["dir", "dev", 0o755], ["dir", "home", 0o755], ["dir", "root", 0o700], ["dir", "tmp", 0o1777], ["dir", "var/www", 0o755],
           ["bin", "bin/busybox", 1_093_000], ["links", "bin", "busybox", sorted(set(SHORT_BUSYBOX_BIN + SHORT_BUSYBOX_USR_BIN + SHORT_BUSYBOX_SBIN) - {"busybox"})],
           ["text", "etc/passwd", "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n", 0o644],
           ["text", "etc/group", "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nwheel:x:10:root\nmail:x:8:\nwww-data:x:33:\nusers:x:100:\nnogroup:x:65534:\n", 0o644]])
add_image("clock", ["jpetazzo/clock:latest"], created="2016-02-04T19:55:40Z", comment=None,
          history=[["busybox:1.24.1-2016", classic_add("busybox:1.24.1-2016")], [None, '/bin/sh -c #(nop) CMD ["sh"]'],
                   [None, '/bin/sh -c #(nop) CMD ["/bin/sh" "-c" "while date; do sleep 1; done"]']],
          config={"Env": [PATH], "Cmd": ["/bin/sh", "-c", "while date; do sleep 1; done"]}, real_size=1_113_000, rows=3)

# nginxdemos/hello: nginx (mainline-alpine) answering with its own address,
# name, date, URI and request ID: an HTML page through sub_filter, or
# (:plain-text) a `return 200 '…'` text. The page is the image's file
# (scripts/catalog-files/).
NGINX_HELLO_CONF = ("server {\n    listen 80;\n    listen [::]:80;\n\n    root /usr/share/nginx/html;\n    try_files /index.html =404;\n\n"
                    "    expires -1;\n\n    sub_filter_once off;\n    sub_filter 'server_hostname' '$hostname';\n"
                    "    sub_filter 'server_address' '$server_addr:$server_port';\n    sub_filter 'server_url' '$request_uri';\n"
                    "    sub_filter 'server_date' '$time_local';\n    sub_filter 'request_id' '$request_id';\n}\n")
NGINX_HELLO_TEXT_CONF = ("server {\n    listen 80;\n    listen [::]:80;\n\n    location / {\n        default_type text/plain;\n        expires -1;\n"
                         "        return 200 'Server address: $server_addr:$server_port\\nServer name: $hostname\\nDate: $time_local\\nURI: $request_uri\\nRequest ID: $request_id\\n';\n    }\n}\n")
with open(os.path.join(ROOT, "scripts", "catalog-files", "nginxdemos-hello-index.html")) as _fh:
    NGINX_HELLO_INDEX = _fh.read()
_t = stamp("2024-12-03T00:00:00Z")
add_layer("nginxdemos-hello", "nginxdemos-hello:rm", _t, 0, [["dir", "etc/nginx/conf.d", 0o755], ["whiteout", "etc/nginx/conf.d/default.conf"]])
add_layer("nginxdemos-hello", "nginxdemos-hello:conf", _t, len(NGINX_HELLO_CONF), [["text", "etc/nginx/conf.d/hello.conf", NGINX_HELLO_CONF, 0o644]])
add_layer("nginxdemos-hello", "nginxdemos-hello:index", _t, len(NGINX_HELLO_INDEX.encode()), [["text", "usr/share/nginx/html/index.html", NGINX_HELLO_INDEX, 0o644]])
add_layer("nginxdemos-hello", "nginxdemos-hello:text-conf", _t, len(NGINX_HELLO_TEXT_CONF), [["text", "etc/nginx/conf.d/hello-plain-text.conf", NGINX_HELLO_TEXT_CONF, 0o644]])
_nginx_cfg = {"Env": [PATH, "NGINX_VERSION=1.27.3", "PKG_RELEASE=1", "DYNPKG_RELEASE=1", "NJS_VERSION=0.8.7", "NJS_RELEASE=1"],
              "Entrypoint": ["/docker-entrypoint.sh"], "Cmd": ["nginx", "-g", "daemon off;"], "ExposedPorts": {"80/tcp": {}}, "StopSignal": "SIGQUIT"}
add_image("nginxdemos-hello", ["nginxdemos/hello:latest", "nginxdemos/hello:0.4"], base="nginx:alpine", created="2024-12-03T00:00:00Z",
          history=[["nginxdemos-hello:rm", "RUN /bin/sh -c rm /etc/nginx/conf.d/* # buildkit"],
                   ["nginxdemos-hello:conf", "ADD hello.conf /etc/nginx/conf.d/ # buildkit"],
                   ["nginxdemos-hello:index", "ADD index.html /usr/share/nginx/html/ # buildkit"]], config=_nginx_cfg)
add_image("nginxdemos-hello", ["nginxdemos/hello:plain-text", "nginxdemos/hello:0.4-plain-text"], base="nginx:alpine", created="2024-12-03T00:00:00Z",
          history=[["nginxdemos-hello:rm", "RUN /bin/sh -c rm /etc/nginx/conf.d/* # buildkit"],
                   ["nginxdemos-hello:text-conf", "ADD hello-plain-text.conf /etc/nginx/conf.d/ # buildkit"]], config=_nginx_cfg)

# dockersamples/static-site: Docker's labs (beginner/static-site): nginx on
# debian:jessie, the page's "Docker" replaced by $AUTHOR at start.
with open(os.path.join(ROOT, "scripts", "catalog-files", "dockersamples-static-site-Hello_docker.html")) as _fh:
    HELLO_DOCKER_HTML = _fh.read()
DS_DATE = "2016-10-27T17:34:18Z"
_t = stamp("2016-10-18T00:00:00Z")
add_layer("dockersamples-static-site", "nginx:1.11.5-jessie:key", _t, 4_500, [["fill", "etc/apt/trusted.gpg.d", "nginx", ".gpg"]])
add_layer("dockersamples-static-site", "nginx:1.11.5-jessie:nginx", _t, 58_400_000,
          [["bin", "usr/sbin/nginx", 1_020_000], ["dir", "etc/nginx/conf.d", 0o755]] + NGINX_OLD_CONF + [
           ["text", "etc/nginx/conf.d/default.conf", "server {\n    listen       80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n", 0o644],
           ["dir", "var/log/nginx", 0o755], ["dir", "var/cache/nginx", 0o755], ["fill", "usr/share/nginx/html", "50x", ".html"]])
add_layer("dockersamples-static-site", "nginx:1.11.5-jessie:logs", _t, 22,
          [["link", "var/log/nginx/access.log", "/dev/stdout"], ["link", "var/log/nginx/error.log", "/dev/stderr"]])
add_layer("dockersamples-static-site", "dockersamples-static-site:html", stamp(DS_DATE), len(HELLO_DOCKER_HTML.encode()),
          [["text", "usr/share/nginx/html/Hello_docker.html", HELLO_DOCKER_HTML, 0o644]])
_cmd = "cd /usr/share/nginx/html && sed -e s/Docker/\"$AUTHOR\"/ Hello_docker.html > index.html ; nginx -g 'daemon off;'"
add_image("dockersamples-static-site", ["dockersamples/static-site:latest"], base="debian:jessie", created=DS_DATE, comment=None,
          history=[[None, '/bin/sh -c #(nop)  MAINTAINER NGINX Docker Maintainers "docker-maint@nginx.com"'],
                   [None, "/bin/sh -c #(nop)  ENV NGINX_VERSION=1.11.5-1~jessie"],
                   ["nginx:1.11.5-jessie:key", "/bin/sh -c apt-key adv --keyserver hkp://pgp.mit.edu:80 --recv-keys 573BFD6B3D8FBC641079A6ABABF5BD827BD9BF62 \t&& echo \"deb http://nginx.org/packages/mainline/debian/ jessie nginx\" >> /etc/apt/sources.list"],
                   ["nginx:1.11.5-jessie:nginx", "/bin/sh -c apt-get update \t&& apt-get install --no-install-recommends --no-install-suggests -y \t\t\t\t\t\tca-certificates \t\t\t\t\t\tnginx=${NGINX_VERSION} \t\t\t\t\t\tnginx-module-xslt \t\t\t\t\t\tnginx-module-geoip \t\t\t\t\t\tnginx-module-image-filter \t\t\t\t\t\tnginx-module-perl \t\t\t\t\t\tnginx-module-njs \t\t\t\t\t\tgettext-base \t&& rm -rf /var/lib/apt/lists/*"],
                   ["nginx:1.11.5-jessie:logs", "/bin/sh -c ln -sf /dev/stdout /var/log/nginx/access.log \t&& ln -sf /dev/stderr /var/log/nginx/error.log"],
                   [None, "/bin/sh -c #(nop)  EXPOSE 443/tcp 80/tcp"],
                   [None, '/bin/sh -c #(nop)  CMD ["nginx" "-g" "daemon off;"]'],
                   [None, "/bin/sh -c #(nop)  ENV AUTHOR=Docker"],
                   [None, "/bin/sh -c #(nop)  WORKDIR /usr/share/nginx/html"],
                   ["dockersamples-static-site:html", "/bin/sh -c #(nop) COPY file:%s in /usr/share/nginx/html " % hashlib.sha256(b"dockersamples-static-site:html").hexdigest()],
                   [None, '/bin/sh -c #(nop)  CMD ["/bin/sh" "-c" "%s"]' % _cmd.replace('"', '\\"')]],
          config={"Env": [PATH, "NGINX_VERSION=1.11.5-1~jessie", "AUTHOR=Docker"], "Cmd": ["/bin/sh", "-c", _cmd],
                  "WorkingDir": "/usr/share/nginx/html", "ExposedPorts": {"443/tcp": {}, "80/tcp": {}}})

# nginxinc/nginx-unprivileged (github.com/nginx/docker-nginx-unprivileged,
# as of its 1.29.3 release, Dec 2025): nginx.org's packages on Alpine or
# Debian, then the changes that let it run as uid 101: `listen 8080` in
# default.conf, no `user` directive, the pid file and temp paths under /tmp,
# /etc/nginx and /var/cache/nginx owned by 101 (group 0, g+w), EXPOSE 8080,
# USER 101. The -alpine image is the -alpine-slim one plus the dynamic
# modules and curl. Tags as its workflows push them; alpine3.21 (like
# 1.27-alpine) is 1.27.5's, the last mainline on Alpine 3.21.
NGINX_U_ENTRYPOINT = '#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n\nentrypoint_log() {\n    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then\n        echo "$@"\n    fi\n}\n\nif [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then\n    if /usr/bin/find "/docker-entrypoint.d/" -mindepth 1 -maxdepth 1 -type f -print -quit 2>/dev/null | read v; then\n        entrypoint_log "$0: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"\n\n        entrypoint_log "$0: Looking for shell scripts in /docker-entrypoint.d/"\n        find "/docker-entrypoint.d/" -follow -type f -print | sort -V | while read -r f; do\n            case "$f" in\n                *.envsh)\n                    if [ -x "$f" ]; then\n                        entrypoint_log "$0: Sourcing $f";\n                        . "$f"\n                    else\n                        # warn on shell scripts without exec bit\n                        entrypoint_log "$0: Ignoring $f, not executable";\n                    fi\n                    ;;\n                *.sh)\n                    if [ -x "$f" ]; then\n                        entrypoint_log "$0: Launching $f";\n                        "$f"\n                    else\n                        # warn on shell scripts without exec bit\n                        entrypoint_log "$0: Ignoring $f, not executable";\n                    fi\n                    ;;\n                *) entrypoint_log "$0: Ignoring $f";;\n            esac\n        done\n\n        entrypoint_log "$0: Configuration complete; ready for start up"\n    else\n        entrypoint_log "$0: No files found in /docker-entrypoint.d/, skipping configuration"\n    fi\nfi\n\nexec "$@"\n'
NGINX_U_SCRIPTS = ["10-listen-on-ipv6-by-default.sh", "15-local-resolvers.envsh", "20-envsubst-on-templates.sh",
                   "30-tune-worker-processes.sh"]
NGINX_U_LABEL = "LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>"
NGINX_U_SED = ("RUN |2 UID=101 GID=101 /bin/sh -c sed -i 's,listen       80;,listen       8080;,' /etc/nginx/conf.d/default.conf "
               "    && sed -i '/user  nginx;/d' /etc/nginx/nginx.conf     && sed -i 's,\\(/var\\)\\{0\\,1\\}/run/nginx.pid,/tmp/nginx.pid,' /etc/nginx/nginx.conf "
               "    && sed -i \"/^http {/a \\    proxy_temp_path /tmp/proxy_temp;\\n    client_body_temp_path /tmp/client_temp;\\n    fastcgi_temp_path /tmp/fastcgi_temp;\\n    uwsgi_temp_path /tmp/uwsgi_temp;\\n    scgi_temp_path /tmp/scgi_temp;\\n\" /etc/nginx/nginx.conf "
               "%s    && chown -R $UID:0 /var/cache/nginx     && chmod -R g+w /var/cache/nginx     && chown -R $UID:0 /etc/nginx     && chmod -R g+w /etc/nginx # buildkit")


def _rust_text(name):
    import re
    with open(os.path.join(ROOT, "src", "image", "catalog", "texts.rs")) as fh:
        return re.search(r'pub const %s: &str = r#"(.*?)"#;' % name, fh.read(), re.S).group(1)


def nginx_u_confs(version):
    """The packaged nginx.conf and default.conf, and the unprivileged image's versions of them."""
    conf = _nginx_file("nginx.conf")
    if [int(x) for x in version.split(".")] >= [1, 27, 5]:
        conf = conf.replace("/var/run/nginx.pid", "/run/nginx.pid")
    default = _rust_text("NGINX_DEFAULT_CONF").replace("    listen  [::]:80;\n", "")
    temps = "".join("    %s_temp_path /tmp/%s_temp;\n" % (d, t) for d, t in
                    [("proxy", "proxy"), ("client_body", "client"), ("fastcgi", "fastcgi"), ("uwsgi", "uwsgi"), ("scgi", "scgi")])
    unpriv = conf.replace("user  nginx;\n", "").replace("/var/run/nginx.pid", "/tmp/nginx.pid").replace("/run/nginx.pid", "/tmp/nginx.pid")
    unpriv = unpriv.replace("http {\n", "http {\n" + temps + "\n", 1)
    return conf, default, unpriv, default.replace("listen       80;", "listen       8080;")


def nginx_unprivileged(version, njs, distro, date, slim_tags, full_tags, sizes):
    """nginxinc/nginx-unprivileged:<version> on `distro` (alpine3.22, trixie…): the
    -alpine-slim and -alpine images, or the Debian one."""
    t = stamp(date)
    alpine = distro.startswith("alpine")
    base = "alpine:" + distro[len("alpine"):] if alpine else "debian:%s-slim" % distro
    rel = "1" if alpine else "1~" + distro
    conf, default, unpriv, unpriv_default = nginx_u_confs(version)
    stock = [["text", "etc/nginx/" + n, _nginx_file(n), 0o644] for n in ["mime.types", "fastcgi_params", "scgi_params", "uwsgi_params"]]
    if alpine:
        passwd = ALPINE_PASSWD + "nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n"
        group = ALPINE_GROUP + "nginx:x:101:nginx\n"
    else:
        passwd = DEBIAN_PASSWD + "nginx:x:101:101:nginx user:/nonexistent:/bin/false\n"
        group = DEBIAN_GROUP + "nginx:x:101:\n"
    k = "nginx-unprivileged:%s:%s" % (version, distro)
    pkg_mb, sed_bytes, mods_mb = sizes
    files = [["bin", "usr/sbin/nginx", 1_420_000], ["bin", "usr/sbin/nginx-debug", 1_460_000], ["dir", "etc/nginx/conf.d", 0o755],
             ["text", "etc/nginx/nginx.conf", conf, 0o644], ["text", "etc/nginx/conf.d/default.conf", default, 0o644],
             # (mime.types and the *_params files: in the chown layer below, which copies them up anyway)
             ["link", "etc/nginx/modules", "/usr/lib/nginx/modules"], ["dir", "usr/lib/nginx/modules", 0o755],
             ["text", "usr/share/nginx/html/index.html", _nginx_file("index.html"), 0o644],
             ["text", "usr/share/nginx/html/50x.html", _nginx_file("50x.html"), 0o644],
             ["dir", "var/cache/nginx", 0o755], ["dir", "var/log/nginx", 0o755], ["dir", "docker-entrypoint.d", 0o755],
             ["link", "var/log/nginx/access.log", "/dev/stdout"], ["link", "var/log/nginx/error.log", "/dev/stderr"],
             ["text", "etc/passwd", passwd, 0o644], ["text", "etc/group", group, 0o644],
             ["bin", "usr/bin/envsubst", 48_000]]
    if not alpine:
        files.append(["bin", "usr/bin/curl", 260_328])
    files.append(["fill", "usr/share/zoneinfo" if alpine else "usr/lib/x86_64-linux-gnu", "data", ""])
    add_layer("nginx-unprivileged", k + ":pkg", t, int(pkg_mb * 1_000_000), files)
    # chown -R/chmod -R g+w copy every file of /etc/nginx and /var/cache/nginx up into this layer.
    add_layer("nginx-unprivileged", k + ":unprivileged", t, sed_bytes, [
        ["dir", "etc/nginx", 0o775], ["dir", "etc/nginx/conf.d", 0o775], ["text", "etc/nginx/nginx.conf", unpriv, 0o664],
        ["text", "etc/nginx/conf.d/default.conf", unpriv_default, 0o664]] +
        [[e[0], e[1], e[2], 0o664] for e in stock] + [["link", "etc/nginx/modules", "/usr/lib/nginx/modules"],
                                                      ["dir", "var/cache/nginx", 0o775], ["owner", "etc/nginx", 101],
                                                      ["owner", "var/cache/nginx", 101]])
    scripts = [["nginx-unprivileged:entrypoint", "COPY docker-entrypoint.sh / # buildkit"]]
    add_layer("nginx-unprivileged", "nginx-unprivileged:entrypoint", t, len(NGINX_U_ENTRYPOINT),
              [["text", "docker-entrypoint.sh", NGINX_U_ENTRYPOINT, 0o755]])
    stub = "#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n\nexit 0\n"
    for name in NGINX_U_SCRIPTS:
        add_layer("nginx-unprivileged", "nginx-unprivileged:" + name, t, len(stub), [["text", "docker-entrypoint.d/" + name, stub, 0o755]])
        scripts.append(["nginx-unprivileged:" + name, "COPY %s /docker-entrypoint.d # buildkit" % name])
    env = [PATH, "NGINX_VERSION=" + version] + ([] if alpine else ["NJS_VERSION=" + njs, "NJS_RELEASE=" + rel]) + \
        ["PKG_RELEASE=" + rel, "DYNPKG_RELEASE=" + rel]
    if alpine:
        install = ("RUN |2 UID=101 GID=101 /bin/sh -c set -x     && addgroup -g $GID -S nginx || true     && adduser -S -D -H -u $UID -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx || true "
                   "    && apkArch=\"$(cat /etc/apk/arch)\"     && nginxPackages=\"         nginx=${NGINX_VERSION}-r${PKG_RELEASE}     \"     && apk add --no-cache --virtual .checksum-deps         openssl "
                   "    && apk add -X \"https://nginx.org/packages/mainline/alpine/v$(egrep -o '^[0-9]+\\.[0-9]+' /etc/alpine-release)/main\" --no-cache $nginxPackages "
                   "    && apk del --no-network .checksum-deps     && apk add --no-cache gettext-envsubst     && apk add --no-cache tzdata "
                   "    && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr /var/log/nginx/error.log     && mkdir /docker-entrypoint.d # buildkit")
        meta = [NGINX_U_LABEL, "ENV NGINX_VERSION=" + version, "ENV PKG_RELEASE=1", "ENV DYNPKG_RELEASE=1", "ARG UID=101", "ARG GID=101"]
        sed_extra = ""
    else:
        install = ("RUN |2 UID=101 GID=101 /bin/sh -c set -x     && groupadd --system --gid $GID nginx || true     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment \"nginx user\" --shell /bin/false --uid $UID nginx || true "
                   "    && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates     && ... "
                   "    && apt-get install --no-install-recommends --no-install-suggests -y                         $nginxPackages                         gettext-base                         curl "
                   "    && apt-get remove --purge --auto-remove -y && rm -rf /var/lib/apt/lists/* /etc/apt/sources.list.d/nginx.list "
                   "    && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr /var/log/nginx/error.log     && mkdir /docker-entrypoint.d # buildkit")
        meta = [NGINX_U_LABEL, "ENV NGINX_VERSION=" + version, "ENV NJS_VERSION=" + njs, "ENV NJS_RELEASE=" + rel,
                "ENV PKG_RELEASE=" + rel, "ENV DYNPKG_RELEASE=" + rel, "ARG UID=101", "ARG GID=101"]
        sed_extra = "    && sed -i 's,PIDFILE=${PIDFILE:-/run/nginx.pid},PIDFILE=${PIDFILE:-/tmp/nginx.pid},' /etc/init.d/nginx "
    tail = [[None, 'ENTRYPOINT ["/docker-entrypoint.sh"]'], [None, "EXPOSE map[8080/tcp:{}]"], [None, "STOPSIGNAL SIGQUIT"],
            [None, "USER 101"], [None, 'CMD ["nginx" "-g" "daemon off;"]']]
    hist = [[None, m] for m in meta] + [[k + ":pkg", install], [k + ":unprivileged", NGINX_U_SED % sed_extra]] + scripts + tail
    config = {"Env": env, "Entrypoint": ["/docker-entrypoint.sh"], "Cmd": ["nginx", "-g", "daemon off;"],
              "ExposedPorts": {"8080/tcp": {}}, "User": "101", "StopSignal": "SIGQUIT",
              "Labels": {"maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"}}
    refs = ["nginxinc/nginx-unprivileged:" + r for r in slim_tags]
    add_image("nginx-unprivileged", refs, history=hist, base=base, created=date, config=config, rows=None)
    if not alpine:
        return
    mods = [["bin", "usr/lib/nginx/modules/ngx_http_js_module.so", 1_900_000], ["bin", "usr/lib/nginx/modules/ngx_stream_js_module.so", 1_800_000],
            ["bin", "usr/lib/nginx/modules/ngx_http_xslt_filter_module.so", 30_000], ["bin", "usr/lib/nginx/modules/ngx_http_geoip_module.so", 25_000],
            ["bin", "usr/lib/nginx/modules/ngx_http_image_filter_module.so", 30_000], ["bin", "usr/bin/curl", 260_328],
            ["fill", "usr/lib", "lib", ".so"]]
    add_layer("nginx-unprivileged", k + ":modules", t, int(mods_mb * 1_000_000), mods)
    install_mods = ("RUN |2 UID=101 GID=101 /bin/sh -c set -x     && apkArch=\"$(cat /etc/apk/arch)\"     && nginxPackages=\"         nginx=${NGINX_VERSION}-r${PKG_RELEASE}         nginx-module-xslt=${NGINX_VERSION}-r${DYNPKG_RELEASE}         nginx-module-geoip=${NGINX_VERSION}-r${DYNPKG_RELEASE}         nginx-module-image-filter=${NGINX_VERSION}-r${DYNPKG_RELEASE}         nginx-module-njs=${NGINX_VERSION}.${NJS_VERSION}-r${NJS_RELEASE}     \" "
                    "    && apk add --no-cache --virtual .checksum-deps         openssl "
                    "    && apk add -X \"https://nginx.org/packages/mainline/alpine/v$(egrep -o '^[0-9]+\\.[0-9]+' /etc/alpine-release)/main\" --no-cache $nginxPackages "
                    "    && apk del --no-network .checksum-deps     && apk add --no-cache curl ca-certificates # buildkit")
    hist = [[None, "ENV NJS_VERSION=" + njs], [None, "ENV NJS_RELEASE=1"], [None, "ARG UID=101"], [None, "ARG GID=101"],
            [None, "USER root"], [k + ":modules", install_mods], [None, "USER 101"]]
    config = dict(config, Env=env[:2] + ["PKG_RELEASE=1", "DYNPKG_RELEASE=1", "NJS_VERSION=" + njs, "NJS_RELEASE=1"])
    add_image("nginx-unprivileged", ["nginxinc/nginx-unprivileged:" + r for r in full_tags], history=hist, base=refs[0],
              created=date, config=config, rows=None)


def nginx_u_tags(distro, names):
    """The tags a workflow pushes: each name, alone and with the distribution (`1.29-alpine`, `1.29-alpine3.22`)."""
    out = []
    for n in names:
        if distro.startswith("alpine"):
            out += [n + "-alpine" if n else "alpine", (n + "-" if n else "") + distro]
        else:
            out += [n or "latest", (n + "-" if n else "") + distro]
    return out


for _v, _njs, _distro, _date, _names, _sizes in [
        ("1.29.3", "0.9.4", "alpine3.22", "2025-12-04T00:00:00Z", ["1.29.3", "1.29", "1", "mainline", ""], (4.1, 19_000, 40.2)),
        ("1.28.0", "0.8.10", "alpine3.21", "2025-12-04T00:00:00Z", ["1.28.0", "1.28", "stable"], (4.1, 19_000, 39.6)),
        # the last mainline on Alpine 3.21: alpine3.21 and mainline-alpine3.21 stayed on it
        ("1.27.5", "0.8.10", "alpine3.21", "2025-04-25T00:00:00Z", ["1.27.5", "1.27"], (4.0, 19_000, 39.5)),
        ("1.29.3", "0.9.4", "trixie", "2025-12-04T00:00:00Z", ["1.29.3", "1.29", "1", "mainline", ""], (113.4, 19_000, 0)),
        ("1.28.0", "0.8.10", "bookworm", "2025-12-04T00:00:00Z", ["1.28.0", "1.28", "stable"], (112.9, 19_000, 0))]:
    _full = nginx_u_tags(_distro, _names) + (["alpine3.21", "mainline-alpine3.21"] if _v == "1.27.5" else [])
    if _distro.startswith("alpine"):
        nginx_unprivileged(_v, _njs, _distro, _date, [t_ + "-slim" for t_ in _full], _full, _sizes)
    else:
        nginx_unprivileged(_v, _njs, _distro, _date, _full, [], _sizes)

# ---------------------------------------------------------------- network tools

# nicolaka/netshoot (v0.13): Alpine with the troubleshooting tools Docker's
# workshop uses (dig, nslookup, host from bind-tools; iputils ping;
# netcat-openbsd; curl) in front of BusyBox's applets; CMD zsh.
NETSHOOT_APK = ("apache2-utils bash bind-tools bird bridge-utils busybox-extras conntrack-tools curl dhcping drill ethtool file fping "
                "iftop iperf iperf3 iproute2 ipset iptables iptraf-ng iputils ipvsadm httpie jq libc6-compat liboping ltrace mtr "
                "net-snmp-tools netcat-openbsd nftables ngrep nmap nmap-nping nmap-scripts openssl py3-pip py3-setuptools scapy socat "
                "speedtest-cli openssh oh-my-zsh strace tcpdump tcptraceroute trippy tshark util-linux vim git zsh websocat swaks "
                "perl-crypt-ssleay perl-net-ssleay").split()
NETSHOOT_RUN = ("RUN /bin/sh -c set -ex     && echo \"http://dl-cdn.alpinelinux.org/alpine/edge/main\" >> /etc/apk/repositories     "
                "&& echo \"http://dl-cdn.alpinelinux.org/alpine/edge/testing\" >> /etc/apk/repositories     "
                "&& echo \"http://dl-cdn.alpinelinux.org/alpine/edge/community\" >> /etc/apk/repositories     "
                "&& apk update     && apk upgrade     && apk add --no-cache     " + "     ".join(NETSHOOT_APK) + " # buildkit")
NETSHOOT_APKDB = ("C:Q1\nP:busybox\nV:1.36.1-r29\nA:x86_64\nT:Size optimized toolbox of many common UNIX utilities\n\n"
                  "C:Q1\nP:curl\nV:8.9.0-r0\nA:x86_64\nT:URL retrival utility and library\n\n"
                  "C:Q1\nP:bind-tools\nV:9.18.27-r0\nA:x86_64\nT:The ISC DNS tools\n\n"
                  "C:Q1\nP:netcat-openbsd\nV:1.226-r0\nA:x86_64\nT:The netcat utility from OpenBSD\n\n"
                  "C:Q1\nP:iputils-ping\nV:20240117-r0\nA:x86_64\nT:Tool to send ICMP ECHO_REQUEST packets\n\n"
                  "C:Q1\nP:zsh\nV:5.9-r4\nA:x86_64\nT:Very advanced and programmable command interpreter (shell)\n\n")
# The image's motd (its banner) and the working lines of its .zshrc.
NETSHOOT_MOTD = "                    dP            dP                           dP   \n                    88            88                           88   \n88d888b. .d8888b. d8888P .d8888b. 88d888b. .d8888b. .d8888b. d8888P \n88'  `88 88ooood8   88   Y8ooooo. 88'  `88 88'  `88 88'  `88   88   \n88    88 88.  ...   88         88 88    88 88.  .88 88.  .88   88   \ndP    dP `88888P'   dP   `88888P' dP    dP `88888P' `88888P'   dP   \n                                                                    \nWelcome to Netshoot! (github.com/nicolaka/netshoot)\nVersion: 0.13\n\n                                         \n"
NETSHOOT_ZSHRC = 'export ZSH=$HOME/.oh-my-zsh\nZSH_THEME="powerlevel10k/powerlevel10k"\nZSH_DISABLE_COMPFIX="true"\nplugins=(\n  git\n  zsh-autosuggestions\n  yarn\n  web-search\n  jsontools\n  macports\n  node\n  sudo\n  docker\n)\n\nsource $ZSH/oh-my-zsh.sh\n\ncat motd\n\nPOWERLEVEL9K_LEFT_PROMPT_ELEMENTS=(host dir rbenv)\nPOWERLEVEL9K_RIGHT_PROMPT_ELEMENTS=()\nPOWERLEVEL9K_PROMPT_ON_NEWLINE=false\nPOWERLEVEL9K_MULTILINE_FIRST_PROMPT_PREFIX=\'\'\nPOWERLEVEL9K_VCS_MODIFIED_BACKGROUND=\'red\'\nPOWERLEVEL9K_PROMPT_ADD_NEWLINE=true\n\necho -e "\\033]6;1;bg;red;brightness;18\\a"\necho -e "\\033]6;1;bg;green;brightness;26\\a"\necho -e "\\033]6;1;bg;blue;brightness;33\\a"\n'
NETSHOOT_BINS = [["bin", "bin/bash", 1_100_000], ["bin", "bin/zsh", 850_000], ["bin", "bin/ping", 90_000],
                 ["bin", "usr/bin/dig", 160_000], ["bin", "usr/bin/host", 130_000], ["bin", "usr/bin/nslookup", 140_000],
                 ["bin", "usr/bin/nc", 40_000], ["bin", "usr/bin/curl", 250_000], ["bin", "usr/bin/drill", 60_000],
                 ["bin", "usr/bin/jq", 300_000], ["bin", "usr/bin/nmap", 3_000_000], ["bin", "usr/bin/tcpdump", 1_100_000],
                 ["bin", "usr/bin/socat", 400_000], ["bin", "usr/bin/mtr", 90_000], ["bin", "usr/bin/iperf3", 50_000],
                 ["bin", "usr/bin/vim", 3_500_000], ["bin", "usr/bin/git", 3_900_000], ["bin", "usr/bin/ssh", 900_000],
                 ["bin", "usr/bin/tshark", 400_000], ["bin", "usr/bin/dumpcap", 120_000], ["bin", "usr/bin/strace", 1_500_000],
                 ["bin", "usr/bin/ab", 100_000], ["bin", "usr/bin/http", 1_000], ["bin", "usr/bin/python3", 15_000],
                 ["bin", "usr/sbin/iftop", 70_000], ["bin", "sbin/ip", 700_000], ["bin", "usr/sbin/iptables", 100_000],
                 ["bin", "usr/bin/openssl", 700_000], ["bin", "usr/bin/websocat", 5_000_000], ["bin", "usr/bin/fping", 60_000],
                 ["text", "lib/apk/db/installed", NETSHOOT_APKDB, 0o644],
                 ["fill", "usr/lib", "netshoot-lib", ".so"], ["fill", "usr/share/nmap", "nse-", ".lua"]]
generic("netshoot", ["nicolaka/netshoot:latest", "nicolaka/netshoot:v0.13"], "alpine:3.20", 440, "2024-07-26T18:14:27Z",
        [(NETSHOOT_RUN, 0.88, NETSHOOT_BINS),
         ("COPY /tmp/ctop /usr/local/bin/ctop # buildkit", 0.01, [["bin", "usr/local/bin/ctop", 4_400_000]]),
         ("COPY /tmp/calicoctl /usr/local/bin/calicoctl # buildkit", 0.05, [["bin", "usr/local/bin/calicoctl", 60_000_000]]),
         ("COPY /tmp/termshark /usr/local/bin/termshark # buildkit", 0.02, [["bin", "usr/local/bin/termshark", 20_000_000]]),
         ("COPY /tmp/grpcurl /usr/local/bin/grpcurl # buildkit", 0.02, [["bin", "usr/local/bin/grpcurl", 25_000_000]]),
         ("COPY /tmp/fortio /usr/local/bin/fortio # buildkit", 0.01, [["bin", "usr/local/bin/fortio", 18_000_000]]),
         ("WORKDIR /root", 0.0, [["dir", "root", 0o700]]),
         ("RUN /bin/sh -c curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh | sh # buildkit", 0.005,
          [["fill", "root/.oh-my-zsh/lib", "omz-", ".zsh"]]),
         ("RUN /bin/sh -c git clone https://github.com/zsh-users/zsh-autosuggestions ${ZSH_CUSTOM:-~/.oh-my-zsh/custom}/plugins/zsh-autosuggestions # buildkit", 0.0005,
          [["fill", "root/.oh-my-zsh/custom/plugins/zsh-autosuggestions", "src-", ".zsh"]]),
         ("RUN /bin/sh -c git clone --depth=1 https://github.com/romkatv/powerlevel10k.git ${ZSH_CUSTOM:-$HOME/.oh-my-zsh/custom}/themes/powerlevel10k # buildkit", 0.004,
          [["fill", "root/.oh-my-zsh/custom/themes/powerlevel10k", "p10k-", ".zsh"]]),
         ("COPY zshrc .zshrc # buildkit", 0.00001, [["text", "root/.zshrc", NETSHOOT_ZSHRC, 0o644]]),
         ("COPY motd motd # buildkit", 0.000005, [["text", "root/motd", NETSHOOT_MOTD, 0o644]]),
         ("RUN /bin/sh -c chmod -R g=u /root # buildkit", 0.004, [["dir", "root", 0o770]]),
         ("RUN /bin/sh -c chown root:root /usr/bin/dumpcap # buildkit", 0.0001, [["bin", "usr/bin/dumpcap", 120_000]])],
        {"Env": [PATH, "HOSTNAME=netshoot"], "Cmd": ["zsh"], "WorkingDir": "/root", "User": "root"}, base_mb=7.8,
        meta_after=['CMD ["zsh"]'])

# curlimages/curl: curl built from source on Alpine (buildah), run as
# curl_user; /entrypoint.sh puts `curl` in front of options.
CURL_ENTRYPOINT = ("#!/bin/sh\nset -e\n\n# Options, or a first word that is no command, go to curl.\n"
                   "if [ \"${1#-}\" != \"$1\" ] || ! command -v \"$1\" > /dev/null; then\n  set -- curl \"$@\"\nfi\n\nexec \"$@\"\n")
CURL_LABELS = {"maintainer": "James Fuller <jim.fuller@webcomposite.com>", "name": "curl", "version": "8.11.1",
               "docker.cmd": "docker run -it curl/curl:8.11.1 -s -L http://curl.se",
               "org.opencontainers.image.source": "https://github.com/curl/curl-container",
               "org.opencontainers.image.description": "minimal image for curl", "org.opencontainers.image.licenses": "MIT"}
generic("curlimages-curl", ["curlimages/curl:latest", "curlimages/curl:8.11.1"], "alpine:3.21", 22.3, "2024-12-11T09:41:52Z",
        [("/bin/sh -c apk add --no-cache brotli brotli-dev libssh2 nghttp2-dev libidn2 libpsl zstd-libs c-ares", 0.45,
          [["fill", "usr/lib", "curl-dep-", ".so"]]),
         ("/bin/sh -c addgroup -S curl_group && adduser -S curl_user -G curl_group", 0.001,
          [["text", "etc/passwd", ALPINE_PASSWD + "curl_user:x:100:101:Linux User,,,:/home/curl_user:/sbin/nologin\n", 0o644],
           ["text", "etc/group", ALPINE_GROUP + "curl_group:x:101:curl_user\n", 0o644],
           ["dir", "home/curl_user", 0o755], ["owner", "home/curl_user", 100]]),
         ("/bin/sh -c #(nop) COPY multi:curl in /usr/bin/curl /usr/lib/libcurl.so.4 /cacert.pem /entrypoint.sh", 0.55,
          [["bin", "usr/bin/curl", 280_000], ["bin", "usr/lib/libcurl.so.4.8.0", 900_000], ["link", "usr/lib/libcurl.so.4", "libcurl.so.4.8.0"],
           ["data", "cacert.pem", 233_263, 0o644], ["text", "entrypoint.sh", CURL_ENTRYPOINT, 0o755]])],
        {"Env": [PATH, "CURL_CA_BUNDLE=/cacert.pem"], "Entrypoint": ["/entrypoint.sh"], "Cmd": ["curl"], "User": "curl_user",
         "WorkingDir": "/home/curl_user", "Labels": CURL_LABELS}, base_mb=7.8)

# composer (lts = 2.2, latest = 2.8) on php:8.4-alpine; `composer install`
# is simulated from composer.lock (shell/programs/composer.rs).
COMPOSER_ENTRYPOINT = ("#!/bin/sh\n\n# Options, or a composer command, go to composer.\n"
                       "if [ \"${1#-}\" != \"$1\" ]; then\n  set -- composer \"$@\"\nfi\n\nexec \"$@\"\n")
for tags, version, mb in [(["composer:lts", "composer:2.2", "composer:2.2.25"], "2.2.25", 195),
                          (["composer:latest", "composer:2", "composer:2.8", "composer:2.8.4"], "2.8.4", 199)]:
    generic("composer", tags, "php:8.4-alpine", mb, "2024-12-11T12:00:00Z",
            [("RUN /bin/sh -c set -eux ;   apk add --no-cache --virtual .composer-rundeps     7zip     bash     coreutils     git     make     "
              "mercurial     openssh-client     patch     subversion     tini     unzip     zip ;   printf \"# composer php cli ini settings\\n"
              "date.timezone=UTC\\nmemory_limit=-1\\n\" > $PHP_INI_DIR/php-cli.ini # buildkit", 0.97,
              [["bin", "usr/bin/git", 3_900_000], ["bin", "bin/bash", 1_100_000], ["bin", "usr/bin/unzip", 180_000], ["bin", "usr/bin/zip", 200_000],
               ["bin", "sbin/tini", 24_000], ["bin", "usr/bin/make", 250_000], ["bin", "usr/bin/patch", 120_000],
               ["text", "usr/local/etc/php/php-cli.ini", "# composer php cli ini settings\ndate.timezone=UTC\nmemory_limit=-1\n", 0o644],
               ["fill", "usr/libexec/git-core", "git-", ""]]),
             ("RUN /bin/sh -c set -eux ;   curl --silent --fail --location --retry 3 --output /tmp/installer.php --url https://getcomposer.org/installer ;   "
              "php /tmp/installer.php     --no-ansi     --install-dir=/usr/bin     --filename=composer     --version=${COMPOSER_VERSION}   ;   composer --ansi --version --no-interaction ;   "
              "composer diagnose ;   rm -f /tmp/installer.php ;   find /tmp -type d -exec chmod -v 1777 {} + # buildkit", 0.03,
              [["bin", "usr/bin/composer", 2_900_000]]),
             ("COPY docker-entrypoint.sh /docker-entrypoint.sh # buildkit", 0.00001, [["text", "docker-entrypoint.sh", COMPOSER_ENTRYPOINT, 0o755]]),
             ("WORKDIR /app", 0.0, [["dir", "app", 0o755]])],
            {"Env": env_of(("PHPIZE_DEPS", "autoconf \t\tdpkg-dev dpkg \t\tfile \t\tg++ \t\tgcc \t\tlibc-dev \t\tmake \t\tpkgconf \t\tre2c"),
                           ("PHP_INI_DIR", "/usr/local/etc/php"), ("PHP_VERSION", "8.4.2"),
                           ("COMPOSER_ALLOW_SUPERUSER", "1"), ("COMPOSER_HOME", "/tmp"), ("COMPOSER_VERSION", version)),
             "Entrypoint": ["/docker-entrypoint.sh"], "Cmd": ["composer"], "WorkingDir": "/app"},
            base_mb=100, meta_before=["ENV COMPOSER_ALLOW_SUPERUSER=1", "ENV COMPOSER_HOME=/tmp", "ENV COMPOSER_VERSION=" + version],
            meta_after=['ENTRYPOINT ["/docker-entrypoint.sh"]', 'CMD ["composer"]'])

# ---------------------------------------------------------------- assemble generic images

BASE_ROWS = {}


def rows_of(ref):
    """History row count of a reference: data images know theirs; the Rust catalog's are listed."""
    for f in FAMILIES.values():
        img = f["images"].get(ref)
        if img and img.get("alias_of"):
            return rows_of(img["alias_of"])
        if img and img.get("history") is not None:
            return (rows_of(img["from"]) if img.get("from") else 0) + len(img["history"])
    return RUST_ROWS.get(ref)


RUST_ROWS = {"alpine:3.20": 2, "alpine:3.19": 2, "debian:bookworm": 2, "debian:bookworm-slim": 2, "debian:buster": 2, "debian:buster-slim": 2,
             "ubuntu:24.04": 6, "ubuntu:22.04": 6, "ubuntu:20.04": 6, "buildpack-deps:bookworm": 5, "buildpack-deps:bookworm-scm": 4,
             "buildpack-deps:bookworm-curl": 3, "buildpack-deps:buster": 5, "buildpack-deps:buster-scm": 4, "buildpack-deps:buster-curl": 3,
             "busybox:latest": 2, "nginx:latest": 18, "nginx:alpine": 19, "node:18-alpine": 10, "node:14-alpine": 10}
RUST_MB = {"alpine:3.20": 7.8, "alpine:3.19": 7.4, "debian:bookworm": 116.5, "debian:bookworm-slim": 74.8, "debian:buster": 114.1,
           "debian:buster-slim": 69.3, "ubuntu:24.04": 78.1, "ubuntu:22.04": 77.9, "ubuntu:20.04": 72.8, "buildpack-deps:bookworm": 849.6,
           "buildpack-deps:bookworm-scm": 261, "buildpack-deps:bookworm-curl": 140.6, "buildpack-deps:buster": 693.9,
           "buildpack-deps:buster-scm": 183, "buildpack-deps:buster-curl": 131.7, "busybox:latest": 5.22, "nginx:latest": 192, "nginx:alpine": 49.2,
           "node:18-alpine": 127}


def size_of(ref):
    for f in FAMILIES.values():
        img = f["images"].get(ref)
        if img and img.get("alias_of"):
            return size_of(img["alias_of"])
        if img and img.get("history") is not None:
            own = sum(f["layers"][k]["size"] for k, _ in img["history"] if k) / 1e6
            return own + (size_of(img["from"]) if img.get("from") else 0)
    return RUST_MB.get(ref)


def assemble_generic():
    pending = list(GENERIC)
    for _ in range(10):
        later = []
        for item in pending:
            family, refs, base, size_mb, created, layers, config, programs, _, before, after = item
            base_size = size_of(base) if base else 0
            if base and base_size is None:
                later.append(item)
                continue
            rest = max(size_mb - base_size, 0.05)
            weights = sum(w for _, w, _ in layers) or 1
            hist = [[None, m] for m in before]
            slug = refs[0].replace("/", "_")
            for i, (by, weight, files) in enumerate(layers):
                key = "%s:%d" % (slug, i)
                size = int(rest * 1_000_000 * weight / weights)
                add_layer(family, key, stamp(created), size, [f[:3] + (["%s:%s" % (slug, f[3])] if len(f) > 3 and f[3] else []) if f[0] == "bin" else f for f in files])
                hist.append([key, by])
            hist += [[None, m] for m in after]
            full_config = dict(config)
            add_image(family, refs, history=hist, base=base, created=created, config=full_config,
                      real_size=int(size_mb * 1_000_000), rows=None)
            fam(family)["programs"].update({"%s:%s" % (slug, k): v for k, v in programs.items() if v})
        pending = later
        if not pending:
            break
    for item in pending:
        print("unresolved base %s for %s" % (item[2], item[1][0]), file=sys.stderr)


def finish():
    every = {}
    for f in FAMILIES.values():
        every.update(f["layers"])
    for f in FAMILIES.values():
        for img in list(f["images"].values()):
            for key, _ in img.get("history") or []:
                if key and key not in f["layers"]:
                    f["layers"][key] = every[key]
    for f in FAMILIES.values():
        for ref, img in f["images"].items():
            if img.get("history_rows") is None:
                img["history_rows"] = rows_of(ref)
            if img.get("real_size") is None:
                s = size_of(img.get("alias_of") or ref)
                img["real_size"] = int(s * 1_000_000) if s else None



# ---------------------------------------------------------------- docker search

# Docker Hub's short descriptions and star counts (as of late 2024) for the
# repositories `docker search` finds; written to catalog/search.json.
SEARCH = {
    "alpine": ("A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!", 11215, True),
    "busybox": ("Busybox base image.", 3353, True),
    "caddy": ("Caddy 2 is a powerful, enterprise-ready, open source web server with automatic HTTPS written in Go.", 814, True),
    "cassandra": ("Apache Cassandra is an open-source distributed storage system.", 1525, True),
    "centos": ("DEPRECATED; The official build of CentOS.", 7769, True),
    "debian": ("Debian is a Linux distribution that's composed entirely of free and open-source software.", 5179, True),
    "eclipse-temurin": ("Official Images for OpenJDK binaries built by Eclipse Temurin.", 691, True),
    "elasticsearch": ("Elasticsearch is a powerful open source search and analytics engine that makes data easy to explore.", 6284, True),
    "fedora": ("Official Docker builds of Fedora", 1213, True),
    "gcc": ("The GNU Compiler Collection is a compiling system that supports several languages.", 1003, True),
    "golang": ("Go (golang) is a general purpose, higher-level, imperative programming language.", 4996, True),
    "gradle": ("Gradle is a build tool with a focus on build automation and support for multi-language development.", 1079, True),
    "haproxy": ("HAProxy - The Reliable, High Performance TCP/HTTP Load Balancer", 1937, True),
    "hello-world": ("Hello World! (an example of minimal Dockerization)", 2398, True),
    "httpd": ("The Apache HTTP Server Project", 4817, True),
    "jenkins": ("DEPRECATED; use \"jenkins/jenkins:lts\" instead", 5665, True),
    "mariadb": ("MariaDB Server is a high performing open source relational database, forked from MySQL.", 5934, True),
    "maven": ("Apache Maven is a software project management and comprehension tool.", 1622, True),
    "memcached": ("Free & open source, high-performance, distributed memory object caching system.", 2334, True),
    "mongo": ("MongoDB document databases provide high availability and easy scalability.", 10519, True),
    "mysql": ("MySQL is a widely used, open-source relational database management system (RDBMS).", 15636, True),
    "nginx": ("Official build of Nginx.", 20847, True),
    "node": ("Node.js is a JavaScript-based platform for server-side and networking applications.", 13714, True),
    "openjdk": ("Pre-release / non-production builds of OpenJDK", 4023, True),
    "php": ("While designed for web development, the PHP scripting language also provides general-purpose use.", 7716, True),
    "postgres": ("The PostgreSQL object-relational database system provides reliability and data integrity.", 14213, True),
    "python": ("Python is an interpreted, interactive, object-oriented, open-source programming language.", 10077, True),
    "rabbitmq": ("RabbitMQ is an open source multi-protocol messaging broker.", 5240, True),
    "redis": ("Redis is the world\u2019s fastest data platform for caching, vector search, and NoSQL databases.", 13125, True),
    "registry": ("Distribution implementation for storing and distributing of container images and artifacts", 4263, True),
    "ruby": ("Ruby is a dynamic, reflective, object-oriented, general-purpose, open-source programming language.", 2363, True),
    "rust": ("Rust is a systems programming language focused on safety, speed, and concurrency.", 1067, True),
    "tomcat": ("Apache Tomcat is an open source implementation of the Java Servlet and JavaServer Pages technologies", 3719, True),
    "traefik": ("Traefik, The Cloud Native Edge Router", 3322, True),
    "ubuntu": ("Ubuntu is a Debian-based Linux operating system based on free software.", 17492, True),
    "wordpress": ("The WordPress rich content management system can utilize plugins, widgets, and themes.", 5665, True),
    "docker/getting-started": ("Getting Started tutorial for Docker", 144, False),
    "docker/welcome-to-docker": ("Docker image for new users getting started with Docker.", 42, False),
    "nicolaka/netshoot": ("a Docker + Kubernetes network trouble-shooting swiss-army container", 211, False),
    "bitnami/redis": ("Bitnami container image for Redis", 336, False),
    "bitnami/nginx": ("Bitnami container image for NGINX", 192, False),
    "bitnami/mysql": ("Bitnami container image for MySQL", 126, False),
    "bitnami/postgresql": ("Bitnami container image for PostgreSQL", 287, False),
    "redis/redis-stack": ("redis-stack installs a Redis server with additional database capabilities", 103, False),
    "redis/redis-stack-server": ("redis-stack-server installs a Redis server with additional database capabilities", 75, False),
    "ubuntu/nginx": ("Nginx, a high-performance reverse proxy & web server. Long-term tracks maintained by Canonical.", 125, False),
    "ubuntu/mysql": ("MySQL open source fast, stable, multi-thread database. Long-term tracks maintained by Canonical.", 67, False),
    "ubuntu/redis": ("Redis, an open source key-value store. Long-term tracks maintained by Canonical.", 23, False),
    "ubuntu/postgres": ("PostgreSQL is an open source object-relational database. Long-term tracks maintained by Canonical.", 37, False),
    "grafana/grafana": ("The official Grafana docker container", 3364, False),
    "portainer/portainer-ce": ("Portainer CE - a lightweight service delivery platform for containerized applications", 2380, False),
    "mcr.microsoft.com/dotnet/sdk": ("", 0, False),
}
fam("search")["search"] = {k: {"description": d, "stars": n, "official": o} for k, (d, n, o) in SEARCH.items() if not k.startswith("mcr.")}

# ---------------------------------------------------------------- output

def outputs():
    assemble_generic()
    finish()
    out = {}
    index = {}
    for name in sorted(FAMILIES):
        f = FAMILIES[name]
        index[name] = sorted(f["images"])
        out["catalog/%s.json" % name] = json.dumps(f, separators=(",", ":"), sort_keys=True) + "\n"
    out["catalog/index.json"] = json.dumps(index, separators=(",", ":"), sort_keys=True) + "\n"
    lines = ["// Generated by scripts/catalog-gen.py: the data families compiled into the native build.",
             "#[cfg(not(target_arch = \"wasm32\"))]",
             "pub(super) const FILES: &[(&str, &str)] = &["]
    for name in sorted(FAMILIES):
        lines.append("    (%s, include_str!(\"../../../catalog/%s.json\"))," % (json.dumps(name), name))
    lines += ["];", "#[cfg(target_arch = \"wasm32\")]", "pub(super) const FILES: &[(&str, &str)] = &[];", ""]
    out["src/image/catalog/data_files.rs"] = "\n".join(lines)
    rs = ["// Generated by scripts/catalog-gen.py (BUSYBOX_APPLETS): do not edit.",
          "//! The BusyBox applet links of Alpine's busybox package (`busybox --list-full`), by directory.", ""]
    for d in ("bin", "sbin", "usr/bin", "usr/sbin"):
        names = BUSYBOX_APPLETS[d]
        rs.append("/// The applets linked from `/%s`." % d)
        rs.append("pub(crate) const %s: &[&str] = &[" % d.upper().replace("/", "_"))
        rs += ["    %s," % json.dumps(n) for n in names]
        rs.append("];")
    rs.append("")
    out["src/image/catalog/busybox_applets.rs"] = "\n".join(rs)
    rs = ["// Generated by scripts/catalog-gen.py (DEBIAN_PROGRAMS): do not edit.",
          "//! GNU coreutils and util-linux programs of Debian's and Ubuntu's base images, by directory before the /usr merge.",
          ""]
    for d in ("bin", "usr/bin", "usr/sbin"):
        rs.append("/// The programs in `/%s`." % d)
        names = DEBIAN_PROGRAMS[d]
        if len(names) == 1:
            rs.append("pub(crate) const %s: &[&str] = &[%s];" % (d.upper().replace("/", "_"), json.dumps(names[0])))
            continue
        rs.append("pub(crate) const %s: &[&str] = &[" % d.upper().replace("/", "_"))
        rs += ["    %s," % json.dumps(n) for n in names]
        rs.append("];")
    rs.append("")
    out["src/image/catalog/debian_programs.rs"] = "\n".join(rs)
    total = sum(len(v) for k, v in out.items() if k.startswith("catalog/"))
    doc = ["# Images in the simulator's registry (generated)", "",
           "Generated by `scripts/catalog-gen.py`; do not edit. The Rust catalog's references",
           "(`src/image/catalog/families.rs`) are listed in docs/images.md.", "",
           "| family | bytes | references |", "|---|---:|---|"]
    for name in sorted(FAMILIES):
        doc.append("| %s | %d | %s |" % (name, len(out["catalog/%s.json" % name]), ", ".join("`%s`" % r for r in sorted(FAMILIES[name]["images"]))))
    doc += ["", "Total: %d families, %d references, %d bytes of data (%d bytes index)." % (
        len(FAMILIES), sum(len(f["images"]) for f in FAMILIES.values()), total, len(out["catalog/index.json"])), ""]
    out["docs/images-list.md"] = "\n".join(doc)
    return out


def main():
    pins_path = os.path.join(CAT, "pins.txt")
    if os.path.exists(pins_path):
        for line in open(pins_path):
            if " " in line:
                k, d = line.rstrip("\n").rsplit(" ", 1)
                PINS[k] = d
    out = outputs()
    check = "--check" in sys.argv
    stale = []
    for rel, text in out.items():
        path = os.path.join(ROOT, rel)
        old = open(path).read() if os.path.exists(path) else None
        if old != text:
            stale.append(rel)
            if not check:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as fh:
                    fh.write(text)
    if check and stale:
        print("stale (run python3 scripts/catalog-gen.py): " + ", ".join(stale), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
