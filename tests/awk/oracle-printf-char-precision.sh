awk 'BEGIN { printf "[%c][%.0c][%5.0c][%-3c]\n", "", 65, "x", 0; printf "[%.s][%3.s][%+.s][%.0s]\n", "abc", "de", "f", "gh"; printf "[% s][% 3s][% -3s]\n", "", "", "" }' | tr '\0' @
awk 'BEGIN { printf "[%.*c][%5.*c][%.*s]\n", 0, "y", 0, "z", 1, "ij" }' | tr '\0' @
