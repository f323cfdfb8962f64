v=1.2.3; if [[ $v =~ ^[0-9]+\.[0-9]+ ]]; then echo "ok $BASH_REMATCH"; fi
