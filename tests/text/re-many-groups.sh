echo abcdefghij | sed -E 's/(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)/\9\8\7\6\5\4\3\2\1/'
