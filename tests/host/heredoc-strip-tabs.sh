cat <<-EOF
	one
		two
	EOF
echo done
