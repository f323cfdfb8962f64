printf 'hello\n' > t; : > e; mkdir d; ln -s t l; file t e d l
