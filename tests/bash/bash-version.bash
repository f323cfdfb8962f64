status: 0
--- stdout
5.2.15(1)-release
bash
--- stderr
