mkdir sub; (cd sub && pwd | sed "s|.*/||"); basename "$(pwd)" >/dev/null; echo back
