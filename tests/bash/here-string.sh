x="a b  c"; cat <<< "$x"; cat <<< $x; read -r first rest <<< "one two three"; echo "$first|$rest"; wc -l <<< hi; tr a-z A-Z <<<'quoted $x'; ls; y=$(cat <<< "$x"); echo "[$y]"
