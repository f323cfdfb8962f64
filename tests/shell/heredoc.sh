name=world
cat <<EOF
hello $name
  indented
EOF
cat <<'EOF'
literal $name
EOF
