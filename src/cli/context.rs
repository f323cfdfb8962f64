//! `docker context` and `docker buildx ls`: the one context (`default`, the
//! local daemon's socket) and the one builder (the daemon's BuildKit) a
//! fresh Docker Engine has.

use super::flags::{self, v};
use super::{flag_error, Out};

/// `docker context SUB …`.
pub fn context(args: &[String], out: &mut Out) -> i32 {
    let sub = args.first().map(String::as_str).unwrap_or("");
    let rest = args.get(1..).unwrap_or(&[]);
    match sub {
        "ls" | "list" => {
            let p = match flags::parse(&[v("format", None)], rest, false) {
                Ok(p) => p,
                Err(e) => return flag_error("context ls", &e, out),
            };
            match p.value("format") {
                Some("json") => out.line(r#"{"Current":true,"Description":"Current DOCKER_HOST based configuration","DockerEndpoint":"unix:///var/run/docker.sock","Error":"","Name":"default"}"#),
                Some("{{.Name}}") => out.line("default"),
                Some(other) => {
                    out.eline(format!("dockersim: docker context ls --format {other}: not simulated (json and {{{{.Name}}}} are)"));
                    return 1;
                }
                None => out.out(super::table::tabwrite(
                    "NAME\tDESCRIPTION\tDOCKER ENDPOINT\tERROR\ndefault *\tCurrent DOCKER_HOST based configuration\tunix:///var/run/docker.sock\t\n",
                )),
            }
            0
        }
        "show" => {
            out.line("default");
            0
        }
        "use" => match rest.first().map(String::as_str) {
            Some("default") => {
                out.line("default");
                out.eline("Current context is now \"default\"");
                0
            }
            Some(name) => {
                out.eline(format!("context \"{name}\" does not exist"));
                1
            }
            None => {
                out.eline("\"docker context use\" requires exactly 1 argument.\nSee 'docker context use --help'.\n\nUsage:  docker context use CONTEXT\n\nSet the current docker context");
                1
            }
        },
        "inspect" if rest.iter().all(|a| a == "default") => {
            out.line("[\n    {\n        \"Name\": \"default\",\n        \"Metadata\": {},\n        \"Endpoints\": {\n            \"docker\": {\n                \"Host\": \"unix:///var/run/docker.sock\",\n                \"SkipTLSVerify\": false\n            }\n        },\n        \"TLSMaterial\": {},\n        \"Storage\": {\n            \"MetadataPath\": \"\\u003cIN MEMORY\\u003e\",\n            \"TLSPath\": \"\\u003cIN MEMORY\\u003e\"\n        }\n    }\n]");
            0
        }
        "" | "--help" | "-h" => {
            out.line("\nUsage:  docker context COMMAND\n\nManage contexts\n\nCommands:\n  create      Create a context\n  export      Export a context to a tar archive FILE or a tar stream on STDOUT.\n  import      Import a context from a tar or zip file\n  inspect     Display detailed information on one or more contexts\n  ls          List contexts\n  rm          Remove one or more contexts\n  show        Print the name of the current context\n  update      Update a context\n  use         Set the current docker context\n\nRun 'docker context COMMAND --help' for more information on a command.");
            0
        }
        other => {
            out.eline(format!("dockersim: docker context {other}: not simulated (the machine has the default context only)"));
            1
        }
    }
}

/// `docker buildx ls`: the daemon's own builder.
pub fn buildx_ls(out: &mut Out) -> i32 {
    out.out(super::table::tabwrite(
        "NAME/NODE\tDRIVER/ENDPOINT\tSTATUS\tBUILDKIT\tPLATFORMS\ndefault*\tdocker\t\t\t\n \\_ default\t \\_ default\trunning\tv0.17.3\tlinux/amd64 (+3), linux/386\n",
    ));
    0
}
