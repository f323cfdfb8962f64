#!/usr/bin/env bash
# Records `docker CMD --help` from the real docker client (which answers
# --help without a daemon) into src/cli/help_texts/, and regenerates the table
# src/cli/help_texts.rs that includes them. `docker build`'s help is BuildKit's
# (buildx), which this client lacks, so it stays written in src/cli/help.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v docker >/dev/null || { echo "needs the docker client" >&2; exit 1; }
cmds=(
  "" run create start stop restart kill rm ps exec logs diff commit cp port images history pull push tag rmi
  save load login logout inspect top rename attach wait pause unpause search version info stats update events
  export import
  "container" "container run" "container create" "container start" "container stop" "container restart"
  "container kill" "container rm" "container ls" "container exec" "container logs" "container diff"
  "container commit" "container cp" "container port" "container inspect" "container prune" "container top"
  "container rename" "container attach" "container wait" "container pause" "container unpause"
  "image" "image ls" "image history" "image pull" "image push" "image tag" "image rm" "image save" "image load"
  "image inspect" "image prune"
  "system" "system df" "system prune" "system info"
  "builder" "builder prune"
  "network" "network create" "network ls" "network inspect" "network rm" "network connect" "network disconnect" "network prune"
  "volume" "volume create" "volume ls" "volume inspect" "volume rm" "volume prune"
  "manifest" "manifest inspect"
)
out=src/cli/help_texts
rm -f "$out"/*.txt
{
  echo "//! \`docker CMD --help\` as the real client prints it (recorded by"
  echo "//! scripts/docker-help.sh from docker $(docker --version | sed 's/Docker version //; s/,.*//'); do not edit by hand)."
  echo
  echo "pub const TEXTS: &[(&str, &str)] = &["
  for c in "${cmds[@]}"; do
    name=${c:-docker}; file=${name// /_}.txt
    # shellcheck disable=SC2086
    docker $c --help > "$out/$file"
    echo "    (\"$c\", include_str!(\"help_texts/$file\")),"
  done
  echo "];"
} > src/cli/help_texts.rs
# This client has no plugins; Docker Engine ships buildx and compose, whose
# entries its top-level help lists.
sed -i -e 's/^  builder     Manage builds$/&\n  buildx*     Docker Buildx/' -e 's/^  checkpoint  Manage checkpoints$/&\n  compose*    Docker Compose/' "$out/docker.txt"
echo "recorded ${#cmds[@]} help texts"
