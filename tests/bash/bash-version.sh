echo "$BASH_VERSION"; echo $0
