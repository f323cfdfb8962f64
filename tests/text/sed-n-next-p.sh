printf 'h1\nv1\nh2\nv2\n' | sed -n '/h/{n;p}'
