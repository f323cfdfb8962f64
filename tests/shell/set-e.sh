set -e; echo one; false; echo never
