printf 'hello' > f; mkdir d; stat -c '%n %F' f d
