cat > run.sh <<'EOF'
#!/bin/sh
echo "script args: $# $1"
for i in 1 2; do echo "loop $i"; done
exit 3
EOF
sh run.sh first
echo "status $?"
chmod +x run.sh
./run.sh second
echo "status $?"
