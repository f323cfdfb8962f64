echo bye; exit 7
