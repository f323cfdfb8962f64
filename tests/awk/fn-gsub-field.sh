echo 'a-b c-d' | awk '{gsub(/-/, "+", $2); print; print $1}'
