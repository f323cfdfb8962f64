printf 'abc123 web Up\ndef456 db Exited\n' | awk '$3 == "Exited" {print $1}' | xargs echo docker rm
