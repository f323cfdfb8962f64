//! Usage texts: `docker`, `docker CMD --help`.

use super::Out;

/// `docker CMD --help`: the real client's text where it was recorded
/// (`help_texts`), else the usage line and what the command does.
pub fn help(cmd: &str, out: &mut Out) -> i32 {
    if let Some((_, text)) = super::help_texts::TEXTS.iter().find(|(c, _)| *c == cmd) {
        out.out(text);
        return 0;
    }
    let (usage, about) = match cmd {
        "run" => ("[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create and run a new container from an image"),
        "create" => ("[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new container"),
        "start" => ("[OPTIONS] CONTAINER [CONTAINER...]", "Start one or more stopped containers"),
        "stop" => ("[OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers"),
        "restart" => ("[OPTIONS] CONTAINER [CONTAINER...]", "Restart one or more containers"),
        "kill" => ("[OPTIONS] CONTAINER [CONTAINER...]", "Kill one or more running containers"),
        "rm" => ("[OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers"),
        "ps" => ("[OPTIONS]", "List containers"),
        "exec" => ("[OPTIONS] CONTAINER COMMAND [ARG...]", "Execute a command in a running container"),
        "logs" => ("[OPTIONS] CONTAINER", "Fetch the logs of a container"),
        "diff" => ("CONTAINER", "Inspect changes to files or directories on a container's filesystem"),
        "commit" => ("[OPTIONS] CONTAINER [REPOSITORY[:TAG]]", "Create a new image from a container's changes"),
        "cp" => ("[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-", "Copy files/folders between a container and the local filesystem"),
        "port" => ("CONTAINER [PRIVATE_PORT[/PROTO]]", "List port mappings or a specific mapping for the container"),
        "images" => ("[OPTIONS] [REPOSITORY[:TAG]]", "List images"),
        "build" => ("[OPTIONS] PATH | URL | -", "Build an image from a Dockerfile"),
        "history" => ("[OPTIONS] IMAGE", "Show the history of an image"),
        "pull" => ("[OPTIONS] NAME[:TAG|@DIGEST]", "Download an image from a registry"),
        "tag" => ("SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"),
        "rmi" => ("[OPTIONS] IMAGE [IMAGE...]", "Remove one or more images"),
        "save" => ("[OPTIONS] IMAGE [IMAGE...]", "Save one or more images to a tar archive (streamed to STDOUT by default)"),
        "load" => ("[OPTIONS]", "Load an image from a tar archive or STDIN"),
        "system df" => ("[OPTIONS]", "Show docker disk usage"),
        "image prune" => ("[OPTIONS]", "Remove unused images"),
        "container prune" => ("[OPTIONS]", "Remove all stopped containers"),
        "builder prune" => ("", "Remove build cache"),
        "inspect" | "image inspect" | "container inspect" => {
            ("[OPTIONS] NAME|ID [NAME|ID...]", "Return low-level information on Docker objects")
        }
        _ => ("[OPTIONS]", ""),
    };
    out.line(format!("\nUsage:  docker {cmd} {usage}\n\n{about}"));
    0
}
